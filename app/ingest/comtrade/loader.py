"""Load a Comtrade file: a `dataset` document and its rows by COPY, in one transaction.

The rows are checked in a worker thread while earlier ones are copied; a bad row (unless bad
rows are skipped) stops the copying, the rest of the file is still checked so that every bad
row is reported, and the transaction is rolled back: nothing is loaded.
"""

import asyncio
import re
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.comtrade.feed import FigureFeed
from app.ingest.comtrade.rows import BadRow, ParsedFile, read_file
from app.ingest.load_lock import WAIT, Turn, take_load_lock
from app.ingest.reference_sync import sync_countries
from app.models import Document

COPY_BATCH = 20_000
# Until its end the server keeps a statement's rows for its statement triggers, and a
# foreign-key check to run for each: a larger file is copied in several statements.
ROWS_PER_STATEMENT = 1_000_000
MAX_LISTED = 20  # bad rows named in an error message; the rest are counted
COPY_COLUMNS = (
    "reporter_code",
    "partner_code",
    "flow",
    "period_start",
    "period_end",
    "period_label",
    "amount",
    "value_usd",
    "quote",
    "char_start",
    "char_end",
    "currency",
    "value_qualifier",
    "attribution",
    "document_id",
)


@dataclass(frozen=True)
class ImportOptions:
    skip_bad_rows: bool = False
    title: str | None = None
    publisher: str = "UN Comtrade"
    checked: Callable[[int], None] | None = None  # progress: this many more lines checked
    loaded: Callable[[int], None] | None = None  # progress: this many more figures written
    turn: Turn = WAIT  # whether to wait while another load runs


@dataclass
class ImportReport:
    slug: str
    document_id: int
    already_imported: bool = False
    figures: int = 0
    lines: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bad: list[BadRow] = field(default_factory=list)
    seconds: float = 0.0


class ImportRefused(Exception):  # noqa: N818 - named for what happened
    """Bad rows in a file imported without --skip-bad-rows: nothing was loaded."""

    def __init__(self, path: Path, bad: Sequence[BadRow]) -> None:
        self.bad = list(bad)
        listed = "\n".join(f"  {path}:{row.line}: {row.problem}" for row in bad[:MAX_LISTED])
        more = f"\n  ... and {len(bad) - MAX_LISTED} more" if len(bad) > MAX_LISTED else ""
        super().__init__(f"{len(bad)} bad row(s):\n{listed}{more}")


def document_slug(path: Path, sha256: str) -> str:
    stem = re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-._")[:120] or "file"
    return f"comtrade-{stem}-{sha256[:12]}"


async def import_csv(
    sessionmaker: async_sessionmaker[AsyncSession], path: Path, options: ImportOptions
) -> ImportReport:
    """Check the whole file while loading it in one transaction; with a bad row (unless
    skipped), raise ImportRefused once the whole file is checked, and load nothing."""
    started = perf_counter()
    async with sessionmaker() as session, session.begin():
        parsed = await read_while_connecting(session, path)
        feed = FigureFeed(
            parsed, batch=COPY_BATCH, skip_bad_rows=options.skip_bad_rows, checked=options.checked
        )
        async with feed:
            report = await load_file(session, feed, options)
    report.seconds = perf_counter() - started
    return report


async def read_while_connecting(session: AsyncSession, path: Path) -> ParsedFile:
    """Read and hash the file in a thread while the session connects: both take a while,
    the one on this process's CPU, the other mostly waiting for the server."""
    reading = asyncio.ensure_future(asyncio.to_thread(read_file, path))
    try:
        await session.connection()
    finally:
        # Even when connecting failed: the thread runs on, and a bad file is the news.
        parsed = await reading
    return parsed


async def load_file(
    session: AsyncSession, feed: FigureFeed, options: ImportOptions
) -> ImportReport:
    """Write the document and its figures in the caller's transaction, as the feed reads them."""
    await take_load_lock(session, f"the load of {feed.parsed.path.name}", options.turn)
    # A command-line load, not an API request: a large file may take longer than the API's
    # limit. The statement triggers read the COPY's rows as a transition table: more of them
    # stay in memory before it spills to a temporary file. One statement: one round trip.
    await session.execute(
        select(
            func.set_config("statement_timeout", "0", True),
            func.set_config("work_mem", "32MB", True),
        )
    )
    parsed = feed.parsed
    report = ImportReport(slug=document_slug(parsed.path, parsed.sha256), document_id=0)
    existing = (
        await session.execute(
            select(Document.id, Document.slug).where(Document.sha256 == parsed.sha256)
        )
    ).first()
    if existing is not None:  # the same text: loading it again changes nothing
        async for _ in feed.batches():  # but the file is checked all the same
            pass
        _checked(report, parsed, options)
        report.document_id, report.slug = existing.id, existing.slug
        report.already_imported = True
        return report
    await sync_countries(session)
    document_id = await session.scalar(
        insert(Document)
        .values(
            slug=report.slug,
            kind="dataset",
            title=options.title or f"{parsed.path.name} (UN Comtrade export)",
            publisher=options.publisher,
            text=parsed.text,
            sha256=parsed.sha256,
            content_sha256=parsed.sha256,
        )
        .returning(Document.id)
    )
    assert document_id is not None
    report.document_id = document_id
    report.figures = await copy_figures(session, document_id, feed, options)
    _checked(report, parsed, options)
    return report


def _checked(report: ImportReport, parsed: ParsedFile, options: ImportOptions) -> None:
    """What checking the whole file found; raise ImportRefused for bad rows not to be skipped."""
    if parsed.bad and not options.skip_bad_rows:
        raise ImportRefused(parsed.path, parsed.bad)
    report.lines, report.skipped, report.bad = parsed.lines, parsed.skipped, parsed.bad


async def copy_figures(
    session: AsyncSession, document_id: int, feed: FigureFeed, options: ImportOptions
) -> int:
    """COPY the feed's figures into turnover_periods on the session's connection and
    transaction, as the feed reads them; return how many figures were written.

    One statement for a file of up to ROWS_PER_STATEMENT rows: the server never waits
    between batches for the next COPY to begin, and the table's statement triggers run once,
    over all the rows."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection  # asyncpg's connection, for its binary COPY
    extra = ("USD", "exact", options.publisher, document_id)
    batches = aiter(feed.batches())  # each statement goes on where the one before stopped
    written = 0
    fed_to_the_end = False

    async def records() -> AsyncIterator[tuple[object, ...]]:
        nonlocal written, fed_to_the_end
        in_statement = 0
        async for batch in batches:
            for figure in batch:
                yield (*figure, *extra)
            written += len(batch)
            in_statement += len(batch)
            if options.loaded is not None:
                options.loaded(len(batch))
            if in_statement >= ROWS_PER_STATEMENT:
                return
        fed_to_the_end = True

    while not fed_to_the_end:
        await driver.copy_records_to_table(
            "turnover_periods", records=records(), columns=COPY_COLUMNS
        )
    return written
