"""Every listing shape bench.scale measures: the request, and the statements it runs.

A shape is a view of the figures (reported, derived, both, the latest source's, compared
with a year earlier, as of an instant) under one of the usual filters (none, a year, a
country on either side, a pair, by value, a page deep in the listing), plus the series and
the countries with (or without) figures. The statements are built by the app's own query
code with the request's values, so their EXPLAIN is the plan the request gets.
"""

from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select
from sqlalchemy.dialects import postgresql

from app.countries import queries as country_queries
from app.paging.cursors import encode_cursor
from app.turnover.queries import filters as turnover_queries
from app.turnover.queries.listing import page
from app.turnover.queries.priors import priors
from app.turnover.queries.series import MAX_POINTS

PAGE = 100
# A page halfway through the listing in period order: after (2010-01-01, 2010-12-31, 0).
DEEP_KEY = (date(2010, 1, 1), date(2010, 12, 31), 0)
PAIR = ("KAZ", "KGZ")


@dataclass(frozen=True)
class Filter:
    name: str
    where: turnover_queries.TurnoverFilter = field(default_factory=turnover_queries.TurnoverFilter)
    params: dict[str, str] = field(default_factory=dict)
    sort: turnover_queries.Sort = "period"
    after: tuple[Any, ...] | None = None


FILTERS = (
    Filter("all figures"),
    Filter("year", turnover_queries.TurnoverFilter(year=2022), {"year": "2022"}),
    Filter("country", turnover_queries.TurnoverFilter(country="KAZ"), {"country": "KAZ"}),
    Filter(
        "pair",
        turnover_queries.TurnoverFilter(reporter=PAIR[0], partner=PAIR[1]),
        {"reporter": PAIR[0], "partner": PAIR[1]},
    ),
    Filter("sort=-value", params={"sort": "-value"}, sort="-value"),
    Filter("deep cursor", after=DEEP_KEY),
)


@dataclass(frozen=True)
class Shape:
    name: str
    path: str
    # The statements the request runs, given its JSON answer (compare reads the page's items).
    statements: Callable[[dict[str, Any]], Awaitable[list["Statement"]]]


# SQL text ($1, $2 ... for its arguments) and its arguments.
Statement = tuple[str, list[Any]]


def _views(as_of: datetime) -> Iterator[tuple[str, turnover_queries.View, dict[str, str]]]:
    view = turnover_queries.View
    yield "reported", view(), {}
    yield "derived", view(basis="derived"), {"basis": "derived"}
    yield "all", view(basis="all"), {"basis": "all"}
    yield "latest", view(resolve="latest"), {"resolve": "latest"}
    yield "compare", view(), {"compare": "prior_same_period"}
    yield "as_of", view(as_of=as_of), {"as_of": as_of.isoformat().replace("+00:00", "Z")}


def _deep_cursor() -> str:
    start, end, key = DEEP_KEY
    return encode_cursor([start.isoformat(), end.isoformat(), key], "/turnover sort=period")


def listing_shapes(as_of: datetime) -> list[Shape]:
    shapes = []
    for view_name, view, view_params in _views(as_of):
        for f in FILTERS:
            params = {**view_params, **f.params, "limit": str(PAGE)}
            if f.after is not None:
                params["cursor"] = _deep_cursor()
            # A page asks for one row more than its limit: it says whether another page follows.
            listing = page(f.where, view, f.sort, f.after, PAGE + 1)
            compared = "compare" in view_params
            shapes.append(
                Shape(
                    f"{view_name}, {f.name}",
                    "/turnover?" + urlencode(params),
                    _with_priors(listing, view) if compared else _just(listing),
                )
            )
    return shapes


def _just(statement: Select[Any]) -> Callable[[dict[str, Any]], Awaitable[list[Statement]]]:
    async def statements(_answer: dict[str, Any]) -> list[Statement]:
        return [(literal_sql(statement), [])]

    return statements


def _with_priors(
    listing: Select[Any], view: turnover_queries.View
) -> Callable[[dict[str, Any]], Awaitable[list[Statement]]]:
    async def statements(answer: dict[str, Any]) -> list[Statement]:
        return [(literal_sql(listing), []), *await priors_statements(answer["items"], view)]

    return statements


async def priors_statements(
    items: list[dict[str, Any]], view: turnover_queries.View
) -> list[Statement]:
    """The statement `compare` runs for these items (dates parsed back from the JSON)."""
    wanted = [
        {
            **item,
            "period_start": date.fromisoformat(item["period_start"]),
            "period_end": date.fromisoformat(item["period_end"]),
        }
        for item in items
    ]
    sent: list[Statement] = []

    async def keep(sql: str, arguments: Sequence[Any]) -> list[Any]:
        sent.append((sql, list(arguments)))
        return []

    await priors(keep, wanted, view)
    return sent


def series_shapes(as_of: datetime) -> list[Shape]:
    shapes = []
    stamp = as_of.isoformat().replace("+00:00", "Z")
    for name, view, params in (
        ("series", turnover_queries.View(basis="all"), {}),
        (
            "series, latest",
            turnover_queries.View(basis="all", resolve="latest"),
            {"resolve": "latest"},
        ),
        ("series, as_of", turnover_queries.View(basis="all", as_of=as_of), {"as_of": stamp}),
    ):
        where = turnover_queries.TurnoverFilter(pair=PAIR, flow="turnover")
        statement = page(where, view, "period", None, MAX_POINTS + 1)
        query = urlencode({"countries": ",".join(PAIR), **params})
        shapes.append(Shape(name, f"/turnover/series?{query}", _just(statement)))
    return shapes


def country_shapes() -> list[Shape]:
    return [
        Shape(
            f"has_data={str(value).lower()}",
            f"/countries?has_data={str(value).lower()}&limit={PAGE}",
            _just(country_queries.countries_listing(has_data=value).ordered(None).limit(PAGE + 1)),
        )
        for value in (True, False)
    ]


def shapes(as_of: datetime) -> list[Shape]:
    return [*listing_shapes(as_of), *series_shapes(as_of), *country_shapes()]


def literal_sql(statement: Select[Any]) -> str:
    """The statement with its values written in, for EXPLAIN."""
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
