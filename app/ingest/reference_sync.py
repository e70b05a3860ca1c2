"""Keep the countries and their aliases in step with pycountry and aliases.yaml."""

from sqlalchemy import tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.reference import country_aliases, iso_countries
from app.models import Country, CountryAlias


async def sync_countries(session: AsyncSession) -> None:
    """Upsert every ISO country and alias; rows that already match are left untouched."""
    rows = [
        {
            "alpha3": c.alpha3,
            "alpha2": c.alpha2,
            "numeric_code": c.numeric_code,
            "name": c.name,
            "official_name": c.official_name,
        }
        for c in iso_countries()
    ]
    statement = insert(Country).values(rows)
    changed = ("alpha2", "numeric_code", "name", "official_name")
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Country.alpha3],
            set_={column: statement.excluded[column] for column in changed},
            where=tuple_(*(Country.__table__.c[c] for c in changed)).is_distinct_from(
                tuple_(*(statement.excluded[c] for c in changed))
            ),
        )
    )
    alias_rows = [
        {"alias_key": key, "alias": alias, "country_code": alpha3}
        for key, (alias, alpha3) in country_aliases().items()
    ]
    await session.execute(
        insert(CountryAlias)
        .values(alias_rows)
        .on_conflict_do_nothing(index_elements=[CountryAlias.alias_key])
    )
