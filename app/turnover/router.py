from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from app.countries.dependencies import CountryFilter, PartnerFilter, ReporterFilter
from app.db import SessionDep
from app.errors import BadRequest, NotFound, problem_responses
from app.http.listing import PagingDep, listing_responses, respond
from app.pagination import MAX_BIG_ID, Cursor, Page, decode_cursor
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
    responses=listing_responses(TurnoverRead, 400, 422),
)
async def list_turnover(
    session: SessionDep,
    paging: PagingDep,
    year: Year = None,
    country: CountryFilter = None,
    reporter: ReporterFilter = None,
    partner: PartnerFilter = None,
    flow: Flow = None,
    cursor: Cursor = None,
) -> Page[TurnoverRead] | Response:
    """Trade figures ordered by period start, then id, each citing the sentence that states it.
    As JSON pages or as CSV (`Accept: text/csv` or `format=csv`); CSV pages may hold up to
    10,000,000 rows and stream.
    """
    after = None
    if cursor:
        start, last_id = decode_cursor(cursor, (str, int), max_int=MAX_BIG_ID)
        try:
            after = (date.fromisoformat(start), last_id)
        except ValueError as exc:
            raise BadRequest("The cursor is malformed; use a next_cursor value as given.") from exc
    listing = queries.turnover_listing(
        queries.TurnoverFilter(year, country, reporter, partner, flow)
    )
    return await respond(
        session, listing, after, TurnoverRead, paging, lambda i: [i.period_start.isoformat(), i.id]
    )


@router.get(
    "/{figure_id}",
    operation_id="getTurnover",
    summary="One trade figure with its source",
    response_model=TurnoverRead,
    responses=problem_responses(404, 422),
)
async def get_turnover(session: SessionDep, figure_id: FigureId) -> TurnoverRead:
    """One trade figure with the sentence that states it."""
    row = await queries.get_turnover(session, figure_id)
    if row is None:
        raise NotFound("turnover figure", figure_id)
    return TurnoverRead.model_validate(queries.as_item(row))
