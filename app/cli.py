"""The `tradestat` command line: serve, migrate, seed, import."""

import asyncio
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from app import migrate
from app.auth.cli import keys_cli
from app.config import get_settings
from app.db import create_engine, create_sessionmaker, resolve_database_url
from app.ingest.cli import eval_command, extract, ingest_command
from app.ingest.comtrade.command import print_summary, run_import
from app.ingest.comtrade.loader import ImportOptions
from app.ingest.loader import LoadReport, load_fact_files, seed_fact_files
from app.ingest.problems import FixtureError
from app.logging import configure_logging
from app.progress import progress_bars

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


async def _load(paths: list[Path], progress: Callable[[str], None]) -> LoadReport:
    settings = get_settings()
    engine = create_engine(database_url(), settings)
    try:
        return await load_fact_files(create_sessionmaker(engine), paths, progress)
    finally:
        await engine.dispose()


@cli.command()
def seed(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Fact files; default: every seeds/facts/*.yaml.")
    ] = None,
) -> None:
    """Load fact files and their documents in one transaction."""
    paths = files or seed_fact_files(get_settings().seeds_dir)
    if not paths:
        console.print("[red]no fact files found[/red]")
        raise typer.Exit(1)
    try:
        with progress_bars(console) as bars:
            task = bars.add_task("loading fact files", total=len(paths))
            report = asyncio.run(_load(paths, lambda slug: bars.advance(task)))
    except FixtureError as exc:
        console.print(f"[red]error:[/red] {exc}\nnothing was loaded", highlight=False)
        raise typer.Exit(1) from exc
    console.print(
        f"loaded {len(report.loaded)} document(s) "
        f"({report.facts} facts, {report.removed} removed), "
        f"{len(report.unchanged)} unchanged"
    )


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
) -> None:
    """Import bilateral exports and imports from a CSV file, one figure per row."""
    options = ImportOptions(skip_bad_rows=skip_bad_rows, title=title, publisher=publisher)
    engine = create_engine(database_url(), get_settings())
    report = run_import(console, engine, file, options)
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

    # Start the embedded server here, once, and hand its URL to every worker.
    os.environ["DATABASE_URL"] = database_url()
    get_settings.cache_clear()
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=get_settings().log_level.lower(),
        log_config=None,  # each worker's create_app configures logging (app.logging)
        server_header=False,  # no product name and version for scanners
        http=HeaderTimeoutProtocol,
    )


def main() -> None:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    cli()


if __name__ == "__main__":
    main()
