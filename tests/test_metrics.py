"""GET /metrics: Prometheus text with requests by route template, the pool and loaded figures."""

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import httpx
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from app.config import Settings
from app.db.data_version import Version
from tests.conftest import app_on, client_of


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_requests_are_counted_by_route_template_and_status(
    client: httpx.AsyncClient,
) -> None:
    for figure_id in (1, 2, 999999):
        await client.get(f"/turnover/{figure_id}")
    await client.get("/no/such/page/12345")

    response = await client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    found = samples(response.text)
    route = "/turnover/{figure_id}"
    ok = (("method", "GET"), ("route", route), ("status", "200"))
    missing = (("method", "GET"), ("route", route), ("status", "404"))
    assert found[("tradestat_http_requests_total", ok)] == 2
    assert found[("tradestat_http_requests_total", missing)] == 1
    assert found[("tradestat_http_request_duration_seconds_count", ok)] == 2
    unmatched = (("method", "GET"), ("route", "<unmatched>"), ("status", "404"))
    assert found[("tradestat_http_requests_total", unmatched)] == 1
    # No raw path, so no series per id.
    assert not re.search(r'route="/turnover/\d', response.text)
    assert "12345" not in response.text


async def test_pool_and_loaded_figures_are_gauges(client: httpx.AsyncClient) -> None:
    found = samples((await client.get("/metrics")).text)

    assert found[("tradestat_figures_loaded", (("kind", "turnover"),))] == 2
    assert found[("tradestat_figures_loaded", (("kind", "target"),))] == 1
    assert found[("tradestat_figures_loaded", (("kind", "document"),))] == 1
    assert ("tradestat_db_pool_connections_in_use", ()) in found


async def test_metrics_is_documented_as_plain_text(client: httpx.AsyncClient) -> None:
    operation = (await client.get("/openapi.json")).json()["paths"]["/metrics"]["get"]

    assert operation["operationId"] == "getMetrics"
    assert "text/plain; version=0.0.4; charset=utf-8" in operation["responses"]["200"]["content"]


async def test_answers_from_the_response_cache_count_under_their_route(
    app: FastAPI, client: httpx.AsyncClient, connection: AsyncConnection
) -> None:
    app.state.data_version = SimpleNamespace(current=Version(1, datetime(2026, 1, 1, tzinfo=UTC)))
    first = await client.get("/turnover?year=2022")
    await connection.exec_driver_sql("UPDATE turnover_periods SET attribution = 'changed'")
    for _ in range(2):
        assert (await client.get("/turnover?year=2022")).json() == first.json()  # cached

    found = samples((await client.get("/metrics")).text)

    ok = (("method", "GET"), ("route", "/turnover"), ("status", "200"))
    assert found[("tradestat_http_requests_total", ok)] == 3
    assert not any(("route", "<unmatched>") in labels for _, labels in found)


async def test_a_metrics_token_guards_metrics(
    connection: AsyncConnection, engine: AsyncEngine, settings: Settings
) -> None:
    guarded = settings.model_copy(update={"metrics_token": SecretStr("scrape-me")})
    async with client_of(app_on(connection, engine, guarded)) as client:
        missing = await client.get("/metrics")
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer scrape-you"})
        right = await client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
        other = await client.get("/countries/KGZ")

    for refused in (missing, wrong):
        assert refused.status_code == 401
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert "tradestat_http_requests_total" not in refused.text
    assert right.status_code == 200
    assert "tradestat_http_requests_total" in right.text
    assert other.status_code == 200


async def test_without_a_metrics_token_metrics_are_public(client: httpx.AsyncClient) -> None:
    assert (await client.get("/metrics")).status_code == 200
