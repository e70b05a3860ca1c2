"""One reporter, several partners: in one sentence, in ranked lists, across sentences."""

from datetime import date

import pytest

from tests.ingest.extract.rows import Row, figures

PUBLISHED = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # The partner of the document's country, not of the country ranked before it.
            "Trade between Ghana and Togo reached $300 million in 2024, Ghana's statistics"
            " service said. Togo was Ghana's second partner in 2024, with trade of $300 million,"
            " while Benin came third with trade surpassing $210 million.",
            [
                ("GHA", "TGO", "turnover", "2024-01-01", "2024-12-31", 300_000_000),
                ("GHA", "BEN", "turnover", "2024-01-01", "2024-12-31", 210_000_000),
            ],
        ),
        (
            # A ranked list in parentheses; the period carries over from the sentence before.
            "Trade between Ghana and Togo reached $300 million in 2024. Ghana's other main"
            " trading partners are Nigeria ($250 million), Mali ($120 million) and Niger"
            " ($40 million).",
            [
                ("GHA", "TGO", "turnover", "2024-01-01", "2024-12-31", 300_000_000),
                ("GHA", "NGA", "turnover", "2024-01-01", "2024-12-31", 250_000_000),
                ("GHA", "MLI", "turnover", "2024-01-01", "2024-12-31", 120_000_000),
                ("GHA", "NER", "turnover", "2024-01-01", "2024-12-31", 40_000_000),
            ],
        ),
        (
            # "with X ... and with Y": the partners of the country the text is about.
            "Ghana's customs said trade between Ghana and Togo reached $300 million in 2024."
            " The turnover with Nigeria was $250 million and with Mali $120 million in the"
            " reporting period.",
            [
                ("GHA", "TGO", "turnover", "2024-01-01", "2024-12-31", 300_000_000),
                ("GHA", "NGA", "turnover", "2024-01-01", "2024-12-31", 250_000_000),
                ("GHA", "MLI", "turnover", "2024-01-01", "2024-12-31", 120_000_000),
            ],
        ),
        (
            # "X's largest partners": the ranked list is X's, whoever comes first in it.
            "In 2024, Nigeria remained Ghana's largest trading partner with $800 million,"
            " followed by Togo ($300 million) and Mali ($120 million).",
            [
                ("NGA", "GHA", "turnover", "2024-01-01", "2024-12-31", 800_000_000),
                ("GHA", "TGO", "turnover", "2024-01-01", "2024-12-31", 300_000_000),
                ("GHA", "MLI", "turnover", "2024-01-01", "2024-12-31", 120_000_000),
            ],
        ),
        (
            # Partners ranked in consecutive sentences, the list naming no reporter.
            "Ghana's trade with Togo amounted to USD 0.3 billion in 2024. Nigeria came first"
            " (USD 0.8 billion), ahead of Mali (USD 0.12 billion) and Niger.",
            [
                ("GHA", "TGO", "turnover", "2024-01-01", "2024-12-31", 300_000_000),
                ("GHA", "NGA", "turnover", "2024-01-01", "2024-12-31", 800_000_000),
                ("GHA", "MLI", "turnover", "2024-01-01", "2024-12-31", 120_000_000),
            ],
        ),
        (
            # The partner named only in the sentence before the figure.
            "Trade between Ghana and Togo reached $300 million in 2024. Ghana also trades a"
            " lot with Nigeria. In 2024, the turnover reached $250 million.",
            [
                ("GHA", "TGO", "turnover", "2024-01-01", "2024-12-31", 300_000_000),
                ("GHA", "NGA", "turnover", "2024-01-01", "2024-12-31", 250_000_000),
            ],
        ),
        (
            # Two countries the text is not about make no figure of it.
            "Trade between Ghana and Togo reached $300 million in 2024. Ghana's neighbours also"
            " trade: trade between Nigeria and Niger was $900 million in 2024.",
            [("GHA", "TGO", "turnover", "2024-01-01", "2024-12-31", 300_000_000)],
        ),
    ],
)
def test_each_partner_is_a_figure_of_its_own(text: str, expected: list[Row]) -> None:
    assert figures(text, PUBLISHED) == expected
