"""Turn the names a fact file uses for countries, places and people into database ids."""

from sqlalchemy import bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.models import Country, CountryAlias, Person, Place, PlaceAlias
from app.text_keys import name_key


class ResolutionError(LookupError):
    """A name that matches nothing (or too many things)."""


# Built once: the API resolves a country on most requests.
_BY_CODE = select(Country.alpha3).where(
    or_(
        Country.alpha3 == bindparam("code"),
        Country.alpha2 == bindparam("code"),
        Country.numeric_code == bindparam("numeric"),
    )
)
_BY_ALIAS = select(CountryAlias.country_code).where(CountryAlias.alias_key == bindparam("key"))


async def find_country(session: AsyncSession | AsyncConnection, ref: str) -> str | None:
    """alpha-3 of a country given by alpha-2, alpha-3, numeric code, name or alias."""
    code = ref.strip().upper()
    by_code = await session.scalar(_BY_CODE, {"code": code, "numeric": code.zfill(3)})
    if by_code is not None:
        return str(by_code)
    found = await session.scalar(_BY_ALIAS, {"key": name_key(ref)})
    return str(found) if found is not None else None


class Resolver:
    """Name lookups for one load, cached: a fact file names the same things many times."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._countries: dict[str, str] = {}
        self._people: dict[str, int] = {}

    async def country(self, ref: str) -> str:
        if ref not in self._countries:
            found = await find_country(self._session, ref)
            if found is None:
                raise ResolutionError(f"unknown country {ref!r}")
            self._countries[ref] = found
        return self._countries[ref]

    async def place(self, name: str, country: str | None = None) -> int:
        query = (
            select(Place.id)
            .join(PlaceAlias, PlaceAlias.place_id == Place.id, isouter=True)
            .where(or_(PlaceAlias.alias_key == name_key(name), Place.name == name))
            .distinct()
        )
        if country is not None:
            query = query.where(Place.country_code == country)
        ids = list(await self._session.scalars(query))
        if not ids:
            raise ResolutionError(f"unknown place {name!r}; list it under `places`")
        if len(ids) > 1:
            raise ResolutionError(f"place {name!r} is ambiguous; give its country")
        return ids[0]

    def remember_person(self, key: str, person_id: int) -> None:
        self._people[key] = person_id

    async def person(self, key: str) -> int:
        if key not in self._people:
            found = await self._session.scalar(select(Person.id).where(Person.key == key))
            if found is None:
                raise ResolutionError(f"unknown person {key!r}; list them under `people`")
            self._people[key] = found
        return self._people[key]
