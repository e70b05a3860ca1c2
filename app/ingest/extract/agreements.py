"""Signed documents: packages of contracts with a value, memoranda, protocols, roadmaps."""

import re
from dataclasses import dataclass

from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.countries import distinct, find_countries
from app.ingest.extract.keys import KeyMaker, slugify, word_set
from app.ingest.extract.numbers import parse_count
from app.ingest.extract.signatories import Person, people_registry, signatories
from app.ingest.extract.topics import classify
from app.ingest.facts import AgreementFact, AgreementKind, PartyFact, PersonFact, SignatoryFact

# "signed", or an event that "ended with the signing of" documents.
_SIGNED = re.compile(
    r"(?i:\b(?:signed|inked|concluded|sealed)\b|\b(?:ended|concluded|culminated|saw|resulted\s+in"
    r"|was\s+marked\s+by|were\s+marked\s+by)\s+(?:with\s+)?the\s+signing\s+of\b)"
)
_NOT_YET = re.compile(
    r"(?i:\b(?:will|would|shall|to|expected\s+to|going\s+to|planned\s+to|set\s+to|due\s+to"
    r"|could|should|may|might)\s+be\s+(?:signed|inked|concluded)|\bnot\s+(?:yet\s+)?(?:been\s+)?"
    r"signed|\bbe\s+signed)"
)
_NOUNS: list[tuple[str, AgreementKind]] = [
    (r"memorand(?:um|ums|a)|MoUs?", "memorandum"),
    (r"protocols?", "protocol"),
    (r"road\s?maps?", "roadmap"),
    (r"(?:commercial|export|import|supply|trade)\s+(?:contracts?|agreements?|deals?|documents?)"
     r"|contracts?|deals?", "commercial_contracts"),
    (r"agreements?|treaty|treaties|accords?|documents?|conventions?", "agreement"),
    (r"declarations?|joint\s+statements?|communiqu[ée]s?|(?:action\s+)?plans?\s+of\s+(?:action"
     r"|consultations|cooperation|joint\s+actions?)|action\s+plans?|programmes?\s+of\s+cooperation"
     r"|cooperation\s+programmes?", "other"),
]  # fmt: skip
_NOUN = re.compile(
    "|".join(rf"(?P<n{i}>\b(?:{words})\b)" for i, (words, _) in enumerate(_NOUNS)), re.I
)
_COUNT_WORDS = (
    r"\d{1,3}(?!\d)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty"
)
# "25 documents", "40 commercial agreements": adjectives may stand between, verbs may not.
_BETWEEN = (
    r"(?!(?:signed|inked|a|an|the|of|were|was|have|has|countries|states|sides)\b)"
    r"(?:and\s+(?!(?:a|an|the)\b))?[a-z-]+"
)
_COUNT = re.compile(
    rf"(?i:(?<![\d-])\b(?P<n>{_COUNT_WORDS})\s+(?:{_BETWEEN}\s+){{0,2}}?(?={_NOUN.pattern}))"
)
_TITLE_END = re.compile(
    r",|;|\.(?:\s|$)|\s(?:worth|totaling|totalling|valued|amounting|during|at\s+the|in\s+the"
    r"\s+presence|with\s+a\s+total|were|was|have\s+been|has\s+been|for\s+a\s+total|and\s+(?:a|an"
    r"|the)\s|following|within|on\s+the\s+sidelines|by\s+[A-Z]|and\s+(?:agreed|decided|discussed"
    r"|noted|confirmed|signed|also|reached|expressed|exchanged|instructed|stressed)"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{1,2}\s|[A-Z][a-z]+\.?"
    r"\s+\d))\b"
)


@dataclass(frozen=True)
class AgreementDraft:
    fact: AgreementFact
    people: list[PersonFact]
    sentence: int


def extract_agreements(ctx: DocumentContext, keys: KeyMaker) -> list[AgreementDraft]:
    drafts: list[AgreementDraft] = []
    registry = people_registry(ctx)
    for info in ctx.sentences:
        verb = _SIGNED.search(info.text)
        if verb is None or _NOT_YET.search(info.text) or not _concluded_a_document(info.text, verb):
            continue
        drafts.extend(_from_sentence(ctx, info, verb, keys, registry))
    return drafts


def _concluded_a_document(text: str, verb: re.Match[str]) -> bool:
    """ "Concluded" signs only when a document is its object ("concluded 12 contracts") or its
    subject ("contracts ... were concluded"), not in "the forum concluded that ..."."""
    if verb.group(0).lower() != "concluded":
        return True
    if re.search(r"(?i:\b(?:were|was|been|be)\s+)$", text[: verb.start()]):
        return True
    after = re.match(rf"\s+(?!that\b)(?:[\w-]+\s+){{0,4}}?(?:{_NOUN.pattern})", text[verb.end() :])
    return after is not None


def _from_sentence(
    ctx: DocumentContext,
    info: SentenceInfo,
    verb: re.Match[str],
    keys: KeyMaker,
    registry: dict[str, Person],
) -> list[AgreementDraft]:
    text = info.text
    signers, persons = signatories(ctx, info, verb, registry)
    parties = _parties(info, signers)
    nouns = [(m, _NOUNS[int(str(m.lastgroup)[1:])][1]) for m in _NOUN.finditer(text)]
    # "The forum concluded ..." signs nothing: a document must be named near the verb.
    if not any(
        abs(m.start() - verb.end()) < 80 or abs(verb.start() - m.end()) < 80 for m, _ in nouns
    ):
        return []
    drafts: list[AgreementDraft] = []
    packages = [m for m in info.amounts if classify(text, m).category == "agreement"]
    for money in packages:
        if money.currency != "USD":
            continue
        before = [n for n, _ in nouns if n.end() <= money.start] or [nouns[0][0]]
        count = _count(text, before[-1].start())
        title = _title(text, before[-1], verb, with_subject=True)
        fact = AgreementFact(
            key=keys.make("commercial-contracts-" + slugify(title, max_words=4)),
            kind="commercial_contracts",
            title=title,
            value_usd=money.value,
            value_qualifier=money.qualifier,
            document_count=count,
            quote=text,
            parties=parties,
            signatories=signers,
        )
        drafts.append(AgreementDraft(fact, persons, info.sentence.index))
    if drafts:
        return drafts
    counted = [(n, kind) for n, kind in nouns if _count(text, n.start()) is not None]
    chosen = counted[:1] or _distinct_nouns(nouns)
    for noun, kind in chosen:
        title = _title(text, noun, verb, with_subject=False)
        fact = AgreementFact(
            key=keys.make(f"{kind}-" + slugify(title, max_words=6)),
            kind=kind,
            title=title,
            document_count=_count(text, noun.start()),
            quote=text,
            parties=parties,
            signatories=signers,
        )
        drafts.append(AgreementDraft(fact, persons, info.sentence.index))
    return drafts


def _distinct_nouns(
    nouns: list[tuple[re.Match[str], AgreementKind]],
) -> list[tuple[re.Match[str], AgreementKind]]:
    """One document per named kind; a generic "documents" only when nothing specific is named."""
    specific = [(n, k) for n, k in nouns if not re.fullmatch(r"(?i)documents?", n.group(0))]
    chosen = specific or nouns[:1]
    seen: set[str] = set()
    result: list[tuple[re.Match[str], AgreementKind]] = []
    for noun, kind in chosen:
        marker = noun.group(0).lower().rstrip("s")
        if marker not in seen:
            seen.add(marker)
            result.append((noun, kind))
    return result


def _count(text: str, noun_start: int) -> int | None:
    match = _count_match(text, noun_start)
    count = parse_count(match.group("n")) if match else None
    return count if count and count <= 100_000 else None


def _count_match(text: str, noun_start: int) -> re.Match[str] | None:
    """The count written right before a document noun: "signed 25 documents"."""
    offset = max(0, noun_start - 80)
    for match in _COUNT.finditer(text, offset):
        if match.end() == noun_start:
            return match
        if match.start() > noun_start:
            break
    return None


def _title(text: str, noun: re.Match[str], verb: re.Match[str], *, with_subject: bool) -> str:
    """The document's name as written ("protocol of the 11th meeting of ..."), capitalised."""
    start = noun.start()
    package = re.search(
        r"(?i:\b(?:a\s+)?(package|set|total)\s+of\s+(?:\w+\s+){1,2})$", text[:start]
    )
    counted = _count_match(text, start)
    if package is None and counted is not None:
        start = counted.start()
    elif package is not None:
        start = package.start(1)
    else:
        # Take in adjectives written right before the noun ("intergovernmental agreement").
        lead = re.search(r"((?:[A-Za-z][\w-]*\s+){0,2})$", text[max(0, start - 40) : start])
        words = lead.group(1).split() if lead else []
        keep = [w for w in words if w.lower() not in _FUNCTION_WORDS]
        if keep and keep == words[len(words) - len(keep) :]:
            start -= len(" ".join(keep)) + 1
    end_match = _TITLE_END.search(text, noun.end())
    end = end_match.start() if end_match else len(text)
    phrase = re.sub(r"^(?:the|a|an)\s+", "", text[start:end].strip(), flags=re.I)
    signers = _signers_phrase(text, verb) if with_subject else None
    if signers and signers not in phrase:
        phrase = f"{phrase} signed by {signers}"
    return (phrase[:1].upper() + phrase[1:])[:200].rstrip()


def _signers_phrase(text: str, verb: re.Match[str]) -> str | None:
    """Who signed, in the text's words, when it is a short phrase and no pronoun."""
    by = re.match(
        r"\s+by\s+(?P<who>[^,;.]+?)(?=\s(?:on|at|in|during|for)\s|[,;.]|$)", text[verb.end() :]
    )
    if by is not None:
        who = by.group("who")
    elif re.search(r"(?i:\b(?:were|was|been|be)\s+)$", text[: verb.start()]):
        return None  # passive, with no agent: the words before the verb are the documents
    else:
        who = re.split(r"[,;:]\s+", text[: verb.start()])[-1].strip()
    words = who.split()
    if not words or len(words) > 10 or words[0].lower() in _FUNCTION_WORDS | _PRONOUNS:
        return None
    return who


_PRONOUNS = frozenset({"they", "he", "she", "we", "it", "this", "these"})
_FUNCTION_WORDS = word_set(
    """a an the of and or to in on for with by at from signed inked concluded sealed exchanged
    also several number total package packages were was have has been some two three four
    five six seven eight nine ten where which that who when whereby"""
)


def _parties(info: SentenceInfo, signatories: list[SignatoryFact]) -> list[PartyFact]:
    codes = list(dict.fromkeys(s.country for s in signatories))
    if not codes:
        named = distinct(find_countries(info.text))
        codes = named if len(named) == 2 else []
    return [PartyFact(country=code) for code in codes]
