"""The bounds rule and the year-earlier derivation, number by number."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.turnover.bounds import Bounds, bounds_of, growth_between, prior_from_growth, unit_of
from app.turnover.periods import label_year_earlier, year_earlier


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (D("1300000000"), D("1E+8")),
        (D("1300000000.00"), D("1E+8")),
        (D("757000000"), D("1E+6")),
        (D("2000000000"), D("1E+9")),
        (D("19"), D("1")),
        (D("7.5"), D("0.1")),
        (D("0"), D("1")),
    ],
)
def test_unit_is_the_last_significant_digit(value: D, unit: D) -> None:
    assert unit_of(value) == unit


@pytest.mark.parametrize(
    ("value", "qualifier", "low", "high"),
    [
        (D("1300000000"), "approximate", D("1250000000"), D("1350000000")),
        (D("757000000"), "exact", D("757000000"), D("757000000")),
        (D("65000000"), "at_most", D("64000000"), D("65000000")),
        (D("2000000000"), "at_least", D("2000000000"), D("3000000000")),
        (D("19"), "at_most", D("18"), D("19")),
        (D("7.5"), "approximate", D("7.45"), D("7.55")),
    ],
)
def test_bounds_of_each_qualifier(value: D, qualifier: str, low: D, high: D) -> None:
    assert bounds_of(value, qualifier) == Bounds(low, high)


def test_2021_from_2022_is_approximate_like_its_inputs() -> None:
    derived = prior_from_growth(D("1300000000"), "approximate", D("19"), "at_most")

    assert derived.value == D("1092436975")  # 1.3e9 / 1.19, to the dollar
    assert derived.bounds == Bounds(D("1050420168"), D("1144067797"))  # 1.25e9/1.19, 1.35e9/1.18
    assert derived.qualifier == "approximate"


def test_exact_inputs_give_an_exact_derivation() -> None:
    derived = prior_from_growth(D("757000000"), "exact", D("13"), "exact")

    assert derived.value == D("669911504")  # 757e6 / 1.13
    assert derived.bounds == Bounds(derived.value, derived.value)
    assert derived.qualifier == "exact"


def test_a_ceiling_on_the_value_stays_a_ceiling() -> None:
    derived = prior_from_growth(D("65000000"), "at_most", D("30"), "exact")

    assert derived.qualifier == "at_most"
    assert derived.bounds.high == derived.value == D("50000000")


def test_a_fall_raises_the_prior_value() -> None:
    derived = prior_from_growth(D("96000000"), "exact", D("-4"), "exact")

    assert derived.value == D("100000000")


def test_growth_between_two_values() -> None:
    assert growth_between(D("1300000000"), D("1020000000")) == D("27.5")


@pytest.mark.parametrize(
    ("day", "earlier"),
    [
        (date(2023, 7, 31), date(2022, 7, 31)),
        (date(2024, 2, 29), date(2023, 2, 28)),
        (date(2023, 2, 28), date(2022, 2, 28)),
        (date(2025, 2, 28), date(2024, 2, 29)),
        (date(2023, 1, 1), date(2022, 1, 1)),
    ],
)
def test_a_year_earlier_keeps_month_ends(day: date, earlier: date) -> None:
    assert year_earlier(day) == earlier


def test_labels_move_back_a_year() -> None:
    assert label_year_earlier("January-July 2023", 2023) == "January-July 2022"
    assert label_year_earlier("2022", 2022) == "2021"
    assert label_year_earlier("first half", 2023) == "first half (2022)"
