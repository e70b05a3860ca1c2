"""`tradestat eval` matches as the corpus's reference scorer does, rule by rule."""

from typing import Any

import pytest

from app.ingest.evaluation import Score, compare
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

# (rule, gold lists, drafted lists, expected (gold, found, matched) per kind)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, tuple[int, int, int]]]] = [
    (
        "a turnover pair matches in either order",
        {"turnover": [gold_figure(("UZB", "KAZ"))]},
        {"turnover": [figure("KAZ", "UZB")]},
        {"turnover": (1, 1, 1)},
    ),
    (
        "values agree within half a percent of the gold",
        {"turnover": [gold_figure(value=100_000_000)]},
        {"turnover": [figure(value=100_400_000)]},
        {"turnover": (1, 1, 1)},
    ),
    (
        "a value off by more than half a percent is another figure",
        {"turnover": [gold_figure(value=100_000_000)]},
        {"turnover": [figure(value=100_600_000)]},
        {"turnover": (1, 1, 0)},
    ),
    (
        "a gold with no stated end matches on start and value alone",
        {"turnover": [gold_figure(end=None)]},
        {"turnover": [figure(end="2023-06-30")]},
        {"turnover": (1, 1, 1)},
    ),
    (
        "a stated end must agree",
        {"turnover": [gold_figure(end="2023-12-31")]},
        {"turnover": [figure(end="2023-06-30")]},
        {"turnover": (1, 1, 0)},
    ),
    (
        "a missing value matches only a missing dollar value",
        {"turnover": [gold_figure(value=None)]},
        {"turnover": [figure(value=None)]},
        {"turnover": (1, 1, 1)},
    ),
    (
        "an export A->B is the import B<-A",
        {"turnover": [gold_figure(("KAZ", "UZB"), flow="export")]},
        {"turnover": [figure("UZB", "KAZ", flow="import")]},
        {"turnover": (0, 0, 0), "flows": (1, 1, 1)},
    ),
    (
        "an export the other way is another flow",
        {"turnover": [gold_figure(("KAZ", "UZB"), flow="export")]},
        {"turnover": [figure("UZB", "KAZ", flow="export")]},
        {"flows": (1, 1, 0)},
    ),
    (
        "a flow is not a turnover",
        {"turnover": [gold_figure(flow="turnover")]},
        {"turnover": [figure(flow="export")]},
        {"turnover": (1, 0, 0), "flows": (0, 1, 0)},
    ),
    (
        "a gold that labels no flow leaves drafted flows unscored",
        {"turnover": [gold_figure()]},
        {"turnover": [figure(), figure(value=5_000_000, flow="import")]},
        {"turnover": (1, 1, 1), "flows": (0, 0, 0)},
    ),
    (
        "one gold fact matches one drafted fact",
        {"turnover": [gold_figure(flow="turnover"), gold_figure(flow="turnover")]},
        {"turnover": [figure()]},
        {"turnover": (2, 1, 1)},
    ),
    (
        "a growth rate is scored on matched figures",
        {"turnover": [gold_figure(growth_pct=12), gold_figure(value=7_000_000, growth_pct=3)]},
        {"turnover": [figure(growth_pct=12), figure(value=7_000_000, growth_pct=4)]},
        {"turnover": (2, 2, 2), "growth": (2, 2, 1)},
    ),
    (
        "a rate on a figure the gold gives none for is a false hit",
        {"turnover": [gold_figure()]},
        {"turnover": [figure(growth_pct=12)]},
        {"growth": (0, 1, 0)},
    ),
    (
        "targets with a kind are neither required nor penalised",
        {"targets": [gold_target(kind="forecast"), gold_target(2_000_000, kind="potential")]},
        {"targets": [target()]},
        {"targets": (0, 0, 0)},
    ),
    (
        "an official target is matched on its countries and value",
        {"targets": [gold_target(by_year=2030)]},
        {"targets": [target(countries=("UZB", "KAZ")), target(countries=("KAZ", "TJK"))]},
        {"targets": (1, 2, 1)},
    ),
    (
        "an agreement's count of 1 is a single document",
        {"agreements": [gold_agreement(count=1), gold_agreement(5_000_000)]},
        {"agreements": [agreement(key="a"), agreement(5_000_000, count=1, key="b")]},
        {"agreements": (2, 2, 2)},
    ),
    (
        "an agreement's count must agree",
        {"agreements": [gold_agreement(5_000_000, count=12)]},
        {"agreements": [agreement(5_000_000, count=21)]},
        {"agreements": (1, 1, 0)},
    ),
]


@pytest.mark.parametrize(
    ("gold", "found", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_matching_follows_the_reference_rules(
    gold: dict[str, Any], found: dict[str, Any], expected: dict[str, tuple[int, int, int]]
) -> None:
    result = compare(article(**gold), drafted(**found))
    scores = {c.kind: c.score for c in result.comparisons}
    for kind, (g, f, m) in expected.items():
        assert scores.get(kind, Score(0, 0, 0)) == Score(g, f, m), kind


def test_flows_are_compared_only_when_the_gold_labels_them() -> None:
    unlabelled = compare(article(turnover=[gold_figure()]), drafted())
    labelled = compare(article(turnover=[gold_figure(flow="turnover")]), drafted())
    assert [c.kind for c in unlabelled.comparisons] == [
        "turnover",
        "growth",
        "targets",
        "agreements",
    ]
    assert [c.kind for c in labelled.comparisons][:2] == ["turnover", "flows"]


def test_a_target_claimed_by_a_forecast_is_not_a_false_hit() -> None:
    gold = article(targets=[gold_target(kind="forecast"), gold_target(2_000_000_000)])
    result = compare(gold, drafted(targets=[target(), target(2_000_000_000)]))
    [targets] = [c for c in result.comparisons if c.kind == "targets"]
    assert (targets.score, targets.false_hits) == (Score(1, 1, 1), [])
    assert list(result.set_aside) == [0]


def test_scores() -> None:
    assert (Score(0, 0, 0).precision, Score(0, 0, 0).recall, Score(0, 0, 0).f1) == (1.0, 1.0, 1.0)
    assert (Score(2, 0, 0).precision, Score(2, 0, 0).f1) == (0.0, 0.0)
    assert (Score(4, 2, 1).precision, Score(4, 2, 1).recall) == (0.5, 0.25)
    assert Score(4, 2, 1) + Score(1, 1, 1) == Score(5, 3, 2)
