"""Derived figures, periods, sorting, sources in conflict and comparisons on GET /turnover."""

from typing import Any

import httpx
import pytest


async def listing(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/turnover", params=params)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def labels(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(i["period_label"], i["basis"]) for i in items]


async def test_derived_figures_are_the_same_periods_a_year_earlier(
    client: httpx.AsyncClient,
) -> None:
    items = await listing(client, basis="derived")

    assert labels(items) == [("2021", "derived"), ("January-July 2022", "derived")]
    full_year, partial = items
    assert full_year["id"] is None
    assert (full_year["period_start"], full_year["period_end"]) == ("2021-01-01", "2021-12-31")
    assert full_year["value_usd"] == 1_092_436_975
    assert full_year["value_qualifier"] == "approximate"
    assert (full_year["value_low_usd"], full_year["value_high_usd"]) == (
        1_050_420_168,
        1_144_067_797,
    )
    assert full_year["derivation"]["method"] == "prior_from_growth"
    assert full_year["derivation"]["formula"] == "1300000000 / (1 + 19 / 100)"
    assert partial["period_end"] == "2022-07-31"
    assert partial["value_usd"] == 669_911_504
    assert partial["value_qualifier"] == "exact"
    assert partial["period_kind"] == "months"
    assert partial["source"]["quote"] == (
        "In January-July, trade turnover increased by 13% to $757 million."
    )


async def test_derived_points_cite_their_input(client: httpx.AsyncClient) -> None:
    [reported] = await listing(client, year=2022)
    [derived] = await listing(client, year=2021, basis="derived")

    assert derived["derivation"]["input_ids"] == [reported["id"]]


async def test_reported_bounds(client: httpx.AsyncClient) -> None:
    [item] = await listing(client, year=2022)

    assert (item["value_low_usd"], item["value_high_usd"]) == (1_250_000_000, 1_350_000_000)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"basis": "all"}, ["2021", "January-July 2022", "2022", "January-July 2023"]),
        ({"basis": "all", "period": "annual"}, ["2021", "2022"]),
        ({"basis": "all", "period": "partial"}, ["January-July 2022", "January-July 2023"]),
        (
            {"basis": "all", "sort": "-period"},
            ["January-July 2023", "2022", "January-July 2022", "2021"],
        ),
        (
            {"basis": "all", "sort": "value"},
            ["January-July 2022", "January-July 2023", "2021", "2022"],
        ),
        (
            {"basis": "all", "sort": "-value"},
            ["2022", "2021", "January-July 2023", "January-July 2022"],
        ),
        ({"basis": "all", "from": "2022"}, ["January-July 2022", "2022", "January-July 2023"]),
        ({"basis": "all", "to": "2022"}, ["2021", "January-July 2022", "2022"]),
        ({"basis": "all", "from": "2022-01-01", "to": "2022-12-31"}, ["January-July 2022", "2022"]),
        ({"basis": "all", "year": 2021}, ["2021"]),
    ],
)
async def test_periods_ranges_and_sorting(
    client: httpx.AsyncClient, params: dict[str, Any], expected: list[str]
) -> None:
    assert [i["period_label"] for i in await listing(client, **params)] == expected


@pytest.mark.parametrize("sort", ["period", "-period", "value", "-value"])
async def test_every_sort_pages_without_gaps_or_repeats(
    client: httpx.AsyncClient, sort: str
) -> None:
    whole = await listing(client, basis="all", sort=sort)
    walked: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"basis": "all", "sort": sort, "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/turnover", params=params)).json()
        walked += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert walked == whole


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"from": "20x2"}, "query.from"),
        ({"to": "2022-13-01"}, "query.to"),
        ({"basis": "guessed"}, "query.basis"),
        ({"sort": "name"}, "query.sort"),
        ({"as_of": "2024-01-01T00:00:00"}, "query.as_of"),
    ],
)
async def test_bad_analytics_parameters(
    client: httpx.AsyncClient, params: dict[str, Any], name: str
) -> None:
    response = await client.get("/turnover", params=params)

    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == [name]


@pytest.mark.usefixtures("other_sources")
async def test_a_reported_figure_wins_over_the_derived_one(client: httpx.AsyncClient) -> None:
    items = await listing(client, basis="all", year=2021)

    assert labels(items) == [("2021", "reported")]
    assert items[0]["value_usd"] == 1_020_000_000
    assert items[0]["reporter"] == "KGZ"


@pytest.mark.usefixtures("other_sources")
async def test_conflicting_sources_are_all_listed_or_resolved_to_the_latest(
    client: httpx.AsyncClient,
) -> None:
    everything = await listing(client, year=2022)
    latest = await listing(client, year=2022, resolve="latest")

    assert sorted((i["reporter"], i["value_usd"]) for i in everything) == [
        ("KAZ", 1_280_000_000),
        ("KAZ", 1_300_000_000),
        ("KGZ", 1_250_000_000),
    ]
    # Per reporter: Kazakhstan's 2024 revision replaces its undated first estimate.
    assert sorted((i["reporter"], i["value_usd"]) for i in latest) == [
        ("KAZ", 1_280_000_000),
        ("KGZ", 1_250_000_000),
    ]


@pytest.mark.usefixtures("other_sources")
async def test_a_figure_lists_the_other_sources_for_its_period(
    client: httpx.AsyncClient,
) -> None:
    [seed] = [i for i in await listing(client, year=2022) if i["value_usd"] == 1_300_000_000]

    detail = (await client.get(f"/turnover/{seed['id']}")).json()

    others = sorted((a["value_usd"], a["difference_pct"]) for a in detail["alternatives"])
    assert others == [(1_250_000_000, -3.85), (1_280_000_000, -1.54)]
    assert {a["document_title"] for a in detail["alternatives"]} == {
        "Kyrgyz statistics committee reports trade with Kazakhstan for 2021 and 2022",
        "Kazakh trade ministry revises 2022 trade with Kyrgyzstan",
    }


async def test_compare_puts_the_derived_prior_beside_the_stated_growth(
    client: httpx.AsyncClient,
) -> None:
    items = await listing(client, compare="prior_same_period")

    partial = next(i for i in items if i["period_label"] == "January-July 2023")
    comparison = partial["comparison"]
    assert comparison["prior"]["period_label"] == "January-July 2022"
    assert comparison["prior"]["basis"] == "derived"
    assert comparison["computed_growth_pct"] == 13.0
    assert comparison["stated_growth_pct"] == 13
    assert comparison["growth_mismatch"] is False


@pytest.mark.usefixtures("other_sources")
async def test_compare_flags_a_stated_growth_the_figures_do_not_support(
    client: httpx.AsyncClient,
) -> None:
    items = await listing(client, year=2022, compare="prior_same_period")

    seed = next(i for i in items if i["value_usd"] == 1_300_000_000)
    comparison = seed["comparison"]
    assert comparison["prior"]["basis"] == "reported"
    assert comparison["prior"]["value_usd"] == 1_020_000_000
    assert comparison["computed_growth_pct"] == 27.5
    assert comparison["stated_growth_pct"] == 19
    assert comparison["growth_mismatch"] is True


async def test_without_compare_there_is_no_comparison(client: httpx.AsyncClient) -> None:
    [item] = await listing(client, year=2022)

    assert item["comparison"] is None
