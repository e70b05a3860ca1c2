"""Ids in paths are plain digits: padding, signs and control characters are a 422."""

import re
from typing import Any

import httpx
import pytest

from app.config import Settings
from app.main import create_app

DOCUMENT = create_app(Settings(rate_limit="off")).openapi()


def id_routes() -> list[tuple[str, str]]:
    """(method, path) of every operation with an integer path parameter, from the document."""
    found = []
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            parameters: list[dict[str, Any]] = operation.get("parameters", [])
            if any(p["in"] == "path" and p["schema"].get("type") == "integer" for p in parameters):
                found.append((method, path))
    return found


def refusals(method: str, path: str) -> tuple[int, ...]:
    """What a write may answer to an id that is not digits: its key problems, the 422, and a
    405 where its route only matches digits (and so documents the 405)."""
    declared = DOCUMENT["paths"][path][method]["responses"]
    return (401, 403, 422, 405) if "405" in declared else (401, 403, 422)


def with_id(path: str, value: str) -> str:
    return re.sub(r"\{[a-z_]+_id\}", value, path)


def test_every_id_route_is_covered() -> None:
    paths = {path for _, path in id_routes()}
    assert {"/agreements/{agreement_id}", "/turnover/{figure_id}", "/documents/{document_id}"} <= (
        paths
    )
    assert len(paths) >= 10


PADDED = ["%202", "2%20", "%0D2", "+2", "%092", "2%0A", "02.0", "%EF%BC%92", "-0", "2e0"]


@pytest.mark.parametrize(("method", "path"), id_routes())
async def test_an_id_that_is_not_plain_digits_is_a_422(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    headers = {"Authorization": "Bearer not-checked-before-the-id"}
    for value in PADDED:
        response = await client.request(method, with_id(path, value), headers=headers)
        assert response.status_code in refusals(method, path), (value, response.status_code)
        assert response.headers["content-type"] == "application/problem+json"
        if method == "get":
            assert response.status_code == 422, value
            assert response.json()["invalid_params"][0]["name"].startswith("path.")


@pytest.mark.parametrize("value", ["%202", "2%20", "%0D2", "+2"])
async def test_padded_ids_from_the_report_are_refused(
    client: httpx.AsyncClient, value: str
) -> None:
    assert (await client.get(f"/agreements/{value}")).status_code == 422
    assert (await client.get(f"/turnover/{value}")).status_code == 422
    assert (await client.get("/agreements/2")).status_code == 200
