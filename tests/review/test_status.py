"""Where a fact's review status comes from, and how listings, the series and CSV show it."""

import csv
import io
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.keys import create_key
from app.models import Agreement, Target, TurnoverPeriod

pytestmark = pytest.mark.usefixtures("extracted_sample")

LISTINGS = ("/turnover", "/targets", "/agreements")


async def items(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["items"]
    return found


async def test_curated_files_load_reviewed_and_drafts_extracted(session: AsyncSession) -> None:
    for model in (TurnoverPeriod, Target, Agreement):
        rows = (await session.execute(select(model.document_id, model.review))).all()
        statuses = {review for _, review in rows}
        assert statuses == {"reviewed", "extracted"}, model
    seeded = await session.scalars(
        select(TurnoverPeriod.review).where(TurnoverPeriod.document_id == 1)
    )
    assert set(seeded) == {"reviewed"}


@pytest.mark.parametrize("path", LISTINGS)
async def test_listings_filter_on_review(client: httpx.AsyncClient, path: str) -> None:
    everything = await items(client, path)
    reviewed = await items(client, path, review="reviewed")
    extracted = await items(client, path, review="extracted")

    assert {item["review"] for item in reviewed} == {"reviewed"}
    assert {item["review"] for item in extracted} == {"extracted"}
    assert sorted(i["id"] for i in reviewed + extracted) == sorted(i["id"] for i in everything)
    assert {item["source"]["document_id"] for item in extracted} != {1}
    assert await items(client, path, review="all") == everything


@pytest.mark.parametrize(
    ("path", "params"),
    [*((path, {}) for path in LISTINGS), ("/turnover/series", {"countries": "UZB,TJK"})],
)
async def test_an_unknown_review_value_is_a_422_problem(
    client: httpx.AsyncClient, path: str, params: dict[str, str]
) -> None:
    response = await client.get(path, params={**params, "review": "checked"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalid_params"]] == ["query.review"]


async def test_the_series_filters_points_and_targets(client: httpx.AsyncClient) -> None:
    def series(review: str) -> Any:
        return client.get("/turnover/series", params={"countries": "UZB,TJK", "review": review})

    extracted = (await series("extracted")).json()
    reviewed = (await series("reviewed")).json()

    assert [p["period_label"] for p in extracted["points"]] == ["2023", "January-June 2024"]
    assert {p["review"] for p in extracted["points"]} == {"extracted"}
    assert [t["review"] for t in extracted["targets"]] == ["extracted"]
    assert reviewed["points"] == []
    assert reviewed["targets"] == []


async def test_csv_has_a_review_column(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover", params={"format": "csv", "country": "TJK"})

    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(row["flow"], row["period_label"], row["review"]) for row in rows] == [
        ("export", "2023", "extracted"),
        ("import", "2023", "extracted"),
        ("turnover", "January-June 2024", "extracted"),
    ]
    everything = await client.get("/turnover", params={"format": "csv", "review": "reviewed"})
    assert {row["review"] for row in csv.DictReader(io.StringIO(everything.text))} == {"reviewed"}


async def test_an_uploaded_release_is_extracted(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    key = await create_key(session, "uploader")
    text = (
        "Trade between Kazakhstan and Turkmenistan reached $640 million in 2023, "
        "the Kazakh trade ministry said."
    )
    response = await client.post(
        "/documents",
        json={"title": "Kazakh-Turkmen trade", "text": text},
        headers={"Authorization": f"Bearer {key}"},
    )

    assert response.status_code == 201, response.text
    listed = await items(client, "/turnover", country="TKM")
    assert [(i["value_usd"], i["review"]) for i in listed] == [(640_000_000, "extracted")]
