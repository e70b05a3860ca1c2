"""When an extracted fact is the gold fact, and a one-to-one matching of the two lists."""

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from app.ingest.evaluation.gold import GoldAgreement, GoldTarget, GoldTurnover
from app.ingest.facts import AgreementFact, TargetFact, TurnoverFact

TOLERANCE = Decimal("0.005")  # values agree within 0.5% of the gold value
GROWTH_TOLERANCE = Decimal("0.05")  # growth rates agree within 0.05 points

G = TypeVar("G")
F = TypeVar("F")


def close(gold: Decimal | None, found: Decimal | None) -> bool:
    """Two values agree; a missing value agrees only with a missing value."""
    if gold is None or found is None:
        return gold is None and found is None
    return abs(found - gold) <= TOLERANCE * abs(gold)


def direction(countries: Sequence[str], flow: str) -> tuple[str, str]:
    """(from, to) of a flow: an export A->B and an import B<-A go the same way."""
    first, second = countries[0].upper(), countries[1].upper()
    return (first, second) if flow == "export" else (second, first)


def same_pair(gold: GoldTurnover, fact: TurnoverFact) -> bool:
    """Turnover has no direction; an export or import matches only one of the same way."""
    if gold.effective_flow == "turnover":
        return set(gold.pair) == {fact.reporter, fact.partner}
    if fact.flow == "turnover":
        return False
    reported = [fact.reporter, fact.partner]
    return direction(gold.pair, gold.effective_flow) == direction(reported, fact.flow)


def same_period(gold: GoldTurnover, fact: TurnoverFact) -> bool:
    same_end = gold.period_end is None or gold.period_end == fact.period.end
    return gold.period_start == fact.period.start and same_end


def turnover_matches(gold: GoldTurnover, fact: TurnoverFact) -> bool:
    return (
        same_pair(gold, fact) and same_period(gold, fact) and close(gold.value_usd, fact.value_usd)
    )


def target_matches(gold: GoldTarget, fact: TargetFact) -> bool:
    same_countries = {c.upper() for c in gold.countries} == set(fact.countries)
    return same_countries and close(gold.value_usd, fact.value_usd)


def same_count(gold: GoldAgreement, fact: AgreementFact) -> bool:
    """A count of 1 is a single document, as is no count."""
    return (gold.count or 1) == (fact.document_count or 1)


def agreement_matches(gold: GoldAgreement, fact: AgreementFact) -> bool:
    return close(gold.value_usd, fact.value_usd) and same_count(gold, fact)


def growth_agrees(gold: GoldTurnover, fact: TurnoverFact) -> bool:
    if gold.growth_pct is None or fact.growth_pct is None:
        return False
    return abs(gold.growth_pct - fact.growth_pct) <= GROWTH_TOLERANCE


def match(gold: Sequence[G], found: Sequence[F], matches: Callable[[G, F], bool]) -> dict[int, int]:
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
