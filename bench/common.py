"""What both benchmarks need: a throw-away database, a server process, percentiles."""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.database import create_database, drop_database, server_url

__all__ = [
    "cpu_seconds",
    "create_database",
    "drop_database",
    "percentile",
    "record",
    "served",
    "server",
    "target_server",
]

UVICORN_SETTINGS = [
    "--host",
    "127.0.0.1",
    "--workers",
    "1",
    "--loop",
    "uvloop",
    "--http",
    "httptools",
    "--no-access-log",
    "--log-level",
    "warning",
]


def target_server() -> str:
    """BENCH_DATABASE_URL, else DATABASE_URL, else TEST_DATABASE_URL, else the embedded one."""
    return os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or server_url()


@contextmanager
def server(
    app: str, port: int, env: dict[str, str], ready_path: str, factory: bool = False
) -> Iterator[str]:
    """Run `uvicorn app` with the shared settings until the block ends; yield its base URL."""
    with served(app, port, env, ready_path, factory) as (url, _):
        yield url


@contextmanager
def served(
    app: str, port: int, env: dict[str, str], ready_path: str, factory: bool = False
) -> Iterator[tuple[str, int]]:
    """As server(), yielding the process id too."""
    command = [sys.executable, "-m", "uvicorn", app, "--port", str(port), *UVICORN_SETTINGS]
    if factory:
        command.append("--factory")
    process = subprocess.Popen(command, env={**os.environ, **env})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{app} exited with {process.returncode}")
            try:
                if httpx.get(url + ready_path, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{app} did not answer {ready_path}")
            time.sleep(0.1)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=15)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: installing it with apt-get", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed")
    return found


RESULTS = Path(__file__).resolve().parent / "results"


def record(name: str, lines: list[str]) -> Path:
    """Print a benchmark's report and keep it as bench/results/NAME.md, the file the docs
    cite, so published figures are always the ones a run wrote."""
    text = "\n".join(lines) + "\n"
    print(text, end="")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    print(f"written to {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return path
