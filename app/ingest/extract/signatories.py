"""Who signed: named people ("Prime Minister X and his counterpart Y signed"), people named
earlier and now by surname ("Grigoryan and Overchenkov signed"), or unnamed office holders
("Kazakh and Kyrgyz business leaders signed", "the ministries of energy of the two countries")."""

import re
from dataclasses import dataclass
from functools import cache

from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.countries import distinct, find_countries, lexicon
from app.ingest.extract.keys import slugify
from app.ingest.extract.people import PersonMention, find_people
from app.ingest.facts import PersonFact, PositionFact, SignatoryFact

_PRONOUNS = re.compile(r"(?i)^(?:they|he|she|we|it|the\s+(?:sides|parties|two\s+sides|leaders))\b")
_BOTH = re.compile(
    r"(?i)^(?P<office>.+?)\s+of\s+(?:the\s+)?(?:two|both)\s+(?:countries|states|sides)$"
)
_WITNESS = re.compile(r"(?i:presence\s+of|attended\s+by|witnessed\s+by|in\s+front\s+of)\s*$")
_CLAUSE_END = re.compile(r",|;|\.(?:\s|$)|\s(?:on|at|in|during|within|following)\s")


@dataclass(frozen=True)
class Person:
    """A person the document names with an office, and the words that say so."""

    mention: PersonMention
    quote: str

    @property
    def surname(self) -> str:
        return self.mention.name.split()[-1]


def people_registry(ctx: DocumentContext) -> dict[str, Person]:
    """Everyone named with an office anywhere in the document, by surname."""
    registry: dict[str, Person] = {}
    for info in ctx.sentences:
        for mention in find_people(info.text):
            person = Person(mention, info.text[mention.quote_start : mention.quote_end])
            registry.setdefault(person.surname, person)
    return registry


def signatories(
    ctx: DocumentContext, info: SentenceInfo, verb: re.Match[str], registry: dict[str, Person]
) -> tuple[list[SignatoryFact], list[PersonFact]]:
    """Signatories of the documents a sentence reports, and the people among them."""
    text = info.text
    signing_part = _signing_part(text, verb)
    named = [
        Person(m, text[m.quote_start : m.quote_end])
        for m in find_people(text)
        if _within(m.start, signing_part) and not _WITNESS.search(text[: m.quote_start])
    ]
    covered = {p.surname for p in named}
    for match in re.finditer(r"\b[A-Z][\w’'-]+\b", text):
        person = registry.get(match.group(0))
        if person and person.surname not in covered and _within(match.start(), signing_part):
            named.append(person)
            covered.add(person.surname)
    if not named:
        return offices(ctx, text[signing_part[0] : signing_part[1]]), []
    countries = _fill_countries(ctx, [p.mention.country for p in named])
    result: list[SignatoryFact] = []
    people: list[PersonFact] = []
    for person, country in zip(named, countries, strict=True):
        if country is None:
            continue
        key = slugify(person.mention.name)
        role = person.mention.role
        result.append(SignatoryFact(person=key, role=role, country=country))
        position = PositionFact(title=role or "signatory", quote=person.quote)
        people.append(
            PersonFact(
                key=key, full_name=person.mention.name, country=country, positions=[position]
            )
        )
    return result, people


def _signing_part(text: str, verb: re.Match[str]) -> tuple[int, int]:
    """The words naming the signers: the subject before the verb, or the agent after "by"."""
    by = re.match(r"\s+by\s+", text[verb.end() :])
    if by is not None:
        start = verb.end() + by.end()
        end = _CLAUSE_END.search(text, start)
        return start, end.start() if end else len(text)
    before = text[: verb.start()]
    # A comma ends an opening clause ("Following the meeting, ..."), but not a name that
    # runs on across it ("Minister of Investment, Industry and Trade").
    cuts = [
        m.end()
        for m in re.finditer(r"[;:]\s+|,\s+", before)
        if m.group(0)[0] != "," or not _between_capitals(before, m.start(), m.end())
    ]
    return (cuts[-1] if cuts else 0), verb.start()


def _between_capitals(text: str, comma: int, after: int) -> bool:
    left = re.search(r"([\w’'-]+)$", text[:comma])
    right = re.match(r"[\w’'-]+", text[after:])
    return bool(left and right and left.group(1)[0].isupper() and right.group(0)[0].isupper())


def _within(position: int, part: tuple[int, int]) -> bool:
    return part[0] <= position < part[1]


def _fill_countries(ctx: DocumentContext, countries: list[str | None]) -> list[str | None]:
    """Two signers of a pair, one of unknown country: the other country of the pair."""
    if ctx.pair and len(countries) == 2 and countries.count(None) == 1:
        known = next(c for c in countries if c)
        if known in ctx.pair:
            missing = ctx.pair[1] if known == ctx.pair[0] else ctx.pair[0]
            return [c or missing for c in countries]
    return countries


@cache
def _paired() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(lexicon(), key=len, reverse=True))
    return re.compile(rf"(?:[Tt]he\s+)?(?P<a>{names})\s+and\s+(?P<b>{names})\s+(?P<noun>[^,]+)")


def offices(ctx: DocumentContext, subject: str) -> list[SignatoryFact]:
    """Office holders who signed, one per country, when the subject names their countries."""
    subject = re.sub(
        r"^(?:(?:and|also|then|later)\s+)+|\s+(?:have|has|had|also|jointly)$", "", subject.strip()
    )
    if not subject or _PRONOUNS.match(subject):
        return []
    # "Kazakh and Kyrgyz business leaders"
    paired = _paired().fullmatch(subject)
    if paired is not None:
        a, b = lexicon()[paired.group("a")], lexicon()[paired.group("b")]
        noun = paired.group("noun")
        if a == b:
            return []
        return [
            SignatoryFact(office=f"{paired.group('a')} {noun}", country=a),
            SignatoryFact(office=f"{paired.group('b')} {noun}", country=b),
        ]
    both = _BOTH.match(subject)
    if both is not None and ctx.pair:
        office = re.sub(r"^(?:[Tt]he)\s+", "", both.group("office"))
        return [SignatoryFact(office=office, country=code) for code in ctx.pair]
    result: list[SignatoryFact] = []
    for part in re.split(r"\s+and\s+(?=(?:the\s+)?[A-Z])", subject):
        codes = distinct(find_countries(part))
        office = re.sub(r"^(?:[Tt]he)\s+", "", part)
        if len(codes) != 1 or office in lexicon():
            # A country itself is a party, not an office holder.
            return []
        result.append(SignatoryFact(office=office, country=codes[0]))
    return result if len(result) <= 2 else []
