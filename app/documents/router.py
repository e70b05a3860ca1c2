from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from app.db_read import ReadSessionDep
from app.documents import queries
from app.documents.schemas import DocumentDetail, DocumentRead
from app.errors import NotFound, problem_responses
from app.pagination import Cursor, Limit, Page, after_id, page_of

router = APIRouter(prefix="/documents", tags=["documents"])

Kind = Annotated[
    Literal["press_release", "statement", "article", "dataset"] | None,
    Query(description="Only documents of this kind.", examples=["press_release"]),
]
DocumentId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Document id.", examples=[1])]


@router.get(
    "",
    operation_id="listDocuments",
    summary="List source documents with their fact counts",
    response_model=Page[DocumentRead],
    responses=problem_responses(400, 422),
)
async def list_documents(
    session: ReadSessionDep, kind: Kind = None, limit: Limit = 100, cursor: Cursor = None
) -> Page[DocumentRead]:
    after = after_id(cursor)
    rows = await queries.list_documents(session, kind=kind, after=after, limit=limit)
    return page_of([DocumentRead.model_validate(r) for r in rows], limit, lambda d: [d.id])


@router.get(
    "/{document_id}",
    operation_id="getDocument",
    summary="One document with its text and every fact citing it",
    response_model=DocumentDetail,
    responses=problem_responses(404, 422),
)
async def get_document(session: ReadSessionDep, document_id: DocumentId) -> DocumentDetail:
    row = await queries.get_document(session, document_id)
    if row is None:
        raise NotFound("document", document_id)
    return DocumentDetail.model_validate(row)
