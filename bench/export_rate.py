"""How fast a CSV export of GET /turnover streams, and whether the server's memory stays flat.

A fresh database is migrated and seeded, then --rows generated figures are COPYed in (the
rows and the load of bench/scale.py). The service runs (one uvicorn worker), and exports of
100,000, 500,000 and --rows figures are fetched one after another as
`/turnover?format=csv&limit=N` (the largest as a full export, limit=10,000,000), streamed
with httpx without compression. For each: rows per second, from the request to the last
byte, and the server's peak resident memory while it streamed, sampled from /proc. Flat
memory: the peak does not grow with the rows.

Run with `python -m bench.export_rate` (--rows for another size); the report goes to
bench/results/export-rate.md.
"""

import argparse
import asyncio
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.config import Settings
from bench.common import (
    cpu_seconds,
    create_database,
    drop_database,
    record,
    served,
    target_server,
)
from bench.scale import bulk_load, prepare

FULL_EXPORT = 10_000_000
RSS_SAMPLE_S = 0.02


@dataclass(frozen=True)
class Export:
    limit: int
    rows: int
    seconds: float
    cpu_seconds: float  # the server's: steadier than the wall clock on a busy machine
    peak_rss_mib: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds

    @property
    def rows_per_cpu_s(self) -> float:
        return self.rows / self.cpu_seconds


def resident_mib(pid: int) -> float:
    """The process's resident memory now (VmRSS), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


class PeakResident:
    """Samples a process's resident memory in a thread while a block runs; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = resident_mib(pid)
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.done.wait(RSS_SAMPLE_S):
            self.peak = max(self.peak, resident_mib(self.pid))

    def __enter__(self) -> "PeakResident":
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join()
        self.peak = max(self.peak, resident_mib(self.pid))


def export(client: httpx.Client, pid: int, limit: int) -> Export:
    path = f"/turnover?format=csv&limit={limit}"
    lines = 0
    cpu_before = cpu_seconds(pid)
    with PeakResident(pid) as memory:
        started = time.perf_counter()
        with client.stream("GET", path, headers={"Accept-Encoding": "identity"}) as response:
            assert response.status_code == 200, (path, response.status_code)
            for chunk in response.iter_raw():
                lines += chunk.count(b"\n")  # a "\r\n" may be split between chunks
        seconds = time.perf_counter() - started
    rows = lines - 1  # the header
    result = Export(limit, rows, seconds, cpu_seconds(pid) - cpu_before, memory.peak)
    print(
        f"  limit={limit:>10,}: {rows:>9,} rows in {seconds:6.2f} s, "
        f"{result.rows_per_s:>9,.0f} rows/s, {result.rows_per_cpu_s:>9,.0f} rows/server CPU s, "
        f"peak RSS {memory.peak:6.1f} MiB",
        flush=True,
    )
    return result


async def loaded_database(rows: int) -> str:
    url = await create_database(target_server(), prefix="tradestat_export_rate")
    try:
        codes, document_id = await prepare(url, Settings(database_url=url))
        await bulk_load(url, codes, document_id, rows)
    except BaseException:
        await drop_database(url)
        raise
    return url


def measure(url: str, sizes: list[int], port: int) -> tuple[float, list[Export]]:
    env = {"DATABASE_URL": url, "RESPONSE_CACHE": "false", "RATE_LIMIT": "off"}
    with (
        served("app.main:create_app", port, env, "/readyz", factory=True) as (base, pid),
        httpx.Client(base_url=base, timeout=600) as client,
    ):
        export(client, pid, 10_000)  # warm-up: imports, statement caches, the first connection
        idle = resident_mib(pid)
        print(f"  server RSS before the exports: {idle:.1f} MiB")
        return idle, [export(client, pid, size) for size in sizes]


def report(rows: int, idle_mib: float, exports: list[Export]) -> None:
    load = Path("/proc/loadavg").read_text().split()[:3]
    lines = [
        f"CSV export of GET /turnover over {rows:,} generated figures (plus the seeded ones):",
        "one uvicorn worker, no compression, one export at a time.",
        "",
        f"server RSS after a warm-up export, before these: {idle_mib:.1f} MiB; "
        f"load average after the run: {' '.join(load)} on {os.cpu_count()} cores",
        "",
        "| limit | rows | seconds | rows/s | server CPU s | rows per server CPU s "
        "| peak server RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in exports:
        lines.append(
            f"| {e.limit:,} | {e.rows:,} | {e.seconds:.2f} | {e.rows_per_s:,.0f} "
            f"| {e.cpu_seconds:.2f} | {e.rows_per_cpu_s:,.0f} | {e.peak_rss_mib:.1f} |"
        )
    record("export-rate", lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    sizes = [size for size in (100_000, 500_000) if size < args.rows] + [FULL_EXPORT]
    url = asyncio.run(loaded_database(args.rows))
    try:
        idle, exports = measure(url, sizes, args.port)
    finally:
        asyncio.run(drop_database(url))
    report(args.rows, idle, exports)


if __name__ == "__main__":
    main()
