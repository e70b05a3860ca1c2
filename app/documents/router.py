from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from app.db import SessionDep
from app.documents import queries
from app.documents.schemas import DocumentDetail, DocumentExcerpt, DocumentRead
from app.errors import InvalidParameter, NotFound, problem_responses
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
    session: SessionDep, kind: Kind = None, limit: Limit = 100, cursor: Cursor = None
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
async def get_document(session: SessionDep, document_id: DocumentId) -> DocumentDetail:
    row = await queries.get_document(session, document_id)
    if row is None:
        raise NotFound("document", document_id)
    return DocumentDetail.model_validate(row)


@router.get(
    "/{document_id}/excerpt",
    operation_id="getDocumentExcerpt",
    summary="The part of a document's text around a quote, with its line number",
    response_model=DocumentExcerpt,
    responses=problem_responses(404, 422),
)
async def get_document_excerpt(
    session: SessionDep,
    document_id: DocumentId,
    char_start: Annotated[int, Query(ge=0, le=2**31 - 1, examples=[1630])],
    char_end: Annotated[int, Query(ge=1, le=2**31 - 1, examples=[1699])],
    context: Annotated[
        int, Query(ge=0, le=100_000, description="Characters to add on each side.")
    ] = 2000,
) -> DocumentExcerpt:
    if char_end <= char_start:
        raise InvalidParameter("query.char_end", "must be greater than char_start")
    row = await queries.excerpt(session, document_id, char_start, char_end, context)
    if row is None:
        raise NotFound("document", document_id)
    if char_end > row["text_length"]:
        raise InvalidParameter(
            "query.char_end", f"past the end of the text ({row['text_length']} characters)"
        )
    return DocumentExcerpt.model_validate(row)
