"""The gold format: per article, the facts a careful curator records, and how it is read.

Fields that the scoring does not use (notes, labels, descriptions, parties) are allowed;
any other field is an error, so a misspelt key is never silently ignored.
"""

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

GoldFlow = Literal["turnover", "export", "import"]
TargetKind = Literal["forecast", "aspiration", "potential", "achieved", "superseded"]
Pair = Annotated[list[str], Field(min_length=2, max_length=2)]


class GoldError(Exception):
    """A gold file that cannot be used: one line per problem, each naming the file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldFact(_Gold):
    quote: str
    notes: str | None = None


class GoldTurnover(GoldFact):
    """`countries[0]` reports the figure; an export goes from it, an import comes into it."""

    countries: Pair
    flow: GoldFlow | None = None  # absent: a turnover, and the article's flows go unscored
    period_start: date
    period_end: date | None  # null: the end is not stated, any end matches
    period_label: str | None = None
    value_usd: Decimal | None
    growth_pct: Decimal | None = None
    approximate: bool = False

    @property
    def pair(self) -> list[str]:
        return [c.upper() for c in self.countries]

    @property
    def effective_flow(self) -> GoldFlow:
        return self.flow or "turnover"

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.period_end is not None and self.period_end < self.period_start:
            raise ValueError(f"period ends ({self.period_end}) before it starts")
        return self


class GoldTarget(GoldFact):
    """A target with a `kind` is not an official goal: neither required nor penalised."""

    countries: Pair
    value_usd: Decimal
    by_year: int | None = None
    kind: TargetKind | None = None
    flow: GoldFlow | None = None


class GoldAgreement(GoldFact):
    value_usd: Decimal | None
    count: int | None  # null for a single named document; 1 counts the same
    approximate: bool = False
    description: str | None = None
    kind: str | None = None
    parties: list[str] | None = None
    party_entities: list[Any] | None = None


class GoldArticle(_Gold):
    file: str
    source: str | None = None
    article_date: date | None = None
    notes: str | None = None
    turnover: list[GoldTurnover] = []
    targets: list[GoldTarget] = []
    agreements: list[GoldAgreement] = []

    @property
    def scores_flows(self) -> bool:
        """Only a gold that labels flows says which exports and imports it expects."""
        return any(t.flow is not None for t in self.turnover)


_GOLD = TypeAdapter(list[GoldArticle])


def load_gold(path: Path) -> list[GoldArticle]:
    """The articles of a gold file, or a GoldError listing every problem in it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise GoldError([f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError([f"{path}: cannot be read: {exc}"]) from exc
    try:
        articles = _GOLD.validate_python(raw)
    except ValidationError as exc:
        raise GoldError([_problem(path, error) for error in exc.errors()]) from exc
    duplicates = _duplicates([a.file for a in articles])
    if duplicates:
        raise GoldError([f"{path}: {name}: listed more than once" for name in duplicates])
    return articles


def _problem(path: Path, error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    return f"{path}: {where or '(top)'}: {error['msg']}"


def _duplicates(names: list[str]) -> list[str]:
    return sorted(name for name, times in Counter(names).items() if times > 1)
