"""The fixture loader: checked fact files go into the database in one transaction, or not at all."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.ingest.bundle import FactBundle, read_bundle
from app.ingest.load_lock import WAIT, Turn, take_load_lock
from app.ingest.problems import FixtureError
from app.ingest.reference_sync import sync_countries
from app.ingest.resolve import ResolutionError, Resolver
from app.ingest.upsert import upsert
from app.ingest.writers import FactPath, FactWriter
from app.models import Agreement, Document, Event, Position, Target, TurnoverPeriod


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    facts: int = 0
    removed: int = 0
    # Documents that held a fact file's text under another name: what became of each.
    taken_over: list[str] = field(default_factory=list)


def seed_fact_files(seeds_dir: Path) -> list[Path]:
    return sorted((seeds_dir / "facts").glob("*.yaml"))


def read_bundles(paths: Sequence[Path]) -> list[FactBundle]:
    """Parse and check every file before the database is touched."""
    bundles = [read_bundle(path) for path in paths]
    seen: dict[str, Path] = {}
    texts: dict[str, Path] = {}
    for bundle in bundles:
        slug = bundle.facts.document.slug
        if slug in seen:
            raise FixtureError(
                bundle.facts_path, f"document slug {slug!r} also used by {seen[slug]}"
            )
        if bundle.sha256 in texts:
            raise FixtureError(
                bundle.facts_path, f"the same text is the document of {texts[bundle.sha256]}"
            )
        seen[slug] = bundle.facts_path
        texts[bundle.sha256] = bundle.facts_path
    return bundles


async def load_fact_files(
    sessionmaker: async_sessionmaker[AsyncSession],
    paths: Sequence[Path],
    progress: Callable[[str], None] | None = None,
    turn: Turn = WAIT,
) -> LoadReport:
    """progress, if given, is called with each file's document slug once it is written;
    turn says whether to wait while another load runs."""
    bundles = read_bundles(paths)
    async with sessionmaker() as session, session.begin():
        return await load_bundles(session, bundles, progress, turn)


async def load_bundles(
    session: AsyncSession,
    bundles: Sequence[FactBundle],
    progress: Callable[[str], None] | None = None,
    turn: Turn = WAIT,
) -> LoadReport:
    """Write the bundles in the caller's transaction; raise FixtureError on the first problem
    (and LoadBusy if another load runs and turn says not to wait)."""
    slugs = ", ".join(b.facts.document.slug for b in bundles)
    await take_load_lock(session, f"the load of {slugs}", turn)
    await sync_countries(session)
    resolver = Resolver(session)
    report = LoadReport()
    for bundle in bundles:
        await _load_bundle(session, resolver, bundle, report)
        if progress is not None:
            progress(bundle.facts.document.slug)
    return report


async def _load_bundle(
    session: AsyncSession, resolver: Resolver, bundle: FactBundle, report: LoadReport
) -> None:
    meta = bundle.facts.document
    await _take_over_same_text(session, bundle, report)
    current = (
        await session.execute(select(Document.content_sha256).where(Document.slug == meta.slug))
    ).all()
    if current and current[0].content_sha256 == bundle.content_sha256:
        report.unchanged.append(meta.slug)
        return

    document_id = await upsert(
        session,
        Document,
        {
            **meta.model_dump(),
            "text": bundle.text,
            "sha256": bundle.sha256,
            "content_sha256": bundle.content_sha256,
        },
        key=("slug",),
        touch={"updated_at": func.now()},
    )
    writer = FactWriter(session, resolver, bundle, document_id)
    path: FactPath = ("document",)
    try:
        facts = bundle.facts
        for index, place in enumerate(facts.places):
            path = ("places", index)
            await writer.place(path, place)
        for index, person in enumerate(facts.people):
            path = ("people", index)
            await writer.person(path, person)
        events: dict[str, int] = {}
        for index, event in enumerate(facts.events):
            path = ("events", index)
            if event.key in events:
                raise ResolutionError(f"event key {event.key!r} is used twice")
            events[event.key] = await writer.event(path, event)
        turnover: list[int] = []
        for index, figure in enumerate(facts.turnover):
            path = ("turnover", index)
            _add_once(turnover, await writer.turnover(path, figure))
        targets: list[int] = []
        for index, target in enumerate(facts.targets):
            path = ("targets", index)
            _add_once(targets, await writer.target(path, target))
        agreements: list[int] = []
        for index, agreement in enumerate(facts.agreements):
            path = ("agreements", index)
            _add_once(agreements, await writer.agreement(path, agreement, events))
        path = ("document",)
        report.removed += await writer.drop_stale(Agreement, agreements)
        report.removed += await writer.drop_stale(Event, events.values())
        report.removed += await writer.drop_stale(TurnoverPeriod, turnover)
        report.removed += await writer.drop_stale(Target, targets)
    except ResolutionError as exc:
        raise bundle.error(path, str(exc)) from exc
    except DBAPIError as exc:
        raise bundle.error(path, f"the database refused it: {exc.orig}") from exc
    report.loaded.append(meta.slug)
    report.facts += len(turnover) + len(targets) + len(agreements) + len(events)


async def _take_over_same_text(
    session: AsyncSession, bundle: FactBundle, report: LoadReport
) -> None:
    """A fact file is curated: where its text is loaded under another name (an upload), the
    facts drafted from it give way. That document becomes the fact file's, keeping its id;
    or, if the fact file's document is loaded already, it is removed. The drafted figures'
    last versions stay in their history."""
    slug = bundle.facts.document.slug
    other = (
        await session.execute(
            select(Document.id, Document.slug).where(
                Document.sha256 == bundle.sha256, Document.slug != slug
            )
        )
    ).first()
    if other is None:
        return
    own = await session.scalar(select(Document.id).where(Document.slug == slug))
    if own is not None:
        await session.execute(delete(Document).where(Document.id == other.id))
        report.taken_over.append(
            f"removed document {other.slug!r} (id {other.id}), which held the text of {slug!r}"
        )
        return
    for model in (Agreement, Event, TurnoverPeriod, Target, Position):
        await session.execute(delete(model).where(model.document_id == other.id))
    await session.execute(update(Document).where(Document.id == other.id).values(slug=slug))
    report.taken_over.append(
        f"took over document {other.slug!r} (id {other.id}) as {slug!r}:"
        " its drafted facts replaced by the curated ones"
    )


def _add_once(written: list[int], row_id: int) -> None:
    if row_id in written:
        raise ResolutionError("states the same thing as an earlier fact of this file (same key)")
    written.append(row_id)
