"""Cities that datelines and releases name, with their country (ISO 3166-1 alpha-3).

A dateline city hints at the reporting country; a named city can become a place fact.
"""

import re
from functools import cache
from typing import TYPE_CHECKING, Literal

from app.ingest.facts import PlaceFact

if TYPE_CHECKING:
    from app.ingest.extract.context import DocumentContext

CITIES: dict[str, str] = {
    # Kazakhstan
    "Astana": "KAZ", "Nur-Sultan": "KAZ", "Almaty": "KAZ", "Shymkent": "KAZ", "Taraz": "KAZ",
    "Aktobe": "KAZ", "Aktau": "KAZ", "Atyrau": "KAZ", "Karaganda": "KAZ", "Pavlodar": "KAZ",
    "Oskemen": "KAZ", "Ust-Kamenogorsk": "KAZ", "Turkistan": "KAZ", "Kostanay": "KAZ",
    "Kyzylorda": "KAZ", "Semey": "KAZ", "Petropavl": "KAZ", "Uralsk": "KAZ", "Oral": "KAZ",
    # Kyrgyzstan
    "Bishkek": "KGZ", "Osh": "KGZ", "Jalal-Abad": "KGZ", "Karakol": "KGZ", "Naryn": "KGZ",
    "Batken": "KGZ", "Talas": "KGZ", "Cholpon-Ata": "KGZ",
    # Uzbekistan
    "Tashkent": "UZB", "Samarkand": "UZB", "Bukhara": "UZB", "Andijan": "UZB",
    "Namangan": "UZB", "Fergana": "UZB", "Khiva": "UZB", "Nukus": "UZB", "Termez": "UZB",
    "Navoi": "UZB", "Karshi": "UZB", "Urgench": "UZB",
    # Tajikistan
    "Dushanbe": "TJK", "Khujand": "TJK", "Bokhtar": "TJK", "Kulob": "TJK", "Khorog": "TJK",
    # Turkmenistan
    "Ashgabat": "TKM", "Turkmenbashi": "TKM", "Dashoguz": "TKM",
    "Turkmenabat": "TKM",
    # Caucasus
    "Baku": "AZE", "Ganja": "AZE", "Sumgait": "AZE", "Tbilisi": "GEO", "Batumi": "GEO",
    "Kutaisi": "GEO", "Poti": "GEO", "Yerevan": "ARM", "Gyumri": "ARM",
    # Neighbours and partners
    "Moscow": "RUS", "Saint Petersburg": "RUS", "St. Petersburg": "RUS", "Kazan": "RUS",
    "Novosibirsk": "RUS", "Omsk": "RUS", "Orenburg": "RUS", "Astrakhan": "RUS",
    "Beijing": "CHN", "Shanghai": "CHN", "Urumqi": "CHN", "Xi'an": "CHN", "Khorgos": "CHN",
    "Ankara": "TUR", "Istanbul": "TUR", "Tehran": "IRN", "Tabriz": "IRN", "Mashhad": "IRN",
    "Kabul": "AFG", "Islamabad": "PAK", "New Delhi": "IND", "Minsk": "BLR", "Kyiv": "UKR",
    "Ulaanbaatar": "MNG", "Seoul": "KOR", "Tokyo": "JPN", "Berlin": "DEU", "Paris": "FRA",
    "Rome": "ITA", "London": "GBR", "Washington": "USA", "Abu Dhabi": "ARE", "Dubai": "ARE",
    "Riyadh": "SAU", "Doha": "QAT", "Cairo": "EGY", "Budapest": "HUN", "Warsaw": "POL",
    "Brussels": "BEL", "Vienna": "AUT", "Prague": "CZE", "Kuala Lumpur": "MYS",
    "Jakarta": "IDN", "Hanoi": "VNM", "Muscat": "OMN", "Kuwait City": "KWT",
}  # fmt: skip


def city_country(name: str) -> str | None:
    """The country of a city written in any capitalisation ("ASTANA", "Astana")."""
    for city, code in CITIES.items():
        if city.lower() == name.strip().lower():
            return code
    return None


def find_places(ctx: "DocumentContext") -> list[PlaceFact]:
    """Known cities the sentences name ("in Taraz", "Osh and Khujand"), once each, in order."""
    found: dict[str, PlaceFact] = {}
    for info in ctx.sentences:
        for match in _city_pattern().finditer(info.text):
            city = match.group(0)
            # "Aktobe, and Jalal-Abad Regions", "Osh region": the region of that name.
            region = _REGION_AFTER.match(info.text, match.end())
            name = f"{city} Region" if region else city
            if name not in found:
                kind: Literal["city", "region"] = "region" if region else "city"
                found[name] = PlaceFact(name=name, kind=kind, country=CITIES[city])
    return list(found.values())


_REGION_AFTER = re.compile(
    r"(?:,?\s+and\s+[A-Z][\w-]+)?\s+(?:[Rr]egions?|[Oo]blasts?|[Pp]rovinces?)\b"
)


@cache
def _city_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(c) for c in sorted(CITIES, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")
