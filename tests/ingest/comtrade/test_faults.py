"""`tradestat import-csv` under faults: two at once, one killed midway. Each ends with the
same data as a clean load, row for row."""

import asyncio
import os
import signal
import time
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db.engine import create_engine, create_sessionmaker
from app.ingest.comtrade.loader import ImportOptions, import_csv
from app.ingest.comtrade.sample import HEADER, monthly_lines
from tests.conftest import migrated_database
from tests.ingest.snapshot import data_fingerprint
from tests.ingest.test_concurrency import loader_is_writing
from tests.live_service import ROOT, TRADESTAT, environment


def write_sample(folder: Path, name: str, rows: int, first_year: int) -> Path:
    path = folder / name
    lines = "\n".join(monthly_lines(rows, first_year))
    path.write_text(f"{HEADER}\n{lines}\n", encoding="utf-8")
    return path


async def fingerprint_of(url: str, settings: Settings) -> dict[str, str | None]:
    # Hashing tens of thousands of rows takes longer than an API request may.
    patient = settings.model_copy(update={"db_statement_timeout_ms": 600_000})
    engine = create_engine(url, patient)
    try:
        async with AsyncSession(engine) as session:
            return await data_fingerprint(session, leave_ids=True)
    finally:
        await engine.dispose()


async def clean_load(server: str, settings: Settings, files: list[Path]) -> dict[str, str | None]:
    """The fingerprint of the files imported one after the other into a fresh database."""
    async with migrated_database(server, prefix="tradestat_clean") as url:
        engine = create_engine(url, settings)
        try:
            for path in files:
                await import_csv(create_sessionmaker(engine), path, ImportOptions())
        finally:
            await engine.dispose()
        return await fingerprint_of(url, settings)


async def start_import(url: str, path: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        TRADESTAT,
        "import-csv",
        str(path),
        env=environment(url),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def test_two_imports_at_once_load_both_one_after_the_other(
    server: str, committed_database: str, settings: Settings, tmp_path: Path
) -> None:
    files = [
        write_sample(tmp_path, "first.csv", 40_000, 2015),
        write_sample(tmp_path, "second.csv", 20_000, 2030),
    ]

    processes = [await start_import(committed_database, path) for path in files]
    outputs = [(await process.communicate())[0].decode() for process in processes]

    assert [p.returncode for p in processes] == [0, 0], outputs
    assert "imported 40,000 figure(s)" in outputs[0]
    assert "imported 20,000 figure(s)" in outputs[1]
    assert not any("Traceback" in output for output in outputs)
    loaded = await fingerprint_of(committed_database, settings)
    assert loaded == await clean_load(server, settings, files)


async def test_an_import_killed_midway_leaves_nothing_and_runs_again(
    server: str, committed_database: str, settings: Settings, tmp_path: Path
) -> None:
    path = write_sample(tmp_path, "killed.csv", 60_000, 2015)
    before = await fingerprint_of(committed_database, settings)

    process = await start_import(committed_database, path)
    deadline = time.monotonic() + 120
    while not await loader_is_writing(committed_database):
        assert process.returncode is None, "the import ended before it was killed"
        assert time.monotonic() < deadline, "the import never began writing"
        await asyncio.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    await process.wait()
    # The server notices the lost client, rolls its transaction back and frees the lock.
    deadline = time.monotonic() + 30
    while await loader_is_writing(committed_database):
        assert time.monotonic() < deadline, "the killed import's transaction lingers"
        await asyncio.sleep(0.05)

    assert await fingerprint_of(committed_database, settings) == before
    again = await start_import(committed_database, path)
    output = (await again.communicate())[0].decode()
    assert again.returncode == 0, output
    assert await fingerprint_of(committed_database, settings) == await clean_load(
        server, settings, [path]
    )
