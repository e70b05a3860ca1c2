"""The period of a row from freqCode, refYear, refMonth and period: a year or a month."""

import calendar
from dataclasses import dataclass
from datetime import date

from app.ingest.comtrade.areas import RowProblem


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str  # "2022" or "March 2022", as the API labels periods


def _number(name: str, raw: str, low: int, high: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise RowProblem(f"{name} {raw!r} is not a number") from None
    if not low <= value <= high:
        raise RowProblem(f"{name} {value} is not between {low} and {high}")
    return value


def period_of(
    freq: str | None, ref_year: str | None, ref_month: str | None, period: str | None
) -> Period:
    """Annual (A) or monthly (M); refYear/refMonth and period must agree where both are given."""
    if freq is None:
        freq = "M" if period is not None and len(period) == 6 else "A"
    freq = freq.upper()
    if freq not in ("A", "M"):
        raise RowProblem(f"freqCode {freq!r} is neither A (annual) nor M (monthly)")
    if period is not None and (not period.isdigit() or len(period) != (4 if freq == "A" else 6)):
        raise RowProblem(f"period {period!r} is not {'YYYY' if freq == 'A' else 'YYYYMM'}")
    year_text = ref_year if ref_year is not None else period[:4] if period else None
    if year_text is None:
        raise RowProblem("no year: refYear and period are both empty")
    year = _number("refYear", year_text, 1900, 2200)
    if period is not None and period[:4] != str(year):
        raise RowProblem(f"period {period} is not in refYear {year}")
    if freq == "A":
        return Period(date(year, 1, 1), date(year, 12, 31), str(year))
    month_text = ref_month if ref_month is not None else period[4:] if period else None
    if month_text is None:
        raise RowProblem("a monthly row without refMonth or period")
    month = _number("refMonth", month_text, 1, 12)
    if period is not None and int(period[4:]) != month:
        raise RowProblem(f"period {period} is not refMonth {month}")
    last = calendar.monthrange(year, month)[1]
    return Period(
        date(year, month, 1), date(year, month, last), f"{calendar.month_name[month]} {year}"
    )
