"""Figures that are only part of a flow: one commodity ("exports of wheat worth $300 million",
"gas exports"), or a component ("including gold worth $2.2 billion")."""

import re

from app.ingest.extract.countries import lexicon
from app.ingest.extract.keys import word_set

# Words that leave a flow whole: "exports of Uzbek goods", "its exports", "mutual trade".
_GENERIC = word_set(
    """goods products commodities the its their our total mutual bilateral annual overall
    national domestic local all manufactured finished various and two both countries states
    sides nations republic"""
)
_COMPONENT = re.compile(r"(?i:\b(?:including|of\s+which|incl\.|in\s+particular|mainly|notably)\b)")
_OF_PHRASE = re.compile(
    r"(?i:\b(?:exports?|imports?|supplies|shipments|trade)\s+(?:of|in)\s+(?P<what>.+?)"
    r"(?=\s+(?:to|from|with|worth|amounted|reached|totaled|totalled|was|were|stood|rose|grew"
    r"|increased|fell|decreased|made|accounted|exceeded|for|in|during)\b|,|$))"
)
# "1 million tons of wheat worth $300 million", "of cotton yarn worth": one commodity.
_QUANTITY = re.compile(
    r"(?i:\b(?:tons?|tonnes?|cubic\s+met(?:er|re)s|barrels|head\s+of|kilograms?)\b)"
)
_OF_WORTH = re.compile(
    r"(?i:\bof\s+(?P<what>[a-z][\w\s’'-]*?)\s+(?:worth|valued|totaling|totalling)\b)"
)
# "Turkish textile equipment worth 120 million US dollars": a kind of goods, not the flow.
_NOUN_WORTH = re.compile(r"(?P<noun>[A-Za-z][\w-]*)\s+worth\s+(?:[a-z]+\s+){0,2}$")
_FLOWS = word_set("exports export imports import supplies shipments trade turnover sold")
_FLOW_WORD = re.compile(r"(?i:(?:exports?|imports?|supplies|shipments)\b)")
_WORD_BEFORE = re.compile(r"(?<![\w’'-])(?P<word>[a-z][\w-]*)\s+$")
_FUNCTION = word_set(
    """and or while whereas but as that which with of in on for to from by at a an whose where
    when than also its their his her our total mutual bilateral annual overall country's
    countries' republic's"""
)


def is_part(text: str, keyword: int | None, amount_start: int) -> bool:
    """Whether the amount counts one commodity or component rather than the whole flow."""
    named = _NOUN_WORTH.search(text[max(0, amount_start - 60) : amount_start])
    if named is not None and named.group("noun").lower() not in _GENERIC | _FLOWS:
        return True
    if keyword is None:
        return False
    span = text[keyword:amount_start]
    if _COMPONENT.search(span) or _QUANTITY.search(span):
        return True
    worth = _OF_WORTH.search(span)
    if worth is not None and not _generic(worth.group("what")):
        return True
    of = _OF_PHRASE.match(span)
    if of is not None and not _generic(of.group("what")):
        return True
    if not _FLOW_WORD.match(text[keyword:]):
        return False
    # "wheat exports", "gas supplies": a lowercase noun right before the flow word.
    before = _WORD_BEFORE.search(text[:keyword])
    return before is not None and before.group("word") not in _FUNCTION | _GENERIC


# "$160 million worth of LNG", "exported honey for $776,000": the goods named around the amount.
_WORTH_OF_AFTER = re.compile(r"^\s*worth\s+of\s+(?P<what>[\w’'-]+(?:\s+[a-z][\w’'-]*)?)")
_VERB_GOODS_BEFORE = re.compile(
    r"(?i:\b(?:exported|imported|supplied|shipped|sold|bought|purchased)\s+"
    r"(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+(?:for|worth|totaling|totalling)\s+"
    r"(?:(?:almost|nearly|about|over|more\s+than|some)\s+)?)$"
)


def names_goods(text: str, start: int, end: int) -> bool:
    """Whether the amount between `start` and `end` is the value of named goods, not a flow."""
    after = _WORTH_OF_AFTER.match(text[end:])
    if after is not None:
        what = _stop_at_preposition(after.group("what"))
        if not _generic(what) and what.lower() not in _FLOWS:
            return True
    before = _VERB_GOODS_BEFORE.search(text[max(0, start - 80) : start])
    return before is not None and not _generic(before.group("what"))


def _stop_at_preposition(phrase: str) -> str:
    return re.split(r"\s(?:to|from|in|for|with|by)\b", phrase)[0]


def _generic(phrase: str) -> bool:
    words = re.findall(r"[\w’'-]+", phrase)
    return all(
        w.lower() in _GENERIC or w in lexicon() or w.rstrip("’'s") in lexicon() for w in words
    )


# "rose by $150 million to $1.6 billion": the first amount is a change, not a level.
_DELTA = re.compile(
    r"(?i:\b(?:increased|rose|grew|decreased|fell|declined|dropped|jumped|climbed|added|gained"
    r"|lost|(?<!made\s)(?<!makes\s)up|down|increase|growth|decrease|decline|rise|drop|fall)\s+"
    r"(?:by\s+|of\s+)?"
    r"(?:almost\s+|nearly\s+|about\s+|more\s+than\s+|over\s+|some\s+)?)$"
)


def is_delta(text: str, amount_start: int) -> bool:
    """Whether the amount says by how much a figure changed."""
    return bool(_DELTA.search(text[max(0, amount_start - 40) : amount_start]))
