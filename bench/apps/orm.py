"""Baseline 2: the same endpoint as a typical FastAPI service writes it.

A session per request (BEGIN ... COMMIT), ORM objects selected, mapped to Pydantic models,
validated and serialised by FastAPI through the response_model.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.db.engine import async_url
from app.http.schemas import SourceRead
from app.models import TurnoverPeriod
from app.paging.cursors import Page, page_of
from app.turnover.bounds import bounds_of
from app.turnover.schemas import TurnoverItem


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # The service's pool settings, so that the comparison is of the code path alone.
    engine = create_async_engine(
        async_url(os.environ["DATABASE_URL"]), pool_size=10, max_overflow=0, pool_pre_ping=True
    )
    app.state.sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session, session.begin():
        yield session


def to_schema(row: TurnoverPeriod) -> TurnoverItem:
    bounds = bounds_of(row.value_usd, row.value_qualifier) if row.value_usd is not None else None
    return TurnoverItem(
        id=row.id,
        reporter=row.reporter_code,
        partner=row.partner_code,
        flow=row.flow,
        period_start=row.period_start,
        period_end=row.period_end,
        period_label=row.period_label,
        period_inferred=row.period_inferred,
        period_kind=row.period_kind,
        basis="reported",
        review=row.review,
        value_usd=row.value_usd,
        value_qualifier=row.value_qualifier,
        value_low_usd=bounds.low if bounds else None,
        value_high_usd=bounds.high if bounds else None,
        derivation=None,
        amount=row.amount,
        currency=row.currency,
        growth_pct=row.growth_pct,
        growth_qualifier=row.growth_qualifier,
        attribution=row.attribution,
        source=SourceRead(
            document_id=row.document_id,
            quote=row.quote,
            char_start=row.char_start,
            char_end=row.char_end,
        ),
    )


@app.get("/turnover", response_model=Page[TurnoverItem])
async def list_turnover(
    session: Annotated[AsyncSession, Depends(get_session)], year: int, limit: int = 100
) -> Page[TurnoverItem]:
    query = (
        select(TurnoverPeriod)
        .where(
            TurnoverPeriod.period_start >= date(year, 1, 1),
            TurnoverPeriod.period_end <= date(year, 12, 31),
        )
        .order_by(TurnoverPeriod.period_start, TurnoverPeriod.id)
        .limit(limit + 1)
    )
    rows = [to_schema(row) for row in await session.scalars(query)]
    return page_of(rows, limit, lambda item: [item.period_start.isoformat(), item.id], "/turnover")
