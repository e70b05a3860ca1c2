"""What an amount is about: trade (and which flow), an agreement package, or something else.

The nearest topic word before the amount decides ("trade turnover reached $757 million",
"documents worth $65 million", "investments of $2 billion"), unless a noun right after it
says otherwise ("a $200 million loan").
"""

import re
from dataclasses import dataclass
from typing import Any, Literal

from app.ingest.extract.amounts import Money
from app.ingest.extract.lexicon import alternation, lexicon
from app.ingest.facts import Flow

Category = Literal["trade", "agreement", "other"]

# Names of institutions and things that contain a topic word without being about it.
_MASKS = re.compile(
    r"(?i:\b(?:ministry|minister|ministers|chamber|committee|department)\s+of\s+(?:\w+\s+)?"
    r"(?:trade|commerce)\b|\b(?:world|free)\s+trade\b|\btrade\s+(?:minister|ministry|mission"
    r"|house|houses|representatives?|representation|office|cent(?:er|re)s?|fairs?|routes?"
    r"|policy|unions?|organi[sz]ation|zones?|agreements?|and\s+economic|-economic"
    r"|and\s+logistics|and\s+industrial|hubs?|ports?|pavilions?|shows?|delegations?"
    r"|council|commission|chambers?|networks?|facilitation|barriers|regime|partners?"
    r"|relations|ties|cooperation|links)\b|\b(?:cargo|freight|passenger|retail|container"
    r"|transit)\s+(?:turnover|traffic)\b|\bexport[- ](?:oriented|potential|credit|agency"
    r"|cent(?:er|re)|insurance|promotion)\b|\bchamber\s+of\s+commerce\b"
    r"|\btrading\s+(?:house|company|companies|platforms?|floors?|sessions?|hubs?)\b"
    r"|\b(?:investment|business|economic)\s+(?:forum|climate|council|cooperation|attractiveness))"
)
# A trade balance is no flow: "the trade deficit with China reached $19.5 billion".
_BALANCE = re.compile(r"(?i:\btrade\s+(?:deficit|surplus|balance|gap)\b)")


def _group(entry: dict[str, Any]) -> tuple[str, Category, Flow | None]:
    stems = "".join(f"|{re.escape(stem)}\\w+" for stem in entry.get("stems", []))
    return alternation(entry["words"]) + stems, entry["category"], entry["flow"]


_KEYWORDS = [_group(entry) for entry in lexicon("topics")]
_KEYWORD = re.compile(
    "|".join(rf"(?P<k{i}>\b(?:{words})\b)" for i, (words, _, _) in enumerate(_KEYWORDS)), re.I
)
_AFTER = re.compile(
    r"^\s*(?:worth\s+of\s+|in\s+)?(?:(?!(?:and|or|while|with|but|to|from|in|the|for|on|at)\b)"
    r"[a-z-]+\s+){0,2}(?P<word>[A-Za-z]+)"
)
_FLOW_AFTER = re.compile(
    r"^\s*(?:(?:was|were)\s+)?(?:accounted\s+for\s+(?:by\s+)?|for\s+|in\s+)(?P<flow>exports|imports)\b",
    re.I,
)
_SIGNING = re.compile(r"(?i:\b(?:signed|inked|concluded|sealed)\b)")


@dataclass(frozen=True)
class Topic:
    category: Category | None
    flow: Flow
    # Where the topic word that decided starts, when one did.
    keyword: int | None = None


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    category: Category
    flow: Flow | None


def _hits(text: str) -> list[_Hit]:
    masked = [m.span() for m in _MASKS.finditer(text)]
    balances = [m.start() for m in _BALANCE.finditer(text)]
    hits: list[_Hit] = []
    for match in _KEYWORD.finditer(text):
        if any(s <= match.start() < e for s, e in masked):
            continue
        index = int(str(match.lastgroup)[1:])
        _, category, flow = _KEYWORDS[index]
        if match.start() in balances:
            category, flow = "other", None
        hits.append(_Hit(match.start(), match.end(), category, flow))
    return hits


def classify(text: str, money: Money) -> Topic:
    """The topic of `money` within `text` (its sentence)."""
    hits = _hits(text)
    before = [h for h in hits if h.end <= money.start]
    category: Category | None = before[-1].category if before else None
    after = _AFTER.match(text[money.end :])
    if after is not None:
        tail = [h for h in _hits(after.group("word")) if h.start == 0]
        if tail:
            category = tail[0].category
    if category is None:
        # "$1.3 billion worth of goods": a topic word may follow the amount.
        later = [h for h in hits if h.start >= money.end and h.start - money.end < 40]
        category = later[0].category if later else None
    # "contracts for the supply of goods worth $X were signed" is an agreement package.
    supply = category == "trade" and bool(before) and before[-1].flow is None
    if supply and any(h.category == "agreement" for h in before) and _SIGNING.search(text):
        category = "agreement"
    flows = [h.flow for h in before if h.flow is not None]
    named = [h for h in before if h.flow is not None] or before
    keyword = named[-1].start if named else None
    flow_after = _FLOW_AFTER.match(text[money.end :])
    if flow_after is not None:
        # "$1.9 billion accounted for imports": the flow is named after the amount.
        return Topic("trade", _flow_word(flow_after.group("flow")), keyword)
    return Topic(category, flows[-1] if flows else "turnover", keyword)


def _flow_word(word: str) -> Flow:
    return "export" if word.lower().startswith("export") else "import"


def is_trade_context(text: str, start: int, end: int, *, lenient: bool = False) -> bool:
    """Whether a rate between `start` and `end` speaks of trade: "trade grew by 13%".

    The nearest topic word before it decides, else one inside or just after it ("a 19%
    increase in trade"). With no topic word at all, `lenient` accepts it: "This is 12.4
    percent more than in the same period last year."
    """
    hits = _hits(text)
    before = [h for h in hits if h.end <= start]
    if before:
        return before[-1].category == "trade"
    near = [h for h in hits if start <= h.start < end + 30]
    if near:
        return near[0].category == "trade"
    return lenient


def mentions_trade(text: str) -> bool:
    """Whether the text speaks of trade at all ("Trade between the countries has decreased.")."""
    return any(h.category == "trade" and h.flow is not None for h in _hits(text))


def growth_flow(text: str, position: int) -> Flow | None:
    """The flow a rate at `position` speaks of, from the nearest flow word before it."""
    flows = [h.flow for h in _hits(text) if h.end <= position and h.category == "trade"]
    named = [f for f in flows if f is not None]
    return named[-1] if named else None
