"""Answers are kept per data version, served with fresh outer headers, dropped on any change."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI, Response
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from app.config import Settings
from app.db.data_version import Version
from tests.conftest import app_on, client_of

CHANGED_AT = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)


@dataclass
class FixedVersion:
    """Stands in for app.db.data_version.DataVersion: the test says what the version is."""

    number: int | None

    @property
    def current(self) -> Version | None:
        if self.number is None:
            return None
        return Version(self.number, CHANGED_AT + timedelta(seconds=self.number))


@pytest.fixture
def cached_app(connection: AsyncConnection, engine: AsyncEngine, settings: Settings) -> FastAPI:
    app = app_on(connection, engine, settings.model_copy(update={"response_cache": True}))
    app.state.data_version = FixedVersion(1)
    calls: list[str] = []
    app.state.calls = calls

    @app.get("/counted")
    async def counted(response: Response) -> dict[str, int]:
        calls.append("x")
        return {"calls": len(calls)}

    return app


async def test_the_same_request_is_answered_once(cached_app: FastAPI) -> None:
    async with client_of(cached_app) as client:
        first = await client.get("/counted?a=1")
        second = await client.get("/counted?a=1")
        other = await client.get("/counted?a=2")

    assert first.json() == second.json() == {"calls": 1}
    assert other.json() == {"calls": 2}
    assert first.headers["x-request-id"] != second.headers["x-request-id"]
    assert (
        int(second.headers["ratelimit-remaining"]) == int(first.headers["ratelimit-remaining"]) - 1
    )


async def test_a_new_data_version_drops_every_entry(cached_app: FastAPI) -> None:
    async with client_of(cached_app) as client:
        await client.get("/counted")
        cached_app.state.data_version.number = 2
        after = await client.get("/counted")

    assert after.json() == {"calls": 2}


async def test_an_unknown_version_bypasses_the_cache(cached_app: FastAPI) -> None:
    cached_app.state.data_version.number = None
    async with client_of(cached_app) as client:
        await client.get("/counted")
        second = await client.get("/counted")

    assert second.json() == {"calls": 2}


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept": "application/json, */*;q=0.1"},
        {"Accept-Encoding": "br"},
        {"Origin": "https://example.org"},
    ],
)
async def test_headers_a_response_varies_on_are_part_of_the_key(
    cached_app: FastAPI, headers: dict[str, str]
) -> None:
    async with client_of(cached_app) as client:
        await client.get("/counted")
        varied = await client.get("/counted", headers=headers)

    assert varied.json() == {"calls": 2}


async def test_conditional_requests_and_errors_are_not_cached(cached_app: FastAPI) -> None:
    async with client_of(cached_app) as client:
        await client.get("/counted", headers={"If-None-Match": '"x"'})
        await client.get("/counted", headers={"Cache-Control": "no-cache"})
        await client.get("/turnover?year=1800")
        missing = await client.get("/turnover?year=1800")

    assert cached_app.state.calls == ["x", "x"]
    assert missing.status_code == 422


async def test_real_data_is_served_from_the_cache_until_the_version_moves(
    cached_app: FastAPI, connection: AsyncConnection
) -> None:
    async with client_of(cached_app) as client:
        before = (await client.get("/turnover?year=2022")).json()
        await connection.exec_driver_sql("UPDATE turnover_periods SET attribution = 'changed'")
        cached = (await client.get("/turnover?year=2022")).json()
        cached_app.state.data_version.number = 2
        fresh = (await client.get("/turnover?year=2022")).json()

    assert cached == before
    assert fresh["items"][0]["attribution"] == "changed"
