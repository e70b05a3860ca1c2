"""The export lane: CSV exports run beside the pages, never in their way.

At most EXPORT_CONCURRENCY exports stream at once, each on a connection of its own (opened
for it, closed after it), never one of the pages' pooled connections. One export more is
refused at once, with a 503 problem and `Retry-After`: it never waits for a slot.

Exports take turns to make their next chunk (fetching rows, encoding CSV), one at a time:
the work is CPU-bound and shares the event loop with the pages, so without turns a page
would wait behind a chunk of every running export at each step of its own.
"""

import asyncio
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.http.problems import ServiceUnavailable


class ExportsBusy(ServiceUnavailable):
    title = "Exports Busy"
    slug = "exports-busy"
    headers = {"Retry-After": "10"}  # noqa: RUF012 - read only

    def __init__(self, concurrency: int) -> None:
        super().__init__(
            f"{concurrency} exports are running, as many as this server runs at once; "
            "try again shortly, or ask for a JSON page."
        )


class ExportTicket:
    """One export's place in the lane and its session; `release` may be called many times."""

    def __init__(self, lane: "ExportLane", session: AsyncSession) -> None:
        self.lane = lane
        self.session = session
        self.released = False

    async def release(self) -> None:
        if self.released:
            return
        self.released = True
        self.lane.running -= 1
        await self.session.close()


class ExportLane:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], concurrency: int) -> None:
        self.sessionmaker = sessionmaker
        self.concurrency = concurrency
        self.running = 0
        self.turn = asyncio.Lock()  # FIFO: every export gets its turn

    def enter(self) -> ExportTicket:
        """A place in the lane, with a session of its own; ExportsBusy when the lane is full."""
        if self.running >= self.concurrency:
            raise ExportsBusy(self.concurrency)
        self.running += 1
        return ExportTicket(self, self.sessionmaker())

    async def in_turns(self, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
        """The chunks, each made during the export's turn."""
        while True:
            async with self.turn:
                try:
                    chunk = await anext(chunks)
                except StopAsyncIteration:
                    return
            yield chunk
