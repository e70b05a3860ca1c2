"""Relative and unusual periods, dated from the publication date or the figures around them."""

from datetime import date

import pytest

from tests.ingest.extract.rows import Row, figures

PUBLISHED = date(2025, 9, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trade between Chile and Peru reached $410 million over the past eight months.",
            ("CHL", "PER", "turnover", "2025-01-01", "2025-08-31", 410_000_000),
        ),
        (
            "Trade between Chile and Peru reached $410 million in the last eleven months of 2024.",
            ("CHL", "PER", "turnover", "2024-01-01", "2024-11-30", 410_000_000),
        ),
        (
            "Trade between Chile and Peru came close to $900 million by the end of last year.",
            ("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 900_000_000),
        ),
        (
            "Trade between Chile and Peru totalled $120 million in the first quarter of this year.",
            ("CHL", "PER", "turnover", "2025-01-01", "2025-03-31", 120_000_000),
        ),
        (
            "Trade between Chile and Peru was $75 million last year.",
            ("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 75_000_000),
        ),
        (
            "Trade between Chile and Peru reached $40 million last month.",
            ("CHL", "PER", "turnover", "2025-08-01", "2025-08-31", 40_000_000),
        ),
    ],
)
def test_relative_period_is_dated_from_publication(text: str, expected: Row) -> None:
    assert figures(text, PUBLISHED) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # "the same month of" names a comparison base, not the figure's period.
            "Trade between Chile and Peru rose by $5 million in June 2024 compared to the same"
            " month of 2023, reaching $60 million. In the reporting month, Chile's exports to"
            " Peru made up $41 million.",
            [
                ("CHL", "PER", "turnover", "2024-06-01", "2024-06-30", 60_000_000),
                ("CHL", "PER", "export", "2024-06-01", "2024-06-30", 41_000_000),
            ],
        ),
        (
            # A comparison base is never the period that the next sentence goes on about.
            "Trade between Chile and Peru amounted to $300 million in January-May 2024, compared"
            " to the same period of 2023 ($250 million). Chile's exports to Peru in the"
            " reporting period made up $180 million.",
            [
                ("CHL", "PER", "turnover", "2024-01-01", "2024-05-31", 300_000_000),
                ("CHL", "PER", "turnover", "2023-01-01", "2023-05-31", 250_000_000),
                ("CHL", "PER", "export", "2024-01-01", "2024-05-31", 180_000_000),
            ],
        ),
        (
            # A sentence about trade with no figure names the period the next one goes on about.
            "For eight months of 2024, trade between Chile and Peru grew by 12%. The total"
            " amount of bilateral trade for this period reached $640 million.",
            [("CHL", "PER", "turnover", "2024-01-01", "2024-08-31", 640_000_000)],
        ),
        (
            # "surpassed the level of 2023" names the compared year, not the figure's.
            "Trade between Chile and Peru exceeded $1 billion and surpassed the level of 2023."
            " In January-August 2024, trade between Chile and Peru reached $1.04 billion.",
            [("CHL", "PER", "turnover", "2024-01-01", "2024-08-31", 1_040_000_000)],
        ),
        (
            # A period far after the amount belongs to another clause: the year comes from
            # the sentence before.
            "In 2024, Chile was Peru's third trading partner. Bilateral trade hit $300 million,"
            " up 40% year-on-year and ahead of what the two governments had planned in their"
            " strategic programme for 2019-2023.",
            [("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 300_000_000)],
        ),
        (
            # A comparison base is a figure of its own, with the earlier period.
            "Trade between Chile and Peru reached $410 million in January-June 2024,"
            " compared to $380 million during the same months of 2023.",
            [
                ("CHL", "PER", "turnover", "2024-01-01", "2024-06-30", 410_000_000),
                ("CHL", "PER", "turnover", "2023-01-01", "2023-06-30", 380_000_000),
            ],
        ),
    ],
)
def test_reporting_period_follows_the_main_figure(text: str, expected: list[Row]) -> None:
    assert figures(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Chile's exports to Peru reached $40 million in 2023-24.", "2023-04-01", "2024-03-31"),
        ("Chile's exports to Peru reached $40 million in FY2023/24.", "2023-04-01", "2024-03-31"),
        ("Chile's exports to Peru reached $40 million in Q3 2024.", "2024-07-01", "2024-09-30"),
        ("Chile's exports to Peru reached $40 million in the second half of last year.",
         "2024-07-01", "2024-12-31"),
        ("Chile's exports to Peru reached $40 million in May.", "2025-05-01", "2025-05-31"),
        ("Chile's exports to Peru reached $40 million in the first four months of this year.",
         "2025-01-01", "2025-04-30"),
    ],
)  # fmt: skip
def test_unusual_period(text: str, start: str, end: str) -> None:
    [(_, _, _, found_start, found_end, _)] = figures(text, PUBLISHED)
    assert (found_start, found_end) == (start, end)
