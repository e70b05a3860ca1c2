"""Keep the countries and their aliases in step with pycountry and aliases.yaml."""

from collections.abc import Sequence

from sqlalchemy import TableValuedAlias, Text, bindparam, func, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.reference import country_aliases, iso_countries
from app.models import Country, CountryAlias

COUNTRY_COLUMNS = ("alpha3", "alpha2", "numeric_code", "name", "official_name")
ALIAS_COLUMNS = ("alias_key", "alias", "country_code")


def unnested(columns: Sequence[str], rows: Sequence[Sequence[str | None]]) -> TableValuedAlias:
    """The rows as a table, sent as one array per column: a statement of a few parameters
    whatever the number of rows, quick to send and to plan (each load runs it)."""
    arrays = (
        bindparam(name, [row[at] for row in rows], type_=ARRAY(Text))
        for at, name in enumerate(columns)
    )
    return func.unnest(*arrays).table_valued(*columns).render_derived()


async def sync_countries(session: AsyncSession) -> None:
    """Upsert every ISO country and alias; rows that already match are left untouched."""
    countries = unnested(
        COUNTRY_COLUMNS,
        [(c.alpha3, c.alpha2, c.numeric_code, c.name, c.official_name) for c in iso_countries()],
    )
    statement = insert(Country).from_select(COUNTRY_COLUMNS, select(countries))
    changed = COUNTRY_COLUMNS[1:]
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Country.alpha3],
            set_={column: statement.excluded[column] for column in changed},
            where=tuple_(*(Country.__table__.c[c] for c in changed)).is_distinct_from(
                tuple_(*(statement.excluded[c] for c in changed))
            ),
        )
    )
    aliases = unnested(
        ALIAS_COLUMNS,
        [(key, alias, alpha3) for key, (alias, alpha3) in country_aliases().items()],
    )
    await session.execute(
        insert(CountryAlias)
        .from_select(ALIAS_COLUMNS, select(aliases))
        .on_conflict_do_nothing(index_elements=[CountryAlias.alias_key])
    )
