"""Who states a figure: "according to Uzbekistan's Statistics Agency", "reported the ... press
service", "Kazakh Trade Minister X said"."""

import re

_SOURCE_WORDS = (
    r"press\s+service|press\s+office|ministry|agency|committee|bureau|office|service|customs"
    r"|statistics|government|cabinet|embassy|chamber|department|administration|council|side"
)
_SPEAKER_WORDS = (
    r"minister|president|ambassador|chairman|chairperson|akim|governor|mayor|deputy|head"
    r"|spokesperson|spokesman|spokeswoman|official|director|envoy|consul|speaker"
)
_VERBS = r"reported|reports|said|says|informed|informs|announced|announces|stated|states|noted|told"
# Capitalised words, with the commas and "and" of names like "Ministry of Investment,
# Industry and Trade"; then "of ..." or "under the ..." chains.
_CAPS = r"[A-Z][\w’'-]*(?:(?:,\s+|\s+and\s+|\s+)[A-Z][\w’'-]*)*"
_OF = rf"(?:\s+(?:of|under|for|at|to|in)\s+(?:the\s+)?{_CAPS})*"
_PATTERNS = [
    # "according to the Bureau of National Statistics of Kazakhstan", "citing the customs"
    re.compile(r"(?i:\b(?:according\s+to|citing|quoting)\s+)(?P<src>(?:the\s+|[A-Z])[^,;:.“”\"]{2,120}?)(?=,|;|\.(?:\s|$)|$)"),
    # "reported the Prime Minister’s press service", "was announced by the Ministry of Trade"
    re.compile(
        rf"(?i:\b(?:{_VERBS})\s+(?:by\s+)?)(?P<src>the\s+[^,;.“”\"]{{0,80}}?"
        rf"(?i:{_SOURCE_WORDS}){_OF})"
    ),
    # "Uzbekistan's Statistics Agency reported", "the Kazakh Trade Minister said"
    re.compile(
        rf"(?P<src>(?:\b[Tt]he\s+)?(?:[A-Z][\w’'-]*\s+(?:and\s+|[–—-]\s+)?){{0,5}}"
        rf"(?:[a-z]+\s+){{0,2}}?(?i:{_SOURCE_WORDS}|{_SPEAKER_WORDS}){_OF}"
        rf"(?:\s+[A-Z][\w’'-]+){{0,3}})"
        rf"\s*,?\s+(?i:{_VERBS})\b"
    ),
    # "..., Geostat reported."
    re.compile(rf",\s+(?P<src>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?i:{_VERBS})\b"),
]  # fmt: skip


def find_attribution(text: str) -> tuple[str, int, int] | None:
    """The source a sentence cites, as (phrase, start, end) within `text`, if it cites one."""
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match is not None:
            source = match.group("src").strip()
            if len(source.split()) >= 1 and not re.fullmatch(r"(?i:him|her|them|it)", source):
                start = match.start("src")
                return source, start, start + len(source)
    return None
