"""Countries and aliases follow the reference data: what is missing is added, what was
changed is put back, and rows that already match are not written at all."""

from sqlalchemy import Text, delete, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.countries.reference import country_aliases, iso_countries
from app.ingest.reference_sync import sync_countries
from app.models import Country, CountryAlias


async def row_versions(session: AsyncSession) -> dict[str, str]:
    """Each country's physical row: an UPDATE, even to the same values, moves it."""
    ctid = literal_column("ctid::text", Text)
    rows = await session.execute(select(Country.alpha3, ctid))
    return dict(rows.all())


async def test_a_changed_country_is_put_back_and_the_others_are_left_alone(
    session: AsyncSession,
) -> None:
    await sync_countries(session)
    await session.execute(
        update(Country).where(Country.alpha3 == "KAZ").values(name="Qazaqstan", official_name=None)
    )
    before = await row_versions(session)

    await sync_countries(session)

    after = await row_versions(session)
    assert {code for code in before if before[code] != after[code]} == {"KAZ"}
    kazakhstan = await session.get(Country, "KAZ", populate_existing=True)
    assert kazakhstan is not None
    assert (kazakhstan.name, kazakhstan.official_name) == ("Kazakhstan", "Republic of Kazakhstan")


async def test_every_reference_country_and_alias_is_there_after_a_sync(
    session: AsyncSession,
) -> None:
    await sync_countries(session)
    await session.execute(delete(CountryAlias).where(CountryAlias.country_code == "KGZ"))

    await sync_countries(session)

    codes = set(await session.scalars(select(Country.alpha3)))
    assert codes >= {c.alpha3 for c in iso_countries()}
    rows = await session.execute(select(CountryAlias.alias_key, CountryAlias.country_code))
    stored = dict(rows.all())
    expected = {key: alpha3 for key, (_, alpha3) in country_aliases().items()}
    assert expected.items() <= stored.items()
    assert "KGZ" in expected.values()  # so the deleted aliases did come back
