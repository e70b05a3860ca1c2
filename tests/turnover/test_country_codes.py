"""A figure names known countries, however it is written; a named country stays.

Triggers check the codes once per statement (no per-row foreign keys): these tests hold
them to what the foreign keys did, SQLSTATE 23503 included.
"""

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from app.db.engine import asyncpg_dsn
from app.ingest.comtrade.loader import COPY_COLUMNS

UNKNOWN = "ATL"  # the right shape, but no country

FIGURE = """
    INSERT INTO turnover_periods (reporter_code, partner_code, flow, period_start, period_end,
        period_label, amount, value_usd, value_qualifier, document_id, quote, char_start,
        char_end)
    SELECT :reporter, :partner, 'export', DATE '2031-01-01', DATE '2031-12-31', '2031',
        1, 1, 'exact', min(id), 'x', 0, 1
    FROM documents
    RETURNING id
"""
# A country no figure, target or place names (its aliases go with it).
SPARE_COUNTRY = """
    SELECT alpha3 FROM countries AS c
    WHERE NOT EXISTS (SELECT FROM turnover_periods
                      WHERE reporter_code = c.alpha3 OR partner_code = c.alpha3)
      AND NOT EXISTS (SELECT FROM targets
                      WHERE country_a_code = c.alpha3 OR country_b_code = c.alpha3)
      AND NOT EXISTS (SELECT FROM places WHERE country_code = c.alpha3)
    ORDER BY alpha3 LIMIT 1
"""


def postgres_error(exc: BaseException) -> asyncpg.PostgresError:
    """asyncpg's error, raised directly or wrapped by SQLAlchemy."""
    found = exc.orig.__cause__ if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    assert isinstance(found, asyncpg.PostgresError)
    return found


async def refused(connection: AsyncConnection, sql: str, **params: Any) -> BaseException:
    """Run sql in a savepoint that its error rolls back; return the error."""
    with pytest.raises(DBAPIError) as raised:
        async with connection.begin_nested():
            await connection.execute(text(sql), params)
    return raised.value


@pytest_asyncio.fixture(loop_scope="session")
async def spare(connection: AsyncConnection) -> str:
    code = await connection.scalar(text(SPARE_COUNTRY))
    assert code is not None
    return str(code)


async def test_an_insert_naming_an_unknown_country_fails(connection: AsyncConnection) -> None:
    error = postgres_error(await refused(connection, FIGURE, reporter=UNKNOWN, partner="KGZ"))

    assert error.sqlstate == "23503"
    assert error.message == (
        f'insert or update on table "turnover_periods" names country {UNKNOWN},'
        ' which is not in table "countries"'
    )
    assert error.detail == f'Key (reporter_code)=({UNKNOWN}) is not present in table "countries".'
    assert (error.table_name, error.column_name) == ("turnover_periods", "reporter_code")

    error = postgres_error(await refused(connection, FIGURE, reporter="KGZ", partner=UNKNOWN))
    assert error.column_name == "partner_code"


async def test_a_copy_naming_an_unknown_country_fails(connection: AsyncConnection) -> None:
    document_id = await connection.scalar(text("SELECT min(id) FROM documents"))
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection  # asyncpg's, for its COPY
    year = (date(2031, 1, 1), date(2031, 12, 31), "2031")
    rows = [
        ("KAZ", "KGZ", "export", *year, 1, 1, "x", 0, 1, "USD", "exact", None, document_id),
        ("KAZ", UNKNOWN, "import", *year, 1, 1, "x", 0, 1, "USD", "exact", None, document_id),
    ]

    with pytest.raises(asyncpg.ForeignKeyViolationError, match=f"names country {UNKNOWN}"):
        async with connection.begin_nested():
            await driver.copy_records_to_table(
                "turnover_periods", records=rows, columns=COPY_COLUMNS
            )

    # The statement failed whole: its good row went too.
    assert not await connection.scalar(
        text("SELECT count(*) FROM turnover_periods WHERE period_label = '2031'")
    )


async def test_an_update_to_an_unknown_country_fails(connection: AsyncConnection) -> None:
    inserted = await connection.execute(text(FIGURE), {"reporter": "KAZ", "partner": "KGZ"})
    row_id = inserted.scalar_one()

    error = postgres_error(
        await refused(
            connection,
            "UPDATE turnover_periods SET partner_code = :code WHERE id = :id",
            code=UNKNOWN,
            id=row_id,
        )
    )

    assert error.sqlstate == "23503"
    assert error.detail == f'Key (partner_code)=({UNKNOWN}) is not present in table "countries".'
    await connection.execute(
        text("UPDATE turnover_periods SET partner_code = 'UZB' WHERE id = :id"), {"id": row_id}
    )


async def test_a_country_figures_name_cannot_be_deleted_or_rekeyed(
    connection: AsyncConnection, spare: str
) -> None:
    await connection.execute(text(FIGURE), {"reporter": "KAZ", "partner": spare})

    delete = "DELETE FROM countries WHERE alpha3 = :code"
    error = postgres_error(await refused(connection, delete, code=spare))
    assert error.sqlstate == "23503"
    assert (
        error.detail == f'Key (alpha3)=({spare}) is still referenced from table "turnover_periods".'
    )

    # Its aliases would refuse a new code themselves: without them, the figures refuse it.
    await connection.execute(
        text("DELETE FROM country_aliases WHERE country_code = :code"), {"code": spare}
    )
    rekey = "UPDATE countries SET alpha3 = 'QQQ' WHERE alpha3 = :code"
    error = postgres_error(await refused(connection, rekey, code=spare))
    assert error.sqlstate == "23503"
    assert error.table_name == "countries"

    # Other changes to the country are no concern of the figures.
    await connection.execute(
        text("UPDATE countries SET name = name || ' (renamed)' WHERE alpha3 = :code"),
        {"code": spare},
    )


async def test_a_country_no_figure_names_can_be_deleted(
    connection: AsyncConnection, spare: str
) -> None:
    await connection.execute(text("DELETE FROM countries WHERE alpha3 = :code"), {"code": spare})

    assert not await connection.scalar(
        text("SELECT count(*) FROM countries WHERE alpha3 = :code"), {"code": spare}
    )


async def test_countries_are_deleted_only_under_read_committed(
    engine: AsyncEngine, connection: AsyncConnection, spare: str
) -> None:
    async with engine.connect() as other:
        await other.execution_options(isolation_level="REPEATABLE READ")
        with pytest.raises(DBAPIError) as raised:
            async with other.begin():
                await other.execute(
                    text("DELETE FROM countries WHERE alpha3 = :code"), {"code": spare}
                )

    error = postgres_error(raised.value)
    assert error.sqlstate == "0A000"
    assert (
        error.message
        == f"country {spare} can be deleted or re-keyed only in a READ COMMITTED transaction"
    )


@pytest_asyncio.fixture(loop_scope="session")
async def two_connections(
    committed_database: str,
) -> AsyncIterator[tuple[asyncpg.Connection, asyncpg.Connection]]:
    loading = await asyncpg.connect(asyncpg_dsn(committed_database))
    deleting = await asyncpg.connect(asyncpg_dsn(committed_database))
    try:
        await loading.execute(
            "INSERT INTO countries VALUES ('KAZ', 'KZ', '398', 'Kazakhstan', NULL),"
            " ('KGZ', 'KG', '417', 'Kyrgyzstan', NULL);"
            "INSERT INTO documents (slug, title, text, sha256, content_sha256)"
            " VALUES ('d', 'd', 'x', repeat('0', 64), repeat('0', 64))"
        )
        yield loading, deleting
    finally:
        await loading.close()
        await deleting.close()


async def test_a_load_keeps_its_countries_until_it_commits(
    two_connections: tuple[asyncpg.Connection, asyncpg.Connection],
) -> None:
    loading, deleting = two_connections
    insert = FIGURE.replace(":reporter", "'KAZ'").replace(":partner", "'KGZ'")
    load = loading.transaction()
    await load.start()
    await loading.execute(insert)

    # The load's statement locked both countries, as a foreign key's check does.
    await deleting.execute("SET lock_timeout = '200ms'")
    with pytest.raises(asyncpg.LockNotAvailableError):
        await deleting.execute("DELETE FROM countries WHERE alpha3 = 'KGZ'")

    await load.commit()

    with pytest.raises(asyncpg.ForeignKeyViolationError, match="still referenced"):
        await deleting.execute("DELETE FROM countries WHERE alpha3 = 'KGZ'")
