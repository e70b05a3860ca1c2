"""A figure row as its CSV fields, the columns of TurnoverRead, made without a model.

An export writes every figure of a listing: a dict and a Pydantic model per row would cost
most of its time. A reported figure's fields are read straight from its record, by the
same rules as the JSON item (service.as_item) and the generic CSV row (app.http.csv): a
null is an empty field (csv.writer writes None so), a boolean `true` / `false`, a number
as in the JSON, a date in ISO 8601. A derived figure, the rare one, goes the generic way.
"""

from collections.abc import Mapping
from decimal import Decimal
from operator import itemgetter
from typing import Any

from app.http.csv import layout, row
from app.http.schemas import json_number
from app.turnover import service
from app.turnover.bounds import bounds_of
from app.turnover.schemas import TurnoverRead

LAYOUT = layout(TurnoverRead)

# The row's columns a reported figure's fields are read from, all in one call.
_READ = itemgetter(
    "id",
    "reporter_code",
    "partner_code",
    "flow",
    "period_start",
    "period_end",
    "period_label",
    "period_inferred",
    "period_kind",
    "basis",
    "review",
    "value_usd",
    "value_qualifier",
    "amount",
    "currency",
    "growth_pct",
    "growth_qualifier",
    "attribution",
    "document_id",
    "quote",
    "char_start",
    "char_end",
)


def figure_csv_row(record: Mapping[str, Any]) -> list[Any]:
    """The CSV fields of one row of the listing statement, in TurnoverRead's column order."""
    (
        id_,
        reporter,
        partner,
        flow,
        start,
        end,
        label,
        inferred,
        kind,
        basis,
        review,
        value,
        qualifier,
        amount,
        currency,
        growth,
        growth_qualifier,
        attribution,
        document_id,
        quote,
        char_start,
        char_end,
    ) = _READ(record)
    if basis != "reported":
        return row(TurnoverRead, service.as_item(dict(record)), LAYOUT)
    low = high = None
    if value is not None:
        bounds = bounds_of(value, qualifier)
        low, high, value = json_number(bounds.low), json_number(bounds.high), json_number(value)
    return [
        id_,
        reporter,
        partner,
        flow,
        start,
        end,
        label,
        "true" if inferred else "false",
        kind,
        basis,
        review,
        value,
        qualifier,
        low,
        high,
        json_number(amount),
        currency,
        _number(growth),
        growth_qualifier,
        attribution,
        None,  # derivation_method
        None,  # derivation_formula
        None,  # derivation_input_ids
        document_id,
        quote,
        char_start,
        char_end,
    ]


def _number(value: Decimal | None) -> int | float | None:
    return None if value is None else json_number(value)
