"""The `tradestat` command line: serve, migrate, seed, import."""

import asyncio
import json
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console

from app.auth.cli import keys_cli
from app.cli.progress import progress_bars
from app.config import Settings, get_settings
from app.db import migrate
from app.db.embedded import embedded_server
from app.db.engine import create_engine, create_sessionmaker, resolve_database_url
from app.ingest.cli import NoWait, eval_command, extract, ingest_command, refuse_busy, say
from app.ingest.comtrade.command import print_summary, run_import
from app.ingest.comtrade.loader import ImportOptions
from app.ingest.load_lock import LoadBusy, Turn, command_turn
from app.ingest.loader import LoadReport, load_fact_files, seed_fact_files
from app.ingest.problems import FixtureError
from app.runtime.logging import configure_logging

cli = typer.Typer(
    help="tradestat: trade statistics with a citation for every figure.", no_args_is_help=True
)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
cli.add_typer(keys_cli, name="keys")
cli.command("extract")(extract)
cli.command("ingest")(ingest_command)
cli.command("eval")(eval_command)
console = Console(stderr=True)


def database_url() -> str:
    return resolve_database_url(get_settings())


@db_cli.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    migrate.upgrade(database_url(), revision)
    console.print(f"[green]database at {revision}[/green]")


@db_cli.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument()] = "base") -> None:
    """Revert migrations down to REVISION."""
    migrate.downgrade(database_url(), revision)


@db_cli.command("check")
def db_check() -> None:
    """Fail when the models and the migrations disagree."""
    migrate.check(database_url())
    console.print("[green]models and migrations agree[/green]")


async def _load(paths: list[Path], progress: Callable[[str], None], turn: Turn) -> LoadReport:
    settings = get_settings()
    engine = create_engine(database_url(), settings, bounded=False)
    try:
        return await load_fact_files(create_sessionmaker(engine), paths, progress, turn)
    finally:
        await engine.dispose()


@cli.command()
def seed(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Fact files; default: every seeds/facts/*.yaml.")
    ] = None,
    no_wait: NoWait = False,
) -> None:
    """Load fact files and their documents in one transaction."""
    paths = files or seed_fact_files(get_settings().seeds_dir)
    if not paths:
        console.print("[red]no fact files found[/red]")
        raise typer.Exit(1)
    try:
        with progress_bars(console) as bars:
            task = bars.add_task("loading fact files", total=len(paths))
            turn = command_turn(no_wait, say)
            report = asyncio.run(_load(paths, lambda slug: bars.advance(task), turn))
    except LoadBusy as exc:
        raise refuse_busy(exc) from exc
    except FixtureError as exc:
        console.print(f"[red]error:[/red] {exc}\nnothing was loaded", highlight=False)
        raise typer.Exit(1) from exc
    console.print(
        f"loaded {len(report.loaded)} document(s) "
        f"({report.facts} facts, {report.removed} removed), "
        f"{len(report.unchanged)} unchanged"
    )
    for taken in report.taken_over:
        console.print(f"  {taken}", highlight=False, soft_wrap=True)


@cli.command("import-csv")
def import_csv(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A CSV in UN Comtrade's shape.")
    ],
    skip_bad_rows: Annotated[
        bool, typer.Option(help="Load the good rows and list the bad ones, instead of nothing.")
    ] = False,
    title: Annotated[
        str | None, typer.Option(help="Document title; default: the file name.")
    ] = None,
    publisher: Annotated[str, typer.Option(help="Who published the figures.")] = "UN Comtrade",
    no_wait: NoWait = False,
) -> None:
    """Import bilateral exports and imports from a CSV file, one figure per row."""
    options = ImportOptions(
        skip_bad_rows=skip_bad_rows,
        title=title,
        publisher=publisher,
        turn=command_turn(no_wait, say),
    )
    engine = create_engine(database_url(), get_settings(), bounded=False)
    try:
        report = run_import(console, engine, file, options)
    except LoadBusy as exc:
        raise refuse_busy(exc) from exc
    if report is None:
        raise typer.Exit(1)
    print_summary(console, file, report)


@cli.command()
def openapi(
    output: Annotated[
        Path | None, typer.Option(help="File to write; default: standard output.")
    ] = None,
) -> None:
    """Print the OpenAPI document (no database needed)."""
    from app.main import create_app

    document = json.dumps(create_app(get_settings()).openapi(), indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(document)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(document + "\n", encoding="utf-8")


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Run the HTTP API."""
    import uvicorn

    from app.http.slow_clients import HeaderTimeoutProtocol

    settings = get_settings()
    # The embedded server starts here, once: every worker is handed its URL. SIGTERM and
    # SIGINT both end uvicorn, then the block, which releases the embedded server.
    with serving_database(settings) as url, termination_as_exit():
        os.environ["DATABASE_URL"] = url
        get_settings.cache_clear()
        uvicorn.run(
            "app.main:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=settings.log_level.lower(),
            log_config=None,  # each worker's create_app configures logging (app.runtime.logging)
            server_header=False,  # no product name and version for scanners
            http=HeaderTimeoutProtocol,
        )


@contextmanager
def serving_database(settings: Settings) -> Iterator[str]:
    """The configured server's URL, or the embedded server's while the block runs."""
    if settings.database_url:
        yield settings.database_url
        return
    with embedded_server(settings.data_dir) as url:
        yield url


@contextmanager
def termination_as_exit() -> Iterator[None]:
    """SIGTERM as SystemExit, so that cleanup runs. uvicorn shuts down on SIGTERM, then
    raises it again for the handler found before it: by default that ends the process at
    once, before any `finally` or `atexit` runs."""

    def exit_on_term(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, exit_on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main() -> None:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    cli()


if __name__ == "__main__":
    main()
