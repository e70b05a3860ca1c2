"""Reporter and partner columns to ISO alpha-3, with Comtrade's own codes and aggregates."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from app.countries.reference import iso_countries

AREAS_FILE = Path(__file__).with_name("areas.yaml")


class RowProblem(ValueError):  # noqa: N818 - a problem with one row, reported by line
    """Why one row of the file cannot be loaded."""


class Aggregate(Exception):  # noqa: N818 - a signal, not an error
    """The row names the world or a group of countries: skipped, not refused."""


@dataclass(frozen=True)
class Areas:
    by_code: dict[int, str]  # Comtrade code -> ISO alpha-3
    special: dict[int, str]  # the codes of by_code that are Comtrade's own, not ISO numeric
    iso: frozenset[str]
    aggregates: dict[int, str]
    aggregate_iso: dict[str, str]
    former: dict[int, str]

    def country(self, side: str, code: str | None, iso: str | None) -> str:
        """ISO alpha-3 for one side (reporter or partner) of a row.

        Raises Aggregate for the world or a group, RowProblem for anything else amiss,
        including a code and an ISO column that name different areas.
        """
        from_code = self._from_code(side, code) if code else None
        if isinstance(from_code, Group) and iso and iso.strip().upper() not in self.iso:
            # A group's code with any label but a country's: how Comtrade writes groups'
            # ISO columns varies (W00, EUR, _X ...), and a group is skipped either way.
            raise Aggregate(from_code.name)
        from_iso = self._from_iso(side, iso) if iso else None
        if from_code is None and from_iso is None:
            raise RowProblem(f"no {side}: {side}Code and {side}ISO are both empty")
        if from_code is not None and from_iso is not None and from_code != from_iso:
            raise RowProblem(f"{side}Code {code} and {side}ISO {iso} disagree")
        found = from_iso if from_iso is not None else from_code
        if isinstance(found, Group):
            raise Aggregate(found.name)
        assert found is not None
        return found

    def _from_code(self, side: str, raw: str) -> "str | Group":
        try:
            code = int(raw)
        except ValueError:
            raise RowProblem(f"{side}Code {raw!r} is not a number") from None
        if code in self.aggregates:
            return Group(self.aggregates[code])
        if code in self.former:
            raise RowProblem(
                f"{side}Code {code} ({self.former[code]}) is no current ISO 3166 country"
            )
        if code not in self.by_code:
            raise RowProblem(f"unknown {side}Code {code}")
        return self.by_code[code]

    def _from_iso(self, side: str, raw: str) -> "str | Group":
        code = raw.strip().upper()
        if code in self.aggregate_iso:
            return Group(self.aggregate_iso[code])
        if code not in self.iso:
            raise RowProblem(f"unknown {side}ISO {raw!r}")
        return code


@dataclass(frozen=True)
class Group:
    """The world or a group of countries, by the name Comtrade gives it."""

    name: str


@cache
def comtrade_areas() -> Areas:
    data = yaml.safe_load(AREAS_FILE.read_text(encoding="utf-8"))
    by_code = {int(c.numeric_code): c.alpha3 for c in iso_countries()}
    special = {int(code): alpha3 for code, alpha3 in data["countries"].items()}
    unknown = set(special.values()) - {c.alpha3 for c in iso_countries()}
    assert not unknown, f"{AREAS_FILE}: not ISO 3166 codes: {unknown}"
    return Areas(
        by_code={**by_code, **special},
        special=special,
        iso=frozenset(c.alpha3 for c in iso_countries()),
        aggregates={int(k): v for k, v in data["aggregates"].items()},
        aggregate_iso={str(k): v for k, v in data["aggregate_iso"].items()},
        former={int(k): v for k, v in data["former"].items()},
    )
