from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from app.countries.dependencies import CountryFilter, PartnerFilter, ReporterFilter
from app.db_read import ReadConnection
from app.errors import NotFound, problem_responses
from app.http.json import json_response
from app.pagination import Cursor, Limit, Page
from app.turnover import queries, service
from app.turnover.parameters import (
    AsOf,
    DateBound,
    Flow,
    Year,
    after_key,
    as_of_instant,
    cursor_for,
    date_bound,
)
from app.turnover.schemas import TurnoverDetail, TurnoverItem, VersionRead

router = APIRouter(prefix="/turnover", tags=["turnover"])

FigureId = Annotated[int, Path(ge=1, le=2**63 - 1, description="Figure id.", examples=[1])]


@router.get(
    "",
    operation_id="listTurnover",
    summary="List trade figures with their sources",
    response_model=Page[TurnoverItem],
    response_model_exclude_none=False,
    responses=problem_responses(400, 422),
)
async def list_turnover(
    connection: ReadConnection,
    year: Year = None,
    country: CountryFilter = None,
    reporter: ReporterFilter = None,
    partner: PartnerFilter = None,
    flow: Flow = None,
    date_from: Annotated[DateBound, Query(alias="from")] = None,
    date_to: Annotated[DateBound, Query(alias="to")] = None,
    period: Annotated[
        Literal["annual", "partial", "all"],
        Query(description="Full calendar years, parts of a year, or both.", examples=["annual"]),
    ] = "all",
    basis: Annotated[
        Literal["reported", "derived", "all"],
        Query(description="Figures documents state, figures computed from them, or both."),
    ] = "reported",
    sort: Annotated[
        Literal["period", "-period", "value", "-value"],
        Query(description="Order; a leading `-` reverses it.", examples=["-period"]),
    ] = "period",
    resolve: Annotated[
        Literal["all", "latest"],
        Query(
            description="`latest` keeps, per reporter, pair, flow and period, the figure "
            "of the most recently published document."
        ),
    ] = "all",
    compare: Annotated[
        Literal["prior_same_period"] | None,
        Query(description="Add the same period a year earlier and the growth between them."),
    ] = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Response:
    where = queries.TurnoverFilter(
        year=year,
        country=country,
        reporter=reporter,
        partner=partner,
        flow=flow,
        date_from=date_bound("from", date_from, end=False),
        date_to=date_bound("to", date_to, end=True),
        period=period,
    )
    view = queries.View(basis=basis, resolve=resolve, as_of=as_of_instant(as_of))
    rows = await queries.list_figures(connection, where, view, sort, after_key(sort, cursor), limit)
    next_cursor = cursor_for(sort, rows[limit - 1]) if len(rows) > limit else None
    items = [{**service.as_item(row), "comparison": None} for row in rows[:limit]]
    if compare is not None:
        found = await queries.priors(connection, items, view)
        for item in items:
            prior = found.get(queries.prior_key(item))
            item["comparison"] = service.comparison(item, service.as_item(prior) if prior else None)
    # The response model documents the shape; the items already have it, encoded once here.
    return json_response({"items": items, "next_cursor": next_cursor})


@router.get(
    "/{figure_id}",
    operation_id="getTurnover",
    summary="One trade figure, with other sources' figures for the same period",
    response_model=TurnoverDetail,
    responses=problem_responses(404, 422),
)
async def get_turnover(connection: ReadConnection, figure_id: FigureId) -> Response:
    row = await queries.get_figure(connection, figure_id)
    if row is None:
        raise NotFound("turnover figure", figure_id)
    item = service.as_item(row)
    alternatives = []
    for other in await queries.same_period(connection, row):
        alternative = service.as_item(other)
        alternative["document_title"] = other["document_title"]
        alternative["published_on"] = other["published_on"]
        alternative["difference_pct"] = service.percent_difference(
            item["value_usd"], alternative["value_usd"]
        )
        alternatives.append(alternative)
    return json_response({**item, "alternatives": alternatives})


@router.get(
    "/{figure_id}/history",
    operation_id="getTurnoverHistory",
    summary="Every version of a figure, with what changed",
    response_model=list[VersionRead],
    responses=problem_responses(404, 422),
)
async def get_turnover_history(connection: ReadConnection, figure_id: FigureId) -> Response:
    versions = await queries.history_of(connection, figure_id)
    if not versions:
        raise NotFound("turnover figure", figure_id)
    return json_response(service.with_changes(versions))
