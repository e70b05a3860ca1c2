"""One listening connection per process: every channel's notices on it, and a lost connection
reopened, its subscribers told both ways."""

import asyncio
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import asyncpg
import httpx

from app.db.engine import asyncpg_dsn
from app.db.notifications import APPLICATION_NAME, Notifications

DEADLINE_S = 10.0


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {DEADLINE_S} s")
        await asyncio.sleep(0.02)


@asynccontextmanager
async def admin(url: str) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        yield connection
    finally:
        await connection.close()


async def listeners(connection: asyncpg.Connection) -> list[int]:
    """The backends of listening connections on the connection's database."""
    rows = await connection.fetch(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        " AND application_name = $1",
        APPLICATION_NAME,
    )
    return [row["pid"] for row in rows]


def heard_on(heard: asyncio.Queue[tuple[str, str]], channel: str, payload: str) -> None:
    heard.put_nowait((channel, payload))


async def test_every_channel_is_heard_on_one_connection(committed_database: str) -> None:
    heard: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    notifications = Notifications(committed_database, retry_s=0.2)
    for channel in ("first_channel", "second_channel"):
        notifications.subscribe(channel, functools.partial(heard_on, heard, channel))
    await notifications.start()
    try:
        async with admin(committed_database) as connection:
            assert len(await listeners(connection)) == 1
            await connection.execute("NOTIFY first_channel, 'one'")
            await connection.execute("NOTIFY second_channel, 'two'")
            await connection.execute("NOTIFY other_channel, 'three'")
        received = [await asyncio.wait_for(heard.get(), DEADLINE_S) for _ in range(2)]
        assert received == [("first_channel", "one"), ("second_channel", "two")]
        assert heard.empty()
    finally:
        await notifications.stop()


async def test_a_lost_connection_is_reopened_and_subscribers_are_told(
    committed_database: str,
) -> None:
    events: list[str] = []
    notifications = Notifications(committed_database, retry_s=0.1)
    notifications.subscribe(
        "some_channel",
        events.append,
        on_connected=lambda: events.append("connected"),
        on_lost=lambda: events.append("lost"),
    )
    await notifications.start()
    try:
        assert events == ["connected"]
        async with admin(committed_database) as connection:
            [pid] = await listeners(connection)
            await connection.execute("SELECT pg_terminate_backend($1)", pid)

            async def reconnected() -> bool:
                return events[-1:] == ["connected"] and len(events) == 3

            await eventually(reconnected, "the listener back")
            assert events == ["connected", "lost", "connected"]
            assert notifications.connected
            await connection.execute("NOTIFY some_channel, 'after'")

            async def heard() -> bool:
                return events[-1] == "after"

            await eventually(heard, "the notice after reconnecting")
    finally:
        await notifications.stop()


async def test_the_service_listens_on_one_connection(
    committed_database: str, committed_client: httpx.AsyncClient
) -> None:
    """The data version and the deletion worker share the process's listener."""
    async with admin(committed_database) as connection:
        assert len(await listeners(connection)) == 1
