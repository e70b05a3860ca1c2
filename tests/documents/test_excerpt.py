"""GET /documents/{id}/excerpt: a quote in its context, cut by the database, with its line."""

from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.comtrade.loader import ImportOptions, import_csv
from tests.ingest.comtrade.files import KAZ_KGZ_2022, write_csv

QUOTE = "In 2022, trade volume increased by nearly 19%, reaching $1.3 billion."


async def test_the_quote_sits_in_its_context_with_its_line(client: httpx.AsyncClient) -> None:
    whole = (await client.get("/documents/1")).json()["text"]
    start = whole.index(QUOTE)
    end = start + len(QUOTE)

    response = await client.get(
        f"/documents/1/excerpt?char_start={start}&char_end={end}&context=100"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["text_start"] == start - 100
    assert body["text"] == whole[start - 100 : end + 100]
    cut = start - body["text_start"]
    assert body["text"][cut : cut + len(QUOTE)] == QUOTE
    assert body["text_length"] == len(whole)
    assert body["line"] == whole.count("\n", 0, start) + 1
    assert body["document"]["id"] == 1
    assert "text" not in body["document"]


async def test_a_whole_short_document_fits_in_a_wide_context(client: httpx.AsyncClient) -> None:
    whole = (await client.get("/documents/1")).json()["text"]

    body = (await client.get("/documents/1/excerpt?char_start=5&char_end=9&context=100000")).json()

    assert (body["text_start"], body["text"]) == (0, whole)


async def test_an_imported_row_is_on_its_line_of_the_file(
    sessionmaker: async_sessionmaker[AsyncSession], client: httpx.AsyncClient, tmp_path: Path
) -> None:
    report = await import_csv(sessionmaker, write_csv(tmp_path, KAZ_KGZ_2022), ImportOptions())
    figure = (await client.get("/turnover?reporter=KAZ&flow=import")).json()["items"][0]
    source = figure["source"]

    body = (
        await client.get(
            f"/documents/{report.document_id}/excerpt"
            f"?char_start={source['char_start']}&char_end={source['char_end']}&context=0"
        )
    ).json()

    assert body["text"] == KAZ_KGZ_2022[1]
    assert body["line"] == 3  # the header, the export, then this import
    assert body["document"]["kind"] == "dataset"


async def test_spans_outside_the_text_or_reversed_are_422(client: httpx.AsyncClient) -> None:
    past = await client.get("/documents/1/excerpt?char_start=0&char_end=99999999")
    reversed_ = await client.get("/documents/1/excerpt?char_start=10&char_end=10")
    missing = await client.get("/documents/999/excerpt?char_start=0&char_end=1")

    assert past.status_code == 422
    assert "past the end of the text" in past.json()["detail"]
    assert reversed_.status_code == 422
    assert missing.status_code == 404
