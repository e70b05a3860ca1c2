"""Every SELECT about countries."""

from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from app.models import AgreementParty, Country, CountryAlias, Target, TurnoverPeriod

# Shaped as CountryRead.
COLUMNS = (
    Country.alpha3.label("code"),
    Country.alpha2,
    Country.numeric_code.label("numeric"),
    Country.name,
    Country.official_name,
)


def _has_data() -> ColumnElement[bool]:
    """One index probe per country and column (each has an index led by it), not a pass
    over millions of figures: the planner stops at the first row found."""
    return or_(
        *(
            exists().where(column == Country.alpha3)
            for column in (
                TurnoverPeriod.reporter_code,
                TurnoverPeriod.partner_code,
                Target.country_a_code,
                Target.country_b_code,
                AgreementParty.country_code,
            )
        )
    )


def listing(has_data: bool | None, after: str | None, limit: int) -> Select[*tuple[Any, ...]]:
    query: Select[*tuple[Any, ...]] = select(*COLUMNS).order_by(Country.alpha3).limit(limit + 1)
    if has_data is not None:
        query = query.where(_has_data() if has_data else ~_has_data())
    if after is not None:
        query = query.where(Country.alpha3 > after)
    return query


async def list_countries(
    connection: AsyncConnection, *, has_data: bool | None, after: str | None, limit: int
) -> list[dict[str, Any]]:
    query = listing(has_data, after, limit)
    return [dict(row) for row in (await connection.execute(query)).mappings()]


async def get_country(connection: AsyncConnection, code: str) -> dict[str, Any] | None:
    row = (await connection.execute(select(*COLUMNS).where(Country.alpha3 == code))).first()
    return dict(row._mapping) if row is not None else None


async def aliases_of(connection: AsyncConnection, code: str) -> list[str]:
    query = select(CountryAlias.alias).where(CountryAlias.country_code == code)
    return sorted(await connection.scalars(query))


async def figure_count(connection: AsyncConnection, code: str) -> int:
    query = select(func.count()).where(
        or_(TurnoverPeriod.reporter_code == code, TurnoverPeriod.partner_code == code)
    )
    return int(await connection.scalar(query) or 0)
