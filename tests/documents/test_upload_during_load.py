"""An upload while a load runs is refused at once with 503 and Retry-After, not after a timeout."""

import httpx
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.keys import create_key
from app.config import Settings
from tests.ingest.load_turns import load_running

UPLOAD = {
    "title": "Kazakh-Kyrgyz trade",
    "published_on": "2024-05-03",
    "text": (
        "ASTANA, May 3 (Example) - Trade between Kazakhstan and Kyrgyzstan came to "
        "$1.2 billion in 2023, the Kazakh trade ministry said."
    ),
}


@pytest_asyncio.fixture(loop_scope="session")
async def key(session: AsyncSession) -> str:
    return await create_key(session, "curator")


async def test_an_upload_during_a_load_is_refused_at_once(
    client: httpx.AsyncClient, key: str, database_url: str, settings: Settings
) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    async with load_running(database_url, settings, "the load of big-export.csv"):
        refused = await client.post("/documents", json=UPLOAD, headers=headers)

    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) > 0
    assert "big-export.csv" in refused.json()["detail"]
    assert (await client.get("/documents")).json()["items"][-1]["title"] != UPLOAD["title"]

    accepted = await client.post("/documents", json=UPLOAD, headers=headers)
    assert accepted.status_code == 201
