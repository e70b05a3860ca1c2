"""A correction keeps the version it replaces, and names the key that made it."""

from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from app.auth.keys import create_key
from app.db.engine import create_sessionmaker
from app.models import TurnoverPeriod
from tests.review.facts import load_sample

REVISED = "Customs data published later put the half-year total at $512.4 million."


async def test_the_history_shows_who_corrected_what(
    committed_engine: AsyncEngine, committed_client: httpx.AsyncClient, tmp_path: Path
) -> None:
    sessionmaker = create_sessionmaker(committed_engine)
    await load_sample(sessionmaker, tmp_path, "extracted")
    async with sessionmaker() as session, session.begin():
        key = await create_key(session, "curator-anna")
        figure = await session.scalar(
            select(TurnoverPeriod.id).where(TurnoverPeriod.flow == "turnover")
        )

    response = await committed_client.patch(
        f"/turnover/{figure}",
        json={"value_usd": 512400000, "quote": REVISED},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200, response.text
    history = await committed_client.get(f"/turnover/{figure}/history")

    assert history.status_code == 200
    loaded, corrected = history.json()
    assert (loaded["changed_by"], loaded["review"], loaded["value_usd"]) == (
        None,
        "extracted",
        500_000_000,
    )
    assert corrected["changed_by"] == "curator-anna"
    assert corrected["changes"]["value_usd"] == [500000000, 512400000]
    assert corrected["changes"]["review"] == ["extracted", "reviewed"]
    assert corrected["changes"]["quote"][1] == REVISED
    assert loaded["valid_to"] == corrected["valid_from"]
