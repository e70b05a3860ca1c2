"""Numerals as press releases write them: "1,300", "1.3", "1,3" (a decimal comma), "nine"."""

import re
from decimal import Decimal

# A thousands-grouped number, or digits with an optional decimal part (dot or comma).
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"

SCALES: dict[str, int] = {
    "thousand": 10**3,
    "thsd": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bln": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "trln": 10**12,
    "trn": 10**12,
    "tn": 10**12,
}
# Scale words that may stand apart from the number; single letters must be attached.
SCALE_WORD = r"thousand|thsd|million|mln|mn|mio|billion|bln|bn|trillion|trln|trn|tn"
SCALE_ATTACHED = r"k|m|b"

WORD_NUMBERS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TENS = "|".join(w for w, n in WORD_NUMBERS.items() if n >= 20)
_UNITS = "|".join(w for w, n in WORD_NUMBERS.items() if 0 < n < 20)
# "seven", "twenty-five", "forty two": a cardinal written in words, below a hundred.
WORDED = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_UNITS})"
ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def parse_number(raw: str) -> Decimal:
    """The value of a numeral: "1,300" is one thousand three hundred, "1,3" is 1.3.

    A comma before exactly one or two final digits cannot group thousands, so it is
    the decimal comma of "1,3 billion dollars".
    """
    if re.fullmatch(r"\d+,\d{1,2}", raw):
        return Decimal(raw.replace(",", "."))
    return Decimal(raw.replace(",", ""))


def parse_words(raw: str) -> Decimal:
    """The value of a cardinal that `WORDED` matched: "twenty-five" is 25."""
    return Decimal(sum(WORD_NUMBERS[part] for part in re.split(r"[-\s]+", raw.lower())))


def parse_count(raw: str) -> int | None:
    """A count written in digits or as a word ("25", "twelve")."""
    token = raw.lower()
    if token.isdigit():
        return int(token)
    return WORD_NUMBERS.get(token)


def tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (1.3E+9)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()
