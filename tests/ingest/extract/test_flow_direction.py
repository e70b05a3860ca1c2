"""Direction of flows: who exports to whom, and who reports it."""

from datetime import date

import pytest

from tests.ingest.extract.rows import Row, figures

PUBLISHED = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In 2024, exports from Chile to Peru amounted to $210 million.",
            [("CHL", "PER", "export", "2024-01-01", "2024-12-31", 210_000_000)],
        ),
        (
            "In 2024, Peru's imports from Chile reached $210 million.",
            [("PER", "CHL", "import", "2024-01-01", "2024-12-31", 210_000_000)],
        ),
        (
            # A clause that names no country goes on about the sentence's subject.
            "In 2024, Chile's exports to Peru made up $210 million, while imports were"
            " $90 million.",
            [
                ("CHL", "PER", "export", "2024-01-01", "2024-12-31", 210_000_000),
                ("CHL", "PER", "import", "2024-01-01", "2024-12-31", 90_000_000),
            ],
        ),
        (
            # The flow named after the amount.
            "Trade between Chile and Peru reached $300 million in 2024, Chile's statistics"
            " office said. Of this, $210 million accounted for imports and $90 million for"
            " exports.",
            [
                ("CHL", "PER", "turnover", "2024-01-01", "2024-12-31", 300_000_000),
                ("CHL", "PER", "import", "2024-01-01", "2024-12-31", 210_000_000),
                ("CHL", "PER", "export", "2024-01-01", "2024-12-31", 90_000_000),
            ],
        ),
    ],
)
def test_flow_direction(text: str, expected: list[Row]) -> None:
    assert figures(text, PUBLISHED) == expected
