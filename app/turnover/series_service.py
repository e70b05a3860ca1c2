"""A pair's series as a chart draws it: points, targets with their progress, latest period."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from app.db.reads import ReadSession
from app.turnover import service
from app.turnover.queries.filters import PeriodFilter, Resolve
from app.turnover.queries.series import pair_targets, series_points


def latest_annual(points: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most recent full year; a reported figure over a derived one."""
    annual = [p for p in points if p["period_kind"] == "year" and p["value_usd"] is not None]
    if not annual:
        return None
    return max(annual, key=lambda p: (p["period_start"], p["basis"] == "reported"))


def with_progress(target: dict[str, Any], latest: dict[str, Any] | None) -> dict[str, Any]:
    value = latest["value_usd"] if latest else None
    progress = (value / target["value_usd"]).quantize(Decimal("0.001")) if value else None
    return {
        **target,
        "latest_annual_value_usd": value,
        "latest_annual_period": latest["period_label"] if latest else None,
        "progress": progress,
    }


async def series(
    read: ReadSession,
    pair: tuple[str, str],
    flow: str,
    period: PeriodFilter,
    resolve: Resolve,
    review: str | None,
    as_of: datetime | None,
) -> dict[str, Any]:
    """The pair's points in period order, its targets with their progress towards the
    latest full year, and the latest period with a figure."""
    rows = await series_points(read.records, pair, flow, period, resolve, review, as_of)
    points = [service.as_item(row) for row in rows]
    latest = latest_annual(points)
    targets = await pair_targets(read, pair, flow, review)
    return {
        "countries": sorted(pair),
        "flow": flow,
        "points": points,
        "targets": [with_progress(target, latest) for target in targets],
        "latest_period": max(
            points, key=lambda p: (p["period_end"], p["period_start"]), default=None
        ),
    }
