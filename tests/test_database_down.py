"""With the database unreachable, data endpoints say 503 and liveness still says 200."""

from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from app.config import Settings
from app.main import create_app
from tests.conftest import client_of

# Nothing listens on port 1 of the loopback interface.
UNREACHABLE = "postgresql://postgres@127.0.0.1:1/postgres"


@pytest_asyncio.fixture(loop_scope="session")
async def offline_client() -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(database_url=UNREACHABLE, db_connect_timeout_s=1, rate_limit="off")
    app = create_app(settings)
    async with app.router.lifespan_context(app), client_of(app) as client:
        yield client


async def test_data_endpoints_answer_503_problems(offline_client: httpx.AsyncClient) -> None:
    for path in ("/turnover?year=2022", "/countries/KGZ", "/agreements"):
        response = await offline_client.get(path)
        assert response.status_code == 503, path
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "5"
        assert response.json()["type"].endswith("/unavailable"), path
        assert response.json()["title"] == "Database Unavailable"


async def test_readiness_fails_and_liveness_holds(offline_client: httpx.AsyncClient) -> None:
    assert (await offline_client.get("/readyz")).status_code == 503
    assert (await offline_client.get("/healthz")).status_code == 200


async def test_metrics_still_answer(offline_client: httpx.AsyncClient) -> None:
    response = await offline_client.get("/metrics")

    assert response.status_code == 200
    assert "tradestat_http_requests_total" in response.text
