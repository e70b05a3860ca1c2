"""Paragraphs and sentences of a body text, as character spans into it."""

import re
from dataclasses import dataclass

from app.ingest.extract.keys import word_set
from app.ingest.extract.places import city_country

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = word_set(
    """jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof st no nos gen gov rep
    sen jr sr inc ltd co corp vs approx e.g i.e u.s u.k a.m p.m est dept"""
)
_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9А-Я])")
# "ASTANA –", "BISHKEK, March 3 (Kabar) -", "ASTANA. KAZINFORM –", "Baku, May 5, AZERTAC."
_DATELINE = re.compile(
    r"""^(?P<city>[A-Z][A-Z'’-]{2,}(?:\s[A-Z][A-Z'’-]{2,})?|[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)
    (?:,\s*(?:[A-Z][A-Za-z]+\.?(?:\s\d{1,2})?|\d{1,2}(?:\s[A-Z][a-z]+)?|\d{4}))*
    (?:\.\s(?P<agency>[A-Z]{3,}))?
    \.?\s*(?:\([^)\n]{1,40}\)|/[^/\n]{1,40}/)?\s*
    (?:[-–—]{1,2}|\.|:)\s+""",
    re.VERBOSE,
)


# Longer stretches are no sentence a quote should cite whole, and cost time to read.
MAX_SENTENCE = 1500


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int


def dateline(text: str) -> re.Match[str] | None:
    """The dateline of a lede ("ASTANA –", "BISHKEK, March 3 (Kabar) -"), if any."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    city = match.group("city")
    # A capitalised word is a dateline in capitals, before a dash, or when it is a known city.
    if city.isupper() or match.group(0).rstrip().endswith(("-", "–", "—")):
        return match
    return match if city_country(city) is not None else None


def _is_abbreviation(chunk: str) -> bool:
    word = re.search(r"([A-Za-z.]+)\.$", chunk)
    if word is None:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or bool(re.fullmatch(r"[a-z]", token))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: a line break ends a paragraph unless the line was merely wrapped."""
    blocks: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]*\S[^\n]*", text):
        start, end = line.span()
        if blocks:
            prev_start, prev_end = blocks[-1]
            gap = text[prev_end:start]
            wrapped = gap.count("\n") == 1 and not re.search(
                r"[.!?:”\"…]\s*$", text[prev_start:prev_end]
            )
            if wrapped and re.match(r"\s*[a-z0-9$(]", text[start:end]):
                blocks[-1] = (prev_start, end)
                continue
        blocks.append((start, end))
    return blocks


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in text order, each inside one paragraph."""
    sentences: list[Sentence] = []
    for paragraph, (start, block_end) in enumerate(_blocks(text)):
        if paragraph < 2:
            lead = dateline(text[start:block_end])
            if lead is not None:
                start += lead.end()
        cursor = start
        for end in _END.finditer(text, start, block_end):
            if end.group(0).startswith(".") and _is_abbreviation(text[cursor : end.start() + 1]):
                continue
            _add(sentences, text, cursor, end.end(), paragraph)
            cursor = end.end()
        _add(sentences, text, cursor, block_end, paragraph)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # A run-on "sentence" (a table, text without full stops) is cut at clause boundaries.
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        cut = cut + 1 if cut > MAX_SENTENCE // 2 else MAX_SENTENCE
        _add(sentences, text, start, start + cut, paragraph)
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], paragraph, len(sentences)))
