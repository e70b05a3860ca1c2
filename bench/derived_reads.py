"""How long listings of derived figures take beside reported ones, at 200,000 imported rows.

    .venv/bin/python -m bench.derived_reads [ROWS]     (default 200000)

A throw-away database on TEST_DATABASE_URL's server (else DATABASE_URL's, else the embedded
one), migrated, seeded, and loaded with a generated Comtrade file (exports and imports of
the same pairs and months: about one summed turnover per two rows). Each path is asked
for several times through the app in this process, without its response cache; the report
gives the median and its ratio to the reported listing (the baseline) measured in the same run.
Last, how long rebuild_derived_figures() takes to write every derived figure anew (what a
bulk load with triggers off runs afterwards).
"""

import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import asyncpg
import httpx

from app.config import get_settings
from app.db import migrate
from app.db.engine import asyncpg_dsn, create_engine, create_sessionmaker
from app.ingest.comtrade.loader import ImportOptions, import_csv
from app.ingest.comtrade.sample import sample_csv
from app.ingest.loader import load_fact_files, seed_fact_files
from app.main import create_app
from bench.common import create_database, drop_database, record, target_server

BASELINE = "/turnover?limit=100"
PATHS = (
    BASELINE,
    "/turnover?basis=derived&limit=100",
    "/turnover?basis=all&limit=100",
    "/turnover?basis=derived&limit=100&sort=-value",
    "/turnover?basis=derived&limit=100&country=ABW",
)
REPEATS = 5


async def load(url: str, rows: int) -> None:
    settings = get_settings()
    engine = create_engine(url, settings)
    sessionmaker = create_sessionmaker(engine)
    await load_fact_files(sessionmaker, seed_fact_files(settings.seeds_dir))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "comtrade-bench.csv"
        path.write_text(sample_csv(rows), encoding="utf-8")
        await import_csv(sessionmaker, path, ImportOptions())
    await engine.dispose()


async def timings(url: str) -> dict[str, float]:
    settings = get_settings().model_copy(
        update={
            "database_url": url,
            "response_cache": False,
            "db_statement_timeout_ms": 600_000,
            "rate_limit": "100000000/minute",
        }
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    medians: dict[str, float] = {}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=600) as client,
    ):
        for path in PATHS:
            seconds = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                response = await client.get(path)
                seconds.append(time.perf_counter() - started)
                response.raise_for_status()
            medians[path] = median(seconds)
    return medians


async def tables(url: str) -> set[str]:
    """The tables of the schema (the code measured before derived_figures existed has none)."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    finally:
        await connection.close()
    return {row["tablename"] for row in rows}


async def rebuild_seconds(url: str) -> tuple[float, int]:
    """Empty derived_figures (TRUNCATE fires no trigger) and time a rebuild of every pair."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute("TRUNCATE derived_figures")
        started = time.perf_counter()
        written = await connection.fetchval("SELECT rebuild_derived_figures()")
        return time.perf_counter() - started, int(written)
    finally:
        await connection.close()


async def run(rows: int) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    url = await create_database(target_server(), prefix="tradestat_bench")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        await load(url, rows)
        medians = await timings(url)
        rebuild = await rebuild_seconds(url) if "derived_figures" in await tables(url) else None
    finally:
        await drop_database(url)
    lines = [f"{rows:,} imported rows, median of {REPEATS} requests each", "```"]
    for path, seconds in medians.items():
        ratio = seconds / medians[BASELINE]
        lines.append(f"{path:<50} {seconds * 1000:9.1f} ms  {ratio:7.1f}x baseline")
    if rebuild is not None:
        seconds, written = rebuild
        lines.append(f"rebuild_derived_figures(): {written:,} rows in {seconds:.2f} s")
    lines.append("```")
    record("derived-reads", lines)


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000))
