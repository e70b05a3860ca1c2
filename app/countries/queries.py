"""Every SELECT about countries."""

from typing import Any

from sqlalchemy import ColumnElement, Row, bindparam, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.text_keys import name_key
from app.models import AgreementParty, Country, CountryAlias, Target, TurnoverPeriod
from app.paging.keyset import Listing


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


# Built once: the API resolves a country on most requests.
_BY_CODE = select(Country.alpha3).where(
    or_(
        Country.alpha3 == bindparam("code"),
        Country.alpha2 == bindparam("code"),
        Country.numeric_code == bindparam("numeric"),
    )
)
_BY_ALIAS = select(CountryAlias.country_code).where(CountryAlias.alias_key == bindparam("key"))


async def find_country(session: AsyncSession, ref: str) -> str | None:
    """alpha-3 of a country given by alpha-2, alpha-3, numeric code, name or alias."""
    code = ref.strip().upper()
    by_code = await session.scalar(_BY_CODE, {"code": code, "numeric": code.zfill(3)})
    if by_code is not None:
        return str(by_code)
    found = await session.scalar(_BY_ALIAS, {"key": name_key(ref)})
    return str(found) if found is not None else None
