"""Periods as written, their labels and dates, and the year of open periods."""

from datetime import date

import pytest

from app.ingest.extract.periods import PeriodMention, find_periods, to_period
from app.ingest.extract.years import YearClue, YearResolver


@pytest.mark.parametrize(
    ("text", "first", "last", "year"),
    [
        ("In 2022, trade grew", 1, 12, 2022),
        ("trade in 2022 year amounted to", 1, 12, 2022),
        ("In January-July, trade grew", 1, 7, None),
        ("in January–July 2023", 1, 7, 2023),
        ("from January to July", 1, 7, None),
        ("in Jan-Sep 2023", 1, 9, 2023),
        ("in the first half of 2023", 1, 6, 2023),
        ("in H1 2023", 1, 6, 2023),
        ("in the second half of the year", 7, 12, None),
        ("in the first quarter", 1, 3, None),
        ("in Q1 2024", 1, 3, 2024),
        ("in Q3", 7, 9, None),
        ("in the first three quarters of 2023", 1, 9, 2023),
        ("in nine months", 1, 9, None),
        ("in 9 months of 2023", 1, 9, 2023),
        ("in the first seven months of the year", 1, 7, None),
        ("in January", 1, 1, None),
        ("in March 2024", 3, 3, 2024),
        ("for April alone", 4, 4, None),
        ("over the past nine months", 1, 9, None),
        ("in the last eleven months of 2022", 1, 11, 2022),
        ("reached $410 million over January-June 2024", 1, 6, 2024),
    ],
)
def test_period_mention(text: str, first: int, last: int, year: int | None) -> None:
    [mention] = find_periods(text)
    assert (mention.first_month, mention.last_month, mention.year) == (first, last, year)
    assert not mention.base


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("Last year, trade reached", -1),
        ("in the previous year", -1),
        ("in January-September of this year", 0),
        ("in January-March of the current year", 0),
    ],
)
def test_relative_year(text: str, relative: int) -> None:
    [mention] = find_periods(text)
    assert mention.relative == relative
    assert mention.year is None


@pytest.mark.parametrize(
    "text",
    [
        "on Sept. 22-23 in Taraz",
        "by 2030",
        "by the end of 2025",
        "since 2005",
        "Vision 2030 program",
        "Uzbekistan-2030 strategy",
        "on September 22, 2023",
        "on March 3",
        "within six months",
        "in the next six months",
        "year-on-year",
        "2030 tons",
    ],
)
def test_not_a_period(text: str) -> None:
    assert find_periods(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "compared to 2022",
        "than in 2022",
        "compared with January-March 2023",
        "in the same period last year",
        "over the same period of 2022",
        "grew 5% over 2022",
        "compared to same month of 2019",
        "surpassed the indicators of 2020",
        "having doubled comparing to 2016",
    ],
)
def test_comparison_base(text: str) -> None:
    assert [m.base for m in find_periods(text)] == [True]


def test_year_range() -> None:
    [mention] = find_periods("trade in 2017-2022 totaled")
    period = to_period(mention, 2017, inferred=False)
    assert (period.start, period.end, period.label) == (
        date(2017, 1, 1),
        date(2022, 12, 31),
        "2017-2022",
    )


@pytest.mark.parametrize(
    ("text", "year", "start", "end", "label"),
    [
        ("in 2022", 2022, date(2022, 1, 1), date(2022, 12, 31), "2022"),
        ("in January-July", 2023, date(2023, 1, 1), date(2023, 7, 31), "January-July 2023"),
        ("in January-February", 2024, date(2024, 1, 1), date(2024, 2, 29), "January-February 2024"),
        ("in Q1", 2024, date(2024, 1, 1), date(2024, 3, 31), "Q1 2024"),
        ("in the second quarter", 2024, date(2024, 4, 1), date(2024, 6, 30), "Q2 2024"),
        ("in H1", 2023, date(2023, 1, 1), date(2023, 6, 30), "H1 2023"),
        ("in nine months", 2023, date(2023, 1, 1), date(2023, 9, 30), "January-September 2023"),
        ("in January", 2024, date(2024, 1, 1), date(2024, 1, 31), "January 2024"),
    ],
)
def test_dated_period_and_label(text: str, year: int, start: date, end: date, label: str) -> None:
    [mention] = find_periods(text)
    period = to_period(mention, year, inferred=True)
    assert (period.start, period.end, period.label, period.inferred) == (start, end, label, True)


def _open(first: int, last: int) -> PeriodMention:
    return PeriodMention(0, 1, first, last, "months")


def _full_year(year: int, paragraph: int, position: int) -> YearClue:
    return YearClue(year=year, full_year=True, paragraph=paragraph, position=position)


def test_year_after_a_full_year_figure_in_the_same_paragraph() -> None:
    resolver = YearResolver([_full_year(2022, paragraph=3, position=100)], published=None)
    assert resolver.resolve(_open(1, 7), paragraph=3, position=200) == (2023, True)


def test_latest_earlier_year_in_another_paragraph() -> None:
    clues = [_full_year(2021, 1, 10), YearClue(2023, False, 2, 50)]
    resolver = YearResolver(clues, published=None)
    assert resolver.resolve(_open(1, 3), paragraph=5, position=300) == (2023, True)


def test_publication_year_when_nothing_earlier() -> None:
    resolver = YearResolver([], published=date(2024, 8, 9))
    assert resolver.resolve(_open(1, 6), paragraph=0, position=0) == (2024, True)


def test_year_before_publication_when_the_period_has_not_ended() -> None:
    resolver = YearResolver([], published=date(2024, 2, 10))
    assert resolver.resolve(_open(1, 11), paragraph=0, position=0) == (2023, True)


def test_guess_inconsistent_with_publication_falls_back() -> None:
    # "In 2021 ... In January-March": published in 2024 the months are 2024's.
    resolver = YearResolver([_full_year(2021, 0, 10)], published=date(2024, 4, 20))
    assert resolver.resolve(_open(1, 3), paragraph=0, position=100) == (2024, True)


def test_last_year_is_relative_to_publication() -> None:
    [mention] = find_periods("Last year, trade reached")
    resolver = YearResolver([_full_year(2020, 0, 0)], published=date(2024, 2, 12))
    assert resolver.resolve(mention, paragraph=0, position=10) == (2023, True)


def test_last_year_without_publication_uses_the_latest_year_written() -> None:
    [mention] = find_periods("Last year, trade reached")
    resolver = YearResolver([YearClue(2024, False, 0, 0)], published=None)
    assert resolver.resolve(mention, paragraph=1, position=10) == (2023, True)


def test_explicit_year_is_not_inferred() -> None:
    [mention] = find_periods("in January-July 2023")
    assert YearResolver([], published=None).resolve(mention, 0, 0) == (2023, False)


def test_no_year_without_any_context() -> None:
    assert YearResolver([], published=None).resolve(_open(1, 7), 0, 0) is None
