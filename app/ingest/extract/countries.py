"""Country names, official names, short forms and adjectives found in text."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import pycountry
import yaml

ALIASES_FILE = Path(__file__).resolve().parents[2] / "countries" / "aliases.yaml"
# Prefixes of hyphenated pairs ("Sino-Kazakh"): only before a hyphen and another country.
_COMBINING = {"Sino": "CHN", "Russo": "RUS", "Indo": "IND", "Turko": "TUR"}
# A short form that is a word elsewhere ("US$", "US dollars") is no country there.
_NOT_AFTER = {"USA": re.compile(r"^\s?(?:\$|-?dollars?)")}


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    code: str


@cache
def lexicon() -> dict[str, str]:
    """Every written form of a country, mapped to its alpha-3 code."""
    forms: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name and name[0].isupper() and not re.search(r"[,(]", name):
                forms.setdefault(name, country.alpha_3)
    with ALIASES_FILE.open(encoding="utf-8") as handle:
        aliases: dict[str, list[str]] = yaml.safe_load(handle) or {}
    for code, names in aliases.items():
        for name in names:
            forms[str(name)] = code
    for name, code in list(forms.items()):
        if len(name) >= 4:
            forms.setdefault(name.upper(), code)
    return forms


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted(lexicon(), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    combining = "|".join(_COMBINING)
    return re.compile(
        rf"(?<![\w])(?:(?P<name>{alternation})|(?P<combining>{combining})(?=[-–]\w))(?![\w])"
    )


def find_countries(text: str, *, skip: Iterable[tuple[int, int]] = ()) -> list[CountryMention]:
    """Country mentions in `text`, in order; spans in `skip` (money amounts) are ignored."""
    skipped = list(skip)
    found: list[CountryMention] = []
    combining: list[CountryMention] = []
    for match in _pattern().finditer(text):
        if any(s <= match.start() < e for s, e in skipped):
            continue
        name = match.group("name")
        if name is None:
            mention = CountryMention(match.start(), match.end(), _COMBINING[match["combining"]])
            combining.append(mention)
            found.append(mention)
            continue
        code = lexicon()[name]
        guard = _NOT_AFTER.get(code)
        if name in ("US", "U.S.") and guard and guard.match(text[match.end() :]):
            continue
        found.append(CountryMention(match.start(), match.end(), code))
    # "Indo-Pacific" is no country: a combining form needs a country right after its hyphen.
    starts = {m.start for m in found if m not in combining}
    return [m for m in found if m not in combining or m.end + 1 in starts]


def distinct(mentions: Iterable[CountryMention]) -> list[str]:
    """Codes in order of first mention."""
    codes: list[str] = []
    for mention in mentions:
        if mention.code not in codes:
            codes.append(mention.code)
    return codes


_JOINT = re.compile(r"^(?:\s*[-–—/]\s*|\s+and\s+(?:the\s+)?|,\s+(?:and\s+)?(?:the\s+)?)$")


def joined_pairs(text: str, mentions: list[CountryMention]) -> list[tuple[str, str]]:
    """Pairs written together: "Kazakh-Kyrgyz", "Uzbekistan and Tajikistan", "Sino-Kazakh"."""
    pairs: list[tuple[str, str]] = []
    for left, right in pairwise(mentions):
        if left.code != right.code and _JOINT.match(text[left.end : right.start]):
            pairs.append((left.code, right.code))
    return pairs
