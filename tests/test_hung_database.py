"""A database that stops answering (its processes frozen by SIGSTOP, as a hung host would
be): every request still gets its answer within the timeout policy's bound, and says why."""

import time
from typing import Any

import httpx
import pytest_asyncio
from fastapi import FastAPI

from app.config import Settings
from app.db.timeouts import Timeouts
from tests.conftest import client_of
from tests.private_server import frozen, seeded_app

# Generous against a loaded machine; the bound itself is what is checked.
MARGIN_S = 1.5
PATHS = [
    "/turnover?year=2022",
    "/turnover?year=2022&format=csv",
    "/countries/KAZ",
    "/agreements",
    "/documents/1",
]
FAILURES = {"busy", "timed-out", "unavailable"}


@pytest_asyncio.fixture(loop_scope="session")
async def short_timeouts(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            # Connecting may take longer than readiness waits: /readyz gives up on its own.
            "db_pool_timeout_s": 2.0,
            "db_connect_timeout_s": 2.0,
            "db_statement_timeout_ms": 2000,
            "response_cache": False,
        }
    )


async def timed_get(client: httpx.AsyncClient, path: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await client.get(path)
    return response, time.monotonic() - started


async def test_a_hung_database_gives_bounded_answers(
    own_server: Any, short_timeouts: Settings
) -> None:
    bound = Timeouts.of(short_timeouts).request_s + MARGIN_S
    async with seeded_app(own_server, short_timeouts) as app, client_of(app) as client:
        await warm_up(app, client)
        with frozen(own_server):
            for path in PATHS:
                response, elapsed = await timed_get(client, path)
                print(f"{path}: {response.status_code} in {elapsed:.2f}s")
                assert response.status_code == 503, (path, response.text)
                assert response.json()["type"].rsplit("/", 1)[1] in FAILURES, path
                assert response.headers["retry-after"], path
                assert elapsed < bound, (path, elapsed)
            ready, elapsed = await timed_get(client, "/readyz")
            print(f"/readyz: {ready.status_code} in {elapsed:.2f}s")
            assert ready.status_code == 503
            assert elapsed < 2.0
            assert (await client.get("/healthz")).status_code == 200
        # Thawed, the service answers again by itself.
        for path in PATHS:
            assert (await client.get(path)).status_code == 200, path


async def warm_up(app: FastAPI, client: httpx.AsyncClient) -> None:
    """Every pool holds a live connection, as a running service's do."""
    for path in [*PATHS, "/readyz"]:
        assert (await client.get(path)).status_code == 200, path
