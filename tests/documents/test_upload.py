"""POST and DELETE /documents: keys, duplicates, limits, and the cascade of a delete."""

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.keys import create_key, revoke_key
from app.documents.deletion import carry_out_pending
from app.models import Document, TurnoverPeriod, turnover_periods_history

RELEASE = (
    "TASHKENT, July 15 (Example) – Mutual trade turnover between Uzbekistan and Tajikistan "
    "reached $500 million in January-June 2024, up 12% year on year, the Uzbek Ministry "
    "of Investment, Industry and Trade said."
)
UPLOAD = {
    "title": "Uzbek-Tajik trade grows",
    "url": "https://example.org/news/uz-tj-trade",
    "publisher": "Example News Agency",
    "published_on": "2024-07-15",
    "text": RELEASE,
}


@pytest_asyncio.fixture(loop_scope="session")
async def key(session: AsyncSession) -> str:
    return await create_key(session, "curator")


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def test_an_upload_stores_the_document_and_its_cited_facts(
    client: httpx.AsyncClient, key: str
) -> None:
    response = await client.post("/documents", json=UPLOAD, headers=bearer(key))

    assert response.status_code == 201, response.text
    document = response.json()
    assert document["title"] == "Uzbek-Tajik trade grows"
    assert document["text"] == RELEASE
    [figure] = document["facts"]["turnover"]
    assert figure["value_usd"] == 500_000_000
    assert RELEASE[figure["char_start"] : figure["char_end"]] == figure["quote"]
    listed = (await client.get("/turnover", params={"country": "TJK"})).json()["items"]
    assert [(i["period_label"], i["growth_pct"]) for i in listed] == [("January-June 2024", 12)]


async def test_the_same_text_again_returns_the_existing_document(
    client: httpx.AsyncClient, key: str, session: AsyncSession
) -> None:
    first = await client.post("/documents", json=UPLOAD, headers=bearer(key))
    again = await client.post(
        "/documents", json={**UPLOAD, "title": "Another title"}, headers=bearer(key)
    )

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["title"] == "Uzbek-Tajik trade grows"
    count = await session.scalar(
        select(func.count()).select_from(TurnoverPeriod).where(TurnoverPeriod.partner_code == "TJK")
    )
    assert count == 1


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Basic dXNlcjpwdw=="}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": "Bearer ts_not-a-real-key"}, 403),
        ({"Authorization": "Bearer " + "x" * 5000}, 403),
    ],
)
async def test_uploads_need_a_valid_key(
    client: httpx.AsyncClient, headers: dict[str, str], status: int, session: AsyncSession
) -> None:
    before = await session.scalar(select(func.count()).select_from(Document))

    response = await client.post("/documents", json=UPLOAD, headers=headers)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert await session.scalar(select(func.count()).select_from(Document)) == before


async def test_a_revoked_key_is_refused(
    client: httpx.AsyncClient, key: str, session: AsyncSession
) -> None:
    await revoke_key(session, "curator")

    response = await client.post("/documents", json=UPLOAD, headers=bearer(key))

    assert response.status_code == 403


async def test_text_over_one_mebibyte_is_413(client: httpx.AsyncClient, key: str) -> None:
    big = RELEASE + " " + "x" * (1024 * 1024)

    response = await client.post("/documents", json={**UPLOAD, "text": big}, headers=bearer(key))

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("text", ["", "   \n\t "])
async def test_empty_text_is_422(client: httpx.AsyncClient, key: str, text: str) -> None:
    response = await client.post("/documents", json={**UPLOAD, "text": text}, headers=bearer(key))

    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "body.text"


async def test_delete_removes_the_document_and_every_fact_from_it(
    client: httpx.AsyncClient, key: str, session: AsyncSession, app: FastAPI
) -> None:
    [document] = (await client.get("/documents")).json()["items"]
    assert (await client.delete(f"/documents/{document['id']}")).status_code == 401

    response = await client.delete(f"/documents/{document['id']}", headers=bearer(key))

    assert response.status_code == 202
    assert response.headers["location"] == f"/documents/{document['id']}/deletion"
    assert response.json()["state"] == "pending"
    # Until the worker has done it, the document is whole.
    assert (await client.get(f"/documents/{document['id']}")).status_code == 200
    assert await carry_out_pending(app.state.sessionmaker) == [document["id"]]
    status = (await client.get(response.headers["location"])).json()
    assert status["state"] == "done"
    assert status["slug"] == document["slug"]
    assert (await client.get(f"/documents/{document['id']}")).status_code == 404
    for path in ("/turnover", "/targets", "/agreements", "/events", "/signatories"):
        assert (await client.get(path)).json()["items"] == [], path
    # The seed's two figures keep their last versions, for as_of and history.
    kept = await session.scalar(select(func.count()).select_from(turnover_periods_history))
    assert kept == 2
    again = await client.delete(f"/documents/{document['id']}", headers=bearer(key))
    assert again.status_code == 404
