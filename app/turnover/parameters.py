"""Query parameters of the turnover listings, parsed once into the query layer's terms."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import Depends, Query
from pydantic import BaseModel, ConfigDict

from app.countries.dependencies import EITHER_SIDE, PARTNER, REPORTER, country_parameter
from app.http.ids import MAX_BIG_ID
from app.http.listing import FormatParameter, LimitParameter
from app.http.problems import BadRequest, InvalidParameter
from app.http.query_model import QueryModel
from app.paging.cursors import Cursor, decode_cursor, encode_cursor
from app.review.parameters import ReviewParameter
from app.turnover.queries.filters import Basis, PeriodFilter, Resolve, Sort

Year = Annotated[
    int | None,
    Query(
        ge=1900, le=2100, description="Periods lying within this calendar year.", examples=[2022]
    ),
]
Flow = Annotated[
    Literal["turnover", "export", "import"] | None,
    Query(description="Only this flow.", examples=["turnover"]),
]


def date_bound_query(name: str, description: str) -> Any:
    return Query(
        alias=name,
        max_length=10,
        pattern=r"^\d{4}(-\d{2}-\d{2})?$",
        description=f"{description} A year (`2020`) or an ISO date (`2020-06-30`).",
        examples=["2020"],
    )


DateFrom = Annotated[str | None, date_bound_query("from", "Periods starting on or after.")]
DateTo = Annotated[str | None, date_bound_query("to", "Periods ending on or before.")]
AsOf = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$",
        description="Answer as the API would have at this instant (ISO 8601 with time zone).",
        examples=["2024-01-01T00:00:00Z"],
    ),
]


class TurnoverQuery(BaseModel):
    """Every query parameter of `GET /turnover`, validated in one go."""

    model_config = ConfigDict(frozen=True)

    year: Year = None
    flow: Flow = None
    date_from: DateFrom = None
    date_to: DateTo = None
    period: Annotated[
        PeriodFilter,
        Query(description="Full calendar years, parts of a year, or both.", examples=["annual"]),
    ] = "all"
    basis: Annotated[
        Basis,
        Query(
            description="Figures documents state, figures computed from them, or both.",
            examples=["all"],
        ),
    ] = "reported"
    sort: Annotated[
        Sort,
        Query(description="Order; a leading `-` reverses it.", examples=["-period"]),
    ] = "period"
    resolve: Annotated[
        Resolve,
        Query(
            description="`latest` keeps, per reporter, pair, flow and period, the figure "
            "of the most recently published document.",
            examples=["latest"],
        ),
    ] = "all"
    compare: Annotated[
        Literal["prior_same_period"] | None,
        Query(
            description="Add the same period a year earlier and the growth between them.",
            examples=["prior_same_period"],
        ),
    ] = None
    review: ReviewParameter = "all"
    as_of: AsOf = None
    cursor: Cursor = None
    format_: FormatParameter = None
    limit: LimitParameter = 100
    country: Annotated[str | None, country_parameter("country", EITHER_SIDE)] = None
    reporter: Annotated[str | None, country_parameter("reporter", REPORTER)] = None
    partner: Annotated[str | None, country_parameter("partner", PARTNER)] = None


# Read in one pydantic call per distinct query string, documented as FastAPI would
# document `Annotated[TurnoverQuery, Query()]` (app/http/query_model.py).
turnover_query = QueryModel(TurnoverQuery)
TurnoverParams = Annotated[TurnoverQuery, Depends(turnover_query)]


def date_bound(name: str, value: str | None, *, end: bool) -> date | None:
    """'2020' is the first (from) or last (to) day of 2020; a date is itself."""
    if value is None:
        return None
    try:
        if len(value) == 4:
            year = int(value)
            if not 1900 <= year <= 2100:
                raise ValueError
            return date(year, 12, 31) if end else date(year, 1, 1)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidParameter(f"query.{name}", f"not a year or date: {value!r}") from exc


def as_of_instant(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidParameter("query.as_of", f"not an instant: {value!r}") from exc


def cursor_for(sort: Sort, row: dict[str, Any], listing: str) -> str:
    """The cursor after a row of the listing statement, in this sort order."""
    if sort.lstrip("-") == "period":
        return encode_cursor(
            [row["period_start"].isoformat(), row["period_end"].isoformat(), row["key_id"]],
            listing,
        )
    value = row["value_usd"] if row["value_usd"] is not None else Decimal(-1)
    return encode_cursor([str(value), row["key_id"]], listing)


# What a cursor's values must look like: the text cursor_for writes, and nothing else
# (`Infinity`, `1e999999999` or 199 digits would reach PostgreSQL and fail there).
CURSOR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CURSOR_MONEY = re.compile(r"-?\d{1,18}(\.\d{1,2})?")  # NUMERIC(20, 2)


def after_key(sort: Sort, cursor: str | None, listing: str) -> tuple[Any, ...] | None:
    if not cursor:
        return None
    bad = BadRequest("The cursor does not belong to this listing.")
    bounds = {"max_int": MAX_BIG_ID, "min_int": -MAX_BIG_ID}
    try:
        if sort.lstrip("-") == "period":
            start, end, key_id = decode_cursor(cursor, listing, (str, str, int), **bounds)
            if not (CURSOR_DATE.fullmatch(start) and CURSOR_DATE.fullmatch(end)):
                raise bad
            return (date.fromisoformat(start), date.fromisoformat(end), key_id)
        value, key_id = decode_cursor(cursor, listing, (str, int), **bounds)
        if not CURSOR_MONEY.fullmatch(value):
            raise bad
        return (Decimal(value), key_id)
    except ValueError as exc:
        raise bad from exc
