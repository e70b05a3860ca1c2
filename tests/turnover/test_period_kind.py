"""period_kind: the expression the database stores is the model's, and it names every period
as the extract()-based expression it replaced did."""

import importlib.util
from types import ModuleType

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.migrate import MIGRATIONS_DIR
from app.models.figures import PERIOD_KIND_SQL, PERIOD_KINDS


def migration(slug: str) -> ModuleType:
    (path,) = (MIGRATIONS_DIR / "versions").glob(f"*_{slug}.py")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIRST = migration("period_kind").PERIOD_KIND

# Every start day from November 2019 to March 2021 (a leap February, two year ends) with every
# end from a month before to 400 days after; and whole months up to four years apart.
DATE_PAIRS = """
    SELECT date '2019-11-01' + s AS period_start, date '2019-11-01' + s + span AS period_end
    FROM generate_series(0, 500) AS s, generate_series(-31, 400) AS span
    UNION ALL
    SELECT (date '2018-01-01' + make_interval(months => a))::date,
           (date '2018-01-01' + make_interval(months => b + 1))::date - 1
    FROM generate_series(0, 47) AS a, generate_series(0, 47) AS b
"""


async def test_the_new_expression_names_every_period_as_the_first_one_did(
    session: AsyncSession,
) -> None:
    result = await session.execute(
        text(
            f"""SELECT count(*) AS pairs,
                count(*) FILTER (WHERE ({FIRST}) IS DISTINCT FROM ({PERIOD_KIND_SQL})) AS differ,
                array_agg(DISTINCT ({PERIOD_KIND_SQL})) AS kinds
            FROM ({DATE_PAIRS}) AS pairs"""
        )
    )
    row = result.one()

    assert row.pairs > 200_000
    assert row.differ == 0
    assert sorted(row.kinds) == sorted(PERIOD_KINDS)  # every kind was compared


async def test_the_database_computes_period_kind_with_the_models_expression(
    session: AsyncSession,
) -> None:
    # PostgreSQL stores an expression in its own words; a probe column says what the model's
    # expression reads as in them (Alembic cannot compare generated columns).
    await session.execute(
        text(
            "CREATE TEMP TABLE period_kind_probe (period_start date, period_end date,"
            f" period_kind varchar(8) GENERATED ALWAYS AS ({PERIOD_KIND_SQL}) STORED)"
        )
    )
    stored = await session.execute(
        text(
            """SELECT c.relname, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attrdef AS d
            JOIN pg_attribute AS a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            JOIN pg_class AS c ON c.oid = d.adrelid
            WHERE a.attname = 'period_kind'
              AND c.relname IN ('turnover_periods', 'turnover_periods_history',
                                'period_kind_probe')"""
        )
    )
    expressions: dict[str, str] = dict(stored.all())

    assert expressions["turnover_periods"] == expressions["period_kind_probe"]
    assert expressions["turnover_periods_history"] == expressions["period_kind_probe"]


def test_downgrading_restores_the_first_expression() -> None:
    assert migration("period_kind_from_date_part").PREVIOUS == FIRST
