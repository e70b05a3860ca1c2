"""Rows of a long SELECT, a batch of asyncpg records at a time, from a server-side cursor.

For exports: asyncpg's records come straight from the driver, with no result machinery per
row, and one round trip fetches a whole batch. Each batch is handed to `made` (say, to
encode it as CSV) while the database makes the next one; the next is waited for before
the result is handed out, so no statement is ever in flight while the caller holds it: an
export whose client is gone leaves its connection ready to be closed. The cursor lives in
the connection's transaction, which the caller has begun (PostgreSQL keeps a cursor only
inside one).
"""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any, TypeVar

import asyncpg
from asyncpg import Record
from sqlalchemy.ext.asyncio import AsyncConnection

from app.db.read_pool import translated_errors

Made = TypeVar("Made")


async def stream_records(
    connection: AsyncConnection,
    sql: str,
    arguments: Sequence[Any],
    batch: int,
    made: Callable[[list[Record]], Made],
) -> AsyncIterator[Made]:
    """made(records) of each batch of `sql`'s rows, `batch` records per round trip."""
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    if not driver.is_in_transaction():
        raise RuntimeError("a server-side cursor needs the connection's transaction begun")
    with translated_errors(sql, arguments):
        cursor = await driver.cursor(sql, *arguments)
        records: list[Record] = await cursor.fetch(batch)
    while records:
        following = await _asked(cursor, batch) if len(records) == batch else None
        result = made(records)  # while the database makes the next batch
        with translated_errors(sql, arguments):
            records = await following if following is not None else []
        yield result


async def _asked(cursor: Any, batch: int) -> "asyncio.Task[list[Record]]":
    """The next batch, asked for: its request is sent when this returns."""
    task: asyncio.Task[list[Record]] = asyncio.create_task(cursor.fetch(batch))
    try:
        await asyncio.sleep(0)  # the task runs until it waits for the answer
    except BaseException:
        task.cancel()
        raise
    return task
