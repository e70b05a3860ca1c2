"""Engine, session factory, and the per-request session where a request's transaction ends."""

import functools
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, NullPool
from sqlalchemy.util import await_

from app.config import Settings
from app.db.embedded import start_embedded_server
from app.db.errors import DatabaseTimedOut, DatabaseUnavailable, failure_of
from app.db.timeouts import Timeouts

IDLE_PING_S = 1.0
# The service's statements are short reads over indexes (and bulk writes). Past a few
# million figures their estimated cost passes jit_above_cost, and compiling one took far
# longer than running it (bench/results/scale.md; docs/performance.md, "At scale").
SESSION_SETTINGS = {"jit": "off"}


def resolve_database_url(settings: Settings) -> str:
    """The configured server, else the embedded one (started on demand)."""
    if settings.database_url:
        return settings.database_url
    return start_embedded_server(settings.data_dir)


def async_url(url: str) -> URL:
    """Any postgres URL, driven by asyncpg."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg")


def asyncpg_dsn(url: str) -> str:
    """Any postgres URL as the plain DSN asyncpg's own connections and pools take."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def connect(
    dsn: str, timeouts: Timeouts, bounded: bool = True, **driver_options: Any
) -> asyncpg.Connection:
    """A new connection, every wait bounded; a server that cannot be reached is *unavailable*.
    SQLAlchemy's engines and asyncpg's pool both connect through it."""
    options = {**timeouts.connect_options(bounded), **driver_options}
    options["server_settings"] = {**options.get("server_settings", {}), **SESSION_SETTINGS}
    try:
        connection: asyncpg.Connection = await asyncpg.connect(dsn, **options)
    except (OSError, TimeoutError) as exc:
        raise DatabaseUnavailable() from exc
    except asyncpg.PostgresError as exc:
        raise failure_of(exc) or exc from exc
    return connection


def create_engine(
    url: str,
    settings: Settings,
    *,
    read_only: bool = False,
    pooled: bool = True,
    bounded: bool = True,
) -> AsyncEngine:
    """An engine whose every wait is bounded by the timeout policy (app.db.timeouts).

    read_only: autocommit, so a read sends its query alone, without BEGIN and COMMIT.
    pooled=False: a connection per use, closed after it (the export lane's).
    bounded=False: for loads and deletions, whose statements the driver never cuts short.
    """
    timeouts = Timeouts.of(settings)
    dsn = asyncpg_dsn(url)
    pool_options: dict[str, Any] = (
        {
            "pool_size": settings.db_pool_size,
            # Past the pool, requests queue (up to pool_timeout) rather than open connections
            # that are closed again at once: a new backend per request costs more than the wait.
            "max_overflow": 0,
            "pool_timeout": timeouts.acquire_s,
        }
        if pooled
        else {"poolclass": NullPool}
    )
    engine = create_async_engine(
        async_url(url),
        async_creator=functools.partial(connect, dsn, timeouts, bounded),
        isolation_level="AUTOCOMMIT" if read_only else "READ COMMITTED",
        **pool_options,
    )
    ping_when_idle(engine, timeouts.connect_s)
    translate_timeouts(engine)
    return engine


def translate_timeouts(engine: AsyncEngine) -> None:
    """A statement the driver gave up on is *timed out*, and its connection is dropped:
    the driver left it mid-statement, in no state to serve the next request."""

    @event.listens_for(engine.sync_engine, "handle_error")
    def _timed_out(context: ExceptionContext) -> BaseException | None:
        if context.is_pre_ping or not isinstance(context.original_exception, TimeoutError):
            return None
        context.is_disconnect = True
        context.invalidate_pool_on_disconnect = False
        return DatabaseTimedOut()


def ping_when_idle(engine: AsyncEngine, timeout_s: float, idle_s: float = IDLE_PING_S) -> None:
    """Ping a pooled connection before use only if it was idle for idle_s; a ping unanswered
    after timeout_s (as long as a connection attempt may take) counts as a lost server.

    A connection handed back a moment ago is alive; pinging it anyway costs a round trip per
    request. One that sat idle may have lost its server (a restart): it is pinged, and if the
    ping fails the pool drops it and connects afresh, so no request sees the dead connection.
    A ping that goes unanswered (a hung server) fails the request at once as *unavailable*.
    While connections are busy, a server restart fails their queries with a 503, and the
    pool, told of the disconnect, replaces every connection it holds.
    """

    @event.listens_for(engine.sync_engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: ConnectionPoolEntry, proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle_s:
            return  # just connected, or just used
        try:
            await_(dbapi_connection.driver_connection.fetchrow(";", timeout=timeout_s))
        except TimeoutError as exc:
            # The server hangs: connecting again would only wait as long once more.
            proxy.invalidate(exc)
            raise DatabaseUnavailable() from exc
        except Exception as exc:
            raise DisconnectionError("the pooled connection is gone") from exc


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed on success, rolled back on any error."""
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


SessionDep = Annotated[AsyncSession, Depends(get_session)]


@asynccontextmanager
async def transaction(settings: Settings) -> AsyncIterator[AsyncSession]:
    """One transaction on a short-lived engine, for command-line work: commit or roll back."""
    engine = create_engine(resolve_database_url(settings), settings, bounded=False)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            yield session
    finally:
        await engine.dispose()
