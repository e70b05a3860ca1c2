"""Figures as a journalist writes them, keeping the source's qualifier."""

from datetime import date
from decimal import Decimal

QUALIFIER_WORDS = {"exact": "", "approximate": "about ", "at_most": "nearly ", "at_least": "over "}
SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def usd(value: Decimal, qualifier: str | None = "exact") -> str:
    """1300000000 approximate -> 'about $1.3 billion'."""
    word = QUALIFIER_WORDS.get(qualifier or "exact", "")
    for scale, name in SCALES:
        if value >= scale:
            return f"{word}${_number(value / scale)} {name}"
    return f"{word}${value.quantize(Decimal(1)):,}"


def growth(pct: Decimal, qualifier: str | None) -> str:
    """19 at_most -> 'nearly 19% growth'; -4 -> '4% decline'."""
    word = QUALIFIER_WORDS.get(qualifier or "exact", "")
    kind = "growth" if pct >= 0 else "decline"
    return f"{word}{_number(abs(pct))}% {kind}"


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
