from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from app.countries.dependencies import CountryFilter
from app.db_read import ReadConnection
from app.errors import NotFound, problem_responses
from app.http.json import json_response
from app.pagination import Cursor, Limit, Page, after_id, split_page
from app.targets import queries
from app.targets.schemas import TargetRead

router = APIRouter(prefix="/targets", tags=["targets"])


@router.get(
    "",
    operation_id="listTargets",
    summary="List trade targets with their sources",
    response_model=Page[TargetRead],
    responses=problem_responses(400, 422),
)
async def list_targets(
    connection: ReadConnection,
    country: CountryFilter = None,
    flow: Annotated[
        Literal["turnover", "export", "import"] | None,
        Query(description="Only this flow.", examples=["turnover"]),
    ] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Response:
    after = after_id(cursor)
    rows = await queries.list_targets(
        connection, country=country, flow=flow, after=after, limit=limit
    )
    items, next_cursor = split_page(rows, limit, lambda target: [target["id"]])
    return json_response({"items": items, "next_cursor": next_cursor})


@router.get(
    "/{target_id}",
    operation_id="getTarget",
    summary="One trade target with its source",
    response_model=TargetRead,
    responses=problem_responses(404, 422),
)
async def get_target(
    connection: ReadConnection,
    target_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="Target id.", examples=[1])],
) -> Response:
    item = await queries.get_target(connection, target_id)
    if item is None:
        raise NotFound("target", target_id)
    return json_response(item)
