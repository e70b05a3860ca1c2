"""The normalised form under which names and aliases are compared."""

import re
import unicodedata

# Typographic quotes and dashes compare equal to their ASCII forms.
_PUNCTUATION = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u2010": "-"}
)
_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Case-, accent- and spacing-insensitive key: "Türkiye " and "turkiye" are equal."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_PUNCTUATION))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped).strip().casefold()
