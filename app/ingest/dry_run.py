"""A load that is checked in full, then undone without a trace: rows and sequence values."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.ingest.load_lock import Turn, take_load_lock
from app.models import ApiKey, Base

# Every table a load writes has its sequence put back; API keys are made outside the load lock.
_LOADED_TABLES = tuple(t for t in Base.metadata.sorted_tables if t.name != ApiKey.__tablename__)

SequenceState = tuple[str, int, bool]


async def _sequences(session: AsyncSession) -> list[SequenceState]:
    states: list[SequenceState] = []
    for table in _LOADED_TABLES:
        for column in table.primary_key.columns:
            sequence = await session.scalar(
                select(func.pg_get_serial_sequence(table.name, column.name))
            )
            if sequence is None:
                continue
            # A sequence is a relation of its own; its name comes from the catalogue.
            state = (
                await session.execute(text(f"SELECT last_value, is_called FROM {sequence}"))
            ).one()
            states.append((sequence, state.last_value, state.is_called))
    return states


@asynccontextmanager
async def leaving_no_trace(session: AsyncSession, what: str, turn: Turn) -> AsyncIterator[None]:
    """Put every sequence the load may draw from back as it was; the caller rolls back.

    Sequences ignore rollbacks. Only loads draw from these, and this one holds the load lock
    from before the values are read until its transaction ends, so no value taken by anyone
    else is handed out twice.
    """
    await take_load_lock(session, f"the load of {what}", turn)
    before = await _sequences(session)
    try:
        # A savepoint, so that a load refused by the database still leaves the values to reset.
        async with session.begin_nested():
            yield
    finally:
        for sequence, last_value, is_called in before:
            await session.execute(select(func.setval(sequence, last_value, is_called)))
