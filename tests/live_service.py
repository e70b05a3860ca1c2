"""The real service in a subprocess: a throw-away database, migrated and seeded, on a free port."""

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.database import create_database, drop_database

ROOT = Path(__file__).resolve().parent.parent
TRADESTAT = str(Path(sys.executable).with_name("tradestat"))
STARTUP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class LiveService:
    base_url: str
    database_url: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(database_url: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, **(extra or {})}


async def prepared_database(
    server: str, fact_files: Sequence[Path] = (), csv_files: Sequence[Path] = ()
) -> str:
    """A new database, migrated, seeded and given csv_files by the `tradestat` command itself."""
    url = await create_database(server, prefix="tradestat_live")
    commands = [["db", "upgrade"], ["seed"]]
    if fact_files:
        commands.append(["seed", *map(str, fact_files)])
    commands.extend(["import-csv", str(path)] for path in csv_files)
    for command in commands:
        await asyncio.to_thread(
            subprocess.run,
            [TRADESTAT, *command],
            env=environment(url),
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return url


async def wait_until_ready(base_url: str, process: asyncio.subprocess.Process) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    async with httpx.AsyncClient(base_url=base_url, timeout=2) as client:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"the service exited with {process.returncode}")
            try:
                if (await client.get("/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise TimeoutError(f"{base_url}/readyz did not answer 200 in {STARTUP_TIMEOUT_S} s")


@asynccontextmanager
async def running(command: Sequence[str], port: int, env: Mapping[str, str]) -> AsyncIterator[str]:
    """Run command (a server listening on port) until the block ends; yield its base URL."""
    # A file, not a pipe: a pipe nobody reads would stall a chatty server once it is full.
    with tempfile.TemporaryFile() as log:
        process = await asyncio.create_subprocess_exec(
            *command, env=dict(env), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            try:
                await wait_until_ready(base_url, process)
            except (RuntimeError, TimeoutError) as exc:
                log.seek(0)
                raise RuntimeError(f"{exc}\n{log.read().decode(errors='replace')[-3000:]}") from exc
            yield base_url
        finally:
            await stop(process)


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    process.terminate()
    try:
        await asyncio.wait_for(process.wait(), timeout=10)
    except TimeoutError:
        process.kill()
        await process.wait()


@asynccontextmanager
async def live_service(
    server: str, fact_files: Sequence[Path] = (), csv_files: Sequence[Path] = ()
) -> AsyncIterator[LiveService]:
    """`tradestat serve` on a free port over a fresh seeded database, dropped afterwards."""
    url = await prepared_database(server, fact_files, csv_files)
    port = free_port()
    try:
        command = [TRADESTAT, "serve", "--host", "127.0.0.1", "--port", str(port)]
        async with running(command, port, environment(url)) as base_url:
            yield LiveService(base_url=base_url, database_url=url)
    finally:
        await drop_database(url)
