"""Every answer names its request; a sane X-Request-ID is kept, anything else replaced."""

import json

import httpx
import pytest
from fastapi import FastAPI

from app.runtime.logging import configure_logging


async def test_an_id_is_made_when_none_is_given(client: httpx.AsyncClient) -> None:
    first = await client.get("/healthz")
    second = await client.get("/healthz")

    assert len(first.headers["x-request-id"]) == 32
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_a_given_id_is_echoed(client: httpx.AsyncClient) -> None:
    response = await client.get("/turnover?year=2022", headers={"X-Request-ID": "trace-42.a:b"})

    assert response.headers["x-request-id"] == "trace-42.a:b"


@pytest.mark.parametrize("given", ["x" * 129, "a b", "<script>", "ünïcode", ""])
async def test_an_odd_id_is_replaced(client: httpx.AsyncClient, given: str) -> None:
    response = await client.get("/healthz", headers={b"X-Request-ID": given.encode()})

    assert response.headers["x-request-id"] != given
    assert len(response.headers["x-request-id"]) == 32


async def test_errors_carry_the_id_too(client: httpx.AsyncClient) -> None:
    for path in ("/no/such/thing", "/turnover?year=1800", "/turnover?country=%00"):
        response = await client.get(path, headers={"X-Request-ID": "abc"})
        assert response.headers["x-request-id"] == "abc", path


async def test_a_500_names_the_id_and_hides_the_internals(
    app: FastAPI, client: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    configure_logging("INFO", "json")
    response = await client.get("/boom", headers={"X-Request-ID": "req-500"})

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "req-500"
    assert response.json()["request_id"] == "req-500"
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
    logged = [line for line in lines if line["level"] == "ERROR"]
    assert logged
    assert logged[0]["request_id"] == "req-500"
    assert "RuntimeError" in logged[0]["exception"]  # the log keeps what the client is not shown
