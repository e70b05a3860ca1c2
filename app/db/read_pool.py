"""The read pool: asyncpg's own pool on the read server, for the hottest statements.

A ReadSession's `records` runs here: prepared SQL text handed to an asyncpg connection,
without SQLAlchemy's pool events and greenlet switches in between (at most DB_POOL_SIZE
connections more than the read engine's).
"""

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import asyncpg
from asyncpg import Record
from sqlalchemy.exc import DBAPIError

from app.config import Settings
from app.db.engine import asyncpg_dsn, connect
from app.db.errors import DatabaseBusy, DatabaseTimedOut, failure_of
from app.db.timeouts import Timeouts

# Runs a SELECT given as SQL text and its parameters, returning its rows.
Fetch = Callable[[str, Sequence[Any]], Awaitable[list[Record]]]


@contextmanager
def translated_errors(sql: str, arguments: Sequence[Any]) -> Iterator[None]:
    """asyncpg's errors as the app's: a database failure (busy, timed out, unavailable), or
    SQLAlchemy's DBAPIError (with the SQLSTATE) when the statement itself failed."""
    try:
        yield
    except TimeoutError as exc:
        raise DatabaseTimedOut() from exc
    except (OSError, asyncpg.InterfaceError, asyncpg.PostgresError) as exc:
        failure = failure_of(exc)
        if failure is not None:
            raise failure from exc
        if isinstance(exc, asyncpg.PostgresError):
            raise DBAPIError(sql, arguments, exc) from exc
        raise


async def _keep_as_is(connection: asyncpg.Connection) -> None:
    return None


class ReadPool:
    """asyncpg's pool, and how many of its connections are out: every taker goes through
    `acquire`, so whether one is free is known without walking the pool's connections."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout_s: float) -> None:
        self.pool = pool
        self.acquire_timeout_s = acquire_timeout_s
        self.taken = 0

    async def records(self, sql: str, arguments: Sequence[Any]) -> list[Record]:
        """The rows of a SELECT sent as SQL text: asyncpg prepares and caches the statement,
        and no result machinery sits between its records and the caller."""
        with translated_errors(sql, arguments):
            async with self.acquire() as driver:
                records: list[Record] = await driver.fetch(sql, *arguments)
        return records

    @asynccontextmanager
    async def acquire(self) -> AsyncIterator[asyncpg.Connection]:
        """A connection; a wait for one (all taken) ends after acquire_timeout_s as *busy*."""
        # A free connection is handed over at once: only a wait needs the (costly) timer.
        full = self.taken >= self.pool.get_max_size()
        self.taken += 1
        try:
            try:
                connection = await self.pool.acquire(
                    timeout=self.acquire_timeout_s if full else None
                )
            except TimeoutError as exc:
                raise DatabaseBusy() from exc
            try:
                yield connection
            except (TimeoutError, asyncio.CancelledError):
                # Left mid-statement: a hung server would never answer the cancel that
                # asyncpg waits for before reuse, so the connection is dropped at once.
                connection.terminate()
                raise
            finally:
                await self.pool.release(connection)
        finally:
            self.taken -= 1

    async def close(self) -> None:
        await self.pool.close()


async def create_read_pool(url: str, settings: Settings) -> ReadPool:
    """asyncpg's pool on `url`, bounded by the timeout policy: connecting, waiting, each query.

    It connects on first use; a connection the server dropped (a restart) is replaced at its
    next acquisition, so the pool recovers on its own. Its connections only ever run
    prepared SELECTs in autocommit, so they are handed back as they are, without asyncpg's
    reset round trip (which clears session state they never set).
    """
    timeouts = Timeouts.of(settings)
    pool = await asyncpg.create_pool(
        asyncpg_dsn(url),
        min_size=0,
        max_size=settings.db_pool_size,
        connect=functools.partial(connect, timeouts=timeouts),
        reset=_keep_as_is,
    )
    return ReadPool(pool, timeouts.acquire_s)
