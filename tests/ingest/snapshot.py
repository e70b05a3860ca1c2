"""A fingerprint of every table's rows, to prove a failed load changed nothing."""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Base


async def database_fingerprint(session: AsyncSession) -> dict[str, str | None]:
    fingerprint: dict[str, str | None] = {}
    for table in sorted(Base.metadata.tables):
        query = f"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {table} AS t"
        fingerprint[table] = await session.scalar(text(query))
    return fingerprint
