"""A deletion interrupted midway leaves the document whole; the next worker finishes it.

While it runs, readers see the document and all its figures; after, the data is as if the
dataset had never been loaded, and the figures' last versions are in their history.
"""

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.config import Settings
from app.db.engine import asyncpg_dsn, create_engine, create_sessionmaker
from app.documents.deletion import carry_out_pending, find_deletion, request_deletion
from app.ingest.comtrade.loader import ImportOptions, import_csv
from app.ingest.comtrade.sample import sample_csv
from app.ingest.load_lock import HOLDER_PREFIX
from app.ingest.loader import load_fact_files, seed_fact_files
from tests.ingest.snapshot import data_fingerprint, database_fingerprint

ROWS = 20_000


@pytest_asyncio.fixture(loop_scope="session")
async def seeded(committed_database: str, settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(committed_database, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    yield engine
    await engine.dispose()


async def fingerprints(engine: AsyncEngine) -> tuple[dict[str, str | None], ...]:
    async with AsyncSession(engine) as session:
        return await database_fingerprint(session), await data_fingerprint(session)


async def blocked_deleter(connection: asyncpg.Connection, document_id: int) -> int | None:
    """The backend deleting the document, if it waits on a row lock midway through."""
    pid = await connection.fetchval(
        "SELECT pid FROM pg_stat_activity WHERE application_name = $1"
        " AND wait_event_type = 'Lock' AND query LIKE 'DELETE FROM documents%'",
        f"{HOLDER_PREFIX}the deletion of document {document_id}",
    )
    return int(pid) if pid is not None else None


async def test_an_interrupted_deletion_changes_nothing_and_is_finished_later(
    seeded: AsyncEngine, committed_database: str, tmp_path: Path
) -> None:
    sessionmaker = create_sessionmaker(seeded)
    never_imported = (await fingerprints(seeded))[1]
    csv = tmp_path / "comtrade-mid.csv"
    csv.write_text(sample_csv(ROWS), encoding="utf-8")
    document_id = (await import_csv(sessionmaker, csv, ImportOptions())).document_id
    async with sessionmaker() as session, session.begin():
        assert await request_deletion(session, document_id) is not None
    before = await fingerprints(seeded)

    # A reader holds one of the figures, so the deletion stops midway until it is killed.
    holder = await asyncpg.connect(asyncpg_dsn(committed_database))
    watcher = await asyncpg.connect(asyncpg_dsn(committed_database))
    try:
        async with holder.transaction():
            await holder.execute(
                "SELECT 1 FROM turnover_periods WHERE id = (SELECT max(id) FROM turnover_periods"
                " WHERE document_id = $1) FOR UPDATE",
                document_id,
            )
            deletion = asyncio.create_task(carry_out_pending(sessionmaker))
            deadline = time.monotonic() + 60
            while (pid := await blocked_deleter(watcher, document_id)) is None:
                assert not deletion.done(), deletion
                assert time.monotonic() < deadline, "the deletion never began"
                await asyncio.sleep(0.05)
            # Midway, another reader sees the document whole.
            seen = await watcher.fetchval(
                "SELECT count(*) FROM turnover_periods WHERE document_id = $1", document_id
            )
            assert seen == ROWS
            await watcher.execute("SELECT pg_terminate_backend($1)", pid)
            with pytest.raises(DBAPIError, match="terminating connection"):
                await deletion
    finally:
        await holder.close()
        await watcher.close()

    await seeded.dispose()  # the pool's killed connection
    assert await fingerprints(seeded) == before
    async with AsyncSession(seeded) as session:
        pending = await find_deletion(session, document_id)
        assert pending is not None
        assert pending.finished_at is None

    assert await carry_out_pending(sessionmaker) == [document_id]

    async with AsyncSession(seeded) as session:
        assert await data_fingerprint(session) == never_imported
        done = await find_deletion(session, document_id)
        assert done is not None
        assert done.finished_at is not None


async def test_asking_twice_deletes_once(seeded: AsyncEngine, tmp_path: Path) -> None:
    sessionmaker = create_sessionmaker(seeded)
    async with sessionmaker() as session, session.begin():
        first = await request_deletion(session, 1)
        again = await request_deletion(session, 1)
    assert first is not None
    assert again is not None
    assert again.requested_at == first.requested_at

    assert await carry_out_pending(sessionmaker) == [1]
    assert await carry_out_pending(sessionmaker) == []
    async with sessionmaker() as session, session.begin():
        assert await request_deletion(session, 1) is None
