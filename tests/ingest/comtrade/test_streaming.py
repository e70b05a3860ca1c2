"""Rows are copied while the rest of the file is still being checked, in batches; what a bad
row, a failure or a second import then do."""

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.comtrade import feed, loader
from app.ingest.comtrade.loader import ImportOptions, ImportRefused, import_csv
from app.ingest.comtrade.sample import line, monthly_lines
from app.models import DataState, Document, TurnoverPeriod
from tests.ingest.comtrade.files import write_csv

Maker = async_sessionmaker[AsyncSession]
BATCH = 2


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "COPY_BATCH", BATCH)


async def counts(session: AsyncSession) -> tuple[int, int]:
    documents = await session.scalar(select(func.count()).select_from(Document))
    figures = await session.scalar(select(func.count()).select_from(TurnoverPeriod))
    return int(documents or 0), int(figures or 0)


def no_reader_left() -> bool:
    return not any(thread.name == "comtrade-rows" for thread in threading.enumerate())


def bad(value: str, year: int = 2021) -> str:
    return line("KAZ", "KGZ", "X", year, None, value)


async def test_a_bad_row_stops_the_copying_and_loads_nothing(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    good = list(monthly_lines(60))
    # Lines 2-31 good, 32 bad, 33-62 good, 63 bad. More batches come before the first bad
    # row than the reader may hold, so some are copied before it is found.
    rows = [*good[:30], bad("lots"), *good[30:], bad("-1", 2020)]
    assert 30 // BATCH > feed.READ_AHEAD + 1
    copied: list[int] = []
    before = await counts(session)

    with pytest.raises(ImportRefused) as refused:
        await import_csv(
            sessionmaker, write_csv(tmp_path, rows), ImportOptions(loaded=copied.append)
        )

    assert [(row.line, row.problem) for row in refused.value.bad] == [
        (32, "primaryValue 'lots' is not a number"),
        (63, "primaryValue '-1' is not a non-negative amount"),  # checked to the end
    ]
    assert copied  # rows were copied before the bad one was read...
    assert sum(copied) <= 30  # ...none after it...
    assert await counts(session) == before  # ...and none stayed
    assert no_reader_left()


async def test_skipping_bad_rows_loads_the_good_ones_on_both_sides(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    good = list(monthly_lines(9))
    rows = [*good[:4], bad(""), *good[4:]]

    report = await import_csv(
        sessionmaker, write_csv(tmp_path, rows), ImportOptions(skip_bad_rows=True)
    )

    assert report.figures == 9
    assert report.lines == 10
    assert [str(row) for row in report.bad] == ["line 6: primaryValue is empty"]
    figures = await session.scalar(
        select(func.count()).where(TurnoverPeriod.document_id == report.document_id)
    )
    assert figures == 9


async def test_a_file_imported_again_is_checked_again(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, [*monthly_lines(5), bad("x")])
    first = await import_csv(sessionmaker, path, ImportOptions(skip_bad_rows=True))
    before = await counts(session)

    with pytest.raises(ImportRefused, match=r"kaz\.csv:7: primaryValue 'x' is not a number"):
        await import_csv(sessionmaker, path, ImportOptions())
    again = await import_csv(sessionmaker, path, ImportOptions(skip_bad_rows=True))

    assert again.already_imported
    assert again.document_id == first.document_id
    assert (again.lines, len(again.bad)) == (6, 1)
    assert await counts(session) == before


async def test_the_reader_stops_when_the_load_fails(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    def full_disk(count: int) -> None:
        raise RuntimeError("the disk is full")

    before = await counts(session)

    with pytest.raises(RuntimeError, match="the disk is full"):
        await import_csv(
            sessionmaker,
            write_csv(tmp_path, list(monthly_lines(100))),
            ImportOptions(loaded=full_disk),
        )

    assert await counts(session) == before
    assert no_reader_left()


async def data_version(session: AsyncSession) -> int:
    return int(await session.scalar(select(DataState.version)) or 0)


async def test_a_file_longer_than_a_statement_is_copied_in_several(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = list(monthly_lines(18))
    # Each COPY that writes rows bumps the data version once: count the statements so.
    first = await data_version(session)
    await import_csv(sessionmaker, write_csv(tmp_path, rows[:9], name="one.csv"), ImportOptions())
    in_one_statement = await data_version(session) - first
    monkeypatch.setattr(loader, "ROWS_PER_STATEMENT", 4)  # 2 batches of 2
    copied: list[int] = []

    second = await data_version(session)
    report = await import_csv(
        sessionmaker,
        write_csv(tmp_path, rows[9:], name="two.csv"),
        ImportOptions(loaded=copied.append),
    )

    assert await data_version(session) - second == in_one_statement + 2  # 4 + 4 + 1 rows
    assert (report.figures, sum(copied)) == (9, 9)
    figures = await session.scalar(
        select(func.count()).where(TurnoverPeriod.document_id == report.document_id)
    )
    assert figures == 9
