"""Money amounts with currency, scale and hedge words."""

from decimal import Decimal

import pytest

from app.ingest.extract.amounts import find_amounts, find_bare_amounts
from app.ingest.extract.qualifiers import qualifier_before


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("reaching $1.3 billion.", "1300000000", "USD"),
        ("amounted to US$757 mln.", "757000000", "USD"),
        ("757 million US dollars", "757000000", "USD"),
        ("grew to $1.3bn in 2023", "1300000000", "USD"),
        ("amounted to 1,3 billion dollars", "1300000000", "USD"),
        ("exports totaled 288,4 million dollars", "288400000", "USD"),
        ("worth $500 million", "500000000", "USD"),
        ("USD 1.2 billion", "1200000000", "USD"),
        ("1.2 bln USD", "1200000000", "USD"),
        ("$500 thousand", "500000", "USD"),
        ("1,300 million dollars", "1300000000", "USD"),
        ("EUR 200 million", "200000000", "EUR"),
        ("€200m", "200000000", "EUR"),
        ("15 billion rubles", "15000000000", "RUB"),
        ("1.2 trillion tenge", "1200000000000", "KZT"),
        ("200 million yuan", "200000000", "CNY"),
        ("45 million lari", "45000000", "GEL"),
        ("300 million Uzbek soums", "300000000", "UZS"),
        ("2 billion Belarusian rubles", "2000000000", "BYN"),
        ("1 billion 45 million US dollars", "1045000000", "USD"),
        ("US$ 1.04 bln", "1040000000", "USD"),
    ],
)
def test_amount_value_and_currency(text: str, value: str, currency: str) -> None:
    [amount] = find_amounts(text)
    assert amount.value == Decimal(value)
    assert amount.currency == currency


def test_amount_span_covers_the_figure_only() -> None:
    text = "trade reached US$757 mln. In 2022"
    [amount] = find_amounts(text)
    assert text[amount.start : amount.end] == "US$757 mln"


@pytest.mark.parametrize(
    ("countries", "currency"),
    [({"TKM", "UZB"}, "TMT"), ({"AZE", "GEO"}, "AZN"), ({"KGZ", "RUS"}, "KGS"), ({"UZB"}, "UZS")],
)
def test_ambiguous_currency_word_follows_the_documents_countries(
    countries: set[str], currency: str
) -> None:
    word = "manat" if currency in ("TMT", "AZN") else "som"
    [amount] = find_amounts(f"trade reached 2 billion {word}", countries)
    assert amount.currency == currency


@pytest.mark.parametrize(
    "text",
    [
        "a population of 36 million people",
        "cargo transportation reached 2.76 million tons",
        "on Sept. 22-23 in Taraz",
        "by 2030",
        "in 2022 year",
        "a range of $1-1.5 billion",
        "some 350,000 people",
    ],
)
def test_no_money_without_a_currency(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("worth nearly $65 million", "at_most"),
        ("almost $11 billion", "at_most"),
        ("up to $2 billion", "at_most"),
        ("less than $100 million", "at_most"),
        ("about $700 million", "approximate"),
        ("around $1 billion", "approximate"),
        ("approximately $1.1 billion", "approximate"),
        ("some $460 million", "approximate"),
        ("roughly $3 billion", "approximate"),
        ("an estimated $2 billion", "approximate"),
        ("over $500 million", "at_least"),
        ("more than $1.3 billion", "at_least"),
        ("exceeded $2 billion", "at_least"),
        ("surpassed $4.4 billion", "at_least"),
        ("exceeded the $1 billion mark", "at_least"),
        ("no more than $5 million", "at_most"),
        ("not less than $5 million", "at_least"),
        ("reaching $1.3 billion", "exact"),
        ("a handsome $1 billion", "exact"),
    ],
)
def test_qualifier_of_an_amount(text: str, qualifier: str) -> None:
    [amount] = find_amounts(text)
    assert amount.qualifier == qualifier


def test_qualifier_before_a_position() -> None:
    text = "grew by nearly 19%"
    assert qualifier_before(text, text.index("19")) == "at_most"
    assert qualifier_before(text, text.index("grew")) == "exact"


def test_a_bare_scaled_number_takes_the_currency_given() -> None:
    text = "In the first quarter it reached 2.7 billion, and 35 billion cubic meters of gas flowed."
    [amount] = find_bare_amounts(text, "USD", find_amounts(text))
    assert (text[amount.start : amount.end], amount.value, amount.currency) == (
        "2.7 billion",
        Decimal(2_700_000_000),
        "USD",
    )
