"""Which two countries a figure is about, and which of them reports it."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from app.ingest.extract.amounts import Money
from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.countries import CountryMention, distinct, find_countries, joined_pairs
from app.ingest.extract.lexicon import alternation, lexicon
from app.ingest.facts import Flow

Pair = tuple[str, str]

# A country's trade with everyone, or with a group of countries, is no bilateral figure.
_WORDS = lexicon("pairs")
_TOTAL = re.compile(
    rf"(?i:\b(?:{alternation(_WORDS['total_adjectives'])})\s+(?:trade|turnover|exports?"
    r"|imports?)|\b(?:with|to|from)\s+(?:the\s+)?(?:world|rest\s+of)"
    r"|\b(?:with|to|from|within|among)\s+(?:the\s+)?(?!(?:two|both)\b)(?:[\w-]+\s+){0,3}?"
    rf"(?:{alternation(_WORDS['group_nouns'])})\b)"
    rf"|\b(?:with|to|from|within|among)\s+(?:the\s+)?(?:{alternation(_WORDS['blocs'])})\b"
)
# "the Almaty region's trade with China", "Osh Oblast": a region's figure, not the country's.
_REGIONAL = re.compile(
    r"\b[A-Z][\w-]+\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince|Autonomous\s+Region)\b"
    r"|\b(?:[Rr]egion|[Oo]blast|[Pp]rovince)\s+of\s+[A-Z]"
)
# "partner in the South Caucasus region": where, not who trades.
_PLACE_BEFORE = re.compile(r"\b(?:in|across|throughout)\s+the\s+(?:[A-Z][\w-]*\s+)*$")
_PARTNERS_AFTER = re.compile(r"^(?:’s|'s)\s+(?:[\w-]+\s+){0,3}?(?:trad\w*\s+)?partners?\b")
_SUBJECT_AFTER = re.compile(
    r"^(?:’s|'s)?\s+(?:exports?|imports?|trade|exporters|importers|goods|products|companies"
    r"|supplies|shipments|exported|imported)\b"
)
# "bilateral trade", "trade between the two countries": a pair, even when one is named.
_BILATERAL = re.compile(rf"(?i:\b(?:{alternation(_WORDS['pair_words'])})\b)")
# "..., of which Kazakh exports accounted for $171 million": part of the pair's trade.
_COMPONENT = re.compile(r"(?i:\b(?:of\s+which|of\s+these|including)\b|\bof\s+this\s*,)")
# "imports of Turkey": the flow of the country named next.
_FLOW_OF = re.compile(r"(?i:\b(?:exports?|imports?|trade|turnover)\s+of\s+(?:the\s+)?)$")
_MARKER_BEFORE = re.compile(r"(?i:\b(?P<marker>with|to|from|into)\s+(?:the\s+)?)$")


def resolve_pair(
    ctx: DocumentContext, info: SentenceInfo, money: Money, flow: Flow, carried: Pair | None
) -> Pair | None:
    """(reporter, partner) of `money` in its sentence, or None for no bilateral figure."""
    pair = figure_pair(ctx, info, money, carried)
    if pair is None:
        return None
    return _order(ctx, info, pair, flow, _clause_start(info, money), money.start)


def figure_pair(
    ctx: DocumentContext, info: SentenceInfo, money: Money, carried: Pair | None
) -> Pair | None:
    """The two countries of `money`, in the order the text gives them, or None."""
    pair = _candidate_pair(ctx, info, money, carried)
    if pair is None or any(rule(ctx, info, money, pair) for rule in NOT_BILATERAL):
        return None
    return pair


def _candidate_pair(
    ctx: DocumentContext, info: SentenceInfo, money: Money, carried: Pair | None
) -> Pair | None:
    text = info.text
    before = [m for m in info.countries if m.start < money.start]
    local = [m for m in before if m.start >= _clause_start(info, money)]
    # The figure's own clause speaks first, then what precedes it, then the whole sentence.
    for mentions in (local, before, info.countries):
        codes = distinct(mentions)
        if len(codes) >= 2:
            return _pick(text, mentions, ctx.pair)
        if len(codes) == 1:
            others = [c for c in distinct(before + info.countries) if c != codes[0]]
            home = _partner_owner(info) or ctx.reporter
            return _marked_partner(ctx, text, mentions) or _single(
                codes[0], others, ctx.pair, carried, home
            )
    return carried or ctx.pair


def third_countries(ctx: DocumentContext, info: SentenceInfo, money: Money, pair: Pair) -> bool:
    """Two countries the document is not about: a third country's figure. (One of its
    countries with another partner is kept: the same reporter's ranked partner.)"""
    return ctx.pair is not None and not set(pair) & set(ctx.pair)


def total_trade(ctx: DocumentContext, info: SentenceInfo, money: Money, pair: Pair) -> bool:
    """ "Tajikistan's total trade turnover ... $2.1 billion": trade with everyone, or a bloc.
    A partner named after the total ("total trade with Kyrgyzstan") makes it bilateral."""
    text = info.text[: money.start]
    totals = [m.end() for m in _TOTAL.finditer(text)]
    clause = _clause_start(info, money)
    local = [m for m in info.countries if clause <= m.start < money.start]
    markers = [m.start for m in local if _MARKER_BEFORE.search(text[: m.start])]
    return bool(totals) and (not markers or max(totals) > max(markers))


def one_country_only(ctx: DocumentContext, info: SentenceInfo, money: Money, pair: Pair) -> bool:
    """ "Turkey's exports rose to $16 billion": one country's flow with the whole world."""
    codes = distinct(info.countries)
    if len(codes) != 1 or _BILATERAL.search(info.text) or _COMPONENT.search(info.text):
        return False
    mention = info.countries[0]
    text = info.text
    return bool(_SUBJECT_AFTER.match(text[mention.end :]) or _FLOW_OF.search(text[: mention.start]))


def regional(ctx: DocumentContext, info: SentenceInfo, money: Money, pair: Pair) -> bool:
    """Whether a region trades here ("the Almaty region's trade"), not just a place named."""
    text = info.text[_clause_start(info, money) : money.start]
    return any(not _PLACE_BEFORE.search(text[: m.start()]) for m in _REGIONAL.finditer(text))


NOT_BILATERAL: list[Callable[[DocumentContext, SentenceInfo, Money, Pair], bool]] = [
    third_countries,
    total_trade,
    one_country_only,
    regional,
]


def _marked_partner(ctx: DocumentContext, text: str, mentions: list[CountryMention]) -> Pair | None:
    """ "the turnover with Turkey was $2.2 billion": a new partner of the document's country."""
    code = mentions[0].code
    if ctx.pair is None or code in ctx.pair or not _partner_marker(text, mentions):
        return None
    home = ctx.reporter if ctx.reporter in ctx.pair else ctx.pair[0]
    return home, code


def _partner_owner(info: SentenceInfo) -> str | None:
    """ "Kyrgyzstan's largest trading partners ...": the country whose partners are listed."""
    for mention in info.countries:
        if _PARTNERS_AFTER.match(info.text[mention.end :]):
            return mention.code
    return None


def _single(
    code: str, others: list[str], main: Pair | None, carried: Pair | None, reporter: str | None
) -> Pair | None:
    """The pair of a figure whose clause names one country."""
    # "Georgia's partners: ... while the US came third": the partner of the document's country.
    if reporter in others:
        return str(reporter), code
    home = [c for c in others if main and c in main]
    if home:
        return home[0], code
    if main and code not in main:
        # "Turkey came first ($1.5 billion), ahead of Russia": a partner of the document's
        # country, in a list of partners.
        return (reporter if reporter in main else main[0]), code
    if others:
        return others[0], code
    if main and code in main:
        return main
    if carried and code in carried:
        return carried
    return None


def _clause_start(info: SentenceInfo, money: Money) -> int:
    earlier = [m.end for m in info.amounts if m.end <= money.start]
    return earlier[-1] if earlier else 0


def _pick(text: str, mentions: list[CountryMention], main: Pair | None) -> Pair:
    """Two of several countries: written together, else the document's pair, else the first two."""
    joined = joined_pairs(text, mentions)
    if joined:
        return joined[-1]
    codes = distinct(mentions)
    if main and main[0] in codes and main[1] in codes:
        return main
    return codes[0], codes[1]


def _partner_marker(text: str, mentions: list[CountryMention]) -> bool:
    return any(_MARKER_BEFORE.search(text[: m.start]) for m in mentions)


def _order(
    ctx: DocumentContext, info: SentenceInfo, pair: Pair, flow: Flow, clause_start: int, end: int
) -> Pair:
    """Put the reporting (or exporting, importing) country first: the first rule that knows
    decides, else the pair stays in the order the text gave it."""
    clause = _Clause(info, pair, flow, clause_start, end)
    for rule in (_by_clause, _by_earlier_subject, _by_attribution):
        first = rule(clause)
        if first is not None:
            return _first(pair, first)
    if ctx.reporter in pair:
        return _first(pair, str(ctx.reporter))
    return pair


@dataclass(frozen=True)
class _Clause:
    info: SentenceInfo
    pair: Pair
    flow: Flow
    start: int
    end: int


def _first(pair: Pair, code: str) -> Pair:
    return (code, pair[1]) if code == pair[0] else (code, pair[0])


def _by_clause(clause: _Clause) -> str | None:
    """Only the figure's own clause counts: in "exports from Uzbekistan to Russia amounted to
    $1.1 billion, while imports reached $4.1 billion" the second figure names no country."""
    text = clause.info.text
    joined = {m for a, b in _joined_mentions(text, clause.info.countries) for m in (a, b)}
    for mention in clause.info.countries:
        if mention.code not in clause.pair or not clause.start <= mention.start < clause.end:
            continue
        other = _first(clause.pair, mention.code)[1]
        marker = _MARKER_BEFORE.search(text[: mention.start])
        if marker is not None:
            word = marker.group("marker").lower()
            if clause.flow == "export" and word == "from":
                return mention.code
            if (
                clause.flow == "turnover"
                or (clause.flow == "export" and word in ("to", "into"))
                or (clause.flow == "import" and word == "from")
            ):
                return other
        if mention not in joined and _SUBJECT_AFTER.match(text[mention.end :]):
            return mention.code
    return None


def _by_earlier_subject(clause: _Clause) -> str | None:
    """ "Uzbekistan's exports to Turkey made up $222 million, while imports were $325
    million": a clause that names no country goes on about the sentence's subject."""
    if clause.flow == "turnover":
        return None
    text = clause.info.text
    for mention in clause.info.countries:
        if mention.start >= clause.start or mention.code not in clause.pair:
            continue
        if _SUBJECT_AFTER.match(text[mention.end :]):
            return mention.code
    return None


def _by_attribution(clause: _Clause) -> str | None:
    """ "..., Kazakhstan's statistics bureau said": the country that states the figure."""
    source = clause.info.attribution or ""
    return next((c for c in distinct(find_countries(source)) if c in clause.pair), None)


def _joined_mentions(
    text: str, mentions: list[CountryMention]
) -> list[tuple[CountryMention, CountryMention]]:
    """Mentions written as a pair ("Turkmen-Turkish trade") say nothing of who reports."""
    return [
        (left, right) for left, right in pairwise(mentions) if joined_pairs(text, [left, right])
    ]
