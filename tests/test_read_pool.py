"""The read pool: asyncpg's own, bounded like the engines, its errors those the app answers."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy.exc import DBAPIError

from app.config import Settings
from app.db.errors import DatabaseBusy, failure_of
from app.db.read_pool import ReadPool, create_read_pool


@pytest_asyncio.fixture(loop_scope="session")
async def read_pool(engine: Any, database_url: str, settings: Settings) -> AsyncIterator[ReadPool]:
    small = settings.model_copy(update={"db_pool_size": 1, "db_pool_timeout_s": 0.2})
    read_pool = await create_read_pool(database_url, small)
    try:
        yield read_pool
    finally:
        await read_pool.close()


async def test_reads_run_on_the_pool(read_pool: ReadPool) -> None:
    rows = await read_pool.records("SELECT count(*) AS n FROM countries", [])

    assert rows[0]["n"] > 200
    assert read_pool.pool.get_size() == 1


async def test_a_query_sees_no_state_left_by_the_one_before(read_pool: ReadPool) -> None:
    settings = "SELECT current_setting('statement_timeout') AS timeout"
    before = (await read_pool.records(settings, []))[0]["timeout"]
    with pytest.raises(DBAPIError):
        await read_pool.records("SELECT 1 / 0", [])

    assert (await read_pool.records(settings, []))[0]["timeout"] == before


async def test_a_wait_for_a_busy_pool_ends_as_busy(read_pool: ReadPool) -> None:
    async with read_pool.acquire():  # the pool's one connection, taken
        with pytest.raises(DatabaseBusy):
            await read_pool.records("SELECT 1", [])


async def test_a_bad_statement_is_not_mistaken_for_an_outage(read_pool: ReadPool) -> None:
    with pytest.raises(DBAPIError) as raised:
        await read_pool.records("SELECT 1 / 0", [])

    assert failure_of(raised.value) is None


async def test_every_taker_gives_its_connection_back(read_pool: ReadPool) -> None:
    await read_pool.records("SELECT 1", [])
    with pytest.raises(DBAPIError):
        await read_pool.records("SELECT 1 / 0", [])
    assert read_pool.taken == 0

    async with read_pool.acquire():
        assert read_pool.taken == 1
    assert read_pool.taken == 0
