from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from app.countries.dependencies import CountryFilter, PartnerFilter, ReporterFilter
from app.db_read import ReadConnection
from app.errors import BadRequest, NotFound, problem_responses
from app.http.json import json_response
from app.pagination import MAX_BIG_ID, Cursor, Limit, Page, decode_cursor, split_page
from app.turnover import queries
from app.turnover.schemas import TurnoverRead

router = APIRouter(prefix="/turnover", tags=["turnover"])

Year = Annotated[
    int | None,
    Query(
        ge=1900, le=2100, description="Periods lying within this calendar year.", examples=[2022]
    ),
]
Flow = Annotated[
    Literal["turnover", "export", "import"] | None,
    Query(description="Only this flow.", examples=["turnover"]),
]
FigureId = Annotated[int, Path(ge=1, le=2**63 - 1, description="Figure id.", examples=[1])]


@router.get(
    "",
    operation_id="listTurnover",
    summary="List trade figures with their sources",
    response_model=Page[TurnoverRead],
    responses=problem_responses(400, 422),
)
async def list_turnover(
    connection: ReadConnection,
    year: Year = None,
    country: CountryFilter = None,
    reporter: ReporterFilter = None,
    partner: PartnerFilter = None,
    flow: Flow = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Response:
    after = None
    if cursor:
        start, last_id = decode_cursor(cursor, (str, int), max_int=MAX_BIG_ID)
        try:
            after = (date.fromisoformat(start), last_id)
        except ValueError as exc:
            raise BadRequest("The cursor is malformed; use a next_cursor value as given.") from exc
    where = queries.TurnoverFilter(year, country, reporter, partner, flow)
    rows = await queries.list_turnover(connection, where, after, limit)
    items, next_cursor = split_page(
        rows, limit, lambda item: [item["period_start"].isoformat(), item["id"]]
    )
    return json_response({"items": items, "next_cursor": next_cursor})


@router.get(
    "/{figure_id}",
    operation_id="getTurnover",
    summary="One trade figure with its source",
    response_model=TurnoverRead,
    responses=problem_responses(404, 422),
)
async def get_turnover(connection: ReadConnection, figure_id: FigureId) -> Response:
    item = await queries.get_turnover(connection, figure_id)
    if item is None:
        raise NotFound("turnover figure", figure_id)
    return json_response(item)
