"""Binding of growth rates to the trade figures of a sentence."""

import re

from app.ingest.extract.amounts import Money
from app.ingest.extract.context import SentenceInfo
from app.ingest.extract.figures import Figure
from app.ingest.extract.growth import GrowthMention
from app.ingest.extract.periods import PeriodMention
from app.ingest.extract.topics import growth_flow, is_trade_context

# "doubled in the past five years", "fell three times since 2020": a change over several
# years, not against the same period of the year before.
_SEVERAL_YEARS = re.compile(
    r"(?i:\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|previous)\s+(?:\w+\s+)?years"
    r"|\b(?:in|over|within)\s+(?:\w+|\d+)\s+years\b|\bsince\s+(?:19|20)\d\d\b"
    r"|\bfrom\s+(?:19|20)\d\d(?:-\d\d)?\s+to\b)"
)
_CLAUSE = re.compile(r"[;]|,\s+(?:while|whereas|and|but)\b")
# "a 162 percent increase compared to the same period last year ($71.7 million ...)": the
# amount inside the comparison is the base the rate is measured against.
_AGAINST = re.compile(
    r"^[^.;]{0,40}?\b(?:compared\s+(?:to|with)|than|against|versus|from)\b[^.;$]{0,60}$", re.I
)


def trade_growths(info: SentenceInfo) -> list[GrowthMention]:
    """The year-on-year growth rates of trade in the sentence."""
    text = info.text
    return [
        g
        for g in info.growths
        if is_trade_context(text, g.start, g.end, lenient=True) and year_on_year(text, g)
    ]


def year_on_year(text: str, growth: GrowthMention) -> bool:
    """Whether the rate is not a change over several years."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, growth.start)), default=0)
    after = _CLAUSE.search(text, growth.end)
    end = after.start() if after else len(text)
    return not _SEVERAL_YEARS.search(text[start:end])


def assign_growths(info: SentenceInfo, figures: list[Figure]) -> dict[Money, GrowthMention]:
    """Each trade growth rate goes to the nearest figure of the same flow; one per figure."""
    text = info.text
    options: list[tuple[int, GrowthMention, Money]] = []
    for growth in trade_growths(info):
        flow = growth_flow(text, growth.start)
        for figure in figures:
            if _excluded(text, growth, figure, flow):
                continue
            money = figure.money
            distance = (
                growth.start - money.end if growth.start >= money.end else money.start - growth.end
            )
            options.append((distance, growth, money))
    chosen: dict[Money, GrowthMention] = {}
    used: set[GrowthMention] = set()
    for _, growth, money in sorted(options, key=lambda o: o[0]):
        if money not in chosen and growth not in used:
            chosen[money] = growth
            used.add(growth)
    return chosen


def _excluded(text: str, growth: GrowthMention, figure: Figure, flow: object) -> bool:
    if flow is not None and flow != figure.topic.flow:
        return True
    if figure.mention is not None and _compares_with(growth, figure.mention):
        return True
    money = figure.money
    return money.start >= growth.end and bool(_AGAINST.match(text[growth.end : money.start]))


def _compares_with(growth: GrowthMention, mention: PeriodMention) -> bool:
    """Whether a rate is measured against `mention` ("5% less than in 2022"): then it is the
    change of a later figure, not of the figure of that period."""
    return mention.base and 0 <= mention.start - growth.end <= 40
