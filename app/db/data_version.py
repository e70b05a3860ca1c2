"""The version of all loaded data, as this process knows it.

PostgreSQL triggers bump `data_state.version` whenever loaded data changes and announce it
with NOTIFY on the `tradestat_data_version` channel. Each process reads the version once,
then LISTENs, so every worker learns of a change the moment its transaction commits. While
the listening connection is down the version is unknown (`None`): anything keyed by it
(ETags, cached responses) must then be bypassed, never served stale.
"""

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from app.db.engine import asyncpg_dsn

logger = logging.getLogger(__name__)

CHANNEL = "tradestat_data_version"


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime


class DataVersion:
    def __init__(self, database_url: str, retry_s: float = 1.0, keepalive_s: float = 15.0) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._retry_s = retry_s
        self._keepalive_s = keepalive_s
        self._lost = asyncio.Event()
        self._current: Version | None = None
        self._connection: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._lock = asyncio.Lock()  # one query at a time on the listening connection
        self._refreshes: set[asyncio.Task[None]] = set()

    @property
    def current(self) -> Version | None:
        """The latest version seen; None while it cannot be known."""
        return self._current

    async def start(self) -> None:
        """Connect and listen; keeps trying in the background if the database is down."""
        self._task = asyncio.create_task(self._keep_listening(), name="data-version-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout=self._retry_s * 2)

    async def stop(self) -> None:
        for refresh in list(self._refreshes):
            refresh.cancel()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._close()

    async def refresh(self) -> None:
        async with self._lock:
            connection = self._connection
            if connection is None or connection.is_closed():
                return
            row = await connection.fetchrow("SELECT version, changed_at FROM data_state")
        self._current = Version(row["version"], row["changed_at"]) if row else None
        self._changed.set()

    async def _keep_listening(self) -> None:
        while True:
            try:
                self._lost.clear()
                connection = await asyncpg.connect(self._dsn, timeout=self._retry_s * 2)
                self._connection = connection
                connection.add_termination_listener(self._on_lost)
                await connection.add_listener(CHANNEL, self._on_notify)
                await self.refresh()
                while not self._lost.is_set():
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._lost.wait(), timeout=self._keepalive_s)
                    if not self._lost.is_set():  # a dead peer may never say goodbye: ask
                        async with self._lock:
                            await connection.fetchval("SELECT 1", timeout=self._retry_s * 2)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure means: unknown until reconnected
                logger.warning("data version listener down: %s", type(exc).__name__)
            self._current = None
            await self._close()
            await asyncio.sleep(self._retry_s)

    def _on_notify(self, connection: object, pid: int, channel: str, payload: str) -> None:
        task = asyncio.get_running_loop().create_task(self._refresh_or_forget())
        self._refreshes.add(task)
        task.add_done_callback(self._refreshes.discard)

    async def _refresh_or_forget(self) -> None:
        try:
            await self.refresh()
        except Exception as exc:  # the listener reconnects; until then the version is unknown
            logger.warning("data version refresh failed: %s", type(exc).__name__)
            self._current = None

    def _on_lost(self, connection: object) -> None:
        self._current = None
        self._lost.set()

    async def _close(self) -> None:
        if self._connection is not None and not self._connection.is_closed():
            with contextlib.suppress(Exception):
                await self._connection.close(timeout=1)
        self._connection = None
