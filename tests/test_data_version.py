"""Each process learns of a committed data change by NOTIFY; unchanged data keeps its version."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from app.db.data_version import DataVersion
from app.db.engine import asyncpg_dsn
from app.db.notifications import Notifications


async def execute(url: str, sql: str) -> None:
    dsn = asyncpg_dsn(url)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@asynccontextmanager
async def following(url: str, retry_s: float) -> AsyncIterator[DataVersion]:
    """A data version following url's, on a listener of its own."""
    notifications = Notifications(url, retry_s=retry_s)
    tracker = DataVersion(notifications, retry_s=retry_s)
    await notifications.start()
    await tracker.start()
    try:
        yield tracker
    finally:
        await tracker.stop()
        await notifications.stop()


async def wait_for(tracker: DataVersion, number: int) -> None:
    for _ in range(100):
        if tracker.current is not None and tracker.current.number == number:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"version stayed {tracker.current}")


async def test_a_committed_change_reaches_the_listener(committed_database: str) -> None:
    async with following(committed_database, retry_s=0.2) as tracker:
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


async def test_an_unreachable_database_leaves_the_version_unknown() -> None:
    async with following("postgresql://postgres@127.0.0.1:1/postgres", retry_s=0.05) as tracker:
        assert tracker.current is None
