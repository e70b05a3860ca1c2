"""Word lists of the extractor, kept as data: each YAML file maps a name to phrases.

A phrase is a regular-expression fragment in which a space stands for any whitespace;
`alternation` joins a list of them into one group that matches whole words only.
"""

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).resolve().parent


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """The lexicon `name`.yaml of this folder, read once."""
    with (_HERE / f"{name}.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def alternation(phrases: list[str]) -> str:
    """One non-capturing group of `phrases`, longest first, bounded by word edges."""
    ordered = sorted(phrases, key=len, reverse=True)
    return r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in ordered) + r")\b"
