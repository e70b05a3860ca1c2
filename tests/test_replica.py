"""The service on a primary and a real streaming replica (tests/streaming_replica.py).

GETs read the replica (DATABASE_READ_URL): with the primary stopped they still answer.
Writes and loads go to the primary (DATABASE_URL), and reach the replica by replay. The data
version, which keys ETags and cached answers, moves only once the replica has replayed a
change: with replay paused, a load on the primary leaves every answer and ETag as it was.
"""

import asyncio
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from app.auth.keys import create_key
from app.config import Settings
from app.db import migrate
from app.db.data_version import CHANNEL
from app.db.engine import asyncpg_dsn, create_engine, create_sessionmaker
from app.db.replayed_version import APPLICATION_NAME, REPLAYED
from app.ingest.loader import load_fact_files, seed_fact_files
from app.main import create_app
from tests.conftest import client_of
from tests.live_service import ROOT, TRADESTAT, environment
from tests.openapi_operations import operations, required_query, url_with
from tests.streaming_replica import DATABASE, Server, Servers, servers_folder

DEADLINE_S = 20.0
TEST_FACTS = Path(__file__).resolve().parent / "data" / "facts"
# Every request bypasses the response cache: the answer is the server's.
UNCACHED = {"Cache-Control": "no-cache"}


async def fetchval(url: str, sql: str, *arguments: Any) -> Any:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return await connection.fetchval(sql, *arguments)
    finally:
        await connection.close()


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    """Poll check until it holds; fail after DEADLINE_S."""
    deadline = time.monotonic() + DEADLINE_S
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not after {DEADLINE_S} s")
        await asyncio.sleep(0.05)


@dataclass(frozen=True)
class Pair:
    servers: Servers
    primary: Server
    replica: Server

    async def pause_replay(self) -> None:
        await fetchval(self.replica.url, "SELECT pg_wal_replay_pause()")

        async def paused() -> bool:
            state = "SELECT pg_get_wal_replay_pause_state()"
            return bool(await fetchval(self.replica.url, state) == "paused")

        await eventually(paused, "replay paused")

    async def resume_replay(self) -> None:
        await fetchval(self.replica.url, "SELECT pg_wal_replay_resume()")

    async def caught_up(self) -> bool:
        """The replica streams and has replayed everything the primary has written."""
        position = await fetchval(self.primary.url, "SELECT pg_current_wal_lsn()")
        return bool(
            await fetchval(
                self.replica.url,
                "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn"
                " AND EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming')",
                position,
            )
        )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pair(settings: Settings) -> AsyncIterator[Pair]:
    """A migrated, seeded primary, then its replica; both stopped and removed at the end."""
    with servers_folder() as servers:
        primary = await asyncio.to_thread(servers.init_primary)
        await asyncio.to_thread(servers.start, primary)
        await fetchval(primary.url_of("postgres"), f'CREATE DATABASE "{DATABASE}"')
        await asyncio.to_thread(migrate.upgrade, primary.url)
        engine = create_engine(primary.url, settings)
        try:
            await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
        finally:
            await engine.dispose()
        replica = await asyncio.to_thread(servers.clone, primary)
        await asyncio.to_thread(servers.start, replica)
        yield Pair(servers, primary, replica)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def app(pair: Pair, settings: Settings) -> AsyncIterator[FastAPI]:
    """The service with its real lifespan: DATABASE_URL the primary, DATABASE_READ_URL the
    replica, its response cache on."""
    configured = settings.model_copy(
        update={
            "database_url": pair.primary.url,
            "database_read_url": pair.replica.url,
            "rate_limit": "off",
            "response_cache": True,
        }
    )
    service = create_app(configured)
    async with service.router.lifespan_context(service):
        yield service


@pytest_asyncio.fixture(loop_scope="session")
async def client(pair: Pair, app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the service, once the replica has replayed everything and the service
    knows the version it is at; replay runs again after the test, whatever happened."""
    await pair.resume_replay()
    await eventually(pair.caught_up, "the replica caught up")

    async def settled() -> bool:
        known = app.state.data_version.current
        primary = await fetchval(pair.primary.url, "SELECT version FROM data_state")
        return known is not None and known.number == primary

    await eventually(settled, "the service at the primary's version")
    try:
        async with client_of(app) as client:
            yield client
    finally:
        await pair.resume_replay()


def get_requests() -> list[tuple[str, str, dict[str, str]]]:
    """Every GET of the OpenAPI document: its path, a URL from its examples, its query."""
    return [(op.path, url_with(op), required_query(op)) for op in operations("get")]


async def test_every_get_is_answered_by_the_replica(pair: Pair, client: httpx.AsyncClient) -> None:
    requests = get_requests()
    before = {}
    for path, url, query in requests:
        before[path] = (await client.get(url, params=query, headers=UNCACHED)).status_code
        assert before[path] < 500, path

    await asyncio.to_thread(pair.servers.stop, pair.primary)
    try:
        after = {}
        for path, url, query in requests:
            after[path] = (await client.get(url, params=query, headers=UNCACHED)).status_code
        readiness = (await client.get("/readyz")).json()
    finally:
        await asyncio.to_thread(pair.servers.start, pair.primary)

    # Readiness covers the whole service, writes included: it names the silent primary.
    assert after == {**before, "/readyz": 503}
    assert readiness["detail"] == "The primary does not answer."


async def test_a_write_goes_to_the_primary_and_reaches_the_replica_by_replay(
    pair: Pair, app: FastAPI, client: httpx.AsyncClient
) -> None:
    async with app.state.sessionmaker() as session, session.begin():
        key = await create_key(session, "curator")
    upload = {
        "title": "Uzbek-Tajik trade grows",
        "url": "https://example.org/news/uz-tj-trade",
        "publisher": "Example News Agency",
        "published_on": "2024-07-15",
        "text": "Mutual trade turnover between Uzbekistan and Tajikistan reached $500 million "
        "in January-June 2024, the Uzbek Ministry of Investment, Industry and Trade said.",
    }
    await pair.pause_replay()

    created = await client.post(
        "/documents", json=upload, headers={"Authorization": f"Bearer {key}"}
    )

    assert created.status_code == 201, created.text
    document = f"/documents/{created.json()['id']}"
    count = "SELECT count(*) FROM documents WHERE url = $1"
    assert await fetchval(pair.primary.url, count, upload["url"]) == 1
    assert await fetchval(pair.replica.url, count, upload["url"]) == 0
    assert (await client.get(document)).status_code == 404
    # The replica refuses any write: the upload can only have gone to the primary.
    with pytest.raises(asyncpg.ReadOnlySQLTransactionError):
        await fetchval(pair.replica.url, "DELETE FROM documents WHERE url = $1", upload["url"])

    await pair.resume_replay()

    async def replayed() -> bool:
        return (await client.get(document)).status_code == 200

    await eventually(replayed, "the upload on the replica")
    assert await fetchval(pair.replica.url, count, upload["url"]) == 1


async def test_cached_answers_move_only_once_the_replica_has_replayed_a_load(
    pair: Pair, app: FastAPI, client: httpx.AsyncClient
) -> None:
    path = "/turnover?year=2022"
    first = await client.get(path)
    cached = await client.get(path)
    version = app.state.data_version.current
    assert first.headers["etag"] == cached.headers["etag"]
    assert first.content == cached.content
    await pair.pause_replay()

    loaded_at = await load_on_primary(pair, sorted(TEST_FACTS.glob("*.yaml")))

    async def heard() -> bool:
        """The service has heard of the load: its version moved, or it waits for replay."""
        moved = app.state.data_version.current != version
        return moved or await polled_since(pair, loaded_at)

    await eventually(heard, "the service told of the load")
    assert app.state.data_version.current == version
    for headers in ({}, UNCACHED):
        during = await client.get(path, headers=headers)
        assert during.headers["etag"] == first.headers["etag"]
        assert during.content == first.content

    await pair.resume_replay()
    resumed = time.monotonic()

    async def moved() -> bool:
        return bool(app.state.data_version.current != version)

    await eventually(moved, "the version after replay")
    print(f"the version moved {time.monotonic() - resumed:.2f} s after replay resumed")
    primary_version = await fetchval(pair.primary.url, "SELECT version FROM data_state")
    moved_to = app.state.data_version.current
    assert moved_to is not None
    assert moved_to.number == primary_version
    after = await client.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200
    assert after.headers["etag"] != first.headers["etag"]
    assert after.content != first.content
    assert (await client.get(path)).content == after.content
    assert after.json() == (await client.get(path, headers=UNCACHED)).json()


async def load_on_primary(pair: Pair, files: list[Path]) -> datetime:
    """`tradestat seed` given both servers, as the service is: its load goes to DATABASE_URL
    (the replica would refuse it). Returns when it had committed."""
    servers = {"DATABASE_URL": pair.primary.url, "DATABASE_READ_URL": pair.replica.url}
    seeded = await asyncio.to_thread(
        subprocess.run,
        [TRADESTAT, "seed", *map(str, files)],
        env=environment(pair.primary.url, servers),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert seeded.returncode == 0, seeded.stderr
    assert f"loaded {len(files)} document(s)" in seeded.stderr
    committed: datetime = await fetchval(pair.primary.url, "SELECT clock_timestamp()")
    return committed


async def polled_since(pair: Pair, moment: datetime) -> bool:
    """The service has asked the replica how far it has replayed since moment."""
    polled = await fetchval(
        pair.replica.url,
        "SELECT max(query_start) FROM pg_stat_activity WHERE application_name = $1 AND query = $2",
        APPLICATION_NAME,
        REPLAYED,
    )
    return bool(polled is not None and polled > moment)


async def test_the_version_is_unknown_while_the_replica_does_not_answer(
    pair: Pair, app: FastAPI, client: httpx.AsyncClient
) -> None:
    path = "/turnover?year=2022"
    await asyncio.to_thread(pair.servers.stop, pair.replica)
    try:
        # What the triggers announce at each change.
        await fetchval(pair.primary.url, "SELECT pg_notify($1, 'a change')", CHANNEL)

        async def unknown() -> bool:
            return app.state.data_version.current is None

        await eventually(unknown, "the version unknown")
        down = await client.get(path)
        assert down.status_code == 503
    finally:
        await asyncio.to_thread(pair.servers.start, pair.replica)

    async def known() -> bool:
        return app.state.data_version.current is not None

    await eventually(known, "the version known again")
    back = await client.get(path)
    assert back.status_code == 200
    assert "etag" in back.headers
