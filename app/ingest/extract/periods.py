"""Periods a figure refers to: "in 2022", "January-July 2023", "H1 2023", "Q1", "nine months"."""

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
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

Kind = Literal["year", "years", "fiscal", "half", "quarter", "months", "month"]
# "2023-24", "FY2023/24": a fiscal year, from April to March as most such releases count it.
FISCAL_FIRST_MONTH = 4


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
    # "last month": the month before publication, dated once the publication date is known.
    months_back: int | None = None

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
    ("fiscal", re.compile(
        rf"(?<![\w$€£-])(?:(?i:FY)\s?)?(?P<y>{_YEAR})\s?[-–/]\s?(?P<y2>\d\d)(?![\d%-])"
    )),
    ("years", re.compile(
        rf"(?<![\w$€£-])(?P<y>{_YEAR})\s*(?:[-–—]|\s(?i:to|through)\s)\s*(?P<y2>{_YEAR})(?!\d)"
    )),
    ("year", re.compile(rf"(?<![\w$€£.,/-])(?P<y>{_YEAR})(?:\s+(?i:year))?(?![\d,.]\d|[\w%-])")),
    ("relative", re.compile(rf"(?i:\b(?:in\s+)?(?P<rel>{_REL})\s+year)\b")),
    ("earlier", re.compile(r"(?i:\ba\s+year\s+(?:earlier|ago|before))\b")),
    ("last_month", re.compile(r"(?i:\b(?:in\s+)?(?:last|the\s+previous|the\s+past)\s+month)\b")),
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


@dataclass(frozen=True)
class _Found:
    """One pattern's match with what every kind of period reads from it."""

    match: re.Match[str]
    text: str
    year: int | None
    relative: int | None
    base: bool

    @property
    def before(self) -> str:
        return self.text[: self.match.start()]

    @property
    def number(self) -> str:
        groups = self.match.groupdict()
        return str(groups.get("n") or groups.get("n2")).lower()

    def make(self, first: int, last: int, kind: Kind, start: int | None = None) -> PeriodMention:
        begin = self.match.start() if start is None else start
        return PeriodMention(
            begin, self.match.end(), first, last, kind, self.year, None, self.relative, self.base
        )


def _mention(name: str, match: re.Match[str], text: str) -> PeriodMention | None:
    groups = match.groupdict()
    before = text[: match.start()]
    base = any(
        (_BASE_BEFORE.search(before[-60:]), _SAME_PERIOD.search(before[-40:]),
         _CHANGE_OVER.search(before[-100:]))
    )  # fmt: skip
    year = int(groups["y"]) if groups.get("y") else None
    found = _Found(match, text, year, _relative(groups.get("rel")), base)
    return _BUILDERS[name](found)


def _range(found: _Found) -> PeriodMention | None:
    first, last = MONTHS[found.match["m1"]], MONTHS[found.match["m2"]]
    if last < first:
        return None
    return found.make(first, last, "months" if first != last else "month")


def _month(found: _Found) -> PeriodMention:
    month = MONTHS[found.match["m1"]]
    return found.make(month, month, "month", start=found.match.start("m1"))


def _half(found: _Found) -> PeriodMention:
    half = ORDINALS.get(found.number, 0) or int(found.number)
    return found.make(6 * half - 5, 6 * half, "half")


def _quarter(found: _Found) -> PeriodMention:
    quarter = ORDINALS.get(found.number, 0) or int(found.number)
    return found.make(3 * quarter - 2, 3 * quarter, "quarter")


def _quarters(found: _Found) -> PeriodMention:
    count = WORD_NUMBERS.get(found.number) or int(found.number)
    return found.make(1, 3 * count, "months")


def _months(found: _Found) -> PeriodMention | None:
    if _ROLLING_BEFORE.search(found.before[-20:]):
        return None
    count = WORD_NUMBERS.get(found.number) or int(found.number)
    if not 2 <= count <= 12:
        return None
    return found.make(1, count, "year" if count == 12 else "months")


def _earlier(found: _Found) -> PeriodMention:
    match = found.match
    return PeriodMention(match.start(), match.end(), 1, 12, "year", None, None, -1, True, True)


def _last_month(found: _Found) -> PeriodMention:
    return replace(found.make(1, 1, "month"), months_back=1)


def dated_month(mention: PeriodMention, published: date | None) -> PeriodMention | None:
    """ "last month" in a release of 10 March 2025 is February 2025; None without a date."""
    if mention.months_back is None:
        return mention
    if published is None:
        return None
    index = published.year * 12 + published.month - 1 - mention.months_back
    year, month = divmod(index, 12)
    return replace(mention, first_month=month + 1, last_month=month + 1, year=year)


def _relative_year(found: _Found) -> PeriodMention | None:
    if re.search(r"(?i:\b(?:beginning|start|middle)\s+of\s+)$", found.before):
        return None  # "since the beginning of this year" bounds no period
    if found.relative is not None and found.relative > 0:
        return None
    return found.make(1, 12, "year")


def _not_a_period(found: _Found) -> bool:
    """Years that are targets, starting points, names, dates or quantities."""
    after = found.text[found.match.end() :]
    return bool(
        _NOT_A_PERIOD_BEFORE.search(found.before[-40:]) or _NOT_A_PERIOD_AFTER.search(after)
    )


def _years(found: _Found) -> PeriodMention | None:
    end_year = int(found.match["y2"])
    if _not_a_period(found) or found.year is None or end_year <= found.year:
        return None
    match = found.match
    return PeriodMention(
        match.start(), match.end(), 1, 12, "years", found.year, end_year, None, found.base
    )


def _fiscal(found: _Found) -> PeriodMention | None:
    year = found.year
    if year is None or int(found.match["y2"]) != (year + 1) % 100 or _not_a_period(found):
        return None
    match = found.match
    first, last = FISCAL_FIRST_MONTH, FISCAL_FIRST_MONTH - 1 or 12
    return PeriodMention(
        match.start(), match.end(), first, last, "fiscal", year, year + 1, None, found.base
    )


def _year(found: _Found) -> PeriodMention | None:
    return None if _not_a_period(found) else found.make(1, 12, "year")


_BUILDERS: dict[str, Callable[[_Found], PeriodMention | None]] = {
    "range": _range,
    "month": _month,
    "half": _half,
    "quarter": _quarter,
    "quarters": _quarters,
    "months": _months,
    "earlier": _earlier,
    "last_month": _last_month,
    "relative": _relative_year,
    "years": _years,
    "fiscal": _fiscal,
    "year": _year,
}


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
    if mention.kind == "fiscal":
        return f"FY {year}-{str(mention.end_year)[-2:]}"
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
