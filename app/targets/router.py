from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import ApiKeyName
from app.countries.dependencies import CountryFilter
from app.db.engine import SessionDep
from app.db.reads import ReadSessionDep
from app.http.ids import PLAIN_DIGITS, id_path
from app.http.listing import PagingDep, listing_responses, respond
from app.http.problems import NotFound, problem_responses
from app.paging.cursors import Cursor, Page, after_id
from app.review.parameters import ReviewParameter, review_filter
from app.targets import queries
from app.targets.correction import correct_target
from app.targets.schemas import TargetCorrection, TargetRead

router = APIRouter(prefix="/targets", tags=["targets"])

TargetId = Annotated[int, id_path("Target id."), PLAIN_DIGITS]


@router.get(
    "",
    operation_id="listTargets",
    summary="List trade targets with their sources",
    response_model=Page[TargetRead],
    responses=listing_responses(TargetRead, 400, 422),
)
async def list_targets(
    read: ReadSessionDep,
    paging: PagingDep,
    country: CountryFilter = None,
    flow: Annotated[
        Literal["turnover", "export", "import"] | None,
        Query(description="Only this flow.", examples=["turnover"]),
    ] = None,
    review: ReviewParameter = "all",
    cursor: Cursor = None,
) -> Page[TargetRead] | Response:
    """Trade targets in id order, each with the sentence that sets it. As JSON pages or as CSV."""
    after = after_id(cursor, paging.listing)
    listing = queries.targets_listing(country=country, flow=flow, review=review_filter(review))
    return await respond(read, listing, after, TargetRead, paging, lambda t: [t.id])


@router.get(
    "/{target_id}",
    operation_id="getTarget",
    summary="One trade target with its source",
    response_model=TargetRead,
    responses=problem_responses(404, 422),
)
async def get_target(read: ReadSessionDep, target_id: TargetId) -> TargetRead:
    """One trade target with the sentence that sets it."""
    return await _target(read, target_id)


@router.patch(
    "/{target_id}",
    operation_id="correctTarget",
    summary="Confirm or correct a target (curators)",
    response_model=TargetRead,
    responses=problem_responses(401, 403, 404, 422),
)
async def correct(
    session: SessionDep, key: ApiKeyName, target_id: TargetId, body: TargetCorrection
) -> TargetRead:
    """Mark a target `reviewed`, or correct its value, qualifier, year or countries; each
    corrected field must be supported by the target's quote or a new `quote` from the
    document, else a 422 and nothing changes. Needs an API key."""
    await correct_target(session, target_id, body, key)
    return await _target(session, target_id)


async def _target(session: AsyncSession, target_id: int) -> TargetRead:
    row = await queries.get_target(session, target_id)
    if row is None:
        raise NotFound("target", target_id)
    return TargetRead.model_validate(row)
