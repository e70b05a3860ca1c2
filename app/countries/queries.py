"""Every SELECT about countries."""

from typing import Any

from sqlalchemy import ColumnElement, Row, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.keyset import Listing
from app.models import AgreementParty, Country, CountryAlias, Target, TurnoverPeriod


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


def countries_listing(*, has_data: bool | None) -> Listing:
    query = select(Country)
    if has_data is not None:
        query = query.where(_has_data() if has_data else ~_has_data())
    return Listing(query, (Country.alpha3,), _country)


def _country(row: Row[Any]) -> Country:
    country: Country = row[0]
    return country


async def get_country(session: AsyncSession, code: str) -> Country | None:
    return await session.get(Country, code)


async def aliases_of(session: AsyncSession, code: str) -> list[str]:
    query = select(CountryAlias.alias).where(CountryAlias.country_code == code)
    return sorted(await session.scalars(query))


async def figure_count(session: AsyncSession, code: str) -> int:
    query = select(func.count()).where(
        or_(TurnoverPeriod.reporter_code == code, TurnoverPeriod.partner_code == code)
    )
    return int(await session.scalar(query) or 0)
