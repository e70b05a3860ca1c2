"""`tradestat extract`, `ingest` and `eval`: raw releases to cited facts."""

import asyncio
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from app.config import get_settings
from app.db.engine import transaction
from app.ingest.bundle import FactBundle
from app.ingest.dry_run import leaving_no_trace
from app.ingest.evaluation import GoldError, evaluate, format_report
from app.ingest.extract import dump_fact_file, read_document
from app.ingest.ingest import Ingested, draft_bundle, ingest
from app.ingest.load_lock import BUSY_EXIT_STATUS, LoadBusy, command_turn
from app.ingest.problems import FixtureError

console = Console(stderr=True)

PublishedOn = Annotated[
    str | None, typer.Option("--published-on", help="Publication date, YYYY-MM-DD.")
]
Url = Annotated[str | None, typer.Option("--url", help="Address of the original.")]
NoWait = Annotated[
    bool,
    typer.Option("--no-wait", help="If another load is running, exit at once (status 75)."),
]


def say(line: str) -> None:
    console.print(line, highlight=False, markup=False)


def refuse_busy(exc: LoadBusy) -> typer.Exit:
    """One line saying whose load runs, and the status that tells a script to try later."""
    console.print(f"[red]error:[/red] {exc}", highlight=False)
    return typer.Exit(BUSY_EXIT_STATUS)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise typer.BadParameter(f"not a date: {value!r}", param_hint="--published-on") from exc


def _bundle(path: Path, published_on: str | None, url: str | None) -> FactBundle:
    document = read_document(path.read_text(encoding="utf-8"))
    return draft_bundle(
        document.text,
        origin=path,
        title=document.title,
        url=url or document.url,
        published_on=_date(published_on) or document.published_on,
    )


def extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A release, as text.")],
    published_on: PublishedOn = None,
    url: Url = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the fact file here.")
    ] = None,
) -> None:
    """Draft a fact file (the schema of seeds/facts/*.yaml) from a raw release."""
    text = dump_fact_file(_bundle(file, published_on, url).facts)
    if output is None:
        print(text, end="")
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")


class _DryRunError(Exception):
    """Raised to roll back a dry run after it has loaded everything."""


def ingest_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A release, as text.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would load; write nothing.")
    ] = False,
    published_on: PublishedOn = None,
    url: Url = None,
    no_wait: NoWait = False,
) -> None:
    """Extract a release's facts and load them in one transaction."""
    turn = command_turn(no_wait, say)

    async def work() -> Ingested:
        bundle = _bundle(file, published_on, url)
        async with transaction(get_settings()) as session:
            if not dry_run:
                return await ingest(session, bundle, turn)
            # Loading for real, then undoing it, checks exactly what a real run would.
            async with leaving_no_trace(session, file.name, turn):
                result = await ingest(session, bundle, turn)
            console.print(dump_fact_file(bundle.facts), highlight=False, markup=False)
            raise _DryRunError(result)

    try:
        result = asyncio.run(work())
    except _DryRunError as dry:
        result = dry.args[0]
        verb = "would load" if result.created else "is already loaded as"
        console.print(f"dry run: {verb} document {result.document_id}; nothing written")
        return
    except LoadBusy as exc:
        raise refuse_busy(exc) from exc
    except FixtureError as exc:
        console.print(f"[red]error:[/red] {exc}\nnothing was loaded", highlight=False)
        raise typer.Exit(1) from exc
    if result.created and result.report is not None:
        console.print(f"loaded document {result.document_id} ({result.report.facts} facts)")
    else:
        console.print(f"already loaded as document {result.document_id}; nothing changed")


def eval_command(
    docs: Annotated[Path, typer.Option("--docs", exists=True, file_okay=False, help="Articles.")],
    gold: Annotated[
        Path, typer.Option("--gold", exists=True, dir_okay=False, help="Their gold facts (JSON).")
    ],
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Say which stage lost each miss or made each false hit."),
    ] = False,
) -> None:
    """Score the extractor against hand-labelled facts: precision, recall, F1, every miss."""
    try:
        report = evaluate(docs, gold)
    except GoldError as exc:
        for problem in exc.problems:
            typer.echo(problem, err=True)  # one unwrapped line each, for editors and grep
        raise typer.Exit(1) from exc
    print(format_report(report, explain=explain))
