"""Growth rates: "increased by 13%", "grew 1.5 times", "a 19% increase", "down 4%", "(+12%)"."""

import re
from dataclasses import dataclass
from decimal import Decimal

from app.ingest.extract.lexicon import alternation, lexicon
from app.ingest.extract.numbers import NUMBER, WORDED, parse_number, parse_words, tidy
from app.ingest.extract.qualifiers import qualifier_before
from app.ingest.facts import Qualifier

_WORDS = lexicon("growth")
# "made up $X" is no rise.
_UP = alternation(_WORDS["up_verbs"]) + r"|(?<!made\s)(?<!makes\s)up"
_DOWN = alternation(_WORDS["down_verbs"])
_QUAL = (
    r"(?:almost|nearly|about|around|approximately|roughly|some|over|more\s+than|less\s+than"
    r"|just\s+over|just\s+under|close\s+to|at\s+least|up\s+to|under|an\s+estimated)"
)
_PCT = rf"(?P<pct>{NUMBER})\s?(?:%|percent\b|per\s?cent\b)(?!\s*(?:percentage\s+)?points?\b)"
_TIMES = rf"(?P<times>{NUMBER}|{WORDED})\s?-?\s?(?:times|fold)\b"
_FIGURE = rf"(?:{_PCT}|{_TIMES})"
_NOUN_UP = alternation(_WORDS["up_nouns_after"])
_NOUN_DOWN = alternation(_WORDS["down_nouns_after"])

_FORMS = [
    # "increased by nearly 19%", "up 12%", "grew 1.5 times", "rose in 2023 by 7%"
    re.compile(
        rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b(?:[^.;%$€\n]{{0,60}}?\bby)?\s+(?:{_QUAL}\s+)?"
        rf"{_FIGURE}",
        re.I,
    ),
    # "a 19% increase", "20% more than", "a 1.5-fold growth"
    re.compile(
        rf"{_FIGURE}\s+(?:year-on-year\s+|y-o-y\s+|annual\s+)?"
        rf"(?:(?P<up>{_NOUN_UP})|(?P<down>{_NOUN_DOWN}))\b",
        re.I,
    ),
    # "growth of 7.5%", "a decline of 4 percent"
    re.compile(
        rf"\b(?:(?P<up>{alternation(_WORDS['up_nouns_before'])})"
        rf"|(?P<down>{alternation(_WORDS['down_nouns_before'])}))"
        rf"\s+(?:rate\s+)?(?:of|by)\s+(?:{_QUAL}\s+)?{_FIGURE}",
        re.I,
    ),
]
# "growth amounted to 114.1%": this year's level as a share of last year's.
_LEVEL = re.compile(
    rf"\b(?:growth|growth\s+rate|index)\s+(?:amounted\s+to|was|made\s+up|stood\s+at|reached)\s+"
    rf"(?:{_QUAL}\s+)?(?P<pct>{NUMBER})\s?(?:%|percent\b|per\s?cent\b)",
    re.I,
)
_SIGNED = re.compile(rf"\(\s*(?P<sign>[+\-−–])\s*(?P<pct>{NUMBER})\s?%\s*\)")
_MULTIPLES: dict[str, int] = _WORDS["multiples"]
_MULTIPLE = re.compile(rf"\b(?P<word>{alternation(list(_MULTIPLES))})\b", re.I)


@dataclass(frozen=True)
class GrowthMention:
    """A change in per cent; `start`/`end` span the whole phrase."""

    start: int
    end: int
    pct: Decimal
    qualifier: Qualifier


def find_growths(text: str) -> list[GrowthMention]:
    """Growth and decline rates in `text`, in order, without overlaps."""
    found: list[GrowthMention] = []

    def add(start: int, end: int, pct: Decimal | None, figure_start: int) -> None:
        # The schema holds changes above -100% and up to a thousandfold.
        if pct is None or not -100 < pct <= 100000:
            return
        if any(g.start < end and start < g.end for g in found):
            return
        qualifier = qualifier_before(text, figure_start)
        found.append(GrowthMention(start, end, tidy(pct.quantize(Decimal("0.001"))), qualifier))

    for form in _FORMS:
        for m in form.finditer(text):
            figure = "pct" if m.group("pct") else "times"
            add(m.start(), m.end(), _pct(m, up=m.group("up") is not None), m.start(figure))
    for m in _LEVEL.finditer(text):
        level = parse_number(m.group("pct"))
        add(m.start(), m.end(), level - 100 if level > 100 else level, m.start("pct"))
    for m in _SIGNED.finditer(text):
        pct = parse_number(m.group("pct"))
        add(m.start(), m.end(), pct if m.group("sign") == "+" else -pct, m.start("pct"))
    for m in _MULTIPLE.finditer(text):
        add(m.start(), m.end(), Decimal(_MULTIPLES[m.group("word").lower()]), m.start())
    return sorted(found, key=lambda g: g.start)


def _pct(match: re.Match[str], *, up: bool) -> Decimal | None:
    if match.group("pct"):
        value = parse_number(match.group("pct"))
        return value if up else -value
    raw = match.group("times")
    factor = parse_number(raw) if raw[0].isdigit() else parse_words(raw)
    if factor <= 1:
        return None
    return (factor - 1) * 100 if up else (1 / factor - 1) * 100
