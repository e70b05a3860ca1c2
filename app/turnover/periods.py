"""Periods in Python: a year earlier, and the label of a shifted period."""

import re
from datetime import date, timedelta


def year_earlier(day: date) -> date:
    """Same day a year earlier; month ends stay month ends (29 Feb 2024 -> 28 Feb 2023)."""
    following = day + timedelta(days=1)
    return following.replace(year=following.year - 1) - timedelta(days=1)


def label_year_earlier(label: str, year: int) -> str:
    """'January-July 2023' -> 'January-July 2022'; a label without its year gets one."""
    shifted, count = re.subn(rf"\b{year}\b", str(year - 1), label)
    return shifted if count else f"{label} ({year - 1})"
