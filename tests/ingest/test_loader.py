"""The fixture loader: the whole seed lands, reloads are idempotent, bad files change nothing."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import Settings
from app.ingest.loader import load_fact_files, seed_fact_files
from app.ingest.problems import FixtureError
from app.models import (
    Agreement,
    AgreementSubject,
    Document,
    Event,
    EventAttendee,
    Person,
    PersonAlias,
    Place,
    Position,
    Signatory,
    Target,
    TurnoverPeriod,
)
from tests.ingest.snapshot import database_fingerprint

SLUG = "kz-kg-interregional-forum-taraz"


@pytest.fixture
def seed_copy(tmp_path: Path, settings: Settings) -> Path:
    """A writable copy of the seed folder; returns the fact file's path."""
    shutil.copytree(settings.seeds_dir, tmp_path / "seeds")
    return tmp_path / "seeds" / "facts" / f"{SLUG}.yaml"


async def count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_every_seed_fact_is_loaded(session: AsyncSession) -> None:
    assert await count(session, TurnoverPeriod) == 2
    assert await count(session, Target) == 1
    assert await count(session, Event) == 2
    assert await count(session, EventAttendee) == 4
    assert await count(session, Agreement) == 4
    assert await count(session, AgreementSubject) == 13
    assert await count(session, Signatory) == 8
    assert await count(session, Person) == 2
    assert await count(session, Position) == 3
    assert await count(session, Place) == 5

    july = await session.scalar(
        select(TurnoverPeriod).where(TurnoverPeriod.period_end == func.date("2023-07-31"))
    )
    assert july is not None
    assert july.period_inferred is True
    assert july.value_usd == 757_000_000
    assert july.growth_pct == 13
    forum = await session.scalar(select(Event).where(Event.kind == "forum"))
    assert forum is not None
    assert (str(forum.start_date), str(forum.end_date), forum.date_inferred) == (
        "2023-09-22",
        "2023-09-23",
        True,
    )
    japarov = await session.scalar(
        select(PersonAlias.person_id).where(PersonAlias.alias == "Akylbek Japarov")
    )
    zhaparov = await session.scalar(select(Person.id).where(Person.full_name == "Akylbek Zhaparov"))
    assert japarov == zhaparov is not None


async def test_offsets_point_at_the_quotes(session: AsyncSession) -> None:
    text = (Path("seeds/documents") / f"{SLUG}.txt").read_text(encoding="utf-8")
    for model in (TurnoverPeriod, Target, Event, Agreement, Position):
        rows = (await session.execute(select(model.quote, model.char_start, model.char_end))).all()
        assert rows
        for quote, start, end in rows:
            assert text[start:end] == quote


async def test_reloading_the_same_files_changes_nothing(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    before = await database_fingerprint(session)

    report = await load_fact_files(sessionmaker, seed_fact_files(settings.seeds_dir))

    assert report.unchanged == [SLUG]
    assert report.loaded == []
    assert await database_fingerprint(session) == before


async def test_reloading_a_reformatted_file_keeps_every_row(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], seed_copy: Path
) -> None:
    """A change of layout alone rewrites no fact row (only the document's content hash)."""
    figures = (await session.execute(select(TurnoverPeriod).order_by(TurnoverPeriod.id))).scalars()
    before = [(f.id, f.value_usd, f.quote) for f in figures]
    seed_copy.write_text(seed_copy.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")

    report = await load_fact_files(sessionmaker, [seed_copy])

    assert report.loaded == [SLUG]
    assert report.removed == 0
    session.expunge_all()
    figures = (await session.execute(select(TurnoverPeriod).order_by(TurnoverPeriod.id))).scalars()
    assert [(f.id, f.value_usd, f.quote) for f in figures] == before


async def test_an_edited_value_is_updated_in_place(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], seed_copy: Path
) -> None:
    figure_id = await session.scalar(
        select(TurnoverPeriod.id).where(TurnoverPeriod.value_usd == 757_000_000)
    )
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.replace("value_usd: 757000000", "value_usd: 758000000"), "utf-8")

    await load_fact_files(sessionmaker, [seed_copy])

    session.expunge_all()
    edited = await session.get(TurnoverPeriod, figure_id)
    assert edited is not None
    assert edited.value_usd == 758_000_000
    assert await count(session, TurnoverPeriod) == 2


async def test_a_fact_removed_from_the_file_is_removed(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], seed_copy: Path
) -> None:
    text = seed_copy.read_text(encoding="utf-8")
    start = text.index("targets:")
    end = text.index("agreements:")
    seed_copy.write_text(text[:start] + text[end:], encoding="utf-8")

    report = await load_fact_files(sessionmaker, [seed_copy])

    assert report.removed == 1
    assert await count(session, Target) == 0


BAD_EDITS = [
    pytest.param(
        "    partner: KGZ\n    flow: turnover\n    period: {start: 2022-01-01",
        "    partner: Atlantis\n    flow: turnover\n    period: {start: 2022-01-01",
        "turnover[0]",
        "unknown country 'Atlantis'",
        id="unknown-country",
    ),
    pytest.param(
        "quote: In January-July, trade turnover increased by 13% to $757 million.",
        "quote: In January-July, trade turnover increased by 31% to $757 million.",
        "turnover[1]",
        "quote not found verbatim",
        id="quote-not-in-text",
    ),
    pytest.param(
        "{start: 2022-01-01, end: 2022-12-31",
        "{start: 2022-01-01, end: 2022-13-31",
        "turnover[0].period.end",
        "valid date",
        id="malformed-date",
    ),
    pytest.param(
        "value_usd: 65000000",
        "value_usd: -65000000",
        "agreements[0].value_usd",
        "greater than or equal to 0",
        id="negative-value",
    ),
    pytest.param(
        "    place: Taraz\n    attendees",
        "    place: Atlantis City\n    attendees",
        "events[0]",
        "unknown place 'Atlantis City'",
        id="unknown-place",
    ),
    pytest.param(
        "      - {person: alikhan-smailov, role",
        "      - {person: nobody-known, role",
        "agreements[1]",
        "unknown person 'nobody-known'",
        id="unknown-person",
    ),
]


@pytest.mark.parametrize(("find", "replace", "fact", "problem"), BAD_EDITS)
async def test_a_bad_file_is_refused_with_its_location_and_changes_nothing(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    seed_copy: Path,
    find: str,
    replace: str,
    fact: str,
    problem: str,
) -> None:
    text = seed_copy.read_text(encoding="utf-8")
    assert find in text
    # Change a value that does load first, so a partial write would show.
    edited = text.replace("value_usd: 757000000", "value_usd: 758000000").replace(find, replace, 1)
    seed_copy.write_text(edited, encoding="utf-8")
    bad_line = edited[: edited.index(replace)].count("\n") + 1
    before = await database_fingerprint(session)

    with pytest.raises(FixtureError) as raised:
        await load_fact_files(sessionmaker, [seed_copy])

    error = raised.value
    assert error.path == str(seed_copy)
    assert error.fact is not None
    assert error.fact.startswith(fact)
    assert problem in error.problem
    assert error.line is not None
    assert abs(error.line - bad_line) <= 12  # the fact's block, not just somewhere in the file
    assert str(seed_copy) in str(error)
    assert await database_fingerprint(session) == before


async def test_invalid_yaml_names_its_line(
    sessionmaker: async_sessionmaker[AsyncSession], seed_copy: Path
) -> None:
    seed_copy.write_text("document:\n  slug: x\n  title: [unclosed\n", encoding="utf-8")

    with pytest.raises(FixtureError) as raised:
        await load_fact_files(sessionmaker, [seed_copy])

    assert "not valid YAML" in raised.value.problem
    assert raised.value.line is not None


async def test_a_missing_document_text_is_named(
    sessionmaker: async_sessionmaker[AsyncSession], seed_copy: Path
) -> None:
    (seed_copy.parent.parent / "documents" / f"{SLUG}.txt").unlink()

    with pytest.raises(FixtureError, match="file not found"):
        await load_fact_files(sessionmaker, [seed_copy])


async def test_a_known_person_under_another_spelling_is_the_same_person(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "facts").mkdir()
    text = "BISHKEK – Akylbek Japarov met business leaders."
    (tmp_path / "documents" / "japarov-meets-business.txt").write_text(text, encoding="utf-8")
    facts = tmp_path / "facts" / "japarov-meets-business.yaml"
    facts.write_text(
        "document: {slug: japarov-meets-business, title: Japarov meets business}\n"
        "people:\n"
        "  - key: akylbek-japarov\n"
        "    full_name: Akylbek Japarov\n"
        "    country: KGZ\n"
        "    positions:\n"
        "      - {title: Chairman of the Cabinet of Ministers, quote: Akylbek Japarov}\n",
        encoding="utf-8",
    )
    people_before = await count(session, Person)

    await load_fact_files(sessionmaker, [facts])

    assert await count(session, Person) == people_before
    owner = await session.scalar(
        select(Position.person_id).join(Document).where(Document.slug == "japarov-meets-business")
    )
    zhaparov = await session.scalar(select(Person.id).where(Person.key == "akylbek-zhaparov"))
    assert owner == zhaparov
