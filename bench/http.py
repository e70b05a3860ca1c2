"""HTTP throughput of GET /turnover?year=2022, the service against three baselines.

One after another, on the same port with the same uvicorn settings (one worker, uvloop,
httptools, no access log), each loaded by wrk at 32 connections for 10 s after a warm-up,
the whole sequence repeated (--rounds, default 3) and each figure reported as its median:

1. constant    FastAPI returning the same JSON body as a constant through the response_model
2. orm         the same endpoint as a typical service writes it: ORM rows mapped to Pydantic
3. query-only  FastAPI, one route, no middleware: the query on asyncpg and orjson, nothing
               else; the floor under the service's uncached path
4. service     tradestat (response cache on)
5. no-cache    tradestat with RESPONSE_CACHE=false

Run with `make bench`. The database is a fresh one, migrated and seeded, on
BENCH_DATABASE_URL / DATABASE_URL / TEST_DATABASE_URL's server or the embedded one.
"""

import argparse
import asyncio
import platform
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import httpx

from app.config import Settings
from app.db import migrate
from app.db.engine import create_engine, create_sessionmaker
from app.ingest.loader import load_fact_files, seed_fact_files
from bench.common import (
    cpu_seconds,
    create_database,
    drop_database,
    ensure_wrk,
    record,
    served,
    server,
    target_server,
)

PATH = "/turnover?year=2022"
# The limiter stays in the path, with a limit wrk never reaches.
SERVICE_ENV = {"RATE_LIMIT": "100000000/minute", "LOG_LEVEL": "WARNING"}


@dataclass
class Result:
    name: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: str
    cpu_us: float  # the server's CPU time per request: steadier than req/s on a busy machine


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if found is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    number, unit = found.groups()
    return float(number) * _UNITS[unit]


def run_wrk(
    wrk: str, url: str, seconds: int, connections: int
) -> tuple[float, float, float, str, int]:
    command = [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return wrk_figures(output)


def wrk_figures(output: str) -> tuple[float, float, float, str, int]:
    """req/s, p50 ms, p99 ms, errors and the request count from `wrk --latency` output."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    # Lines of the latency distribution only: "73.50%" in the Stdev column is no percentile.
    p50 = _ms(re.search(r"^\s*50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s*99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    errors = re.search(r"(Non-2xx or 3xx responses: \d+|Socket errors:.*)", output)
    return rate, p50, p99, errors.group(1) if errors else "", requests


async def seeded_database() -> str:
    url = await create_database(target_server(), prefix="tradestat_bench")
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(database_url=url)
    engine = create_engine(url, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    await engine.dispose()
    return url


def measure(args: argparse.Namespace, database_url: str) -> list[list[Result]]:
    """Every server, one after another, `args.rounds` times over: one list per round."""
    wrk = ensure_wrk()
    port = args.port
    env = {"DATABASE_URL": database_url}
    with server("app.main:create_app", port, {**env, **SERVICE_ENV}, PATH, factory=True) as url:
        body = httpx.get(url + PATH).content
    body_file = Path(tempfile.mkstemp(suffix=".json")[1])
    body_file.write_bytes(body)
    runs = [
        ("constant", "bench.apps.constant:app", {"BENCH_BODY": str(body_file)}, False),
        ("orm", "bench.apps.orm:app", env, False),
        ("query-only", "bench.apps.asyncpg_floor:app", env, False),
        ("service", "app.main:create_app", {**env, **SERVICE_ENV}, True),
        (
            "no-cache",
            "app.main:create_app",
            {**env, **SERVICE_ENV, "RESPONSE_CACHE": "false"},
            True,
        ),
    ]
    rounds = []
    for round_number in range(1, args.rounds + 1):
        print(f"round {round_number} of {args.rounds}")
        rounds.append([measure_one(wrk, port, args, body, *run) for run in runs])
    body_file.unlink()
    return rounds


def measure_one(
    wrk: str,
    port: int,
    args: argparse.Namespace,
    body: bytes,
    name: str,
    target: str,
    run_env: dict[str, str],
    factory: bool,
) -> Result:
    with served(target, port, run_env, PATH, factory=factory) as (url, pid):
        assert httpx.get(url + PATH).json() == httpx.Response(200, content=body).json(), name
        run_wrk(wrk, url + PATH, args.warmup, args.connections)
        cpu_before = cpu_seconds(pid)
        rate, p50, p99, errors, requests = run_wrk(wrk, url + PATH, args.seconds, args.connections)
        cpu_us = (cpu_seconds(pid) - cpu_before) / requests * 1e6
    print(
        f"  {name:10} {rate:9.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  "
        f"server CPU {cpu_us:5.0f} µs/request {errors}"
    )
    return Result(name, rate, p50, p99, errors, cpu_us)


def report(rounds: list[list[Result]], args: argparse.Namespace) -> None:
    """Each figure is the median over the rounds; a ratio is taken within each round (both
    servers measured minutes apart, not hours) before its median is."""
    lines = [
        f"GET {PATH}: wrk -t1 -c{args.connections} -d{args.seconds}s, one uvicorn worker, "
        f"median of {len(rounds)} round(s)",
        "",
        f"machine: {platform.machine()}, {_cpu()}, Python {platform.python_version()}",
        "",
        "| server | req/s | p50 ms | p99 ms | vs constant | vs orm | server CPU µs/request |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for first in rounds[0]:
        runs = [by_name(results, first.name) for results in rounds]
        lines.append(
            f"| {first.name} | {median(r.requests_per_s for r in runs):.0f} "
            f"| {median(r.p50_ms for r in runs):.2f} | {median(r.p99_ms for r in runs):.2f} "
            f"| {median(ratios(rounds, first.name, 'constant')):.2f}x "
            f"| {median(ratios(rounds, first.name, 'orm')):.2f}x "
            f"| {median(r.cpu_us for r in runs):.0f} |"
        )
    if len(rounds) > 1:
        lines.append("")
        for first in rounds[0]:
            if first.name not in ("constant", "orm"):
                per_round = ", ".join(f"{x:.2f}x" for x in ratios(rounds, first.name, "constant"))
                lines.append(f"- {first.name} vs constant, round by round: {per_round}")
    record("http", lines)


def by_name(results: list[Result], name: str) -> Result:
    return next(r for r in results if r.name == name)


def ratios(rounds: list[list[Result]], name: str, base: str) -> list[float]:
    """name's req/s over base's, within each round."""
    return [
        by_name(results, name).requests_per_s / by_name(results, base).requests_per_s
        for results in rounds
    ]


def _cpu() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    model = re.search(r"model name\s*:\s*(.+)", text)
    cores = text.count("processor\t:")
    return f"{cores} x {model.group(1).strip() if model else 'unknown CPU'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8765)
    # One round takes about a minute; on a shared machine one round's ratios can be off.
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    database_url = asyncio.run(seeded_database())
    try:
        report(measure(args, database_url), args)
    finally:
        asyncio.run(drop_database(database_url))


if __name__ == "__main__":
    main()
