"""Ingest a raw release: extract its cited facts and load them like a fact file."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ingest.bundle import FactBundle, bundle_of
from app.ingest.extract import extract_facts
from app.ingest.load_lock import Turn
from app.ingest.loader import LoadReport, load_bundles
from app.models import Document


@dataclass(frozen=True)
class Ingested:
    document_id: int
    created: bool
    report: LoadReport | None


def slug_for(title: str, sha256: str) -> str:
    """'Kazakh-Kyrgyz trade grows' + hash -> 'kazakh-kyrgyz-trade-grows-1a2b3c4d'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")
    return f"{words}-{sha256[:8]}" if words else f"document-{sha256[:12]}"


def draft_bundle(
    text: str,
    *,
    origin: Path,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published_on: date | None = None,
) -> FactBundle:
    """The extracted facts of a text, checked against it like a fact file."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    facts = extract_facts(
        text,
        slug=slug_for(title or text[:80], sha),
        title=title,
        url=url,
        published_on=published_on,
        publisher=publisher,
    )
    return bundle_of(facts, text, origin, review="extracted")


async def ingest(session: AsyncSession, bundle: FactBundle, turn: Turn) -> Ingested:
    """Load a drafted bundle in the caller's transaction; the same text twice loads once.
    turn says whether to wait while another load runs."""
    existing = await session.scalar(select(Document.id).where(Document.sha256 == bundle.sha256))
    if existing is not None:
        return Ingested(existing, created=False, report=None)
    report = await load_bundles(session, [bundle], turn=turn)
    document_id = await session.scalar(
        select(Document.id).where(Document.slug == bundle.facts.document.slug)
    )
    assert document_id is not None
    return Ingested(document_id, created=True, report=report)
