"""Reads: one typed session for every GET, on the read server, with no transaction.

A route that reads takes `ReadSessionDep`, and its signature says so. The `ReadSession` is
a SQLAlchemy session on the read engine (DATABASE_READ_URL, else DATABASE_URL) in
AUTOCOMMIT: each query travels alone, with no BEGIN or COMMIT round trip, and nothing is
ever committed. It connects on its first query, so a route that needs none takes no
connection. Beside its queries it offers:

- `records(sql, arguments)`: the hottest statements, prepared SQL text run on the read
  pool (app.db.read_pool), asyncpg's own pool on the same server;
- `export()`: a place in the export lane (app.db.exports), whose session runs on a
  connection of its own, never one of the pages'.

Writes take `SessionDep` (app.db.engine): one transaction on the primary, committed there.
"""

from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any, NoReturn

from asyncpg import Record
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

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

    def export(self) -> ExportTicket:
        """A place in the export lane with a session of its own; ExportsBusy when it is full."""
        return self.exports.enter()

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


async def get_read_session(request: Request) -> AsyncIterator[ReadSession]:
    sessions: async_sessionmaker[ReadSession] = request.app.state.read_sessions
    session = sessions()
    try:
        yield session
    finally:
        # Only a session that ran a query holds a connection (and objects) to give back;
        # closing one that never did would cost the hottest route a greenlet switch.
        if session.in_transaction():
            await session.close()


# Given back when the endpoint returns, not when its response ends: a streamed export
# runs in the lane, on a session of its own.
ReadSessionDep = Annotated[ReadSession, Depends(get_read_session, scope="function")]
