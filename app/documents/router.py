from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from app.db import SessionDep
from app.documents import queries
from app.documents.schemas import DocumentDetail, DocumentRead
from app.errors import NotFound, problem_responses
from app.http.listing import PagingDep, listing_responses, respond
from app.pagination import Cursor, Page, after_id

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
    responses=listing_responses(DocumentRead, 400, 422),
)
async def list_documents(
    session: SessionDep, paging: PagingDep, kind: Kind = None, cursor: Cursor = None
) -> Page[DocumentRead] | Response:
    """Source documents in id order, with how many facts of each kind cite them. As JSON pages
    or as CSV.
    """
    after = after_id(cursor)
    listing = queries.documents_listing(kind=kind)
    return await respond(session, listing, after, DocumentRead, paging, lambda d: [d.id])


@router.get(
    "/{document_id}",
    operation_id="getDocument",
    summary="One document with its text and every fact citing it",
    response_model=DocumentDetail,
    responses=problem_responses(404, 422),
)
async def get_document(session: SessionDep, document_id: DocumentId) -> DocumentDetail:
    """One document with its full text and every fact that cites it; each fact's `char_start`
    and `char_end` index the text.
    """
    row = await queries.get_document(session, document_id)
    if row is None:
        raise NotFound("document", document_id)
    return DocumentDetail.model_validate(row)
