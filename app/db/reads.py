"""Reads: one typed session for every GET, on the read server, with no transaction.

A route that reads takes `ReadSessionDep`, and its signature says so. The `ReadSession` is
a SQLAlchemy session on the read engine (DATABASE_READ_URL, else DATABASE_URL) in
AUTOCOMMIT: each query travels alone, with no BEGIN or COMMIT round trip, and nothing is
ever committed. It connects on its first query, so a route that needs none takes no
connection, and is closed once the request's answer is sent. Beside its queries it offers:

- `records(sql, arguments)`: the hottest statements, prepared SQL text run on the read
  pool (app.db.read_pool), asyncpg's own pool on the same server;
- `export()`: a place in the export lane (app.db.exports), whose session runs on a
  connection of its own; the read session gives its own back first, so a streaming export
  never holds one of the pages' connections.

Writes take `SessionDep` (app.db.engine): one transaction on the primary, committed there.
"""

from collections.abc import Sequence
from typing import Annotated, Any, NoReturn

from asyncpg import Record
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from starlette.types import ASGIApp, Receive, Scope, Send

from app.db.exports import ExportLane, ExportTicket
from app.db.read_pool import Fetch


class ReadSession(AsyncSession):
    """A session that only reads: `commit` is refused (read_sessionmaker turns autoflush off)."""

    def __init__(
        self,
        bind: AsyncEngine | AsyncConnection,
        *,
        records: Fetch,
        exports: ExportLane,
        **options: Any,
    ) -> None:
        super().__init__(bind=bind, **options)
        self.fetch_records = records
        self.exports = exports

    async def records(self, sql: str, arguments: Sequence[Any]) -> list[Record]:
        """The rows of a SELECT given as SQL text, from the read pool."""
        return await self.fetch_records(sql, arguments)

    async def export(self) -> ExportTicket:
        """A place in the export lane with a session of its own (ExportsBusy when it is full);
        this session's connection, if it took one, is given back before the export streams."""
        ticket = self.exports.enter()
        await self.release()
        return ticket

    async def release(self) -> None:
        # Only a session that ran a query holds a connection (and objects) to give back;
        # closing one that never did would cost the hottest route a greenlet switch.
        if self.in_transaction():
            await self.close()

    async def commit(self) -> NoReturn:
        raise TypeError("a read session never commits: writes take SessionDep")


def read_sessionmaker(
    bind: AsyncEngine | AsyncConnection, records: Fetch, exports: ExportLane
) -> async_sessionmaker[ReadSession]:
    """Read sessions on `bind` (the read engine), with the read pool's rows and the lane."""
    return async_sessionmaker(
        bind,
        class_=ReadSession,
        autoflush=False,
        expire_on_commit=False,
        records=records,
        exports=exports,
    )


async def get_read_session(request: Request) -> ReadSession:
    """The request's read session, closed by ReadSessionsMiddleware once the answer is sent."""
    sessions: async_sessionmaker[ReadSession] = request.app.state.read_sessions
    session = sessions()
    request.state.read_sessions.append(session)
    return session


ReadSessionDep = Annotated[ReadSession, Depends(get_read_session)]


class ReadSessionsMiddleware:
    """Closes the read sessions a request opened once its answer is sent.

    Not a dependency with `yield`, which would close them as the endpoint returns: FastAPI
    wraps each of those in a cancel scope and two context managers, which costs the hottest
    uncached route a tenth of its time.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        opened: list[ReadSession] = []
        # The request's state, which inner layers share even where they copy the scope.
        scope.setdefault("state", {})["read_sessions"] = opened
        try:
            await self.app(scope, receive, send)
        finally:
            for session in opened:
                await session.release()
