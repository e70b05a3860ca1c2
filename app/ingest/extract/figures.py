"""Binding: the trade amounts of a sentence, each with the period mention it refers to.

Each binding rule looks at one amount and either names its period, drops the amount, or
passes; the first rule that decides wins. Adding a phrasing is adding one small rule.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from app.ingest.extract.amounts import Money
from app.ingest.extract.context import SentenceInfo
from app.ingest.extract.parts import is_delta, is_part, names_goods
from app.ingest.extract.periods import PeriodMention
from app.ingest.extract.targets import is_target
from app.ingest.extract.topics import Topic, classify

# "$1.3 billion in 2022", "$250 million in the same period of 2023": a period bound to an amount.
_BOUND = re.compile(
    r"^\s*,?\s*(?:(?:in|for|during|over|of)\s+)?(?:the\s+)?(?:(?:same|corresponding)"
    r"\s+(?:period|months?|quarter|half)\s+(?:of|in|last)?\s*)?(?:year\s+)?$",
    re.I,
)
# "compared to $900 million", "from $1.1 billion": an amount that is only a point of comparison.
_BASE_AMOUNT = re.compile(
    r"(?i:\b(?:compared\s+(?:to|with)|against|versus|vs\.?|than|from|up\s+from|down\s+from)\s+"
    r"(?:the\s+)?(?:level\s+of\s+)?(?:\w+\s+)?)$"
)
_GOAL_WORDS = r"goal|target|threshold|milestone|benchmark|mark|barrier"
_GOAL_AFTER = re.compile(
    rf"^\s*(?:USD\s+|US\s+dollars?\s+|dollars?\s+)?(?P<word>{_GOAL_WORDS})\b", re.I
)
_GOAL_BEFORE = re.compile(rf"\b(?P<word>{_GOAL_WORDS})\s+of\s+(?:about\s+|over\s+|some\s+)?$", re.I)
# A goal or target stays one even when passed; a mark passed is a result.
_AIM = re.compile(r"(?i:goal|target)")
# "crossed the $1 billion mark": a mark already passed is a result.
_PASSED = re.compile(
    r"(?i:\b(?:crossed|passed|exceeded|surpassed|topped|reached|hit|broke|overcame)\s+the\s+"
    r"(?:\w+\s+)?(?:(?:mark|threshold|milestone|barrier|level)\s+of\s+)?)$"
)
_NEAR_AFTER = 80
_WHEN = re.compile(r"^[\s,]*(?:when\b[^.;$]*|\(\s*)$", re.I)
_SAME_PERIOD = re.compile(r"(?i:(?:same|corresponding)\s+(?:period|months?|quarter|half))")


@dataclass(frozen=True)
class Figure:
    """A trade amount and the period mention it refers to."""

    money: Money
    topic: Topic
    mention: PeriodMention | None
    # The months come from another period: "$250 million in the same period of 2023".
    months_from: PeriodMention | None = None
    # The months come from the figure before ("over the same period last year ...").
    months_from_context: bool = False


@dataclass(frozen=True)
class Scene:
    """What the binding rules see of one sentence."""

    text: str
    periods: list[PeriodMention]
    bound: dict[int, PeriodMention]
    free: list[PeriodMention]
    made: list[Figure]

    @property
    def primary(self) -> PeriodMention | None:
        return self.free[0] if self.free else None


class Drop:
    """A rule's verdict that an amount is no figure of its own."""


DROP = Drop()
Rule = Callable[[Scene, Money, Topic], Figure | Drop | None]


def find_figures(info: SentenceInfo, *, follows_figure: bool) -> list[Figure]:
    """Trade amounts of the sentence with the period each one refers to."""
    trade = trade_amounts(info, follows_figure=follows_figure)
    bound = {money.start: p for money, _ in trade if (p := bound_after(info, money)) is not None}
    free = [p for p in info.periods if not p.base and p not in bound.values()]
    scene = Scene(info.text, info.periods, bound, free, [])
    for money, topic in trade:
        verdict = _bind(scene, money, topic)
        if isinstance(verdict, Figure):
            scene.made.append(verdict)
    return scene.made


def trade_amounts(info: SentenceInfo, *, follows_figure: bool) -> list[tuple[Money, Topic]]:
    """The amounts that state a trade flow: not a target, a commodity, nor a change."""
    text = info.text
    trade: list[tuple[Money, Topic]] = []
    previous_end = 0
    for money in info.amounts:
        topic = classify(text, money)
        start, previous_end = previous_end, money.end
        if topic.category is None and follows_figure:
            # "In Q1 2024, it reached US$62 mln": the figure goes on about the same trade.
            topic = Topic("trade", topic.flow)
        if topic.category != "trade" or is_target(text, money, start):
            continue
        if is_part(text, topic.keyword, money.start) or is_delta(text, money.start):
            continue
        if names_goods(text, money.start, money.end) or names_a_goal(text, money):
            continue
        trade.append((money, topic))
    return trade


def names_a_goal(text: str, money: Money) -> bool:
    """ "exceeding the $10 billion goal", "the new threshold of $175 million": a mark that
    a figure passes or aims at, not a figure."""
    before = text[max(0, money.start - 50) : money.start]
    named = _GOAL_AFTER.match(text[money.end :]) or _GOAL_BEFORE.search(before)
    if named is None:
        return False
    return bool(_AIM.match(named.group("word"))) or not _PASSED.search(before)


def bound_after(info: SentenceInfo, money: Money) -> PeriodMention | None:
    """The period written right after an amount: "$1.3 billion in 2022"."""
    after = [p for p in info.periods if p.start >= money.end]
    if after and _BOUND.match(info.text[money.end : after[0].start]):
        return after[0]
    return None


def _bind(scene: Scene, money: Money, topic: Topic) -> Figure | Drop | None:
    for rule in RULES:
        verdict = rule(scene, money, topic)
        if verdict is not None:
            return verdict
    return _with_months(scene, money, topic, None)


def period_written_after(scene: Scene, money: Money, topic: Topic) -> Figure | None:
    """ "$1.3 billion in 2022"."""
    mention = scene.bound.get(money.start)
    return _with_months(scene, money, topic, mention) if mention is not None else None


def comparison_amount(scene: Scene, money: Money, topic: Topic) -> Drop | None:
    """ "compared to $900 million": only a point of comparison."""
    if _BASE_AMOUNT.search(scene.text[max(0, money.start - 40) : money.start]):
        return DROP
    return None


def nearest_period(scene: Scene, money: Money, topic: Topic) -> Figure | None:
    """The nearest period before the amount, else the first after it in the same stretch of
    text ("$11 billion, ... the goal of their programme for 2019-2023" is too far)."""
    before = [p for p in scene.free if p.end <= money.start]
    after = [p for p in scene.free if 0 <= p.start - money.end <= _NEAR_AFTER]
    mention = before[-1] if before else (after[0] if after else None)
    return _with_months(scene, money, topic, mention) if mention is not None else None


def compared_period_named_again(scene: Scene, money: Money, topic: Topic) -> Figure | None:
    """ "4% more than in 2022, when it stood at $7.8 billion": the compared period's figure."""
    before = [p for p in scene.periods if p.base and p.end <= money.start]
    if before and _WHEN.match(scene.text[before[-1].end : money.start]):
        return _with_months(scene, money, topic, before[-1])
    return None


def same_period_before(scene: Scene, money: Money, topic: Topic) -> Figure | None:
    """ "over the same period last year the figure was $161.9 million"."""
    same = [p for p in scene.periods if p.base and same_period(scene.text, p)]
    if same and same[0].end <= money.start:
        return Figure(money, topic, same[0], None, months_from_context=True)
    return None


def like_previous_figure(scene: Scene, money: Money, topic: Topic) -> Figure | None:
    """ "$4.6 billion in eight months, while imports totaled $4.7 billion"."""
    if scene.made:
        return replace(scene.made[-1], money=money, topic=topic)
    return None


RULES: list[Rule] = [
    period_written_after,
    comparison_amount,
    compared_period_named_again,
    nearest_period,
    same_period_before,
    like_previous_figure,
]


def _with_months(scene: Scene, money: Money, topic: Topic, mention: PeriodMention | None) -> Figure:
    """A figure of `mention`, whose months come from the sentence's main period when the
    mention is "the same period of 2022" or "a year earlier"."""
    primary = scene.primary
    same_months = mention is not None and (mention.anchored or same_period(scene.text, mention))
    months_from = primary if same_months and primary is not mention else None
    return Figure(money, topic, mention, months_from, months_from is None and same_months)


def same_period(text: str, mention: PeriodMention) -> bool:
    return bool(_SAME_PERIOD.search(text[max(0, mention.start - 40) : mention.end]))
