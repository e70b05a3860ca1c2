"""Targets, signed documents, their signatories, and dated events."""

from datetime import date
from decimal import Decimal

import pytest

from app.ingest.extract import extract_facts
from app.ingest.facts import FactFile


def _facts(text: str, published: date | None = None) -> FactFile:
    return extract_facts(text, slug="test-doc", published_on=published)


@pytest.mark.parametrize(
    ("sentence", "value", "year", "set_by"),
    [
        (
            "Kazakhstan and Kyrgyzstan aim to increase trade turnover to $2 billion.",
            2_000_000_000,
            None,
            None,
        ),
        (
            "The leaders of the two countries set the goal of bringing mutual trade between "
            "Uzbekistan "
            "and Tajikistan to $5 billion by 2030.",
            5_000_000_000,
            2030,
            "The leaders of the two countries",
        ),
        (
            "Azerbaijan and Georgia set the goal of reaching $1 billion in trade.",
            1_000_000_000,
            None,
            None,
        ),
    ],
)
def test_targets(sentence: str, value: int, year: int | None, set_by: str | None) -> None:
    facts = _facts(sentence)
    [target] = facts.targets
    assert (target.value_usd, target.target_year, target.set_by) == (Decimal(value), year, set_by)
    assert facts.turnover == []


def test_a_past_increase_to_a_figure_is_no_target() -> None:
    text = "Mutual trade of Kazakhstan and Kyrgyzstan grew by 7% in 2024 to reach $1.05 billion."
    facts = _facts(text)
    assert facts.targets == []
    assert [f.value_usd for f in facts.turnover] == [Decimal(1_050_000_000)]


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "qualifier", "count"),
    [
        (
            "Kazakh and Chinese companies signed 25 documents worth $1.2 billion.",
            "commercial_contracts",
            1_200_000_000,
            "exact",
            25,
        ),
        (
            "Uzbek and Kyrgyz firms signed commercial documents worth nearly $65 million.",
            "commercial_contracts",
            65_000_000,
            "at_most",
            None,
        ),
        (
            "Agreements worth over $500 million were signed by Russian and Kazakh companies.",
            "commercial_contracts",
            500_000_000,
            "at_least",
            None,
        ),
        ("At the forum, a package of 40 agreements was signed.", "agreement", None, None, 40),
        (
            "The ministers of Armenia and Iran signed a memorandum on standardization.",
            "memorandum",
            None,
            None,
            None,
        ),
        (
            "They signed the protocol of the 11th meeting of the commission.",
            "protocol",
            None,
            None,
            None,
        ),
        ("The sides signed a roadmap for border trade.", "roadmap", None, None, None),
    ],
)
def test_agreements(
    sentence: str, kind: str, value: int | None, qualifier: str | None, count: int | None
) -> None:
    [agreement] = _facts(sentence).agreements
    expected_value = Decimal(value) if value is not None else None
    assert (
        agreement.kind,
        agreement.value_usd,
        agreement.value_qualifier,
        agreement.document_count,
    ) == (
        kind,
        expected_value,
        qualifier,
        count,
    )


def test_agreements_not_yet_signed_are_left_out() -> None:
    text = "A contract for the railway worth $4.6 billion is expected to be signed in 2025."
    assert _facts(text).agreements == []


def test_named_signatories_become_people() -> None:
    text = (
        "Uzbek Foreign Minister Bakhtiyor Saidov and his Tajik counterpart Sirojiddin Muhriddin "
        "signed a memorandum on consultations."
    )
    facts = _facts(text)
    [memorandum] = facts.agreements
    assert [(s.person, s.country) for s in memorandum.signatories] == [
        ("bakhtiyor-saidov", "UZB"),
        ("sirojiddin-muhriddin", "TJK"),
    ]
    assert [(p.key, p.full_name, p.country) for p in facts.people] == [
        ("bakhtiyor-saidov", "Bakhtiyor Saidov", "UZB"),
        ("sirojiddin-muhriddin", "Sirojiddin Muhriddin", "TJK"),
    ]
    assert facts.people[0].positions[0].quote == "Uzbek Foreign Minister Bakhtiyor Saidov"


def test_signatory_named_earlier_by_surname() -> None:
    text = (
        "Deputy Prime Minister of Armenia Mher Grigoryan met Russian Deputy Prime Minister Alexei "
        "Overchenkov. Grigoryan and Overchenkov signed the protocol of the meeting."
    )
    [protocol] = _facts(text).agreements
    assert sorted((s.person, s.country) for s in protocol.signatories) == [
        ("alexei-overchenkov", "RUS"),
        ("mher-grigoryan", "ARM"),
    ]


def test_event_year_from_the_publication_date() -> None:
    text = "The Uzbek-Turkmen Business Forum will be held in Ashgabat on April 23-24."
    [event] = _facts(text, date(2024, 3, 1)).events
    assert (event.start_date, event.end_date, event.place) == (
        date(2024, 4, 23),
        date(2024, 4, 24),
        "Ashgabat",
    )


def test_a_forum_without_a_date_is_no_event() -> None:
    assert _facts("Agreements were signed at the Kazakh-Uzbek investment forum.").events == []


def test_a_forum_that_ended_with_signing() -> None:
    [package] = _facts("The forum ended with the signing of 12 agreements on logistics.").agreements
    assert (package.kind, package.document_count, package.title) == (
        "agreement",
        12,
        "12 agreements on logistics",
    )


def test_concluded_that_signs_nothing() -> None:
    text = "The forum concluded that the agreement on free trade should be updated."
    assert _facts(text).agreements == []


def test_unnamed_offices_of_both_countries() -> None:
    text = (
        "Kazakhstan and Kyrgyzstan discussed trade. The ministries of energy of the two "
        "countries signed a memorandum on electricity. Kyrgyz and Kazakh experts attended."
    )
    [memorandum] = _facts(text).agreements
    assert [(s.office, s.country) for s in memorandum.signatories] == [
        ("ministries of energy", "KAZ"),
        ("ministries of energy", "KGZ"),
    ]


def test_a_reported_figure_with_a_future_aside_is_no_target() -> None:
    text = (
        "Trade between Kazakhstan and Kyrgyzstan, which the new checkpoint will boost, "
        "reached $1.3 billion in 2022."
    )
    facts = _facts(text)
    assert facts.targets == []
    assert [f.value_usd for f in facts.turnover] == [Decimal(1_300_000_000)]


def test_a_goal_restated_is_one_target() -> None:
    text = (
        "Kazakhstan and Azerbaijan: mutual trade to reach $1 billion\n"
        "Trade between Azerbaijan and Kazakhstan grew. The parties intend to bring mutual trade "
        "to $1 billion."
    )
    [target] = _facts(text).targets
    assert (target.countries, target.value_usd) == (["KAZ", "AZE"], Decimal(1_000_000_000))
