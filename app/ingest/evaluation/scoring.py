"""Score drafted facts against the gold, kind by kind: precision, recall and F1."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.ingest.evaluation.articles import draft
from app.ingest.evaluation.consistency import check_against_articles
from app.ingest.evaluation.gold import GoldArticle, GoldTarget, load_gold
from app.ingest.evaluation.matching import (
    agreement_matches,
    growth_agrees,
    match,
    target_matches,
    turnover_matches,
)
from app.ingest.facts import FactFile, TargetFact, TurnoverFact

KINDS = ("turnover", "flows", "growth", "targets", "agreements")


@dataclass(frozen=True)
class Score:
    gold: int
    extracted: int
    matched: int

    @property
    def precision(self) -> float:
        if self.extracted:
            return self.matched / self.extracted
        return 1.0 if self.gold == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.gold:
            return self.matched / self.gold
        return 1.0 if self.extracted == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(
            self.gold + other.gold, self.extracted + other.extracted, self.matched + other.matched
        )


@dataclass(frozen=True)
class Comparison:
    """One kind of one article: the gold, the drafted facts, and which matched which."""

    kind: str
    gold: Sequence[Any]
    found: Sequence[Any]
    pairs: dict[int, int]

    @property
    def score(self) -> Score:
        return Score(len(self.gold), len(self.found), len(self.pairs))

    @property
    def misses(self) -> list[Any]:
        return [item for g, item in enumerate(self.gold) if g not in self.pairs]

    @property
    def false_hits(self) -> list[Any]:
        hit = set(self.pairs.values())
        return [item for f, item in enumerate(self.found) if f not in hit]


@dataclass(frozen=True)
class ArticleResult:
    gold: GoldArticle
    facts: FactFile | None  # None: the article could not be drafted (see failure)
    comparisons: list[Comparison]
    # drafted targets that a gold target with a `kind` claimed, by their index in facts
    set_aside: dict[int, GoldTarget] = field(default_factory=dict)
    failure: str | None = None


@dataclass(frozen=True)
class EvaluationReport:
    articles: list[ArticleResult]

    @property
    def scores(self) -> dict[str, Score]:
        totals = dict.fromkeys(KINDS, Score(0, 0, 0))
        for article in self.articles:
            for comparison in article.comparisons:
                totals[comparison.kind] += comparison.score
        return totals


def evaluate(docs_dir: Path, gold_path: Path) -> EvaluationReport:
    """Draft every article the gold lists and compare, kind by kind."""
    articles = load_gold(gold_path)
    check_against_articles(docs_dir, gold_path, articles)
    results = []
    for gold in articles:
        drafted = draft(docs_dir / gold.file)
        results.append(compare(gold, drafted.facts, drafted.failure))
    return EvaluationReport(results)


def compare(gold: GoldArticle, facts: FactFile | None, failure: str | None = None) -> ArticleResult:
    """Every kind of one article; flows only when its gold labels them."""
    turnover = _turnover_comparisons(gold, facts.turnover if facts else [])
    targets, set_aside = _targets(gold, facts.targets if facts else [])
    drafted = facts.agreements if facts else []
    agreements = Comparison(
        "agreements",
        gold.agreements,
        drafted,
        match(gold.agreements, drafted, agreement_matches),
    )
    comparisons = [*turnover, _growth(turnover), targets, agreements]
    return ArticleResult(gold, facts, comparisons, set_aside, failure)


def _turnover_comparisons(gold: GoldArticle, drafted: list[TurnoverFact]) -> list[Comparison]:
    """Turnover, and exports with imports apart, when the gold labels them."""
    kinds = [("turnover", True), ("flows", False)] if gold.scores_flows else [("turnover", True)]
    comparisons = []
    for kind, turnover in kinds:
        expected = [t for t in gold.turnover if (t.effective_flow == "turnover") is turnover]
        found = [f for f in drafted if (f.flow == "turnover") is turnover]
        comparisons.append(
            Comparison(kind, expected, found, match(expected, found, turnover_matches))
        )
    return comparisons


def _growth(turnover: list[Comparison]) -> Comparison:
    """The growth rates of matched figures: a rate found for a figure the gold gives none
    is a false hit, a rate the gold gives and the figure lacks or gets wrong is a miss."""
    matched = [(c.gold[g], c.found[f]) for c in turnover for g, f in c.pairs.items()]
    expected = [pair for pair in matched if pair[0].growth_pct is not None]
    found = [pair for pair in matched if pair[1].growth_pct is not None]
    position = {id(pair): i for i, pair in enumerate(found)}
    pairs = {i: position[id(pair)] for i, pair in enumerate(expected) if growth_agrees(*pair)}
    return Comparison("growth", expected, found, pairs)


def _targets(
    gold: GoldArticle, drafted: list[TargetFact]
) -> tuple[Comparison, dict[int, GoldTarget]]:
    """Targets the gold marks with a kind first claim what they match, then are dropped."""
    unofficial = [t for t in gold.targets if t.kind is not None]
    claimed = match(unofficial, drafted, target_matches)
    set_aside = {f: unofficial[g] for g, f in claimed.items()}
    official = [t for t in gold.targets if t.kind is None]
    found = [t for i, t in enumerate(drafted) if i not in set_aside]
    pairs = match(official, found, target_matches)
    return Comparison("targets", official, found, pairs), set_aside
