"""Multipliers and decreases as growth rates; a change in dollars is no growth rate."""

from datetime import date
from decimal import Decimal

import pytest

from app.ingest.extract import extract_facts
from app.ingest.extract.growth import find_growths


@pytest.mark.parametrize(
    ("text", "pct"),
    [
        ("trade saw a twelve-fold rise", "1100"),
        ("trade grew 3.5 times", "250"),
        ("trade grew twenty-five times", "2400"),
        ("a 15-fold increase in trade", "1400"),
        ("trade increased nearly 1.5 times", "50"),
        ("trade doubled", "100"),
        ("trade tripled", "200"),
        ("exports shrank by almost 15%", "-15"),
        ("trade fell 4 percent", "-4"),
        ("growth amounted to 114.1%", "14.1"),
    ],
)
def test_growth_rate(text: str, pct: str) -> None:
    [growth] = find_growths(text)
    assert growth.pct == Decimal(pct)


@pytest.mark.parametrize(
    "text",
    [
        "trade was down $4.2 million",
        "trade rose by $27 million",
        "exports grew 5 percentage points",
    ],
)
def test_no_growth_rate(text: str) -> None:
    assert find_growths(text) == []


@pytest.mark.parametrize(
    ("text", "value", "growth"),
    [
        (
            "Trade between Chile and Peru rose by $27 million in 2024, reaching $130 million.",
            130_000_000,
            None,
        ),
        (
            "Trade between Chile and Peru grew 2.5 times in 2024, reaching $130 million.",
            130_000_000,
            Decimal(150),
        ),
        (
            "Trade between Chile and Peru fell by almost 15% in 2024 to $130 million.",
            130_000_000,
            Decimal(-15),
        ),
        (
            # A change over several years is no year-on-year growth rate.
            "Trade between Chile and Peru has doubled in the past five years, reaching"
            " $130 million in 2024.",
            130_000_000,
            None,
        ),
    ],
)
def test_figure_growth(text: str, value: int, growth: Decimal | None) -> None:
    facts = extract_facts(text, slug="test-doc", title="", published_on=date(2025, 3, 1))
    [fact] = facts.turnover
    assert (fact.value_usd, fact.growth_pct) == (Decimal(value), growth)


def test_rate_goes_to_the_figure_not_to_its_base() -> None:
    text = (
        "Trade between Chile and Peru totaled $130 million in January-May 2024. This is a"
        " 30 percent increase compared to the same period last year ($100 million in"
        " January-May 2023)."
    )
    facts = extract_facts(text, slug="test-doc", title="", published_on=date(2024, 7, 1))
    growth = {f.period.start.year: f.growth_pct for f in facts.turnover}
    assert growth == {2024: Decimal(30), 2023: None}


def test_rate_of_the_sentence_before_goes_to_the_figure_of_its_period() -> None:
    text = (
        "For eight months of 2024, trade between Chile and Peru increased by 12.5%. The total"
        " amount of bilateral trade for this period reached $640 million."
    )
    facts = extract_facts(text, slug="test-doc", title="", published_on=date(2024, 10, 1))
    [fact] = facts.turnover
    assert (fact.period.end, fact.value_usd, fact.growth_pct) == (
        date(2024, 8, 31),
        Decimal(640_000_000),
        Decimal("12.5"),
    )
