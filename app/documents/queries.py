"""Every SELECT about source documents."""

from typing import Any

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Agreement, Document, Event, Position, Target, TurnoverPeriod
from app.models.base import Evidence
from app.paging.keyset import Listing

FACT_MODELS: dict[str, type[Evidence]] = {
    "turnover": TurnoverPeriod,
    "targets": Target,
    "events": Event,
    "agreements": Agreement,
    "positions": Position,
}


def _count(model: type[Evidence]) -> ScalarSelect[int]:
    return select(func.count()).where(model.document_id == Document.id).scalar_subquery()


COLUMNS = (
    Document.id,
    Document.slug,
    Document.kind,
    Document.title,
    Document.publisher,
    Document.url,
    Document.published_on,
    Document.language,
    Document.sha256,
    Document.loaded_at,
    *(_count(model).label(f"count_{name}") for name, model in FACT_MODELS.items()),
)


def as_item(row: Any) -> dict[str, Any]:
    """Nest the counts under `fact_counts`, as the schema has them."""
    item = {k: v for k, v in row._mapping.items() if not k.startswith("count_")}
    item["fact_counts"] = {name: row._mapping[f"count_{name}"] for name in FACT_MODELS}
    return item


def documents_listing(*, kind: str | None) -> Listing:
    query = select(*COLUMNS)
    if kind is not None:
        query = query.where(Document.kind == kind)
    return Listing(query, (Document.id,), as_item)


SPAN = ("quote", "char_start", "char_end")
FACT_COLUMNS: dict[str, tuple[Any, ...]] = {
    "turnover": (
        TurnoverPeriod.id,
        TurnoverPeriod.flow,
        TurnoverPeriod.reporter_code.label("reporter"),
        TurnoverPeriod.partner_code.label("partner"),
        TurnoverPeriod.period_label,
        TurnoverPeriod.value_usd,
    ),
    "targets": (Target.id, Target.value_usd),
    "events": (Event.id, Event.name),
    "agreements": (Agreement.id, Agreement.kind, Agreement.title),
    "positions": (Position.id, Position.person_id, Position.title),
}


async def _facts(session: AsyncSession, name: str, document_id: int) -> list[dict[str, Any]]:
    model = FACT_MODELS[name]
    columns = FACT_COLUMNS[name]
    query = (
        select(*columns, *(getattr(model, column) for column in SPAN))
        .where(model.document_id == document_id)
        .order_by(model.char_start, columns[0])
    )
    return [dict(row) for row in (await session.execute(query)).mappings()]


async def get_document(session: AsyncSession, document_id: int) -> dict[str, Any] | None:
    query = select(*COLUMNS, Document.text).where(Document.id == document_id)
    row = (await session.execute(query)).first()
    if row is None:
        return None
    facts = {name: await _facts(session, name, document_id) for name in FACT_MODELS}
    return {**as_item(row), "facts": facts}


INT4_MAX = 2**31 - 1


async def excerpt(
    session: AsyncSession, document_id: int, char_start: int, char_end: int, context: int
) -> dict[str, Any] | None:
    """The text from `context` characters before char_start to as many after char_end.

    Cut in PostgreSQL, so a large document (an imported statistics file) never travels
    whole; `line` is the line of the text char_start falls on, counting from 1.
    """
    text_start = max(0, char_start - context)
    before = func.substr(Document.text, 1, char_start)
    query = select(
        *COLUMNS,
        func.length(Document.text).label("text_length"),
        # substr's arguments are 32-bit: a span past the end is cut to what int4 can hold.
        func.substr(
            Document.text, text_start + 1, min(char_end + context - text_start, INT4_MAX)
        ).label("text"),
        (func.length(before) - func.length(func.replace(before, "\n", "")) + 1).label("line"),
    ).where(Document.id == document_id)
    row = (await session.execute(query)).first()
    if row is None:
        return None
    item = as_item(row)
    parts = {key: item.pop(key) for key in ("text", "text_length", "line")}
    return {
        "document": item,
        **parts,
        "text_start": text_start,
        "char_start": char_start,
        "char_end": char_end,
    }
