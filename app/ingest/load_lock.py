"""One load at a time: every write of loaded data takes this lock for its transaction.

A fact-file load, an ingest, a CSV import, an upload and a document deletion all take the same
transaction-level advisory lock. The holder says what it does in `application_name` ("the
load of export.csv", "the deletion of document 7"), so that one who finds the lock taken can
say whose turn it is waiting for, or refuse at once.
"""

from collections.abc import Callable
from dataclasses import dataclass

from asyncpg.exceptions import LockNotAvailableError
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

LOAD_LOCK_ID = 0x7472_6164_6573_7461  # "tradesta"
HOLDER_PREFIX = "tradestat: "
# PostgreSQL keeps the first 63 bytes of an application_name, and only printable ASCII.
_NAME_BYTES = 63


class LoadBusy(Exception):  # noqa: N818 - named for the state it reports
    """Another load holds the lock, and the caller would not wait (that long) for it."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"{holder} is running; try again once it has finished")
        self.holder = holder


@dataclass(frozen=True)
class Turn:
    """What to do when the lock is taken: wait for up to `patience_ms` (None: as long as it
    takes, telling `waiting` whose load it waits for), then raise LoadBusy."""

    patience_ms: int | None = None
    waiting: Callable[[str], None] | None = None


WAIT = Turn()
NO_WAIT = Turn(patience_ms=0)
# An upload waits out another upload (a few milliseconds), not an import (minutes).
BRIEF_WAIT = Turn(patience_ms=1000)
# A command that would not wait exits with this status (EX_TEMPFAIL: try again later).
BUSY_EXIT_STATUS = 75


def command_turn(no_wait: bool, say: Callable[[str], None]) -> Turn:
    """A command's turn: refuse at once, or wait and say once whose load it waits for."""
    if no_wait:
        return NO_WAIT
    return Turn(waiting=lambda holder: say(f"waiting for {holder} to finish..."))


async def take_load_lock(session: AsyncSession, what: str, turn: Turn) -> None:
    """Hold the load lock until the session's transaction ends; `what` says what this one
    does, as a phrase: "the load of export.csv"."""
    taken = await session.scalar(select(func.pg_try_advisory_xact_lock(LOAD_LOCK_ID)))
    if not taken:
        holder = await load_holder(session)
        if turn.patience_ms is None:
            if turn.waiting is not None:
                turn.waiting(holder)
            # The wait is as long as the other load: the statement's time limit must not end it.
            await session.execute(text("SET LOCAL statement_timeout = 0"))
            await session.execute(select(func.pg_advisory_xact_lock(LOAD_LOCK_ID)))
        elif not await _wait_for_lock(session, turn.patience_ms):
            raise LoadBusy(holder)
    await say_what(session, what)


async def _wait_for_lock(session: AsyncSession, patience_ms: int) -> bool:
    """Wait up to patience_ms for the lock; False if it stayed taken (the transaction is then
    aborted: the caller gives up)."""
    if patience_ms <= 0:
        return False
    previous = await session.scalar(text("SHOW lock_timeout"))
    await session.execute(select(func.set_config("lock_timeout", f"{patience_ms}ms", True)))
    try:
        await session.execute(select(func.pg_advisory_xact_lock(LOAD_LOCK_ID)))
    except DBAPIError as exc:
        # The driver's error, as SQLAlchemy's adapter wraps it: lock_timeout ran out.
        if not isinstance(exc.orig.__cause__ if exc.orig else None, LockNotAvailableError):
            raise
        return False
    await session.execute(select(func.set_config("lock_timeout", previous, True)))
    return True


async def say_what(session: AsyncSession, what: str) -> None:
    """Tell others, until the transaction ends, what the lock's holder does."""
    name = (HOLDER_PREFIX + what).encode("ascii", "replace")[:_NAME_BYTES].decode()
    await session.execute(select(func.set_config("application_name", name, True)))


async def load_holder(session: AsyncSession) -> str:
    """What the holder of the lock said it does, or 'another load' if it has not said."""
    name = await session.scalar(
        text(
            """
            SELECT activity.application_name
            FROM pg_locks AS lock JOIN pg_stat_activity AS activity USING (pid)
            WHERE lock.locktype = 'advisory' AND lock.granted
              AND lock.database = (SELECT oid FROM pg_database
                                   WHERE datname = current_database())
              AND (lock.classid::bigint << 32 | lock.objid::bigint) = :lock_id
            """
        ),
        {"lock_id": LOAD_LOCK_ID},
    )
    if not isinstance(name, str) or not name.startswith(HOLDER_PREFIX):
        return "another load"
    return name.removeprefix(HOLDER_PREFIX)
