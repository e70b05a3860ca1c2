"""One migrated, seeded database per run; each test runs in a transaction rolled back after it."""

import asyncio
import functools
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from app.config import Settings, get_settings
from app.db import migrate
from app.db.engine import create_engine, create_sessionmaker, get_session
from app.db.exports import ExportLane
from app.db.reads import read_sessionmaker
from app.ingest.loader import load_fact_files, seed_fact_files
from app.main import create_app
from tests.database import create_database, drop_database, server_url
from tests.private_server import private_server
from tests.records import fetch_records


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def server() -> str:
    return server_url()


@pytest.fixture
def own_server() -> Iterator[Any]:
    """A PostgreSQL server of the test's own, to stop or freeze (tests/private_server.py)."""
    with private_server() as handle:
        yield handle


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def database_url(server: str) -> AsyncIterator[str]:
    async with migrated_database(server) as url:
        yield url


@pytest_asyncio.fixture(loop_scope="session")
async def committed_database(server: str) -> AsyncIterator[str]:
    """A migrated database of the test's own, for work that must commit (other processes,
    versions made by separate transactions); dropped afterwards."""
    async with migrated_database(server, prefix="tradestat_committed") as url:
        yield url


@asynccontextmanager
async def migrated_database(server: str, **options: str) -> AsyncIterator[str]:
    """A new database at the latest revision, dropped afterwards, a failed migration too."""
    url = await create_database(server, **options)
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        yield url
    finally:
        await drop_database(url)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def engine(database_url: str, settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back when the test ends."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            yield connection
        finally:
            await transaction.rollback()


def bound_session(connection: AsyncConnection) -> AsyncSession:
    """A session whose commits and rollbacks are savepoints inside the test's transaction."""
    return AsyncSession(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """What the loader opens its one transaction with, joined to the test's transaction."""
    return async_sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


TEST_FACTS = Path(__file__).resolve().parent / "data" / "facts"


@pytest_asyncio.fixture(loop_scope="session")
async def other_sources(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Two more documents: Kyrgyz statistics (2021, 2022) and a Kazakh revision of 2022."""
    await load_fact_files(sessionmaker, sorted(TEST_FACTS.glob("*.yaml")))


@pytest_asyncio.fixture(loop_scope="session")
async def session(connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    async with bound_session(connection) as session:
        yield session


def app_on(connection: AsyncConnection, engine: AsyncEngine, settings: Settings) -> FastAPI:
    """The app with these settings, reading and writing inside the test's transaction (the
    state its lifespan would set up, on the test's connection)."""
    app = create_app(settings)
    app.state.engine = engine
    app.state.sessionmaker = async_sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    app.state.exports = ExportLane(app.state.sessionmaker, settings.export_concurrency)
    # Reads too: the session, its records and its exports, all on the test's connection.
    records = functools.partial(fetch_records, connection)
    app.state.read_sessions = read_sessionmaker(connection, records, app.state.exports)
    app.state.separate_read_server = False

    async def test_session() -> AsyncIterator[AsyncSession]:
        async with bound_session(connection) as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    app.dependency_overrides[get_session] = test_session
    return app


@pytest_asyncio.fixture(loop_scope="session")
async def app(engine: AsyncEngine, connection: AsyncConnection, settings: Settings) -> FastAPI:
    return app_on(connection, engine, settings)


def client_of(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest_asyncio.fixture(loop_scope="session")
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(app) as client:
        yield client


@pytest_asyncio.fixture(loop_scope="session")
async def committed_engine(
    committed_database: str, settings: Settings
) -> AsyncIterator[AsyncEngine]:
    """An engine on the test's own database, for work whose transactions must commit."""
    engine = create_engine(committed_database, settings)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def committed_client(
    committed_database: str, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """The service, with its own lifespan, on the test's own database; no response cache."""
    app = create_app(
        settings.model_copy(update={"database_url": committed_database, "response_cache": False})
    )
    async with app.router.lifespan_context(app), client_of(app) as client:
        yield client
