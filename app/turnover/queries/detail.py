"""One figure: itself, the other sources' figures for its period, and its versions."""

from typing import Any

from sqlalchemy import null, select, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Document
from app.turnover.queries.filters import View
from app.turnover.queries.sources import FIELDS, H, T, figures


async def get_figure(connection: AsyncSession, figure_id: int) -> dict[str, Any] | None:
    f = figures(View())
    row = (await connection.execute(select(f).where(f.c.id == figure_id))).mappings().first()
    return dict(row) if row is not None else None


async def same_period(connection: AsyncSession, figure: dict[str, Any]) -> list[dict[str, Any]]:
    """Other reported figures for the same pair, flow and period (another source, say)."""
    f = figures(View())
    pair = (figure["reporter_code"], figure["partner_code"])
    query = (
        select(f, Document.title.label("document_title"), Document.published_on)
        .join(Document, Document.id == f.c.document_id)
        .where(
            tuple_(f.c.reporter_code, f.c.partner_code).in_([pair, pair[::-1]]),
            f.c.flow == figure["flow"],
            f.c.period_start == figure["period_start"],
            f.c.period_end == figure["period_end"],
            f.c.id != figure["id"],
        )
        .order_by(f.c.id)
    )
    return [dict(row) for row in (await connection.execute(query)).mappings()]


async def history_of(connection: AsyncSession, figure_id: int) -> list[dict[str, Any]]:
    """Every version of a figure, oldest first; the current one has valid_to None."""
    past = select(*(H.c[f] for f in FIELDS), H.c.changed_by, H.c.valid_to).where(
        H.c.id == figure_id
    )
    current = select(*(T.c[f] for f in FIELDS), T.c.changed_by, null().label("valid_to")).where(
        T.c.id == figure_id
    )
    versions_ = union_all(past, current).subquery()
    query = select(versions_).order_by(versions_.c.valid_from)
    return [dict(row) for row in (await connection.execute(query)).mappings()]
