"""`compare=prior_same_period`: for each figure of a page, the same period a year earlier."""

from functools import lru_cache
from typing import Any

from sqlalchemy import Date, Select, String, func, select, tuple_

from app.db.read_pool import Fetch
from app.turnover.periods import year_earlier as shift
from app.turnover.queries.filters import Resolve, View
from app.turnover.queries.sources import figures
from app.turnover.queries.statements import Parameters, PreparedStatement, prepared

PriorKey = tuple[Any, ...]
_KEY_PARTS = (("a", String), ("b", String), ("flow", String), ("start", Date), ("end", Date))


def prior_key(item: dict[str, Any]) -> PriorKey:
    """Pair (alphabetical), flow and the period a year before an API item's."""
    pair = sorted((item["reporter"], item["partner"]))
    return (*pair, item["flow"], shift(item["period_start"]), shift(item["period_end"]))


def _slots(wanted: int) -> int:
    """Room for `wanted` keys: a power of two, so that few statement texts serve every page."""
    slots = 8
    while slots < wanted:
        slots *= 2
    return slots


def _priors_query(resolve: Resolve, dated: bool, slots: int, parameters: Parameters) -> Select[Any]:
    f = figures(View("all", resolve, parameters("as_of") if dated else None))
    key = tuple_(
        func.least(f.c.reporter_code, f.c.partner_code),
        func.greatest(f.c.reporter_code, f.c.partner_code),
        f.c.flow,
        f.c.period_start,
        f.c.period_end,
    )
    wanted = [
        tuple_(*(parameters(f"prior_{slot}_{part}", type_) for part, type_ in _KEY_PARTS))
        for slot in range(slots)
    ]
    # A reported figure before a derived one; then the first by key.
    return select(f).where(key.in_(wanted)).order_by(f.c.basis.desc(), f.c.key_id)


@lru_cache(maxsize=64)
def priors_statement(resolve: Resolve, dated: bool, slots: int) -> PreparedStatement:
    parameters = Parameters()
    return prepared(_priors_query(resolve, dated, slots, parameters), parameters)


async def priors(
    fetch: Fetch, items: list[dict[str, Any]], view: View
) -> dict[PriorKey, dict[str, Any]]:
    """Per item: the figure a year earlier, reported if there is one, else derived."""
    wanted = sorted({prior_key(item) for item in items})
    if not wanted:
        return {}
    slots = _slots(len(wanted))
    values: dict[str, Any] = {"as_of": view.as_of}
    for slot in range(slots):
        # Unused slots repeat the last key: they find nothing more.
        key = wanted[min(slot, len(wanted) - 1)]
        for (part, _), value in zip(_KEY_PARTS, key, strict=True):
            values[f"prior_{slot}_{part}"] = value
    statement = priors_statement(view.resolve, view.as_of is not None, slots)
    found: dict[PriorKey, dict[str, Any]] = {}
    for row in await fetch(statement.sql, statement.arguments(values)):
        pair = sorted((row["reporter_code"], row["partner_code"]))
        found.setdefault((*pair, row["flow"], row["period_start"], row["period_end"]), dict(row))
    return found
