"""Two transactions writing figures of one pair at once leave no stale derived figure.

Under READ COMMITTED neither sees the other's rows before commit: the one that inserts a
growth figure would derive the prior period while the other inserts that period as reported.
The second must wait until the first ends, so that its recompute sees what the first
committed. The data version's row already makes it wait (its trigger fires first and holds
the row to commit); the pair's advisory lock does so on its own too, as the cases with the
data version's triggers disabled show. Each case is interleaved by a barrier (the second is
seen waiting for a lock) and ends by comparing derived_figures with a recompute from scratch.
"""

import asyncio
import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.engine import asyncpg_dsn, create_sessionmaker
from tests.turnover.releases import Stated, load_release, stale_derived_rows

# 2024 with its growth implies 2023; a reported 2023 (either direction) stands instead.
GROWTH_2024 = ("UZB", "TKM", 2024, 1_200_000_000, 20)
PRIOR_2023 = ("TKM", "UZB", 2023, 980_000_000, None)
QUOTE = "Trade between Uzbekistan and Turkmenistan grew."


@dataclass(frozen=True)
class Database:
    dsn: str
    engine: AsyncEngine
    document_id: int


@pytest_asyncio.fixture(loop_scope="session")
async def database(
    committed_database: str, committed_engine: AsyncEngine, tmp_path: Path
) -> Database:
    sentence = Stated(QUOTE, "UZB", "TKM", "export", 2000, 1)
    sessionmaker = create_sessionmaker(committed_engine)
    document_id = await load_release(sessionmaker, tmp_path, "uz-tm-concurrent", [sentence])
    return Database(asyncpg_dsn(committed_database), committed_engine, document_id)


async def alter(database: Database, sql: str) -> None:
    connection = await asyncpg.connect(database.dsn)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def without_data_version(database: Database) -> None:
    """Figures' statements no longer bump the data version (nor lock its row)."""
    for event in ("insert", "update", "delete"):
        await alter(
            database,
            f"ALTER TABLE turnover_periods DISABLE TRIGGER turnover_periods_bump_on_{event}",
        )


async def without_pair_lock(database: Database) -> None:
    """The recompute takes no advisory lock."""
    connection = await asyncpg.connect(database.dsn)
    try:
        definition = await connection.fetchval(
            "SELECT pg_get_functiondef('refresh_derived_figures'::regproc)"
        )
        unlocked = re.sub(r"PERFORM pg_advisory_xact_lock\([^;]*;", "NULL;", definition)
        assert unlocked != definition
        await connection.execute(unlocked)
    finally:
        await connection.close()


@pytest_asyncio.fixture(loop_scope="session")
async def observer(database: Database) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(database.dsn)
    yield connection
    await connection.close()


async def insert_figure(
    connection: asyncpg.Connection,
    document_id: int,
    figure: tuple[str, str, int, int, int | None],
) -> None:
    reporter, partner, year, value, growth = figure
    await connection.execute(
        """
        INSERT INTO turnover_periods (document_id, reporter_code, partner_code, flow,
            period_start, period_end, period_label, amount, currency, value_usd,
            value_qualifier, growth_pct, growth_qualifier, quote, char_start, char_end)
        VALUES ($1, $2, $3, 'turnover', make_date($4, 1, 1), make_date($4, 12, 31), $4::text,
            $5, 'USD', $5, 'exact', $6, CASE WHEN $6::numeric IS NULL THEN NULL ELSE 'exact' END,
            $7, 0, length($7))
        ON CONFLICT DO NOTHING
        """,
        document_id,
        reporter,
        partner,
        year,
        value,
        growth,
        QUOTE,
    )


async def delete_figure(
    connection: asyncpg.Connection, figure: tuple[str, str, int, int, int | None]
) -> None:
    reporter, partner, year, _, _ = figure
    await connection.execute(
        "DELETE FROM turnover_periods WHERE reporter_code = $1 AND partner_code = $2"
        " AND period_start = make_date($3, 1, 1) AND flow = 'turnover'",
        reporter,
        partner,
        year,
    )


async def lock_awaited(observer: asyncpg.Connection, pid: int) -> str | None:
    """The kind of lock `pid` waits for ('advisory', 'transactionid' ...), or None."""
    found = await observer.fetchval(
        "SELECT wait_event FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
        pid,
    )
    return None if found is None else str(found)


async def barrier(
    observer: asyncpg.Connection, pid: int, statement: asyncio.Task[None]
) -> str | None:
    """Wait until `pid` waits for a lock (its kind) or its statement has ended (None)."""
    while not statement.done():
        if (awaited := await lock_awaited(observer, pid)) is not None:
            return awaited
        await asyncio.sleep(0.005)  # polling the server's state, not a timing assumption
    return None


async def derived_keys(database: Database) -> list[int]:
    connection = await asyncpg.connect(database.dsn)
    try:
        rows = await connection.fetch("SELECT key_id FROM derived_figures ORDER BY key_id")
    finally:
        await connection.close()
    return [row["key_id"] for row in rows]


async def assert_derived_as_from_scratch(database: Database) -> None:
    async with database.engine.connect() as connection:
        assert await stale_derived_rows(connection) == []


async def interleave(
    database: Database,
    observer: asyncpg.Connection,
    first: tuple[str, str, int, int, int | None],
    second: tuple[str, str, int, int, int | None],
    first_commits: bool,
) -> str | None:
    """`first` inserted and left open; `second` inserted on another connection; then the first
    ends, then the second commits. Returns the lock the second waited for, if any."""
    one, two = await asyncpg.connect(database.dsn), await asyncpg.connect(database.dsn)
    try:
        first_transaction, second_transaction = one.transaction(), two.transaction()
        await first_transaction.start()
        await second_transaction.start()
        await insert_figure(one, database.document_id, first)
        statement = asyncio.create_task(insert_figure(two, database.document_id, second))
        waited = await barrier(observer, two.get_server_pid(), statement)
        await (first_transaction.commit() if first_commits else first_transaction.rollback())
        await statement
        await second_transaction.commit()
    finally:
        await one.close()
        await two.close()
    return waited


CASES = [
    (GROWTH_2024, PRIOR_2023, True, False),
    (PRIOR_2023, GROWTH_2024, True, False),
    (GROWTH_2024, PRIOR_2023, False, False),
    (PRIOR_2023, GROWTH_2024, False, True),
]
CASE_IDS = ["growth-then-prior", "prior-then-growth", "growth-rolled-back", "prior-rolled-back"]


@pytest.mark.parametrize(("first", "second", "first_commits", "derived_prior"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("data_version", [True, False], ids=["as-deployed", "pair-lock-alone"])
async def test_concurrent_writes_to_one_pair(
    database: Database,
    observer: asyncpg.Connection,
    first: tuple[str, str, int, int, int | None],
    second: tuple[str, str, int, int, int | None],
    first_commits: bool,
    derived_prior: bool,
    data_version: bool,
) -> None:
    if not data_version:
        await without_data_version(database)

    waited = await interleave(database, observer, first, second, first_commits)

    assert waited == ("transactionid" if data_version else "advisory")
    priors = [key for key in await derived_keys(database) if key > -(2**62)]
    assert bool(priors) == derived_prior
    await assert_derived_as_from_scratch(database)


async def test_with_neither_a_stale_derived_figure_remains(
    database: Database, observer: asyncpg.Connection
) -> None:
    """The check above can fail: with no data version and no pair lock, the second
    transaction does not wait, and the prior derived from growth outlives its reason."""
    await without_data_version(database)
    await without_pair_lock(database)

    waited = await interleave(database, observer, GROWTH_2024, PRIOR_2023, True)

    assert waited is None
    async with database.engine.connect() as reads:
        assert await stale_derived_rows(reads) == [("stale", await growth_key(database))]


async def growth_key(database: Database) -> int:
    connection = await asyncpg.connect(database.dsn)
    try:
        found = await connection.fetchval(
            "SELECT -id FROM turnover_periods WHERE growth_pct IS NOT NULL"
        )
    finally:
        await connection.close()
    return int(found)


async def test_random_interleavings_end_as_a_recompute_from_scratch(
    database: Database, observer: asyncpg.Connection
) -> None:
    """Seeded: rounds of two transactions, each inserting or deleting a figure (with or
    without a growth) of one of two pairs; the first ends (commit or rollback) before the
    second commits when the second waits for it, else they commit in either order."""
    chance = random.Random(20261206)
    for _ in range(12):
        one, two = await asyncpg.connect(database.dsn), await asyncpg.connect(database.dsn)
        try:
            first, second = one.transaction(), two.transaction()
            await first.start()
            await second.start()
            await random_step(chance, one, database.document_id)
            statement = asyncio.create_task(random_step(chance, two, database.document_id))
            if await barrier(observer, two.get_server_pid(), statement) is not None:
                await (first.commit() if chance.random() < 0.7 else first.rollback())
                await statement
                await second.commit()
            else:
                await statement
                ends = [first.commit(), second.commit()]
                chance.shuffle(ends)
                for end in ends:
                    await end
        finally:
            await one.close()
            await two.close()
        await assert_derived_as_from_scratch(database)


PAIRS = (("UZB", "TKM"), ("TKM", "UZB"), ("TKM", "KAZ"))


async def random_step(
    chance: random.Random, connection: asyncpg.Connection, document_id: int
) -> None:
    reporter, partner = chance.choice(PAIRS)
    year = chance.choice((2022, 2023, 2024))
    figure = (reporter, partner, year, 1000 + year, chance.choice((None, 10)))
    if chance.random() < 0.3:
        await delete_figure(connection, figure)
    else:
        await insert_figure(connection, document_id, figure)
