"""Lexicon entries that are regular-expression fragments ("goals?", "memorand(?:um|ums|a)"),
for word lists whose entries need plurals, alternatives or look-arounds."""


def whole_words(fragments: list[str]) -> str:
    """One group of `fragments`, longest first, matching whole words only; a space in a
    fragment matches any spacing."""
    ordered = sorted(fragments, key=len, reverse=True)
    return r"\b(?:" + "|".join(f.replace(" ", r"\s+") for f in ordered) + r")\b"
