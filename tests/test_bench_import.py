"""Reading the import's summary: the rate the import benchmark compares with \\copy's."""

from pathlib import Path

import pytest

from bench.import_csv import import_seconds
from bench.psql import quoted

SUMMARY = (
    "imported 199,990 figure(s) from /tmp/a.csv as document comtrade-a-0123456789ab (id 1): "
    "200,000 rows in 3.25 s, 61,538 rows/s\n"
    "  skipped 10: world or group of countries (World)\n"
)


def test_rows_and_seconds_are_the_lines_read_and_the_time_taken() -> None:
    assert import_seconds(SUMMARY) == (200_000, 3.25)


def test_an_output_without_a_summary_is_refused() -> None:
    with pytest.raises(ValueError, match="no summary"):
        import_seconds("error: 1 bad row(s):\nnothing was loaded\n")


def test_a_file_name_with_a_quote_is_refused_rather_than_mangled() -> None:
    assert quoted(Path("/tmp/rows.csv")) == "'/tmp/rows.csv'"
    with pytest.raises(ValueError, match="a quote"):
        quoted(Path("/tmp/it's.csv"))
