"""An agreement drafted from a release that speaks of "the sides" is found by country."""

import httpx
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.keys import create_key

RELEASE = (
    "DUSHANBE, May 4 (Example) – Uzbekistan and Tajikistan held talks on trade. "
    "The sides signed 15 commercial agreements worth $700 million."
)


@pytest_asyncio.fixture(loop_scope="session")
async def key(session: AsyncSession) -> str:
    return await create_key(session, "curator")


async def test_an_agreement_of_the_sides_is_listed_under_both_countries(
    client: httpx.AsyncClient, key: str
) -> None:
    upload = {"title": "Uzbek-Tajik talks", "published_on": "2025-05-04", "text": RELEASE}
    response = await client.post(
        "/documents", json=upload, headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 201, response.text

    for country in ("UZB", "TJK"):
        listed = (await client.get("/agreements", params={"country": country})).json()
        found = [(a["document_count"], a["value_usd"]) for a in listed["items"]]
        assert found == [(15, 700_000_000)], country
