"""Rules of the API that OpenAPI cannot state, taught to schemathesis for `make fuzz`.

The check "input valid by the schema is accepted" (positive_data_acceptance) only holds
for input that also keeps the rules the descriptions state across parameters. Generated
queries that break one are left out; every rule here is documented on its parameter, and
each refusal is tested on its own (tests/http/test_openapi_agrees.py, the domain tests).
"""

from datetime import date, datetime
from typing import Any

import pycountry
import schemathesis
from schemathesis.config import HealthCheck

from app.paging.cursors import PAGE_MAX

KNOWN_CODES = frozenset(country.alpha_3 for country in pycountry.countries)
COUNTRY_PARAMETERS = ("country", "reporter", "partner")


def _date_ok(text: Any) -> bool:
    if not isinstance(text, str):
        return True
    try:
        if len(text) == 4:
            return 1900 <= int(text) <= 2100
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _instant_ok(text: Any) -> bool:
    if not isinstance(text, str):
        return True
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _countries_ok(query: dict[str, Any]) -> bool:
    """Country filters must name a country: an unknown one is a 422 that says so."""
    named = [query[name] for name in COUNTRY_PARAMETERS if name in query]
    if "countries" in query:
        named += str(query["countries"]).split(",")
    return all(isinstance(value, str) and value in KNOWN_CODES for value in named)


def keeps_documented_rules(query: dict[str, Any] | None) -> bool:
    query = query or {}
    if not _countries_ok(query):
        return False
    limit = query.get("limit")
    csv = query.get("format") == "csv"
    if isinstance(limit, int) and limit > PAGE_MAX and not csv:
        return False  # a JSON page holds at most 1,000 items
    if query.get("cursor"):
        return False  # only the service makes cursors; a made-up one is a 400
    if query.get("compare") is not None and csv:
        return False  # comparisons are JSON only
    if not (_date_ok(query.get("from")) and _date_ok(query.get("to"))):
        return False  # a year 1900..2100 or a real date
    if not _instant_ok(query.get("as_of")):
        return False
    start, end = query.get("char_start"), query.get("char_end")
    return not (isinstance(start, int) and isinstance(end, int) and end <= start)


def install(schema: Any) -> None:
    """Only the fuzzing phase (and the documented examples): the coverage phase builds
    boundary values that ignore hooks and patterns, so its "valid" input is not always."""
    schema.config.phases.update(phases=["examples", "fuzzing"])
    schema.config.update(suppress_health_check=[HealthCheck.filter_too_much])

    @schemathesis.hook
    def filter_query(ctx: schemathesis.HookContext, query: dict[str, Any] | None) -> bool:
        return keeps_documented_rules(query)
