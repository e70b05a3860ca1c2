"""JSON pages, CSV pages, full CSV exports and as_of all run the one listing statement: for
the same filters they give the same figures, in the same order, with the same cursors."""

import csv
import io
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from app.http.csv import header, layout, row
from app.turnover.schemas import TurnoverRead

COLUMNS = header(TurnoverRead)
LAYOUT = layout(TurnoverRead)
SORTS = ["period", "-period", "value", "-value"]
REVISED_LABEL = "2022"


@pytest_asyncio.fixture(loop_scope="session")
async def before_revision(connection: AsyncConnection) -> AsyncIterator[str]:
    """An instant before the 2022 figures were revised (in the test's transaction, which
    began after the seed's load): as_of then reads the seed's versions the revision
    replaced, from the history table, and none of the figures the test loads itself."""
    before: datetime = (
        await connection.execute(
            text("SELECT max(valid_from) FROM turnover_periods WHERE valid_from < now()")
        )
    ).scalar_one()
    await connection.execute(
        text(
            "UPDATE turnover_periods SET value_usd = value_usd + 1, amount = amount + 1"
            " WHERE period_label = :label AND flow = 'turnover'"
        ),
        {"label": REVISED_LABEL},
    )
    yield before.isoformat()


async def json_pages(
    client: httpx.AsyncClient, params: dict[str, Any], limit: int
) -> tuple[list[dict[str, Any]], list[str]]:
    """Every item, page after page, and the cursor of each page that has a next."""
    items: list[dict[str, Any]] = []
    cursors: list[str] = []
    query: dict[str, Any] = {**params, "limit": limit}
    while True:
        response = await client.get("/turnover", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        if body["next_cursor"] is None:
            return items, cursors
        cursors.append(body["next_cursor"])
        query["cursor"] = body["next_cursor"]


async def csv_pages(
    client: httpx.AsyncClient, params: dict[str, Any], limit: int
) -> tuple[list[list[str]], list[str]]:
    """Every CSV row, page after page (following Link), and each next page's cursor."""
    rows: list[list[str]] = []
    cursors: list[str] = []
    query: dict[str, Any] = {**params, "limit": limit, "format": "csv"}
    while True:
        response = await client.get("/turnover", params=query)
        assert response.status_code == 200, response.text
        columns, *page = csv.reader(io.StringIO(response.text))
        assert columns == COLUMNS
        rows += page
        link = response.links.get("next")
        if link is None:
            return rows, cursors
        [cursor] = parse_qs(urlsplit(link["url"]).query)["cursor"]
        cursors.append(cursor)
        query["cursor"] = cursor


def csv_row(item: dict[str, Any]) -> list[str]:
    """A JSON item as the CSV rules write it (app.http.csv)."""
    return row(TurnoverRead, item, LAYOUT)


def listings(as_of: str) -> list[dict[str, Any]]:
    return [
        {},
        {"basis": "all"},
        {"basis": "all", "country": "KGZ"},
        {"basis": "derived", "resolve": "latest"},
        {"basis": "all", "year": 2022, "review": "reviewed"},
        {"as_of": as_of},
        {"as_of": as_of, "basis": "all", "country": "KAZ"},
    ]


@pytest.mark.usefixtures("other_sources")
@pytest.mark.parametrize("sort", SORTS)
async def test_csv_pages_and_full_exports_are_the_json_pages(
    client: httpx.AsyncClient, before_revision: str, sort: str
) -> None:
    compared = 0
    for params in listings(before_revision):
        query = {**params, "sort": sort}
        items, json_cursors = await json_pages(client, query, limit=2)
        expected = [csv_row(item) for item in items]

        paged, csv_cursors = await csv_pages(client, query, limit=2)
        full, no_cursors = await csv_pages(client, query, limit=10_000)

        assert paged == expected, query
        assert csv_cursors == json_cursors, query  # a CSV page's Link leads where JSON's does
        assert (full, no_cursors) == (expected, [])
        compared += len(json_cursors)
    assert compared > 5  # the listings above do span several pages


@pytest.mark.usefixtures("other_sources")
async def test_as_of_reads_the_version_current_then(
    client: httpx.AsyncClient, before_revision: str
) -> None:
    def revised(items: list[dict[str, Any]]) -> dict[int, int]:
        return {
            item["id"]: item["value_usd"]
            for item in items
            if item["period_label"] == REVISED_LABEL and item["flow"] == "turnover"
        }

    now, _ = await json_pages(client, {}, limit=100)
    then, _ = await json_pages(client, {"as_of": before_revision}, limit=100)

    assert revised(then)  # the seed's 2022 figure, as it was
    assert revised(then) == {id_: revised(now)[id_] - 1 for id_ in revised(then)}
    assert len(then) < len(now)  # the figures loaded since are not there yet
