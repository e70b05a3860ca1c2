"""A figure stated twice is one fact; two sources that disagree are two facts."""

from datetime import date

import pytest

from tests.ingest.extract.rows import Row, figures

PUBLISHED = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # A hedged round figure and the precise one: one fact, the precise value.
            "Trade between Chile and Peru exceeded $1 billion in 2024. Chile's statistics office"
            " said trade between Chile and Peru reached $1.04 billion in 2024.",
            [("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 1_040_000_000)],
        ),
        (
            # The same figure restated with a hedge.
            "Trade between Chile and Peru reached $1.2 billion in 2024. Trade between the two"
            " countries was about $1.2 billion in 2024.",
            [("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 1_200_000_000)],
        ),
        (
            # Two figures for one pair and year that contradict each other: two statements.
            "Chile's minister said trade between Chile and Peru reached $1.2 billion in 2024."
            " Peru's minister said trade between Peru and Chile stood at $1.5 billion in 2024.",
            [
                ("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 1_200_000_000),
                ("PER", "CHL", "turnover", "2024-01-01", "2024-12-31", 1_500_000_000),
            ],
        ),
    ],
)
def test_duplicates(text: str, expected: list[Row]) -> None:
    assert figures(text, PUBLISHED) == expected
