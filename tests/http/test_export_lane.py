"""Exports run in a lane of their own: a bounded number at once, on connections that are
not the pages', one more refused at once; pages answer meanwhile."""

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
from fastapi import FastAPI
from starlette.types import Message, Scope

from app.config import Settings
from app.db.engine import create_engine, create_sessionmaker
from app.ingest.loader import load_fact_files, seed_fact_files
from app.main import create_app
from tests.conftest import client_of
from tests.http.test_export_memory import generate

ROWS = 5000  # many chunks of CSV: the stream is still running when its client stalls


@pytest_asyncio.fixture(loop_scope="session")
async def lane_of_one(committed_database: str, settings: Settings) -> AsyncIterator[FastAPI]:
    """The app with its real lifespan, one export at a time, on a database of its own."""
    engine = create_engine(committed_database, settings)
    await load_fact_files(create_sessionmaker(engine), seed_fact_files(settings.seeds_dir))
    async with engine.begin() as connection:
        await generate(connection, ROWS)
    await engine.dispose()
    app = create_app(
        settings.model_copy(
            update={
                "database_url": committed_database,
                "export_concurrency": 1,
                "db_pool_size": 1,  # an export on a pooled connection would leave none
                "response_cache": False,
                "rate_limit": "off",
            }
        )
    )
    async with app.router.lifespan_context(app):
        yield app


class StalledClient:
    """An ASGI client that reads the first chunk of the body, then stops reading."""

    def __init__(self) -> None:
        self.status = 0
        self.first_chunk = asyncio.Event()
        self.resume = asyncio.Event()
        self.body = b""

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")
            if not self.first_chunk.is_set():
                self.first_chunk.set()
                await self.resume.wait()


def csv_scope() -> Scope:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
        "root_path": "",
        "path": "/turnover",
        "raw_path": b"/turnover",
        "query_string": b"format=csv&limit=100000",
        "headers": [(b"host", b"testserver")],
    }


async def test_an_export_beyond_the_lane_is_refused_at_once(lane_of_one: FastAPI) -> None:
    app = lane_of_one
    stalled = StalledClient()
    done = asyncio.Event()

    async def receive() -> Message:
        if not done.is_set():
            done.set()
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays connected
        raise AssertionError("unreachable")

    export = asyncio.create_task(app(csv_scope(), receive, stalled.send))
    try:
        await asyncio.wait_for(stalled.first_chunk.wait(), timeout=30)
        assert stalled.status == 200
        assert app.state.exports.running == 1

        async with client_of(app) as client:
            started = time.monotonic()
            refused = await client.get("/turnover", params={"format": "csv"})
            refused_after = time.monotonic() - started
            assert refused.status_code == 503
            assert refused.json()["type"].endswith("/exports-busy")
            assert refused.headers["retry-after"] == "10"
            assert refused_after < 1.0  # refused, not queued behind a timeout

            for path in ("/turnover?year=2022", "/countries/KAZ", "/agreements", "/targets"):
                assert (await client.get(path)).status_code == 200, path
    finally:
        stalled.resume.set()
        await asyncio.wait_for(export, timeout=60)

    assert stalled.body.count(b"\r\n") == ROWS + 2 + 1  # generated, seeded, header
    assert app.state.exports.running == 0
    async with client_of(app) as client:
        again = await client.get("/turnover", params={"format": "csv", "limit": 10})
    assert again.status_code == 200


async def test_an_abandoned_export_gives_its_place_back(lane_of_one: FastAPI) -> None:
    app = lane_of_one
    stalled = StalledClient()
    requested = False

    async def receive() -> Message:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await stalled.first_chunk.wait()
        return {"type": "http.disconnect"}

    export = asyncio.create_task(app(csv_scope(), receive, stalled.send))
    await asyncio.wait_for(stalled.first_chunk.wait(), timeout=30)
    export.cancel()  # the server drops the request, as uvicorn does on a lost client
    await asyncio.gather(export, return_exceptions=True)

    assert app.state.exports.running == 0
    async with client_of(app) as client:
        response = await client.get("/turnover", params={"format": "csv", "limit": 10})
    assert isinstance(response, httpx.Response)
    assert response.status_code == 200
