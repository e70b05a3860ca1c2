"""Which stage of the extractor lost a gold fact or invented a drafted one.

The evidence is what anyone can observe from outside the extractor:
- mentions: the package's amount parser does not read the gold value in the gold quote;
- binding: the value is read, but no drafted fact of that kind carries it (or, for a false
  hit, no gold fact states the value at all: the fact was invented);
- resolution: a fact with that value exists, but its pair, flow, period or count differs
  from the nearest gold fact, or it already stands for another gold fact.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.ingest.evaluation.differences import (
    agreement_differences,
    describe_agreement,
    describe_gold_agreement,
    describe_gold_target,
    describe_gold_turnover,
    describe_target,
    describe_turnover,
    number,
    target_differences,
    turnover_differences,
)
from app.ingest.evaluation.gold import GoldTurnover
from app.ingest.evaluation.matching import close
from app.ingest.evaluation.scoring import ArticleResult
from app.ingest.extract.amounts import Money, find_amounts, find_bare_amounts
from app.ingest.facts import TurnoverFact

STAGES = ("mentions", "binding", "resolution")


@dataclass(frozen=True)
class _Family:
    """The gold and drafted facts of one kind of an article, and who stands for whom."""

    noun: str
    gold: Sequence[Any]
    facts: Sequence[Any]
    differences: Callable[[Any, Any], list[str]]
    describe_gold: Callable[[Any], str]
    describe_fact: Callable[[Any], str]
    gold_matched_by: dict[int, Any]  # id(gold) -> its drafted fact
    fact_matches: dict[int, Any]  # id(fact) -> its gold


def explain_miss(article: ArticleResult, kind: str, item: Any) -> str:
    """Why a gold fact of `kind` has no drafted counterpart."""
    if kind == "growth":
        return _growth(*item)
    families = _families(article)
    family = families[kind]
    value: Decimal | None = item.value_usd
    unread = _unread(item.quote, value)
    if unread is not None:
        return unread
    same_value = [f for f in family.facts if close(value, f.value_usd)]
    if value is None:  # no value to recognise a fact by: only a free one can be it
        same_value = [f for f in same_value if id(f) not in family.fact_matches]
    if not same_value:
        return _unbound(family, families.values(), value)
    nearest = _nearest(same_value, lambda f: family.differences(item, f), family.fact_matches)
    differences = family.differences(item, nearest)
    taken = family.fact_matches.get(id(nearest))
    held = f"that {family.noun} stands for gold {family.describe_gold(taken)}" if taken else ""
    if not differences:
        return f"resolution: {held}"
    return "resolution: " + "; ".join(differences) + (f" ({held})" if held else "")


def explain_false_hit(article: ArticleResult, kind: str, item: Any) -> str:
    """Which gold fact a drafted fact of `kind` comes nearest to, or that none states it."""
    if kind == "growth":
        return _growth(*item)
    families = _families(article)
    family = families[kind]
    value: Decimal | None = item.value_usd
    same_value = [g for g in family.gold if close(g.value_usd, value)]
    if value is None:
        same_value = [g for g in same_value if id(g) not in family.gold_matched_by]
    if not same_value:
        others = [f.noun for f in families.values() if _states(f.gold, value)]
        if others and value is not None:
            return f"binding: the gold states this value as {_a(others[0])}"
        return "binding: no gold states this value (invented)"
    nearest = _nearest(same_value, lambda g: family.differences(g, item), family.gold_matched_by)
    differences = family.differences(nearest, item)
    twin = family.gold_matched_by.get(id(nearest))
    gold = family.describe_gold(nearest)
    if not differences and twin is not None:
        return f"resolution: repeats gold {gold}, matched by {family.describe_fact(twin)}"
    taken = " (matched by another)" if twin is not None else ""
    return f"resolution: nearest gold {gold}{taken}: " + "; ".join(differences)


def _unread(quote: str, value: Decimal | None) -> str | None:
    """Why the amount parser misses the gold value in its quote; None when it reads it."""
    if value is None:
        return None
    read = _usd_amounts(quote)
    if any(a.currency == "USD" and close(value, a.value) for a in read):
        return None
    shown = ", ".join(f"{number(a.value)} {a.currency}" for a in read) or "nothing"
    return f"mentions: {number(value)} USD is not read in its quote (read: {shown})"


def _nearest(
    candidates: Sequence[Any], differences: Callable[[Any], list[str]], taken: dict[int, Any]
) -> Any:
    """The candidate with the fewest differing fields, a free one before a matched one."""
    return min(candidates, key=lambda c: (len(differences(c)), id(c) in taken))


def _unbound(family: _Family, families: Iterable[_Family], value: Decimal | None) -> str:
    if value is None:
        return f"binding: no {family.noun} without a USD value is left for it"
    others = [f.noun for f in families if f is not family and _states(f.facts, value)]
    where = f"; {_a(others[0])} does" if others else ""
    return f"binding: no {family.noun} carries {number(value)} USD{where}"


def _states(items: Sequence[Any], value: Decimal | None) -> bool:
    return any(close(item.value_usd, value) for item in items)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _usd_amounts(quote: str) -> list[Money]:
    """Amounts the package's parser reads in a quote, bare ones ("2.8 billion") as dollars."""
    amounts = find_amounts(quote)
    return sorted(amounts + find_bare_amounts(quote, "USD", amounts), key=lambda m: m.start)


def _growth(gold: GoldTurnover, fact: TurnoverFact) -> str:
    """A rate is bound to its figure, or not: the figure itself matched."""
    found, expected = number(fact.growth_pct), number(gold.growth_pct)
    return f"binding: the figure carries growth {found}, gold {expected}"


def _families(article: ArticleResult) -> dict[str, _Family]:
    facts = article.facts
    comparisons = {c.kind: c for c in article.comparisons}

    def links(*kinds: str) -> tuple[dict[int, Any], dict[int, Any]]:
        gold_by: dict[int, Any] = {}
        fact_by: dict[int, Any] = {}
        for comparison in (comparisons[k] for k in kinds if k in comparisons):
            for g, f in comparison.pairs.items():
                gold_by[id(comparison.gold[g])] = comparison.found[f]
                fact_by[id(comparison.found[f])] = comparison.gold[g]
        return gold_by, fact_by

    drafted_targets = facts.targets if facts else []
    target_gold_by, target_fact_by = links("targets")
    for index, gold in article.set_aside.items():
        target_gold_by[id(gold)] = drafted_targets[index]
        target_fact_by[id(drafted_targets[index])] = gold
    turnover = _Family(
        "figure",
        article.gold.turnover,
        facts.turnover if facts else [],
        turnover_differences,
        describe_gold_turnover,
        describe_turnover,
        *links("turnover", "flows"),
    )
    targets = _Family(
        "target",
        article.gold.targets,
        drafted_targets,
        target_differences,
        describe_gold_target,
        describe_target,
        target_gold_by,
        target_fact_by,
    )
    agreements = _Family(
        "agreement",
        article.gold.agreements,
        facts.agreements if facts else [],
        agreement_differences,
        describe_gold_agreement,
        describe_agreement,
        *links("agreements"),
    )
    return {"turnover": turnover, "flows": turnover, "targets": targets, "agreements": agreements}
