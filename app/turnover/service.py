"""Turn figure rows into API items: bounds, derivations, comparisons and target progress."""

from decimal import Decimal
from typing import Any

from app.http.schemas import json_number
from app.turnover.bounds import bounds_of, growth_between, prior_from_growth, sum_of
from app.turnover.periods import label_year_earlier
from app.turnover.queries.sources import SUM_KEY_OFFSET

# A stated growth and the one computed from two figures differ "materially" beyond this.
GROWTH_MISMATCH_POINTS = Decimal(1)
EVIDENCE = ("document_id", "quote", "char_start", "char_end")


def as_item(row: dict[str, Any]) -> dict[str, Any]:
    """The API shape of a reported or derived row from queries.figures()."""
    item = {
        "id": row["id"],
        "reporter": row["reporter_code"],
        "partner": row["partner_code"],
        "flow": row["flow"],
        "period_start": row["period_start"],
        "period_end": row["period_end"],
        "period_label": row["period_label"],
        "period_inferred": row["period_inferred"],
        "period_kind": row["period_kind"],
        "basis": row["basis"],
        "review": row["review"],
        "value_usd": row["value_usd"],
        "value_qualifier": row["value_qualifier"],
        "value_low_usd": None,
        "value_high_usd": None,
        "amount": row["amount"],
        "currency": row["currency"],
        "growth_pct": row["growth_pct"],
        "growth_qualifier": row["growth_qualifier"],
        "attribution": row["attribution"],
        "derivation": None,
        "source": {key: row[key] for key in EVIDENCE},
    }
    if row["basis"] == "derived":
        _derive(item, row)
    elif row["value_usd"] is not None:
        bounds = bounds_of(row["value_usd"], row["value_qualifier"])
        item["value_low_usd"], item["value_high_usd"] = bounds.low, bounds.high
    return item


def _derive(item: dict[str, Any], row: dict[str, Any]) -> None:
    if row.get("method") == "sum_of_flows":
        _sum(item, row)
        return
    value, growth = row["input_value_usd"], row["input_growth_pct"]
    derived = prior_from_growth(
        value, row["input_value_qualifier"], growth, row["input_growth_qualifier"]
    )
    item.update(
        value_usd=derived.value,
        amount=derived.value,
        value_qualifier=derived.qualifier,
        value_low_usd=derived.bounds.low,
        value_high_usd=derived.bounds.high,
        period_label=label_year_earlier(row["input_period_label"], row["period_start"].year + 1),
        derivation={
            "method": "prior_from_growth",
            "formula": f"{_plain(value)} / (1 + {_plain(growth)} / 100)",
            "input_ids": [-row["key_id"]],
        },
    )


def _sum(item: dict[str, Any], row: dict[str, Any]) -> None:
    exports, imports = row["input_value_usd"], row["input_other_value_usd"]
    derived = sum_of(
        [(exports, row["input_value_qualifier"]), (imports, row["input_other_value_qualifier"])]
    )
    item.update(
        value_usd=derived.value,
        amount=derived.value,
        value_qualifier=derived.qualifier,
        value_low_usd=derived.bounds.low,
        value_high_usd=derived.bounds.high,
        derivation={
            "method": "sum_of_flows",
            "formula": f"{_plain(exports)} + {_plain(imports)}",
            "input_ids": [-row["key_id"] - SUM_KEY_OFFSET, row["input_other_id"]],
        },
    )


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def comparison(item: dict[str, Any], prior: dict[str, Any] | None) -> dict[str, Any]:
    """The same period a year earlier beside this item, and the growth between them."""
    computed = None
    if prior is not None and item["value_usd"] is not None and prior["value_usd"]:
        computed = growth_between(item["value_usd"], prior["value_usd"])
    stated = item["growth_pct"]
    mismatch = (
        computed is not None
        and stated is not None
        and abs(computed - stated) > GROWTH_MISMATCH_POINTS
    )
    return {
        "prior": prior,
        "computed_growth_pct": computed,
        "stated_growth_pct": stated,
        "growth_mismatch": mismatch,
    }


def percent_difference(value: Decimal | None, other: Decimal | None) -> Decimal | None:
    if value is None or other is None or value == 0:
        return None
    return ((other - value) / value * 100).quantize(Decimal("0.01"))


VERSIONED_FIELDS = (
    "review",
    "reporter_code",
    "partner_code",
    "value_usd",
    "value_qualifier",
    "amount",
    "currency",
    "growth_pct",
    "growth_qualifier",
    "period_start",
    "period_end",
    "period_label",
    "period_inferred",
    "attribution",
    "document_id",
    "quote",
    "char_start",
    "char_end",
)


def with_changes(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Versions as items, each with the fields that differ from the one before: [old, new]."""
    items: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for version in versions:
        item = as_item({**version, "basis": "reported", "key_id": version["id"]})
        item.update(
            valid_from=version["valid_from"],
            valid_to=version["valid_to"],
            changed_by=version["changed_by"],
            changes={},
        )
        if previous is not None:
            item["changes"] = {
                field: [_plain_json(previous[field]), _plain_json(version[field])]
                for field in VERSIONED_FIELDS
                if previous[field] != version[field]
            }
        items.append(item)
        previous = version
    return items


def _plain_json(value: object) -> object:
    return json_number(value) if isinstance(value, Decimal) else value
