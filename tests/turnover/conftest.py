from pathlib import Path

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.loader import load_fact_files

DATA = Path(__file__).resolve().parent.parent / "data" / "facts"


@pytest_asyncio.fixture(loop_scope="session")
async def other_sources(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Two more documents: Kyrgyz statistics (2021, 2022) and a Kazakh revision of 2022."""
    await load_fact_files(sessionmaker, sorted(DATA.glob("*.yaml")))
