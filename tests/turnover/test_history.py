"""What did the API say on a given day? Reloads keep the versions they replace."""

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.db.engine import create_sessionmaker
from app.ingest.loader import load_fact_files

SLUG = "kz-kg-interregional-forum-taraz"


@pytest.fixture
def fact_file(tmp_path: Path, settings: Settings) -> Path:
    shutil.copytree(settings.seeds_dir, tmp_path / "seeds")
    return tmp_path / "seeds" / "facts" / f"{SLUG}.yaml"


async def database_now(engine: AsyncEngine) -> str:
    async with engine.connect() as connection:
        instant: datetime = (
            await connection.execute(text("SELECT clock_timestamp()"))
        ).scalar_one()
    return instant.isoformat()


async def values(client: httpx.AsyncClient, **params: Any) -> list[int]:
    response = await client.get("/turnover", params=params)
    assert response.status_code == 200, response.text
    return [item["value_usd"] for item in response.json()["items"]]


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new), encoding="utf-8")


async def test_as_of_answers_as_the_api_did_then(
    committed_engine: AsyncEngine, committed_client: httpx.AsyncClient, fact_file: Path
) -> None:
    load = create_sessionmaker(committed_engine)
    before_load = await database_now(committed_engine)
    await load_fact_files(load, [fact_file])
    first_version = await database_now(committed_engine)

    edit(fact_file, "value_usd: 757000000", "value_usd: 758000000")
    await load_fact_files(load, [fact_file])
    second_version = await database_now(committed_engine)

    targets = fact_file.read_text(encoding="utf-8")
    start, end = targets.index("targets:"), targets.index("agreements:")
    fact_file.write_text(targets[:start] + targets[end:], encoding="utf-8")
    edit(fact_file, "growth_pct: 19\n", "growth_pct: 20\n")
    await load_fact_files(load, [fact_file])

    assert await values(committed_client, year=2023, as_of=before_load) == []
    assert await values(committed_client, year=2023, as_of=first_version) == [757_000_000]
    assert await values(committed_client, year=2023, as_of=second_version) == [758_000_000]
    assert await values(committed_client, year=2023) == [758_000_000]
    # Derived figures follow the figures of that instant.
    assert await values(committed_client, year=2021, basis="derived", as_of=first_version) == [
        1_092_436_975
    ]
    assert await values(committed_client, year=2021, basis="derived") == [1_083_333_333]

    [figure] = (await committed_client.get("/turnover", params={"year": 2023})).json()["items"]
    versions = (await committed_client.get(f"/turnover/{figure['id']}/history")).json()
    assert [v["value_usd"] for v in versions] == [757_000_000, 758_000_000]
    assert versions[0]["valid_to"] == versions[1]["valid_from"]
    assert versions[1]["valid_to"] is None
    assert versions[0]["changes"] == {}
    assert versions[1]["changes"] == {
        "value_usd": [757_000_000, 758_000_000],
        "amount": [757_000_000, 758_000_000],
    }


async def test_a_removed_figure_keeps_its_history(
    committed_engine: AsyncEngine, committed_client: httpx.AsyncClient, fact_file: Path
) -> None:
    load = create_sessionmaker(committed_engine)
    await load_fact_files(load, [fact_file])
    [figure] = (await committed_client.get("/turnover", params={"year": 2022})).json()["items"]
    while_present = await database_now(committed_engine)

    content = fact_file.read_text(encoding="utf-8")
    start = content.index("  - reporter: KAZ")
    end = content.index("  - reporter: KAZ", start + 1)
    fact_file.write_text(content[:start] + content[end:], encoding="utf-8")
    await load_fact_files(load, [fact_file])

    assert await values(committed_client, year=2022) == []
    assert await values(committed_client, year=2022, as_of=while_present) == [1_300_000_000]
    versions = (await committed_client.get(f"/turnover/{figure['id']}/history")).json()
    assert len(versions) >= 1
    assert versions[-1]["valid_to"] is not None
    assert (await committed_client.get(f"/turnover/{figure['id']}")).status_code == 404


async def test_history_of_an_unknown_figure_is_404(committed_client: httpx.AsyncClient) -> None:
    response = await committed_client.get("/turnover/99999999/history")

    assert response.status_code == 404
