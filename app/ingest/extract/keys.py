"""Keys of facts: lowercase slugs, unique within a fact file."""

import re
import unicodedata
from decimal import Decimal


def slugify(text: str, *, max_words: int = 8) -> str:
    """ "Alikhan Smailov" -> "alikhan-smailov"; accents dropped, at most `max_words` words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words]) or "fact"


def money_words(value: Decimal) -> str:
    """A short spoken form of an amount for keys: 2000000000 -> "2-billion"."""
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size:
            number = format((value / size).normalize(), "f").replace(".", "-")
            return f"{number}-{word}"
    return format(value.normalize(), "f").replace(".", "-")


class KeyMaker:
    """Hands out keys, adding -2, -3... when a key is taken."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def make(self, text: str) -> str:
        base = slugify(text, max_words=12)[:180].rstrip("-")
        key, n = base, 1
        while key in self._taken:
            n += 1
            key = f"{base}-{n}"
        self._taken.add(key)
        return key


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: long word lists stay readable."""
    return frozenset(text.split())
