"""Country names, adjectives and aliases; the pair a document is about."""

import pytest

from app.ingest.extract.context import build_context
from app.ingest.extract.countries import find_countries, joined_pairs, lexicon


def _codes(text: str) -> list[str]:
    return [m.code for m in find_countries(text)]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Kazakh-Kyrgyz strategic partnership", ["KAZ", "KGZ"]),
        ("trade between Uzbekistan and Tajikistan", ["UZB", "TJK"]),
        ("Kazakhstan's trade with China", ["KAZ", "CHN"]),
        ("Kazakhstan’s trade with Türkiye", ["KAZ", "TUR"]),
        ("the Kyrgyz Republic", ["KGZ"]),
        ("the Republic of Kazakhstan", ["KAZ"]),
        ("Turkmen-Turkish trade turnover", ["TKM", "TUR"]),
        ("Azerbaijani and Georgian companies", ["AZE", "GEO"]),
        ("the Islamic Republic of Iran", ["IRN"]),
        ("Sino-Kazakh relations", ["CHN", "KAZ"]),
        ("UZBEKISTAN AND TAJIKISTAN", ["UZB", "TJK"]),
        ("Russian Federation", ["RUS"]),
    ],
)
def test_country_mentions(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Nigeria, not Niger", ["NGA", "NER"]),
        ("Romania and Oman", ["ROU", "OMN"]),
        ("Guinea-Bissau and Papua New Guinea", ["GNB", "PNG"]),
        ("Kazakhstani exporters", ["KAZ"]),
        ("the Indo-Pacific region", []),
        ("amounted to US$757 mln", []),
        ("757 million US dollars", []),
        ("the US and the UK", ["USA", "GBR"]),
    ],
)
def test_words_inside_other_words_are_no_mentions(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


def test_money_spans_are_skipped() -> None:
    text = "15 billion Russian rubles"
    assert find_countries(text, skip=[(0, len(text))]) == []


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Kazakh-Kyrgyz trade", [("KAZ", "KGZ")]),
        ("Uzbek–Tajik border", [("UZB", "TJK")]),
        ("Uzbekistan and Tajikistan", [("UZB", "TJK")]),
        ("Kazakhstan's trade with China", []),
    ],
)
def test_pairs_written_together(text: str, pairs: list[tuple[str, str]]) -> None:
    assert joined_pairs(text, find_countries(text)) == pairs


def test_aliases_file_is_part_of_the_lexicon() -> None:
    forms = lexicon()
    assert (forms["Kazakh"], forms["Kyrgyz Republic"], forms["Türkiye"]) == ("KAZ", "KGZ", "TUR")


def test_main_pair_from_title_and_lede() -> None:
    text = (
        "Kazakh and Kyrgyz leaders met. Trade between Kazakhstan and China also grew. Kyrgyz goods."
    )
    ctx = build_context(text, "Kazakhstan and Kyrgyzstan sign deals", None)
    assert ctx.pair == ("KAZ", "KGZ")


def test_a_country_named_once_in_passing_makes_no_pair() -> None:
    text = (
        "Uzbekistan's foreign trade grew. Uzbekistan traded with 171 countries. "
        "Its main partner in Uzbekistan's trade was China."
    )
    assert build_context(text, "Foreign trade of Uzbekistan", None).pair is None


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        (
            "Trade between Uzbekistan and Tajikistan grew, Tajikistan's statistics agency said.",
            "TJK",
        ),
        ("ASTANA – Kyrgyzstan and Kazakhstan expanded trade with Kyrgyz partners.", "KAZ"),
        ("According to the Bank of Russia, trade of Kazakhstan and Russia grew.", "RUS"),
    ],
)
def test_reporting_country(text: str, reporter: str) -> None:
    assert build_context(text, "", None).reporter == reporter
