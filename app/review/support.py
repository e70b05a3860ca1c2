"""Does a quote support a corrected value, year or country? Plain checks on the words.

A corrected number must be written in the quote: "$1.3 billion", "USD 412.7 million",
"1,300 million", "65 mln" and "1 300 000 000" all state 1,300,000,000 or their own value.
A comma or a point before the last group of digits may be a decimal mark or a thousands
separator; both readings count. Numbers spelt in words are not read.
"""

import re
from decimal import Decimal

SCALES = {
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "trln": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
}
_NUMBER = re.compile(
    r"(?<![\w.,])(\d+(?:[.,\u00a0\u202f ]\d+)*)\s?(" + "|".join(SCALES) + r")?(?![a-z])",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[.,\u00a0\u202f ]")


def _readings(digits: str) -> set[Decimal]:
    """'1,300' -> {1300, 1.3}; '412.7' -> {412.7, 4127}; '1 300 000' -> {1300000}."""
    groups = _SEPARATORS.split(digits)
    readings = {Decimal("".join(groups))}
    if len(groups) > 1 and digits[-len(groups[-1]) - 1] in ".,":
        readings.add(Decimal("".join(groups[:-1]) + "." + groups[-1]))
    return readings


def stated_amounts(quote: str) -> set[Decimal]:
    """Every value a number in the quote can be read as, with its scale word."""
    found: set[Decimal] = set()
    for match in _NUMBER.finditer(quote):
        scale = SCALES[match.group(2).lower()] if match.group(2) else Decimal(1)
        found |= {reading * scale for reading in _readings(match.group(1))}
    return found


def states_amount(quote: str, value: Decimal) -> bool:
    return value in stated_amounts(quote)


def states_year(quote: str, year: int) -> bool:
    return re.search(rf"(?<!\d){year}(?!\d)", quote) is not None


def names_any(text: str, names: list[str]) -> bool:
    """Whether the text names one of these (as a whole word, in any case)."""
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names)
