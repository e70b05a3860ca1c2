"""One timeout policy for every way to the database: connecting, waiting for a pooled
connection, each statement, and the readiness probe.

A database-bound request answers within `acquire_s + statement_s`, even when the server
hangs: a wait for a pooled connection ends as *busy*, a connection attempt as *unavailable*,
a statement as *timed out*. The server enforces the statement bound (`statement_timeout`);
the driver enforces it too, a little later, for a server that no longer answers at all.
"""

from dataclasses import dataclass
from typing import Any

from app.config import Settings

# The driver's bound on a statement trails the server's, so that a live server's own
# timeout is the one seen (its connection stays usable).
DRIVER_MARGIN_S = 0.5
# /readyz answers within 2 s, whatever the database does.
READY_S = 1.5


@dataclass(frozen=True)
class Timeouts:
    connect_s: float
    acquire_s: float
    statement_ms: int

    @classmethod
    def of(cls, settings: Settings) -> "Timeouts":
        return cls(
            # A connection is opened while a request waits: it shares the wait's budget.
            connect_s=min(settings.db_connect_timeout_s, settings.db_pool_timeout_s),
            acquire_s=settings.db_pool_timeout_s,
            statement_ms=settings.db_statement_timeout_ms,
        )

    @property
    def statement_s(self) -> float:
        return self.statement_ms / 1000

    @property
    def driver_statement_s(self) -> float:
        return self.statement_s + DRIVER_MARGIN_S

    @property
    def request_s(self) -> float:
        """The most a database-bound request waits for the database."""
        return self.acquire_s + self.statement_s

    @property
    def ready_s(self) -> float:
        return READY_S

    def connect_options(self, bounded: bool = True) -> dict[str, Any]:
        """asyncpg.connect's keyword arguments that bound a connection's every wait.

        bounded=False leaves statements to the server's bound alone: loads and deletions run
        as long as their data takes, and lift `statement_timeout` where they must wait.
        """
        return {
            "timeout": self.connect_s,
            "command_timeout": self.driver_statement_s if bounded else None,
            "server_settings": {
                "application_name": "tradestat",
                "statement_timeout": str(self.statement_ms),
            },
        }
