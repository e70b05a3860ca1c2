"""A fingerprint of every table's rows (count and content hash), to prove what a load changed."""

from collections.abc import Iterable

from sqlalchemy import DateTime, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Base

# What a deletion or a load adds besides the data itself: kept versions, the data version,
# the record of deletions, and keys made to call the API.
BOOKKEEPING = (
    "turnover_periods_history",
    "targets_history",
    "data_state",
    "document_deletions",
    "api_keys",
)


def _row_text(table: str, leave_times: bool) -> str:
    """A row as text; with leave_times, without its timestamps (when it was loaded)."""
    if not leave_times:
        return "t::text"
    times = [c.name for c in Base.metadata.tables[table].columns if isinstance(c.type, DateTime)]
    return "(to_jsonb(t)" + "".join(f" - '{name}'" for name in times) + ")::text"


async def database_fingerprint(
    session: AsyncSession, leave_out: Iterable[str] = (), *, leave_times: bool = False
) -> dict[str, str | None]:
    fingerprint: dict[str, str | None] = {}
    for table in sorted(set(Base.metadata.tables) - set(leave_out)):
        row = _row_text(table, leave_times)
        query = (
            f"SELECT count(*) || ' ' || coalesce(md5(string_agg({row}, '|' ORDER BY {row})),"
            f" '-') FROM {table} AS t"
        )
        fingerprint[table] = await session.scalar(text(query))
    return fingerprint


async def data_fingerprint(session: AsyncSession) -> dict[str, str | None]:
    """The loaded data alone, bookkeeping and load times left out: equal in two databases
    that were given the same data, at whatever time."""
    return await database_fingerprint(session, BOOKKEEPING, leave_times=True)
