"""The data version of a streaming replica, moved only once the replica has replayed a change.

Told of a change, the primary's WAL position is read (`pg_current_wal_lsn()`, on the
listening connection); the replica is asked, at short intervals, whether it has replayed
that far (`pg_last_wal_replay_lsn()`); then its own `data_state` (replicated with the data)
gives the version. Moving the version sooner would let a cache store the replica's old
answer under the new version. While the replica lags, or its replay is paused, the version
stays what the replica's data is at.
"""

import asyncio
import contextlib

import asyncpg

from app.db.data_version import VERSION_QUERY, Version, version_of
from app.db.engine import asyncpg_dsn
from app.db.notifications import Notifications

# How the connection shows in the replica's pg_stat_activity.
APPLICATION_NAME = "tradestat data version"
# A server not in recovery (a primary given as the read server) has every change.
REPLAYED = "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= $1::pg_lsn"


class ReplayedVersion:
    def __init__(
        self,
        read_url: str,
        primary: Notifications,
        timeout_s: float = 2.0,
        first_poll_s: float = 0.01,
        max_poll_s: float = 0.1,
    ) -> None:
        self._dsn = asyncpg_dsn(read_url)
        self._primary = primary
        self._timeout_s = timeout_s
        self._first_poll_s = first_poll_s
        self._max_poll_s = max_poll_s
        self._connection: asyncpg.Connection | None = None

    async def read(self) -> Version | None:
        """The replica's version, once it has replayed what the primary has written now."""
        written: int = await self._primary.fetchval("SELECT pg_current_wal_lsn()")
        connection = await self._connect()
        try:
            await self._until_replayed(connection, written)
            # Asked after the replay is seen: this statement's snapshot holds the change.
            return version_of(await connection.fetchrow(VERSION_QUERY, timeout=self._timeout_s))
        except Exception:
            await self.close()  # in doubt: a new connection next time
            raise

    async def _until_replayed(self, connection: asyncpg.Connection, lsn: int) -> None:
        pause = self._first_poll_s
        while not await connection.fetchval(REPLAYED, lsn, timeout=self._timeout_s):
            await asyncio.sleep(pause)
            pause = min(pause * 2, self._max_poll_s)

    async def _connect(self) -> asyncpg.Connection:
        if self._connection is None or self._connection.is_closed():
            self._connection = await asyncpg.connect(
                self._dsn,
                timeout=self._timeout_s,
                server_settings={"application_name": APPLICATION_NAME},
            )
        return self._connection

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            with contextlib.suppress(Exception):
                await connection.close(timeout=1)
