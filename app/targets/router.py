from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from app.countries.dependencies import CountryFilter
from app.db import SessionDep
from app.errors import NotFound, problem_responses
from app.pagination import Cursor, Limit, Page, after_id, page_of
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
    session: SessionDep,
    country: CountryFilter = None,
    flow: Annotated[
        Literal["turnover", "export", "import"] | None,
        Query(description="Only this flow.", examples=["turnover"]),
    ] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Page[TargetRead]:
    after = after_id(cursor)
    rows = await queries.list_targets(session, country=country, flow=flow, after=after, limit=limit)
    return page_of([TargetRead.model_validate(r) for r in rows], limit, lambda t: [t.id])


@router.get(
    "/{target_id}",
    operation_id="getTarget",
    summary="One trade target with its source",
    response_model=TargetRead,
    responses=problem_responses(404, 422),
)
async def get_target(
    session: SessionDep,
    target_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="Target id.", examples=[1])],
) -> TargetRead:
    row = await queries.get_target(session, target_id)
    if row is None:
        raise NotFound("target", target_id)
    return TargetRead.model_validate(row)
