"""Pages while full CSV exports stream: the export lane keeps them apart.

The service (one uvicorn worker, response cache off so every page reaches the database)
runs on a fresh database: seeded, plus --rows generated figures. --exports clients each
download the full CSV export of /turnover, again and again, while --pages clients ask for
JSON pages for --seconds. One export more than the lane holds is asked for meanwhile: it
must be refused at once. The figures go to bench/results/exports.json.

Run with `make bench-exports`. The database is made on BENCH_DATABASE_URL /
DATABASE_URL / TEST_DATABASE_URL's server or the embedded one, and dropped afterwards.
"""

import argparse
import asyncio
import json
import platform
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import asyncpg
import httpx

from app.config import Settings
from app.db import migrate
from app.db.engine import asyncpg_dsn, create_engine, create_sessionmaker
from app.ingest.loader import load_fact_files, seed_fact_files
from bench.common import create_database, drop_database, percentile, server, target_server

RESULTS = Path(__file__).resolve().parent / "results" / "exports.json"
EXPORT = "/turnover?format=csv&limit=10000000"
PAGES = [
    "/turnover?year=2022",
    "/turnover?limit=100",
    "/turnover?country=KAZ&limit=50",
    "/countries/KAZ",
    # Not /countries?has_data=true: at 100,000 figures it passes the statement timeout even
    # with no export running (it checks every country against the whole table).
    "/agreements",
    "/targets",
    "/documents",
]
GENERATE = """
    INSERT INTO turnover_periods (
        reporter_code, partner_code, flow, period_start, period_end, period_label,
        amount, currency, value_usd, value_qualifier, growth_pct, growth_qualifier,
        attribution, document_id, quote, char_start, char_end
    )
    SELECT 'KAZ', 'KGZ', 'export', date '1000-01-01' + g, date '1000-01-01' + g,
           'generated day ' || g, g * 1000, 'USD', g * 1000, 'exact', 1.5, 'approximate',
           'a generated attribution', (SELECT min(id) FROM documents), 'generated', 0, 9
    FROM generate_series(1, $1) AS g
"""


@dataclass
class Figures:
    rows: int
    exports: int
    page_clients: int
    seconds: float
    page_requests: int = 0
    page_statuses: dict[str, int] = field(default_factory=dict)
    page_5xx: int = 0
    page_p50_ms: float = 0.0
    page_p95_ms: float = 0.0
    page_p99_ms: float = 0.0
    exports_completed: int = 0
    export_rows: int = 0  # CSV lines received, all exports together
    export_rows_per_s: float = 0.0
    exports_failed: int = 0
    extra_export_status: int = 0
    extra_export_type: str = ""
    extra_export_retry_after: str = ""
    extra_export_ms: float = 0.0
    machine: str = field(default_factory=platform.platform)


async def prepared_database(rows: int) -> str:
    url = await create_database(target_server(), prefix="tradestat_bench_exports")
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(database_url=url)
    engine = create_engine(url, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    await engine.dispose()
    connection = await asyncpg.connect(asyncpg_dsn(url))  # no statement timeout: a bulk load
    try:
        await connection.execute(GENERATE, rows)
        await connection.execute("ANALYZE turnover_periods")
    finally:
        await connection.close()
    return url


async def export_loop(client: httpx.AsyncClient, stop: asyncio.Event, figures: Figures) -> None:
    """Full exports, one after another, until told to stop; rows counted as they come."""
    while not stop.is_set():
        async with client.stream("GET", EXPORT) as response:
            if response.status_code != 200:
                figures.exports_failed += 1
                await asyncio.sleep(0.5)
                continue
            async for chunk in response.aiter_bytes():
                figures.export_rows += chunk.count(b"\n")
                if stop.is_set():
                    return
        figures.exports_completed += 1


async def page_loop(
    client: httpx.AsyncClient, deadline: float, latencies: list[float], statuses: Counter[int]
) -> None:
    turn = 0
    while time.monotonic() < deadline:
        path = PAGES[turn % len(PAGES)]
        turn += 1
        started = time.monotonic()
        response = await client.get(path)
        latencies.append((time.monotonic() - started) * 1000)
        statuses[response.status_code] += 1


async def one_more_export(client: httpx.AsyncClient, figures: Figures) -> None:
    started = time.monotonic()
    async with client.stream("GET", EXPORT) as refused:
        figures.extra_export_ms = round((time.monotonic() - started) * 1000, 1)
        figures.extra_export_status = refused.status_code
        figures.extra_export_retry_after = refused.headers.get("retry-after", "")
        if refused.status_code != 200:
            figures.extra_export_type = json.loads(await refused.aread()).get("type", "")


async def measure(base_url: str, args: argparse.Namespace) -> Figures:
    figures = Figures(args.rows, args.exports, args.pages, args.seconds)
    limits = httpx.Limits(max_connections=args.exports + args.pages + 2)
    timeout = httpx.Timeout(120.0)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:
        stop = asyncio.Event()
        exports = [
            asyncio.create_task(export_loop(client, stop, figures)) for _ in range(args.exports)
        ]
        exports_started = time.monotonic()
        await asyncio.sleep(args.settle)  # every export streaming
        await one_more_export(client, figures)
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        deadline = time.monotonic() + args.seconds
        await asyncio.gather(
            *(page_loop(client, deadline, latencies, statuses) for _ in range(args.pages))
        )
        stop.set()
        await asyncio.gather(*exports, return_exceptions=True)
        exporting_s = time.monotonic() - exports_started
    figures.page_requests = len(latencies)
    figures.page_statuses = {str(code): count for code, count in sorted(statuses.items())}
    figures.page_5xx = sum(count for code, count in statuses.items() if code >= 500)
    figures.page_p50_ms = round(percentile(latencies, 0.50), 1)
    figures.page_p95_ms = round(percentile(latencies, 0.95), 1)
    figures.page_p99_ms = round(percentile(latencies, 0.99), 1)
    figures.export_rows_per_s = round(figures.export_rows / exporting_s)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--exports", type=int, default=10)
    parser.add_argument("--pages", type=int, default=4, help="clients asking for pages")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--settle", type=float, default=2, help="seconds before measuring")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    database_url = asyncio.run(prepared_database(args.rows))
    env = {
        "DATABASE_URL": database_url,
        "EXPORT_CONCURRENCY": str(args.exports),
        "RESPONSE_CACHE": "false",
        "RATE_LIMIT": "off",
        "LOG_LEVEL": "WARNING",
    }
    try:
        with server("app.main:create_app", args.port, env, "/readyz", factory=True) as url:
            figures = asyncio.run(measure(url, args))
    finally:
        asyncio.run(drop_database(database_url))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(asdict(figures), indent=2) + "\n")
    print(json.dumps(asdict(figures), indent=2))
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
