"""Currency signs, codes and words, and the ISO 4217 code each one stands for."""

import re
from collections.abc import Collection

import pycountry

# Codes that are also English words in capitals ("ALL", "TOP") are left out.
ISO_CODES = frozenset(c.alpha_3 for c in pycountry.currencies) - {
    "ALL",
    "BOB",
    "BOV",
    "CUP",
    "MOP",
    "PEN",
    "SOS",
    "TOP",
    "XTS",
    "XXX",
}

# Signs and codes written before the number ("US$757", "€200m", "USD 1.2 billion").
PREFIXES: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "₸": "KZT",
    "¥": "CNY",
    "₺": "TRY",
    "₼": "AZN",
    "₾": "GEL",
    "֏": "AMD",
}
PREFIX = r"U\.?S\.?\s?\$|\$|€|£|₽|₸|¥|₺|₼|₾|֏|(?:" + "|".join(sorted(ISO_CODES)) + r")(?=\s?\d)"

# Words written after the number; the country adjective, when given, decides.
_WORDS: dict[str, str] = {
    "dollar": "USD",
    "euro": "EUR",
    "ruble": "RUB",
    "rouble": "RUB",
    "tenge": "KZT",
    "som": "KGS",
    "soum": "UZS",
    "sum": "UZS",
    "so'm": "UZS",
    "somoni": "TJS",
    "manat": "AZN",
    "lari": "GEL",
    "dram": "AMD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "lira": "TRY",
    "rial": "IRR",
    "riyal": "SAR",
    "dirham": "AED",
    "rupee": "INR",
    "yen": "JPY",
    "won": "KRW",
    "hryvnia": "UAH",
    "pound sterling": "GBP",
    "swiss franc": "CHF",
}
_ADJECTIVES: dict[tuple[str, str], str] = {
    ("belarusian", "ruble"): "BYN",
    ("belarusian", "rouble"): "BYN",
    ("uzbek", "som"): "UZS",
    ("turkmen", "manat"): "TMT",
    ("omani", "rial"): "OMR",
    ("qatari", "riyal"): "QAR",
    ("pakistani", "rupee"): "PKR",
}
# An ambiguous word resolves by the countries the document is about.
_BY_COUNTRY: dict[str, dict[str, str]] = {
    "manat": {"TKM": "TMT", "AZE": "AZN"},
    "som": {"UZB": "UZS", "KGZ": "KGS"},
    "rupee": {"PAK": "PKR", "IND": "INR"},
}
SUFFIX = (
    r"(?:(?P<adj>[A-Z][a-z]+|U\.?S\.?)\s)?"
    r"(?P<word>dollars?|euros?|rubles?|roubles?|tenge|soms?|soums?|sums?|so'm|somoni|manats?"
    r"|lari|drams?|yuan|renminbi|liras?|lire|rials?|riyals?|dirhams?|rupees?|yen|won"
    r"|hryvnias?|pounds sterling|swiss francs?"
    r"|(?:" + "|".join(sorted(ISO_CODES)) + r")(?![A-Za-z]))"
)


def prefix_code(sign: str) -> str:
    """The code of a sign or code written before the number."""
    compact = re.sub(r"[\s.]", "", sign)
    return PREFIXES.get(compact, PREFIXES.get(sign, compact))


def suffix_code(word: str, adjective: str | None, countries: Collection[str]) -> str:
    """The code of a currency word written after the number."""
    if word in ISO_CODES:
        return word
    lowered = word.lower()
    base = _singular(lowered)
    adj = (adjective or "").lower().replace(".", "")
    if (adj, base) in _ADJECTIVES:
        return _ADJECTIVES[(adj, base)]
    for country, code in _BY_COUNTRY.get(base, {}).items():
        if country in countries:
            return code
    return _WORDS[base]


def _singular(word: str) -> str:
    if word in ("lire", "liras"):
        return "lira"
    if word == "pounds sterling":
        return "pound sterling"
    if word in _WORDS:
        return word
    return word[:-1] if word.endswith("s") and word[:-1] in _WORDS else word
