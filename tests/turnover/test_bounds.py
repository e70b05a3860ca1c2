"""The bounds rule and the year-earlier derivation, number by number."""

from datetime import date
from decimal import Decimal

import pytest

from app.turnover.bounds import Bounds, bounds_of, growth_between, prior_from_growth, unit_of
from app.turnover.periods import label_year_earlier, year_earlier


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (Decimal("1300000000"), Decimal("1E+8")),
        (Decimal("1300000000.00"), Decimal("1E+8")),
        (Decimal("757000000"), Decimal("1E+6")),
        (Decimal("2000000000"), Decimal("1E+9")),
        (Decimal("19"), Decimal("1")),
        (Decimal("7.5"), Decimal("0.1")),
        (Decimal("0"), Decimal("1")),
    ],
)
def test_unit_is_the_last_significant_digit(value: Decimal, unit: Decimal) -> None:
    assert unit_of(value) == unit


@pytest.mark.parametrize(
    ("value", "qualifier", "low", "high"),
    [
        (Decimal("1300000000"), "approximate", Decimal("1250000000"), Decimal("1350000000")),
        (Decimal("757000000"), "exact", Decimal("757000000"), Decimal("757000000")),
        (Decimal("65000000"), "at_most", Decimal("64000000"), Decimal("65000000")),
        (Decimal("2000000000"), "at_least", Decimal("2000000000"), Decimal("3000000000")),
        (Decimal("19"), "at_most", Decimal("18"), Decimal("19")),
        (Decimal("7.5"), "approximate", Decimal("7.45"), Decimal("7.55")),
    ],
)
def test_bounds_of_each_qualifier(
    value: Decimal, qualifier: str, low: Decimal, high: Decimal
) -> None:
    assert bounds_of(value, qualifier) == Bounds(low, high)


def test_2021_from_2022_is_approximate_like_its_inputs() -> None:
    derived = prior_from_growth(Decimal("1300000000"), "approximate", Decimal("19"), "at_most")

    assert derived.value == Decimal("1092436975")  # 1.3e9 / 1.19, to the dollar
    assert derived.bounds == Bounds(
        Decimal("1050420168"), Decimal("1144067797")
    )  # 1.25e9/1.19, 1.35e9/1.18
    assert derived.qualifier == "approximate"


def test_exact_inputs_give_an_exact_derivation() -> None:
    derived = prior_from_growth(Decimal("757000000"), "exact", Decimal("13"), "exact")

    assert derived.value == Decimal("669911504")  # 757e6 / 1.13
    assert derived.bounds == Bounds(derived.value, derived.value)
    assert derived.qualifier == "exact"


def test_a_ceiling_on_the_value_stays_a_ceiling() -> None:
    derived = prior_from_growth(Decimal("65000000"), "at_most", Decimal("30"), "exact")

    assert derived.qualifier == "at_most"
    assert derived.bounds.high == derived.value == Decimal("50000000")


def test_a_fall_raises_the_prior_value() -> None:
    derived = prior_from_growth(Decimal("96000000"), "exact", Decimal("-4"), "exact")

    assert derived.value == Decimal("100000000")


def test_growth_between_two_values() -> None:
    assert growth_between(Decimal("1300000000"), Decimal("1020000000")) == Decimal("27.5")


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
