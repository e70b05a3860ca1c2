"""compare's priors, from a statement compiled once per shape, are what a statement built
per request finds, however many figures a page holds."""

import functools
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from app.turnover.queries.filters import TurnoverFilter, View
from app.turnover.queries.listing import list_figures
from app.turnover.queries.priors import prior_key, priors
from app.turnover.queries.sources import figures
from app.turnover.service import as_item
from tests.records import fetch_records


async def reference(
    connection: AsyncConnection, items: list[dict[str, Any]], view: View
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The priors as one statement with the wanted keys written in."""
    f = figures(View(basis="all", resolve=view.resolve, as_of=view.as_of))
    key = tuple_(
        func.least(f.c.reporter_code, f.c.partner_code),
        func.greatest(f.c.reporter_code, f.c.partner_code),
        f.c.flow,
        f.c.period_start,
        f.c.period_end,
    )
    wanted = list({prior_key(item) for item in items})
    query = select(f).where(key.in_(wanted)).order_by(f.c.basis.desc(), f.c.key_id)
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in (await connection.execute(query)).mappings():
        pair = sorted((row["reporter_code"], row["partner_code"]))
        found.setdefault((*pair, row["flow"], row["period_start"], row["period_end"]), dict(row))
    return found


@pytest.mark.usefixtures("other_sources")
@pytest.mark.parametrize(
    "view",
    [View(), View(basis="all", resolve="latest"), View(as_of=datetime(2100, 1, 1, tzinfo=UTC))],
)
async def test_priors_match_the_statement_built_per_request(
    connection: AsyncConnection, view: View
) -> None:
    fetch = functools.partial(fetch_records, connection)
    rows = await list_figures(fetch, TurnoverFilter(), View(basis="all"), "period", None, 1000)
    items = [as_item(row) for row in rows]
    found_any = False
    # 1 key, a power of two, one more than it, and every figure: the slots of the statement.
    for count in (1, 8, 9, len(items)):
        page = items[:count]
        found = await priors(fetch, page, view)
        assert found == await reference(connection, page, view), count
        found_any = found_any or bool(found)
    assert found_any


async def test_no_items_need_no_query(connection: AsyncConnection) -> None:
    async def no_fetch(sql: str, arguments: Any) -> Any:
        raise AssertionError("no statement should run")

    assert await priors(no_fetch, [], View()) == {}
