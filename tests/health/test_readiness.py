"""/readyz asks the server the pages read and, when reads go elsewhere, the primary too."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from sqlalchemy.engine import make_url

from app.config import Settings
from app.main import create_app
from tests.conftest import client_of

# Nothing listens on port 1 of the loopback interface.
UNREACHABLE = "postgresql://postgres@127.0.0.1:1/postgres"


def same_server_by_another_name(url: str) -> str:
    """The URL of the same database, written differently: a read server of its own."""
    query = {"application_name": "tradestat-reads"}
    return make_url(url).update_query_dict(query).render_as_string(hide_password=False)


@asynccontextmanager
async def client_with(
    settings: Settings, primary: str, read_server: str
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        settings.model_copy(
            update={
                "database_url": primary,
                "database_read_url": read_server,
                "db_connect_timeout_s": 1,
                "response_cache": False,
                "rate_limit": "off",
            }
        )
    )
    async with app.router.lifespan_context(app), client_of(app) as client:
        yield client


@pytest.mark.usefixtures("engine")
async def test_both_servers_answer(database_url: str, settings: Settings) -> None:
    reads = same_server_by_another_name(database_url)
    async with client_with(settings, database_url, reads) as client:
        response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


@pytest.mark.usefixtures("engine")
async def test_a_silent_read_server_is_named(database_url: str, settings: Settings) -> None:
    async with client_with(settings, database_url, UNREACHABLE) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["detail"] == "The read server does not answer."


@pytest.mark.usefixtures("engine")
async def test_a_silent_primary_is_named_and_pages_still_read(
    database_url: str, settings: Settings
) -> None:
    async with client_with(settings, UNREACHABLE, database_url) as client:
        ready = await client.get("/readyz")
        page = await client.get("/countries/KGZ")

    assert ready.status_code == 503
    assert ready.json()["detail"] == "The primary does not answer."
    assert page.status_code == 200


async def test_two_silent_servers_are_both_named(settings: Settings) -> None:
    async with client_with(settings, UNREACHABLE, "postgresql://postgres@127.0.0.1:2/x") as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["detail"] == "The read server and the primary do not answer."
