"""Amounts as releases write them, read as one value in one currency."""

from decimal import Decimal

import pytest

from app.ingest.extract import extract_facts
from app.ingest.extract.amounts import find_amounts


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("reached USD 412.7 million", "412700000", "USD"),
        ("reached $3.1bn.", "3100000000", "USD"),
        ("reached US$88.5 million", "88500000", "USD"),
        ("reached $ 4 billion", "4000000000", "USD"),
        ("reached 12 billion USD", "12000000000", "USD"),
        ("reached 2 billion 40 million USD", "2040000000", "USD"),
        ("reached seven billion US dollars", "7000000000", "USD"),
        ("reached twenty-five million euros", "25000000", "EUR"),
        # Over two trillion would be no bilateral figure: the comma is a decimal comma.
        ("reached $2,150 billion", "2150000000", "USD"),
        ("reached $1,150 million", "1150000000", "USD"),
        ("reached $3,5 billion", "3500000000", "USD"),
    ],
)
def test_amount(text: str, value: str, currency: str) -> None:
    [money] = find_amounts(text)
    assert (money.value, money.currency) == (Decimal(value), currency)


def test_dollar_figure_beside_another_currency() -> None:
    text = "Kazakhstan's imports from Mongolia reached 290 billion tenge ($610 million) in 2024."
    tenge, dollars = find_amounts(text)
    assert (tenge.currency, dollars.currency) == ("KZT", "USD")
    [fact] = extract_facts(text, slug="test-doc", title="").turnover
    assert (fact.value_usd, fact.amount, fact.currency) == (Decimal(610_000_000), None, None)
