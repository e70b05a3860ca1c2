import hashlib
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.models import Document
from app.paging.cursors import encode_cursor

SLUG = "kz-kg-interregional-forum-taraz"
COUNTS = {"turnover": 2, "targets": 1, "events": 2, "agreements": 4, "positions": 3}


def seed_text(settings: Settings) -> str:
    return Path(settings.seeds_dir, "documents", f"{SLUG}.txt").read_text(encoding="utf-8")


async def add_document(session: AsyncSession, slug: str, kind: str) -> Document:
    text = f"Text of {slug}."
    sha = hashlib.sha256(text.encode()).hexdigest()
    document = Document(slug=slug, kind=kind, title=slug, text=text, sha256=sha, content_sha256=sha)
    session.add(document)
    await session.flush()
    return document


async def seed_id(client: httpx.AsyncClient) -> int:
    [item] = (await client.get("/documents")).json()["items"]
    return int(item["id"])


async def test_lists_the_seed_document_with_fact_counts(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    response = await client.get("/documents")

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    [item] = body["items"]
    assert item["slug"] == SLUG
    assert item["kind"] == "press_release"
    assert item["title"].startswith("Kazakh and Kyrgyz business leaders sign commercial")
    assert (item["publisher"], item["url"], item["published_on"]) == (None, None, None)
    assert item["language"] == "en"
    assert item["sha256"] == hashlib.sha256(seed_text(settings).encode()).hexdigest()
    assert item["loaded_at"]
    assert item["fact_counts"] == COUNTS
    assert "text" not in item


async def test_kind_filter(client: httpx.AsyncClient) -> None:
    press = (await client.get("/documents", params={"kind": "press_release"})).json()
    articles = (await client.get("/documents", params={"kind": "article"})).json()

    assert [d["slug"] for d in press["items"]] == [SLUG]
    assert articles == {"items": [], "next_cursor": None}


async def test_limit_one_walks_documents_and_counts_zero_facts(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_document(session, "empty-statement", "statement")

    first = (await client.get("/documents", params={"limit": 1})).json()
    second = (
        await client.get("/documents", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()

    assert [d["slug"] for d in first["items"]] == [SLUG]
    [empty] = second["items"]
    assert empty["slug"] == "empty-statement"
    assert empty["fact_counts"] == dict.fromkeys(COUNTS, 0)
    assert second["next_cursor"] is None


@pytest.mark.parametrize(
    "cursor", ["***", encode_cursor([], "/documents"), encode_cursor([10**12], "/documents")]
)
async def test_malformed_cursor_is_400(client: httpx.AsyncClient, cursor: str) -> None:
    response = await client.get("/documents", params={"cursor": cursor})

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


async def test_unknown_kind_is_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/documents", params={"kind": "tweet"})

    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "query.kind"


async def test_get_document_has_text_and_every_fact_citing_it(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    response = await client.get(f"/documents/{await seed_id(client)}")

    assert response.status_code == 200
    body = response.json()
    text = body["text"]
    assert text == seed_text(settings)
    assert body["fact_counts"] == COUNTS
    facts = body["facts"]
    assert {kind: len(items) for kind, items in facts.items()} == COUNTS
    for items in facts.values():
        starts = [item["char_start"] for item in items]
        assert starts == sorted(starts)
        for item in items:
            assert text[item["char_start"] : item["char_end"]] == item["quote"]


async def test_get_document_fact_fields(client: httpx.AsyncClient) -> None:
    facts = (await client.get(f"/documents/{await seed_id(client)}")).json()["facts"]

    full_year, january_july = facts["turnover"]
    assert {k: full_year[k] for k in ("flow", "reporter", "partner", "period_label")} == {
        "flow": "turnover",
        "reporter": "KAZ",
        "partner": "KGZ",
        "period_label": "2022",
    }
    assert full_year["value_usd"] == 1_300_000_000
    assert (january_july["period_label"], january_july["value_usd"]) == (
        "January-July 2023",
        757_000_000,
    )
    [target] = facts["targets"]
    assert target["value_usd"] == 2_000_000_000
    assert target["quote"] == (
        "the goal set by the Presidents of the two states to increase trade turnover to $2 billion"
    )
    assert [e["name"] for e in facts["events"]] == [
        "First Kazakh-Kyrgyz Interregional Forum",
        "11th meeting of the Kazakh-Kyrgyz Intergovernmental Council",
    ]
    assert [a["kind"] for a in facts["agreements"]] == [
        "commercial_contracts",
        "protocol",
        "memorandum",
        "memorandum",
    ]
    assert [p["title"] for p in facts["positions"]] == [
        "Prime Minister",
        "Chairman of the Cabinet of Ministers",
        "Head of the Presidential Administration",
    ]
    assert len({p["person_id"] for p in facts["positions"]}) == 2


async def test_unknown_document_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/documents/31337")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "31337" in response.json()["detail"]


@pytest.mark.parametrize("bad_id", ["0", str(2**31), "-1"])
async def test_out_of_range_id_is_422(client: httpx.AsyncClient, bad_id: str) -> None:
    response = await client.get(f"/documents/{bad_id}")

    assert response.status_code == 422


async def test_openapi_names_the_operations(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    assert paths["/documents"]["get"]["operationId"] == "listDocuments"
    assert paths["/documents/{document_id}"]["get"]["operationId"] == "getDocument"
