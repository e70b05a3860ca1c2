"""Derived figures come and go with their inputs, whoever writes them, in the same transaction."""

from pathlib import Path
from typing import Any

import httpx
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from app.auth.keys import create_key
from tests.turnover.releases import Stated, delete_document, load_release, stale_derived_rows

GROWTH = Stated(
    "Trade between Uzbekistan and Turkmenistan reached $1.2 billion in 2024, up 20 percent.",
    "UZB",
    "TKM",
    "turnover",
    2024,
    1_200_000_000,
    growth_pct=20,
)
REVISED_GROWTH = " Revised customs data later put the 2024 total at $1.32 billion."
PRIOR = Stated(
    "Turkmen statistics put trade with Uzbekistan at $980 million in 2023.",
    "TKM",
    "UZB",
    "turnover",
    2023,
    980_000_000,
)
EXPORTS = Stated(
    "Exports from Uzbekistan to Turkmenistan came to $300 million in 2023.",
    "UZB",
    "TKM",
    "export",
    2023,
    300_000_000,
)
IMPORTS = Stated(
    "Imports from Turkmenistan came to $200 million.", "UZB", "TKM", "import", 2023, 200_000_000
)
REVISED_EXPORTS = " Exports were later revised to $310 million."
STATED_TURNOVER = Stated(
    "Turkmen customs put trade with Uzbekistan at $480 million in 2023.",
    "TKM",
    "UZB",
    "turnover",
    2023,
    480_000_000,
)


@pytest_asyncio.fixture(loop_scope="session")
async def curator(session: AsyncSession) -> dict[str, str]:
    """Headers carrying a write key, for corrections."""
    return {"Authorization": f"Bearer {await create_key(session, 'curator-derived')}"}


async def derived(client: httpx.AsyncClient, **params: str) -> list[tuple[Any, ...]]:
    response = await client.get(
        "/turnover", params={"basis": "derived", "country": "TKM", **params}
    )
    assert response.status_code == 200, response.text
    return [
        (
            item["derivation"]["method"],
            item["period_label"],
            item["value_usd"],
            item["derivation"]["input_ids"],
        )
        for item in response.json()["items"]
    ]


async def reported_id(client: httpx.AsyncClient, flow: str, year: int) -> int:
    params = {"country": "TKM", "flow": flow, "year": str(year)}
    [item] = (await client.get("/turnover", params=params)).json()["items"]
    return int(item["id"])


async def test_a_prior_from_growth_follows_its_inputs(
    sessionmaker: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    curator: dict[str, str],
    tmp_path: Path,
) -> None:
    await load_release(sessionmaker, tmp_path, "uz-tm-2024", [GROWTH], REVISED_GROWTH)
    growth_id = await reported_id(client, "turnover", 2024)
    implied = [("prior_from_growth", "2023", 1_000_000_000, [growth_id])]
    assert await derived(client) == implied

    # Another source reports 2023 (the other way round): the reported figure stands instead.
    prior_document = await load_release(sessionmaker, tmp_path, "tm-uz-2023", [PRIOR])
    assert await derived(client) == []

    await delete_document(sessionmaker, prior_document)
    assert await derived(client) == implied

    response = await client.patch(
        f"/turnover/{growth_id}",
        json={"value_usd": 1_320_000_000, "quote": REVISED_GROWTH.strip()},
        headers=curator,
    )
    assert response.status_code == 200, response.text
    assert await derived(client) == [("prior_from_growth", "2023", 1_100_000_000, [growth_id])]
    assert await stale_derived_rows(connection) == []


async def test_a_sum_of_flows_follows_its_inputs(
    sessionmaker: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    curator: dict[str, str],
    tmp_path: Path,
) -> None:
    await load_release(sessionmaker, tmp_path, "uz-tm-flows", [EXPORTS, IMPORTS], REVISED_EXPORTS)
    inputs = [await reported_id(client, flow, 2023) for flow in ("export", "import")]
    assert await derived(client) == [("sum_of_flows", "2023", 500_000_000, inputs)]

    stated = await load_release(sessionmaker, tmp_path, "tm-uz-turnover", [STATED_TURNOVER])
    assert await derived(client) == []

    await delete_document(sessionmaker, stated)
    assert await derived(client) == [("sum_of_flows", "2023", 500_000_000, inputs)]

    response = await client.patch(
        f"/turnover/{inputs[0]}",
        json={"value_usd": 310_000_000, "quote": REVISED_EXPORTS.strip()},
        headers=curator,
    )
    assert response.status_code == 200, response.text
    assert await derived(client) == [("sum_of_flows", "2023", 510_000_000, inputs)]
    assert await stale_derived_rows(connection) == []


async def test_resolve_latest_keeps_the_derived_figure_of_the_newest_input(
    sessionmaker: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    tmp_path: Path,
) -> None:
    """Two sources state 2024 with its growth: each implies 2023; `latest` keeps the one whose
    input's document was published last, as it does for reported figures."""
    older = Stated(
        "Trade between Uzbekistan and Turkmenistan reached $1.32 billion in 2024, up 10 percent.",
        "UZB",
        "TKM",
        "turnover",
        2024,
        1_320_000_000,
        growth_pct=10,
    )
    await load_release(
        sessionmaker, tmp_path, "uz-tm-2024-early", [older], published_on="2025-01-10"
    )
    await load_release(sessionmaker, tmp_path, "uz-tm-2024", [GROWTH], published_on="2025-03-01")
    latest = {"country": "TKM", "year": "2024", "resolve": "latest"}
    [newest_input] = [
        item["id"] for item in (await client.get("/turnover", params=latest)).json()["items"]
    ]

    assert sorted(value for _, _, value, _ in await derived(client)) == [
        1_000_000_000,
        1_200_000_000,
    ]
    assert await derived(client, resolve="latest") == [
        ("prior_from_growth", "2023", 1_000_000_000, [newest_input])
    ]
    # The same from the versions current at an instant, beside the reported figures.
    now = (await connection.execute(text("SELECT clock_timestamp()"))).scalar_one()
    params = {"basis": "all", "resolve": "latest", "country": "TKM", "as_of": now.isoformat()}
    items = (await client.get("/turnover", params=params)).json()["items"]
    assert [(item["basis"], item["period_label"], item["value_usd"]) for item in items] == [
        ("derived", "2023", 1_000_000_000),
        ("reported", "2024", 1_200_000_000),
    ]


async def scalar(session: AsyncSession, sql: str, **values: Any) -> Any:
    return (await session.execute(text(sql), values)).scalar_one()


async def test_one_statement_bumps_the_data_version_once_and_rewrites_only_changed_rows(
    sessionmaker: async_sessionmaker[AsyncSession],
    session: AsyncSession,
    client: httpx.AsyncClient,
    tmp_path: Path,
) -> None:
    await load_release(sessionmaker, tmp_path, "uz-tm-2024", [GROWTH])
    growth_id = await reported_id(client, "turnover", 2024)
    version = "SELECT version FROM data_state"
    # ctid: where the row's current version lies; an UPDATE writes a new one elsewhere.
    place = "SELECT ctid::text FROM derived_figures WHERE key_id = :key"
    before, where = await scalar(session, version), await scalar(session, place, key=-growth_id)

    await session.execute(
        text("UPDATE turnover_periods SET growth_pct = growth_pct WHERE id = :id"),
        {"id": growth_id},
    )
    assert await scalar(session, version) == before
    assert await scalar(session, place, key=-growth_id) == where

    await session.execute(
        text("UPDATE turnover_periods SET growth_pct = 50 WHERE id = :id"), {"id": growth_id}
    )
    assert await scalar(session, version) == before + 1
    assert await scalar(session, place, key=-growth_id) != where
    assert await derived(client) == [("prior_from_growth", "2023", 800_000_000, [growth_id])]


async def test_rebuild_writes_what_triggers_did_not(
    sessionmaker: async_sessionmaker[AsyncSession],
    session: AsyncSession,
    connection: AsyncConnection,
    client: httpx.AsyncClient,
    tmp_path: Path,
) -> None:
    """A bulk load with triggers off (session_replication_role = replica) then rebuilds."""
    await load_release(sessionmaker, tmp_path, "uz-tm-2024", [GROWTH])
    growth_id = await reported_id(client, "turnover", 2024)
    await session.execute(text("SET LOCAL session_replication_role = replica"))
    await session.execute(
        text("UPDATE turnover_periods SET growth_pct = 50 WHERE id = :id"), {"id": growth_id}
    )
    await session.execute(text("SET LOCAL session_replication_role = origin"))
    assert await stale_derived_rows(connection) == [
        ("missing", -growth_id),
        ("stale", -growth_id),
    ]

    assert await scalar(session, "SELECT rebuild_derived_figures()") == 1

    assert await stale_derived_rows(connection) == []
    assert await derived(client) == [("prior_from_growth", "2023", 800_000_000, [growth_id])]


async def test_a_derived_figure_moves_with_its_input_to_another_pair(
    sessionmaker: async_sessionmaker[AsyncSession],
    session: AsyncSession,
    connection: AsyncConnection,
    client: httpx.AsyncClient,
    tmp_path: Path,
) -> None:
    await load_release(sessionmaker, tmp_path, "uz-tm-2024", [GROWTH])
    growth_id = await reported_id(client, "turnover", 2024)

    await session.execute(
        text("UPDATE turnover_periods SET partner_code = 'KAZ' WHERE id = :id"), {"id": growth_id}
    )

    assert await derived(client) == []
    moved = await scalar(
        session, "SELECT partner_code FROM derived_figures WHERE key_id = :key", key=-growth_id
    )
    assert moved == "KAZ"
    assert await stale_derived_rows(connection) == []
