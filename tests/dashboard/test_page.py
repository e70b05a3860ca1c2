"""The dashboard as files: served from the package, light, and kept out of the API schema."""

import re

import httpx

from app.dashboard.router import STATIC

PAGE_BUDGET_BYTES = 200 * 1024


def test_the_page_weighs_under_200_kib() -> None:
    shipped = [p for p in STATIC.iterdir() if p.suffix in {".html", ".css", ".js"}]
    total = sum(p.stat().st_size for p in shipped)

    assert {p.name for p in shipped} == {"index.html", "app.css", "app.js"}
    assert total < PAGE_BUDGET_BYTES, f"{total} bytes"


async def test_root_serves_the_page_and_every_asset_it_names(client: httpx.AsyncClient) -> None:
    page = await client.get("/")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="(/dashboard/[^"]+)"', page.text)
    assert sorted(assets) == ["/dashboard/app.css", "/dashboard/app.js"]
    total = len(page.content)
    for asset in assets:
        response = await client.get(asset)
        assert response.status_code == 200, asset
        total += len(response.content)
    assert total < PAGE_BUDGET_BYTES


async def test_the_page_uses_no_other_host(client: httpx.AsyncClient) -> None:
    for path in ("/", "/dashboard/app.js", "/dashboard/app.css"):
        body = (await client.get(path)).text
        assert not re.search(r"(?:src|href)=\"(?:https?:)?//", body), path
        assert 'fetch("http' not in body, path


async def test_the_page_is_not_an_api_operation(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert "/" not in paths
    assert not any(path.startswith("/dashboard") for path in paths)


async def test_a_missing_asset_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/dashboard/nothing.js")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
