"""The stored cursor secret: read at start-up, made at random by the first process to start."""

import logging
import secrets

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.db.errors import DatabaseFailure
from app.models import CursorSecret
from app.paging.cursors import STORED_SECRET

logger = logging.getLogger(__name__)


async def stored_cursor_secret(sessionmaker: async_sessionmaker[AsyncSession]) -> str:
    """The deployment's cursor secret; two processes starting at once agree on one."""
    async with sessionmaker() as session, session.begin():
        await session.execute(
            insert(CursorSecret)
            .values(secret=secrets.token_urlsafe(32))
            .on_conflict_do_nothing(index_elements=[CursorSecret.id])
        )
        return (await session.execute(select(CursorSecret.secret))).scalar_one()


async def use_stored_cursor_secret(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Sign cursors with the stored secret. With the database down at start-up the service
    still starts (it answers 503 until the database is back): its cursors are then signed
    with a secret of this process alone, until it restarts."""
    try:
        STORED_SECRET.use(await stored_cursor_secret(sessionmaker))
    except (DBAPIError, DatabaseFailure) as exc:
        logger.warning("cursor secret not read (%s): cursors good on this process only", exc)
