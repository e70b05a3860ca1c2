"""A failure says what happened: busy, timed out or unavailable (each its own 503 problem);
anything else is a 500 naming the request id, never mistaken for the database."""

import logging
from collections.abc import AsyncIterator

import asyncpg
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.config import Settings
from app.db.engine import create_engine
from app.db.errors import DatabaseBusy, DatabaseTimedOut, DatabaseUnavailable, failure_of
from app.main import create_app
from tests.conftest import client_of


@pytest.mark.parametrize(
    ("error", "failure"),
    [
        (PoolTimeout("every connection in use"), DatabaseBusy),
        (
            asyncpg.QueryCanceledError("canceling statement due to statement timeout"),
            DatabaseTimedOut,
        ),
        (asyncpg.LockNotAvailableError("lock timeout"), DatabaseTimedOut),
        (asyncpg.AdminShutdownError("terminating connection"), DatabaseUnavailable),
        (asyncpg.TooManyConnectionsError("too many clients"), DatabaseUnavailable),
        (asyncpg.ConnectionFailureError("connection failure"), DatabaseUnavailable),
    ],
)
def test_database_errors_name_their_failure(error: Exception, failure: type) -> None:
    assert type(failure_of(error)) is failure
    if isinstance(error, asyncpg.PostgresError):  # as SQLAlchemy hands it over
        assert type(failure_of(DBAPIError("SELECT 1", [], error))) is failure


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.DivisionByZeroError("division by zero"),
        asyncpg.UndefinedTableError("no such table"),
        OSError("a file could not be read"),
        TimeoutError("some other wait"),
    ],
)
def test_other_errors_are_not_database_failures(error: Exception) -> None:
    assert failure_of(error) is None


@pytest_asyncio.fixture(loop_scope="session")
async def small_app(
    database_url: str, settings: Settings, engine: object
) -> AsyncIterator[FastAPI]:
    """The app with its real lifespan on the seeded database: one pooled connection, and
    statements cut short after 200 ms."""
    app = create_app(
        settings.model_copy(
            update={
                "database_url": database_url,
                "db_pool_size": 1,
                "db_pool_timeout_s": 0.2,
                "db_statement_timeout_ms": 200,
                "response_cache": False,
                "rate_limit": "off",
            }
        )
    )
    async with app.router.lifespan_context(app):
        yield app


async def test_an_exhausted_pool_answers_busy(small_app: FastAPI) -> None:
    async with client_of(small_app) as client, small_app.state.read_pool.acquire():
        response = await client.get("/turnover", params={"year": 2022})

    assert response.status_code == 503
    assert response.json()["type"].endswith("/busy")
    assert response.json()["title"] == "Database Busy"
    assert response.headers["retry-after"] == "1"


async def test_a_statement_past_its_timeout_answers_timed_out(
    small_app: FastAPI, database_url: str, settings: Settings
) -> None:
    locker = create_engine(database_url, settings)
    try:
        async with locker.connect() as connection, connection.begin():
            await connection.execute(text("LOCK TABLE agreements IN ACCESS EXCLUSIVE MODE"))
            async with client_of(small_app) as client:
                response = await client.get("/agreements")
    finally:
        await locker.dispose()

    assert response.status_code == 503
    assert response.json()["type"].endswith("/timed-out")
    assert response.json()["title"] == "Database Timed Out"
    assert response.headers["retry-after"] == "5"
    async with client_of(small_app) as client:
        assert (await client.get("/agreements")).status_code == 200  # the lock gone


@pytest.mark.parametrize("error", [OSError("disk full"), TimeoutError("a slow peer")])
async def test_any_other_error_is_a_500_with_the_request_id(
    app: FastAPI, error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    async def fail() -> None:
        raise error

    app.add_api_route("/failing", fail)
    with caplog.at_level(logging.ERROR):
        async with client_of(app) as client:
            response = await client.get("/failing", headers={"X-Request-ID": "a" * 32})

    assert response.status_code == 500
    assert response.json()["type"].endswith("/internal")
    assert response.json()["request_id"] == "a" * 32
    assert "unhandled error on GET /failing" in caplog.text
