import asyncio
from pathlib import Path as FilePath
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from app.auth.dependencies import ApiKeyName
from app.db.engine import SessionDep
from app.db.reads import ReadSessionDep
from app.documents import queries
from app.documents.deletion import find_deletion, request_deletion
from app.documents.deletion_schemas import DocumentDeletionRead
from app.documents.schemas import DocumentCreate, DocumentDetail, DocumentExcerpt, DocumentRead
from app.http.ids import PLAIN_DIGITS, id_path
from app.http.listing import PagingDep, listing_responses, respond
from app.http.problems import (
    InvalidParameter,
    LoadInProgress,
    NotFound,
    PayloadTooLarge,
    problem_responses,
)
from app.ingest.ingest import draft_bundle, ingest
from app.ingest.load_lock import BRIEF_WAIT, LoadBusy
from app.ingest.problems import FixtureError
from app.paging.cursors import Cursor, Page, after_id

router = APIRouter(prefix="/documents", tags=["documents"])

Kind = Annotated[
    Literal["press_release", "statement", "article", "dataset"] | None,
    Query(description="Only documents of this kind.", examples=["press_release"]),
]
DocumentId = Annotated[int, id_path("Document id."), PLAIN_DIGITS]


@router.get(
    "",
    operation_id="listDocuments",
    summary="List source documents with their fact counts",
    response_model=Page[DocumentRead],
    responses=listing_responses(DocumentRead, 400, 422),
)
async def list_documents(
    read: ReadSessionDep, paging: PagingDep, kind: Kind = None, cursor: Cursor = None
) -> Page[DocumentRead] | Response:
    """Source documents in id order, with how many facts of each kind cite them. As JSON pages
    or as CSV.
    """
    after = after_id(cursor, paging.listing)
    listing = queries.documents_listing(kind=kind)
    return await respond(read, listing, after, DocumentRead, paging, lambda d: [d.id])


@router.get(
    "/{document_id}",
    operation_id="getDocument",
    summary="One document with its text and every fact citing it",
    response_model=DocumentDetail,
    responses=problem_responses(404, 422),
)
async def get_document(read: ReadSessionDep, document_id: DocumentId) -> DocumentDetail:
    """One document with its full text and every fact that cites it; each fact's `char_start`
    and `char_end` index the text.
    """
    row = await queries.get_document(read, document_id)
    if row is None:
        raise NotFound("document", document_id)
    return DocumentDetail.model_validate(row)


MAX_TEXT_BYTES = 1024 * 1024


@router.post(
    "",
    operation_id="createDocument",
    summary="Ingest a release: store it, extract its cited facts and load them",
    status_code=status.HTTP_201_CREATED,
    response_model=DocumentDetail,
    responses={
        200: {"description": "The same text was already loaded: that document, unchanged."},
        **problem_responses(401, 403, 413, 422, 503),
    },
)
async def create_document(
    session: SessionDep, key: ApiKeyName, body: DocumentCreate, response: Response
) -> DocumentDetail:
    """Store a release, extract its cited facts and load them in one transaction: 201 with the
    document and its facts; the same text again is 200 with the existing document. Needs an
    API key (`Authorization: Bearer <key>`). While another load runs (an import, a seed, a
    deletion), the upload waits a second at most, then is refused with 503 and `Retry-After`."""
    if len(body.text.encode()) > MAX_TEXT_BYTES:
        raise PayloadTooLarge("The text is over 1 MiB.")
    try:
        # Extraction is CPU work: keep it off the event loop.
        bundle = await asyncio.to_thread(
            draft_bundle,
            body.text,
            origin=FilePath(f"upload by {key}"),
            title=body.title,
            url=body.url,
            publisher=body.publisher,
            published_on=body.published_on,
        )
        result = await ingest(session, bundle, BRIEF_WAIT)
    except LoadBusy as exc:
        raise LoadInProgress(str(exc)) from exc
    except FixtureError as exc:
        raise InvalidParameter("body.text", f"its facts cannot be loaded: {exc.problem}") from exc
    if not result.created:
        response.status_code = status.HTTP_200_OK
    row = await queries.get_document(session, result.document_id)
    return DocumentDetail.model_validate(row)


@router.delete(
    "/{document_id}",
    operation_id="deleteDocument",
    summary="Remove a document and every fact drawn from it",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DocumentDeletionRead,
    responses={
        202: {
            "description": "The deletion is under way; `Location` is where to follow it.",
            "headers": {
                "Location": {
                    "description": "The deletion's status: /documents/{document_id}/deletion.",
                    "schema": {"type": "string"},
                }
            },
        },
        **problem_responses(401, 403, 404, 422),
    },
)
async def delete_document(
    session: SessionDep, key: ApiKeyName, document_id: DocumentId, response: Response
) -> DocumentDeletionRead:
    """Remove a document and every fact drawn from it, however many: 202 at once, and the
    deletion is carried out in the background, in one transaction, so that a reader sees the
    document whole until it is gone with all its facts. The figures' last versions stay in
    their history. Follow it at `Location`. Asking again while it is pending is another 202;
    once it is done, the document is a 404. Needs an API key."""
    deletion = await request_deletion(session, document_id)
    if deletion is None:
        raise NotFound("document", document_id)
    response.headers["Location"] = f"/documents/{document_id}/deletion"
    return DocumentDeletionRead.of(deletion)


@router.get(
    "/{document_id}/deletion",
    operation_id="getDocumentDeletion",
    summary="How the deletion of a document stands",
    response_model=DocumentDeletionRead,
    responses=problem_responses(404, 422),
)
async def get_document_deletion(
    read: ReadSessionDep, document_id: DocumentId
) -> DocumentDeletionRead:
    """`pending` until the document and all its facts are gone, then `done`, with when. A 404
    when no deletion of this document was asked for."""
    deletion = await find_deletion(read, document_id)
    if deletion is None:
        raise NotFound("deletion of document", document_id)
    return DocumentDeletionRead.of(deletion)


@router.get(
    "/{document_id}/excerpt",
    operation_id="getDocumentExcerpt",
    summary="The part of a document's text around a quote, with its line number",
    response_model=DocumentExcerpt,
    responses=problem_responses(404, 422),
)
async def get_document_excerpt(
    read: ReadSessionDep,
    document_id: DocumentId,
    char_start: Annotated[
        int,
        Query(
            ge=0,
            le=2**31 - 1,
            description="Offset of the quote's first character.",
            examples=[1630],
        ),
    ],
    char_end: Annotated[
        int,
        Query(
            ge=1,
            le=2**31 - 1,
            description="Offset just past the quote's last character.",
            examples=[1699],
        ),
    ],
    context: Annotated[
        int,
        Query(ge=0, le=100_000, description="Characters to add on each side.", examples=[2000]),
    ] = 2000,
) -> DocumentExcerpt:
    """The text around a quote, cut by the database, so that a large document (an imported
    statistics file) never travels whole; `line` is the line the quote starts on."""
    if char_end <= char_start:
        raise InvalidParameter("query.char_end", "must be greater than char_start")
    row = await queries.excerpt(read, document_id, char_start, char_end, context)
    if row is None:
        raise NotFound("document", document_id)
    if char_end > row["text_length"]:
        raise InvalidParameter(
            "query.char_end", f"past the end of the text ({row['text_length']} characters)"
        )
    return DocumentExcerpt.model_validate(row)
