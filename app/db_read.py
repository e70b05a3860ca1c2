"""Read-only database access for the routes: the read replica when configured, no transaction.

Read routes run on `app.state.read_engine` (DATABASE_READ_URL, else DATABASE_URL) in
autocommit: each query travels alone, with no BEGIN/COMMIT round trips. Routes take a Core
connection (ReadConnection), or a session when they load ORM objects (ReadSessionDep). The
hottest statements, sent as prepared SQL text, go through `app.state.read_pool`: asyncpg's
own pool on the same server, which hands out a connection without SQLAlchemy's pool events
and greenlet switches (at most DB_POOL_SIZE more connections).
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated, Any

import asyncpg
from asyncpg import Record
from fastapi import Depends, FastAPI, Request
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from app.config import Settings
from app.db import asyncpg_dsn

# Runs a SELECT given as SQL text and its parameters, returning its rows.
Fetch = Callable[[str, Sequence[Any]], Awaitable[list[Record]]]

# Errors that mean the connection (or the way to the server) is gone, not the statement wrong.
_LOST = (OSError, TimeoutError, asyncpg.InterfaceError, asyncpg.PostgresConnectionError)


@asynccontextmanager
async def read_connection(app: FastAPI) -> AsyncIterator[AsyncConnection]:
    """A pooled read connection, for routes that do without dependency injection too."""
    pinned: AsyncConnection | None = getattr(app.state, "read_connection", None)
    if pinned is not None:  # a test's connection, inside the test's transaction
        yield pinned
        return
    # An app given only its main engine (a test, say) reads through that one.
    engine: AsyncEngine = getattr(app.state, "read_engine", None) or app.state.engine
    async with engine.connect() as connection:
        yield connection


async def get_read_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    async with read_connection(request.app) as connection:
        yield connection


ReadConnection = Annotated[AsyncConnection, Depends(get_read_connection)]


async def get_read_session(connection: ReadConnection) -> AsyncIterator[AsyncSession]:
    """A session on the request's read connection: one pooled connection per request."""
    async with AsyncSession(bind=connection, expire_on_commit=False) as session:
        yield session


ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session)]

# Queries that only SELECT run on either: a read connection, or a request's session.
Reader = AsyncConnection | AsyncSession


async def fetch_records(
    connection: AsyncConnection, sql: str, arguments: Sequence[Any]
) -> list[Record]:
    """Rows of a SELECT sent as text on the connection's own asyncpg connection.

    For the hottest reads: asyncpg prepares and caches the statement, and no result
    machinery sits between its records and the caller. Errors come out as SQLAlchemy's, so
    the app answers them as any other; a connection found dead is invalidated, and the pool
    replaces it.
    """
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    try:
        with _as_sqlalchemy_errors(sql, arguments):
            records: list[Record] = await driver.fetch(sql, *arguments)
    except OperationalError as exc:
        await connection.invalidate(exc.orig)
        raise
    return records


@contextmanager
def _as_sqlalchemy_errors(sql: str, arguments: Sequence[Any]) -> Iterator[None]:
    """asyncpg's errors as SQLAlchemy's: OperationalError when the way to the server is lost,
    DBAPIError (with the SQLSTATE) when the statement or the connecting failed."""
    try:
        yield
    except _LOST as exc:
        raise OperationalError(sql, arguments, exc, connection_invalidated=True) from exc
    except asyncpg.PostgresError as exc:
        raise DBAPIError(sql, arguments, exc) from exc


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
        """A connection; a wait for one (all taken) ends after acquire_timeout_s."""
        # A free connection is handed over at once: only a wait needs the (costly) timer.
        full = self.taken >= self.pool.get_max_size()
        self.taken += 1
        try:
            async with self.pool.acquire(
                timeout=self.acquire_timeout_s if full else None
            ) as connection:
                yield connection
        finally:
            self.taken -= 1

    async def close(self) -> None:
        await self.pool.close()


async def create_read_pool(url: str, settings: Settings) -> ReadPool:
    """asyncpg's pool on `url`, bounded as the engines are: connecting, waiting, each query.

    It connects on first use; a connection the server dropped (a restart) is replaced at its
    next acquisition, so the pool recovers on its own. Its connections only ever run
    prepared SELECTs in autocommit, so they are handed back as they are, without asyncpg's
    reset round trip (which clears session state they never set).
    """
    pool = await asyncpg.create_pool(
        asyncpg_dsn(url),
        min_size=0,
        max_size=settings.db_pool_size,
        timeout=settings.db_connect_timeout_s,
        command_timeout=settings.db_statement_timeout_ms / 1000 + 1,
        server_settings={
            "application_name": "tradestat",
            "statement_timeout": str(settings.db_statement_timeout_ms),
        },
        reset=_keep_as_is,
    )
    return ReadPool(pool, settings.db_pool_timeout_s)


async def read_records(app: FastAPI, sql: str, arguments: Sequence[Any]) -> list[Record]:
    """fetch_records on the app's read pool (a test's pinned connection or an app without a
    pool reads on a read connection)."""
    read_pool: ReadPool | None = getattr(app.state, "read_pool", None)
    if read_pool is None or getattr(app.state, "read_connection", None) is not None:
        async with read_connection(app) as connection:
            return await fetch_records(connection, sql, arguments)
    with _as_sqlalchemy_errors(sql, arguments):
        async with read_pool.acquire() as driver:
            records: list[Record] = await driver.fetch(sql, *arguments)
    return records
