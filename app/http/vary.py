"""`Vary`, merged: each request header named once, whoever added it first."""

from functools import lru_cache

from starlette.datastructures import MutableHeaders


def add_vary(headers: MutableHeaders, *names: str) -> None:
    headers["Vary"] = merged_vary(headers.get("vary", ""), names)


# A response's Vary is one of a few values, merged with the same names on every request.
@lru_cache(maxsize=256)
def merged_vary(present: str, names: tuple[str, ...]) -> str:
    """`present` (a Vary value, maybe empty) with `names` added where missing."""
    given = [name.strip() for name in present.split(",") if name.strip()]
    if "*" in given:
        return present
    known = {name.lower() for name in given}
    return ", ".join(given + [name for name in names if name.lower() not in known])
