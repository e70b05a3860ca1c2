"""A page of figures for a CSV export: the page's own statement, streamed."""

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from asyncpg import Record
from sqlalchemy.ext.asyncio import AsyncConnection

from app.db.record_streams import stream_records
from app.turnover.queries.listing import PageRequest, page_statement, page_tail_statement

# Records fetched per round trip while an export streams: few round trips, bounded memory.
EXPORT_BATCH = 2000


@dataclass(frozen=True)
class PageExport:
    """A page of figures for a CSV export, read on the export's connection in one snapshot
    (REPEATABLE READ), so that the page's end and its rows agree."""

    request: PageRequest  # row_limit: the page's size

    async def next_page_after(self, connection: AsyncConnection) -> Any | None:
        """The page's last row, when another page follows it; else None."""
        size = self.request.values["row_limit"]
        values = {**self.request.values, "row_limit": size + 1, "row_offset": size - 1}
        statement = page_tail_statement(self.request.shape)
        result = await connection.exec_driver_sql(statement.sql, tuple(statement.arguments(values)))
        rows = result.mappings().all()
        return rows[0] if len(rows) == 2 else None

    def batches(
        self, connection: AsyncConnection, made: Callable[[Sequence[Record]], bytes]
    ) -> AsyncIterator[bytes]:
        """made(records) of each batch of the page's rows from a server-side cursor,
        EXPORT_BATCH per round trip."""
        statement = page_statement(self.request.shape)
        arguments = statement.arguments(self.request.values)
        return stream_records(connection, statement.sql, arguments, EXPORT_BATCH, made)
