"""The evaluation as text: each article's misses and false hits, then the scores."""

from collections import Counter
from collections.abc import Callable
from typing import Any

from app.ingest.evaluation.differences import (
    describe_agreement,
    describe_gold_agreement,
    describe_gold_target,
    describe_gold_turnover,
    describe_target,
    describe_turnover,
    number,
)
from app.ingest.evaluation.explain import STAGES, explain_false_hit, explain_miss
from app.ingest.evaluation.scoring import ArticleResult, EvaluationReport

QUOTE_SHOWN = 90  # characters of a quote shown beside a finding


def _describe_growth(pair: tuple[Any, Any]) -> str:
    gold, fact = pair
    return f"{describe_turnover(fact)}, growth {number(gold.growth_pct)}"


def _describe_found_growth(pair: tuple[Any, Any]) -> str:
    fact = pair[1]
    return f"{describe_turnover(fact)}, growth {number(fact.growth_pct)}"


# kind -> (describe a gold item, describe a drafted item)
_DESCRIBE: dict[str, tuple[Callable[[Any], str], Callable[[Any], str]]] = {
    "turnover": (describe_gold_turnover, describe_turnover),
    "flows": (describe_gold_turnover, describe_turnover),
    "growth": (_describe_growth, _describe_found_growth),
    "targets": (describe_gold_target, describe_target),
    "agreements": (describe_gold_agreement, describe_agreement),
}


def format_report(report: EvaluationReport, *, explain: bool = False) -> str:
    """Findings grouped by article (with the stage to blame when `explain`), then scores."""
    lines: list[str] = []
    for article in report.articles:
        findings = _findings(article, explain)
        if findings or article.failure:
            lines.append(article.gold.file)
            lines += [f"  {article.failure}"] if article.failure else []
            lines += findings
    if explain:
        lines.append(_tally(lines))
    if lines:
        lines.append("")
    return "\n".join(lines + format_scores(report))


def _tally(lines: list[str]) -> str:
    """How many findings each stage is blamed for: where the next rule pays most."""
    stages = Counter(line.split(" <- ", 1)[1].split(":", 1)[0] for line in lines if " <- " in line)
    return "blame " + " ".join(f"{stage}={stages[stage]}" for stage in STAGES)


def format_scores(report: EvaluationReport) -> list[str]:
    """A table of precision, recall and F1 per kind, and last a one-line summary."""
    scores = report.scores
    lines = [f"{'kind':<12}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'found':>7}{'matched':>9}"]
    for kind, s in scores.items():
        lines.append(
            f"{kind:<12}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
            f"{s.gold:>7}{s.extracted:>7}{s.matched:>9}"
        )
    lines.append("F1 " + " ".join(f"{kind}={s.f1:.3f}" for kind, s in scores.items()))
    return lines


def _findings(article: ArticleResult, explain: bool) -> list[str]:
    lines = []
    for comparison in article.comparisons:
        describe_gold, describe_found = _DESCRIBE[comparison.kind]
        for item in comparison.misses:
            why = explain_miss(article, comparison.kind, item) if explain else None
            lines.append(_line("miss", comparison.kind, describe_gold(item), item, why))
        for item in comparison.false_hits:
            why = explain_false_hit(article, comparison.kind, item) if explain else None
            lines.append(_line("false", comparison.kind, describe_found(item), item, why))
    return lines


def _line(verb: str, kind: str, summary: str, item: Any, why: str | None) -> str:
    if why is not None:
        return f"  {verb:<5} {kind:<10} {summary} <- {why}"
    quote = item[1].quote if isinstance(item, tuple) else item.quote
    shown = " ".join(quote.split())
    shown = shown if len(shown) <= QUOTE_SHOWN else shown[: QUOTE_SHOWN - 1] + "…"
    return f"  {verb:<5} {kind:<10} {summary}  “{shown}”"
