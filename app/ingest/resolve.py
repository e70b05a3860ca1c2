"""Turn the names a fact file uses for countries, places and people into database ids."""

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.queries import find_country
from app.countries.text_keys import name_key
from app.models import Person, Place, PlaceAlias


class ResolutionError(LookupError):
    """A name that matches nothing (or too many things)."""


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
