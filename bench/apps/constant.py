"""Baseline 1: FastAPI returning a constant body through the same response_model.

The body is the service's own answer, handed in by bench.http as BENCH_BODY (a JSON file).
"""

import os
from pathlib import Path
from typing import Any

import orjson
from fastapi import FastAPI

from app.paging.cursors import Page
from app.turnover.schemas import TurnoverItem

BODY: dict[str, Any] = orjson.loads(Path(os.environ["BENCH_BODY"]).read_bytes())

app = FastAPI()


@app.get("/turnover", response_model=Page[TurnoverItem])
async def list_turnover(year: int | None = None) -> Any:
    return BODY
