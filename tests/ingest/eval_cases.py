"""Builders of small gold articles and drafted fact files for the evaluation tests."""

from typing import Any

from app.ingest.evaluation import GoldArticle
from app.ingest.facts import FactFile

QUOTE = "Trade between the two countries grew."


def gold_figure(
    countries: tuple[str, str] = ("KAZ", "UZB"),
    value: float | None = 100_000_000,
    start: str = "2023-01-01",
    end: str | None = "2023-12-31",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "countries": list(countries),
        "period_start": start,
        "period_end": end,
        "value_usd": value,
        "approximate": False,
        "quote": extra.pop("quote", QUOTE),
        **extra,
    }


def figure(
    reporter: str = "KAZ",
    partner: str = "UZB",
    value: float | None = 100_000_000,
    start: str = "2023-01-01",
    end: str = "2023-12-31",
    flow: str = "turnover",
    **extra: Any,
) -> dict[str, Any]:
    amount: dict[str, Any] = (
        {"value_usd": value} if value is not None else {"amount": 5, "currency": "RUB"}
    )
    period = {"start": start, "end": end, "label": "a period"}
    return {
        "reporter": reporter,
        "partner": partner,
        "flow": flow,
        "period": period,
        "quote": QUOTE,
        **amount,
        **extra,
    }


def gold_target(value: float = 1_000_000_000, **extra: Any) -> dict[str, Any]:
    return {"countries": ["KAZ", "UZB"], "value_usd": value, "quote": QUOTE, **extra}


def target(
    value: float = 1_000_000_000, countries: tuple[str, str] = ("KAZ", "UZB")
) -> dict[str, Any]:
    return {
        "key": f"t-{value:.0f}-{countries[1].lower()}",
        "countries": list(countries),
        "value_usd": value,
        "quote": QUOTE,
    }


def gold_agreement(value: float | None = None, count: int | None = None) -> dict[str, Any]:
    return {"value_usd": value, "count": count, "approximate": False, "quote": QUOTE}


def agreement(
    value: float | None = None, count: int | None = None, key: str = "a"
) -> dict[str, Any]:
    qualifier = "exact" if value is not None else None
    return {
        "key": key,
        "kind": "agreement",
        "title": "An agreement",
        "value_usd": value,
        "value_qualifier": qualifier,
        "document_count": count,
        "quote": QUOTE,
    }


def article(**lists: list[dict[str, Any]]) -> GoldArticle:
    return GoldArticle.model_validate({"file": "01.txt", **lists})


def drafted(**lists: list[dict[str, Any]]) -> FactFile:
    return FactFile.model_validate({"document": {"slug": "a", "title": "A"}, **lists})
