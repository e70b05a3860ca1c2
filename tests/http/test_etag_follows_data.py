"""ETags follow committed data: a reload that changes nothing keeps them, an edit changes them.

These tests commit, and the data version travels by NOTIFY, so they use a database of their
own and the real DataVersion listener.
"""

import asyncio
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.keys import create_key
from app.config import Settings
from app.db.data_version import DataVersion
from app.ingest.loader import load_fact_files, seed_fact_files
from app.main import create_app

FACTS = "kz-kg-interregional-forum-taraz.yaml"


@dataclass
class Live:
    client: httpx.AsyncClient
    tracker: DataVersion
    sessionmaker: async_sessionmaker[AsyncSession]
    facts: Path

    async def load(self) -> None:
        await load_fact_files(self.sessionmaker, seed_fact_files(self.facts.parent.parent))

    async def settled(self) -> int:
        """The committed version, once the listener has heard of it."""
        async with self.sessionmaker() as session:
            committed = int(await session.scalar(text("SELECT version FROM data_state")))
        for _ in range(250):
            current = self.tracker.current
            if current is not None and current.number == committed:
                return committed
            await asyncio.sleep(0.02)
        raise AssertionError(f"the listener stayed at {self.tracker.current}, not {committed}")

    def edit(self, pattern: str, replacement: str) -> None:
        text = self.facts.read_text(encoding="utf-8")
        edited, count = re.subn(pattern, replacement, text, count=1, flags=re.S | re.M)
        assert count == 1, pattern
        self.facts.write_text(edited, encoding="utf-8")


@pytest_asyncio.fixture(loop_scope="session")
async def live(committed_database: str, settings: Settings, tmp_path: Path) -> AsyncIterator[Live]:
    url = committed_database
    shutil.copytree(settings.seeds_dir, tmp_path / "seeds")
    app = create_app(settings.model_copy(update={"database_url": url}))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as client,
    ):
        state = app.state
        yield Live(client, state.data_version, state.sessionmaker, tmp_path / "seeds/facts" / FACTS)


async def test_etag_changes_with_the_data_and_only_then(live: Live) -> None:
    await live.load()
    loaded = await live.settled()
    first = await live.client.get("/turnover", params={"year": 2022})
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.json()["items"][0]["value_qualifier"] == "approximate"

    await live.load()  # the same files again: nothing changes
    assert await live.settled() == loaded
    same = await live.client.get("/turnover", params={"year": 2022})
    assert same.headers["etag"] == etag
    assert same.headers["last-modified"] == modified
    revalidated = await live.client.get(
        "/turnover", params={"year": 2022}, headers={"If-None-Match": etag}
    )
    assert revalidated.status_code == 304

    live.edit(r"value_qualifier: approximate.*?$", "value_qualifier: exact")
    await live.load()
    assert await live.settled() > loaded
    edited = await live.client.get(
        "/turnover", params={"year": 2022}, headers={"If-None-Match": etag}
    )
    assert edited.status_code == 200
    assert edited.json()["items"][0]["value_qualifier"] == "exact"
    assert edited.headers["etag"] != etag


async def test_a_deletion_changes_etag_and_last_modified(live: Live) -> None:
    await live.load()
    await live.settled()
    before = await live.client.get("/targets")
    assert len(before.json()["items"]) == 1
    await asyncio.sleep(1)  # Last-Modified counts whole seconds

    live.edit(r"^targets:\n.*?\n\n", "targets: []\n\n")
    await live.load()
    await live.settled()
    after = await live.client.get("/targets", headers={"If-None-Match": before.headers["etag"]})

    assert after.status_code == 200
    assert after.json()["items"] == []
    assert after.headers["etag"] != before.headers["etag"]
    assert after.headers["last-modified"] != before.headers["last-modified"]


async def test_a_curators_correction_changes_the_etag(live: Live) -> None:
    await live.load()
    loaded = await live.settled()
    first = await live.client.get("/turnover", params={"year": 2022})
    figure = first.json()["items"][0]["id"]
    async with live.sessionmaker() as session, session.begin():
        key = await create_key(session, "curator-anna")

    corrected = await live.client.patch(
        f"/turnover/{figure}",
        json={"value_qualifier": "exact"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert corrected.status_code == 200, corrected.text
    assert await live.settled() == loaded + 1

    again = await live.client.get(
        "/turnover", params={"year": 2022}, headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 200
    assert again.headers["etag"] != first.headers["etag"]
    assert again.json()["items"][0]["value_qualifier"] == "exact"
