"""Which numbers, years and names a quote states: one table per rule."""

from decimal import Decimal

import pytest

from app.review.support import names_any, states_amount, states_year

AMOUNTS = [
    ("Trade reached $1.3 billion last year.", Decimal(1_300_000_000), True),
    ("Trade reached $1.3bn last year.", Decimal(1_300_000_000), True),
    ("exports of USD 412.7 million", Decimal(412_700_000), True),
    ("imports worth US$88.5 mln", Decimal(88_500_000), True),
    ("a total of 1,300 million dollars", Decimal(1_300_000_000), True),
    ("a total of 1,300 million dollars", Decimal(1_300_000), True),
    ("trade of $2,150 billion", Decimal(2_150_000_000), True),
    ("some 1 300 000 000 dollars", Decimal(1_300_000_000), True),
    ("deals worth 65m", Decimal(65_000_000), True),
    ("signed 12 agreements", Decimal(12), True),
    ("Trade reached $1.3 billion last year.", Decimal(1_350_000_000), False),
    ("over 12 months", Decimal(12_000_000), False),
    ("seven billion dollars", Decimal(7_000_000_000), False),
    ("in 2023 it grew", Decimal(2_023_000_000), False),
]


@pytest.mark.parametrize(("quote", "value", "stated"), AMOUNTS)
def test_states_amount(quote: str, value: Decimal, stated: bool) -> None:
    assert states_amount(quote, value) is stated


YEARS = [
    ("In 2022, trade grew.", 2022, True),
    ("in the fiscal year 2022-23", 2022, True),
    ("In January-July, trade grew.", 2023, False),
    ("worth $20231 million", 2023, False),
]


@pytest.mark.parametrize(("quote", "year", "stated"), YEARS)
def test_states_year(quote: str, year: int, stated: bool) -> None:
    assert states_year(quote, year) is stated


NAMES = [
    ("Kazakh-Kyrgyz trade grew", ["Kyrgyzstan", "Kyrgyz"], True),
    ("trade with KYRGYZSTAN grew", ["Kyrgyzstan"], True),
    ("the Kyrgyzstani side", ["Kyrgyz"], False),
    ("trade with Iran", ["Iraq"], False),
]


@pytest.mark.parametrize(("text", "names", "named"), NAMES)
def test_names_any(text: str, names: list[str], named: bool) -> None:
    assert names_any(text, names) is named
