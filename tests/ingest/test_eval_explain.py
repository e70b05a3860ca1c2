"""`tradestat eval --explain`: which stage lost each miss or invented each false hit."""

from typing import Any

import pytest

from app.ingest.evaluation import EvaluationReport, GoldArticle, compare, format_report
from app.ingest.evaluation.explain import explain_false_hit, explain_miss
from tests.ingest.eval_cases import (
    agreement,
    article,
    drafted,
    figure,
    gold_agreement,
    gold_figure,
    gold_target,
    target,
)

HUNDRED = "Trade reached $100 million last year."
BILLION = "Trade is to reach $1 billion."
FIGURE = "KAZ-UZB turnover 2023-01-01..2023-12-31 100000000 USD"


def said(**extra: Any) -> dict[str, Any]:
    """A gold figure of $100 million whose quote states it."""
    return gold_figure(quote=HUNDRED, **extra)


def explanations(gold: dict[str, Any], found: dict[str, Any], kind: str, verb: str) -> list[str]:
    result = compare(article(**gold), drafted(**found))
    [comparison] = [c for c in result.comparisons if c.kind == kind]
    if verb == "miss":
        return [explain_miss(result, kind, item) for item in comparison.misses]
    return [explain_false_hit(result, kind, item) for item in comparison.false_hits]


# (what happened, gold lists, drafted lists, kind, expected explanations of the misses)
MISSES: list[tuple[str, dict[str, Any], dict[str, Any], str, list[str]]] = [
    (
        "an amount in words is not read",
        {
            "turnover": [
                gold_figure(value=700_000_000, quote="Trade reached seven hundred million dollars.")
            ]
        },
        {},
        "turnover",
        ["mentions: 700000000 USD is not read in its quote (read: nothing)"],
    ),
    (
        "a compound amount read in part",
        {
            "turnover": [
                gold_figure(value=12_400_000_000, quote="Trade reached $12 billion 400 million.")
            ]
        },
        {},
        "turnover",
        [
            "mentions: 12400000000 USD is not read in its quote"
            " (read: 12000000000 USD, 400000000 USD)"
        ],
    ),
    (
        "an amount in another currency is not the dollar value",
        {"turnover": [gold_figure(value=500_000_000, quote="Trade reached 500 million euros.")]},
        {},
        "turnover",
        ["mentions: 500000000 USD is not read in its quote (read: 500000000 EUR)"],
    ),
    (
        "a value read but bound to no figure",
        {"turnover": [said()]},
        {},
        "turnover",
        ["binding: no figure carries 100000000 USD"],
    ),
    (
        "a value bound to a target instead of a figure",
        {"turnover": [gold_figure(value=1_000_000_000, quote=BILLION)]},
        {"targets": [target()]},
        "turnover",
        ["binding: no figure carries 1000000000 USD; a target does"],
    ),
    (
        "a period resolved to the wrong year",
        {"turnover": [said()]},
        {"turnover": [figure(start="2022-01-01", end="2022-12-31")]},
        "turnover",
        [
            "resolution: period_start: gold 2023-01-01, found 2022-01-01; "
            "period_end: gold 2023-12-31, found 2022-12-31"
        ],
    ),
    (
        "a turnover read as an export",
        {"turnover": [said(flow="turnover")]},
        {"turnover": [figure(flow="export")]},
        "turnover",
        ["resolution: flow: gold turnover, found export"],
    ),
    (
        "an export read the wrong way",
        {"turnover": [said(flow="export")]},
        {"turnover": [figure("UZB", "KAZ", flow="export")]},
        "flows",
        ["resolution: direction: gold KAZ->UZB, found UZB->KAZ"],
    ),
    (
        "the partner taken from the wrong sentence",
        {"turnover": [said()]},
        {"turnover": [figure("KAZ", "TJK")]},
        "turnover",
        ["resolution: pair: gold KAZ-UZB, found KAZ-TJK"],
    ),
    (
        "a figure the gold states twice is drafted once",
        {"turnover": [said(flow="turnover"), said(flow="turnover")]},
        {"turnover": [figure()]},
        "turnover",
        [f"resolution: that figure stands for gold {FIGURE}"],
    ),
    (
        "a growth rate not bound to its figure",
        {"turnover": [said(growth_pct=12)]},
        {"turnover": [figure()]},
        "growth",
        ["binding: the figure carries growth -, gold 12"],
    ),
    (
        "a target with the wrong partner",
        {"targets": [gold_target(quote=BILLION)]},
        {"targets": [target(countries=("KAZ", "TJK"))]},
        "targets",
        ["resolution: countries: gold KAZ-UZB, found KAZ-TJK"],
    ),
    (
        "the only target with the value is a forecast in the gold",
        {"targets": [gold_target(quote=BILLION, kind="forecast"), gold_target(quote=BILLION)]},
        {"targets": [target()]},
        "targets",
        ["resolution: that target stands for gold KAZ-UZB 1000000000 USD by - (forecast)"],
    ),
    (
        "a package with the wrong count",
        {
            "agreements": [
                {
                    **gold_agreement(5_000_000, count=12),
                    "quote": "They signed 12 deals worth $5 million.",
                }
            ]
        },
        {"agreements": [agreement(5_000_000, count=21)]},
        "agreements",
        ["resolution: count: gold 12, found 21"],
    ),
    (
        "fewer named documents than the gold lists",
        {"agreements": [gold_agreement(), gold_agreement()]},
        {"agreements": [agreement()]},
        "agreements",
        ["binding: no agreement without a USD value is left for it"],
    ),
]


@pytest.mark.parametrize(
    ("gold", "found", "kind", "expected"), [c[1:] for c in MISSES], ids=[c[0] for c in MISSES]
)
def test_a_miss_names_the_stage_that_lost_it(
    gold: dict[str, Any], found: dict[str, Any], kind: str, expected: list[str]
) -> None:
    assert explanations(gold, found, kind, "miss") == expected


FALSE_HITS: list[tuple[str, dict[str, Any], dict[str, Any], str, list[str]]] = [
    (
        "an amount no gold states",
        {"turnover": [said()]},
        {"turnover": [figure(), figure(value=300_000_000)]},
        "turnover",
        ["binding: no gold states this value (invented)"],
    ),
    (
        "a target's value drafted as a figure",
        {"targets": [gold_target(quote=BILLION)]},
        {"turnover": [figure(value=1_000_000_000)], "targets": [target()]},
        "turnover",
        ["binding: the gold states this value as a target"],
    ),
    (
        "a figure with the wrong period",
        {"turnover": [said()]},
        {"turnover": [figure(end="2023-06-30")]},
        "turnover",
        [f"resolution: nearest gold {FIGURE}: period_end: gold 2023-12-31, found 2023-06-30"],
    ),
    (
        "the same figure drafted twice",
        {"turnover": [said()]},
        {"turnover": [figure(), figure(flow="turnover", attribution="a ministry")]},
        "turnover",
        [f"resolution: repeats gold {FIGURE}, matched by {FIGURE}"],
    ),
    (
        "a growth rate the gold does not give",
        {"turnover": [said()]},
        {"turnover": [figure(growth_pct=7)]},
        "growth",
        ["binding: the figure carries growth 7, gold -"],
    ),
]


@pytest.mark.parametrize(
    ("gold", "found", "kind", "expected"),
    [c[1:] for c in FALSE_HITS],
    ids=[c[0] for c in FALSE_HITS],
)
def test_a_false_hit_names_its_nearest_gold_or_says_it_is_invented(
    gold: dict[str, Any], found: dict[str, Any], kind: str, expected: list[str]
) -> None:
    assert explanations(gold, found, kind, "false") == expected


def test_the_report_groups_findings_by_article_and_tallies_the_stages() -> None:
    unread = gold_figure(value=700_000_000, quote="Trade reached seven hundred million dollars.")
    first = compare(article(turnover=[said(), unread]), drafted(turnover=[figure()]))
    second = compare(
        GoldArticle.model_validate({"file": "02.txt"}), drafted(turnover=[figure(value=9e6)])
    )
    lines = format_report(EvaluationReport([first, second]), explain=True).splitlines()
    assert lines[:5] == [
        "01.txt",
        "  miss  turnover   KAZ-UZB turnover 2023-01-01..2023-12-31 700000000 USD"
        " <- mentions: 700000000 USD is not read in its quote (read: nothing)",
        "02.txt",
        "  false turnover   KAZ-UZB turnover 2023-01-01..2023-12-31 9000000 USD"
        " <- binding: no gold states this value (invented)",
        "blame mentions=1 binding=1 resolution=0",
    ]
    assert lines[-1].startswith("F1 turnover=0.500 ")


def test_without_explain_a_finding_shows_its_quote() -> None:
    result = compare(article(turnover=[said()]), drafted())
    lines = format_report(EvaluationReport([result])).splitlines()
    assert lines[1] == (f"  miss  turnover   {FIGURE}  “{HUNDRED}”")
    assert not any(line.startswith("blame") for line in lines)
