"""Each process learns of a committed data change by NOTIFY; unchanged data keeps its version."""

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest_asyncio
from sqlalchemy.engine import make_url

from app import migrate
from app.data_version import DataVersion
from tests.database import create_database, drop_database


@pytest_asyncio.fixture(loop_scope="session")
async def committed_database(server: str) -> AsyncIterator[str]:
    """A database of its own: these tests commit, and other processes must see it."""
    url = await create_database(server, prefix="tradestat_version")
    await asyncio.to_thread(migrate.upgrade, url)
    yield url
    await drop_database(url)


async def execute(url: str, sql: str) -> None:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def wait_for(tracker: DataVersion, number: int) -> None:
    for _ in range(100):
        if tracker.current is not None and tracker.current.number == number:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"version stayed {tracker.current}")


async def test_a_committed_change_reaches_the_listener(committed_database: str) -> None:
    tracker = DataVersion(committed_database, retry_s=0.2)
    await tracker.start()
    try:
        assert tracker.current is not None
        start = tracker.current.number

        await execute(
            committed_database,
            "INSERT INTO countries VALUES ('KGZ', 'KG', '417', 'Kyrgyzstan', NULL)",
        )
        await wait_for(tracker, start + 1)

        await execute(committed_database, "UPDATE countries SET name = name")
        await execute(committed_database, "DELETE FROM countries WHERE alpha3 = 'XXX'")
        await asyncio.sleep(0.2)
        assert tracker.current is not None
        assert tracker.current.number == start + 1

        await execute(committed_database, "UPDATE countries SET official_name = 'Kyrgyz Republic'")
        await wait_for(tracker, start + 2)
    finally:
        await tracker.stop()


async def test_an_unreachable_database_leaves_the_version_unknown() -> None:
    tracker = DataVersion("postgresql://postgres@127.0.0.1:1/postgres", retry_s=0.05)
    await tracker.start()
    try:
        assert tracker.current is None
    finally:
        await tracker.stop()
