"""Official trade goals against results, forecasts, potentials, wishes and negations: one
table per phenomenon, in sentences written for these tests."""

from decimal import Decimal

import pytest

from app.ingest.extract import extract_facts
from app.ingest.extract.context import build_context
from app.ingest.extract.targets import goal_kind


def _targets(text: str) -> list[tuple[list[str], Decimal, int | None]]:
    facts = extract_facts(text, slug="test-doc")
    return [(t.countries, t.value_usd, t.target_year) for t in facts.targets]


def _kind_of_last_amount(sentence: str) -> str | None:
    [info] = build_context(sentence, "", None).sentences
    *earlier, money = info.amounts
    return goal_kind(info.text, money, earlier[-1].end if earlier else 0)


@pytest.mark.parametrize(
    ("sentence", "countries", "value", "year"),
    [
        (
            "The presidents of Georgia and Armenia agreed to raise mutual trade to $900 million "
            "by 2029.",
            ["GEO", "ARM"],
            900_000_000,
            2029,
        ),
        (
            "Mongolia and Japan have set the target of bringing trade to $3 billion.",
            ["MNG", "JPN"],
            3_000_000_000,
            None,
        ),
        (
            "The governments of Turkey and Egypt decided to lift bilateral trade to $20 billion "
            "within five years.",
            ["TUR", "EGY"],
            20_000_000_000,
            None,
        ),
        (
            "Vietnam and Malaysia noted the untapped potential and set a goal of $18 billion in "
            "trade by 2030.",
            ["VNM", "MYS"],
            18_000_000_000,
            2030,
        ),
        (
            "In May the presidents of Chile and Peru reached an agreement to increase trade to "
            "$6 billion.",
            ["CHL", "PER"],
            6_000_000_000,
            None,
        ),
        (
            "Both Nepal and India are doing everything possible to reach the target of $12 "
            "billion in trade by 2028.",
            ["NPL", "IND"],
            12_000_000_000,
            2028,
        ),
    ],
)
def test_a_goal_set_or_agreed_by_governments_is_an_official_target(
    sentence: str, countries: list[str], value: int, year: int | None
) -> None:
    assert _targets(sentence) == [(countries, Decimal(value), year)]
    assert _kind_of_last_amount(sentence) == "official"


@pytest.mark.parametrize(
    "sentence",
    [
        "Fulfilling the instruction of the heads of state to bring Kyrgyz-Turkish trade to "
        "$500 million, the sides reported a record year.",
        "Trade between Serbia and Hungary hit 3.1 billion USD, exceeding the $3 billion goal "
        "set by the two governments for 2025.",
        "The goal of $700 million in Latvian-Lithuanian trade has already been reached.",
    ],
)
def test_a_goal_already_reached_is_no_target(sentence: str) -> None:
    assert _targets(sentence) == []
    assert _kind_of_last_amount(sentence) == "achieved"


@pytest.mark.parametrize(
    "sentence",
    [
        "We expect trade between Chile and Peru to hit $6 billion by 2027.",
        "Turnover between Oman and Qatar is expected to exceed $2.5 billion in 2026.",
        "Analysts say Czech-Slovak trade may reach $40 billion next year.",
        "All chances are there for Nepal and Bangladesh to cross $1 billion in trade this year.",
        "Trade between Chile and Peru is poised to reach $3 billion next year.",
    ],
)
def test_a_forecast_is_no_target(sentence: str) -> None:
    assert _targets(sentence) == []
    assert _kind_of_last_amount(sentence) == "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "There is potential to bring trade between Ghana and Kenya to $3 billion.",
        "Belarus and Cuba have every opportunity to increase trade to $400 million.",
        "Trade between Finland and Estonia can grow to $8 billion in the coming years.",
    ],
)
def test_a_potential_is_no_target(sentence: str) -> None:
    assert _targets(sentence) == []
    assert _kind_of_last_amount(sentence) == "potential"


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade between Norway and Iceland did not reach the $2 billion target set for 2024.",
        "Bolivia and Paraguay failed to bring trade to $900 million by 2023.",
        "The sides have not reached the goal of $5 billion in Thai-Lao trade.",
    ],
)
def test_a_negated_goal_is_no_target(sentence: str) -> None:
    assert _targets(sentence) == []
    assert _kind_of_last_amount(sentence) == "negation"


@pytest.mark.parametrize(
    "sentence",
    [
        "A chamber of commerce official urged Morocco and Tunisia to raise trade to $1 billion "
        "by 2030.",
        "The economist recommended that Ecuador and Colombia bring trade to $4 billion.",
        "Business leaders hope Croatian-Slovenian trade will climb to $6 billion by 2028.",
        "Trade between Peru and Chile should reach $5 billion by 2030, an economist said.",
        "According to analysts, Serbia and Croatia must bring trade to $2 billion.",
    ],
)
def test_an_aspiration_of_someone_who_sets_no_policy_is_no_target(sentence: str) -> None:
    assert _targets(sentence) == []
    assert _kind_of_last_amount(sentence) == "aspiration"


@pytest.mark.parametrize(
    "sentence",
    [
        "The leaders of Senegal and Mali set the goal of raising intra-regional trade to "
        "$10 billion by 2030.",
        "Ministers of Uruguay and Argentina agreed to bring trade within the bloc to "
        "$50 billion by 2028.",
    ],
)
def test_a_regional_goal_is_no_bilateral_target(sentence: str) -> None:
    assert _targets(sentence) == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "Jordan and Iraq aim to raise trade to $5 billion. The two governments agreed to "
            "reach $5 billion in trade by 2028.",
            2028,
        ),
        (
            "Jordan and Iraq plan to increase trade to $5 billion by 2028. Officials said trade "
            "between Jordan and Iraq will increase to $5 billion in five years.",
            2028,
        ),
    ],
)
def test_a_goal_restated_is_one_target_with_the_year_either_mention_gives(
    text: str, year: int
) -> None:
    assert _targets(text) == [(["JOR", "IRQ"], Decimal(5_000_000_000), year)]


def test_goals_of_different_years_stay_apart() -> None:
    text = (
        "Jordan and Iraq set the goal of raising trade to $5 billion by 2026. "
        "They later agreed to reach $5 billion by 2030 instead."
    )
    assert [year for *_, year in _targets(text)] == [2026, 2030]
