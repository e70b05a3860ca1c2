"""ETag, Last-Modified and Cache-Control follow the data version; conditional GETs give 304."""

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.db.data_version import Version
from app.db.engine import get_session
from app.http.caching import http_date
from tests.http.conftest import ClientFor

CHANGED_AT = datetime(2026, 11, 28, 18, 0, 5, 250_000, tzinfo=UTC)
DEFAULT_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600"


class Tracker:
    """Stands in for DataVersion: the version is whatever the test says."""

    def __init__(self, *versions: Version | None) -> None:
        self.versions: Iterator[Version | None] = iter(versions)
        self.last: Version | None = None

    @property
    def current(self) -> Version | None:
        self.last = next(self.versions, self.last)
        return self.last


@pytest.fixture
def versioned(app: FastAPI) -> FastAPI:
    app.state.data_version = Tracker(Version(7, CHANGED_AT))
    return app


async def test_unknown_version_means_no_store_and_no_validators(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/turnover")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    assert "last-modified" not in response.headers


async def test_a_known_version_gives_a_strong_etag_and_last_modified(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    response = await client.get("/turnover", params={"year": 2022})

    etag = response.headers["etag"]
    assert etag.startswith('"7-')
    assert etag.endswith('"')
    assert response.headers["last-modified"] == "Sat, 28 Nov 2026 18:00:05 GMT"
    assert response.headers["cache-control"] == DEFAULT_CACHE_CONTROL
    vary = {v.strip().lower() for v in response.headers["vary"].split(",")}
    assert {"accept", "accept-encoding"} <= vary


async def test_if_none_match_is_304_without_running_the_handler(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    first = await client.get("/turnover", params={"year": 2022})

    async def no_database() -> AsyncIterator[None]:
        raise AssertionError("a 304 must not need the database")
        yield  # pragma: no cover

    versioned.dependency_overrides[get_session] = no_database
    again = await client.get(
        "/turnover", params={"year": 2022}, headers={"If-None-Match": first.headers["etag"]}
    )

    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == DEFAULT_CACHE_CONTROL
    assert again.headers["last-modified"] == first.headers["last-modified"]
    assert "content-type" not in again.headers


async def test_if_none_match_lists_and_weak_forms_match(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    etag = (await client.get("/countries/KGZ")).headers["etag"]

    for header in (f'"other", {etag}', f"W/{etag}"):
        response = await client.get("/countries/KGZ", headers={"If-None-Match": header})
        assert response.status_code == 304, header
    stale = await client.get("/countries/KGZ", headers={"If-None-Match": '"7-stale"'})
    assert stale.status_code == 200


async def etag_of(client: httpx.AsyncClient, url: str, **headers: str) -> str:
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.headers["etag"]


async def test_the_etag_names_one_representation(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    base = await etag_of(client, "/turnover?year=2022&flow=turnover")

    assert await etag_of(client, "/turnover?flow=turnover&year=2022") == base
    assert await etag_of(client, "/turnover?year=2023&flow=turnover") != base
    assert await etag_of(client, "/turnover?year=2022&flow=turnover&format=csv") != base
    assert await etag_of(client, "/turnover?year=2022&flow=turnover", accept="text/csv") != base
    assert await etag_of(client, "/turnover?year=2022&flow=turnover", accept="*/*") == base
    encoded = await etag_of(
        client, "/turnover?year=2022&flow=turnover", **{"accept-encoding": "gzip"}
    )
    assert encoded != base

    versioned.state.data_version = Tracker(Version(8, CHANGED_AT + timedelta(seconds=1)))
    assert await etag_of(client, "/turnover?year=2022&flow=turnover") != base


@pytest.mark.parametrize(
    ("since", "status"),
    [
        (CHANGED_AT, 304),  # the same second
        (CHANGED_AT + timedelta(days=1), 304),
        (CHANGED_AT - timedelta(seconds=1), 200),
    ],
)
async def test_if_modified_since(
    versioned: FastAPI, client: httpx.AsyncClient, since: datetime, status: int
) -> None:
    response = await client.get("/turnover", headers={"If-Modified-Since": http_date(since)})

    assert response.status_code == status
    if status == 304:
        assert response.content == b""
        assert response.headers["etag"]


async def test_if_none_match_outranks_if_modified_since(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    later = http_date(CHANGED_AT + timedelta(days=1))
    response = await client.get(
        "/turnover", headers={"If-None-Match": '"7-old"', "If-Modified-Since": later}
    )

    assert response.status_code == 200


async def test_if_modified_since_never_hides_an_error(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    later = http_date(CHANGED_AT + timedelta(days=1))
    response = await client.get("/turnover/987654", headers={"If-Modified-Since": later})

    assert response.status_code == 404


async def test_if_none_match_star_matches_an_existing_resource(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    found = await client.get("/countries/KGZ", headers={"If-None-Match": "*"})
    missing = await client.get("/countries/atlantis", headers={"If-None-Match": "*"})

    assert found.status_code == 304
    assert missing.status_code == 404


@pytest.mark.parametrize("path", ["/turnover/987654", "/turnover?year=1", "/no/such/path"])
async def test_problems_are_never_stored(
    versioned: FastAPI, client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)

    assert response.status_code >= 400
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    assert "last-modified" not in response.headers


async def test_probes_are_never_stored(versioned: FastAPI, client: httpx.AsyncClient) -> None:
    for path in ("/healthz", "/readyz"):
        response = await client.get(path)
        assert response.headers["cache-control"] == "no-store"
        assert "etag" not in response.headers


async def test_a_version_change_during_the_request_drops_the_validators(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    tracker = Tracker(Version(7, CHANGED_AT))
    versioned.state.data_version = tracker

    @versioned.get("/loads-meanwhile")
    async def loads_meanwhile() -> dict[str, bool]:
        # A load commits while the answer is being made: the answer may already be stale.
        tracker.versions = iter([Version(8, CHANGED_AT + timedelta(seconds=1))])
        return {"ok": True}

    response = await client.get("/loads-meanwhile")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    again = await client.get("/loads-meanwhile")
    assert again.headers["cache-control"] == DEFAULT_CACHE_CONTROL  # not a stored answer


async def test_cache_control_comes_from_settings(versioned: FastAPI, client_for: ClientFor) -> None:
    async with client_for(Settings(cache_control="private, max-age=5")) as client:
        response = await client.get("/turnover")

    assert response.headers["cache-control"] == "private, max-age=5"


@pytest.mark.parametrize("path", ["/openapi.json", "/docs", "/countries", "/people/1"])
async def test_every_get_has_a_strong_etag(
    versioned: FastAPI, client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)

    assert response.status_code == 200
    assert response.headers["etag"].startswith('"')
    again = await client.get(path, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
