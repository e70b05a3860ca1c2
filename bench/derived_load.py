"""What keeping derived figures costs an import: the same file with and without the triggers.

    .venv/bin/python -m bench.derived_load [ROWS] [ROUNDS]     (default 200000, 3)

Each round makes two throw-away databases on TEST_DATABASE_URL's server (else
DATABASE_URL's, else the embedded one), both migrated; in one the triggers that recompute
derived figures are disabled (the baseline). The same generated Comtrade file is imported
into each, one right after the other (in alternating order from round to round), so that
both see the same machine; the report gives each import's rows/s and the median ratio of
the two times within a round.
"""

import asyncio
import sys
import tempfile
from pathlib import Path
from statistics import median

import asyncpg

from app.config import get_settings
from app.db import migrate
from app.db.engine import asyncpg_dsn, create_engine, create_sessionmaker
from app.ingest.comtrade.loader import ImportOptions, import_csv
from app.ingest.comtrade.sample import sample_csv
from bench.common import create_database, drop_database, record, target_server

EVENTS = ("insert", "update", "delete")


async def without_derived_triggers(url: str) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        for event in EVENTS:
            await connection.execute(
                f"ALTER TABLE turnover_periods DISABLE TRIGGER turnover_periods_derive_on_{event}"
            )
    finally:
        await connection.close()


async def import_seconds(url: str, path: Path) -> float:
    engine = create_engine(url, get_settings())
    try:
        report = await import_csv(create_sessionmaker(engine), path, ImportOptions())
    finally:
        await engine.dispose()
    return report.seconds


async def one_round(server: str, path: Path, kept_first: bool) -> dict[str, float]:
    """Import the file into two fresh databases, one without the derived triggers."""
    urls = {name: await create_database(server, prefix="tradestat_bench") for name in NAMES}
    try:
        for url in urls.values():
            await asyncio.to_thread(migrate.upgrade, url)
        await without_derived_triggers(urls["without"])
        seconds = {}
        for name in NAMES if kept_first else NAMES[::-1]:
            seconds[name] = await import_seconds(urls[name], path)
        return seconds
    finally:
        for url in urls.values():
            await drop_database(url)


NAMES = ("kept", "without")


async def run(rows: int = 200_000, rounds: int = 3) -> None:
    server = target_server()
    lines = [f"{rows:,} rows per import, {rounds} rounds", "```"]
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "comtrade-bench.csv"
        path.write_text(sample_csv(rows), encoding="utf-8")
        for round_ in range(rounds):
            seconds = await one_round(server, path, kept_first=round_ % 2 == 0)
            ratios.append(seconds["kept"] / seconds["without"])
            lines.append(
                f"round {round_ + 1}: kept {rows / seconds['kept']:>8,.0f} rows/s,"
                f" without {rows / seconds['without']:>8,.0f} rows/s,"
                f" time ratio {ratios[-1]:.2f}"
            )
    lines += [f"median time ratio (kept / without): {median(ratios):.2f}", "```"]
    record("derived-load", lines)


if __name__ == "__main__":
    arguments = [int(argument) for argument in sys.argv[1:3]]
    asyncio.run(run(*arguments))
