"""Listings as JSON pages or CSV exports: the format, the limit, and the response.

A listing route takes `Paging` (the negotiated format and the limit) and returns
`respond(...)`: a `Page` for JSON, or a CSV streamed from a server-side cursor. Both carry
`Link: <...>; rel="next"` while another page follows. A JSON page holds at most PAGE_MAX
items; a CSV page up to EXPORT_MAX rows, in constant memory.
"""

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Protocol

from fastapi import Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.types import Receive, Scope, Send

from app.db.exports import ExportTicket
from app.db.reads import ReadSession
from app.http.csv import csv_stream, csv_text, header
from app.http.links import attachment, next_link
from app.http.negotiation import CSV, JSON, best_match
from app.http.problems import InvalidParameter, problem_responses
from app.http.vary import add_vary
from app.paging.cursors import EXPORT_MAX, PAGE_MAX, Page, encode_cursor, page_of
from app.paging.keyset import Key, Listing, fetch_page, page_end, stream_items

Format = Literal["json", "csv"]
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Paging:
    format: Format
    limit: int
    request: Request
    response: Response
    order: str = ""  # the sort order, where a listing offers more than one

    @property
    def listing(self) -> str:
        """The name a cursor is bound to: the listing's path, and its order if it has one."""
        path = self.request.url.path
        return f"{path} sort={self.order}" if self.order else path


FormatParameter = Annotated[
    Format | None,
    Query(
        alias="format",
        description="`json` or `csv`; overrides `Accept`. Unset: negotiated from "
        "`Accept` (`text/csv` gives CSV), else JSON.",
        examples=["json"],
    ),
]
LimitParameter = Annotated[
    int,
    Query(
        ge=1,
        le=EXPORT_MAX,
        description=f"Items per page. JSON: 1 to {PAGE_MAX:,} (more is a 422); CSV "
        f"(`format=csv` or `Accept: text/csv`): 1 to {EXPORT_MAX:,} rows, streamed. The "
        "maximum below is the CSV one.",
        examples=[100],
    ),
]


def negotiated_paging(
    request: Request, response: Response, format_: Format | None, limit: int, order: str = ""
) -> Paging:
    """The format `format_` names, else the one `Accept` prefers; a JSON page's limit."""
    chosen: Format = format_ or (
        "csv" if best_match(request.headers.get("accept"), (JSON, CSV)) == CSV else "json"
    )
    if chosen == "json" and limit > PAGE_MAX:
        raise InvalidParameter(
            "query.limit", f"at most {PAGE_MAX} items per JSON page; up to {EXPORT_MAX} as CSV"
        )
    return Paging(chosen, limit, request, response, order)


async def paging(
    request: Request,
    response: Response,
    format_: FormatParameter = None,
    limit: LimitParameter = 100,
) -> Paging:
    return negotiated_paging(request, response, format_, limit)


PagingDep = Annotated[Paging, Depends(paging)]


async def respond(
    read: ReadSession,
    listing: Listing,
    after: Key | None,
    schema: type[BaseModel],
    paging: Paging,
    key_of: Callable[[Any], list[Any]],
) -> Page[Any] | Response:
    """The page as a `Page` of `schema` items, or as a streamed CSV of the same fields."""
    if paging.format == "csv":
        return await csv_export(read, listing, after, paging, schema)
    rows = await fetch_page(read, listing, after, paging.limit)
    items = [schema.model_validate(row) for row in rows]
    page = page_of(items, paging.limit, key_of, paging.listing)
    link_headers(paging, page.next_cursor)
    return page


def link_headers(paging: Paging, next_cursor: str | None) -> None:
    """`Vary: Accept`, and `Link: <...>; rel="next"` while another page follows."""
    add_vary(paging.response.headers, "Accept")
    if next_cursor is not None:
        paging.response.headers["Link"] = next_link(paging.request, next_cursor)


async def csv_export(
    read: ReadSession,
    listing: Listing,
    after: Key | None,
    paging: Paging,
    schema: type[BaseModel],
) -> StreamingResponse:
    """The page as a CSV streamed from a server-side cursor, in the export lane: on a session
    of its own that stays open until the stream ends."""
    ticket = await read.export()
    try:
        through = await page_end(ticket.session, listing, after, paging.limit)
    except BaseException:
        await ticket.release()
        raise
    headers = {"Content-Disposition": attachment(paging.request), "Vary": "Accept"}
    if through is not None:
        headers["Link"] = next_link(paging.request, encode_cursor(list(through), paging.listing))
    items = stream_items(ticket.session, listing, after, through)
    chunks = ticket.lane.in_turns(csv_stream(schema, items))
    return ExportResponse(ticket, chunks, CSV_MEDIA_TYPE, headers)


class RowExport(Protocol):
    """A page's rows for an export, read on the export's own connection."""

    async def next_page_after(self, connection: AsyncConnection) -> Any | None:
        """The page's last row when another page follows, else None."""

    def batches(
        self, connection: AsyncConnection, made: Callable[[Sequence[Any]], bytes]
    ) -> AsyncIterator[bytes]:
        """made(rows) of each batch of the page's rows, in order."""


async def csv_rows_export(
    read: ReadSession,
    paging: Paging,
    schema: type[BaseModel],
    export: RowExport,
    csv_row: Callable[[Any], Sequence[Any]],
    cursor_after: Callable[[Any], str],
) -> StreamingResponse:
    """The page as a CSV of `schema`'s columns, each row made by csv_row from a row of the
    export, streamed in the export lane; `Link` to the page after the last row's cursor."""
    ticket = await read.export()
    try:
        # The lane's connections read one snapshot (app.main): the end and the rows agree.
        connection = await ticket.session.connection()
        last = await export.next_page_after(connection)
    except BaseException:
        await ticket.release()
        raise
    headers = {"Content-Disposition": attachment(paging.request), "Vary": "Accept"}
    if last is not None:
        headers["Link"] = next_link(paging.request, cursor_after(last))
    batches = export.batches(connection, lambda rows: csv_text(map(csv_row, rows)))
    chunks = ticket.lane.in_turns(_after(csv_text([header(schema)]), batches))
    return ExportResponse(ticket, chunks, CSV_MEDIA_TYPE, headers)


async def _after(first: bytes, chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for chunk in chunks:
        yield chunk


class ExportResponse(StreamingResponse):
    """A streamed export that gives its place in the lane back however its stream ends:
    sent, failed, or dropped with its client."""

    def __init__(
        self,
        ticket: ExportTicket,
        content: AsyncIterator[bytes],
        media_type: str,
        headers: dict[str, str],
    ) -> None:
        super().__init__(content, media_type=media_type, headers=headers)
        self.ticket = ticket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self.ticket.release()


def listing_responses(schema: type[BaseModel], *statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a listing: its CSV form and headers, and its problems."""
    columns = ",".join(header(schema))
    return {
        200: {
            "description": "One page of the listing, as JSON or as CSV.",
            "headers": {
                "Link": {
                    "description": 'The next page, `<URL>; rel="next"`; absent on the last.',
                    "schema": {"type": "string"},
                    "example": "<https://api.example/turnover?year=2022&cursor=WyIyMDIyLTAxLT"
                    'AxIiwxXQ.3sK1mXq0Yb9n2cVtQw7hZg>; rel="next"',
                },
                "Content-Disposition": {
                    "description": "CSV only: `attachment` with a file name from the path "
                    "and filters.",
                    "schema": {"type": "string"},
                    "example": 'attachment; filename="turnover-2022.csv"',
                },
            },
            "content": {
                "text/csv": {
                    "schema": {
                        "type": "string",
                        "description": "RFC 4180 CSV with a header row: one column per JSON "
                        "field, nested objects flattened with `_`, lists JSON-encoded.",
                    },
                    "example": columns + "\r\n",
                }
            },
        },
        **problem_responses(*statuses),
    }
