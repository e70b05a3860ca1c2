"""Millions of generated turnover figures: load rate, and p50/p95 and plan of every listing shape.

For each size (default 100 000 and 10 000 000 rows) a fresh database is migrated and seeded,
then filled with generated figures (bench.scale_data: reported figures, the inputs of
derived ones, a revised release and a history of changes), written with COPY.

Bulk load into a fresh database: the COPY session runs with session_replication_role =
replica, so no trigger fires (neither the foreign-key and country-code checks, whose codes
come from the countries table itself, nor the data-version triggers), and the secondary
indexes are built after the load; the data version is then bumped by hand, as the triggers
would have. Where derived figures are stored, they are rebuilt in full after the COPY. Then
a slice of rows is updated with the triggers on, so that `as_of` has past versions to read,
and the tables are vacuumed and analysed, as autovacuum would have done on a live database.
This needs a superuser, as the embedded server's and a test server's `postgres` is.

Then the service runs (response cache off, so each request reaches the database) and each
shape (bench.scale_shapes) is requested up to 200 times (within a time budget per shape);
p50 and p95 are set against a 30 ms goal, and the EXPLAIN (ANALYZE, BUFFERS) of each
shape's statements at the largest size goes into the report.
Run with `make bench-scale` (ROWS=... for other sizes).
"""

import argparse
import asyncio
import os
import re
import socket
import time
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
from rich.console import Console

from app.config import Settings
from app.db import migrate
from app.db.engine import asyncpg_dsn, connect, create_engine, create_sessionmaker
from app.db.timeouts import Timeouts
from app.ingest.loader import load_fact_files, seed_fact_files
from bench import scale_data
from bench.common import create_database, drop_database, percentile, record, server, target_server
from bench.scale_shapes import Shape, Statement, shapes

console = Console(width=140)
GOAL_MS = 30.0
BUDGET_S = 10.0  # per shape: a shape far over the goal is measured fewer times
EXPLAIN_TIMEOUT = "20s"
EXECUTION_TIME = re.compile(r"Execution Time: ([\d.]+) ms")
# The floor: a request that reaches no table, on the same server, client and machine.
FLOOR = Shape("floor (no database)", "/healthz", lambda _answer: _no_statements())
# Cursors the bench writes must verify on the server: both sign with this key.
CURSOR_SECRET = "bench-scale cursor key"


async def _no_statements() -> list[Statement]:
    return []


@dataclass
class Measured:
    shape: Shape
    times_ms: list[float]
    failures: list[str]

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 0.5) if self.times_ms else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 0.95) if self.times_ms else float("nan")

    @property
    def passed(self) -> bool:
        return not self.failures and bool(self.times_ms) and self.p95 < GOAL_MS


@dataclass
class Plan:
    text: str
    sql_ms: float | None  # the statements' execution time; None if one was cancelled


@dataclass
class SizeResult:
    rows: int
    load: scale_data.Load
    total_s: float
    floor: Measured
    measured: list[Measured]
    plans: dict[str, Plan]


async def prepare(url: str, settings: Settings) -> tuple[list[str], scale_data.Documents]:
    await asyncio.to_thread(migrate.upgrade, url)
    engine = create_engine(url, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    await engine.dispose()
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        codes = [r["alpha3"] for r in await connection.fetch("SELECT alpha3 FROM countries")]
        documents = await scale_data.insert_documents(connection)
    finally:
        await connection.close()
    return sorted(codes), documents


async def without_indexes(connection: asyncpg.Connection) -> tuple[list[Any], list[Any]]:
    """Drop the unique constraints and secondary indexes; return them, to build again."""
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
    return secondary, unique


async def rebuild_indexes(
    connection: asyncpg.Connection, secondary: list[Any], unique: list[Any]
) -> None:
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


async def bulk_load(
    url: str, codes: list[str], documents: scale_data.Documents, count: int
) -> scale_data.Load:
    """COPY the rows, build the indexes, rebuild stored derived figures, change a slice."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        secondary, unique = await without_indexes(connection)
        await connection.execute("SET session_replication_role = replica")
        started = time.perf_counter()
        first_id = await connection.fetchval("SELECT coalesce(max(id), 0) FROM turnover_periods")
        rows = scale_data.records(codes, documents, count, first_id)
        await scale_data.copy_rows(connection, rows, count, console)
        rate = count / (time.perf_counter() - started)
        await connection.execute("RESET session_replication_role")
        await rebuild_indexes(connection, secondary, unique)
        # What the data-version triggers would have done.
        version = await connection.fetchval(
            "UPDATE data_state SET version = version + 1, changed_at = now() RETURNING version"
        )
        await connection.execute("SELECT pg_notify('tradestat_data_version', $1)", str(version))
        with console.status("rebuilding stored derived figures, if any"):
            derived = await scale_data.rebuild_derived(connection)
        with console.status("updating a slice with the history triggers on"):
            as_of, updated = await scale_data.update_slice(connection)
        with console.status("VACUUM (ANALYZE)"):
            await connection.execute("VACUUM (ANALYZE)")
    finally:
        await connection.close()
    return scale_data.Load(rate, derived, as_of, updated)


def measure(client: httpx.Client, shape: Shape, repeat: int) -> tuple[Measured, dict[str, Any]]:
    """Up to `repeat` timed requests after an untimed one, within BUDGET_S: at least 5,
    unless a request takes more than a second (the shape is far over its goal anyway)."""
    answer: dict[str, Any] = {}
    failures: list[str] = []
    times: list[float] = []
    deadline = time.monotonic() + BUDGET_S
    for attempt in range(repeat + 1):
        started = time.perf_counter()
        response = client.get(shape.path)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            failures.append(f"{response.status_code}: {response.text[:200]}")
            break
        answer = response.json()
        if attempt > 0:
            times.append(elapsed)
        if time.monotonic() > deadline and (len(times) >= 5 or elapsed > 1000):
            break
    return Measured(shape, times, failures), answer


async def explain(url: str, settings: Settings, shape: Shape, answer: dict[str, Any]) -> Plan:
    """EXPLAIN (ANALYZE, BUFFERS) of the shape's statements, on a connection with the app's
    own session settings (app.db.engine.connect), so that the plans are the app's."""
    connection = await connect(asyncpg_dsn(url), Timeouts.of(settings), bounded=False)
    try:
        await connection.execute(f"SET statement_timeout = '{EXPLAIN_TIMEOUT}'")
        plans: list[str] = []
        total: float | None = 0.0
        for sql, arguments in await shape.statements(answer):
            try:
                rows = await connection.fetch(
                    f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", *arguments
                )
            except asyncpg.QueryCanceledError:
                rows = await connection.fetch(f"EXPLAIN {sql}", *arguments)
                plans.append(f"(EXPLAIN ANALYZE cancelled after {EXPLAIN_TIMEOUT}; the plan:)")
                total = None
            text = "\n".join(row[0] for row in rows)
            found = EXECUTION_TIME.search(text)
            if total is not None and found:
                total += float(found.group(1))
            plans.append(text)
        return Plan("\n\n".join(plans), total)
    finally:
        await connection.close()


async def run_size(count: int, repeat: int, port: int, with_plans: bool) -> SizeResult:
    url = await create_database(target_server(), prefix="tradestat_scale")
    try:
        settings = Settings(database_url=url)
        console.rule(f"{count:,} rows")
        started = time.perf_counter()
        codes, documents = await prepare(url, settings)
        load = await bulk_load(url, codes, documents, count)
        total = time.perf_counter() - started
        console.print(
            f"COPY {load.copy_rows_per_s:,.0f} rows/s; migrate + seed + COPY + indexes +"
            f" update + vacuum {total:.0f} s; derived figures {load.derived};"
            f" {load.updated_rows:,} rows updated after as_of {load.as_of.isoformat()}"
        )
        env = {
            "DATABASE_URL": url,
            "RESPONSE_CACHE": "false",
            "RATE_LIMIT": "off",
            "CURSOR_SECRET": CURSOR_SECRET,
        }
        measured: list[Measured] = []
        plans: dict[str, Plan] = {}
        app = "app.main:create_app"
        with (
            server(app, port, env, "/readyz", factory=True) as base,
            httpx.Client(base_url=base, timeout=60) as client,
        ):
            floor, _ = await asyncio.to_thread(measure, client, FLOOR, repeat)
            console.print(f"{FLOOR.name:32} p50 {floor.p50:8.1f}  p95 {floor.p95:8.1f}")
            for shape in shapes(load.as_of):
                found, answer = await asyncio.to_thread(measure, client, shape, repeat)
                measured.append(found)
                console.print(
                    f"{shape.name:32} p50 {found.p50:8.1f}  p95 {found.p95:8.1f}"
                    f"  {'pass' if found.passed else 'FAIL'} {' '.join(found.failures)}",
                    highlight=False,
                )
                if with_plans:
                    plans[shape.name] = await explain(url, settings, shape, answer)
        return SizeResult(count, load, total, floor, measured, plans)
    finally:
        await drop_database(url)


def report(results: list[SizeResult], repeat: int) -> None:
    largest = results[-1]
    lines = [
        f"p50 / p95 in ms over up to {repeat} requests per shape ({BUDGET_S:.0f} s budget each),"
        f" response cache off; goal: p95 < {GOAL_MS:.0f} ms. JSON, limit=100. The floor is"
        " a request that reaches no table, measured in the same run: what the machine"
        " and the HTTP path cost at the time. SQL ms: the execution time of the shape's"
        f" statements (EXPLAIN ANALYZE) at {largest.rows:,} rows.",
        "",
        "| rows | COPY rows/s | load total s | derived figures | rows updated after as_of |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.rows:,} | {r.load.copy_rows_per_s:,.0f} | {r.total_s:.0f} | {r.load.derived}"
            f" | {r.load.updated_rows:,} |"
        )
    sizes = [f"{r.rows:,} rows" for r in results]
    header = ["shape", "request", *sizes, "SQL ms", "goal"]
    lines += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    floors = [_cell(r.floor) for r in results]
    lines.append(f"| {FLOOR.name} | `{FLOOR.path}` | {' | '.join(floors)} | | |")
    for index, first in enumerate(results[0].measured):
        cells = [_cell(r.measured[index]) for r in results]
        plan = largest.plans.get(first.shape.name)
        sql = f"{plan.sql_ms:.1f}" if plan and plan.sql_ms is not None else "cancelled"
        verdict = "pass" if largest.measured[index].passed else "**FAIL**"
        lines.append(
            f"| {first.shape.name} | `{first.shape.path}` | {' | '.join(cells)} | {sql}"
            f" | {verdict} |"
        )
    lines += ["", f"## Plans at {largest.rows:,} rows", ""]
    for name, plan in largest.plans.items():
        lines += [f"### {name}", "", "```", shortened(plan.text), "```", ""]
    record("scale", lines)


PLAN_LINES = 40
LINE_CHARS = 200


def shortened(plan: str, keep: int = PLAN_LINES, width: int = LINE_CHARS) -> str:
    """A plan of at most `keep` lines of `width` characters: compare's plan has a node per
    key it looks up, a hundred alike, each with its values written out."""
    lines = [
        line if len(line) <= width else line[: width - 3] + "..." for line in plan.splitlines()
    ]
    if len(lines) > keep:
        skipped = f"... {len(lines) - keep} lines like those above ..."
        lines = [*lines[: keep // 2], skipped, *lines[-keep // 2 :]]
    return "\n".join(lines)


def _cell(found: Measured) -> str:
    if found.failures:
        return f"failed ({found.failures[0][:3]})"
    return f"{found.p50:.1f} / {found.p95:.1f} (n={len(found.times_ms)})"


def free_port() -> int:
    """A port no one listens on: another server answering /readyz there would be measured."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000000", help="largest size; 100000 runs first")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--port", type=int, default=None, help="default: a free one")
    args = parser.parse_args()
    os.environ["CURSOR_SECRET"] = CURSOR_SECRET  # read by this process's get_settings()
    sizes = sorted({100_000, int(args.rows)})
    port = args.port or free_port()
    results = [
        asyncio.run(run_size(n, args.requests, port, with_plans=n == sizes[-1])) for n in sizes
    ]
    report(results, args.requests)


if __name__ == "__main__":
    main()
