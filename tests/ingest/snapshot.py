"""A fingerprint of every table's rows (count and content hash), to prove what a load changed."""

from collections.abc import Iterable

from sqlalchemy import DateTime, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Base

# What a deletion or a load adds besides the data itself: kept versions, the data version,
# the record of deletions, keys made to call the API, and the secret a service made on start.
BOOKKEEPING = (
    "turnover_periods_history",
    "targets_history",
    "derived_figures_history",
    "data_state",
    "document_deletions",
    "api_keys",
    "cursor_secret",
)


def _row_text(table: str, leave_times: bool, leave_ids: bool) -> str:
    """A row as text; with leave_times, without its timestamps (when it was loaded); with
    leave_ids, without its numbers drawn from sequences (in what order it was loaded)."""
    columns = Base.metadata.tables[table].columns
    left = [c.name for c in columns if leave_times and isinstance(c.type, DateTime)]
    left += [c.name for c in columns if leave_ids and (c.name == "id" or c.name.endswith("_id"))]
    if not left:
        return "t::text"
    return "(to_jsonb(t)" + "".join(f" - '{name}'" for name in left) + ")::text"


async def database_fingerprint(
    session: AsyncSession,
    leave_out: Iterable[str] = (),
    *,
    leave_times: bool = False,
    leave_ids: bool = False,
) -> dict[str, str | None]:
    fingerprint: dict[str, str | None] = {}
    for table in sorted(set(Base.metadata.tables) - set(leave_out)):
        row = _row_text(table, leave_times, leave_ids)
        query = (
            f"SELECT count(*) || ' ' || coalesce(md5(string_agg({row}, '|' ORDER BY {row})),"
            f" '-') FROM {table} AS t"
        )
        fingerprint[table] = await session.scalar(text(query))
    return fingerprint


async def data_fingerprint(
    session: AsyncSession, *, leave_ids: bool = False
) -> dict[str, str | None]:
    """The loaded data alone, bookkeeping and load times left out: equal in two databases
    that were given the same data, at whatever time (and, leaving ids out, in any order)."""
    return await database_fingerprint(session, BOOKKEEPING, leave_times=True, leave_ids=leave_ids)
