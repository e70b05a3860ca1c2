from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.countries import queries
from app.countries.dependencies import CountryCode
from app.countries.schemas import CountryDetail, CountryRead
from app.db.reads import ReadSessionDep
from app.http.listing import PagingDep, listing_responses, respond
from app.http.problems import problem_responses
from app.paging.cursors import Cursor, Page, after_code

router = APIRouter(prefix="/countries", tags=["countries"])


@router.get(
    "",
    operation_id="listCountries",
    summary="List ISO 3166-1 countries",
    response_model=Page[CountryRead],
    responses=listing_responses(CountryRead, 400, 422),
)
async def list_countries(
    read: ReadSessionDep,
    paging: PagingDep,
    has_data: Annotated[
        bool | None,
        Query(
            description="Only countries with (true) or without (false) any figure.",
            examples=[True],
        ),
    ] = None,
    cursor: Cursor = None,
) -> Page[CountryRead] | Response:
    """Every ISO 3166-1 country in alpha-3 order, or only those with (or without) figures. As
    JSON pages or as CSV.
    """
    after = after_code(cursor, paging.listing)
    listing = queries.countries_listing(has_data=has_data)
    return await respond(read, listing, after, CountryRead, paging, lambda c: [c.code])


@router.get(
    "/{code}",
    operation_id="getCountry",
    summary="One country by code, name or alias",
    response_model=CountryDetail,
    responses=problem_responses(404, 422),
)
async def get_country(read: ReadSessionDep, code: CountryCode) -> CountryDetail:
    """One country found by alpha-2, alpha-3 or numeric code, name or alias, with its aliases
    and how many figures concern it.
    """
    country = await queries.get_country(read, code)
    assert country is not None  # CountryCode resolved it
    return CountryDetail(
        **CountryRead.model_validate(country).model_dump(),
        aliases=await queries.aliases_of(read, code),
        turnover_figures=await queries.figure_count(read, code),
    )
