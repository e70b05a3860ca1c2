"""`Accept` chooses between what a route serves; nothing acceptable is a 406 problem."""

import httpx
import pytest

from app.http.negotiation import CSV, JSON, best_match

BOTH = (JSON, CSV)


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        ("text/*", CSV),
        ("text/csv", CSV),
        ("TEXT/CSV; charset=utf-8", CSV),
        ("application/json", JSON),
        ("application/problem+json", JSON),
        ("text/csv;q=0.5, application/json", JSON),
        ("text/csv, application/json;q=0.9", CSV),
        ("application/json;q=0, */*", CSV),
        ("text/*;q=0.3, text/csv;q=0.8, application/json;q=0.5", CSV),
        ("text/*, text/csv;q=0", None),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON),
        ("application/xml", None),
        ("*/*;q=0", None),
        ("nonsense", JSON),
    ],
)
def test_best_match(accept: str | None, chosen: str | None) -> None:
    assert best_match(accept, BOTH) == chosen


@pytest.mark.parametrize(
    ("path", "accept", "available"),
    [
        ("/turnover", "application/xml", ["application/json", "text/csv"]),
        ("/turnover", "text/html", ["application/json", "text/csv"]),
        ("/turnover/1", "text/csv", ["application/json"]),
        ("/countries/KGZ", "text/*", ["application/json"]),
        ("/healthz", "image/png", ["application/json"]),
    ],
)
async def test_an_unservable_accept_is_a_406_problem_listing_what_can_be_served(
    client: httpx.AsyncClient, path: str, accept: str, available: list[str]
) -> None:
    response = await client.get(path, headers={"Accept": accept})

    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["cache-control"] == "no-store"
    problem = response.json()
    assert problem["status"] == 406
    assert problem["available"] == available
    assert all(media_type in problem["detail"] for media_type in available)


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        ("application/problem+json", "application/json"),
        ("text/*", "text/csv; charset=utf-8"),
        ("text/csv;q=0.4, application/json;q=0.6", "application/json"),
        ("application/json;q=0.4, text/csv;q=0.6", "text/csv; charset=utf-8"),
    ],
)
async def test_listings_follow_accept(
    client: httpx.AsyncClient, accept: str, content_type: str
) -> None:
    response = await client.get("/turnover", headers={"Accept": accept})

    assert response.status_code == 200
    assert response.headers["content-type"] == content_type


async def test_format_parameter_wins_over_accept(client: httpx.AsyncClient) -> None:
    as_csv = await client.get("/turnover?format=csv", headers={"Accept": "application/xml"})
    as_json = await client.get("/turnover?format=json", headers={"Accept": "text/csv"})

    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_json.headers["content-type"] == "application/json"


async def test_the_contract_declares_formats_and_406(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    for path in ("/turnover", "/targets", "/countries", "/agreements", "/signatories"):
        operation = spec["paths"][path]["get"]
        names = [p["name"] for p in operation["parameters"] if p["in"] == "query"]
        assert "format" in names, path
        assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
        assert "application/problem+json" in operation["responses"]["406"]["content"]
    single = spec["paths"]["/turnover/{figure_id}"]["get"]
    assert "format" not in [p["name"] for p in single.get("parameters", [])]
    assert set(single["responses"]["200"]["content"]) == {"application/json"}
