"""Small named rules about one sentence that may report signed documents; their words are in
lexicon/agreements.yaml."""

import re
from typing import Any

from app.ingest.extract.amounts import Money
from app.ingest.extract.lexicon import lexicon
from app.ingest.extract.lexicon.fragments import whole_words
from app.ingest.extract.topics import classify
from app.ingest.facts import AgreementKind

_WORDS: dict[str, Any] = lexicon("agreements")


def _words(*names: str) -> re.Pattern[str]:
    return re.compile(whole_words([p for name in names for p in _WORDS[name]]), re.I)


NOUNS: list[tuple[str, AgreementKind]] = [
    (whole_words(words), kind) for kind, words in _WORDS["nouns"].items()
]
NOUN = re.compile("|".join(rf"(?P<n{i}>{words})" for i, (words, _) in enumerate(NOUNS)), re.I)
_SIGNING = _words("signing_verbs", "document_verbs", "signing_events")
_DOCUMENT_VERB = _words("document_verbs")
_REACHED_VERB = _words("reached")
_REACHED = re.compile(rf"(?:{NOUN.pattern})\s+(?P<verb>{_REACHED_VERB.pattern})", re.I)
_NOT_SIGNED = _words("not_signed")
_STOCK = _words("stock")
_ELABORATION = _words("elaboration")
_VAGUE = re.compile(rf"{whole_words(_WORDS['vague_quantity'])}\s+(?:[\w-]+\s+){{0,2}}$", re.I)
# "worth $2 billion", "worth more than $2 billion", "totalling about $2 billion"
_VALUE_LINK = re.compile(rf"{whole_words(_WORDS['value_links'])}\s+(?:[a-z]+\s+){{0,2}}$", re.I)
_PAIR_WORDS = _words("pair_words")
_RELATIVE = re.compile(r",\s+(?:which|that|who|whereas|while)\b")
_DEFINITE = re.compile(r"(?i:\b(?:the|these|those|this|such)\s+(?:[a-z-]+\s+)?$)")
# "the agreement on free trade", "the memorandum between the ministries" names a document.
_NAMING = re.compile(r"(?i:\s+(?:on|of|between|for|to|with|regarding|concerning|about)\b)")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s+")


def noun_kind(noun: re.Match[str]) -> AgreementKind:
    return NOUNS[int(str(noun.lastgroup)[1:])][1]


def signing_verb(text: str) -> re.Match[str] | None:
    """The verb that reports a signing: "signed", "inked", "ended with the signing of", or
    "concluded"/"adopted" with a document as object or subject."""
    for verb in _SIGNING.finditer(text):
        if not _DOCUMENT_VERB.fullmatch(verb.group(0)) or _governs_a_document(text, verb):
            return verb
    return None


def _governs_a_document(text: str, verb: re.Match[str]) -> bool:
    """ "concluded 12 contracts", "contracts were concluded"; not "the forum concluded that"."""
    if re.search(r"(?i:\b(?:were|was|been|be)\s+)$", text[: verb.start()]):
        return True
    after = re.match(rf"\s+(?!that\b)(?:[\w-]+\s+){{0,4}}?(?:{NOUN.pattern})", text[verb.end() :])
    return after is not None


def reached_agreements(text: str) -> re.Match[str] | None:
    """ "agreements were reached on projects worth $800 million": the verb, which reports a
    signing only when the documents are counted or valued."""
    match = _REACHED.search(text)
    return _REACHED_VERB.search(text, match.start("verb")) if match else None


def not_signed(text: str) -> bool:
    """Documents to be signed, being prepared or drafted: a plan, not a signing."""
    return _NOT_SIGNED.search(text) is not None


def is_stock(text: str) -> bool:
    """A stock built over the years ("relations rest on 114 documents"), not a signing."""
    return _STOCK.search(text) is not None


def is_elaboration(text: str) -> bool:
    """Names some of the documents already reported: "Among the documents signed are ..."."""
    return _ELABORATION.search(text) is not None


def names_the_pair(text: str) -> bool:
    """ "The sides signed", "the two countries signed": the parties are the document's pair."""
    return _PAIR_WORDS.search(text) is not None


def is_vague(text: str, noun_start: int) -> bool:
    """ "several agreements", "a number of deals": a quantity with no number."""
    return _VAGUE.search(text[max(0, noun_start - 60) : noun_start]) is not None


def refers_back(text: str, noun: re.Match[str]) -> bool:
    """ "The documents were signed at the forum": a definite noun that no complement names
    refers to documents reported before."""
    definite = _DEFINITE.search(text[max(0, noun.start() - 40) : noun.start()])
    return definite is not None and not _NAMING.match(text[noun.end() :])


def item_start(text: str) -> int | None:
    """Where the document of a list item starts: after its mark ("- ", "• ", "2. "), or at
    the start of an unmarked line that names a document ("Memorandum on ...")."""
    mark = _BULLET.match(text)
    if mark is not None:
        return mark.end()
    named = re.match(rf"(?:(?:the|a|an)\s+)?(?:[A-Z][\w-]*\s+){{0,2}}?(?i:{NOUN.pattern})", text)
    return 0 if named is not None and text[:1].isupper() else None


def introduces_list(text: str) -> bool:
    """ "The parties signed the following documents:": the items that follow are the documents."""
    return text.rstrip().endswith(":")


def object_nouns(text: str, verb: re.Match[str]) -> list[re.Match[str]]:
    """The document nouns the signing speaks of, leaving out those of a relative clause after
    its object ("signed a joint statement, which consolidates the main agreements")."""
    relative = _RELATIVE.search(text, verb.end())
    end = relative.start() if relative else len(text)
    return [m for m in NOUN.finditer(text) if m.start() < end]


def package_amounts(text: str, amounts: list[Money]) -> list[Money]:
    """Dollar amounts that value the documents: "contracts worth $1.2 billion", "deals in
    the area of trade and investment worth $2 billion"."""
    return [
        money for money in amounts if money.currency == "USD" and _values_documents(text, money)
    ]


def _values_documents(text: str, money: Money) -> bool:
    if classify(text, money).category == "agreement":
        return True
    linked = _VALUE_LINK.search(text[: money.start]) is not None
    return linked and any(m.end() <= money.start for m in NOUN.finditer(text))
