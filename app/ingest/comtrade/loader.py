"""Load a checked Comtrade file: a `dataset` document and its rows by COPY, in one transaction."""

import asyncio
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.comtrade.rows import BadRow, Figure, ParsedFile, parse_file
from app.ingest.loader import LOAD_LOCK_ID
from app.ingest.reference_sync import sync_countries
from app.models import Document

COPY_BATCH = 20_000
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
    """Check the whole file, then load it in one transaction (or load nothing)."""
    started = perf_counter()
    parsed = await asyncio.to_thread(parse_file, path, options.checked)
    if parsed.bad and not options.skip_bad_rows:
        raise ImportRefused(path, parsed.bad)
    async with sessionmaker() as session, session.begin():
        report = await load_parsed(session, parsed, options)
    report.seconds = perf_counter() - started
    return report


async def load_parsed(
    session: AsyncSession, parsed: ParsedFile, options: ImportOptions
) -> ImportReport:
    """Write the document and its figures in the caller's transaction."""
    await session.execute(select(func.pg_advisory_xact_lock(LOAD_LOCK_ID)))
    # A command-line load, not an API request: a large file may take longer than the API's limit.
    await session.execute(text("SET LOCAL statement_timeout = 0"))
    report = ImportReport(
        slug=document_slug(parsed.path, parsed.sha256),
        document_id=0,
        lines=parsed.lines,
        skipped=parsed.skipped,
        bad=parsed.bad,
    )
    existing = (
        await session.execute(
            select(Document.id, Document.slug).where(Document.sha256 == parsed.sha256)
        )
    ).first()
    if existing is not None:  # the same text: loading it again changes nothing
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
    await copy_figures(session, report.document_id, parsed.figures, options)
    report.figures = len(parsed.figures)
    return report


async def copy_figures(
    session: AsyncSession, document_id: int, figures: Sequence[Figure], options: ImportOptions
) -> None:
    """COPY the figures into turnover_periods on the session's own connection and transaction."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection  # asyncpg's connection, for its binary COPY
    extra = ("USD", "exact", options.publisher, document_id)
    for batch in _batches(figures, COPY_BATCH):
        await driver.copy_records_to_table(
            "turnover_periods",
            records=[(*figure, *extra) for figure in batch],
            columns=COPY_COLUMNS,
        )
        if options.loaded is not None:
            options.loaded(len(batch))


def _batches(items: Sequence[Figure], size: int) -> Iterator[Sequence[Figure]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
