"""Loaders that run at once queue on one advisory lock; a load killed midway leaves no trace."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db.engine import asyncpg_dsn, create_engine, create_sessionmaker
from app.ingest.load_lock import LOAD_LOCK_ID
from app.ingest.loader import load_fact_files, seed_fact_files
from tests.ingest.big_fact_file import write_big_fact_file
from tests.ingest.snapshot import database_fingerprint

TRADESTAT = str(Path(sys.executable).parent / "tradestat")
ROOT = Path(__file__).resolve().parents[2]


async def counts(url: str) -> dict[str, int]:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return {
            table: await connection.fetchval(f"SELECT count(*) FROM {table}")
            for table in ("documents", "turnover_periods", "targets", "agreements", "events")
        }
    finally:
        await connection.close()


async def fingerprint(url: str, settings: Settings) -> dict[str, str | None]:
    engine = create_engine(url, settings)
    try:
        async with AsyncSession(engine) as session:
            return await database_fingerprint(session)
    finally:
        await engine.dispose()


async def load_once(url: str, settings: Settings) -> tuple[list[str], list[str]]:
    engine = create_engine(url, settings)
    try:
        report = await load_fact_files(
            create_sessionmaker(engine), seed_fact_files(settings.seeds_dir)
        )
    finally:
        await engine.dispose()
    return report.loaded, report.unchanged


async def test_two_loads_at_once_load_once(committed_database: str, settings: Settings) -> None:
    first, second = await asyncio.gather(
        load_once(committed_database, settings), load_once(committed_database, settings)
    )

    slug = "kz-kg-interregional-forum-taraz"
    assert sorted([first, second]) == [([], [slug]), ([slug], [])]
    assert await counts(committed_database) == {
        "documents": 1,
        "turnover_periods": 2,
        "targets": 1,
        "agreements": 4,
        "events": 2,
    }


def seed_process(url: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen(
        [TRADESTAT, "seed", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


async def test_two_seed_commands_at_once(committed_database: str, settings: Settings) -> None:
    processes = [seed_process(committed_database) for _ in range(2)]
    outputs = [await asyncio.to_thread(p.communicate, timeout=60) for p in processes]

    assert [p.returncode for p in processes] == [0, 0], outputs
    # The second may have waited for the first, saying so on a line before its summary.
    said = sorted(out.decode() for out, _ in outputs)
    summaries = sorted(text.strip().splitlines()[-1] for text in said)
    assert "loaded 0 document(s)" in summaries[0]
    assert "1 unchanged" in summaries[0]
    assert "loaded 1 document(s)" in summaries[1]
    assert (await counts(committed_database))["turnover_periods"] == 2


async def loader_is_writing(url: str) -> bool:
    """Another backend holds the load lock and has begun writing turnover figures."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return bool(
            await connection.fetchval(
                """
                SELECT EXISTS (
                    SELECT 1 FROM pg_locks AS advisory
                    JOIN pg_locks AS rows ON rows.pid = advisory.pid
                    WHERE advisory.locktype = 'advisory' AND advisory.granted
                      AND (advisory.classid::bigint << 32 | advisory.objid::bigint) = $1
                      AND rows.relation = 'turnover_periods'::regclass
                      AND rows.mode = 'RowExclusiveLock'
                )
                """,
                LOAD_LOCK_ID & 0xFFFF_FFFF_FFFF_FFFF,
            )
        )
    finally:
        await connection.close()


async def test_a_killed_load_leaves_the_data_as_it_was(
    committed_database: str, settings: Settings, tmp_path: Path
) -> None:
    await load_once(committed_database, settings)
    before = await fingerprint(committed_database, settings)
    big = write_big_fact_file(tmp_path)

    loader = seed_process(committed_database, str(big))
    deadline = time.monotonic() + 60
    while not await loader_is_writing(committed_database):
        assert loader.poll() is None, loader.communicate()[0].decode()
        assert time.monotonic() < deadline, "the load never began writing"
        await asyncio.sleep(0.05)
    os.kill(loader.pid, signal.SIGKILL)
    await asyncio.to_thread(loader.communicate)

    # The server notices the lost client, rolls its transaction back and frees the lock.
    deadline = time.monotonic() + 30
    while await loader_is_writing(committed_database):
        assert time.monotonic() < deadline, "the killed load's transaction lingers"
        await asyncio.sleep(0.05)
    assert await fingerprint(committed_database, settings) == before
    assert await load_once(committed_database, settings) == (
        [],
        ["kz-kg-interregional-forum-taraz"],
    )
