"""`tradestat import-csv`: progress while it works, then a summary, or the bad rows."""

import asyncio
from pathlib import Path

from rich.console import Console
from sqlalchemy.ext.asyncio import AsyncEngine

from app.cli.progress import progress_bars
from app.db.engine import create_sessionmaker
from app.ingest.comtrade.loader import ImportOptions, ImportRefused, ImportReport, import_csv
from app.ingest.comtrade.rows import FileProblem

MAX_LISTED = 20


def run_import(
    console: Console, engine: AsyncEngine, path: Path, options: ImportOptions
) -> ImportReport | None:
    """Import one file; print why not and return None when nothing was loaded."""
    lines = max(path.read_bytes().count(b"\n"), 1)
    with progress_bars(console) as bars:
        checking = bars.add_task("checking rows", total=lines)
        loading = bars.add_task("loading figures", total=None, visible=False)

        def checked(count: int) -> None:
            bars.advance(checking, count)

        def loaded(count: int) -> None:
            bars.update(loading, visible=True)
            bars.advance(loading, count)

        wired = ImportOptions(
            skip_bad_rows=options.skip_bad_rows,
            title=options.title,
            publisher=options.publisher,
            checked=checked,
            loaded=loaded,
            turn=options.turn,
        )
        try:
            return asyncio.run(_import(engine, path, wired))
        except (ImportRefused, FileProblem) as exc:
            console.print(
                f"[red]error:[/red] {exc}\nnothing was loaded", highlight=False, soft_wrap=True
            )
            return None


async def _import(engine: AsyncEngine, path: Path, options: ImportOptions) -> ImportReport:
    try:
        return await import_csv(create_sessionmaker(engine), path, options)
    finally:
        await engine.dispose()


def print_summary(console: Console, path: Path, report: ImportReport) -> None:
    where = f"document {report.slug} (id {report.document_id})"
    if report.already_imported:
        console.print(
            f"{path} is already imported as {where}: nothing changed",
            highlight=False,
            soft_wrap=True,
        )
        return
    rate = report.lines / report.seconds if report.seconds else 0
    console.print(
        f"imported {report.figures:,} figure(s) from {path} as {where}: "
        f"{report.lines:,} rows in {report.seconds:.2f} s, {rate:,.0f} rows/s",
        highlight=False,
        soft_wrap=True,
    )
    for reason, count in sorted(report.skipped.items()):
        console.print(f"  skipped {count:,}: {reason}", highlight=False, soft_wrap=True)
    if report.bad:
        console.print(
            f"  left out {len(report.bad):,} bad row(s):", highlight=False, soft_wrap=True
        )
        for row in report.bad[:MAX_LISTED]:
            console.print(f"    {path}:{row.line}: {row.problem}", highlight=False, soft_wrap=True)
        if len(report.bad) > MAX_LISTED:
            console.print(
                f"    ... and {len(report.bad) - MAX_LISTED:,} more",
                highlight=False,
                soft_wrap=True,
            )
