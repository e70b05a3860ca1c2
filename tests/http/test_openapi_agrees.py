"""The OpenAPI document agrees with the service: its examples are accepted, its limits are
the real ones, and every write declares the bearer scheme Swagger UI authorizes with."""

from typing import Any

import httpx
import pytest

from app.paging.cursors import EXPORT_MAX, PAGE_MAX
from tests.openapi_operations import (
    DOCUMENT,
    Operation,
    example,
    operations,
    required_query,
    url_with,
)


def optional_query(operation: Operation) -> list[dict[str, Any]]:
    return [p for p in operation.parameters if p["in"] == "query" and not p.get("required")]


@pytest.mark.parametrize("operation", operations("get"), ids=str)
async def test_every_documented_example_parameter_is_accepted(
    client: httpx.AsyncClient, operation: Operation
) -> None:
    url, required = url_with(operation), required_query(operation)
    assert (await client.get(url, params=required)).status_code not in (400, 422)
    for parameter in optional_query(operation):
        params = {**required, parameter["name"]: str(example(parameter))}
        response = await client.get(url, params=params)
        assert response.status_code not in (400, 422), (parameter["name"], response.text)


def limits() -> list[tuple[Operation, dict[str, Any]]]:
    return [(op, p) for op in operations("get") for p in op.parameters if p["name"] == "limit"]


@pytest.mark.parametrize(("operation", "limit"), limits(), ids=lambda x: str(x)[:40])
async def test_limit_documents_the_json_and_csv_maxima_it_enforces(
    client: httpx.AsyncClient, operation: Operation, limit: dict[str, Any]
) -> None:
    assert limit["schema"]["maximum"] == EXPORT_MAX
    assert f"{PAGE_MAX:,}" in limit["description"]
    assert f"{EXPORT_MAX:,}" in limit["description"]
    url = url_with(operation)
    json_over = await client.get(url, params={"limit": PAGE_MAX + 1})
    csv_over = await client.get(url, params={"limit": PAGE_MAX + 1, "format": "csv"})
    beyond = await client.get(url, params={"limit": EXPORT_MAX + 1, "format": "csv"})
    assert json_over.status_code == 422
    assert csv_over.status_code == 200
    assert beyond.status_code == 422


def test_writes_declare_the_bearer_scheme() -> None:
    scheme = DOCUMENT["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    writes = operations("post", "put", "patch", "delete")
    assert writes
    for operation in writes:
        assert {"bearerAuth": []} in operation.spec.get("security", []), operation
        assert "401" in operation.spec["responses"], operation


def test_reads_need_no_key() -> None:
    for operation in operations("get"):
        if operation.path != "/metrics":
            assert "security" not in operation.spec, operation


async def test_the_documented_scheme_authorizes_a_write(client: httpx.AsyncClient) -> None:
    response = await client.post("/documents", json={"title": "t", "text": "x"})

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
