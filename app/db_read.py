"""Read-only database access for the routes: the read replica when configured, no transaction.

Read routes run on `app.state.read_engine` (DATABASE_READ_URL, else DATABASE_URL) in
autocommit: each query travels alone, with no BEGIN/COMMIT round trips. Hot routes take a
Core connection (ReadConnection); routes that load ORM objects take a session (ReadSessionDep).
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession


async def get_read_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    # An app given only its main engine (a test, say) reads through that one.
    engine: AsyncEngine = (
        getattr(request.app.state, "read_engine", None) or request.app.state.engine
    )
    async with engine.connect() as connection:
        yield connection


ReadConnection = Annotated[AsyncConnection, Depends(get_read_connection)]


async def get_read_session(connection: ReadConnection) -> AsyncIterator[AsyncSession]:
    """A session on the request's read connection: one pooled connection per request."""
    async with AsyncSession(bind=connection, expire_on_commit=False) as session:
        yield session


ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session)]

# Queries that only SELECT run on either: a read connection, or a request's session.
Reader = AsyncConnection | AsyncSession
