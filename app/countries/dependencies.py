"""Country parameters: "kyrgyzstan", "KG", "kgz" or "417" become "KGZ", once, for every route."""

from typing import Annotated, Any

from fastapi import Depends, Path, Query
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.queries import find_country
from app.db.reads import ReadSessionDep
from app.http.ids import NO_NUL
from app.http.problems import InvalidParameter, NotFound

COUNTRY_DESCRIPTION = (
    "ISO 3166-1 alpha-2, alpha-3 or numeric code, or a name or alias "
    "(case-insensitive): `KG`, `KGZ`, `417`, `Kyrgyzstan`, `Kyrgyz Republic`."
)


async def _country_in_path(
    read: ReadSessionDep,
    code: Annotated[
        str,
        Path(max_length=100, pattern=NO_NUL, description=COUNTRY_DESCRIPTION, examples=["KGZ"]),
    ],
) -> str:
    found = await find_country(read, code)
    if found is None:
        raise NotFound("country", code)
    return found


async def resolve_query(session: AsyncSession, name: str, value: str | None) -> str | None:
    """The ISO3 code of query parameter `name`'s value; a 422 problem when none matches."""
    if value is None:
        return None
    found = await find_country(session, value)
    if found is None:
        raise InvalidParameter(f"query.{name}", f"unknown country {value!r}")
    return found


async def resolve_countries(session: AsyncSession, name: str, value: str, count: int) -> list[str]:
    """A comma-separated list of exactly `count` different countries, as ISO3 codes."""
    parts = [part.strip() for part in value.split(",") if part.strip()]
    codes = [await resolve_query(session, name, part) for part in parts]
    found = list(dict.fromkeys(code for code in codes if code is not None))
    if len(parts) != count or len(found) != count:
        raise InvalidParameter(
            f"query.{name}", f"give {count} different countries, comma-separated"
        )
    return found


def country_parameter(name: str, description: str) -> Any:
    """The optional country query parameter `name`, as routes and query models declare it."""
    return Query(
        alias=name,
        max_length=100,
        pattern=NO_NUL,
        description=f"{description} {COUNTRY_DESCRIPTION}",
        examples=["KAZ"],
    )


def country_query(name: str, description: str) -> object:
    """A dependency resolving the optional country query parameter `name`."""

    async def dependency(
        read: ReadSessionDep,
        value: Annotated[str | None, country_parameter(name, description)] = None,
    ) -> str | None:
        return await resolve_query(read, name, value)

    return Depends(dependency)


CountryCode = Annotated[str, Depends(_country_in_path)]
EITHER_SIDE = "Either side of the pair."
REPORTER = "Country whose officials or statistics state the figure."
PARTNER = "The other country."
CountryFilter = Annotated[str | None, country_query("country", EITHER_SIDE)]
ReporterFilter = Annotated[str | None, country_query("reporter", REPORTER)]
PartnerFilter = Annotated[str | None, country_query("partner", PARTNER)]
