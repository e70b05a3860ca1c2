"""The HTTP contract every client relies on: docs offline, stable operation ids, problem bodies."""

import re

import httpx
import pytest
from fastapi import FastAPI

EXPECTED_OPERATIONS = {
    "listTurnover",
    "getTurnover",
    "getTurnoverSeries",
    "getTurnoverHistory",
    "correctTurnover",
    "correctTarget",
    "correctAgreement",
    "citeTurnover",
    "citeTarget",
    "citeAgreement",
    "listTargets",
    "getTarget",
    "listCountries",
    "getCountry",
    "listAgreements",
    "getAgreement",
    "listSignatories",
    "listPeople",
    "getPerson",
    "listEvents",
    "getEvent",
    "listDocuments",
    "getDocument",
    "createDocument",
    "deleteDocument",
    "getDocumentDeletion",
    "healthz",
    "readyz",
    "getMetrics",
    "getDocumentExcerpt",
}


async def operations(client: httpx.AsyncClient) -> list[dict[str, object]]:
    spec = (await client.get("/openapi.json")).json()
    return [op for path in spec["paths"].values() for op in path.values()]


async def test_every_operation_has_an_id_summary_tag_and_example(
    client: httpx.AsyncClient,
) -> None:
    found = await operations(client)

    assert {op["operationId"] for op in found} == EXPECTED_OPERATIONS
    for op in found:
        assert op["summary"], op["operationId"]
        assert op["tags"], op["operationId"]
    spec = (await client.get("/openapi.json")).json()
    schemas = spec["components"]["schemas"]
    for name in ("TurnoverRead", "TargetRead", "AgreementRead", "CountryRead", "Problem"):
        assert schemas[name].get("examples"), name


async def test_errors_are_declared_as_problem_json(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    listing = spec["paths"]["/turnover"]["get"]["responses"]

    assert "application/problem+json" in listing["422"]["content"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_pages_load_their_assets_from_the_service(
    client: httpx.AsyncClient, page: str
) -> None:
    html = (await client.get(page)).text
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)

    assert assets
    for asset in assets:
        assert asset.startswith("/"), f"{asset} is not served by the service"
        response = await client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 0


async def test_an_unknown_path_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/no/such/thing")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["instance"] == "/no/such/thing"


async def test_a_wrong_method_is_a_405_problem(client: httpx.AsyncClient) -> None:
    response = await client.delete("/turnover")

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_unexpected_error_is_a_500_problem_without_internals(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    response = await client.get("/boom")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "An unexpected error occurred."
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ready"}


async def test_every_write_operation_declares_the_key_and_its_problems(
    client: httpx.AsyncClient,
) -> None:
    spec = (await client.get("/openapi.json")).json()
    writes = {
        op["operationId"]: op
        for path in spec["paths"].values()
        for method, op in path.items()
        if method in ("post", "patch", "put", "delete")
    }

    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert {"correctTurnover", "correctTarget", "correctAgreement"} <= set(writes)
    for name, op in writes.items():
        assert op["security"] == [{"bearerAuth": []}], name
        assert {"401", "403", "422"} <= set(op["responses"]), name
