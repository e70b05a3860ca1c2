"""The draft fact file of a document: everything the extractors find, in the schema's shape."""

from datetime import date

from app.ingest.extract.agreements import extract_agreements
from app.ingest.extract.context import build_context
from app.ingest.extract.duplicates import unique_figures
from app.ingest.extract.events import extract_events
from app.ingest.extract.keys import KeyMaker
from app.ingest.extract.places import find_places
from app.ingest.extract.sentences import split_sentences
from app.ingest.extract.targets import extract_targets
from app.ingest.extract.turnover import extract_turnover
from app.ingest.facts import DocumentMeta, FactFile, PersonFact

TITLE_LENGTH = 160


def extract_facts(
    text: str,
    *,
    slug: str,
    title: str | None = None,
    url: str | None = None,
    published_on: date | None = None,
    publisher: str | None = None,
) -> FactFile:
    """Draft facts of `text`: every quote is a sentence of it, verbatim."""
    title = ((title or "").strip() or fallback_title(text) or slug)[:2000]
    ctx = build_context(text, title, published_on)
    keys = KeyMaker()
    turnover = unique_figures(extract_turnover(ctx))
    latest = max((f.period.end.year for f in turnover), default=None)
    places = find_places(ctx)
    events = extract_events(ctx, keys, latest, {p.name for p in places})
    agreements = extract_agreements(ctx, keys)
    at_event = {draft.sentence: draft.fact.key for draft in events}
    people = [p for d in events for p in d.people] + [p for d in agreements for p in d.people]
    return FactFile(
        document=DocumentMeta(
            slug=slug, title=title, publisher=publisher, url=url, published_on=published_on
        ),
        places=places,
        people=_people(people),
        events=[draft.fact for draft in events],
        turnover=turnover,
        targets=extract_targets(ctx, keys),
        agreements=[
            draft.fact.model_copy(update={"event": at_event.get(draft.sentence)})
            for draft in agreements
        ],
    )


def fallback_title(text: str) -> str:
    """The first sentence, cut at a word boundary when it is long."""
    sentences = split_sentences(text)
    if not sentences:
        return ""
    first = " ".join(sentences[0].text.split())
    if len(first) <= TITLE_LENGTH:
        return first.rstrip(".")
    clause = first[:TITLE_LENGTH].rsplit(",", 1)[0]
    if len(clause) >= TITLE_LENGTH // 3:
        return clause
    return first[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:–- ") + "…"


def _people(people: list[PersonFact]) -> list[PersonFact]:
    """People once each, their positions merged."""
    merged: dict[str, PersonFact] = {}
    for person in people:
        known = merged.get(person.key)
        if known is None:
            merged[person.key] = person
            continue
        positions = known.positions + [p for p in person.positions if p not in known.positions]
        merged[person.key] = known.model_copy(update={"positions": positions})
    return list(merged.values())
