"""The read pool: asyncpg's own, bounded like the engines, its errors those the app answers."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy.exc import DBAPIError

from app.config import Settings
from app.db.engine import create_engine
from app.db.errors import DatabaseBusy, failure_of
from app.db.reads import Reads, create_read_pool


@pytest_asyncio.fixture(loop_scope="session")
async def reads(engine: Any, database_url: str, settings: Settings) -> AsyncIterator[Reads]:
    small = settings.model_copy(update={"db_pool_size": 1, "db_pool_timeout_s": 0.2})
    reads = Reads(
        create_engine(database_url, small, read_only=True),
        await create_read_pool(database_url, small),
    )
    try:
        yield reads
    finally:
        await reads.close()


async def test_reads_run_on_the_pool(reads: Reads) -> None:
    rows = await reads.records("SELECT count(*) AS n FROM countries", [])

    assert rows[0]["n"] > 200
    assert reads.pool.pool.get_size() == 1


async def test_a_query_sees_no_state_left_by_the_one_before(reads: Reads) -> None:
    settings = "SELECT current_setting('statement_timeout') AS timeout"
    before = (await reads.records(settings, []))[0]["timeout"]
    with pytest.raises(DBAPIError):
        await reads.records("SELECT 1 / 0", [])

    assert (await reads.records(settings, []))[0]["timeout"] == before


async def test_a_wait_for_a_busy_pool_ends_as_busy(reads: Reads) -> None:
    async with reads.pool.acquire():  # the pool's one connection, taken
        with pytest.raises(DatabaseBusy):
            await reads.records("SELECT 1", [])


async def test_a_bad_statement_is_not_mistaken_for_an_outage(reads: Reads) -> None:
    with pytest.raises(DBAPIError) as raised:
        await reads.records("SELECT 1 / 0", [])

    assert failure_of(raised.value) is None


async def test_every_taker_gives_its_connection_back(reads: Reads) -> None:
    await reads.records("SELECT 1", [])
    with pytest.raises(DBAPIError):
        await reads.records("SELECT 1 / 0", [])
    assert reads.pool.taken == 0

    async with reads.pool.acquire():
        assert reads.pool.taken == 1
    assert reads.pool.taken == 0
