from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from app.countries.dependencies import CountryFilter, PartnerFilter, ReporterFilter
from app.db import SessionDep
from app.db_read import ReadConnection
from app.errors import InvalidParameter, NotFound, problem_responses
from app.http.json import json_response
from app.http.listing import PagingDep, csv_page, link_headers, listing_responses
from app.keyset import Listing
from app.pagination import Cursor, Page
from app.turnover import queries, service
from app.turnover.parameters import (
    AsOf,
    DateFrom,
    DateTo,
    Flow,
    Year,
    after_key,
    as_of_instant,
    cursor_for,
    date_bound,
)
from app.turnover.schemas import TurnoverDetail, TurnoverItem, TurnoverRead, VersionRead

router = APIRouter(prefix="/turnover", tags=["turnover"])

FigureId = Annotated[int, Path(ge=1, le=2**63 - 1, description="Figure id.", examples=[1])]


@router.get(
    "",
    operation_id="listTurnover",
    summary="List trade figures with their sources",
    response_model=Page[TurnoverItem],
    responses=listing_responses(TurnoverRead, 400, 422),
)
async def list_turnover(
    connection: ReadConnection,
    session: SessionDep,
    paging: PagingDep,
    year: Year = None,
    country: CountryFilter = None,
    reporter: ReporterFilter = None,
    partner: PartnerFilter = None,
    flow: Flow = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    period: Annotated[
        Literal["annual", "partial", "all"],
        Query(description="Full calendar years, parts of a year, or both.", examples=["annual"]),
    ] = "all",
    basis: Annotated[
        Literal["reported", "derived", "all"],
        Query(
            description="Figures documents state, figures computed from them, or both.",
            examples=["all"],
        ),
    ] = "reported",
    sort: Annotated[
        Literal["period", "-period", "value", "-value"],
        Query(description="Order; a leading `-` reverses it.", examples=["-period"]),
    ] = "period",
    resolve: Annotated[
        Literal["all", "latest"],
        Query(
            description="`latest` keeps, per reporter, pair, flow and period, the figure "
            "of the most recently published document.",
            examples=["latest"],
        ),
    ] = "all",
    compare: Annotated[
        Literal["prior_same_period"] | None,
        Query(
            description="Add the same period a year earlier and the growth between them.",
            examples=["prior_same_period"],
        ),
    ] = None,
    as_of: AsOf = None,
    cursor: Cursor = None,
) -> Response:
    """Trade figures, each citing the sentence that states it (derived ones, the figures
    they come from). As JSON pages or as CSV (`Accept: text/csv` or `format=csv`); CSV
    pages may hold up to 10,000,000 rows and stream. `compare` is JSON only.
    """
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
    after = after_key(sort, cursor)
    if paging.format == "csv":
        if compare is not None:
            raise InvalidParameter("query.compare", "comparisons are served as JSON only")
        query, key = queries.keyed(where, view, sort)
        listing = Listing(
            query,
            key,
            lambda row: service.as_item(dict(row._mapping)),
            descending=sort.startswith("-"),
        )
        return await csv_page(session, listing, after, paging, TurnoverRead)
    limit = paging.limit
    # JSON pages read on the transaction-free read connection; only a CSV export, streamed
    # from a server-side cursor, needs the session's transaction (it connects on first use).
    rows = await queries.list_figures(connection, where, view, sort, after, limit)
    next_cursor = cursor_for(sort, rows[limit - 1]) if len(rows) > limit else None
    items = [{**service.as_item(row), "comparison": None} for row in rows[:limit]]
    if compare is not None:
        found = await queries.priors(connection, items, view)
        for item in items:
            prior = found.get(queries.prior_key(item))
            item["comparison"] = service.comparison(item, service.as_item(prior) if prior else None)
    link_headers(paging, next_cursor)
    # The response model documents the shape; the items already have it, encoded once here.
    headers = {k: v for k, v in paging.response.headers.items() if k in ("link", "vary")}
    return json_response({"items": items, "next_cursor": next_cursor}, headers)


@router.get(
    "/{figure_id}",
    operation_id="getTurnover",
    summary="One trade figure, with other sources' figures for the same period",
    response_model=TurnoverDetail,
    responses=problem_responses(404, 422),
)
async def get_turnover(connection: ReadConnection, figure_id: FigureId) -> Response:
    """One figure with its source, and under `alternatives` the other sources' figures for
    the same pair, flow and period, with the difference in percent."""
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
    """Every version of a figure, oldest first, with `valid_from`, `valid_to` and the fields
    that changed from the version before; a removed figure keeps its history."""
    versions = await queries.history_of(connection, figure_id)
    if not versions:
        raise NotFound("turnover figure", figure_id)
    return json_response(service.with_changes(versions))
