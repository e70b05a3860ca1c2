"""INSERT ... ON CONFLICT that leaves an identical row untouched and returns the row's id."""

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import and_, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


async def upsert(
    session: AsyncSession,
    model: type[DeclarativeBase],
    values: Mapping[str, Any],
    key: Sequence[str],
    touch: Mapping[str, Any] | None = None,
) -> int:
    """Insert values, or update the row with the same key only where a column differs.

    `touch` columns (an updated_at, say) are written only when something else changed,
    so reloading identical data changes nothing at all.
    """
    table = model.__table__
    statement = insert(model).values(**values)
    changed = [column for column in values if column not in key]
    if changed:
        statement = statement.on_conflict_do_update(
            index_elements=list(key),
            set_={**{c: statement.excluded[c] for c in changed}, **(touch or {})},
            where=tuple_(*(table.c[c] for c in changed)).is_distinct_from(
                tuple_(*(statement.excluded[c] for c in changed))
            ),
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(key))
    row_id = await session.scalar(statement.returning(table.c.id))
    if row_id is None:  # the row exists and nothing differed
        row_id = await session.scalar(
            select(table.c.id).where(and_(*(table.c[c] == values[c] for c in key)))
        )
    assert row_id is not None
    return int(row_id)
