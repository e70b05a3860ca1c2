"""Trade goals: "to increase trade turnover to $2 billion", "bring mutual trade to $5 billion
by 2030", "the goal of reaching $1 billion"."""

import re

from app.ingest.extract.amounts import Money
from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.keys import KeyMaker, money_words
from app.ingest.extract.pairs import figure_pair
from app.ingest.extract.parts import is_delta, is_part
from app.ingest.extract.topics import Topic, classify
from app.ingest.facts import TargetFact

_INTENT = re.compile(
    r"(?i:\b(?:goals?|targets?|aim|aims|aimed|aiming|task|tasks|objectives?|plans?|planned"
    r"|planning|intends?|intention|seeks?|seeking|strive|striving|ambitions?|ambitious|potential"
    r"|will|shall|should|could|would|must|can|expected|expects?|expect|forecasts?|forecasted"
    r"|projected|envisaged?|envisages|instructed|tasked|pledged|committed|determined"
    r"|possible|ready|need|needs)\b)"
)
# "to increase trade to $2 billion" is a goal, but "grew by 7 percent to reach $1 billion" is not.
_INFINITIVE = re.compile(
    r"(?i:\bto\s+(?:increase|bring|raise|reach|boost|double|triple|expand|grow|take|lift"
    r"|achieve|hit)\b)"
)
_GOAL_NOUN = re.compile(
    r"(?i:\b(?:goals?|targets?|task|objective|aim)\s+(?:of|is|was|to|set|:)|\bset\s+the\s+(?:goal"
    r"|target|task))"
)
_REPORTED = re.compile(
    r"(?i:\b(?:reached|amounted\s+to|totaled|totalled|stood\s+at|was|were|made\s+up|exceeded"
    r"|surpassed|topped|grew\s+to|rose\s+to|increased\s+to|fell\s+to|decreased\s+to"
    r"|declined\s+to|dropped\s+to)\s+(?:\w+\s+){0,2}$)"
)
_PAST_CHANGE = re.compile(
    r"(?i:\b(?:grew|rose|increased|jumped|surged|climbed|expanded|soared|decreased|declined|fell"
    r"|dropped|went\s+up|was\s+up)\b)"
)
_HORIZON_AFTER = re.compile(
    r"^[^.;]{0,30}?\b(?:by|until|till|before)\s+(?:the\s+end\s+of\s+)?(?P<year>20\d\d)\b"
    r"|^[^.;]{0,20}?\bin\s+the\s+(?:near\s+future|coming\s+years|medium\s+term|long\s+term"
    r"|next\s+\w+\s+years)"
)
# In a sentence already known to state a goal, "$2 billion in 2025" names its year.
_IN_YEAR_AFTER = re.compile(r"^[^.;]{0,20}?\bin\s+(?P<year>20\d\d)\b")
_YEAR_ANYWHERE = re.compile(
    r"\b(?:by|until|till|before)\s+(?:the\s+end\s+of\s+)?(?P<year>20\d\d)\b"
)
_SET_BY = re.compile(r"\bset\s+by\s+(?P<who>.+?)(?=\s+(?:to|for)\s|,|\.|;|$)")
_SETTERS = re.compile(
    r"(?P<who>\b(?:[Tt]he|[Bb]oth|[Oo]ur|[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}?(?:[Pp]residents?"
    r"|[Ll]eaders?|[Hh]eads\s+of\s+(?:[Ss]tate|the\s+two\s+states|both\s+states)"
    r"|[Pp]rime\s+[Mm]inisters?|[Gg]overnments?|[Mm]inisters?|sides|parties)"
    r"(?:\s+of\s+(?:the\s+)?(?:two|both)\s+(?:countries|states|nations|sides)"
    r"|\s+of\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+(?:and\s+(?:the\s+)?)?[A-Z][\w’'-]+){0,3})?"
    r"|\bPresidents?\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}(?:\s+and\s+[A-Z][\w’'-]+"
    r"(?:\s+[A-Z][\w’'-]+){0,2})?)"
    r"\s+(?:have\s+|has\s+|had\s+)?(?:set|instructed|tasked|agreed|pledged|outlined|defined"
    r"|called\s+for)\b"
)


def is_target(text: str, money: Money, previous_end: int = 0) -> bool:
    """Whether `money` is a goal rather than a reported figure."""
    if _HORIZON_AFTER.search(text[money.end :]):
        return True
    window = text[previous_end : money.start]
    if _GOAL_NOUN.search(window):
        return True
    if _REPORTED.search(window[-40:]):
        # "trade, which the new checkpoint will boost, reached $1.3 billion" is a figure.
        return False
    if _INTENT.search(window):
        return True
    infinitive = _INFINITIVE.search(window)
    return infinitive is not None and not _PAST_CHANGE.search(window[: infinitive.start()])


def extract_targets(ctx: DocumentContext, keys: KeyMaker) -> list[TargetFact]:
    targets: list[TargetFact] = []
    after_trade = False
    for info in ctx.sentences:
        previous_end = 0
        topics = [classify(info.text, money) for money in info.amounts]
        for money, topic in zip(info.amounts, topics, strict=True):
            start = previous_end
            previous_end = money.end
            if topic.category is None and after_trade:
                # "The leaders instructed to bring it to $5 billion": "it" is the trade just named.
                topic = Topic("trade", topic.flow)
            if topic.category != "trade" or money.currency != "USD" or money.value <= 0:
                continue
            if is_part(info.text, topic.keyword, money.start) or is_delta(info.text, money.start):
                continue
            if not is_target(info.text, money, start):
                continue
            pair = figure_pair(ctx, info, money, None)
            if pair is None:
                continue
            year = _target_year(info.text, money)
            name = f"{topic.flow}-target-{money_words(money.value)}"
            targets.append(
                TargetFact(
                    key=keys.make(name + (f"-by-{year}" if year else "")),
                    countries=list(pair),
                    flow=topic.flow,
                    value_usd=money.value,
                    value_qualifier=money.qualifier,
                    target_year=year,
                    set_by=_set_by(info),
                    quote=info.text,
                )
            )
        after_trade = any(t.category == "trade" for t in topics)
    return targets


def _target_year(text: str, money: Money) -> int | None:
    after = _HORIZON_AFTER.search(text[money.end :]) or _IN_YEAR_AFTER.search(text[money.end :])
    if after is not None and after.group("year"):
        return int(after.group("year"))
    anywhere = _YEAR_ANYWHERE.search(text)
    return int(anywhere.group("year")) if anywhere else None


def _set_by(info: SentenceInfo) -> str | None:
    """Who set the goal, when the sentence says so."""
    match = _SET_BY.search(info.text) or _SETTERS.search(info.text)
    if match is None:
        return None
    who = re.sub(
        r"^(?:(?:and|but|while|also|so|that|Notably|Meanwhile)\b[,\s]*)+", "", match["who"]
    )
    who = who.strip(" ,")
    if not who or who.lower() in ("they", "he", "she", "we"):
        return None
    return who
