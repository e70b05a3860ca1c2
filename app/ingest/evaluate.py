"""Score the extractor against hand-labelled gold facts: precision, recall and F1 per kind.

GOLD.json lists, per document file, the turnover figures, targets and agreements a careful
curator would record. Matching is one to one: a gold fact matches at most one extracted fact.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from app.ingest.extract import extract_facts, read_document
from app.ingest.extract.keys import slugify
from app.ingest.facts import AgreementFact, FactFile, TargetFact, TurnoverFact

TOLERANCE = Decimal("0.005")  # values match within 0.5%
GROWTH_TOLERANCE = Decimal("0.05")  # growth rates match within 0.05 points
KINDS = ("turnover", "turnover.growth", "targets", "agreements")


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _GoldFact(_Gold):
    quote: str


class GoldTurnover(_GoldFact):
    countries: Annotated[list[str], Field(min_length=2, max_length=2)]
    period_start: str
    period_end: str
    value_usd: Decimal | None
    growth_pct: Decimal | None
    approximate: bool


class GoldTarget(_GoldFact):
    countries: Annotated[list[str], Field(min_length=2, max_length=2)]
    value_usd: Decimal
    by_year: int | None


class GoldAgreement(_GoldFact):
    value_usd: Decimal | None
    count: int | None
    approximate: bool


class GoldDocument(_Gold):
    file: str
    turnover: list[GoldTurnover] = []
    targets: list[GoldTarget] = []
    agreements: list[GoldAgreement] = []


_GOLD = TypeAdapter(list[GoldDocument])


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


@dataclass(frozen=True)
class Finding:
    """A gold fact the extractor missed, or an extracted fact the gold does not have."""

    kind: str
    file: str
    summary: str
    quote: str


@dataclass
class EvaluationReport:
    scores: dict[str, Score]
    misses: list[Finding] = field(default_factory=list)
    false_hits: list[Finding] = field(default_factory=list)


def load_gold(path: Path) -> list[GoldDocument]:
    return _GOLD.validate_json(path.read_bytes())


def evaluate(docs_dir: Path, gold_path: Path) -> EvaluationReport:
    """Extract every document listed in the gold file and compare."""
    gold_docs = load_gold(gold_path)
    listed = {g.file for g in gold_docs}
    unlisted = sorted(p.name for p in docs_dir.glob("*.txt") if p.name not in listed)
    if unlisted:
        raise ValueError(f"documents without a gold entry: {', '.join(unlisted)}")
    counts = {kind: [0, 0, 0] for kind in KINDS}
    report = EvaluationReport(scores={})
    for gold in gold_docs:
        facts = _extract(docs_dir / gold.file)
        _compare_turnover(gold, facts, counts, report)
        targets = _Kind("targets", _target_matches, _gold_target_text, _target_text)
        targets.compare(gold.file, gold.targets, facts.targets, counts, report)
        agreements = _Kind("agreements", _agreement_matches, _gold_agreement_text, _agreement_text)
        agreements.compare(gold.file, gold.agreements, facts.agreements, counts, report)
    report.scores = {kind: Score(*values) for kind, values in counts.items()}
    return report


def _extract(path: Path) -> FactFile:
    document = read_document(path.read_text(encoding="utf-8"))
    return extract_facts(
        document.text,
        slug=slugify(f"corpus-{path.stem}"),
        title=document.title,
        url=document.url,
        published_on=document.published_on,
    )


def _close(gold: Decimal | None, found: Decimal | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    return abs(found - gold) <= TOLERANCE * abs(gold)


def _turnover_matches(gold: GoldTurnover, fact: TurnoverFact) -> bool:
    return (
        {c.upper() for c in gold.countries} == {fact.reporter, fact.partner}
        and gold.period_start == fact.period.start.isoformat()
        and gold.period_end == fact.period.end.isoformat()
        and _close(gold.value_usd, fact.value_usd)
    )


def _growth_agrees(gold: GoldTurnover, fact: TurnoverFact) -> bool:
    if gold.growth_pct is None or fact.growth_pct is None:
        return False
    return abs(gold.growth_pct - fact.growth_pct) <= GROWTH_TOLERANCE


def _target_matches(gold: GoldTarget, fact: TargetFact) -> bool:
    return {c.upper() for c in gold.countries} == set(fact.countries) and _close(
        gold.value_usd, fact.value_usd
    )


def _agreement_matches(gold: GoldAgreement, fact: AgreementFact) -> bool:
    return _close(gold.value_usd, fact.value_usd) and gold.count == fact.document_count


G = TypeVar("G")
F = TypeVar("F")


def _match(
    gold: Sequence[G], found: Sequence[F], matches: Callable[[G, F], bool]
) -> dict[int, int]:
    """A maximum one-to-one matching (gold index -> found index), by augmenting paths."""
    owner: dict[int, int] = {}

    def assign(g: int, seen: set[int]) -> bool:
        for f, fact in enumerate(found):
            if f in seen or not matches(gold[g], fact):
                continue
            seen.add(f)
            if f not in owner or assign(owner[f], seen):
                owner[f] = g
                return True
        return False

    for g in range(len(gold)):
        assign(g, set())
    return {g: f for f, g in owner.items()}


@dataclass(frozen=True)
class _Kind:
    """How one kind of fact is matched and described."""

    name: str
    matches: Callable[[Any, Any], bool]
    describe_gold: Callable[[Any], str]
    describe_found: Callable[[Any], str]

    def compare(
        self,
        file: str,
        gold: Sequence[Any],
        found: Sequence[Any],
        counts: dict[str, list[int]],
        report: EvaluationReport,
    ) -> dict[int, int]:
        pairs = _match(gold, found, self.matches)
        tally = counts[self.name]
        tally[0] += len(gold)
        tally[1] += len(found)
        tally[2] += len(pairs)
        for g, item in enumerate(gold):
            if g not in pairs:
                report.misses.append(Finding(self.name, file, self.describe_gold(item), item.quote))
        hit = set(pairs.values())
        for f, item in enumerate(found):
            if f not in hit:
                finding = Finding(self.name, file, self.describe_found(item), item.quote)
                report.false_hits.append(finding)
        return pairs


def _compare_turnover(
    gold: GoldDocument, facts: FactFile, counts: dict[str, list[int]], report: EvaluationReport
) -> None:
    kind = _Kind("turnover", _turnover_matches, _gold_turnover_text, _turnover_text)
    pairs = kind.compare(gold.file, gold.turnover, facts.turnover, counts, report)
    tally = counts["turnover.growth"]
    for g, f in pairs.items():
        expected, fact = gold.turnover[g], facts.turnover[f]
        tally[0] += expected.growth_pct is not None
        tally[1] += fact.growth_pct is not None
        if _growth_agrees(expected, fact):
            tally[2] += 1
            continue
        if expected.growth_pct is not None:
            text = f"growth {_num(expected.growth_pct)}, found {_num(fact.growth_pct)}"
            report.misses.append(Finding("turnover.growth", gold.file, text, expected.quote))
        elif fact.growth_pct is not None:
            text = f"growth {_num(fact.growth_pct)}, gold has none"
            report.false_hits.append(Finding("turnover.growth", gold.file, text, fact.quote))


def _num(value: Decimal | None) -> str:
    return "-" if value is None else format(value.normalize(), "f")


def _gold_turnover_text(g: GoldTurnover) -> str:
    pair = "-".join(g.countries)
    return f"{pair} {g.period_start}..{g.period_end} {_num(g.value_usd)} USD"


def _turnover_text(f: TurnoverFact) -> str:
    value = (
        f"{_num(f.value_usd)} USD" if f.value_usd is not None else f"{_num(f.amount)} {f.currency}"
    )
    return f"{f.reporter}-{f.partner} {f.flow} {f.period.start}..{f.period.end} {value}"


def _gold_target_text(g: GoldTarget) -> str:
    return f"{'-'.join(g.countries)} {_num(g.value_usd)} USD by {g.by_year or '-'}"


def _target_text(f: TargetFact) -> str:
    return f"{'-'.join(f.countries)} {_num(f.value_usd)} USD by {f.target_year or '-'}"


def _gold_agreement_text(g: GoldAgreement) -> str:
    return f"value {_num(g.value_usd)} USD, count {g.count if g.count is not None else '-'}"


def _agreement_text(f: AgreementFact) -> str:
    count = f.document_count if f.document_count is not None else "-"
    return f"{f.kind}: value {_num(f.value_usd)} USD, count {count}"


def format_report(report: EvaluationReport) -> str:
    """A table of scores, then every miss and false hit with its file and quote."""
    lines = [f"{'kind':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'found':>7}{'matched':>9}"]
    for kind, score in report.scores.items():
        lines.append(
            f"{kind:<16}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
            f"{score.gold:>7}{score.extracted:>7}{score.matched:>9}"
        )
    for heading, findings in (
        ("Misses (in gold, not extracted)", report.misses),
        ("False hits (extracted, not in gold)", report.false_hits),
    ):
        lines.append("")
        lines.append(f"{heading}: {len(findings)}")
        for item in findings:
            lines.append(f"  [{item.kind}] {item.file}: {item.summary}")
            lines.append(f"      “{item.quote}”")
    return "\n".join(lines)
