"""A real `tradestat serve`: slow headers are cut off, and the server does not name itself."""

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.live_service import TRADESTAT, environment, free_port, running

HEADER_TIMEOUT_S = 1.0
SLOW_CLIENTS = 50


@pytest_asyncio.fixture(loop_scope="session")
async def served(engine: AsyncEngine, database_url: str) -> AsyncIterator[str]:
    """`tradestat serve` on a free port over the seeded test database, with a 1 s deadline."""
    port = free_port()
    command = [TRADESTAT, "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = environment(
        database_url, {"HEADER_TIMEOUT_S": str(HEADER_TIMEOUT_S), "RATE_LIMIT": "off"}
    )
    async with running(command, port, env) as base_url:
        yield base_url


async def dribble_until_closed(port: int, limit_s: float) -> float:
    """Send a request's headers a byte every 0.1 s, never ending them; return how long the
    server kept the connection open."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    writer.write(b"GET /countries/KGZ HTTP/1.1\r\nHost: x\r\n")
    try:
        while time.monotonic() - started < limit_s:
            writer.write(b"X")
            await writer.drain()
            try:
                if await asyncio.wait_for(reader.read(1024), timeout=0.1) == b"":
                    return time.monotonic() - started
            except TimeoutError:
                continue
    except ConnectionError:
        return time.monotonic() - started
    finally:
        writer.close()
    return time.monotonic() - started


async def test_connections_that_never_finish_their_headers_are_closed(served: str) -> None:
    port = int(served.rsplit(":", 1)[1])
    held = await asyncio.gather(*(dribble_until_closed(port, 15.0) for _ in range(SLOW_CLIENTS)))

    assert max(held) < HEADER_TIMEOUT_S + 3, sorted(held)[-5:]
    assert min(held) >= HEADER_TIMEOUT_S * 0.9
    # The server still answers, and keep-alive across requests still works.
    async with httpx.AsyncClient(base_url=served) as client:
        first = await client.get("/countries/KGZ")
        second = await client.get("/countries/KGZ")
    assert (first.status_code, second.status_code) == (200, 200)


async def test_an_idle_connection_is_closed_too(served: str) -> None:
    port = int(served.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        assert await asyncio.wait_for(reader.read(), timeout=HEADER_TIMEOUT_S + 3) == b""
    finally:
        writer.close()


async def test_a_complete_request_within_the_deadline_is_answered(served: str) -> None:
    port = int(served.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(b"GET /countries/KGZ HTTP/1.1\r\nHost: x\r\n")
        await writer.drain()
        await asyncio.sleep(HEADER_TIMEOUT_S / 2)  # slow, but within the deadline
        writer.write(b"Connection: close\r\n\r\n")
        answer = await asyncio.wait_for(reader.read(), timeout=5)
    finally:
        writer.close()
    assert answer.startswith(b"HTTP/1.1 200 ")


async def test_no_server_header(served: str) -> None:
    async with httpx.AsyncClient(base_url=served) as client:
        response = await client.get("/healthz")

    assert response.status_code == 200
    assert "server" not in response.headers
