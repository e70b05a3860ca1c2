"""Money amounts: "$1.3 billion", "US$757 mln", "1,3 billion dollars", "€200m", "15 billion
rubles"."""

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from app.ingest.extract.currencies import PREFIX, SUFFIX, prefix_code, suffix_code
from app.ingest.extract.numbers import (
    NUMBER,
    SCALE_ATTACHED,
    SCALE_WORD,
    SCALES,
    WORDED,
    parse_number,
    parse_words,
    tidy,
)
from app.ingest.extract.qualifiers import qualifier_before
from app.ingest.facts import Qualifier

_SCALE = rf"(?:\s?(?P<scale>{SCALE_WORD})\b\.?|(?P<short>{SCALE_ATTACHED})(?![\w]))"
_PREFIXED = re.compile(
    rf"(?<![\w$€£])(?P<sign>{PREFIX})\s?(?P<num>{NUMBER})(?![\d]|[.,]\d|\s?[-–]\s?\d){_SCALE}?"
)
# "1 billion 50 million US dollars" is one amount.
_SUFFIXED = re.compile(
    rf"(?<![\w.,$])(?:(?P<big>{NUMBER})\s(?P<bigscale>billion|bln|trillion|trln)\s(?:and\s)?)?"
    rf"(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE_WORD})\b\.?)?\s(?:of\s)?{SUFFIX}"
)
# "seven billion US dollars", "twenty-five million euros": a number written in words.
_WORDED = re.compile(
    rf"(?<![\w-])(?P<num>(?i:{WORDED}))\s(?P<scale>(?i:thousand|million|billion|trillion))\s"
    rf"(?:of\s)?{SUFFIX}"
)
# "In the first quarter it reached 2.8 billion.": a scaled number with no currency or unit.
_BARE = re.compile(
    rf"(?<![\w.,$€£])(?P<num>{NUMBER})\s?(?P<scale>million|billion|mln|bln|bn)\b\.?"
    r"(?=\s*(?:[,;)]|\.(?:\s|$)|$|\s(?:in|for|during|over|and|compared|which|up|down|or|from"
    r"|last|this|year|a|against|versus|while|whereas|according)\b))"
)


LIMIT = Decimal(10) ** 17


@dataclass(frozen=True)
class Money:
    """An amount in a currency; `start`/`end` index the text it was found in."""

    start: int
    end: int
    value: Decimal
    currency: str
    qualifier: Qualifier


def find_amounts(text: str, countries: Collection[str] = ()) -> list[Money]:
    """Every money amount in `text`, in order; `countries` settle "manat" or "som"."""
    found: list[Money] = []
    for match in _PREFIXED.finditer(text):
        scale = match.group("scale") or match.group("short")
        value = _scaled(match.group("num"), scale)
        code = prefix_code(match.group("sign"))
        end = match.end() if not match.group(0).endswith(".") else match.end() - 1
        found.append(Money(match.start(), end, value, code, qualifier_before(text, match.start())))
    for match in _SUFFIXED.finditer(text):
        if any(m.start <= match.start() < m.end for m in found):
            continue
        code = suffix_code(match.group("word"), match.group("adj"), countries)
        value = _scaled(match.group("num"), match.group("scale"))
        if match.group("big"):
            value = tidy(value + _scaled(match.group("big"), match.group("bigscale")))
        found.append(
            Money(match.start(), match.end(), value, code, qualifier_before(text, match.start()))
        )
    for match in _WORDED.finditer(text):
        code = suffix_code(match.group("word"), match.group("adj"), countries)
        value = tidy(parse_words(match.group("num")) * SCALES[match.group("scale").lower()])
        qualifier = qualifier_before(text, match.start())
        found.append(Money(match.start(), match.end(), value, code, qualifier))
    # Amounts past what the schema stores (18 integer digits) are no real figure.
    return sorted((m for m in found if m.value < LIMIT), key=lambda m: m.start)


def _scaled(number: str, scale: str | None) -> Decimal:
    factor = SCALES[scale.lower()] if scale else 1
    value = parse_number(number)
    if factor == 10**9 and value >= 1000 and re.fullmatch(r"\d{1,3},\d{3}", number):
        # "$2,150 billion" would be over two trillion: the comma is a decimal comma.
        value = Decimal(number.replace(",", "."))
    return tidy((value * factor).quantize(Decimal("0.01")))


def find_bare_amounts(text: str, currency: str, taken: list[Money]) -> list[Money]:
    """Scaled numbers without a currency, read in `currency` (the one the text used last)."""
    found: list[Money] = []
    for match in _BARE.finditer(text):
        if any(m.start <= match.start() < m.end for m in taken):
            continue
        value = _scaled(match.group("num"), match.group("scale"))
        end = match.end() - 1 if match.group(0).endswith(".") else match.end()
        if value < LIMIT:
            qualifier = qualifier_before(text, match.start())
            found.append(Money(match.start(), end, value, currency, qualifier))
    return found
