"""Named office holders: "Prime Minister of Kazakhstan Alikhan Smailov", "Uzbek Foreign Minister
Bakhtiyor Saidov", "Sirojiddin Muhriddin, Foreign Minister of Tajikistan"."""

import re
from dataclasses import dataclass

from app.ingest.extract.countries import distinct, find_countries, lexicon
from app.ingest.extract.keys import word_set
from app.ingest.extract.periods import MONTHS

_TITLE = (
    r"President|Vice[- ]President|Prime\s+Minister|Minister|Chairman|Chairwoman|Chairperson"
    r"|Chair|Head|Akim|Hokim|Khokim|Mayor|Governor|Ambassador|Director|CEO|Chief|Speaker"
    r"|Secretary|[Cc]ounterpart|Deputy|Envoy|Consul|Commissioner|Rector|Representative|Leader"
)
_TITLE_WORD = re.compile(rf"\b(?:{_TITLE})\b")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\wÀ-ÿĀ-ž’'-]*")
# Capitalised words that are never part of a person's name.
_NOT_NAME = word_set(
    """The A An Of And Minister Ministers Ministry President Presidential Prime Deputy Chairman
    Chairwoman Chairperson Chair Head Akim Akims Mayor Mayors Governor Ambassador Director
    CEO Chief Speaker Secretary Envoy Consul Commissioner Rector Representative Leader
    Foreign Trade Economy Economic Economics Finance Industry Agriculture Energy Transport
    Investment Investments Affairs Development Cabinet Government Republic Administration
    Council Committee Agency Chamber Commerce Bank Fund Forum Region Regions Oblast District
    City State States Federation National Statistics Customs Service Office Department Board
    Company Corporation Group Union Intergovernmental Commission Assembly Parliament Senate
    Majilis Mazhilis Kingdom Emirates Islamic People's Democratic United Vice Acting First
    General Executive Special Plenipotentiary Extraordinary Integration Affairs During On In
    At By For With From According Following"""
)


@dataclass(frozen=True)
class PersonMention:
    """A named person with the office the text gives them; spans index the sentence."""

    start: int
    end: int
    name: str
    role: str | None
    country: str | None
    quote_start: int
    quote_end: int


def _is_name_token(token: str) -> bool:
    return token not in _NOT_NAME and token not in lexicon() and token not in MONTHS


def _names(text: str) -> list[tuple[int, int]]:
    """Spans of two or three consecutive capitalised words that can be a name."""
    spans: list[tuple[int, int]] = []
    tokens = list(_CAPITALISED.finditer(text))
    i = 0
    while i < len(tokens):
        run = [tokens[i]]
        while (
            i + len(run) < len(tokens) and text[run[-1].end() : tokens[i + len(run)].start()] == " "
        ):
            run.append(tokens[i + len(run)])
        names = [t for t in run if _is_name_token(t.group(0).rstrip("’'s"))]
        tail = run[len(run) - len(names) :] if names else []
        if 2 <= len(tail) <= 3 and all(_is_name_token(t.group(0)) for t in tail):
            spans.append((tail[0].start(), tail[-1].end()))
        i += len(run)
    return spans


def find_people(text: str) -> list[PersonMention]:
    """Named people with a title before them ("Minister X Y") or after them ("X Y, Minister")."""
    people: list[PersonMention] = []
    boundary = 0
    for start, end in _names(text):
        role_start = _role_start(text, boundary, start)
        role: str | None = None
        quote_start, quote_end = start, end
        if role_start is not None:
            role = text[role_start:start].strip()
            quote_start = role_start
        else:
            after = re.match(
                rf",\s+(?:the\s+)?(?P<role>[^,;.]{{0,80}}?\b(?:{_TITLE})\b[^,;.]{{0,80}}?)(?=,|;|\.|$)",
                text[end:],
            )
            if after is not None:
                role = after.group("role").strip()
                quote_end = end + after.end("role")
        if role is None:
            continue
        codes = distinct(find_countries(role))
        country = codes[0] if len(codes) == 1 else None
        people.append(
            PersonMention(start, end, text[start:end], role, country, quote_start, quote_end)
        )
        boundary = end
    return people


def _role_start(text: str, boundary: int, name_start: int) -> int | None:
    """Where the title right before a name begins, if the words before it form one.

    The earliest title word whose words up to the name are all capitalised or linking words
    ("Chairman of the Cabinet of Ministers and Head of ... Akylbek Zhaparov").
    """
    for title in _TITLE_WORD.finditer(text, boundary, name_start):
        chain = text[title.start() : name_start]
        tokens = re.findall(r"[^\s,]+", chain)[1:]
        if len(chain) <= 120 and all(t[0].isupper() or t in _LINKS for t in tokens):
            return _extend_left(text, title.start(), boundary)
    return None


_LINKS = frozenset({"of", "the", "and", "for", "on", "in", "at", "de", "his", "her", "its"})


def _extend_left(text: str, position: int, floor: int) -> int:
    """Take in the capitalised words just before a title ("Uzbek Foreign Minister")."""
    while True:
        match = re.search(r"([A-Z][\w’'-]*)\s+$", text[floor:position])
        if match is None or match.group(1) in ("The", "And", "Of"):
            return position
        position = floor + match.start(1)
