"""Baseline 3: the query alone, the floor under the service's uncached path.

FastAPI with this one route and no middleware: one SELECT of the year's reported figures on
an asyncpg pool of the service's size, rows turned into items by the service's own
`as_item` and encoded by orjson. No rate limit, request id, metrics, ETag, negotiation,
cursor or derived figures: what is left of the service's answer without them.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

import asyncpg
from fastapi import FastAPI, Response

from app.db.engine import asyncpg_dsn
from app.http.json import encode
from app.turnover.service import as_item

FIGURES = """
SELECT id, reporter_code, partner_code, flow, period_start, period_end, period_label,
       period_inferred, period_kind, 'reported' AS basis, review, value_usd, value_qualifier,
       amount, currency, growth_pct, growth_qualifier, attribution, document_id, quote,
       char_start, char_end
FROM turnover_periods
WHERE period_start >= $1 AND period_end <= $2
ORDER BY period_start, period_end, id
LIMIT $3
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(
        asyncpg_dsn(os.environ["DATABASE_URL"]), min_size=0, max_size=10
    )
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/turnover")
async def list_turnover(year: int, limit: int = 100) -> Response:
    async with app.state.pool.acquire() as connection:
        rows = await connection.fetch(FIGURES, date(year, 1, 1), date(year, 12, 31), limit)
    items = [{**as_item(dict(row)), "comparison": None} for row in rows]
    return Response(encode({"items": items, "next_cursor": None}), media_type="application/json")
