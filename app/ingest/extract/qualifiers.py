"""Hedge words before a figure: "nearly $65 million", "more than 19%", "about 1.3 billion"."""

import re

from app.ingest.extract.lexicon import alternation, lexicon
from app.ingest.facts import Qualifier

_PHRASES: dict[Qualifier, list[str]] = lexicon("hedges")
_LOOKUP = {phrase: q for q, phrases in _PHRASES.items() for phrase in phrases}
_ALTERNATION = alternation(list(_LOOKUP))
# The search finds the leftmost phrase ending at the figure, so the longest wins:
# "no more than" before "more than", "not less than" before "less than".
_BEFORE = re.compile(
    rf"(?<![\w-])(?P<phrase>{_ALTERNATION})\s*(?:the\s+(?:mark|level|threshold)\s+of\s+)?$",
    re.I,
)
_VERB_THE = re.compile(r"(?<![\w-])(?:exceeded|surpassed|topped|passed|crossed)\s+the\s+$", re.I)


def qualifier_before(text: str, position: int) -> Qualifier:
    """The hedge written right before `position` (where a figure starts), else exact."""
    window = text[max(0, position - 40) : position]
    if _VERB_THE.search(window):
        return "at_least"
    match = _BEFORE.search(window)
    if match is None:
        return "exact"
    return _LOOKUP[re.sub(r"\s+", " ", match.group("phrase").lower())]
