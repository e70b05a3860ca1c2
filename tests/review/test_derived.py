"""A derived figure is reviewed only when every figure it is computed from is."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import TurnoverPeriod

pytestmark = pytest.mark.usefixtures("extracted_sample")


async def derived(client: httpx.AsyncClient, **params: str) -> list[tuple[Any, ...]]:
    response = await client.get("/turnover", params={"basis": "derived", **params})
    assert response.status_code == 200, response.text
    return [
        (item["derivation"]["method"], item["period_label"], item["review"])
        for item in response.json()["items"]
    ]


async def confirm(
    client: httpx.AsyncClient, session: AsyncSession, flow: str, headers: dict[str, str]
) -> None:
    figure = await session.scalar(
        select(TurnoverPeriod.id).where(
            TurnoverPeriod.partner_code == "TJK", TurnoverPeriod.flow == flow
        )
    )
    response = await client.patch(
        f"/turnover/{figure}", json={"review": "reviewed"}, headers=headers
    )
    assert response.status_code == 200, response.text


async def test_a_sum_of_flows_is_reviewed_once_both_flows_are(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    assert await derived(client, country="TJK") == [("sum_of_flows", "2023", "extracted")]

    await confirm(client, session, "export", curator)
    assert await derived(client, country="TJK") == [("sum_of_flows", "2023", "extracted")]

    await confirm(client, session, "import", curator)
    assert await derived(client, country="TJK") == [("sum_of_flows", "2023", "reviewed")]
    assert await derived(client, country="TJK", review="extracted") == []


async def test_a_prior_from_growth_takes_its_inputs_status(client: httpx.AsyncClient) -> None:
    """The curated seed states 2022 and its growth: the derived 2021 is reviewed."""
    found = await derived(client, country="KGZ", review="reviewed")

    assert ("prior_from_growth", "2021", "reviewed") in found
    assert await derived(client, country="KGZ", review="extracted") == []
