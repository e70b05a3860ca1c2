"""Growth and decline rates."""

from decimal import Decimal

import pytest

from app.ingest.extract.growth import find_growths


@pytest.mark.parametrize(
    ("text", "pct", "qualifier"),
    [
        ("trade increased by 13% to $757 million", "13", "exact"),
        ("trade volume increased by nearly 19%, reaching", "19", "at_most"),
        ("grew 1.5 times", "50", "exact"),
        ("increased by 2 times", "100", "exact"),
        ("up 12% year-on-year", "12", "exact"),
        ("decreased by 4%", "-4", "exact"),
        ("down 4%", "-4", "exact"),
        ("a 19% increase over the same period", "19", "exact"),
        ("rose by 19 percent", "19", "exact"),
        ("growth of 7.5%", "7.5", "exact"),
        ("a decline of 4 per cent", "-4", "exact"),
        ("rose by more than 20 percent", "20", "at_least"),
        ("increased in 2022 by 13.5%", "13.5", "exact"),
        ("$198.6 million (+15.1%)", "15.1", "exact"),
        ("$81.4 million (-9%)", "-9", "exact"),
        ("which is 20% more than in 2022", "20", "exact"),
        ("which is 4% less than in 2022", "-4", "exact"),
        ("which is 2.4 times more than", "140", "exact"),
        ("almost 2.3 times more than in 2022", "130", "at_most"),
        ("a 1.5-fold increase", "50", "exact"),
        ("growing 1.9-fold", "90", "exact"),
        ("nearly doubled", "100", "at_most"),
        ("tripled", "200", "exact"),
        ("decreased 3 times", "-66.667", "exact"),
        ("a decrease of 12.3% y/y", "-12.3", "exact"),
    ],
)
def test_growth_rate(text: str, pct: str, qualifier: str) -> None:
    [growth] = find_growths(text)
    assert growth.pct == Decimal(pct)
    assert growth.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "inflation was 8.8 percent",
        "accounting for 12% of trade",
        "the share rose by 2.5 percentage points",
        "more than 90% of settlements",
        "the base rate stands at 14.75%",
        "its share made up 3.5 percent",
    ],
)
def test_percentages_that_are_no_growth(text: str) -> None:
    assert find_growths(text) == []


def test_each_rate_is_found_once_in_order() -> None:
    text = "exports rose by 10% while imports fell by 5%"
    assert [g.pct for g in find_growths(text)] == [Decimal(10), Decimal(-5)]
