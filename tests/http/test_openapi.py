"""The OpenAPI document is valid, and declares what the middleware does for every GET."""

import json
from pathlib import Path

import httpx
from openapi_spec_validator import validate
from typer.testing import CliRunner

from app.cli.main import cli


async def document(client: httpx.AsyncClient) -> dict[str, object]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    body: dict[str, object] = response.json()
    return body


async def test_the_document_passes_the_openapi_validator(client: httpx.AsyncClient) -> None:
    validate(await document(client))  # raises on the first error


async def test_every_cacheable_get_declares_conditional_requests(
    client: httpx.AsyncClient,
) -> None:
    spec = (await client.get("/openapi.json")).json()
    for path, operations in spec["paths"].items():
        operation = operations["get"]
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        if path in ("/healthz", "/readyz"):
            assert "304" not in operation["responses"], path
            continue
        assert {"If-None-Match", "If-Modified-Since"} <= headers, path
        assert "304" in operation["responses"], path
        assert {"ETag", "Last-Modified", "Cache-Control"} <= set(
            operation["responses"]["200"]["headers"]
        ), path
        for status in ("406", "500", "503"):
            assert "application/problem+json" in operation["responses"][status]["content"]


async def test_examples_keep_their_nulls(client: httpx.AsyncClient) -> None:
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]

    [agreement] = schemas["AgreementRead"]["examples"]
    assert agreement["signed_on"] is None
    assert set(agreement) == set(schemas["AgreementRead"]["properties"])


def test_the_cli_writes_the_same_document(tmp_path: Path) -> None:
    output = tmp_path / "openapi.json"

    result = CliRunner().invoke(cli, ["openapi", "--output", str(output)])

    assert result.exit_code == 0, result.output
    written = json.loads(output.read_text(encoding="utf-8"))
    validate(written)
    assert "listTurnover" in json.dumps(written)
