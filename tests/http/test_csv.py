"""CSV says exactly what the JSON says, on every listing, by `Accept` or by `?format=csv`."""

import csv
import io
import json
from typing import Any

import httpx
import pytest

LISTINGS = [
    "/turnover",
    "/targets",
    "/countries?has_data=true",
    "/agreements",
    "/signatories",
    "/people",
    "/events",
    "/documents",
]


def text(value: Any) -> str:
    """The documented rule, written again: null empty, lists as JSON, JSON spellings."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def value_at(item: dict[str, Any], column: str) -> Any:
    """The JSON value a column holds: `source_quote` is item["source"]["quote"]."""
    if column in item:
        return item[column]
    for name, value in item.items():
        if column.startswith(name + "_") and (value is None or isinstance(value, dict)):
            return None if value is None else value_at(value, column[len(name) + 1 :])
    raise KeyError(column)


def leaves(item: dict[str, Any], prefix: str = "") -> set[str]:
    found: set[str] = set()
    for name, value in item.items():
        if isinstance(value, dict):
            found |= leaves(value, f"{prefix}{name}_")
        elif value is not None:
            found.add(prefix + name)
    return found


def flatten(item: dict[str, Any], columns: list[str]) -> dict[str, str]:
    assert leaves(item) <= set(columns)  # every non-null JSON value has its column
    return {column: text(value_at(item, column)) for column in columns}


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("path", LISTINGS)
async def test_csv_matches_the_json_field_by_field(client: httpx.AsyncClient, path: str) -> None:
    items = (await client.get(path)).json()["items"]
    response = await client.get(path, headers={"Accept": "text/csv"})

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "accept" in response.headers["vary"].lower()
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    rows = parse(response.text)
    assert items, path
    assert len(rows) == len(items)
    for row, item in zip(rows, items, strict=True):
        assert row == flatten(item, list(row))


async def test_format_parameter_gives_the_same_csv_as_accept(client: httpx.AsyncClient) -> None:
    by_accept = await client.get("/turnover", headers={"Accept": "text/csv"})
    by_format = await client.get("/turnover", params={"format": "csv"})

    assert by_format.text == by_accept.text


async def test_rfc_4180_header_quoting_and_line_ends(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover", params={"format": "csv", "year": 2022})
    text = response.text

    header, first, end = text.split("\r\n")
    assert end == ""
    assert header.startswith("id,reporter,partner,flow,period_start,period_end,")
    assert header.endswith(",source_document_id,source_quote,source_char_start,source_char_end")
    # The quote holds a comma, so it is quoted; the JSON list of a target is quoted too.
    assert '"In 2022, trade volume increased by nearly 19%, reaching $1.3 billion."' in first
    targets = await client.get("/targets", params={"format": "csv"})
    assert '"[""KAZ"",""KGZ""]"' in targets.text


@pytest.mark.parametrize(
    ("path", "params", "filename"),
    [
        ("/turnover", {"year": 2022}, "turnover-2022.csv"),
        ("/turnover", {"country": "KGZ", "year": 2023, "limit": 5}, "turnover-kgz-2023.csv"),
        ("/countries", {"has_data": "true"}, "countries-has_data-true.csv"),
        ("/people", {"q": "Japarov / Жапаров"}, "people-japarov.csv"),
        ("/documents", {}, "documents.csv"),
    ],
)
async def test_file_names_follow_path_and_filters(
    client: httpx.AsyncClient, path: str, params: dict[str, str | int], filename: str
) -> None:
    response = await client.get(path, params={**params, "format": "csv"})

    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'


async def test_csv_pages_carry_the_next_link(client: httpx.AsyncClient) -> None:
    first = await client.get("/turnover", params={"format": "csv", "limit": 1, "country": "KZ"})
    link = first.headers["link"]

    assert link.startswith("<http://testserver/turnover?")
    assert link.endswith('>; rel="next"')
    url = httpx.URL(link[1 : link.index(">")])
    assert {k: url.params[k] for k in ("format", "limit", "country")} == {
        "format": "csv",
        "limit": "1",
        "country": "KZ",
    }
    second = await client.get(url)
    assert "link" not in second.headers
    labels = [row["period_label"] for row in parse(first.text) + parse(second.text)]
    assert labels == ["2022", "January-July 2023"]


async def test_csv_may_ask_for_more_than_a_json_page(client: httpx.AsyncClient) -> None:
    csv_page = await client.get("/countries", params={"format": "csv", "limit": 5000})
    json_page = await client.get("/countries", params={"limit": 5000})

    assert csv_page.status_code == 200
    assert len(parse(csv_page.text)) == 249
    assert json_page.status_code == 422
    assert [p["name"] for p in json_page.json()["invalid_params"]] == ["query.limit"]


async def test_an_empty_listing_is_a_header_alone(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover", params={"format": "csv", "year": 1999})

    assert response.text.count("\r\n") == 1
    assert parse(response.text) == []


async def test_an_unknown_format_is_a_422_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover", params={"format": "xml"})

    assert response.status_code == 422
    assert [p["name"] for p in response.json()["invalid_params"]] == ["query.format"]
