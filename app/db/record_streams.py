"""Rows of a long SELECT, a batch of asyncpg records at a time, from a server-side cursor.

For exports: asyncpg's records come straight from the driver, with no result machinery per
row, and one round trip fetches a whole batch. The cursor lives in the connection's
transaction, which the caller has begun (PostgreSQL keeps a cursor only inside one).
Nothing is fetched ahead: between batches no statement is in flight, so an export whose
client is gone leaves its connection ready to be closed.
"""

from collections.abc import AsyncIterator, Sequence
from typing import Any

import asyncpg
from asyncpg import Record
from sqlalchemy.ext.asyncio import AsyncConnection

from app.db.reads import translated_errors


async def stream_records(
    connection: AsyncConnection, sql: str, arguments: Sequence[Any], batch: int
) -> AsyncIterator[list[Record]]:
    """The rows of `sql`, `batch` records per round trip, on the connection's transaction."""
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    if not driver.is_in_transaction():
        raise RuntimeError("a server-side cursor needs the connection's transaction begun")
    with translated_errors(sql, arguments):
        cursor = await driver.cursor(sql, *arguments)
    while True:
        with translated_errors(sql, arguments):
            records: list[Record] = await cursor.fetch(batch)
        if records:
            yield records
        if len(records) < batch:
            return
