"""Engine, session factory, and the per-request session where a request's transaction ends."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.config import Settings
from app.embedded import start_embedded_server


def resolve_database_url(settings: Settings) -> str:
    """The configured server, else the embedded one (started on demand)."""
    if settings.database_url:
        return settings.database_url
    return start_embedded_server(settings.data_dir)


def async_url(url: str) -> URL:
    """Any postgres URL, driven by asyncpg."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg")


def create_engine(url: str, settings: Settings, *, read_only: bool = False) -> AsyncEngine:
    """An engine whose every wait is bounded: connecting, queueing for the pool, each query.

    read_only: autocommit, so a read sends its query alone, without BEGIN and COMMIT.
    """
    return create_async_engine(
        async_url(url),
        pool_size=settings.db_pool_size,
        pool_timeout=settings.db_pool_timeout_s,
        pool_pre_ping=True,
        isolation_level="AUTOCOMMIT" if read_only else "READ COMMITTED",
        connect_args={
            "timeout": settings.db_connect_timeout_s,
            # Client-side bound too (the pre-ping has no statement_timeout of its own).
            "command_timeout": settings.db_statement_timeout_ms / 1000 + 1,
            "server_settings": {
                "application_name": "tradestat",
                "statement_timeout": str(settings.db_statement_timeout_ms),
            },
        },
    )


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
