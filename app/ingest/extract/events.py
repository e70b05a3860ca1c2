"""Forums and meetings the text names together with their dates ("the first Interregional
Forum ... on Sept. 22-23 in Taraz"); without a date an event is not obvious enough to record."""

import re
from dataclasses import dataclass
from datetime import date

from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.keys import KeyMaker
from app.ingest.extract.people import find_people
from app.ingest.extract.periods import MONTHS
from app.ingest.extract.places import CITIES
from app.ingest.facts import EventFact, PersonFact, PositionFact

_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
)
_CAPS = r"(?:[A-Z][\w’'-]*\s+){0,6}"
_KINDS = r"business|investment|economic|trade|industrial|interregional|intergovernmental"
_EVENT = re.compile(
    rf"(?P<forum>(?:{_ORDINAL}\s+)?{_CAPS}(?:(?:{_KINDS})\s+)?(?P<head>(?i:forum|summit|conference"
    rf"|exhibition|expo|fair|congress|roundtable)|Business\s+Council)\b)"
    rf"|(?P<meeting>(?:{_ORDINAL}\s+)?(?:meeting|session)\s+of\s+the\s+(?:[\w’'-]+\s+){{0,6}}?"
    rf"(?P<body>(?i:commission|council|committee))(?:\s+on(?:\s+[A-Z][\w’'-]*)+)?)"
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?(?!\d)"
    rf"(?:,?\s+(?P<y>\d{{4}}))?"
    rf"|\b(?P<d1b>\d{{1,2}})(?:\s*[-–]\s*(?P<d2b>\d{{1,2}}))?\s+(?P<monthb>{_MONTH})\b"
    rf"(?:\s+(?P<yb>\d{{4}}))?"
)
_FUTURE = re.compile(r"(?i:\b(?:will|is\s+to|are\s+to|scheduled|planned|next\s+year)\b)")


@dataclass(frozen=True)
class EventDraft:
    fact: EventFact
    sentence: int
    people: list[PersonFact]


def extract_events(
    ctx: DocumentContext, keys: KeyMaker, latest_year: int | None, places: set[str]
) -> list[EventDraft]:
    """Events with a date; `latest_year` (of the figures read) dates a release that gives none.

    An event's place is one of `places`, the place facts of the same file.
    """
    drafts: list[EventDraft] = []
    for info in ctx.sentences:
        event, when = _EVENT.search(info.text), _DATE.search(info.text)
        if event is None or when is None or not re.search(r"[A-Z]", event.group(0)[1:]):
            continue  # a generic "the forum" is no named event
        dated = _dates(when, info, ctx.published, latest_year)
        if dated is None:
            continue
        start, end, inferred = dated
        name = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", event.group(0).strip())
        name = name[:1].upper() + name[1:]
        people = _attendees(info)
        fact = EventFact(
            key=keys.make(name),
            name=name,
            kind=_kind(event),
            start_date=start,
            end_date=end,
            date_inferred=inferred,
            place=_place(info.text, places),
            attendees=[p.key for p in people],
            quote=info.text,
        )
        drafts.append(EventDraft(fact, info.sentence.index, people))
    return drafts


def _kind(event: re.Match[str]) -> str:
    if event.group("meeting"):
        return f"{event.group('body').lower()}_meeting"
    return re.sub(r"\s+", "_", event.group("head").lower())


def _dates(
    when: re.Match[str], info: SentenceInfo, published: date | None, latest_year: int | None
) -> tuple[date, date, bool] | None:
    month = MONTHS[when.group("month") or when.group("monthb")]
    first = int(when.group("d1") or when.group("d1b"))
    last = int(when.group("d2") or when.group("d2b") or first)
    written = when.group("y") or when.group("yb")
    inferred = written is None
    if written:
        year = int(written)
    elif published is not None:
        year = published.year
        # A past meeting dated after publication happened the year before, and the reverse.
        future = bool(_FUTURE.search(info.text))
        if not future and (month, first) > (published.month, published.day):
            year -= 1
        elif future and (month, first) < (published.month, published.day):
            year += 1
    elif latest_year is not None:
        year = latest_year
    else:
        return None
    try:
        return date(year, month, first), date(year, month, last), inferred
    except ValueError:
        return None


def _place(text: str, places: set[str]) -> str | None:
    for city in CITIES:
        if city in places and re.search(rf"\bin\s+{re.escape(city)}\b(?![\w-])", text):
            return city
    return None


def _attendees(info: SentenceInfo) -> list[PersonFact]:
    people: list[PersonFact] = []
    for person in find_people(info.text):
        if person.country is None:
            continue
        quote = info.text[person.quote_start : person.quote_end]
        position = PositionFact(title=person.role or "official", quote=quote)
        key = KeyMaker().make(person.name)
        people.append(
            PersonFact(key=key, full_name=person.name, country=person.country, positions=[position])
        )
    return people
