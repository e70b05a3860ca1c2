from pathlib import Path

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.keys import create_key
from tests.review.facts import load_sample


@pytest_asyncio.fixture(loop_scope="session")
async def extracted_sample(sessionmaker: async_sessionmaker[AsyncSession], tmp_path: Path) -> None:
    """The sample release loaded as the extractor's draft."""
    await load_sample(sessionmaker, tmp_path, "extracted")


@pytest_asyncio.fixture(loop_scope="session")
async def curator(session: AsyncSession) -> dict[str, str]:
    """Headers carrying a write key named `curator-anna`."""
    return {"Authorization": f"Bearer {await create_key(session, 'curator-anna')}"}
