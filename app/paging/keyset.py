"""Keyset listings: one filtered query, read a page at a time or streamed for an export.

A listing is ordered by a unique key, so a page is "the rows after this key": rows inserted
or deleted elsewhere never shift a page, and no row is skipped or repeated across pages.
`ordered` writes that comparison and order for any statement, `either_side` pages a value
on either of two columns; every listing (`Listing` and turnover's compiled statements)
uses them.
"""

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Row, Select, select, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

# Rows fetched per round trip while streaming: bounds the memory an export holds.
STREAM_BATCH = 1000

# The key of a row: its values in key order, or the value alone for a one-column key.
Key = Sequence[Any] | int | str
# The columns of a unique sort key, most significant first.
KeyColumns = Sequence[ColumnElement[Any] | QueryableAttribute[Any]]


def _row_key(key: KeyColumns) -> Any:
    return key[0] if len(key) == 1 else tuple_(*key)


def _key_value(key: KeyColumns, value: Key) -> Any:
    if isinstance(value, int | str):
        return value
    return value[0] if len(key) == 1 else tuple_(*value)


def ordered(
    query: Select[Any],
    key: KeyColumns,
    *,
    descending: bool = False,
    after: Key | None = None,
    through: Key | None = None,
) -> Select[Any]:
    """The rows of query with a key after `after` and up to `through`, in key order.

    "After" follows the order: above the key ascending, below it descending. The bounds may
    be values or bind parameters, so a statement can be compiled once for every page.
    """
    row = _row_key(key)
    if descending:
        query = query.order_by(*(column.desc() for column in key))
        if after is not None:
            query = query.where(row < _key_value(key, after))
        if through is not None:
            query = query.where(row >= _key_value(key, through))
        return query
    query = query.order_by(*key)
    if after is not None:
        query = query.where(row > _key_value(key, after))
    if through is not None:
        query = query.where(row <= _key_value(key, through))
    return query


def either_side(
    query: Select[Any],
    sides: Sequence[ColumnElement[Any]],
    value: Any,
    key_of: Callable[[FromClause], KeyColumns],
    *,
    descending: bool = False,
    after: Key | None = None,
    rows: Any,
) -> Select[Any]:
    """The first `rows` rows after `after` where any one of `sides` equals `value`.

    The sides must exclude each other (a figure never names one country on both sides).
    Each side is paged on its own, along its own index, and stops after `rows`; the sides
    are then merged in key order. A single OR would read every matching row to sort them.
    key_of gives the key on the query's FROM and on the merged rows alike.
    """
    source = query.get_final_froms()[0]
    parts = [
        ordered(
            query.where(side == value), key_of(source), descending=descending, after=after
        ).limit(rows)
        for side in sides
    ]
    merged = union_all(*parts).subquery("either_side")
    return ordered(select(merged), key_of(merged), descending=descending).limit(rows)


@dataclass(frozen=True)
class Listing:
    """A filtered, unordered query; its unique sort key; how one row becomes an item."""

    query: Select[*tuple[Any, ...]]
    key: tuple[ColumnElement[Any] | QueryableAttribute[Any], ...]
    item: Callable[[Row[Any]], Any]
    descending: bool = False

    def ordered(self, after: Key | None, through: Key | None = None) -> Select[*tuple[Any, ...]]:
        """The rows with a key above `after` and up to `through`, in key order."""
        return ordered(
            self.query, self.key, descending=self.descending, after=after, through=through
        )


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
