"""A CSV export streams: memory stays flat however many rows it carries."""

import asyncio
import csv
import io
import time
import tracemalloc

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.types import Message, Scope

ROWS = 200_000

GENERATE = text(
    """
    INSERT INTO turnover_periods (
        reporter_code, partner_code, flow, period_start, period_end, period_label,
        amount, currency, value_usd, value_qualifier, growth_pct, growth_qualifier,
        attribution, document_id, quote, char_start, char_end
    )
    SELECT 'KAZ', 'KGZ', 'export', date '1000-01-01' + g, date '1000-01-01' + g,
           'generated day ' || g, g * 1000, 'USD', g * 1000, 'exact', 1.5, 'approximate',
           'a generated, "quoted" attribution', (SELECT min(id) FROM documents),
           'generated', 0, 9
    FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS g
    """
)

# Far below what holding the rows would take (about 1 KiB a row as Python objects).
PEAK_BUDGET = 24 * 2**20


# Rows per INSERT: each well inside the statement timeout, even on a busy machine.
GENERATE_BATCH = 20_000


async def generate(connection: AsyncConnection, rows: int) -> None:
    """`rows` generated figures, one a day from the year 1000 on."""
    for first in range(1, rows + 1, GENERATE_BATCH):
        last = min(rows, first + GENERATE_BATCH - 1)
        await connection.execute(GENERATE, {"first": first, "last": last})


class Sink:
    """An ASGI client that counts the body and keeps nothing but its last line."""

    def __init__(self) -> None:
        self.status = 0
        self.headers: dict[str, str] = {}
        self.bytes = 0
        self.lines = 0
        self.tail = b""

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            chunk = message.get("body", b"")
            self.bytes += len(chunk)
            self.lines += chunk.count(b"\r\n")
            if chunk:
                self.tail = chunk


async def stream(app: FastAPI, query: bytes) -> Sink:
    sink = Sink()
    requests = [{"type": "http.request", "body": b"", "more_body": False}]
    disconnected = asyncio.Event()

    async def receive() -> Message:
        if requests:
            return requests.pop()
        await disconnected.wait()  # the client stays until the body is sent
        return {"type": "http.disconnect"}

    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
        "root_path": "",
        "path": "/turnover",
        "raw_path": b"/turnover",
        "query_string": query,
        "headers": [(b"host", b"testserver"), (b"accept", b"text/csv")],
    }
    try:
        await app(scope, receive, sink.send)
    finally:
        disconnected.set()
    return sink


async def test_a_large_csv_export_streams_in_bounded_memory(
    app: FastAPI, connection: AsyncConnection
) -> None:
    await generate(connection, ROWS)

    tracemalloc.start()
    started = time.perf_counter()
    try:
        sink = await stream(app, b"limit=10000000")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started

    assert sink.status == 200
    assert sink.lines == ROWS + 2 + 1  # the generated rows, the two seeded ones, the header
    assert "link" not in sink.headers
    [last] = csv.reader(io.StringIO(sink.tail.decode().splitlines()[-1]))
    assert last[6] == "January-July 2023"  # the seeded figure of 2023 sorts last
    print(
        f"\nstreamed {ROWS + 2} rows, {sink.bytes / 2**20:.1f} MiB of CSV, "
        f"in {elapsed:.1f}s; Python heap peak {peak / 2**20:.1f} MiB"
    )
    assert peak < PEAK_BUDGET
    assert peak < sink.bytes / 4
