"""Millions of generated turnover figures: load rate, request latencies and query plans.

For each size (default 100 000 and 10 000 000 rows) a fresh database is migrated and seeded,
then every ISO country pair gets annual and monthly figures over 1995-2024 (pairs with KAZ or
KGZ first, so that every size has the figures the requests ask for), written with COPY.

Bulk load into a fresh database: the COPY session runs with session_replication_role =
replica, so no trigger fires (neither the foreign-key and country-code checks, whose codes
come from the countries table itself, nor the data-version triggers), and the secondary
indexes are built after the load; the data version is then bumped by hand, as the triggers
would have.
This needs a superuser, as the embedded server's and a test server's `postgres` is.

Then the service runs (response cache off, so each request reaches the database) and each
request is sent 200 times; p50 and p95 are printed with the EXPLAIN of its query.
Run with `make bench-scale` (ROWS=... for other sizes).
"""

import argparse
import asyncio
import hashlib
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import asyncpg
import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.dialects import postgresql

from app.config import Settings
from app.countries import queries as country_queries
from app.db import migrate
from app.db.engine import asyncpg_dsn, create_engine, create_sessionmaker
from app.ingest.loader import load_fact_files, seed_fact_files
from app.turnover.queries.filters import TurnoverFilter, View
from app.turnover.queries.listing import page
from bench.common import (
    create_database,
    drop_database,
    percentile,
    record,
    server,
    target_server,
)

console = Console(width=140)
YEARS = range(1995, 2025)
BATCH = 50_000
REQUESTS = {
    "turnover": "/turnover?year=2022&country=KAZ&limit=100",
    "series": "/turnover/series?countries=KAZ,KGZ",
    "has_data": "/countries?has_data=true",
}
COLUMNS = [
    "id",
    "reporter_code",
    "partner_code",
    "flow",
    "period_start",
    "period_end",
    "period_label",
    "period_inferred",
    "amount",
    "currency",
    "value_usd",
    "value_qualifier",
    "document_id",
    "quote",
    "char_start",
    "char_end",
]
QUOTE = "Trade between the two countries reached the value shown."
MONTHS = "January February March April May June July August September October November December"


@dataclass
class SizeResult:
    rows: int
    copy_rows_per_s: float
    total_s: float
    latencies: dict[str, tuple[float, float] | None]


def periods() -> list[tuple[date, date, str]]:
    out = []
    for year in YEARS:
        out.append((date(year, 1, 1), date(year, 12, 31), str(year)))
        for month, name in enumerate(MONTHS.split(), start=1):
            start = date(year, month, 1)
            end = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
            out.append((start, end, f"{name} {year}"))
    return out


def pairs(codes: list[str]) -> list[tuple[str, str]]:
    """Every unordered pair once; those with KAZ or KGZ first, the rest shuffled."""
    everything = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    first = [p for p in everything if {"KAZ", "KGZ"} & set(p)]
    rest = [p for p in everything if not {"KAZ", "KGZ"} & set(p)]
    random.Random(7).shuffle(rest)
    return first + rest


def records(
    codes: list[str], document_id: int, count: int, first_id: int
) -> Iterator[tuple[Any, ...]]:
    spans = periods()
    rng = random.Random(42)
    made = 0
    for reporter, partner in pairs(codes):
        base = int(rng.lognormvariate(17, 2)) + 1000  # a yearly value, dollars
        for start, end, label in spans:
            if made == count:
                return
            made += 1
            share = 1.0 if start.month == 1 and end.month == 12 else 1 / 12
            amount = int(base * share * (0.8 + 0.4 * rng.random())) + 1
            yield (
                first_id + made, reporter, partner, "turnover", start, end, label, False,
                amount, "USD", amount, "approximate", document_id, QUOTE, 0, len(QUOTE),
            )  # fmt: skip


async def prepare(url: str, settings: Settings) -> tuple[list[str], int]:
    await asyncio.to_thread(migrate.upgrade, url)
    engine = create_engine(url, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    await engine.dispose()
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        codes = [r["alpha3"] for r in await connection.fetch("SELECT alpha3 FROM countries")]
        digest = hashlib.sha256(QUOTE.encode()).hexdigest()
        document_id = await connection.fetchval(
            "INSERT INTO documents (slug, kind, title, text, sha256, content_sha256)"
            " VALUES ('synthetic-trade', 'dataset', 'Generated figures', $1, $2, $2) RETURNING id",
            QUOTE,
            digest,
        )
    finally:
        await connection.close()
    return sorted(codes), document_id


async def bulk_load(url: str, codes: list[str], document_id: int, count: int) -> float:
    """COPY the rows; return the COPY rate in rows/s (index builds are timed by the caller)."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        secondary = await connection.fetch(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'turnover_periods'"
            " AND indexname <> 'pk_turnover_periods'"
        )
        unique = await connection.fetch(
            "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint"
            " WHERE conrelid = 'turnover_periods'::regclass AND contype = 'u'"
        )
        for row in unique:
            await connection.execute(f"ALTER TABLE turnover_periods DROP CONSTRAINT {row[0]}")
        for row in secondary:
            await connection.execute(f"DROP INDEX IF EXISTS {row['indexname']}")
        await connection.execute("SET session_replication_role = replica")
        started = time.perf_counter()
        first_id = await connection.fetchval("SELECT coalesce(max(id), 0) FROM turnover_periods")
        rows = records(codes, document_id, count, first_id)
        with Progress(
            TextColumn("COPY turnover_periods"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress:
            task = progress.add_task("copy", total=count)
            while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
                await connection.copy_records_to_table(
                    "turnover_periods", records=batch, columns=COLUMNS
                )
                progress.advance(task, len(batch))
        rate = count / (time.perf_counter() - started)
        await connection.execute("RESET session_replication_role")
        with console.status("building indexes and constraints"):
            await connection.execute("SET maintenance_work_mem = '512MB'")
            for row in unique:
                await connection.execute(
                    f"ALTER TABLE turnover_periods ADD CONSTRAINT {row[0]} {row[1]}"
                )
            for row in secondary:
                if not any(row["indexname"] == u[0] for u in unique):
                    await connection.execute(row["indexdef"])
            await connection.execute(
                "SELECT setval('turnover_periods_id_seq', (SELECT max(id) FROM turnover_periods))"
            )
            await connection.execute("ANALYZE turnover_periods")
        # What the data-version triggers would have done.
        version = await connection.fetchval(
            "UPDATE data_state SET version = version + 1, changed_at = now() RETURNING version"
        )
        await connection.execute("SELECT pg_notify('tradestat_data_version', $1)", str(version))
    finally:
        await connection.close()
    return rate


def explain_statements() -> dict[str, str]:
    """The SQL each request runs, with its values written in, for EXPLAIN."""
    # A page asks for one row more than its limit: it says whether another page follows.
    turnover = page(TurnoverFilter(year=2022, country="KAZ"), View(), "period", None, 101)
    series = page(
        TurnoverFilter(pair=("KAZ", "KGZ"), flow="turnover"),
        View(basis="all"),
        "period",
        None,
        5001,
    )
    countries = country_queries.countries_listing(has_data=True).ordered(None).limit(101)
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    return {
        name: str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        for name, statement in (
            ("turnover", turnover),
            ("series", series),
            ("has_data", countries),
        )
    }


async def explain(url: str) -> dict[str, str]:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        plans = {}
        for name, sql in explain_statements().items():
            rows = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
            plans[name] = "\n".join(row[0] for row in rows)
        return plans
    finally:
        await connection.close()


def latencies(base: str, repeat: int) -> dict[str, tuple[float, float] | None]:
    found: dict[str, tuple[float, float] | None] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        routes = client.get("/openapi.json").json()["paths"]
        for name, path in REQUESTS.items():
            if path.split("?")[0] not in routes:
                found[name] = None  # the route is not in this build
                continue
            for _ in range(10):
                assert client.get(path).status_code == 200, path
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.text)
            found[name] = (percentile(times, 0.5), percentile(times, 0.95))
    return found


async def run_size(count: int, repeat: int, port: int) -> SizeResult:
    url = await create_database(target_server(), prefix="tradestat_scale")
    try:
        settings = Settings(database_url=url)
        console.rule(f"{count:,} rows")
        started = time.perf_counter()
        codes, document_id = await prepare(url, settings)
        copy_rate = await bulk_load(url, codes, document_id, count)
        total = time.perf_counter() - started
        console.print(
            f"COPY {copy_rate:,.0f} rows/s; migrate + seed + COPY + indexes {total:.0f} s"
        )
        env = {"DATABASE_URL": url, "RESPONSE_CACHE": "false", "RATE_LIMIT": "off"}
        with server("app.main:create_app", port, env, "/readyz", factory=True) as base:
            measured = await asyncio.to_thread(latencies, base, repeat)
        for name, plan in (await explain(url)).items():
            console.print(f"[bold]EXPLAIN {name}[/bold] ({REQUESTS[name]})")
            console.print(plan, highlight=False)
        return SizeResult(count, copy_rate, total, measured)
    finally:
        await drop_database(url)


def report(results: list[SizeResult], repeat: int) -> None:
    header = ["rows", "COPY rows/s", "load total s", *REQUESTS.values()]
    lines = [
        f"p50 / p95 in ms over {repeat} requests each (response cache off)",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for r in results:
        cells = [
            f"{found[0]:.1f} / {found[1]:.1f}" if (found := r.latencies[name]) else "route absent"
            for name in REQUESTS
        ]
        row = [f"{r.rows:,}", f"{r.copy_rows_per_s:,.0f}", f"{r.total_s:.0f}", *cells]
        lines.append("| " + " | ".join(row) + " |")
    record("scale", lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000000", help="largest size; 100000 runs first")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    sizes = sorted({100_000, int(args.rows)})
    results = [asyncio.run(run_size(n, args.requests, args.port)) for n in sizes]
    report(results, args.requests)


if __name__ == "__main__":
    main()
