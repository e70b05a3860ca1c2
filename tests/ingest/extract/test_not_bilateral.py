"""Amounts that are not bilateral trade: a total, a bloc, products, regions, goals."""

from datetime import date

import pytest

from tests.ingest.extract.rows import Row, figures

PUBLISHED = date(2025, 3, 10)
LEAD = "Trade between Chile and Peru reached $300 million in 2024. "
PAIR = ("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 300_000_000)


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's total trade turnover exceeded $95 billion in 2024.",
        "Peru is 0.3% of Chile's foreign trade, which reached $95 billion in 2024.",
        "Chile's trade with Peru makes up a small part of its total trade, which reached"
        " $95 billion in 2024.",
        "In 2024, Chile's exports rose by 4 percent to $98 billion.",
        "Imports of Chile in 2024 exceeded $80 billion.",
        "In 2024, Chile exported $98 billion worth of goods and imported $80 billion.",
        "Chile's trade with the European Union reached $20 billion in 2024.",
        "In 2024, trade of the Antofagasta region with Peru reached $40 million.",
        "In 2024, Chile's export of $40 million worth of copper to Peru grew fast.",
        "In 2024, Chile exported salmon for $40 million to Peru.",
        # A mark the trade passes or aims at is no figure.
        "All is in place for trade to overcome the new threshold of $250 million.",
        "The result exceeds the 200 million USD goal the two set for 2024.",
        # A period that has not ended at publication has no result yet.
        "Trade between Chile and Peru may reach $2 billion this year.",
    ],
)
def test_amount_is_no_bilateral_figure(sentence: str) -> None:
    assert figures(LEAD + sentence, PUBLISHED) == [PAIR]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            # A place where the partners rank is no region that trades.
            "Chile's main partner in the Andean region is Peru, with trade of $300 million in"
            " 2024.",
            [PAIR],
        ),
        (
            # A part of the pair's trade just given names only one country, and still counts.
            "Trade between Chile and Peru reached $300 million in 2024, of which Chilean"
            " exports accounted for $180 million.",
            [PAIR, ("CHL", "PER", "export", "2024-01-01", "2024-12-31", 180_000_000)],
        ),
        (
            # A mark already passed is a result.
            "Trade between Chile and Peru crossed the $300 million mark in 2024.",
            [PAIR],
        ),
    ],
)
def test_bilateral_figure_is_kept(sentence: str, expected: list[Row]) -> None:
    assert figures(sentence, PUBLISHED) == expected
