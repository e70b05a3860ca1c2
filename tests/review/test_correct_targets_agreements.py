"""PATCH /targets/{id} and /agreements/{id}: the same rules as for figures."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Agreement, Target

pytestmark = pytest.mark.usefixtures("extracted_sample")


async def sample_id(session: AsyncSession, model: type[Target | Agreement]) -> int:
    found = await session.scalar(select(model.id).where(model.review == "extracted"))
    assert found is not None
    return found


async def test_a_curator_confirms_and_corrects_a_target(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    target = await sample_id(session, Target)

    confirmed = await client.patch(
        f"/targets/{target}", json={"review": "reviewed"}, headers=curator
    )
    corrected = await client.patch(
        f"/targets/{target}",
        json={"value_qualifier": "at_least", "countries": ["Tajikistan", "Uzbekistan"]},
        headers=curator,
    )

    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["review"] == "reviewed"
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["value_qualifier"] == "at_least"
    assert corrected.json()["countries"] == ["TJK", "UZB"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"value_usd": 3000000000}, "body.value_usd"),
        ({"target_year": 2035}, "body.target_year"),
        ({"countries": ["UZB", "China"]}, "body.countries"),
        ({"countries": ["UZB", "Uzbekistan"]}, "body.countries"),
        ({"quote": "aim to raise trade"}, "body.quote"),
    ],
)
async def test_an_unsupported_target_correction_is_a_422(
    client: httpx.AsyncClient,
    session: AsyncSession,
    curator: dict[str, str],
    body: dict[str, Any],
    where: str,
) -> None:
    target = await sample_id(session, Target)
    before = (await client.get(f"/targets/{target}")).json()

    response = await client.patch(f"/targets/{target}", json=body, headers=curator)

    assert response.status_code == 422, response.text
    assert [p["name"] for p in response.json()["invalid_params"]] == [where]
    assert (await client.get(f"/targets/{target}")).json() == before


async def test_a_curator_corrects_an_agreements_parties_and_count(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    agreement = await sample_id(session, Agreement)

    response = await client.patch(
        f"/agreements/{agreement}",
        json={"parties": ["UZB", "TJK", "Turkmenistan"], "document_count": 12},
        headers=curator,
    )

    assert response.status_code == 200, response.text
    corrected = response.json()
    assert corrected["review"] == "reviewed"
    assert sorted(party["country"] for party in corrected["parties"]) == ["TJK", "TKM", "UZB"]
    listed = await client.get("/agreements", params={"country": "TKM", "review": "reviewed"})
    assert [item["id"] for item in listed.json()["items"]] == [agreement]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"document_count": 15}, "body.document_count"),
        ({"value_usd": 160000000}, "body.value_usd"),
        ({"parties": ["UZB", "Kazakhstan"]}, "body.parties"),
        ({"title": "Something else"}, "body.title"),
    ],
)
async def test_an_unsupported_agreement_correction_is_a_422(
    client: httpx.AsyncClient,
    session: AsyncSession,
    curator: dict[str, str],
    body: dict[str, Any],
    where: str,
) -> None:
    agreement = await sample_id(session, Agreement)
    before = (await client.get(f"/agreements/{agreement}")).json()

    response = await client.patch(f"/agreements/{agreement}", json=body, headers=curator)

    assert response.status_code == 422, response.text
    assert [p["name"] for p in response.json()["invalid_params"]] == [where]
    assert (await client.get(f"/agreements/{agreement}")).json() == before


@pytest.mark.parametrize("path", ["/targets/1", "/agreements/1"])
async def test_corrections_need_a_key(client: httpx.AsyncClient, path: str) -> None:
    response = await client.patch(path, json={"review": "reviewed"})

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
