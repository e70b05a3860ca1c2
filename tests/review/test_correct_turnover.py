"""PATCH /turnover/{id}: curators confirm figures, or correct them with a quote's support."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import TurnoverPeriod
from tests.review.facts import TEXT

pytestmark = pytest.mark.usefixtures("extracted_sample")

REVISED = "Customs data published later put the half-year total at $512.4 million."


async def figure_id(session: AsyncSession, flow: str) -> int:
    found = await session.scalar(
        select(TurnoverPeriod.id).where(
            TurnoverPeriod.partner_code == "TJK", TurnoverPeriod.flow == flow
        )
    )
    assert found is not None
    return found


async def patch(
    client: httpx.AsyncClient, figure: int, body: dict[str, Any], headers: dict[str, str]
) -> httpx.Response:
    return await client.patch(f"/turnover/{figure}", json=body, headers=headers)


async def test_a_curator_confirms_a_figure(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    half_year = await figure_id(session, "turnover")
    before = (await client.get(f"/turnover/{half_year}")).json()

    response = await patch(client, half_year, {"review": "reviewed"}, curator)

    assert response.status_code == 200, response.text
    after = response.json()
    assert (before["review"], after["review"]) == ("extracted", "reviewed")
    assert {k: v for k, v in after.items() if k != "review"} == {
        k: v for k, v in before.items() if k != "review"
    }
    reviewed = await client.get("/turnover", params={"country": "TJK", "review": "reviewed"})
    assert [item["id"] for item in reviewed.json()["items"]] == [half_year]


async def test_a_correction_cites_a_new_quote_of_the_document(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    half_year = await figure_id(session, "turnover")

    response = await patch(
        client,
        half_year,
        {"value_usd": 512400000, "value_qualifier": "exact", "quote": REVISED},
        curator,
    )

    assert response.status_code == 200, response.text
    figure = response.json()
    assert (figure["value_usd"], figure["review"]) == (512_400_000, "reviewed")
    source = figure["source"]
    assert TEXT[source["char_start"] : source["char_end"]] == REVISED == source["quote"]


async def test_a_corrected_period_and_pair(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    exports = await figure_id(session, "export")
    body = {
        "reporter": "Tajikistan",
        "partner": "UZB",
        "period_start": "2023-07-01",
        "period_end": "2023-12-31",
        "period_label": "July-December 2023",
    }

    response = await patch(client, exports, body, curator)

    assert response.status_code == 200, response.text
    figure = response.json()
    assert (figure["reporter"], figure["partner"], figure["period_kind"]) == ("TJK", "UZB", "half")


UNSUPPORTED = [
    ({"value_usd": 510000000}, "body.value_usd"),
    ({"value_usd": 512400000, "quote": "put the half-year total at $512 million"}, "body.quote"),
    ({"quote": REVISED}, "body.quote"),
    ({"partner": "China"}, "body.partner"),
    ({"partner": "Atlantis"}, "body.partner"),
    ({"reporter": "TJK"}, "body.partner"),
    (
        {"period_start": "2022-01-01", "period_end": "2022-06-30", "period_label": "H1 2022"},
        "body.period_start",
    ),
    ({"period_start": "2024-01-01"}, "body"),
    ({"value_usd": None}, "body.value_usd"),
    ({}, "body"),
    ({"review": "checked"}, "body.review"),
    ({"flow": "export"}, "body.flow"),
]


@pytest.mark.parametrize(("body", "where"), UNSUPPORTED)
async def test_an_unsupported_correction_is_a_422_and_changes_nothing(
    client: httpx.AsyncClient,
    session: AsyncSession,
    curator: dict[str, str],
    body: dict[str, Any],
    where: str,
) -> None:
    half_year = await figure_id(session, "turnover")
    before = (await client.get(f"/turnover/{half_year}")).json()
    version = await session.scalar(text("SELECT version FROM data_state"))

    response = await patch(client, half_year, body, curator)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalid_params"]] == [where]
    assert (await client.get(f"/turnover/{half_year}")).json() == before
    assert await session.scalar(text("SELECT version FROM data_state")) == version


@pytest.mark.usefixtures("other_sources")
async def test_a_correction_may_not_duplicate_another_figure(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    """The Kyrgyz statistics state 2021 and 2022: the 2021 figure cannot become 2022's."""
    year_2021 = await session.scalar(
        select(TurnoverPeriod.id).where(
            TurnoverPeriod.reporter_code == "KGZ", TurnoverPeriod.period_label == "2021"
        )
    )
    assert year_2021 is not None
    body = {
        "period_start": "2022-01-01",
        "period_end": "2022-12-31",
        "period_label": "2022",
        "value_usd": 1250000000,
        "quote": "In 2022, mutual trade with Kazakhstan reached $1.25 billion",
    }

    response = await patch(client, year_2021, body, curator)

    assert response.status_code == 422
    assert "of the same document already states this" in response.json()["detail"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer ts_not-a-real-key"}, 403)],
)
async def test_corrections_need_a_write_key(
    client: httpx.AsyncClient, session: AsyncSession, headers: dict[str, str], status: int
) -> None:
    half_year = await figure_id(session, "turnover")

    response = await patch(client, half_year, {"review": "reviewed"}, headers)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get(f"/turnover/{half_year}")).json()["review"] == "extracted"


async def test_an_unknown_figure_is_a_404(
    client: httpx.AsyncClient, curator: dict[str, str]
) -> None:
    response = await patch(client, 999_999_999, {"review": "reviewed"}, curator)

    assert response.status_code == 404


async def test_a_correction_moves_the_data_version(
    client: httpx.AsyncClient, session: AsyncSession, curator: dict[str, str]
) -> None:
    """Cached answers and ETags follow the data version: a correction must move it."""
    half_year = await figure_id(session, "turnover")
    version = await session.scalar(text("SELECT version FROM data_state"))

    await patch(client, half_year, {"review": "reviewed"}, curator)

    assert await session.scalar(text("SELECT version FROM data_state")) == version + 1


async def test_patch_on_the_series_path_is_not_a_correction(
    client: httpx.AsyncClient, curator: dict[str, str]
) -> None:
    response = await client.patch("/turnover/series", json={"review": "reviewed"}, headers=curator)

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
