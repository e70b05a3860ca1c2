"""POST /documents refuses text that is not Unicode, and dates that are not ISO strings."""

import json
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.keys import create_key
from app.models import Document

UPLOAD = {
    "title": "Trade between two neighbours",
    "published_on": "2024-03-01",
    "text": "Trade turnover between Uzbekistan and Tajikistan reached $321 million in 2023.",
}


@pytest_asyncio.fixture(loop_scope="session")
async def key(session: AsyncSession) -> str:
    return await create_key(session, "input-checker")


async def post_raw(client: httpx.AsyncClient, key: str, body: dict[str, Any]) -> httpx.Response:
    # json.dumps writes a lone surrogate as the escape `\ud800`, as a hostile client would.
    return await client.post(
        "/documents",
        content=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )


async def documents(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Document))).scalar_one())


@pytest.mark.parametrize("field", ["text", "title", "publisher"])
async def test_a_lone_surrogate_is_a_422_naming_the_field(
    client: httpx.AsyncClient, key: str, session: AsyncSession, field: str
) -> None:
    before = await documents(session)
    response = await post_raw(client, key, {**UPLOAD, field: "x \ud800"})

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalid_params"]] == [f"body.{field}"]
    assert await documents(session) == before


@pytest.mark.parametrize(
    "published_on", [0, 1700000000, "0", "2024-03-01T00:00:00", 20240301, True]
)
async def test_a_date_that_is_not_an_iso_string_is_a_422(
    client: httpx.AsyncClient, key: str, session: AsyncSession, published_on: object
) -> None:
    before = await documents(session)
    response = await post_raw(client, key, {**UPLOAD, "published_on": published_on})

    assert response.status_code == 422, response.text
    assert [p["name"] for p in response.json()["invalid_params"]] == ["body.published_on"]
    assert await documents(session) == before


async def test_an_iso_date_is_stored(client: httpx.AsyncClient, key: str) -> None:
    response = await post_raw(client, key, UPLOAD)

    assert response.status_code == 201, response.text
    assert response.json()["published_on"] == "2024-03-01"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
async def test_a_blank_text_is_a_422(client: httpx.AsyncClient, key: str, text: str) -> None:
    response = await post_raw(client, key, {**UPLOAD, "text": text})

    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == ["body.text"]
