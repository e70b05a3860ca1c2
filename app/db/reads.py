"""Read-only database access for the routes: the read replica when configured, no transaction.

Read routes run on the app's `Reads` (`app.state.reads`): connections of the read engine
(DATABASE_READ_URL, else DATABASE_URL) in autocommit, each query travelling alone with no
BEGIN/COMMIT round trips. Routes take a Core connection (ReadConnection), or a session when
they load ORM objects (ReadSessionDep). The hottest statements, sent as prepared SQL text,
go through `Reads.records`: asyncpg's own pool on the same server, which hands out a
connection without SQLAlchemy's pool events and greenlet switches (at most DB_POOL_SIZE
more connections).
"""

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from typing import Annotated, Any, Protocol

import asyncpg
from asyncpg import Record
from fastapi import Depends, FastAPI, Request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from app.config import Settings
from app.db.engine import asyncpg_dsn, connect
from app.db.errors import DatabaseBusy, DatabaseFailure, DatabaseTimedOut, failure_of
from app.db.timeouts import Timeouts

# Runs a SELECT given as SQL text and its parameters, returning its rows.
Fetch = Callable[[str, Sequence[Any]], Awaitable[list[Record]]]


class ReadAccess(Protocol):
    """How routes read: a connection for a request, and rows of the hottest statements."""

    def connect(self) -> AbstractAsyncContextManager[AsyncConnection]: ...

    async def records(self, sql: str, arguments: Sequence[Any]) -> list[Record]: ...


def read_connection(app: FastAPI) -> AbstractAsyncContextManager[AsyncConnection]:
    """A read connection, for routes that do without dependency injection too."""
    reads: ReadAccess = app.state.reads
    return reads.connect()


async def read_records(app: FastAPI, sql: str, arguments: Sequence[Any]) -> list[Record]:
    reads: ReadAccess = app.state.reads
    return await reads.records(sql, arguments)


async def get_read_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    async with read_connection(request.app) as connection:
        yield connection


# Given back when the endpoint returns, not when its response ends: a streamed export
# never holds one of the pages' connections.
ReadConnection = Annotated[AsyncConnection, Depends(get_read_connection, scope="function")]


async def get_read_session(connection: ReadConnection) -> AsyncIterator[AsyncSession]:
    """A session on the request's read connection: one pooled connection per request."""
    async with AsyncSession(bind=connection, expire_on_commit=False) as session:
        yield session


ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]

# Queries that only SELECT run on either: a read connection, or a request's session.
Reader = AsyncConnection | AsyncSession


async def fetch_records(
    connection: AsyncConnection, sql: str, arguments: Sequence[Any]
) -> list[Record]:
    """Rows of a SELECT sent as text on the connection's own asyncpg connection.

    For the hottest reads: asyncpg prepares and caches the statement, and no result
    machinery sits between its records and the caller. A connection left in doubt (its
    server lost, or a statement given up on) is invalidated, and the pool replaces it.
    """
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    try:
        with translated_errors(sql, arguments):
            records: list[Record] = await driver.fetch(sql, *arguments)
    except DatabaseFailure as exc:
        await connection.invalidate(exc)
        raise
    return records


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


class Reads:
    """The app's reads: the read engine's connections, and the read pool's records."""

    def __init__(self, engine: AsyncEngine, pool: ReadPool) -> None:
        self.engine = engine
        self.pool = pool

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.connect() as connection:
            yield connection

    async def records(self, sql: str, arguments: Sequence[Any]) -> list[Record]:
        with translated_errors(sql, arguments):
            async with self.pool.acquire() as driver:
                records: list[Record] = await driver.fetch(sql, *arguments)
        return records

    async def close(self) -> None:
        await self.pool.close()
        await self.engine.dispose()
