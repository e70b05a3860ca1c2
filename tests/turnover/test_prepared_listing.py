"""The listing compiled once per shape returns exactly what the statement built per request does."""

import functools
import itertools
from datetime import date
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from app.db_read import fetch_records
from app.turnover import queries
from app.turnover.parameters import after_key, cursor_for
from app.turnover.queries import Sort, TurnoverFilter, View

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
]
VIEWS = [View(), View(basis="all"), View(basis="derived", resolve="latest")]
SORTS: list[Sort] = ["period", "-period", "value", "-value"]


async def reference(connection: AsyncConnection, *arguments: Any) -> list[dict[str, Any]]:
    result = await connection.execute(queries.listing(*arguments))
    return [dict(row) for row in result.mappings()]


@pytest.mark.usefixtures("other_sources")
async def test_every_shape_and_page_matches_the_statement_built_per_request(
    connection: AsyncConnection,
) -> None:
    fetch = functools.partial(fetch_records, connection)
    compared = 0
    for where, view, sort in itertools.product(FILTERS, VIEWS, SORTS):
        expected = await reference(connection, where, view, sort, None, 100)
        found = await queries.list_figures(fetch, where, view, sort, None, 100)
        assert [dict(row) for row in found] == expected, (where, view, sort)
        # The second page, after the first row, through the same prepared statement.
        if expected:
            after = after_key(sort, cursor_for(sort, expected[0]))
            page = await queries.list_figures(fetch, where, view, sort, after, 1)
            assert [dict(row) for row in page] == await reference(
                connection, where, view, sort, after, 1
            )
            compared += 1
    assert compared > 50  # the shapes above do find figures


async def test_a_limit_of_one_asks_for_one_row_more(connection: AsyncConnection) -> None:
    fetch = functools.partial(fetch_records, connection)
    rows = await queries.list_figures(fetch, TurnoverFilter(), View(basis="all"), "period", None, 1)

    assert len(rows) == 2
