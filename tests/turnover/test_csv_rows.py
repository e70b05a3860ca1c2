"""An export's lean CSV row of a figure is the generic CSV row of its JSON item."""

import csv
import functools
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from app.http.csv import header, layout, row
from app.turnover.csv_rows import figure_csv_row
from app.turnover.queries.filters import TurnoverFilter, View
from app.turnover.queries.listing import list_figures
from app.turnover.schemas import TurnoverRead
from app.turnover.service import as_item
from tests.records import fetch_records

LAYOUT = layout(TurnoverRead)


def written(fields: list[Any]) -> str:
    """A row as csv.writer writes it, the way the export does."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(fields)
    return buffer.getvalue()


def generic(record: Any) -> str:
    return written(row(TurnoverRead, as_item(dict(record)), LAYOUT))


@pytest.mark.usefixtures("other_sources")
async def test_every_figure_reported_and_derived(connection: AsyncConnection) -> None:
    fetch = functools.partial(fetch_records, connection)
    records = await list_figures(fetch, TurnoverFilter(), View(basis="all"), "period", None, 1000)

    assert {record["basis"] for record in records} == {"reported", "derived"}
    for record in records:
        assert written(figure_csv_row(record)) == generic(record)
    assert len(figure_csv_row(records[0])) == len(header(TurnoverRead))


REPORTED: dict[str, Any] = {
    "id": 7,
    "reporter_code": "KAZ",
    "partner_code": "KGZ",
    "flow": "export",
    "period_start": date(2021, 1, 1),
    "period_end": date(2021, 6, 30),
    "period_label": "first half of 2021",
    "period_inferred": False,
    "period_kind": "half",
    "value_usd": Decimal("1300000000.00"),
    "value_qualifier": "approximate",
    "amount": Decimal("1300000000.00"),
    "currency": "USD",
    "growth_pct": Decimal("19.00"),
    "growth_qualifier": "at_most",
    "attribution": "the ministry",
    "document_id": 3,
    "quote": "reached $1.3 billion",
    "char_start": 10,
    "char_end": 30,
    "valid_from": datetime(2024, 1, 1),
    "review": "reviewed",
    "basis": "reported",
    "key_id": 7,
}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"value_usd": None, "amount": Decimal("5.25"), "currency": "EUR"},
        {"growth_pct": None, "growth_qualifier": None, "attribution": None},
        {"period_inferred": True, "value_qualifier": "exact"},
        {"value_usd": Decimal("2.50"), "amount": Decimal("2.50"), "value_qualifier": "at_least"},
        {"value_usd": Decimal("64.00"), "amount": Decimal("64.00"), "value_qualifier": "at_most"},
        {"quote": 'said "over $2,000,000"\nin a line', "attribution": "a, b"},
        {"value_usd": Decimal("0.00"), "amount": Decimal("0.00")},
    ],
)
def test_each_kind_of_field(changes: dict[str, Any]) -> None:
    record = {**REPORTED, **changes}

    assert written(figure_csv_row(record)) == generic(record)
