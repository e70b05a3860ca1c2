from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.agreements import queries
from app.agreements.correction import correct_agreement
from app.agreements.schemas import (
    AgreementCorrection,
    AgreementDetail,
    AgreementRead,
    SignatoryRead,
)
from app.auth.dependencies import ApiKeyName
from app.countries.dependencies import CountryFilter
from app.db.engine import SessionDep
from app.db.reads import ReadSessionDep
from app.http.ids import NO_NUL, PLAIN_DIGITS, id_path
from app.http.listing import PagingDep, listing_responses, respond
from app.http.problems import NotFound, problem_responses
from app.paging.cursors import Cursor, Page, after_id
from app.review.parameters import ReviewParameter, review_filter

router = APIRouter(tags=["agreements"])


AgreementId = Annotated[int, id_path("Agreement id."), PLAIN_DIGITS]
AgreementKind = Literal[
    "commercial_contracts", "protocol", "memorandum", "agreement", "roadmap", "other"
]


@router.get(
    "/agreements",
    operation_id="listAgreements",
    summary="List agreements with their event, place and source",
    response_model=Page[AgreementRead],
    responses=listing_responses(AgreementRead, 400, 422),
)
async def list_agreements(
    read: ReadSessionDep,
    paging: PagingDep,
    country: CountryFilter = None,
    year: Annotated[
        int | None,
        Query(
            ge=1900,
            le=2100,
            description="Signed in this year (or at an event of this year).",
            examples=[2023],
        ),
    ] = None,
    kind: Annotated[
        AgreementKind | None, Query(description="Only this kind.", examples=["memorandum"])
    ] = None,
    event_id: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="Signed at this event.", examples=[1])
    ] = None,
    review: ReviewParameter = "all",
    cursor: Cursor = None,
) -> Page[AgreementRead] | Response:
    """Agreements in id order, each with its event, place and the sentence stating it. As JSON
    pages or as CSV (`Accept: text/csv` or `format=csv`).
    """
    after = after_id(cursor, paging.listing)
    where = queries.AgreementFilter(
        country=country, year=year, kind=kind, event_id=event_id, review=review_filter(review)
    )
    listing = queries.agreements_listing(where)
    return await respond(read, listing, after, AgreementRead, paging, lambda a: [a.id])


@router.get(
    "/agreements/{agreement_id}",
    operation_id="getAgreement",
    summary="One agreement with subjects, parties and signatories",
    response_model=AgreementDetail,
    responses=problem_responses(404, 422),
)
async def get_agreement(read: ReadSessionDep, agreement_id: AgreementId) -> AgreementDetail:
    """One agreement with the goods it covers, the parties bound by it and who signed it."""
    return await _detail(read, agreement_id)


@router.patch(
    "/agreements/{agreement_id}",
    operation_id="correctAgreement",
    summary="Confirm or correct an agreement (curators)",
    response_model=AgreementDetail,
    responses=problem_responses(401, 403, 404, 422),
)
async def correct(
    session: SessionDep, key: ApiKeyName, agreement_id: AgreementId, body: AgreementCorrection
) -> AgreementDetail:
    """Mark an agreement `reviewed`, or correct its value, qualifier, count or parties; each
    corrected field must be supported by the agreement's quote or a new `quote` from the
    document (a party: named in the document), else a 422 and nothing changes. Needs an API
    key."""
    await correct_agreement(session, agreement_id, body, key)
    return await _detail(session, agreement_id)


async def _detail(session: AsyncSession, agreement_id: int) -> AgreementDetail:
    row = await queries.get_agreement(session, agreement_id)
    if row is None:
        raise NotFound("agreement", agreement_id)
    return AgreementDetail.model_validate(row)


@router.get(
    "/signatories",
    operation_id="listSignatories",
    summary="List who signed what",
    response_model=Page[SignatoryRead],
    responses=listing_responses(SignatoryRead, 400, 422),
    tags=["people"],
)
async def list_signatories(
    read: ReadSessionDep,
    paging: PagingDep,
    person: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            pattern=NO_NUL,
            description="Person id, or part of a name or alias (case-insensitive).",
            examples=["japarov"],
        ),
    ] = None,
    agreement_id: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="Only this agreement.", examples=[2])
    ] = None,
    country: CountryFilter = None,
    cursor: Cursor = None,
) -> Page[SignatoryRead] | Response:
    """Signatures in id order: who signed which agreement, for which country, in what role. As
    JSON pages or as CSV.
    """
    after = after_id(cursor, paging.listing)
    where = queries.SignatoryFilter(person=person, agreement_id=agreement_id, country=country)
    listing = queries.signatories_listing(where)
    return await respond(read, listing, after, SignatoryRead, paging, lambda s: [s.id])
