"""Small releases of our own words, one sentence per figure, loaded as a fact file is."""

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from app.documents.deletion import carry_out_pending, request_deletion
from app.ingest.bundle import read_bundle
from app.ingest.loader import load_bundles
from app.models import Document


@dataclass(frozen=True)
class Stated:
    """One figure and the sentence of the release that states it (its quote)."""

    sentence: str
    reporter: str
    partner: str
    flow: str
    year: int
    value_usd: int
    growth_pct: int | None = None


def fact_file(slug: str, figures: list[Stated], published_on: str) -> str:
    lines = [
        "document:",
        f"  slug: {slug}",
        f"  title: {slug}",
        "  kind: article",
        f"  published_on: {published_on}",
        "turnover:",
    ]
    for figure in figures:
        lines += [
            f"  - reporter: {figure.reporter}",
            f"    partner: {figure.partner}",
            f"    flow: {figure.flow}",
            f"    period: {{start: {figure.year}-01-01, end: {figure.year}-12-31,"
            f' label: "{figure.year}"}}',
            f"    value_usd: {figure.value_usd}",
            "    value_qualifier: exact",
            f"    quote: {json.dumps(figure.sentence)}",
        ]
        if figure.growth_pct is not None:
            lines += [f"    growth_pct: {figure.growth_pct}", "    growth_qualifier: exact"]
    return "\n".join(lines) + "\n"


async def load_release(
    sessionmaker: async_sessionmaker[AsyncSession],
    directory: Path,
    slug: str,
    figures: list[Stated],
    more_text: str = "",
    published_on: str = "2025-02-01",
) -> int:
    """Load the release (its text: the sentences, then more_text); return its document id."""
    folder = directory / slug
    (folder / "facts").mkdir(parents=True)
    (folder / "documents").mkdir()
    body = " ".join(figure.sentence for figure in figures) + more_text + "\n"
    (folder / "documents" / f"{slug}.txt").write_text(body, encoding="utf-8")
    path = folder / "facts" / f"{slug}.yaml"
    path.write_text(fact_file(slug, figures, published_on), encoding="utf-8")
    async with sessionmaker() as session, session.begin():
        await load_bundles(session, [read_bundle(path)])
        document_id = await session.scalar(select(Document.id).where(Document.slug == slug))
    assert document_id is not None
    return document_id


async def delete_document(sessionmaker: async_sessionmaker[AsyncSession], document_id: int) -> None:
    """As DELETE /documents/{id} and the deletion worker do it."""
    async with sessionmaker() as session, session.begin():
        assert await request_deletion(session, document_id) is not None
    assert await carry_out_pending(sessionmaker) == [document_id]


# Every column of a derived row but when its version began.
COMPARED = (
    "key_id, id, reporter_code, partner_code, flow, period_start, period_end, period_label,"
    " period_inferred, period_kind, value_usd, value_qualifier, amount, currency, growth_pct,"
    " growth_qualifier, attribution, document_id, quote, char_start, char_end, review, basis,"
    " method, input_value_usd, input_value_qualifier, input_growth_qualifier,"
    " input_growth_pct, input_period_label, input_other_id, input_other_value_usd,"
    " input_other_value_qualifier"
)


async def stale_derived_rows(connection: AsyncConnection) -> list[tuple[str, int]]:
    """Rows of derived_figures that a recompute from scratch (the backfill's SQL) would not
    write, and rows it would write that are missing: ("stale" | "missing", key_id)."""
    result = await connection.execute(
        text(
            f"""
            (SELECT 'stale', key_id FROM (SELECT {COMPARED} FROM derived_figures
                EXCEPT SELECT {COMPARED} FROM derived_figures_expected(NULL, NULL)) AS kept)
            UNION ALL
            (SELECT 'missing', key_id FROM (
                SELECT {COMPARED} FROM derived_figures_expected(NULL, NULL)
                EXCEPT SELECT {COMPARED} FROM derived_figures) AS wanted)
            ORDER BY 1, 2
            """
        )
    )
    return [(str(row[0]), int(row[1])) for row in result]
