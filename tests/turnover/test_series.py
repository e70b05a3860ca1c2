"""GET /turnover/series: what a dashboard draws for a pair."""

from typing import Any

import httpx
import pytest


async def series(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get("/turnover/series", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("countries", ["KAZ,KGZ", "KGZ,KAZ", "kyrgyzstan, KZ", "Kazakh,Kyrgyz"])
async def test_the_pair_in_any_order_and_any_name(
    client: httpx.AsyncClient, countries: str
) -> None:
    body = await series(client, countries=countries)

    assert body["countries"] == ["KAZ", "KGZ"]
    assert body["flow"] == "turnover"
    assert [(p["period_label"], p["basis"], p["period_kind"]) for p in body["points"]] == [
        ("2021", "derived", "year"),
        ("January-July 2022", "derived", "months"),
        ("2022", "reported", "year"),
        ("January-July 2023", "reported", "months"),
    ]


async def test_points_carry_values_bounds_and_sources(client: httpx.AsyncClient) -> None:
    points = (await series(client, countries="KAZ,KGZ"))["points"]

    by_label = {p["period_label"]: p for p in points}
    assert by_label["2021"]["value_usd"] == 1_092_436_975
    assert by_label["January-July 2022"]["value_usd"] == 669_911_504
    assert by_label["2022"]["value_usd"] == 1_300_000_000
    assert by_label["January-July 2023"]["value_usd"] == 757_000_000
    assert all(p["source"]["quote"] for p in points)


async def test_target_progress_and_latest_period(client: httpx.AsyncClient) -> None:
    body = await series(client, countries="KAZ,KGZ")

    [target] = body["targets"]
    assert target["value_usd"] == 2_000_000_000
    assert target["latest_annual_period"] == "2022"
    assert target["latest_annual_value_usd"] == 1_300_000_000
    assert target["progress"] == 0.65
    assert body["latest_period"]["period_label"] == "January-July 2023"
    assert body["latest_period"]["period_kind"] == "months"


@pytest.mark.parametrize(
    ("period", "labels"),
    [("annual", ["2021", "2022"]), ("partial", ["January-July 2022", "January-July 2023"])],
)
async def test_annual_or_partial_only(
    client: httpx.AsyncClient, period: str, labels: list[str]
) -> None:
    points = (await series(client, countries="KAZ,KGZ", period=period))["points"]

    assert [p["period_label"] for p in points] == labels


async def test_a_pair_without_figures_is_empty(client: httpx.AsyncClient) -> None:
    body = await series(client, countries="UZB,TJK")

    assert body["points"] == []
    assert body["targets"] == []
    assert body["latest_period"] is None


async def test_exports_are_a_separate_series(client: httpx.AsyncClient) -> None:
    body = await series(client, countries="KAZ,KGZ", flow="export")

    assert body["points"] == []
    assert body["targets"] == []


@pytest.mark.parametrize("countries", ["KAZ", "KAZ,KAZ", "KAZ,KGZ,UZB", "KAZ,atlantis", ""])
async def test_two_different_known_countries_are_required(
    client: httpx.AsyncClient, countries: str
) -> None:
    response = await client.get("/turnover/series", params={"countries": countries})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
