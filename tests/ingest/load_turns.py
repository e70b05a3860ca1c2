"""Holding the load lock from a test, as a running load holds it."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db.engine import create_engine
from app.ingest.load_lock import WAIT, take_load_lock


@asynccontextmanager
async def load_running(url: str, settings: Settings, what: str) -> AsyncIterator[None]:
    """A load named `what` holds the lock on its own connection until the block ends."""
    engine = create_engine(url, settings)
    try:
        async with AsyncSession(engine) as session, session.begin():
            await take_load_lock(session, what, WAIT)
            yield
    finally:
        await engine.dispose()
