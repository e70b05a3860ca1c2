"""The curated fact files win: a seed finds its text uploaded under another name (after its own
document was deleted) and takes that document over, its drafted facts replaced; the data is
then the same as after a clean seed."""

import shutil
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.keys import create_key
from app.config import Settings
from app.documents.deletion import carry_out_pending
from app.ingest.loader import load_fact_files, seed_fact_files
from app.ingest.problems import FixtureError
from tests.ingest.snapshot import data_fingerprint

SLUG = "kz-kg-interregional-forum-taraz"


@pytest_asyncio.fixture(loop_scope="session")
async def headers(session: AsyncSession) -> dict[str, str]:
    return {"Authorization": f"Bearer {await create_key(session, 'curator')}"}


async def upload_seed_text(
    client: httpx.AsyncClient, headers: dict[str, str], settings: Settings
) -> int:
    text = (settings.seeds_dir / "documents" / f"{SLUG}.txt").read_text(encoding="utf-8")
    uploaded = await client.post(
        "/documents", json={"title": "The same text", "text": text}, headers=headers
    )
    assert uploaded.status_code == 201, uploaded.text
    return int(uploaded.json()["id"])


async def test_a_seed_takes_over_its_text_uploaded_under_another_name(
    client: httpx.AsyncClient,
    app: FastAPI,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    headers: dict[str, str],
    settings: Settings,
) -> None:
    clean = await data_fingerprint(session, leave_ids=True)
    [seeded] = (await client.get("/documents")).json()["items"]
    assert (await client.delete(f"/documents/{seeded['id']}", headers=headers)).status_code == 202
    await carry_out_pending(app.state.sessionmaker)
    squatter = await upload_seed_text(client, headers, settings)
    squatted = (await client.get(f"/documents/{squatter}")).json()
    assert squatted["slug"] != SLUG

    report = await load_fact_files(sessionmaker, seed_fact_files(settings.seeds_dir))

    assert report.loaded == [SLUG]
    assert report.taken_over == [
        f"took over document {squatted['slug']!r} (id {squatter}) as {SLUG!r}:"
        " its drafted facts replaced by the curated ones"
    ]
    document = (await client.get(f"/documents/{squatter}")).json()
    assert document["slug"] == SLUG
    assert document["title"] == seeded["title"]
    assert document["fact_counts"] == seeded["fact_counts"]
    assert await data_fingerprint(session, leave_ids=True) == clean


async def test_a_seed_whose_document_is_loaded_removes_a_copy_of_its_new_text(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    headers: dict[str, str],
    settings: Settings,
    tmp_path: Path,
) -> None:
    # The curator adds a line to the seed's text; meanwhile someone uploads the new text.
    seeds = tmp_path / "seeds"
    shutil.copytree(settings.seeds_dir, seeds)
    text_file = seeds / "documents" / f"{SLUG}.txt"
    new_text = text_file.read_text(encoding="utf-8") + "\n\nA line added by the curator."
    text_file.write_text(new_text, encoding="utf-8")
    [seeded] = (await client.get("/documents")).json()["items"]
    uploaded = await client.post(
        "/documents", json={"title": "The new text", "text": new_text}, headers=headers
    )
    assert uploaded.status_code == 201, uploaded.text
    squatter = uploaded.json()

    report = await load_fact_files(sessionmaker, seed_fact_files(seeds))

    assert report.loaded == [SLUG]
    assert report.taken_over == [
        f"removed document {squatter['slug']!r} (id {squatter['id']}),"
        f" which held the text of {SLUG!r}"
    ]
    assert (await client.get(f"/documents/{squatter['id']}")).status_code == 404
    document = (await client.get(f"/documents/{seeded['id']}")).json()
    assert document["text"] == new_text
    assert document["fact_counts"] == seeded["fact_counts"]
    [only] = (await client.get("/documents")).json()["items"]
    assert only["id"] == seeded["id"]


async def test_two_fact_files_with_one_text_are_refused(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(settings.seeds_dir, seeds)
    twin = seeds / "facts" / "twin.yaml"
    facts = (seeds / "facts" / f"{SLUG}.yaml").read_text(encoding="utf-8")
    twin.write_text(facts.replace(f"slug: {SLUG}", "slug: twin"), encoding="utf-8")
    (seeds / "documents" / "twin.txt").write_text(
        (seeds / "documents" / f"{SLUG}.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )

    with pytest.raises(FixtureError, match="the same text is the document of"):
        await load_fact_files(sessionmaker, seed_fact_files(seeds))
