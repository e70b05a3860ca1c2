"""Every SELECT about countries."""

from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select, union
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
    codes = union(
        select(TurnoverPeriod.reporter_code.label("code")),
        select(TurnoverPeriod.partner_code),
        select(Target.country_a_code),
        select(Target.country_b_code),
        select(AgreementParty.country_code),
    ).subquery()
    return exists().where(codes.c.code == Country.alpha3)


async def list_countries(
    connection: AsyncConnection, *, has_data: bool | None, after: str | None, limit: int
) -> list[dict[str, Any]]:
    query = select(*COLUMNS).order_by(Country.alpha3).limit(limit + 1)
    if has_data is not None:
        query = query.where(_has_data() if has_data else ~_has_data())
    if after is not None:
        query = query.where(Country.alpha3 > after)
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
