"""Periods a figure refers to: "in 2022", "January-July 2023", "H1 2023", "Q1", "nine months"."""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from app.ingest.extract.numbers import ORDINALS, WORD_NUMBERS
from app.ingest.facts import Period

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_ORD = r"first|second|third|fourth|1st|2nd|3rd|4th"
_COUNT = r"\d{1,2}|" + "|".join(w for w, n in WORD_NUMBERS.items() if 2 <= n <= 12)
_REL = r"this|the\s+current|current|last|the\s+previous|previous|the\s+past|past"
# Months are matched case-sensitively ("May" the month, "may" the verb); words are not.
_YEAR_TAIL = (
    rf"(?:,?\s+(?i:of\s+)?(?:the\s+)?(?P<y>{_YEAR})(?:\s+(?i:year))?(?!\d)"
    rf"|\s+(?i:of\s+)?(?P<rel>(?i:{_REL}))\s+(?i:year))?"
)
_NOT_DAY = r"(?!\.?\s?\d{1,2}(?!\d))"

Kind = Literal["year", "years", "half", "quarter", "months", "month"]


@dataclass(frozen=True)
class PeriodMention:
    """A period as written; `year` is None when the text leaves it to context."""

    start: int
    end: int
    first_month: int
    last_month: int
    kind: Kind
    year: int | None = None
    end_year: int | None = None
    relative: int | None = None
    base: bool = False
    # "a year earlier": the year before the period of the figure it compares with.
    anchored: bool = False

    @property
    def full_year(self) -> bool:
        return self.first_month == 1 and self.last_month == 12


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range",
        re.compile(
            rf"(?:(?i:from)\s+)?(?P<m1>{_MONTH})\.?{_NOT_DAY}\s*(?:[-–—]|\s(?i:to|through|till"
            rf"|until|and)\s)\s*(?P<m2>{_MONTH})\.?{_NOT_DAY}{_YEAR_TAIL}"
        ),
    ),
    ("half", re.compile(
        rf"(?i:(?P<n>first|second|1st|2nd)\s+half(?:\s+of\s+the\s+year)?){_YEAR_TAIL}"
    )),
    ("half", re.compile(rf"\b(?:H(?P<n>[12])|(?P<n2>[12])H)\b(?:\s?(?P<y>{_YEAR}))?")),
    ("quarters", re.compile(
        rf"(?i:(?:the\s+)?(?:first\s+)?(?P<n>two|three|2|3)\s+quarters){_YEAR_TAIL}"
    )),
    ("quarter", re.compile(rf"(?i:(?P<n>{_ORD})\s+quarter(?:\s+of\s+the\s+year)?){_YEAR_TAIL}")),
    ("quarter", re.compile(rf"\b(?:Q(?P<n>[1-4])|(?P<n2>[1-4])Q)\b(?:\s?(?P<y>{_YEAR}))?")),
    (
        "months",
        re.compile(
            rf"(?i:(?:the\s+)?(?:first\s+)?(?P<n>{_COUNT})(?:\s+|-)months?(?:\s+period)?"
            rf"(?:\s+of\s+the\s+year)?)(?!\w){_YEAR_TAIL}"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?i:in|for|during|over|of)\s+(?:(?i:the\s+month\s+of)\s+)?(?P<m1>{_MONTH})"
            rf"{_NOT_DAY}(?![a-z]){_YEAR_TAIL}"
        ),
    ),
    ("years", re.compile(
        rf"(?<![\w$€£-])(?P<y>{_YEAR})\s*(?:[-–—]|\s(?i:to|through)\s)\s*(?P<y2>{_YEAR})(?!\d)"
    )),
    ("year", re.compile(rf"(?<![\w$€£.,/-])(?P<y>{_YEAR})(?:\s+(?i:year))?(?![\d,.]\d|[\w%-])")),
    ("relative", re.compile(rf"(?i:\b(?:in\s+)?(?P<rel>{_REL})\s+year)\b")),
    ("earlier", re.compile(r"(?i:\ba\s+year\s+(?:earlier|ago|before))\b")),
]  # fmt: skip

# Years that are not periods: targets, starting points, names, dates and quantities.
_NOT_A_PERIOD_BEFORE = re.compile(
    rf"(?i:\b(?:by|until|till|up\s+to|since|through|before|after|expo|vision|strategy|agenda"
    rf"|programme|program|concept)(?:\s+the\s+end\s+of)?\s+$)|(?:{_MONTH})\.?\s\d{{1,2}},?\s+$"
)
_NOT_A_PERIOD_AFTER = re.compile(
    r"^(?:\s?(?:%|percent|million|billion|thousand|tons|tonnes|people|units|km|kg|hectares)\b"
    r"|\s+(?:Agenda|Strategy|Vision|Programme|Program|Expo)\b|-\d)"
)
# "the same period", "the same month", "the corresponding quarter": the months of another figure.
_SPAN = r"(?:period|months?|quarter|half(?:-year)?)"
_COMPARED = (
    r"compared\s+(?:to|with)|comparing\s+(?:to|with)|as\s+against|against|versus|vs\.?|than"
    r"|from|relative\s+to|(?:surpass|exceed)(?:ed|ing)\s+the"
)
_BASE_BEFORE = re.compile(
    rf"(?<![\w-])(?i:(?:{_COMPARED})\s+"
    rf"(?:(?:the\s+)?(?:same|corresponding|similar|like)\s+{_SPAN}\s+(?:of|in|last)\s+)?"
    r"(?:the\s+)?(?:level\s+of\s+|(?:figure|indicator|result)s?\s+(?:of|for)\s+)?(?:in\s+)?"
    r"(?:that\s+of\s+)?)$"
)
# "grew 5% over 2022", "up 3% on last year": "over" and "on" compare only after a change;
# "reached $410 million over January-June" names the figure's own period.
_CHANGE_OVER = re.compile(
    r"(?i:(?:%|\bper\s?cent|\btimes|fold|\bup|\bdown|\bincrease\w*|\bgr[eo]w\w*|\brose|\brise"
    r"|\bfell|\bdecrease\w*|\bdecline\w*|\bdropped)[^.;$€]{0,40}?\b(?:over|on)\s+"
    rf"(?:(?:the\s+)?(?:same|corresponding|similar|like)\s+{_SPAN}\s+(?:of|in|last)\s+)?"
    r"(?:the\s+)?(?:level\s+of\s+)?)$"
)
_SAME_PERIOD = re.compile(rf"(?i:(?:same|corresponding|similar|like)\s+{_SPAN}\s+(?:of|in)?\s*)$")
# "in the next six months" is no period of figures; "in the past seven months" is the year so far.
_ROLLING_BEFORE = re.compile(r"(?i:\b(?:next|within|every|coming)\s+)$")


def find_periods(text: str) -> list[PeriodMention]:
    """Period mentions in `text` (a sentence), in order, without overlaps."""
    found: list[PeriodMention] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            mention = _mention(name, match, text)
            if mention is not None:
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _mention(name: str, match: re.Match[str], text: str) -> PeriodMention | None:
    groups = match.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    relative = _relative(groups.get("rel"))
    before = text[: match.start()]
    base = any(
        (_BASE_BEFORE.search(before[-60:]), _SAME_PERIOD.search(before[-40:]),
         _CHANGE_OVER.search(before[-100:]))
    )  # fmt: skip

    def make(start: int, first: int, last: int, kind: Kind) -> PeriodMention:
        return PeriodMention(start, match.end(), first, last, kind, year, None, relative, base)

    number = groups.get("n") or groups.get("n2")
    if name == "range":
        first, last = MONTHS[groups["m1"]], MONTHS[groups["m2"]]
        if last < first:
            return None
        kind: Kind = "months" if first != last else "month"
        return make(match.start(), first, last, kind)
    if name == "month":
        month = MONTHS[groups["m1"]]
        return make(match.start("m1"), month, month, "month")
    if name == "half":
        half = ORDINALS.get(str(number).lower(), 0) or int(str(number))
        return make(match.start(), 6 * half - 5, 6 * half, "half")
    if name == "quarter":
        q = ORDINALS.get(str(number).lower(), 0) or int(str(number))
        return make(match.start(), 3 * q - 2, 3 * q, "quarter")
    if name == "quarters":
        n = WORD_NUMBERS.get(str(number).lower()) or int(str(number))
        return make(match.start(), 1, 3 * n, "months")
    if name == "months":
        if _ROLLING_BEFORE.search(before[-20:]):
            return None
        n = WORD_NUMBERS.get(str(number).lower()) or int(str(number))
        if not 2 <= n <= 12:
            return None
        kind = "year" if n == 12 else "months"
        return make(match.start(), 1, n, kind)
    if name == "earlier":
        return PeriodMention(match.start(), match.end(), 1, 12, "year", None, None, -1, True, True)
    if name == "relative" and re.search(r"(?i:\b(?:beginning|start|middle)\s+of\s+)$", before):
        return None  # "since the beginning of this year" bounds no period
    if name == "relative":
        if relative is not None and relative > 0:
            return None
        return make(match.start(), 1, 12, "year")
    # A bare year, or a span of years.
    if _NOT_A_PERIOD_BEFORE.search(before[-40:]) or _NOT_A_PERIOD_AFTER.search(text[match.end() :]):
        return None
    if name == "years":
        end_year = int(groups["y2"])
        if year is None or end_year <= year:
            return None
        return PeriodMention(match.start(), match.end(), 1, 12, "years", year, end_year, None, base)
    return make(match.start(), 1, 12, "year")


def _relative(word: str | None) -> int | None:
    if word is None:
        return None
    word = re.sub(r"\s+", " ", word.lower())
    return 0 if word in ("this", "the current", "current") else -1


def to_period(mention: PeriodMention, year: int, *, inferred: bool) -> Period:
    """The dated period of a mention once its year is known."""
    end_year = mention.end_year or year
    start = date(year, mention.first_month, 1)
    end = date(end_year, mention.last_month, calendar.monthrange(end_year, mention.last_month)[1])
    return Period(start=start, end=end, label=label(mention, year), inferred=inferred)


def label(mention: PeriodMention, year: int) -> str:
    """A human-readable label: "2022", "January-July 2023", "Q1 2024", "H1 2023"."""
    first, last = mention.first_month, mention.last_month
    if mention.end_year:
        return f"{year}-{mention.end_year}"
    if mention.full_year:
        return str(year)
    if mention.kind == "half":
        return f"H{last // 6} {year}"
    if mention.kind == "quarter":
        return f"Q{last // 3} {year}"
    if first == last:
        return f"{calendar.month_name[first]} {year}"
    return f"{calendar.month_name[first]}-{calendar.month_name[last]} {year}"
