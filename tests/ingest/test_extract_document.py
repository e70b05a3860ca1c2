"""Document files: metadata header, body text, datelines and sentences."""

from datetime import date

import pytest

from app.ingest.extract import SourceDocument, read_document
from app.ingest.extract.facts import fallback_title
from app.ingest.extract.sentences import split_sentences


def test_metadata_lines_in_any_order() -> None:
    raw = (
        "# published: 2024-03-14\n# title: Trade up\n# source: https://example.org/a\n"
        "\nBody text.\n"
    )
    assert read_document(raw) == SourceDocument(
        text="Body text.",
        url="https://example.org/a",
        title="Trade up",
        published_on=date(2024, 3, 14),
    )


def test_a_document_without_metadata_is_all_text() -> None:
    assert read_document("ASTANA – Trade grew.\n\nIt grew again.") == SourceDocument(
        text="ASTANA – Trade grew.\n\nIt grew again."
    )


def test_metadata_only_at_the_top() -> None:
    document = read_document("First line.\n# title: not metadata\n")
    assert (document.title, document.text) == (None, "First line.\n# title: not metadata")


def test_a_bad_publication_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        read_document("# published: March 2024\n\nText.")


def test_sentences_index_the_text() -> None:
    text = (
        "ASTANA – Trade grew on Sept. 22-23 in Taraz. It reached $1.3 billion.\n\n"
        "“We agree,” he said."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Trade grew on Sept. 22-23 in Taraz.",
        "It reached $1.3 billion.",
        "“We agree,” he said.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("ASTANA – Trade grew.", "Trade grew."),
        ("BISHKEK, March 3 (Kabar) - Trade grew.", "Trade grew."),
        ("TASHKENT, Uzbekistan (UzA) -- Trade grew.", "Trade grew."),
        ("ASTANA. KAZINFORM – Trade grew.", "Trade grew."),
        ("YEREVAN, MAY 20, ARMENPRESS. Trade grew.", "Trade grew."),
        ("Baku, February 20, AZERTAC. Trade grew.", "Trade grew."),
        ("MOSCOW, March 3. /TASS/. Trade grew.", "Trade grew."),
        ("Trade grew 1.5 times.", "Trade grew 1.5 times."),
    ],
)
def test_datelines_are_no_part_of_the_first_sentence(text: str, first: str) -> None:
    assert split_sentences(text)[0].text == first


def test_wrapped_lines_stay_one_sentence() -> None:
    text = "Trade between the\ncountries reached $1 billion.\nNew paragraph."
    assert [s.text for s in split_sentences(text)] == [
        "Trade between the\ncountries reached $1 billion.",
        "New paragraph.",
    ]


def test_fallback_title_is_cut_at_a_clause() -> None:
    clause = "Kazakh and Kyrgyz leaders signed commercial documents worth $65 million at the forum"
    long = f"{clause}, attended by the prime ministers and regional governors of the two countries."
    assert fallback_title(long) == clause
    assert fallback_title("Trade grew.") == "Trade grew"


def test_a_source_that_is_no_address_is_an_error() -> None:
    with pytest.raises(ValueError, match="http"):
        read_document("# source: Kabar news agency\n\nText.")


def test_run_on_text_is_cut_into_sentences_of_bounded_length() -> None:
    text = ", ".join(["trade grew"] * 400)
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= 1500 and text[s.start : s.end] == s.text for s in sentences)
