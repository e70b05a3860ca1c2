"""The stored cursor secret: read at start-up, made at random by the first process to start."""

import secrets

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import CursorSecret


async def stored_cursor_secret(sessionmaker: async_sessionmaker[AsyncSession]) -> str:
    """The deployment's cursor secret; two processes starting at once agree on one."""
    async with sessionmaker() as session, session.begin():
        await session.execute(
            insert(CursorSecret)
            .values(secret=secrets.token_urlsafe(32))
            .on_conflict_do_nothing(index_elements=[CursorSecret.id])
        )
        return (await session.execute(select(CursorSecret.secret))).scalar_one()
