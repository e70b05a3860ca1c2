"""HEAD on every GET route of the OpenAPI document: the GET's status and headers, no body."""

from datetime import UTC, datetime
from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from app.db.data_version import Version
from tests.openapi_operations import Operation, operations, required_query, url_with

# Headers that differ from one request to the next whatever the method.
PER_REQUEST = {"date", "x-request-id", "ratelimit-remaining", "ratelimit-reset"}


# Live counters: each request changes the body, so its length too.
LIVE_BODIES = {"/metrics"}


def comparable(headers: httpx.Headers, path: str) -> dict[str, str]:
    varying = PER_REQUEST | ({"content-length"} if path in LIVE_BODIES else set())
    return {name: value for name, value in headers.items() if name not in varying}


@pytest.fixture(autouse=True)
def versioned(app: FastAPI) -> None:
    """A known data version, so that answers carry their ETag and Last-Modified."""
    app.state.data_version = SimpleNamespace(current=Version(7, datetime(2026, 12, 1, tzinfo=UTC)))


@pytest.mark.parametrize("operation", operations("get"), ids=str)
async def test_head_is_get_without_the_body(
    client: httpx.AsyncClient, operation: Operation
) -> None:
    url, params = url_with(operation), required_query(operation)
    headers = {"Accept-Encoding": "identity"}
    got = await client.get(url, params=params, headers=headers)
    head = await client.head(url, params=params, headers=headers)

    assert head.status_code == got.status_code, got.text
    assert head.content == b""
    assert comparable(head.headers, operation.path) == comparable(got.headers, operation.path)
    if "content-length" in got.headers and operation.path not in LIVE_BODIES:
        assert int(head.headers["content-length"]) == got.num_bytes_downloaded


@pytest.mark.parametrize("accept", ["application/json", "text/csv"])
async def test_head_of_a_listing_in_each_format(client: httpx.AsyncClient, accept: str) -> None:
    headers = {"Accept": accept, "Accept-Encoding": "gzip"}
    got = await client.get("/agreements", headers=headers)
    head = await client.head("/agreements", headers=headers)

    assert got.status_code == head.status_code == 200
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["etag"] == got.headers["etag"]
    assert head.content == b""


async def test_head_honours_if_none_match(client: httpx.AsyncClient) -> None:
    etag = (await client.get("/countries/KGZ")).headers["etag"]
    head = await client.head("/countries/KGZ", headers={"If-None-Match": etag})

    assert head.status_code == 304


async def test_a_method_not_allowed_lists_head_beside_get(client: httpx.AsyncClient) -> None:
    response = await client.put("/countries/KGZ")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("path", "asked"),
    [
        ("/turnover/1", {"params": {"format": "csv"}}),
        ("/turnover/1", {"headers": {"Accept": "text/csv"}}),
    ],
)
async def test_csv_of_a_single_resource_is_406_either_way(
    client: httpx.AsyncClient, path: str, asked: dict[str, dict[str, str]]
) -> None:
    response = await client.get(path, **asked)  # type: ignore[arg-type]

    assert response.status_code == 406
    assert response.json()["available"] == ["application/json"]


async def test_format_json_on_a_single_resource_is_json(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover/1", params={"format": "json"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
