"""A ReadSession's `records` on a test's own connection, inside its transaction."""

from collections.abc import Sequence
from typing import Any

import asyncpg
from asyncpg import Record
from sqlalchemy.ext.asyncio import AsyncConnection

from app.db.read_pool import translated_errors


async def fetch_records(
    connection: AsyncConnection, sql: str, arguments: Sequence[Any]
) -> list[Record]:
    """Rows of a SELECT sent as text on the connection's own asyncpg connection, as the read
    pool sends it: prepared by asyncpg, its errors translated the same way."""
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    with translated_errors(sql, arguments):
        records: list[Record] = await driver.fetch(sql, *arguments)
    return records
