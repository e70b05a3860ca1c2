"""The listing compiled once per shape, a country's two sides paged apart, returns exactly
what one plain statement built per request does, with as_of or without."""

import functools
import itertools
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from app.turnover.parameters import after_key, cursor_for
from app.turnover.queries.filters import Sort, TurnoverFilter, View, filtered
from app.turnover.queries.listing import list_figures, sort_key
from app.turnover.queries.sources import figures
from tests.records import fetch_records

FILTERS = [
    TurnoverFilter(),
    TurnoverFilter(year=2022),
    TurnoverFilter(year=2022, date_from=date(2022, 3, 1)),
    TurnoverFilter(year=2023, date_to=date(2023, 6, 30)),
    TurnoverFilter(country="KGZ", flow="turnover"),
    TurnoverFilter(reporter="KAZ", partner="KGZ", period="annual"),
    TurnoverFilter(partner="KAZ"),
    TurnoverFilter(period="partial", date_from=date(2021, 1, 1)),
    TurnoverFilter(pair=("KGZ", "KAZ")),
    TurnoverFilter(country="FRA"),
    TurnoverFilter(country="KAZ", reporter="KAZ"),
    TurnoverFilter(country="KGZ", partner="KAZ", year=2022),
]
VIEWS = [
    View(),
    View(basis="all"),
    View(basis="derived", resolve="latest"),
    # as_of is a bind parameter of the same statements (the versions of that instant).
    View(basis="all", as_of=datetime(2100, 1, 1, tzinfo=UTC)),
]
SORTS: list[Sort] = ["period", "-period", "value", "-value"]


async def reference(
    connection: AsyncConnection,
    where: TurnoverFilter,
    view: View,
    sort: Sort,
    after: tuple[Any, ...] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """The page as one plain statement: a country on either side is a single OR."""
    f = figures(view)
    query, key = filtered(f, where), sort_key(f, sort)
    descending = sort.startswith("-")
    if after is not None:
        query = query.where(tuple_(*key) < after if descending else tuple_(*key) > after)
    query = query.order_by(*(k.desc() if descending else k for k in key)).limit(limit + 1)
    return [dict(row) for row in (await connection.execute(query)).mappings()]


@pytest.mark.usefixtures("other_sources")
async def test_every_shape_and_page_matches_the_statement_built_per_request(
    connection: AsyncConnection,
) -> None:
    fetch = functools.partial(fetch_records, connection)
    compared = 0
    for where, view, sort in itertools.product(FILTERS, VIEWS, SORTS):
        expected = await reference(connection, where, view, sort, None, 100)
        found = await list_figures(fetch, where, view, sort, None, 100)
        assert [dict(row) for row in found] == expected, (where, view, sort)
        # The second page, after the first row, through the same prepared statement.
        if expected:
            after = after_key(sort, cursor_for(sort, expected[0], "t"), "t")
            page = await list_figures(fetch, where, view, sort, after, 1)
            assert [dict(row) for row in page] == await reference(
                connection, where, view, sort, after, 1
            )
            compared += 1
    assert compared > 50  # the shapes above do find figures


async def test_a_limit_of_one_asks_for_one_row_more(connection: AsyncConnection) -> None:
    fetch = functools.partial(fetch_records, connection)
    rows = await list_figures(fetch, TurnoverFilter(), View(basis="all"), "period", None, 1)

    assert len(rows) == 2
