"""End to end: from the text of a release to its draft fact file."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from app.ingest.extract import dump_fact_file, extract_facts, read_document
from app.ingest.facts import FactFile, TurnoverFact

SEED = (
    Path(__file__).resolve().parents[2]
    / "seeds"
    / "documents"
    / "kz-kg-interregional-forum-taraz.txt"
)


def _facts(text: str, published: date | None = None, title: str | None = None) -> FactFile:
    return extract_facts(text, slug="test-doc", title=title, published_on=published)


def _only(text: str, published: date | None = None) -> TurnoverFact:
    [fact] = _facts(text, published).turnover
    return fact


@pytest.fixture(scope="module")
def seed() -> FactFile:
    document = read_document(SEED.read_text(encoding="utf-8"))
    return extract_facts(document.text, slug="kz-kg-interregional-forum-taraz")


def test_seed_turnover_facts(seed: FactFile) -> None:
    full_year, year_to_date = seed.turnover
    assert (full_year.reporter, full_year.partner, full_year.flow) == ("KAZ", "KGZ", "turnover")
    assert (full_year.period.start, full_year.period.end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert (full_year.period.label, full_year.period.inferred) == ("2022", False)
    assert full_year.value_usd == Decimal(1_300_000_000)
    assert full_year.value_qualifier == "exact"
    assert (full_year.growth_pct, full_year.growth_qualifier) == (Decimal(19), "at_most")
    assert full_year.attribution == "the Prime Minister’s press service"
    assert (
        full_year.quote == "In 2022, trade volume increased by nearly 19%, reaching $1.3 billion."
    )
    assert (year_to_date.period.start, year_to_date.period.end) == (
        date(2023, 1, 1),
        date(2023, 7, 31),
    )
    assert (year_to_date.period.label, year_to_date.period.inferred) == ("January-July 2023", True)
    assert year_to_date.value_usd == Decimal(757_000_000)
    assert (year_to_date.growth_pct, year_to_date.growth_qualifier) == (Decimal(13), "exact")


def test_seed_target(seed: FactFile) -> None:
    [target] = seed.targets
    assert (target.countries, target.value_usd, target.target_year) == (
        ["KAZ", "KGZ"],
        Decimal(2_000_000_000),
        None,
    )
    assert target.set_by == "the Presidents of the two states"
    assert target.quote.endswith("to increase trade turnover to $2 billion.")


def test_seed_agreements(seed: FactFile) -> None:
    package, protocol, memorandum = seed.agreements
    assert (package.kind, package.value_usd, package.value_qualifier) == (
        "commercial_contracts",
        Decimal(65_000_000),
        "at_most",
    )
    assert [(s.office, s.country) for s in package.signatories] == [
        ("Kazakh business leaders", "KAZ"),
        ("Kyrgyz business leaders", "KGZ"),
    ]
    assert (protocol.kind, protocol.value_usd, protocol.document_count) == ("protocol", None, None)
    assert (
        protocol.title
        == "Protocol of the 11th meeting of the Kazakh-Kyrgyz Intergovernmental Council"
    )
    assert memorandum.kind == "memorandum"


def test_seed_event_places_and_people(seed: FactFile) -> None:
    [forum] = seed.events
    assert (forum.key, forum.name, forum.kind, forum.place) == (
        "first-interregional-forum",
        "First Interregional Forum",
        "forum",
        "Taraz",
    )
    # "Sept. 22-23" has no year: the figures of the release run to 2023.
    assert (forum.start_date, forum.end_date, forum.date_inferred) == (
        date(2023, 9, 22),
        date(2023, 9, 23),
        True,
    )
    assert forum.attendees == ["alikhan-smailov", "akylbek-zhaparov"]
    assert [(p.key, p.country) for p in seed.people] == [
        ("alikhan-smailov", "KAZ"),
        ("akylbek-zhaparov", "KGZ"),
    ]
    assert seed.people[0].positions[0].quote == "Prime Minister of Kazakhstan Alikhan Smailov"
    assert [(p.name, p.kind, p.country) for p in seed.places] == [
        ("Taraz", "city", "KAZ"),
        ("Shymkent", "city", "KAZ"),
        ("Osh", "city", "KGZ"),
        ("Aktobe Region", "region", "KAZ"),
        ("Jalal-Abad Region", "region", "KGZ"),
    ]
    assert seed.agreements[0].event == "first-interregional-forum"


def test_seed_title_falls_back_to_the_first_sentence(seed: FactFile) -> None:
    assert seed.document.title == (
        "Kazakh and Kyrgyz business leaders signed commercial documents worth nearly $65 million "
        "during the first Interregional Forum"
    )


def test_every_quote_is_in_the_text(seed: FactFile) -> None:
    text = read_document(SEED.read_text(encoding="utf-8")).text
    quotes = [f.quote for f in seed.turnover]
    quotes += [f.quote for f in seed.targets] + [f.quote for f in seed.agreements]
    quotes += [f.quote for f in seed.events]
    quotes += [p.quote for person in seed.people for p in person.positions]
    assert len(quotes) == 9
    assert all(quote in text for quote in quotes)


def test_yaml_round_trip(seed: FactFile) -> None:
    text = dump_fact_file(seed)
    assert FactFile.model_validate(yaml.safe_load(text)) == seed
    assert "value_usd: 1300000000\n" in text
    assert "start: 2023-01-01\n" in text
    assert "Prime Minister’s press service" in text


def test_yaml_keeps_section_order_and_non_integral_numbers() -> None:
    facts = _facts("In 2023, trade between Kazakhstan and China grew 1.5 times to $31.55 billion.")
    text = dump_fact_file(facts)
    sections = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert sections == [
        "document",
        "places",
        "people",
        "events",
        "turnover",
        "targets",
        "agreements",
    ]
    assert "value_usd: 31550000000\n" in text
    assert "growth_pct: 50\n" in text
    assert FactFile.model_validate(yaml.safe_load(text)) == facts


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Trade between Uzbekistan and Tajikistan reached nearly $600 million in 2023.", "at_most"),
        (
            "Trade between Uzbekistan and Tajikistan reached about $600 million in 2023.",
            "approximate",
        ),
        ("Trade between Uzbekistan and Tajikistan exceeded $600 million in 2023.", "at_least"),
        ("Trade between Uzbekistan and Tajikistan reached $600 million in 2023.", "exact"),
    ],
)
def test_value_qualifier(sentence: str, qualifier: str) -> None:
    assert _only(sentence).value_qualifier == qualifier


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Kazakh-Kyrgyz trade turnover reached $1.5 billion in 2023.", ("KAZ", "KGZ")),
        ("Trade between Uzbekistan and Tajikistan reached $600 million in 2023.", ("UZB", "TJK")),
        ("Kazakhstan's trade with China amounted to $31.5 billion in 2023.", ("KAZ", "CHN")),
        ("In 2023, China's trade with Kazakhstan amounted to $41 billion.", ("CHN", "KAZ")),
        (
            "Trade with Uzbekistan reached $1.4 billion in 2023, Kyrgyz statistics show.",
            ("KGZ", "UZB"),
        ),
    ],
)
def test_country_pair_and_reporter(sentence: str, pair: tuple[str, str]) -> None:
    fact = _only(sentence)
    assert (fact.reporter, fact.partner) == pair


def test_pair_of_the_document_for_mutual_trade() -> None:
    text = (
        "Armenia and Iran discussed transit. In 2023, mutual trade amounted to $700 million. "
        "Iranian and Armenian companies took part."
    )
    fact = _only(text)
    assert (fact.reporter, fact.partner) == ("ARM", "IRN")


@pytest.mark.parametrize(
    ("text", "flow", "pair"),
    [
        ("In 2023, Kazakhstan's exports to China reached $15.2 billion.", "export", ("KAZ", "CHN")),
        ("In 2023, Kazakh imports from China totaled $16.3 billion.", "import", ("KAZ", "CHN")),
        (
            "In 2023, Chinese exports to Kyrgyzstan amounted to $19.7 billion.",
            "export",
            ("CHN", "KGZ"),
        ),
        (
            "In 2023, Uzbekistan imported goods worth $2 billion from Kazakhstan.",
            "import",
            ("UZB", "KAZ"),
        ),
    ],
)
def test_export_and_import_flows(text: str, flow: str, pair: tuple[str, str]) -> None:
    fact = _only(text)
    assert (fact.flow, fact.reporter, fact.partner) == (flow, *pair)


def test_exports_and_imports_in_one_sentence_share_the_period() -> None:
    text = (
        "Trade between Azerbaijan and Georgia reached $352.7 million in January-February 2024. "
        "Azerbaijan's exports to Georgia amounted to $198.6 million (+15.1%), while imports from "
        "Georgia reached $154.1 million (+9.2%)."
    )
    turnover, exports, imports = _facts(text).turnover
    assert [f.period.label for f in (turnover, exports, imports)] == ["January-February 2024"] * 3
    assert (exports.flow, exports.growth_pct) == ("export", Decimal("15.1"))
    assert (imports.flow, imports.reporter, imports.growth_pct) == ("import", "AZE", Decimal("9.2"))


def test_non_usd_amount_keeps_its_currency() -> None:
    fact = _only(
        "In Q1 2024, exports of Russian goods to Kazakhstan amounted to 560 billion rubles."
    )
    assert (fact.value_usd, fact.amount, fact.currency) == (None, Decimal(560_000_000_000), "RUB")
    assert (fact.flow, fact.reporter, fact.partner, fact.period.label) == (
        "export",
        "RUS",
        "KAZ",
        "Q1 2024",
    )


def test_year_of_a_partial_period_after_a_full_year_figure() -> None:
    text = (
        "In 2022, trade between Kazakhstan and Kyrgyzstan reached $1.3 billion. "
        "In January-July, it rose to $757 million."
    )
    _, partial = _facts(text).turnover
    assert (partial.period.label, partial.period.inferred) == ("January-July 2023", True)


def test_last_year_uses_the_publication_date() -> None:
    fact = _only(
        "Trade between Uzbekistan and Tajikistan reached $612.4 million last year.",
        date(2024, 2, 12),
    )
    assert (fact.period.label, fact.period.inferred) == ("2023", True)


def test_open_months_use_the_publication_date() -> None:
    fact = _only(
        "In the first half of the year, Kyrgyz-Tajik trade reached $31.7 million.",
        date(2024, 7, 30),
    )
    assert (fact.period.start, fact.period.end, fact.period.label) == (
        date(2024, 1, 1),
        date(2024, 6, 30),
        "H1 2024",
    )


def test_same_period_of_last_year() -> None:
    text = (
        "Trade between Azerbaijan and Uzbekistan amounted to $180.4 million in January-October "
        "2023. "
        "Over the same period last year the figure was $161.9 million."
    )
    _, earlier = _facts(text, date(2023, 11, 28)).turnover
    assert (earlier.period.label, earlier.value_usd) == (
        "January-October 2022",
        Decimal(161_900_000),
    )


def test_growth_in_the_next_sentence() -> None:
    text = (
        "Trade between Kyrgyzstan and Russia reached $2.73 billion in 2023. "
        "Compared to 2022, it decreased by 4 percent."
    )
    assert _only(text).growth_pct == Decimal(-4)


@pytest.mark.parametrize(
    "text",
    [
        "China's total foreign trade in 2023 reached $5.9 trillion, Kazakh and Chinese media said.",
        "Chinese investments in Kazakhstan's economy exceeded $25 billion in 2023.",
        "In 2023, Kazakhstan and China agreed a loan of $200 million for the trade center.",
        "The population of Kazakhstan and Uzbekistan exceeds 56 million people in 2023.",
        "The Kazakh-Uzbek forum will be held on April 22-23, 2024, to discuss the goals for 2030.",
        "In 2023, Uzbekistan's GDP grew by 6% and inflation in Tajikistan was 3.8%.",
        "Trade within the Eurasian Economic Union of Russia and Kazakhstan reached $89 billion "
        "in 2023.",
        "In 2023, exports of Kazakh wheat to Uzbekistan amounted to $350 million.",
        "Since the beginning of the year, trade between Kazakhstan and Russia has reached $12.5 "
        "billion.",
        "In 2023, Kyrgyzstan's trade deficit with China reached $19.5 billion.",
        "In 2023, trade turnover of the Almaty region with China reached $3 billion.",
        "Trade between Kazakhstan and Kyrgyzstan rose by $140 million in 2023.",
        "In 2023, Türkiye's exports to the world exceeded $250 billion, Azerbaijani media said.",
    ],
)
def test_traps_are_no_turnover(text: str) -> None:
    assert _facts(text).turnover == []


def test_a_figure_of_two_other_countries_is_left_out() -> None:
    text = (
        "Trade between Azerbaijan and Russia reached $4.4 billion in 2023. Russia is "
        "Azerbaijan's third "
        "partner after Italy. Italy's trade with Spain exceeded $16 billion in 2023. "
        "Russian goods."
    )
    assert [(f.reporter, f.partner) for f in _facts(text).turnover] == [("AZE", "RUS")]


def test_metadata_header_feeds_the_fact_file() -> None:
    raw = (
        "# source: https://example.org/news/1\n# title: Trade grows\n# published: 2024-02-12\n\n"
        "Trade between Uzbekistan and Tajikistan reached $612.4 million last year.\n"
    )
    document = read_document(raw)
    facts = extract_facts(
        document.text,
        slug="news-1",
        title=document.title,
        url=document.url,
        published_on=document.published_on,
        publisher="UzA",
    )
    assert (facts.document.title, facts.document.url, facts.document.publisher) == (
        "Trade grows",
        "https://example.org/news/1",
        "UzA",
    )
    assert facts.document.published_on == date(2024, 2, 12)
    assert facts.turnover[0].period.label == "2023"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "$5",
        "2023",
        "Trade between Kazakhstan and China grew 5000 times to $1 billion in 2023.",
        "Trade between Kazakhstan and China reached $900000 trillion in 2023.",
        "The sides signed 0 documents.",
        " ".join(["trade between Kazakhstan and China reached $1 billion in 2023 and"] * 200),
        " ".join(["Ministry of Trade and Industry Of Kazakhstan Republic Agency"] * 200),
    ],
)
def test_odd_text_gives_a_valid_fact_file(text: str) -> None:
    facts = _facts(text)
    assert FactFile.model_validate(yaml.safe_load(dump_fact_file(facts))) == facts
    assert all(len(f.quote) <= 1500 and f.quote in text for f in facts.turnover)


def test_a_year_earlier_is_the_compared_period_of_the_year_before() -> None:
    text = (
        "In January-April 2024, trade between Kazakhstan and Uzbekistan amounted to $1.4 billion "
        "compared with $1.3 billion a year earlier."
    )
    labels = [(f.period.label, f.value_usd) for f in _facts(text).turnover]
    assert labels == [
        ("January-April 2024", Decimal(1_400_000_000)),
        ("January-April 2023", Decimal(1_300_000_000)),
    ]


def test_a_rate_against_a_named_year_belongs_to_the_figure_before() -> None:
    text = (
        "In 2023, trade between Azerbaijan and Türkiye reached $8.1 billion. "
        "That is 4% more than in 2022, when it stood at $7.8 billion."
    )
    later, earlier = _facts(text).turnover
    assert (later.period.label, later.growth_pct) == ("2023", Decimal(4))
    assert (earlier.period.label, earlier.value_usd, earlier.growth_pct) == (
        "2022",
        Decimal(7_800_000_000),
        None,
    )


def test_made_up_is_a_level_not_a_change() -> None:
    fact = _only("In 2023, Azerbaijan's exports to Türkiye made up $2.9 billion.")
    assert (fact.flow, fact.value_usd, fact.growth_pct) == ("export", Decimal(2_900_000_000), None)


def test_a_figure_without_currency_after_one_with() -> None:
    text = (
        "In 2022, trade between Turkmenistan and China amounted to 11.2 billion dollars. "
        "In the first quarter of 2023 it reached 2.7 billion."
    )
    assert [f.value_usd for f in _facts(text).turnover] == [
        Decimal(11_200_000_000),
        Decimal(2_700_000_000),
    ]


def test_a_figure_in_dollars_is_kept_over_the_same_in_drams() -> None:
    text = (
        "Armenia's trade with Georgia in 2023 reached 465 billion drams. In dollar terms, "
        "the figure exceeded $1.15 billion, a 21.6% increase year-on-year."
    )
    fact = _only(text)
    assert (fact.value_usd, fact.value_qualifier, fact.growth_pct) == (
        Decimal(1_150_000_000),
        "at_least",
        Decimal("21.6"),
    )


def test_it_after_a_sentence_about_trade() -> None:
    text = (
        "Trade turnover between Kyrgyzstan and Kazakhstan has decreased. In January-March 2024 "
        "it amounted to $321.5 million, which is 12.4 percent less than a year earlier."
    )
    fact = _only(text)
    assert (fact.period.label, fact.value_usd, fact.growth_pct) == (
        "January-March 2024",
        Decimal(321_500_000),
        Decimal("-12.4"),
    )
