from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.citations import queries, service
from app.citations.schemas import CitationRead
from app.db.reads import ReadSessionDep
from app.http.ids import MAX_BIG_ID, PLAIN_DIGITS, id_path
from app.http.problems import NotFound, problem_responses

router = APIRouter(tags=["citations"])

Id = Annotated[int, id_path("Id of the fact to cite."), PLAIN_DIGITS]
BigId = Annotated[int, id_path("Figure id.", MAX_BIG_ID), PLAIN_DIGITS]
RESPONSES = problem_responses(404, 422)
Fetch = Callable[[AsyncSession, int], Awaitable[dict[str, Any] | None]]
Words = Callable[[dict[str, Any]], tuple[str, str]]


async def _cite(
    session: AsyncSession,
    response: Response,
    fact_id: int,
    what: str,
    fetch: Fetch,
    words: Words,
    entity: str,
) -> CitationRead:
    row = await fetch(session, fact_id)
    if row is None:
        raise NotFound(what, fact_id)
    if row["url"]:
        # One source: say where the canonical original is (RFC 8574).
        response.headers["Link"] = f'<{row["url"]}>; rel="cite-as"'
    subject, text = words(row)
    return CitationRead.model_validate(service.citation(row, row[entity], subject, text))


@router.get(
    "/turnover/{figure_id}/citation",
    operation_id="citeTurnover",
    summary="How to cite a trade figure",
    response_model=CitationRead,
    responses=RESPONSES,
)
async def cite_turnover(read: ReadSessionDep, response: Response, figure_id: BigId) -> CitationRead:
    """A ready sentence citing a trade figure with its qualifier, the quote and its
    offsets, and CSL-JSON; `Link: rel="cite-as"` names the original when known."""
    return await _cite(
        read,
        response,
        figure_id,
        "turnover figure",
        queries.turnover,
        service.turnover_text,
        "TurnoverPeriod",
    )


@router.get(
    "/targets/{target_id}/citation",
    operation_id="citeTarget",
    summary="How to cite a trade target",
    response_model=CitationRead,
    responses=RESPONSES,
)
async def cite_target(read: ReadSessionDep, response: Response, target_id: Id) -> CitationRead:
    """A ready sentence citing a trade target, the quote and its offsets, and CSL-JSON."""
    return await _cite(
        read, response, target_id, "target", queries.target, service.target_text, "Target"
    )


@router.get(
    "/agreements/{agreement_id}/citation",
    operation_id="citeAgreement",
    summary="How to cite an agreement",
    response_model=CitationRead,
    responses=RESPONSES,
)
async def cite_agreement(
    read: ReadSessionDep, response: Response, agreement_id: Id
) -> CitationRead:
    """A ready sentence citing an agreement, the quote and its offsets, and CSL-JSON."""
    return await _cite(
        read,
        response,
        agreement_id,
        "agreement",
        queries.agreement,
        service.agreement_text,
        "Agreement",
    )
