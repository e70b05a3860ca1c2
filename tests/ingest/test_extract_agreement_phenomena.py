"""Signed documents as trade releases report them: one table per phenomenon, in sentences
written for these tests. Each row is a whole release; a fact is (count, value, title start)."""

from decimal import Decimal

import pytest

from app.ingest.extract import extract_facts

Found = tuple[int | None, Decimal | None, str]


def _agreements(text: str) -> list[Found]:
    facts = extract_facts(text, slug="test-doc")
    return [(a.document_count, a.value_usd, a.title[:12]) for a in facts.agreements]


def _usd(value: int) -> Decimal:
    return Decimal(value)


@pytest.mark.parametrize(
    ("text", "count", "value"),
    [
        ("Georgian and Turkish firms signed 41 documents worth more than $610 million.", 41, 610),
        ("At the forum, a package of 19 deals totalling $2.2 bln was signed.", 19, 2200),
        ("Ghana and Kenya signed 12 contracts to the tune of $90 million.", 12, 90),
        ("Some 30 agreements valued at $1.5 billion were inked at the forum.", 30, 1500),
    ],
)  # fmt: skip
def test_an_aggregate_with_count_and_value(text: str, count: int, value: int) -> None:
    [(found_count, found_value, _)] = _agreements(text)
    assert (found_count, found_value) == (count, _usd(value * 1_000_000))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Twelve documents were signed during the visit of the Chilean president to Peru.", 12),
        ("The ministers of Oman and Qatar signed 7 agreements on transport and energy.", 7),
        ("About 10 documents were adopted by the ministries of Jordan and Iraq.", 10),
        ("The business forum ended with the signing of 25 memoranda.", 25),
        ("Seventeen agreements were signed by the delegations of Peru and Chile.", 17),
        ("The ministers of Oman and Iraq signed twenty-three documents.", 23),
    ],
)
def test_an_aggregate_with_a_count_only(text: str, count: int) -> None:
    [(found_count, found_value, _)] = _agreements(text)
    assert (found_count, found_value) == (count, None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nepalese and Indian companies signed several contracts worth $75 million.", 75),
        ("Deals in the area of trade and investment worth $3 bln were inked.", 3000),
        ("Deals on energy and investment worth more than $2 billion were inked.", 2000),
        (
            "At the forum, agreements were reached on joint trade and energy projects worth "
            "$800 million.",
            800,
        ),
    ],
)
def test_an_aggregate_with_a_value_only(text: str, value: int) -> None:
    [(found_count, found_value, _)] = _agreements(text)
    assert (found_count, found_value) == (None, _usd(value * 1_000_000))


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "The presidents of Latvia and Lithuania signed a joint declaration on strategic "
            "partnership.",
            ["Joint declar"],
        ),
        (
            "The two ministers signed a memorandum on customs as well as a cooperation plan for "
            "2026-2027.",
            ["Memorandum o", "Cooperation "],
        ),
        (
            "The ministers of Ghana and Togo signed an agreement on transit and an agreement "
            "on customs.",
            ["Agreement on", "Agreement on"],
        ),
        (
            "The parties signed the following documents:\n"
            "- A Memorandum of Understanding between the export agencies;\n"
            "- An Agreement on cooperation between the chambers of commerce;\n"
            "- The Minutes of the tenth meeting of the joint commission.",
            ["Memorandum o", "Agreement on", "Minutes of t"],
        ),
        (
            "The ministers signed these documents:\n"
            "Memorandum of Understanding on railway transit.\n"
            "Protocol of the fifth meeting of the business council.",
            ["Memorandum o", "Protocol of "],
        ),
    ],
)
def test_single_named_documents_one_by_one(text: str, titles: list[str]) -> None:
    assert _agreements(text) == [(None, None, title) for title in titles]


@pytest.mark.parametrize(
    "text",
    [
        "An agreement on free trade between Egypt and Morocco is expected to be signed in May.",
        "The sides will sign a roadmap on logistics during the next visit.",
        "Documents on a joint industrial zone are being prepared by Tunisia and Algeria.",
        "The ministers discussed a draft agreement on investment protection and plan to sign it.",
        "The presidents of Bolivia and Paraguay reached an agreement to meet again in autumn.",
    ],
)
def test_plans_and_documents_not_signed_are_no_agreements(text: str) -> None:
    assert _agreements(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Relations between Finland and Estonia rest on 114 documents.",
        "The legal framework of Chilean-Peruvian cooperation counts more than 80 agreements.",
        "Since 1992, the two countries have signed more than 200 agreements.",
        "Over the years Norway and Iceland signed 60 treaties.",
    ],
)
def test_cumulative_stocks_are_no_agreements(text: str) -> None:
    assert _agreements(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Croatia and Slovenia signed several agreements on trade. The parties signed 9 "
            "documents worth $40 million. The documents were signed at the business forum.",
            [(9, _usd(40_000_000), "9 documents")],
        ),
        (
            "Fifteen documents were signed during the visit. Among the documents signed are "
            "memorandums on green energy and on digital trade.",
            [(15, None, "Fifteen docu")],
        ),
        (
            "The sides signed contracts worth $2 billion. Moreover, deals worth $2 billion were "
            "inked in the area of trade and investment.",
            [(None, _usd(2_000_000_000), "Contracts")],
        ),
    ],
)
def test_a_signing_told_twice_or_by_examples_is_one_agreement(
    text: str, expected: list[Found]
) -> None:
    assert _agreements(text) == expected


def test_a_colon_with_no_list_after_it_keeps_what_the_sentence_says() -> None:
    text = "The delegations signed 5 agreements:\nTrade between the countries keeps growing."
    assert _agreements(text) == [(5, None, "5 agreements")]


def test_documents_reported_only_vaguely_are_kept() -> None:
    text = "The export agency of Mongolia signed agreements with the major banks of Japan."
    assert _agreements(text) == [(None, None, "Agreements w")]


@pytest.mark.parametrize(
    "text",
    [
        "Uzbek-Tajik talks were held in Dushanbe. The sides signed 15 commercial agreements "
        "worth $700 million.",
        "Uzbek-Tajik talks were held in Dushanbe. The two countries signed a protocol on "
        "railway transit.",
        "Uzbek-Tajik talks were held in Dushanbe. Both parties signed a memorandum on water use.",
    ],
)
def test_the_sides_are_the_documents_pair(text: str) -> None:
    facts = extract_facts(text, slug="test-doc", title="Uzbekistan and Tajikistan hold talks")
    [agreement] = facts.agreements
    assert sorted(p.country for p in agreement.parties) == ["TJK", "UZB"]


def test_a_document_without_a_pair_leaves_the_sides_without_parties() -> None:
    [agreement] = extract_facts("The sides signed a protocol on transit.", slug="x").agreements
    assert agreement.parties == []
