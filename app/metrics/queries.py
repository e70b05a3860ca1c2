"""The counts behind the figures gauge: one cheap query."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Agreement, Document, Target, TurnoverPeriod

COUNTED = {
    "turnover": TurnoverPeriod,
    "target": Target,
    "agreement": Agreement,
    "document": Document,
}


async def figure_counts(session: AsyncSession) -> dict[str, int]:
    counts = select(
        *(
            select(func.count()).select_from(m).scalar_subquery().label(k)
            for k, m in COUNTED.items()
        )
    )
    row = (await session.execute(counts)).one()
    return {kind: int(row._mapping[kind]) for kind in COUNTED}
