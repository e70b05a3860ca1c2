"""The read pool: asyncpg's own, bounded like the engines, its errors those the app answers."""

from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy.exc import DBAPIError, OperationalError

from app.config import Settings
from app.db_errors import is_unavailable
from app.db_read import ReadPool, create_read_pool, read_records


@pytest_asyncio.fixture(loop_scope="session")
async def read_pool(engine: Any, database_url: str, settings: Settings) -> AsyncIterator[ReadPool]:
    small = settings.model_copy(update={"db_pool_size": 1, "db_pool_timeout_s": 0.2})
    pool = await create_read_pool(database_url, small)
    try:
        yield pool
    finally:
        await pool.close()


def app_with(pool: ReadPool) -> Any:
    return SimpleNamespace(state=SimpleNamespace(read_pool=pool))


async def test_reads_run_on_the_pool(read_pool: ReadPool) -> None:
    rows = await read_records(app_with(read_pool), "SELECT count(*) AS n FROM countries", [])

    assert rows[0]["n"] > 200
    assert read_pool.pool.get_size() == 1


async def test_a_query_sees_no_state_left_by_the_one_before(read_pool: ReadPool) -> None:
    app = app_with(read_pool)
    settings = "SELECT current_setting('statement_timeout') AS timeout"
    before = (await read_records(app, settings, []))[0]["timeout"]
    # The only state a read could leave is a failed statement's; the next one runs clean.
    with pytest.raises(DBAPIError):
        await read_records(app, "SELECT 1 / 0", [])

    assert (await read_records(app, settings, []))[0]["timeout"] == before


async def test_a_wait_for_a_busy_pool_ends_as_unavailable(read_pool: ReadPool) -> None:
    async with read_pool.acquire():  # the pool's one connection, taken
        with pytest.raises(OperationalError) as raised:
            await read_records(app_with(read_pool), "SELECT 1", [])

    assert is_unavailable(raised.value)


async def test_a_bad_statement_is_not_mistaken_for_an_outage(read_pool: ReadPool) -> None:
    with pytest.raises(DBAPIError) as raised:
        await read_records(app_with(read_pool), "SELECT 1 / 0", [])

    assert not is_unavailable(raised.value)


async def test_connections_are_counted_back_whatever_the_statement_did(
    read_pool: ReadPool,
) -> None:
    app = app_with(read_pool)
    await read_records(app, "SELECT 1", [])
    with pytest.raises(DBAPIError):
        await read_records(app, "SELECT 1 / 0", [])
    assert read_pool.taken == 0

    async with read_pool.acquire():
        assert read_pool.taken == 1
    assert read_pool.taken == 0
