"""ISO 3166-1 countries from pycountry, and the aliases press releases use for them."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
import yaml

from app.countries.text_keys import name_key

ALIASES_FILE = Path(__file__).with_name("aliases.yaml")


@dataclass(frozen=True)
class CountryRecord:
    alpha3: str
    alpha2: str
    numeric_code: str
    name: str
    official_name: str | None


@cache
def iso_countries() -> tuple[CountryRecord, ...]:
    return tuple(
        CountryRecord(
            alpha3=c.alpha_3,
            alpha2=c.alpha_2,
            numeric_code=c.numeric,
            name=getattr(c, "common_name", None) or c.name,
            official_name=getattr(c, "official_name", None),
        )
        for c in pycountry.countries
    )


@cache
def country_aliases() -> dict[str, tuple[str, str]]:
    """alias_key -> (alias as written, alpha3): pycountry's names first, then aliases.yaml."""
    found: dict[str, tuple[str, str]] = {}

    def add(alias: str, alpha3: str) -> None:
        found.setdefault(name_key(alias), (alias, alpha3))

    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                add(value, country.alpha_3)
    curated: dict[str, list[str]] = yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))
    for alpha3, aliases in curated.items():
        for alias in aliases:
            add(alias, alpha3)
    return found


def mentions_country(text: str, alpha3: str) -> bool:
    """Whether text names the country by any of its names or adjectives."""
    words = f" {name_key(text)} "
    return any(
        f" {key} " in words for key, (_, code) in country_aliases().items() if code == alpha3
    )
