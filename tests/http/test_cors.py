"""CORS: only configured origins, preflights answered, the useful headers exposed."""

import httpx
import pytest

from app.config import Settings
from tests.http.conftest import ClientFor

SITE = "https://dashboard.example"
PREFLIGHT = {
    "Origin": SITE,
    "Access-Control-Request-Method": "GET",
    "Access-Control-Request-Headers": "if-none-match",
}


def names(header: str) -> set[str]:
    return {name.strip().lower() for name in header.split(",")}


def vary(response: httpx.Response) -> set[str]:
    return names(response.headers.get("vary", ""))


async def test_no_origin_is_allowed_by_default(client: httpx.AsyncClient) -> None:
    simple = await client.get("/turnover", headers={"Origin": SITE})
    preflight = await client.options("/turnover", headers=PREFLIGHT)

    assert "access-control-allow-origin" not in simple.headers
    assert "access-control-allow-origin" not in preflight.headers


async def test_a_listed_origin_is_echoed_with_vary_origin(client_for: ClientFor) -> None:
    settings = Settings(cors_origins=f"{SITE}, https://other.example")
    async with client_for(settings) as client:
        allowed = await client.get("/turnover", headers={"Origin": SITE})
        refused = await client.get("/turnover", headers={"Origin": "https://evil.example"})
        same_origin = await client.get("/turnover")

    assert allowed.headers["access-control-allow-origin"] == SITE
    assert {"accept", "origin"} <= vary(allowed)
    exposed = {
        h.strip().lower() for h in allowed.headers["access-control-expose-headers"].split(",")
    }
    assert exposed >= {
        "etag",
        "link",
        "x-request-id",
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "retry-after",
        "content-disposition",
    }
    assert "access-control-allow-origin" not in refused.headers
    assert "origin" in vary(same_origin)  # a shared cache must not hand it to another origin


async def test_a_preflight_is_answered(client_for: ClientFor) -> None:
    async with client_for(Settings(cors_origins=SITE)) as client:
        response = await client.options("/turnover", headers=PREFLIGHT)
        refused = await client.options(
            "/turnover", headers={**PREFLIGHT, "Origin": "https://evil.example"}
        )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SITE
    assert "GET" in response.headers["access-control-allow-methods"]
    assert "if-none-match" in response.headers["access-control-allow-headers"].lower()
    assert int(response.headers["access-control-max-age"]) > 0
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


@pytest.mark.parametrize("path", ["/turnover", "/turnover/987654"])
async def test_any_origin_when_configured_with_a_star(client_for: ClientFor, path: str) -> None:
    async with client_for(Settings(cors_origins="*")) as client:
        response = await client.get(path, headers={"Origin": SITE})

    assert response.headers["access-control-allow-origin"] == "*"
    assert "etag" in response.headers["access-control-expose-headers"].lower()
