"""Every GET reads through the ReadSession: none takes the write session, none sends a
transaction, and a route that only needs records takes no SQLAlchemy connection."""

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import datetime

import asyncpg
import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Message

from app.config import Settings
from app.db.engine import asyncpg_dsn, get_session
from app.db.reads import ReadSession
from app.main import create_app
from tests.conftest import client_of
from tests.http.test_export_lane import StalledClient, csv_scope
from tests.openapi_operations import Operation, operations, required_query, url_with

GETS = operations("get")
# What a transaction sends: a statement ending one is the last a connection ran after it.
TRANSACTION_CONTROL = re.compile(
    r"^\s*(BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE)\b", re.IGNORECASE
)


async def no_write_session() -> AsyncSession:
    raise RuntimeError("a GET asked for the write session")


@pytest.mark.parametrize("operation", GETS, ids=str)
async def test_no_get_takes_the_write_session(
    app: FastAPI, client: httpx.AsyncClient, operation: Operation
) -> None:
    app.dependency_overrides[get_session] = no_write_session

    response = await client.get(url_with(operation), params=required_query(operation))

    assert response.status_code < 500, (str(operation), response.text)


async def test_the_sweep_reaches_the_data(client: httpx.AsyncClient) -> None:
    """The sweep above answers from the data, not from a refusal before any read."""
    answered = [
        operation
        for operation in GETS
        if (await client.get(url_with(operation), params=required_query(operation))).status_code
        == 200
    ]
    paths = {operation.path for operation in answered}
    assert {"/turnover", "/turnover/{figure_id}", "/countries/{code}", "/readyz"} <= paths
    assert len(answered) >= 20


async def test_a_write_without_the_write_session_fails(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    """The override above bites: a write that needs the session cannot answer."""
    app.dependency_overrides[get_session] = no_write_session

    response = await client.patch(
        "/targets/1", headers={"Authorization": "Bearer any"}, json={"review": "reviewed"}
    )

    assert response.status_code == 500


@pytest_asyncio.fixture(loop_scope="session")
async def one_connection_app(
    database_url: str, settings: Settings, engine: object
) -> AsyncIterator[FastAPI]:
    """The app with its real lifespan on the seeded database, one connection per pool."""
    app = create_app(
        settings.model_copy(
            update={
                "database_url": database_url,
                "db_pool_size": 1,
                "db_pool_timeout_s": 0.2,
                "response_cache": False,
                "rate_limit": "off",
            }
        )
    )
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture(loop_scope="session")
async def observer(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection of the test's own that watches the app's in pg_stat_activity."""
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        yield connection
    finally:
        await connection.close()


async def read_backends(app: FastAPI) -> dict[str, int]:
    """The server processes behind the read session's one connection and the read pool's."""
    async with app.state.read_sessions() as read:
        session_pid = await read.scalar(text("SELECT pg_backend_pid()"))
    pool_rows = await app.state.read_pool.records("SELECT pg_backend_pid() AS pid", [])
    return {"session": session_pid, "records": pool_rows[0]["pid"]}


async def last_statements_since(
    observer: asyncpg.Connection, backends: dict[str, int], since: datetime
) -> dict[str, asyncpg.Record]:
    """Per backend that ran a statement since `since`: its state and that statement."""
    rows = await observer.fetch(
        "SELECT pid, state, query FROM pg_stat_activity WHERE pid = any($1) AND query_start >= $2",
        list(backends.values()),
        since,
    )
    by_pid = {row["pid"]: row for row in rows}
    return {name: by_pid[pid] for name, pid in backends.items() if pid in by_pid}


async def test_a_get_sends_no_transaction(
    one_connection_app: FastAPI, observer: asyncpg.Connection
) -> None:
    """After each GET, the read connections it used are idle, and the last statement each ran
    is the route's query, not the COMMIT or ROLLBACK that ends a transaction."""
    backends = await read_backends(one_connection_app)
    used: set[str] = set()
    async with client_of(one_connection_app) as client:
        for operation in GETS:
            since = await observer.fetchval("SELECT clock_timestamp()")
            response = await client.get(url_with(operation), params=required_query(operation))
            assert response.status_code < 500, (str(operation), response.text)
            for name, row in (await last_statements_since(observer, backends, since)).items():
                assert row["state"] == "idle", (str(operation), name, row["state"])
                assert not TRANSACTION_CONTROL.match(row["query"]), (str(operation), row["query"])
                used.add(name)

    assert used == {"session", "records"}


async def test_the_observer_sees_a_transaction_end(
    one_connection_app: FastAPI, observer: asyncpg.Connection
) -> None:
    """The check above can fail: a write session's transaction leaves its COMMIT behind."""
    since = await observer.fetchval("SELECT clock_timestamp()")
    async with one_connection_app.state.sessionmaker() as session, session.begin():
        pid = await session.scalar(text("SELECT pg_backend_pid()"))

    found = await last_statements_since(observer, {"write": pid}, since)
    assert TRANSACTION_CONTROL.match(found["write"]["query"])


async def test_a_route_of_records_only_takes_no_session_connection(
    one_connection_app: FastAPI,
) -> None:
    app = one_connection_app
    async with client_of(app) as client, app.state.read_sessions() as held:
        await held.execute(text("SELECT 1"))  # the read engine's one connection, taken

        listed = await client.get("/turnover", params={"year": 2022})
        resolved = await client.get("/countries/KGZ")

    assert listed.status_code == 200
    assert resolved.status_code == 503  # it needs the session's connection
    assert resolved.json()["type"].endswith("/busy")


async def test_a_read_session_never_commits(one_connection_app: FastAPI) -> None:
    read: ReadSession
    async with one_connection_app.state.read_sessions() as read:
        with pytest.raises(TypeError, match="never commits"):
            await read.commit()


async def test_an_export_gives_the_read_sessions_connection_back(
    one_connection_app: FastAPI,
) -> None:
    """An export resolving its country filter on the read session streams without holding
    that connection: a page needing it answers while the export's client stalls."""
    app = one_connection_app
    stalled = StalledClient()
    scope = {**csv_scope(), "query_string": b"format=csv&country=KGZ"}

    requested = asyncio.Event()

    async def receive() -> Message:
        if not requested.is_set():
            requested.set()
            return {"type": "http.request", "body": b"", "more_body": False}
        await stalled.resume.wait()  # connected until the test is done
        return {"type": "http.disconnect"}

    export = asyncio.create_task(app(scope, receive, stalled.send))
    try:
        await asyncio.wait_for(stalled.first_chunk.wait(), timeout=30)
        async with client_of(app) as client:
            page = await client.get("/countries/KGZ")
    finally:
        stalled.resume.set()
        await asyncio.wait_for(export, timeout=30)

    assert stalled.status == 200
    assert page.status_code == 200
