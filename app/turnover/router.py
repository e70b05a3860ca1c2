from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import ApiKeyName
from app.countries.dependencies import resolve_countries, resolve_query
from app.db.engine import SessionDep
from app.db.reads import ReadSession, ReadSessionDep
from app.http.ids import MAX_BIG_ID, NO_NUL, PLAIN_DIGITS, id_path
from app.http.json import json_response
from app.http.listing import (
    csv_rows_export,
    link_headers,
    listing_responses,
    negotiated_paging,
)
from app.http.problems import InvalidParameter, NotFound, problem_responses
from app.paging.cursors import Page
from app.review.parameters import ReviewParameter, review_filter
from app.turnover import service
from app.turnover.correction import correct_figure
from app.turnover.csv_rows import figure_csv_row
from app.turnover.parameters import (
    AsOf,
    TurnoverParams,
    TurnoverQuery,
    after_key,
    as_of_instant,
    cursor_for,
    date_bound,
    turnover_query,
)
from app.turnover.queries import detail, listing
from app.turnover.queries.export import PageExport
from app.turnover.queries.filters import TurnoverFilter, View
from app.turnover.queries.listing import PageRequest
from app.turnover.queries.priors import prior_key, priors
from app.turnover.schemas import (
    SeriesRead,
    TurnoverCorrection,
    TurnoverDetail,
    TurnoverItem,
    TurnoverRead,
    VersionRead,
)
from app.turnover.series_service import series

router = APIRouter(prefix="/turnover", tags=["turnover"])

FigureId = Annotated[int, id_path("Figure id.", MAX_BIG_ID), PLAIN_DIGITS]


@router.get(
    "",
    operation_id="listTurnover",
    summary="List trade figures with their sources",
    response_model=Page[TurnoverItem],
    responses=listing_responses(TurnoverRead, 400, 422),
    openapi_extra=turnover_query.openapi_extra,
)
async def list_turnover(request: Request, read: ReadSessionDep, params: TurnoverParams) -> Response:
    """Trade figures, each citing the sentence that states it (derived ones, the figures
    they come from). As JSON pages or as CSV (`Accept: text/csv` or `format=csv`); CSV
    pages may hold up to 10,000,000 rows and stream. `compare` is JSON only.
    """
    country, reporter, partner = await _countries(read, params)
    paging = negotiated_paging(request, Response(), params.format_, params.limit, params.sort)
    where = TurnoverFilter(
        year=params.year,
        country=country,
        reporter=reporter,
        partner=partner,
        flow=params.flow,
        date_from=date_bound("from", params.date_from, end=False),
        date_to=date_bound("to", params.date_to, end=True),
        period=params.period,
        review=review_filter(params.review),
    )
    view = View(basis=params.basis, resolve=params.resolve, as_of=as_of_instant(params.as_of))
    sort = params.sort
    # A listing's name is made from the request's URL: only a cursor needs it checked.
    after = after_key(sort, params.cursor, paging.listing) if params.cursor else None
    if paging.format == "csv":
        if params.compare is not None:
            raise InvalidParameter("query.compare", "comparisons are served as JSON only")
        # The page's own statement, streamed from a server-side cursor on a connection of
        # its own (the export lane's).
        export = PageExport(PageRequest.of(where, view, sort, after, paging.limit))
        return await csv_rows_export(
            read,
            paging,
            TurnoverRead,
            export,
            figure_csv_row,
            lambda last: cursor_for(sort, last, paging.listing),
        )
    limit = paging.limit
    rows = await listing.list_figures(read.records, where, view, sort, after, limit)
    next_cursor = cursor_for(sort, rows[limit - 1], paging.listing) if len(rows) > limit else None
    items = [{**service.as_item(row), "comparison": None} for row in rows[:limit]]
    if params.compare is not None:
        found = await priors(read.records, items, view)
        for item in items:
            prior = found.get(prior_key(item))
            item["comparison"] = service.comparison(item, service.as_item(prior) if prior else None)
    link_headers(paging, next_cursor)
    # The response model documents the shape; the items already have it, encoded once here.
    headers = {k: v for k, v in paging.response.headers.items() if k in ("link", "vary")}
    return json_response({"items": items, "next_cursor": next_cursor}, headers)


async def _countries(read: ReadSession, params: TurnoverQuery) -> list[str | None]:
    """The country, reporter and partner filters as ISO3 codes (a query only if any)."""
    names = ("country", "reporter", "partner")
    return [await resolve_query(read, name, getattr(params, name)) for name in names]


@router.get(
    # Before /{figure_id}: "series" is no figure id.
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
    found = await series(
        read,
        (pair[0], pair[1]),
        flow,
        period,
        resolve,
        review_filter(review),
        as_of_instant(as_of),
    )
    return SeriesRead.model_validate(found)


@router.get(
    "/{figure_id}",
    operation_id="getTurnover",
    summary="One trade figure, with other sources' figures for the same period",
    response_model=TurnoverDetail,
    responses=problem_responses(404, 422),
)
async def get_turnover(read: ReadSessionDep, figure_id: FigureId) -> Response:
    """One figure with its source, and under `alternatives` the other sources' figures for
    the same pair, flow and period, with the difference in percent."""
    return await _detail(read, figure_id)


@router.patch(
    # Digits only, so that /turnover/series stays a path of its own: PATCH there, or on any
    # id that is not a number, is a 405.
    "/{figure_id:big_id}",
    operation_id="correctTurnover",
    summary="Confirm or correct a figure (curators)",
    response_model=TurnoverDetail,
    responses=problem_responses(401, 403, 404, 405, 422),
)
async def correct_turnover(
    session: SessionDep, key: ApiKeyName, figure_id: FigureId, body: TurnoverCorrection
) -> Response:
    """Mark a figure `reviewed` (`{"review": "reviewed"}`), or correct its value, qualifier,
    period or countries; a correction is `reviewed` too unless `review` says otherwise. Each
    corrected field must be supported by the figure's quote, or by a new `quote` found
    verbatim in the document: otherwise a 422, and nothing changes. The previous version
    stays in `/turnover/{id}/history`, with the key's name. Needs an API key."""
    await correct_figure(session, figure_id, body, key)
    return await _detail(session, figure_id)


async def _detail(connection: AsyncSession, figure_id: int) -> Response:
    row = await detail.get_figure(connection, figure_id)
    if row is None:
        raise NotFound("turnover figure", figure_id)
    item = service.as_item(row)
    alternatives = []
    for other in await detail.same_period(connection, row):
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
async def get_turnover_history(read: ReadSessionDep, figure_id: FigureId) -> Response:
    """Every version of a figure, oldest first, with `valid_from`, `valid_to` and the fields
    that changed from the version before; a removed figure keeps its history."""
    versions = await detail.history_of(read, figure_id)
    if not versions:
        raise NotFound("turnover figure", figure_id)
    return json_response(service.with_changes(versions))
