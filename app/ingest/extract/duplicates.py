"""Document-level resolution of figures stated more than once.

A figure restated (headline and body, a lead and a quote, a hedged round figure and the
precise one) is one fact. Two figures for the same pair, flow and period that contradict
each other are two statements, usually from two sources, and both are kept.
"""

from decimal import Decimal

from app.ingest.facts import Qualifier, TurnoverFact

# "about $1 billion" and "$1.04 billion" say the same.
_APPROXIMATE = Decimal("0.1")
_SAME = Decimal("0.005")


def unique_figures(facts: list[TurnoverFact]) -> list[TurnoverFact]:
    """One fact per statement, cited where it first appears, the most precise value kept."""
    result: list[TurnoverFact] = []
    for fact in facts:
        index = next((i for i, kept in enumerate(result) if _same_statement(kept, fact)), None)
        if index is None:
            result.append(fact)
        elif _more_precise(fact, result[index]):
            result[index] = result[index].model_copy(update=_value_of(fact))
    return result


def _key(fact: TurnoverFact) -> tuple[object, ...]:
    countries: object = (fact.reporter, fact.partner)
    if fact.flow == "turnover":
        # A pair's turnover is the same whichever country reports it.
        countries = frozenset((fact.reporter, fact.partner))
    return (countries, fact.flow, fact.period.start, fact.period.end)


def _same_statement(kept: TurnoverFact, fact: TurnoverFact) -> bool:
    if _key(kept) != _key(fact):
        return False
    if kept.value_usd is None or fact.value_usd is None:
        # "465 billion drams ... In dollar terms, $1.15 billion": one figure, two currencies.
        return True
    return _consistent(kept.value_usd, kept.value_qualifier, fact.value_usd) or _consistent(
        fact.value_usd, fact.value_qualifier, kept.value_usd
    )


def _consistent(bound: Decimal, qualifier: Qualifier, value: Decimal) -> bool:
    """Whether `value` fits within what a hedged figure says ("over $1 billion")."""
    if qualifier == "at_least":
        return value >= bound * (1 - _SAME)
    if qualifier == "at_most":
        return value <= bound * (1 + _SAME)
    tolerance = _APPROXIMATE if qualifier == "approximate" else _SAME
    return abs(value - bound) <= tolerance * bound


def _more_precise(fact: TurnoverFact, kept: TurnoverFact) -> bool:
    if kept.value_usd is None:
        return fact.value_usd is not None
    return fact.value_usd is not None and kept.value_qualifier != "exact" == fact.value_qualifier


def _value_of(fact: TurnoverFact) -> dict[str, object]:
    """The value of `fact`, with the quote that states it."""
    fields = ("value_usd", "amount", "currency", "value_qualifier", "quote", "attribution")
    update: dict[str, object] = {name: getattr(fact, name) for name in fields}
    if fact.growth_pct is not None:
        update |= {"growth_pct": fact.growth_pct, "growth_qualifier": fact.growth_qualifier}
    return update
