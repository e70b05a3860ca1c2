"""tradestat import-csv: Comtrade rows become figures citing their own line of the file."""

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.comtrade import loader
from app.ingest.comtrade.loader import ImportOptions, ImportRefused, import_csv
from app.ingest.comtrade.rows import FileProblem
from app.ingest.comtrade.sample import HEADER, line, monthly_lines
from app.models import DataState, Document, TurnoverPeriod
from tests.ingest.comtrade.files import KAZ_KGZ_2022, write_csv

Maker = async_sessionmaker[AsyncSession]


async def figures_of(session: AsyncSession, document_id: int) -> list[TurnoverPeriod]:
    query = select(TurnoverPeriod).where(TurnoverPeriod.document_id == document_id)
    return list(await session.scalars(query.order_by(TurnoverPeriod.char_start)))


async def counts(session: AsyncSession) -> tuple[int, int]:
    documents = await session.scalar(select(func.count()).select_from(Document))
    figures = await session.scalar(select(func.count()).select_from(TurnoverPeriod))
    return int(documents or 0), int(figures or 0)


async def test_each_row_is_a_figure_citing_its_line(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, KAZ_KGZ_2022)

    report = await import_csv(sessionmaker, path, ImportOptions())

    assert report.figures == 2
    document = await session.get(Document, report.document_id)
    assert document is not None
    assert document.kind == "dataset"
    assert document.text == path.read_text()
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    export, import_ = await figures_of(session, report.document_id)
    assert (export.reporter_code, export.partner_code, export.flow) == ("KAZ", "KGZ", "export")
    assert (import_.flow, import_.value_usd, import_.value_qualifier) == (
        "import",
        Decimal("450000000.25"),
        "exact",
    )
    assert str(export.period_start) == "2022-01-01"
    assert str(export.period_end) == "2022-12-31"
    assert export.period_label == "2022"
    for figure, number in ((export, 2), (import_, 3)):
        assert figure.quote == KAZ_KGZ_2022[number - 2]
        assert document.text[figure.char_start : figure.char_end] == figure.quote
        assert document.text.count("\n", 0, figure.char_start) + 1 == number  # its line


async def test_the_files_text_is_stored_with_lz4_where_the_server_has_it(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    has_lz4 = await session.scalar(
        text(
            "SELECT 'lz4' = ANY (enumvals) FROM pg_settings"
            " WHERE name = 'default_toast_compression'"
        )
    )
    if not has_lz4:
        pytest.skip("this PostgreSQL is built without lz4")
    path = write_csv(tmp_path, list(monthly_lines(100)))  # large enough to be compressed

    report = await import_csv(sessionmaker, path, ImportOptions())

    method = await session.scalar(
        select(func.pg_column_compression(Document.text)).where(Document.id == report.document_id)
    )
    assert method == "lz4"


async def test_columns_in_any_order_extra_ones_and_monthly_rows(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    header = "note,primaryValue,partnerISO,flowCode,period,reporterISO,freqCode"
    path = write_csv(
        tmp_path, ['"a, b",1000,kgz,X,202303,KAZ,M', "c,2000,KGZ,m,202303,KAZ,M"], header
    )

    report = await import_csv(sessionmaker, path, ImportOptions())

    export, import_ = await figures_of(session, report.document_id)
    assert (export.flow, import_.flow) == ("export", "import")
    assert (str(export.period_start), str(export.period_end)) == ("2023-03-01", "2023-03-31")
    assert export.period_label == "March 2023"
    assert export.period_kind == "month"


async def test_comtrade_codes_that_differ_from_iso_and_aggregates(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    header = "refYear,freqCode,reporterCode,partnerCode,flowCode,primaryValue"
    rows = [
        "2022,A,842,251,X,10",  # USA -> France: Comtrade's own codes
        "2022,A,381,699,M,20",  # Italy <- India
        "2022,A,757,579,X,30",  # Switzerland -> Norway
        "2022,A,398,0,X,40",  # Kazakhstan -> World: skipped
        "2022,A,398,490,X,50",  # Other Asia, nes: skipped
        "2022,A,97,398,M,60",  # European Union: skipped
        "2022,A,398,417,RX,70",  # re-exports: part of a flow, skipped
    ]
    header += ",partnerISO"
    rows = [
        f"{row},{iso}"
        for row, iso in zip(rows, ["FRA", "", "NOR", "W00", "S19", "KAZ", ""], strict=True)
    ]
    rows.append("2022,A,398,97,X,80,E19")  # a group's code, its ISO column as it may be

    report = await import_csv(sessionmaker, write_csv(tmp_path, rows, header), ImportOptions())

    pairs = {
        (f.reporter_code, f.partner_code, f.flow)
        for f in await figures_of(session, report.document_id)
    }
    assert pairs == {("USA", "FRA", "export"), ("ITA", "IND", "import"), ("CHE", "NOR", "export")}
    assert report.skipped == {
        "world or group of countries (World)": 1,
        "world or group of countries (Other Asia, nes)": 1,
        "world or group of countries (European Union)": 2,
        "flows other than X and M (RX)": 1,
    }


async def test_a_group_code_beside_a_country_is_a_bad_row(
    sessionmaker: Maker, tmp_path: Path
) -> None:
    header = "refYear,reporterCode,partnerCode,partnerISO,flowCode,primaryValue"
    path = write_csv(tmp_path, ["2022,398,0,KGZ,X,1"], header)

    with pytest.raises(
        ImportRefused, match=r"kaz.csv:2: partnerCode 0 and partnerISO KGZ disagree"
    ):
        await import_csv(sessionmaker, path, ImportOptions())


async def test_bad_rows_are_named_by_line_and_nothing_is_loaded(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    rows = [
        *KAZ_KGZ_2022,
        line("KAZ", "KGZ", "X", 2021, None, "lots"),  # line 4
        line("KAZ", "KGZ", "Z", 2021, None, "5"),  # line 5
        KAZ_KGZ_2022[0].replace(",KAZ,", ",FRA,", 1),  # line 6: 398 is not FRA
        line("KAZ", "KGZ", "X", 2022, None, "9"),  # line 7: line 2 again
        "C,A,2020",  # line 8
    ]
    before = await counts(session)

    with pytest.raises(ImportRefused) as refused:
        await import_csv(sessionmaker, write_csv(tmp_path, rows), ImportOptions())

    message = str(refused.value)
    assert "5 bad row(s)" in message
    assert "kaz.csv:4: primaryValue 'lots' is not a number" in message
    assert "kaz.csv:5: flowCode 'Z' is neither X (export) nor M (import)" in message
    assert "kaz.csv:6: reporterCode 398 and reporterISO FRA disagree" in message
    assert "kaz.csv:7: same reporter, partner, flow and period as line 2" in message
    assert "kaz.csv:8: 3 fields where the header has 35" in message
    assert await counts(session) == before


async def test_skip_bad_rows_loads_the_good_ones(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    rows = [*KAZ_KGZ_2022, line("KAZ", "KGZ", "X", 2021, None, "-5")]

    report = await import_csv(
        sessionmaker, write_csv(tmp_path, rows), ImportOptions(skip_bad_rows=True)
    )

    assert report.figures == 2
    assert [str(bad) for bad in report.bad] == [
        "line 4: primaryValue '-5' is not a non-negative amount"
    ]
    assert len(await figures_of(session, report.document_id)) == 2


async def test_importing_the_same_file_again_changes_nothing(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, KAZ_KGZ_2022)
    first = await import_csv(sessionmaker, path, ImportOptions())
    before = (await counts(session), await session.scalar(select(DataState.version)))

    again = await import_csv(sessionmaker, path, ImportOptions())

    assert again.already_imported
    assert again.document_id == first.document_id
    assert again.figures == 0
    after = (await counts(session), await session.scalar(select(DataState.version)))
    assert after == before


async def test_a_failure_midway_loads_nothing(
    sessionmaker: Maker, session: AsyncSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "COPY_BATCH", 1)
    batches: list[int] = []

    def fail_on_second_batch(count: int) -> None:
        batches.append(count)
        if len(batches) == 2:
            raise RuntimeError("the disk is full")

    before = await counts(session)

    with pytest.raises(RuntimeError, match="the disk is full"):
        await import_csv(
            sessionmaker,
            write_csv(tmp_path, KAZ_KGZ_2022),
            ImportOptions(loaded=fail_on_second_batch),
        )

    assert batches == [1, 1]  # one figure was written before the failure
    assert await counts(session) == before


async def test_a_file_without_the_needed_columns_is_refused(
    sessionmaker: Maker, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, ["1,2"], "refYear,primaryValue")

    with pytest.raises(FileProblem, match="lacks reporterCode or reporterISO"):
        await import_csv(sessionmaker, path, ImportOptions())


def test_the_sample_header_is_comtrades() -> None:
    assert HEADER.startswith("typeCode,freqCode,refPeriodId,refYear,refMonth,period")
