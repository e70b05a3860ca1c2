"""GET /turnover/series: a pair's figures over time, with its targets and their progress."""

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from app.countries.dependencies import resolve_countries
from app.db.reads import ReadSessionDep
from app.http.ids import NO_NUL
from app.http.problems import problem_responses
from app.review.parameters import ReviewParameter, review_filter
from app.targets.queries import targets_listing
from app.turnover import queries, service
from app.turnover.parameters import AsOf, as_of_instant
from app.turnover.schemas import SeriesRead

router = APIRouter(prefix="/turnover", tags=["turnover"])

# Enough for monthly figures of one pair over a century; a series is one response.
MAX_POINTS = 5000


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


@router.get(
    "/series",
    operation_id="getTurnoverSeries",
    summary="A country pair's figures over time, with targets and progress",
    response_model=SeriesRead,
    responses=problem_responses(422),
)
async def get_series(
    read: ReadSessionDep,
    countries: Annotated[
        str,
        Query(
            max_length=201,
            pattern=NO_NUL,
            description="Two countries, comma-separated, in any order: codes, names or aliases.",
            examples=["KAZ,KGZ"],
        ),
    ],
    flow: Annotated[
        Literal["turnover", "export", "import"],
        Query(description="The flow to draw.", examples=["turnover"]),
    ] = "turnover",
    period: Annotated[
        Literal["annual", "partial", "all"],
        Query(description="Full years, parts of a year, or both.", examples=["all"]),
    ] = "all",
    resolve: Annotated[
        Literal["all", "latest"],
        Query(
            description="`latest`: per period and reporter, the newest document's figure.",
            examples=["latest"],
        ),
    ] = "all",
    review: ReviewParameter = "all",
    as_of: AsOf = None,
) -> SeriesRead:
    """What a chart of the pair draws: reported and derived points in period order, the
    pair's targets with their progress, and the latest period with a figure."""
    pair = await resolve_countries(read, "countries", countries, count=2)
    where = queries.TurnoverFilter(
        pair=(pair[0], pair[1]), flow=flow, period=period, review=review_filter(review)
    )
    view = queries.View(basis="all", resolve=resolve, as_of=as_of_instant(as_of))
    rows = await queries.list_figures(read.records, where, view, "period", None, MAX_POINTS)
    points = [service.as_item(row) for row in rows[:MAX_POINTS]]
    latest = latest_annual(points)
    pair_targets = targets_listing(country=pair[0], flow=flow, review=review_filter(review))
    targets = [
        target
        for target in map(pair_targets.item, await read.execute(pair_targets.ordered(None)))
        if set(target["countries"]) == set(pair)
    ]
    latest_point = max(points, key=lambda p: (p["period_end"], p["period_start"]), default=None)
    return SeriesRead.model_validate(
        {
            "countries": sorted(pair),
            "flow": flow,
            "points": points,
            "targets": [with_progress(target, latest) for target in targets],
            "latest_period": latest_point,
        }
    )
