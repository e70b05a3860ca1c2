"""What separates a gold fact from a drafted fact: one 'field: gold X, found Y' per field."""

from decimal import Decimal

from app.ingest.evaluation.gold import GoldAgreement, GoldTarget, GoldTurnover
from app.ingest.evaluation.matching import direction, same_count
from app.ingest.facts import AgreementFact, TargetFact, TurnoverFact


def number(value: Decimal | None) -> str:
    return "-" if value is None else format(value.normalize(), "f")


def _differs(name: str, gold: object, found: object) -> list[str]:
    return [] if gold == found else [f"{name}: gold {gold}, found {found}"]


def turnover_differences(gold: GoldTurnover, fact: TurnoverFact) -> list[str]:
    """Flow, pair (or direction) and period; the value is taken as agreed."""
    found = [fact.reporter, fact.partner]
    differences = _differs("flow", gold.effective_flow, fact.flow)
    if gold.effective_flow != "turnover" and fact.flow != "turnover":
        gold_way = direction(gold.pair, gold.effective_flow)
        found_way = direction(found, fact.flow)
        name = "direction" if set(gold_way) == set(found_way) else "pair"
        differences += _differs(name, "->".join(gold_way), "->".join(found_way))
    elif set(gold.pair) != set(found):
        differences += _differs("pair", "-".join(gold.pair), "-".join(found))
    differences += _differs("period_start", gold.period_start, fact.period.start)
    if gold.period_end is not None:
        differences += _differs("period_end", gold.period_end, fact.period.end)
    return differences


def target_differences(gold: GoldTarget, fact: TargetFact) -> list[str]:
    gold_pair = sorted(c.upper() for c in gold.countries)
    return _differs("countries", "-".join(gold_pair), "-".join(sorted(fact.countries)))


def agreement_differences(gold: GoldAgreement, fact: AgreementFact) -> list[str]:
    if same_count(gold, fact):
        return []
    return [f"count: gold {gold.count or 1}, found {fact.document_count or 1}"]


def describe_gold_turnover(gold: GoldTurnover) -> str:
    end = gold.period_end or "?"
    return (
        f"{'-'.join(gold.pair)} {gold.effective_flow} {gold.period_start}..{end} "
        f"{number(gold.value_usd)} USD"
    )


def describe_turnover(fact: TurnoverFact) -> str:
    if fact.value_usd is not None:
        value = f"{number(fact.value_usd)} USD"
    else:
        value = f"{number(fact.amount)} {fact.currency}"
    period = f"{fact.period.start}..{fact.period.end}"
    return f"{fact.reporter}-{fact.partner} {fact.flow} {period} {value}"


def describe_gold_target(gold: GoldTarget) -> str:
    kind = f" ({gold.kind})" if gold.kind else ""
    pair = "-".join(c.upper() for c in gold.countries)
    return f"{pair} {number(gold.value_usd)} USD by {gold.by_year or '-'}{kind}"


def describe_target(fact: TargetFact) -> str:
    return f"{'-'.join(fact.countries)} {number(fact.value_usd)} USD by {fact.target_year or '-'}"


def describe_gold_agreement(gold: GoldAgreement) -> str:
    count = gold.count if gold.count is not None else "-"
    return f"value {number(gold.value_usd)} USD, count {count}"


def describe_agreement(fact: AgreementFact) -> str:
    count = fact.document_count if fact.document_count is not None else "-"
    return f"{fact.kind}: value {number(fact.value_usd)} USD, count {count}"
