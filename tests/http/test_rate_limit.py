"""Requests per client are counted, in memory or in Redis shared by every process."""

import os
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from coredis import Redis
from limits.aio.storage import MemoryStorage
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from starlette.types import Receive, Scope, Send

from app.auth.keys import create_key, revoke_key
from app.config import Settings
from app.http.rate_limit import RateLimitMiddleware
from tests.conftest import app_on, client_of

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest_asyncio.fixture(loop_scope="session")
async def redis_prefix() -> AsyncIterator[str]:
    """A key prefix of this test's own on the real Redis; its keys are deleted afterwards."""
    redis = Redis.from_url(REDIS_URL)
    try:
        await redis.ping()
    except Exception as exc:
        # CI always has Redis; a laptop without one skips this test and says why.
        if os.environ.get("CI"):
            pytest.fail(f"Redis does not answer at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis not running at {REDIS_URL} (apt-get install redis-server): {exc}")
    prefix = f"tradestat-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    keys: list[str | bytes] = [key async for key in redis.scan_iter(match=f"{prefix}*")]
    if keys:
        await redis.delete(keys)


def limited(settings: Settings, **changes: object) -> Settings:
    return settings.model_copy(update={"rate_limit": "3/minute", **changes})


async def test_over_the_limit_is_a_429_problem(
    connection: AsyncConnection, engine: AsyncEngine, settings: Settings
) -> None:
    async with client_of(app_on(connection, engine, limited(settings))) as client:
        answers = [await client.get("/countries/KGZ") for _ in range(4)]

    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert [r.headers["ratelimit-remaining"] for r in answers] == ["2", "1", "0", "0"]
    assert all(r.headers["ratelimit-limit"] == "3" for r in answers)
    assert 0 < int(answers[0].headers["ratelimit-reset"]) <= 60
    refused = answers[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60


async def test_each_active_api_key_and_address_is_its_own_client(
    connection: AsyncConnection, engine: AsyncEngine, settings: Settings, session: AsyncSession
) -> None:
    key_a, key_b = await create_key(session, "client-a"), await create_key(session, "client-b")
    async with client_of(app_on(connection, engine, limited(settings))) as client:
        for _ in range(3):
            await client.get("/healthz")  # exempt
            await client.get("/countries/KGZ", headers={"Authorization": f"Bearer {key_a}"})
        over = await client.get("/countries/KGZ", headers={"Authorization": f"Bearer {key_a}"})
        other_key = await client.get("/countries/KGZ", headers={"Authorization": f"Bearer {key_b}"})
        by_address = await client.get("/countries/KGZ")
        health = await client.get("/readyz")

    assert over.status_code == 429
    assert other_key.status_code == 200
    assert by_address.status_code == 200
    assert health.status_code == 200
    assert "ratelimit-limit" not in health.headers


async def test_made_up_tokens_count_against_the_address(
    connection: AsyncConnection, engine: AsyncEngine, settings: Settings
) -> None:
    tight = settings.model_copy(update={"rate_limit": "100/minute"})
    async with client_of(app_on(connection, engine, tight)) as client:
        answers = [
            await client.get("/countries/KGZ", headers={"Authorization": f"Bearer junk{n}"})
            for n in range(1, 701)
        ]
        plain = await client.get("/countries/KGZ")

    statuses = [answer.status_code for answer in answers]
    # A bad token on a read is ignored: served while the address has budget, then refused.
    assert statuses[:100] == [200] * 100
    assert statuses[100:] == [429] * 600
    assert plain.status_code == 429


async def test_a_revoked_key_counts_against_the_address(
    connection: AsyncConnection, engine: AsyncEngine, settings: Settings, session: AsyncSession
) -> None:
    key = await create_key(session, "revoked")
    await revoke_key(session, "revoked")
    async with client_of(app_on(connection, engine, limited(settings))) as client:
        for _ in range(3):
            await client.get("/countries/KGZ")
        answer = await client.get("/countries/KGZ", headers={"Authorization": f"Bearer {key}"})

    assert answer.status_code == 429


async def test_worker_processes_share_counters_in_redis(
    connection: AsyncConnection, engine: AsyncEngine, settings: Settings, redis_prefix: str
) -> None:
    shared = limited(settings, redis_url=REDIS_URL, redis_key_prefix=redis_prefix)
    # Two apps, each with its own Redis client: as two worker processes would be.
    async with (
        client_of(app_on(connection, engine, shared)) as first,
        client_of(app_on(connection, engine, shared)) as second,
    ):
        answers = [
            await first.get("/countries/KGZ"),
            await second.get("/countries/KGZ"),
            await first.get("/countries/KGZ"),
            await second.get("/countries/KGZ"),
        ]

    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert answers[2].headers["ratelimit-remaining"] == "0"


async def test_a_broken_redis_lets_requests_through(
    connection: AsyncConnection, engine: AsyncEngine, settings: Settings
) -> None:
    broken = limited(settings, redis_url="redis://127.0.0.1:1/0")
    async with client_of(app_on(connection, engine, broken)) as client:
        answers = [await client.get("/countries/KGZ") for _ in range(4)]

    assert [r.status_code for r in answers] == [200] * 4


class CountingStorage(MemoryStorage):
    """The in-memory store, noting each operation a request costs (a round trip in Redis)."""

    def __init__(self) -> None:
        super().__init__()
        self.operations: list[str] = []

    async def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        self.operations.append("incr")
        return await super().incr(key, expiry, amount)

    async def get_expiry(self, key: str) -> float:
        self.operations.append("get_expiry")
        return await super().get_expiry(key)


async def test_a_window_end_is_asked_once_per_window() -> None:
    storage = CountingStorage()

    async def ok(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    app = RateLimitMiddleware(ok, limit="5/minute", storage=storage)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        answers = [await client.get("/turnover") for _ in range(6)]

    assert [a.headers["ratelimit-remaining"] for a in answers[:5]] == ["4", "3", "2", "1", "0"]
    assert answers[5].status_code == 429
    assert {a.headers["ratelimit-reset"] for a in answers} <= {"59", "60"}
    assert storage.operations == ["incr", "get_expiry"] + ["incr"] * 5
