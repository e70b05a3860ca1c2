from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.countries import queries
from app.countries.dependencies import CountryCode
from app.countries.schemas import CountryDetail, CountryRead
from app.db_read import ReadConnection
from app.errors import problem_responses
from app.http.json import json_response
from app.pagination import Cursor, Limit, Page, decode_cursor, split_page

router = APIRouter(prefix="/countries", tags=["countries"])


@router.get(
    "",
    operation_id="listCountries",
    summary="List ISO 3166-1 countries",
    response_model=Page[CountryRead],
    responses=problem_responses(400, 422),
)
async def list_countries(
    connection: ReadConnection,
    has_data: Annotated[
        bool | None,
        Query(description="Only countries with (true) or without (false) any figure."),
    ] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Response:
    after = decode_cursor(cursor, (str,))[0] if cursor else None
    rows = await queries.list_countries(connection, has_data=has_data, after=after, limit=limit)
    items, next_cursor = split_page(rows, limit, lambda country: [country["code"]])
    return json_response({"items": items, "next_cursor": next_cursor})


@router.get(
    "/{code}",
    operation_id="getCountry",
    summary="One country by code, name or alias",
    response_model=CountryDetail,
    responses=problem_responses(404, 422),
)
async def get_country(connection: ReadConnection, code: CountryCode) -> Response:
    country = await queries.get_country(connection, code)
    assert country is not None  # CountryCode resolved it
    return json_response(
        {
            **country,
            "aliases": await queries.aliases_of(connection, code),
            "turnover_figures": await queries.figure_count(connection, code),
        }
    )
