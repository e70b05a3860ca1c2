"""Word lists of the extractor, kept as data: each YAML file here is read once."""

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).resolve().parent


@cache
def lexicon(name: str) -> Any:
    """The parsed content of `name`.yaml in this folder."""
    with (_HERE / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def alternation(words: list[str]) -> str:
    """A regex alternation of words and phrases, longest first; a space matches any spacing."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
