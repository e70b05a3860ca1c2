"""A real PostgreSQL stops and starts again: the API says 503 meanwhile, then recovers by itself."""

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from fastapi import FastAPI

from app.config import Settings
from tests.conftest import client_of
from tests.private_server import seeded_app

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


@pytest_asyncio.fixture(loop_scope="session")
async def running_app(own_server: Any, settings: Settings) -> AsyncIterator[FastAPI]:
    async with seeded_app(own_server, settings) as app:
        yield app


async def eventually(check: Any, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds} s")
        await asyncio.sleep(0.1)


async def test_outage_and_recovery(own_server: Any, running_app: FastAPI) -> None:
    server = own_server
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
