"""Turnover derived as exports + imports, when one source states both for a pair and period."""

from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.comtrade.loader import ImportOptions, import_csv
from app.ingest.comtrade.sample import line
from tests.ingest.comtrade.files import KAZ_KGZ_2022, write_csv


async def load(
    sessionmaker: async_sessionmaker[AsyncSession], folder: Path, rows: list[str]
) -> int:
    report = await import_csv(sessionmaker, write_csv(folder, rows), ImportOptions())
    return report.document_id


async def test_exports_plus_imports_is_a_derived_turnover(
    sessionmaker: async_sessionmaker[AsyncSession], client: httpx.AsyncClient, tmp_path: Path
) -> None:
    rows = [
        line("USA", "FRA", "X", 2022, None, "1000.40"),
        line("USA", "FRA", "M", 2022, None, "500.20"),
        line("USA", "FRA", "X", 2023, None, "7"),  # no imports for 2023: no sum
    ]
    document_id = await load(sessionmaker, tmp_path, rows)
    exports = (await client.get("/turnover?reporter=USA&flow=export&year=2022")).json()
    imports = (await client.get("/turnover?reporter=USA&flow=import&year=2022")).json()

    series = (await client.get("/turnover/series?countries=FRA,USA")).json()

    (point,) = series["points"]
    assert point["basis"] == "derived"
    assert point["id"] is None
    assert (point["reporter"], point["partner"], point["flow"]) == ("USA", "FRA", "turnover")
    assert point["period_label"] == "2022"
    assert point["value_usd"] == 1501  # whole dollars, like every derived value
    assert point["value_qualifier"] == "exact"
    assert point["derivation"] == {
        "method": "sum_of_flows",
        "formula": "1000.4 + 500.2",
        "input_ids": [exports["items"][0]["id"], imports["items"][0]["id"]],
    }
    assert point["source"]["document_id"] == document_id
    assert point["source"]["quote"] == rows[0]


async def test_a_reported_turnover_wins_over_the_sum(
    sessionmaker: async_sessionmaker[AsyncSession], client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await load(sessionmaker, tmp_path, KAZ_KGZ_2022)  # the seed states 2022's turnover

    listing = (await client.get("/turnover?basis=derived&year=2022&flow=turnover")).json()

    assert all(item["derivation"]["method"] != "sum_of_flows" for item in listing["items"])


async def test_sums_are_listed_with_basis_derived_and_paged(
    sessionmaker: async_sessionmaker[AsyncSession], client: httpx.AsyncClient, tmp_path: Path
) -> None:
    rows = [
        line("USA", "FRA", flow, year, None, str(year))
        for year in (2019, 2020, 2021)
        for flow in ("X", "M")
    ]
    await load(sessionmaker, tmp_path, rows)

    first = (await client.get("/turnover?basis=derived&country=USA&limit=2")).json()
    second = (
        await client.get(
            f"/turnover?basis=derived&country=USA&limit=2&cursor={first['next_cursor']}"
        )
    ).json()

    labels = [item["period_label"] for item in first["items"] + second["items"]]
    assert labels == ["2019", "2020", "2021"]
    assert {item["value_usd"] for item in first["items"]} == {4038, 4040}
