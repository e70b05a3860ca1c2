"""A pair's series: its figures over time and the targets set for it."""

from datetime import datetime
from typing import Any

from asyncpg import Record
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.read_pool import Fetch
from app.targets.queries import targets_listing
from app.turnover.queries.filters import PeriodFilter, Resolve, TurnoverFilter, View
from app.turnover.queries.listing import list_figures

# Enough for monthly figures of one pair over a century; a series is one response.
MAX_POINTS = 5000


async def series_points(
    fetch: Fetch,
    pair: tuple[str, str],
    flow: str,
    period: PeriodFilter,
    resolve: Resolve,
    review: str | None,
    as_of: datetime | None,
) -> list[Record]:
    """The pair's reported and derived figures of one flow, in period order."""
    where = TurnoverFilter(pair=pair, flow=flow, period=period, review=review)
    view = View(basis="all", resolve=resolve, as_of=as_of)
    rows = await list_figures(fetch, where, view, "period", None, MAX_POINTS)
    return rows[:MAX_POINTS]


async def pair_targets(
    connection: AsyncSession, pair: tuple[str, str], flow: str, review: str | None
) -> list[dict[str, Any]]:
    """The targets set for exactly this pair and flow."""
    listing = targets_listing(country=pair[0], flow=flow, review=review)
    return [
        target
        for target in map(listing.item, await connection.execute(listing.ordered(None)))
        if set(target["countries"]) == set(pair)
    ]
