import httpx
import pytest


async def test_year_2022_returns_the_cited_full_year_figure(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover", params={"year": 2022})

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    [item] = body["items"]
    assert item["reporter"] == "KAZ"
    assert item["partner"] == "KGZ"
    assert item["flow"] == "turnover"
    assert (item["period_start"], item["period_end"]) == ("2022-01-01", "2022-12-31")
    assert item["value_usd"] == 1_300_000_000
    assert item["value_qualifier"] == "approximate"
    assert item["growth_pct"] == 19
    assert item["growth_qualifier"] == "at_most"
    quote = "In 2022, trade volume increased by nearly 19%, reaching $1.3 billion."
    assert item["source"]["quote"] == quote
    assert item["source"]["char_end"] - item["source"]["char_start"] == len(quote)


async def test_year_2023_returns_the_inferred_january_july_figure(
    client: httpx.AsyncClient,
) -> None:
    [item] = (await client.get("/turnover", params={"year": 2023})).json()["items"]

    assert item["period_label"] == "January-July 2023"
    assert (item["period_start"], item["period_end"]) == ("2023-01-01", "2023-07-31")
    assert item["period_inferred"] is True
    assert item["value_usd"] == 757_000_000
    assert item["value_qualifier"] == "exact"
    assert (item["growth_pct"], item["growth_qualifier"]) == (13, "exact")


@pytest.mark.parametrize(
    ("params", "periods"),
    [
        ({}, ["2022", "January-July 2023"]),
        ({"country": "kgz"}, ["2022", "January-July 2023"]),
        ({"country": "Kazakh"}, ["2022", "January-July 2023"]),
        ({"reporter": "KZ"}, ["2022", "January-July 2023"]),
        ({"reporter": "KGZ"}, []),
        ({"partner": "Kyrgyz Republic"}, ["2022", "January-July 2023"]),
        ({"partner": "KAZ"}, []),
        ({"flow": "turnover"}, ["2022", "January-July 2023"]),
        ({"flow": "export"}, []),
        ({"year": 2021}, []),
        ({"country": "FRA"}, []),
    ],
)
async def test_filters(
    client: httpx.AsyncClient, params: dict[str, str | int], periods: list[str]
) -> None:
    response = await client.get("/turnover", params=params)

    assert response.status_code == 200
    assert [item["period_label"] for item in response.json()["items"]] == periods


async def test_pages_follow_the_cursor_without_gaps(client: httpx.AsyncClient) -> None:
    first = (await client.get("/turnover", params={"limit": 1})).json()
    second = (
        await client.get("/turnover", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()

    assert [i["period_label"] for i in first["items"] + second["items"]] == [
        "2022",
        "January-July 2023",
    ]
    assert second["next_cursor"] is None


async def test_one_figure_by_id(client: httpx.AsyncClient) -> None:
    [listed] = (await client.get("/turnover", params={"year": 2022})).json()["items"]

    response = await client.get(f"/turnover/{listed['id']}")

    assert response.status_code == 200
    detail = response.json()
    assert detail.pop("alternatives") == []
    assert listed.pop("comparison") is None
    assert detail == listed


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"country": "atlantis"}, "query.country"),
        ({"reporter": "XX"}, "query.reporter"),
        ({"year": 1899}, "query.year"),
        ({"year": "twenty"}, "query.year"),
        ({"limit": 0}, "query.limit"),
        ({"limit": 1001}, "query.limit"),
        ({"flow": "barter"}, "query.flow"),
    ],
)
async def test_bad_parameters_are_422_problems_naming_them(
    client: httpx.AsyncClient, params: dict[str, str | int], bad: str
) -> None:
    response = await client.get("/turnover", params=params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert [p["name"] for p in problem["invalid_params"]] == [bad]


@pytest.mark.parametrize("cursor", ["not-base64!", "WzFd", "eyJhIjoxfQ", "WyJ4IiwxXQ"])
async def test_a_tampered_cursor_is_a_400_problem(client: httpx.AsyncClient, cursor: str) -> None:
    response = await client.get("/turnover", params={"cursor": cursor})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_unknown_figure_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover/987654")

    assert response.status_code == 404
    assert response.json()["detail"] == "No turnover figure matches '987654'."
