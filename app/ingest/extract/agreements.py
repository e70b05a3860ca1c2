"""Signed documents: packages of contracts with a value, memoranda, protocols, roadmaps."""

import re
from dataclasses import dataclass

from app.ingest.extract.agreement_resolution import AgreementDraft, resolve_agreements
from app.ingest.extract.agreement_rules import (
    NOUN,
    introduces_list,
    is_elaboration,
    is_stock,
    is_vague,
    item_start,
    names_the_pair,
    not_signed,
    noun_kind,
    object_nouns,
    package_amounts,
    reached_agreements,
    refers_back,
    signing_verb,
)
from app.ingest.extract.context import DocumentContext, SentenceInfo
from app.ingest.extract.countries import distinct, find_countries
from app.ingest.extract.keys import KeyMaker, slugify, word_set
from app.ingest.extract.numbers import WORD_NUMBERS, parse_count
from app.ingest.extract.signatories import Person, people_registry, signatories
from app.ingest.facts import AgreementFact, AgreementKind, PartyFact, PersonFact, SignatoryFact

_WORD = "|".join(sorted(set(WORD_NUMBERS) - {"zero"}, key=len, reverse=True))
# "25", "fifteen", "twenty-five"
_COUNT_WORDS = rf"\d{{1,3}}(?!\d)|(?:{_WORD})(?:-(?:{_WORD}))?"
# "25 documents", "40 commercial agreements": adjectives may stand between, verbs may not.
_BETWEEN = (
    r"(?!(?:signed|inked|a|an|the|of|were|was|have|has|countries|states|sides)\b)"
    r"(?:and\s+(?!(?:a|an|the)\b))?[a-z-]+"
)
_COUNT = re.compile(
    rf"(?i:(?<![\d-])\b(?P<n>{_COUNT_WORDS})\s+(?:{_BETWEEN}\s+){{0,2}}?(?={NOUN.pattern}))"
)
_TITLE_END = re.compile(
    r",|;|\.(?:\s|$)|\s(?:worth|totaling|totalling|valued|amounting|during|at\s+the|in\s+the"
    r"\s+presence|with\s+a\s+total|were|was|have\s+been|has\s+been|for\s+a\s+total|and\s+(?:a|an"
    r"|the)\s|following|within|on\s+the\s+sidelines|by\s+[A-Z]|and\s+(?:agreed|decided|discussed"
    r"|noted|confirmed|signed|also|reached|expressed|exchanged|instructed|stressed)"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{1,2}\s|[A-Z][a-z]+\.?"
    r"\s+\d))\b"
)
# "an agreement", "a new intergovernmental agreement": one document, named on its own.
_INDEFINITE = re.compile(r"(?i:\b(?:a|an)\s+(?:[a-z-]+\s+){0,2}$)")


@dataclass(frozen=True)
class _Signing:
    """Who signed in a sentence, kept for the list of documents it introduces."""

    parties: list[PartyFact]
    signers: list[SignatoryFact]
    people: list[PersonFact]


@dataclass
class _List:
    """A list of signed documents being read, and what its introduction says on its own."""

    signing: _Signing
    introduction: list[AgreementDraft]
    items: int = 0


def extract_agreements(ctx: DocumentContext, keys: KeyMaker) -> list[AgreementDraft]:
    """Signed documents of the document, each once."""
    registry = people_registry(ctx)
    drafts: list[AgreementDraft] = []
    listing: _List | None = None
    for info in ctx.sentences:
        start = item_start(info.text) if listing is not None else None
        if listing is not None and start is not None:
            drafts.append(_listed(info, start, listing.signing, keys))
            listing.items += 1
            continue
        drafts.extend(_unlisted(listing))
        found, listing = _signed_in(ctx, info, keys, registry)
        drafts.extend(found)
    drafts.extend(_unlisted(listing))
    return resolve_agreements(drafts)


def _unlisted(listing: _List | None) -> list[AgreementDraft]:
    """A colon followed by no list: what the introduction itself reports."""
    return listing.introduction if listing is not None and not listing.items else []


def _signed_in(
    ctx: DocumentContext, info: SentenceInfo, keys: KeyMaker, registry: dict[str, Person]
) -> tuple[list[AgreementDraft], _List | None]:
    """The documents a sentence reports signed, or the list of them it introduces."""
    text = info.text
    if not_signed(text) or is_stock(text):
        return [], None
    verb = signing_verb(text)
    reached = verb is None
    verb = verb or reached_agreements(text)
    if verb is None:
        return [], None
    signers, persons = signatories(ctx, info, verb, registry)
    signing = _Signing(_parties(ctx, info, signers), signers, persons)
    drafts = _from_sentence(info, verb, keys, signing)
    if reached:
        # An agreement reached with no count or value is an understanding, not documents.
        drafts = [d for d in drafts if d.fact.value_usd or d.fact.document_count]
    if introduces_list(text):
        return [], _List(signing, drafts)
    return drafts, None


def _listed(info: SentenceInfo, start: int, signing: _Signing, keys: KeyMaker) -> AgreementDraft:
    """One item of a list of signed documents: "- A Memorandum of Understanding on ...;"."""
    noun = NOUN.search(info.text, start)
    kind = noun_kind(noun) if noun else "other"
    title = re.sub(r"^(?:the|a|an)\s+", "", info.text[start:].strip(" ;.,"), flags=re.I)
    title = (title[:1].upper() + title[1:])[:200].rstrip()
    fact = AgreementFact(
        key=keys.make(f"{kind}-" + slugify(title, max_words=6)),
        kind=kind,
        title=title,
        quote=info.text,
        parties=signing.parties,
        signatories=signing.signers,
    )
    return AgreementDraft(fact, signing.people, info.sentence.index)


Noun = tuple[re.Match[str], AgreementKind]


def _from_sentence(
    info: SentenceInfo, verb: re.Match[str], keys: KeyMaker, signing: _Signing
) -> list[AgreementDraft]:
    """Valued packages when the sentence gives a value; else counted or named documents."""
    nouns = [(m, noun_kind(m)) for m in object_nouns(info.text, verb)]
    # "The forum concluded ..." signs nothing: a document must be named near the verb.
    if not any(
        abs(m.start() - verb.end()) < 80 or abs(verb.start() - m.end()) < 80 for m, _ in nouns
    ):
        return []
    return _packages(info, verb, nouns, keys, signing) or _documents(
        info, verb, nouns, keys, signing
    )


def _packages(
    info: SentenceInfo, verb: re.Match[str], nouns: list[Noun], keys: KeyMaker, signing: _Signing
) -> list[AgreementDraft]:
    """ "25 documents worth $1.2 billion": one agreement per dollar amount that values them."""
    text = info.text
    drafts: list[AgreementDraft] = []
    for money in package_amounts(text, info.amounts):
        before = [n for n, _ in nouns if n.end() <= money.start] or [nouns[0][0]]
        title = _title(text, before[-1], verb, with_subject=True)
        fact = AgreementFact(
            key=keys.make("commercial-contracts-" + slugify(title, max_words=4)),
            kind="commercial_contracts",
            title=title,
            value_usd=money.value,
            value_qualifier=money.qualifier,
            document_count=_count(text, before[-1].start()),
            quote=text,
            parties=signing.parties,
            signatories=signing.signers,
        )
        drafts.append(AgreementDraft(fact, signing.people, info.sentence.index))
    return drafts


def _documents(
    info: SentenceInfo, verb: re.Match[str], nouns: list[Noun], keys: KeyMaker, signing: _Signing
) -> list[AgreementDraft]:
    """The counted documents ("12 agreements"), else one per kind named."""
    text = info.text
    elaborates = is_elaboration(text)
    counted = [(n, kind) for n, kind in nouns if _count(text, n.start()) is not None]
    drafts: list[AgreementDraft] = []
    for noun, kind in counted[:1] or _distinct_nouns(text, nouns):
        title = _title(text, noun, verb, with_subject=False)
        count = _count(text, noun.start())
        fact = AgreementFact(
            key=keys.make(f"{kind}-" + slugify(title, max_words=6)),
            kind=kind,
            title=title,
            document_count=count,
            quote=text,
            parties=signing.parties,
            signatories=signing.signers,
        )
        unnamed = count is None and _unnamed(text, noun)
        lists_examples = elaborates and count is None
        drafts.append(
            AgreementDraft(fact, signing.people, info.sentence.index, unnamed, lists_examples)
        )
    return drafts


def _unnamed(text: str, noun: re.Match[str]) -> bool:
    """Documents the sentence neither counts nor names: "several agreements", or a reference
    back to documents named before ("the documents were signed at the forum")."""
    if is_vague(text, noun.start()):
        return True
    return refers_back(text, noun)


def _distinct_nouns(text: str, nouns: list[Noun]) -> list[Noun]:
    """One document per named kind, and one per document each brought in by "a"/"an" ("an
    agreement on transit and an agreement on customs"); a generic "documents" only when
    nothing specific is named."""
    specific = [(n, k) for n, k in nouns if not re.fullmatch(r"(?i)documents?", n.group(0))]
    chosen = specific or nouns[:1]
    seen: set[str] = set()
    result: list[Noun] = []
    for noun, kind in chosen:
        marker = noun.group(0).lower().rstrip("s")
        if _INDEFINITE.search(text[max(0, noun.start() - 40) : noun.start()]):
            marker += f"@{noun.start()}"
        if marker not in seen:
            seen.add(marker)
            result.append((noun, kind))
    return result


def _count(text: str, noun_start: int) -> int | None:
    match = _count_match(text, noun_start)
    if match is None:
        return None
    parts = [parse_count(part) for part in match.group("n").split("-")]
    count = sum(p for p in parts if p is not None) if None not in parts else None
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


def _parties(
    ctx: DocumentContext, info: SentenceInfo, signers: list[SignatoryFact]
) -> list[PartyFact]:
    """The signers' countries; else the two countries the sentence names; else the document's
    pair when the sentence speaks of "the sides" or "the two countries"."""
    codes = list(dict.fromkeys(s.country for s in signers))
    if not codes:
        named = distinct(find_countries(info.text))
        codes = named if len(named) == 2 else []
    if not codes and ctx.pair and names_the_pair(info.text):
        codes = list(ctx.pair)
    return [PartyFact(country=code) for code in codes]
