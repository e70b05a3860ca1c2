"""gzip and brotli for bodies over 1 KiB, each with its own strong ETag."""

import gzip
from collections.abc import Callable

import brotli
import httpx
import pytest
from fastapi import FastAPI

from app.db.data_version import Version
from tests.http.test_caching import CHANGED_AT, Tracker


@pytest.fixture
def versioned(app: FastAPI) -> FastAPI:
    app.state.data_version = Tracker(Version(7, CHANGED_AT))
    return app


async def raw(client: httpx.AsyncClient, url: str, encoding: str) -> httpx.Response:
    """The response as sent, not decoded by the client."""
    request = client.build_request("GET", url, headers={"Accept-Encoding": encoding})
    response = await client.send(request, stream=True)
    response._content = b"".join([chunk async for chunk in response.aiter_raw()])
    return response


@pytest.mark.parametrize(
    ("encoding", "decode"),
    [
        ("gzip", gzip.decompress),
        ("br", brotli.decompress),
        ("gzip, deflate, br", brotli.decompress),
    ],
)
@pytest.mark.parametrize("url", ["/countries?limit=50", "/countries?limit=50&format=csv"])
async def test_large_bodies_are_compressed(
    versioned: FastAPI,
    client: httpx.AsyncClient,
    url: str,
    encoding: str,
    decode: Callable[[bytes], bytes],
) -> None:
    plain = await raw(client, url, "identity")
    packed = await raw(client, url, encoding)

    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == ("br" if "br" in encoding else "gzip")
    assert decode(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)
    assert "accept-encoding" in packed.headers["vary"].lower()
    assert packed.headers["etag"] != plain.headers["etag"]


async def test_small_bodies_are_left_alone(versioned: FastAPI, client: httpx.AsyncClient) -> None:
    response = await raw(client, "/countries/KGZ", "gzip, br")

    assert len(response.content) < 1024
    assert "content-encoding" not in response.headers


async def test_a_compressed_representation_revalidates_under_its_own_etag(
    versioned: FastAPI, client: httpx.AsyncClient
) -> None:
    packed = await raw(client, "/countries?limit=50", "gzip")

    same = await client.get(
        "/countries?limit=50",
        headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["etag"]},
    )
    other = await client.get(
        "/countries?limit=50",
        headers={"Accept-Encoding": "identity", "If-None-Match": packed.headers["etag"]},
    )

    assert same.status_code == 304
    assert other.status_code == 200
    assert "content-encoding" not in other.headers
