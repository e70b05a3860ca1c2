"""What a stated figure implies: its bounds, and the figure a year earlier its growth implies.

The rules (also in the README):

- A figure is read at the precision it was written with: its unit is its last significant
  digit ($1.3 billion -> $0.1 billion; $757 million -> $1 million; 19% -> 1 point).
- `exact` is taken at face value: low = high = the figure.
- `approximate` ("about", a rounded figure) lies within half a unit: $1.3 billion -> 1.25..1.35.
- `at_most` ("nearly", "almost") lies within one unit below: nearly $65 million -> 64..65 m.
- `at_least` ("over", "more than") lies within one unit above: over $2 billion -> 2..3 bn
  (had it reached the next unit, the speaker would have said so).
- A value a year earlier is value / (1 + growth / 100). Its bounds come from the inputs'
  bounds (lowest value over highest growth, highest value over lowest growth). Its
  qualifier is never stronger than its inputs': `exact` only when every input is exact,
  `at_most` / `at_least` when it sits at the top / bottom of its bounds, else `approximate`.
- A sum of values (turnover as exports + imports) has the sum of their bounds; it is
  `exact` when every part is, `at_most` / `at_least` when every part is that or exact.
- Derived values and all bounds are rounded to the nearest whole dollar, halves away from
  zero (what PostgreSQL's round() does), after computing with exact decimals.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
DOLLAR = Decimal(1)


@dataclass(frozen=True)
class Bounds:
    low: Decimal
    high: Decimal


def unit_of(value: Decimal) -> Decimal:
    """The place value of the last significant digit: 1300000000 -> 100000000, 2.5 -> 0.1."""
    if value == 0:
        return DOLLAR
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent)


def bounds_of(value: Decimal, qualifier: str) -> Bounds:
    unit = unit_of(value)
    if qualifier == "exact":
        return Bounds(value, value)
    if qualifier == "approximate":
        return Bounds(value - unit / 2, value + unit / 2)
    if qualifier == "at_most":
        return Bounds(max(value - unit, Decimal(0)), value)
    if qualifier == "at_least":
        return Bounds(value, value + unit)
    raise ValueError(f"unknown qualifier {qualifier!r}")


def to_dollars(value: Decimal) -> Decimal:
    return value.quantize(DOLLAR, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Derived:
    value: Decimal
    bounds: Bounds
    qualifier: str


def prior_from_growth(
    value: Decimal, value_qualifier: str, growth_pct: Decimal, growth_qualifier: str
) -> Derived:
    """The same period a year earlier, from a value and its year-on-year growth."""
    value_bounds = bounds_of(value, value_qualifier)
    growth_bounds = bounds_of(growth_pct, growth_qualifier)
    prior = to_dollars(value / (1 + growth_pct / HUNDRED))
    low = to_dollars(value_bounds.low / (1 + growth_bounds.high / HUNDRED))
    high = to_dollars(value_bounds.high / (1 + growth_bounds.low / HUNDRED))
    if value_qualifier == growth_qualifier == "exact":
        qualifier = "exact"
    elif high == prior:
        qualifier = "at_most"
    elif low == prior:
        qualifier = "at_least"
    else:
        qualifier = "approximate"
    return Derived(prior, Bounds(low, high), qualifier)


def sum_of(parts: list[tuple[Decimal, str]]) -> Derived:
    """The sum of values (exports + imports): bounds add up; exact only if every part is."""
    bounds = [bounds_of(value, qualifier) for value, qualifier in parts]
    qualifiers = {qualifier for _, qualifier in parts}
    if len(qualifiers) == 1:
        qualifier = qualifiers.pop()
    elif qualifiers <= {"exact", "at_most"}:
        qualifier = "at_most"
    elif qualifiers <= {"exact", "at_least"}:
        qualifier = "at_least"
    else:
        qualifier = "approximate"
    return Derived(
        to_dollars(sum((value for value, _ in parts), Decimal(0))),
        Bounds(
            to_dollars(sum((b.low for b in bounds), Decimal(0))),
            to_dollars(sum((b.high for b in bounds), Decimal(0))),
        ),
        qualifier,
    )


def growth_between(value: Decimal, prior: Decimal) -> Decimal:
    """Year-on-year growth in percent, to one decimal place."""
    return ((value / prior - 1) * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
