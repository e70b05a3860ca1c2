"""The load lock: a bounded wait that ends when the other load does, or gives up in time."""

import asyncio
import time
from collections.abc import AsyncIterator

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.config import Settings
from app.db.engine import asyncpg_dsn, create_engine
from app.ingest.load_lock import LoadBusy, Turn, take_load_lock
from tests.ingest.load_turns import load_running


@pytest_asyncio.fixture(loop_scope="session")
async def own_engine(committed_database: str, settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(committed_database, settings)
    yield engine
    await engine.dispose()


async def waiting_for_advisory_lock(url: str) -> bool:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return bool(
            await connection.fetchval(
                "SELECT EXISTS (SELECT FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND wait_event = 'advisory')"
            )
        )
    finally:
        await connection.close()


async def test_a_patient_load_gets_the_lock_when_the_other_ends(
    own_engine: AsyncEngine, committed_database: str, settings: Settings
) -> None:
    async with AsyncSession(own_engine) as session, session.begin():
        async with load_running(committed_database, settings, "the load of first.csv"):
            taking = asyncio.create_task(
                take_load_lock(session, "the load of second.csv", Turn(patience_ms=120_000))
            )
            deadline = time.monotonic() + 60
            while not await waiting_for_advisory_lock(committed_database):
                assert not taking.done(), taking
                assert time.monotonic() < deadline, "the second load never waited"
                await asyncio.sleep(0.05)
        await taking
        # Once it holds the lock, the rest of its transaction keeps the usual lock_timeout.
        assert await session.scalar(text("SHOW lock_timeout")) == "0"


async def test_an_impatient_load_gives_up_naming_the_other(
    own_engine: AsyncEngine, committed_database: str, settings: Settings
) -> None:
    async with (
        load_running(committed_database, settings, "the load of first.csv"),
        AsyncSession(own_engine) as session,
    ):
        await session.begin()
        with pytest.raises(LoadBusy, match=r"^the load of first\.csv is running"):
            await take_load_lock(session, "an upload", Turn(patience_ms=200))
        await session.rollback()
