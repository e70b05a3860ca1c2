"""Keyset listings: one filtered query, read a page at a time or streamed for an export.

A listing is ordered by a unique key, so a page is "the rows after this key": rows inserted
or deleted elsewhere never shift a page, and no row is skipped or repeated across pages.
"""

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

# Rows fetched per round trip while streaming: bounds the memory an export holds.
STREAM_BATCH = 1000

# The key of a row: its values in key order, or the value alone for a one-column key.
Key = Sequence[Any] | int | str


@dataclass(frozen=True)
class Listing:
    """A filtered, unordered query; its unique sort key; how one row becomes an item."""

    query: Select[*tuple[Any, ...]]
    key: tuple[ColumnElement[Any] | QueryableAttribute[Any], ...]
    item: Callable[[Row[Any]], Any]
    descending: bool = False

    def _key(self) -> Any:
        return self.key[0] if len(self.key) == 1 else tuple_(*self.key)

    def _value(self, key: Key) -> Any:
        if isinstance(key, int | str):
            return key
        return key[0] if len(self.key) == 1 else tuple_(*key)

    def ordered(self, after: Key | None, through: Key | None = None) -> Select[*tuple[Any, ...]]:
        """The rows with a key above `after` and up to `through`, in key order."""
        if self.descending:
            query = self.query.order_by(*(column.desc() for column in self.key))
            if after is not None:
                query = query.where(self._key() < self._value(after))
            if through is not None:
                query = query.where(self._key() >= self._value(through))
            return query
        query = self.query.order_by(*self.key)
        if after is not None:
            query = query.where(self._key() > self._value(after))
        if through is not None:
            query = query.where(self._key() <= self._value(through))
        return query


async def fetch_page(
    session: AsyncSession, listing: Listing, after: Key | None, limit: int
) -> list[Any]:
    """Up to limit + 1 items: the extra one only says another page follows."""
    rows = await session.execute(listing.ordered(after).limit(limit + 1))
    return [listing.item(row) for row in rows]


async def page_end(
    session: AsyncSession, listing: Listing, after: Key | None, limit: int
) -> tuple[Any, ...] | None:
    """The key of the page's last row when another page follows it, else None.

    Streaming a page "through" this key, rather than "limit rows", keeps the next page's
    cursor right even if rows are inserted between this query and the stream.
    """
    query = listing.ordered(after).with_only_columns(*listing.key).offset(limit - 1).limit(2)
    rows = (await session.execute(query)).all()
    return tuple(rows[0]) if len(rows) == 2 else None


async def stream_items(
    session: AsyncSession,
    listing: Listing,
    after: Key | None,
    through: Key | None,
) -> AsyncIterator[Any]:
    """Items one by one from a server-side cursor, STREAM_BATCH rows per round trip."""
    query = listing.ordered(after, through).execution_options(yield_per=STREAM_BATCH)
    result = await session.stream(query)
    try:
        async for rows in result.partitions():  # one await per batch, not per row
            for row in rows:
                yield listing.item(row)
    finally:
        await result.close()
