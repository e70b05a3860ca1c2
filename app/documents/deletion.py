"""Deleting a document of any size: recorded by a request, carried out by a worker.

A request records the deletion and NOTIFYs the workers; the notice is delivered only once the
request's transaction commits. A worker then deletes the document with its facts in one
transaction of its own, under the load lock and with no statement time limit: readers see the
document whole until that commits, and gone after; a worker stopped midway rolls back, and the
deletion, still pending, is carried out when a worker next starts or is notified.
"""

from sqlalchemy import Select, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.load_lock import WAIT, say_what, take_load_lock
from app.models import Document, DocumentDeletion

CHANNEL = "tradestat_deletions"


async def request_deletion(session: AsyncSession, document_id: int) -> DocumentDeletion | None:
    """Record the deletion of a document (once) and notify the workers at commit; None when
    there is no such document and no deletion of it is pending."""
    slug = await session.scalar(select(Document.slug).where(Document.id == document_id))
    if slug is not None:
        await session.execute(
            insert(DocumentDeletion)
            .values(document_id=document_id, slug=slug)
            .on_conflict_do_nothing(index_elements=[DocumentDeletion.document_id])
        )
        await session.execute(select(func.pg_notify(CHANNEL, str(document_id))))
    deletion = await find_deletion(session, document_id)
    if deletion is None or deletion.finished_at is not None:
        return None
    return deletion


async def find_deletion(session: AsyncSession, document_id: int) -> DocumentDeletion | None:
    return await session.scalar(
        select(DocumentDeletion)
        .where(DocumentDeletion.document_id == document_id)
        .execution_options(populate_existing=True)
    )


async def carry_out_pending(sessionmaker: async_sessionmaker[AsyncSession]) -> list[int]:
    """Carry out every pending deletion, each in a transaction of its own; return their ids."""
    done: list[int] = []
    while (document_id := await _carry_out_next(sessionmaker)) is not None:
        done.append(document_id)
    return done


def _pending() -> Select[int]:
    return select(DocumentDeletion.document_id).where(DocumentDeletion.finished_at.is_(None))


async def _carry_out_next(sessionmaker: async_sessionmaker[AsyncSession]) -> int | None:
    async with sessionmaker() as session, session.begin():
        # Looked at first without the lock: a worker with nothing to do must not hold up loads.
        if not await session.scalar(select(_pending().exists())):
            return None
        await take_load_lock(session, "a document deletion", WAIT)
        # As long as the deletion takes: the number of facts has no bound.
        await session.execute(text("SET LOCAL statement_timeout = 0"))
        document_id = await session.scalar(
            _pending()
            .order_by(DocumentDeletion.requested_at, DocumentDeletion.document_id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if document_id is None:
            return None
        await say_what(session, f"the deletion of document {document_id}")
        # Its facts go with it (ON DELETE CASCADE); triggers keep the figures' last versions.
        await session.execute(delete(Document).where(Document.id == document_id))
        await session.execute(
            update(DocumentDeletion)
            .where(DocumentDeletion.document_id == document_id)
            .values(finished_at=func.now())
        )
        return document_id
