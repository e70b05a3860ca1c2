"""Trade goals: "to increase trade turnover to $2 billion", "bring mutual trade to $5 billion
by 2030", "the goal of reaching $1 billion"."""

import re
from typing import Any

from app.ingest.extract.amounts import Money
from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.keys import KeyMaker, money_words
from app.ingest.extract.lexicon import lexicon
from app.ingest.extract.lexicon.fragments import whole_words
from app.ingest.extract.pairs import figure_pair
from app.ingest.extract.parts import is_delta, is_part
from app.ingest.extract.topics import Topic, classify
from app.ingest.facts import Flow, TargetFact

_WORDS: dict[str, Any] = lexicon("targets")


def _words(name: str) -> re.Pattern[str]:
    return re.compile(whole_words(_WORDS[name]), re.I)


_INTENT = _words("intent")
# "to increase trade to $2 billion" is a goal, but "grew by 7 percent to reach $1 billion" is not.
_INFINITIVE = re.compile(rf"(?i:\bto\s+{whole_words(_WORDS['goal_verbs'])})")
_GOAL_NOUN = re.compile(
    rf"(?i:{whole_words(_WORDS['goal_nouns'])}\s+(?:of|is|was|to|set|:)"
    r"|\bset\s+the\s+(?:goal|target|task))"
)
# "the $3 billion goal", "the $10 billion bilateral trade target"
_GOAL_AFTER = re.compile(rf"(?i:\s*(?:[\w-]+\s+){{0,3}}?{whole_words(_WORDS['goal_nouns'])})")
# Only a setter acting after a hedge overrides it: "noted the potential and set a goal of".
_SETTER = _words("setter_verbs")
_REPORTED = re.compile(rf"(?i:{whole_words(_WORDS['reported_verbs'])}\s+(?:\w+\s+){{0,2}}$)")
_PAST_CHANGE = _words("past_change_verbs")
_NOT_OFFICIAL: dict[str, re.Pattern[str]] = {
    kind: re.compile(whole_words(words), re.I) for kind, words in _WORDS["not_official"].items()
}
_REGIONAL = _words("regional")
_NON_POLICY = _words("non_policy_speakers")
# Words that, like an intent, show the amount is looked forward to rather than reported.
_HEDGES = ("forecast", "potential", "aspiration")
_ACHIEVED_AFTER = re.compile(rf"(?i:^[^.;]{{0,40}}?{whole_words(_WORDS['achieved_after'])})")
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
    rf"\s+(?:have\s+|has\s+|had\s+)?{whole_words(_WORDS['setter_verbs'])}"
)


def is_target(text: str, money: Money, previous_end: int = 0) -> bool:
    """Whether `money` is a goal, official or not, rather than a reported figure."""
    return goal_kind(text, money, previous_end) is not None


def goal_kind(text: str, money: Money, previous_end: int = 0) -> str | None:
    """ "official" for a goal set or agreed by governments, the reason it is none (see
    `not_official_kind`) for a hedged or reported goal, None for a reported figure."""
    window = text[previous_end : money.start]
    after = text[money.end :]
    if not _speaks_of_goal(window, after):
        return None
    kind = not_official_kind(window, after)
    if kind is None and _voiced_without_policy(text):
        kind = "aspiration"
    return kind or "official"


def _voiced_without_policy(text: str) -> bool:
    """ "Trade should reach $5 billion, an economist said": only someone who sets no policy
    states the goal; "experts noted the goal the presidents set" still reports a setter."""
    return _NON_POLICY.search(text) is not None and _SETTER.search(text) is None


def _speaks_of_goal(window: str, after: str) -> bool:
    if _HORIZON_AFTER.search(after) or _GOAL_NOUN.search(window) or _GOAL_AFTER.match(after):
        return True
    if _REPORTED.search(window[-40:]):
        # "trade, which the new checkpoint will boost, reached $1.3 billion" is a figure.
        return False
    if _INTENT.search(window) or any(_NOT_OFFICIAL[k].search(window) for k in _HEDGES):
        return True
    infinitive = _INFINITIVE.search(window)
    return infinitive is not None and not _PAST_CHANGE.search(window[: infinitive.start()])


def not_official_kind(before: str, after: str = "") -> str | None:
    """Why an amount is no official goal: "forecast", "potential", "aspiration", "achieved" or
    "negation", from the nearest such cue in the words `before` it that no setter follows; or
    "achieved" when the words `after` it report the goal met."""
    if _ACHIEVED_AFTER.search(after):
        return "achieved"
    cues = [(m.end(), kind) for kind, cue in _NOT_OFFICIAL.items() for m in cue.finditer(before)]
    if not cues:
        return None
    end, kind = max(cues)
    if any(m.start() >= end for m in _SETTER.finditer(before)):
        return None
    return kind


def extract_targets(ctx: DocumentContext, keys: KeyMaker) -> list[TargetFact]:
    """Official trade goals of the document, each once."""
    targets: list[TargetFact] = []
    after_trade = False
    for info in ctx.sentences:
        previous_end = 0
        topics = [classify(info.text, money) for money in info.amounts]
        for money, topic in zip(info.amounts, topics, strict=True):
            start, previous_end = previous_end, money.end
            if topic.category is None and after_trade:
                # "The leaders instructed to bring it to $5 billion": "it" is the trade just named.
                topic = Topic("trade", topic.flow)
            if _official_goal(info.text, money, topic, start):
                target = _target(ctx, info, money, topic.flow, keys)
                targets.extend([target] if target else [])
        after_trade = any(t.category == "trade" for t in topics)
    return merge_restated(targets)


def _official_goal(text: str, money: Money, topic: Topic, start: int) -> bool:
    """A bilateral trade goal in dollars, set or agreed by governments or leaders."""
    if topic.category != "trade" or money.currency != "USD" or money.value <= 0:
        return False
    if is_part(text, topic.keyword, money.start) or is_delta(text, money.start):
        return False
    if topic.keyword is not None and is_regional(text, topic.keyword, money.start):
        return False
    return goal_kind(text, money, start) == "official"


def is_regional(text: str, keyword: int, amount_start: int) -> bool:
    """Whether the trade word at `keyword` speaks of a bloc or region: "intra-bloc trade",
    "trade within the bloc"."""
    return _REGIONAL.search(text[max(0, keyword - 20) : amount_start]) is not None


def _target(
    ctx: DocumentContext, info: SentenceInfo, money: Money, flow: Flow, keys: KeyMaker
) -> TargetFact | None:
    pair = figure_pair(ctx, info, money, None)
    if pair is None:
        return None
    year = _target_year(info.text, money)
    name = f"{flow}-target-{money_words(money.value)}"
    return TargetFact(
        key=keys.make(name + (f"-by-{year}" if year else "")),
        countries=list(pair),
        flow=flow,
        value_usd=money.value,
        value_qualifier=money.qualifier,
        target_year=year,
        set_by=_set_by(info),
        quote=info.text,
    )


def merge_restated(targets: list[TargetFact]) -> list[TargetFact]:
    """A goal restated (headline and text, lead and quote) is one target, cited where it first
    appears; a year or setter given only in the restatement completes it."""
    result: list[TargetFact] = []
    for target in targets:
        same = next((i for i, known in enumerate(result) if _restates(known, target)), None)
        if same is None:
            result.append(target)
            continue
        known = result[same]
        result[same] = known.model_copy(
            update={
                "target_year": known.target_year or target.target_year,
                "set_by": known.set_by or target.set_by,
            }
        )
    return result


def _restates(known: TargetFact, target: TargetFact) -> bool:
    years = {known.target_year, target.target_year} - {None}
    return (
        set(known.countries) == set(target.countries)
        and known.flow == target.flow
        and known.value_usd == target.value_usd
        and len(years) <= 1
    )


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
