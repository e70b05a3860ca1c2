from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import ApiKeyName
from app.countries.dependencies import resolve_query
from app.db.engine import SessionDep
from app.db.reads import ReadSession, ReadSessionDep
from app.http.ids import MAX_BIG_ID, PLAIN_DIGITS, id_path
from app.http.json import json_response
from app.http.listing import (
    csv_export,
    link_headers,
    listing_responses,
    negotiated_paging,
)
from app.http.problems import InvalidParameter, NotFound, problem_responses
from app.paging.cursors import Page
from app.paging.keyset import Listing
from app.review.parameters import review_filter
from app.turnover import queries, service
from app.turnover.correction import correct_figure
from app.turnover.parameters import (
    TurnoverQuery,
    after_key,
    as_of_instant,
    cursor_for,
    date_bound,
)
from app.turnover.schemas import (
    TurnoverCorrection,
    TurnoverDetail,
    TurnoverItem,
    TurnoverRead,
    VersionRead,
)

router = APIRouter(prefix="/turnover", tags=["turnover"])

FigureId = Annotated[int, id_path("Figure id.", MAX_BIG_ID), PLAIN_DIGITS]


@router.get(
    "",
    operation_id="listTurnover",
    summary="List trade figures with their sources",
    response_model=Page[TurnoverItem],
    responses=listing_responses(TurnoverRead, 400, 422),
)
async def list_turnover(
    request: Request, read: ReadSessionDep, params: Annotated[TurnoverQuery, Query()]
) -> Response:
    """Trade figures, each citing the sentence that states it (derived ones, the figures
    they come from). As JSON pages or as CSV (`Accept: text/csv` or `format=csv`); CSV
    pages may hold up to 10,000,000 rows and stream. `compare` is JSON only.
    """
    country, reporter, partner = await _countries(read, params)
    paging = negotiated_paging(request, Response(), params.format_, params.limit, params.sort)
    where = queries.TurnoverFilter(
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
    view = queries.View(
        basis=params.basis, resolve=params.resolve, as_of=as_of_instant(params.as_of)
    )
    sort = params.sort
    after = after_key(sort, params.cursor, paging.listing)
    if paging.format == "csv":
        if params.compare is not None:
            raise InvalidParameter("query.compare", "comparisons are served as JSON only")
        query, key = queries.keyed(where, view, sort)
        listing = Listing(
            query,
            key,
            lambda row: service.as_item(dict(row._mapping)),
            descending=sort.startswith("-"),
        )
        # Streamed from a server-side cursor, in a transaction on a session of its own.
        return await csv_export(read, listing, after, paging, TurnoverRead)
    limit = paging.limit
    rows = await queries.list_figures(read.records, where, view, sort, after, limit)
    next_cursor = cursor_for(sort, rows[limit - 1], paging.listing) if len(rows) > limit else None
    items = [{**service.as_item(row), "comparison": None} for row in rows[:limit]]
    if params.compare is not None:
        found = await queries.priors(read, items, view)
        for item in items:
            prior = found.get(queries.prior_key(item))
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
async def get_turnover_history(read: ReadSessionDep, figure_id: FigureId) -> Response:
    """Every version of a figure, oldest first, with `valid_from`, `valid_to` and the fields
    that changed from the version before; a removed figure keeps its history."""
    versions = await queries.history_of(read, figure_id)
    if not versions:
        raise NotFound("turnover figure", figure_id)
    return json_response(service.with_changes(versions))
