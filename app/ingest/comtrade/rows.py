"""Read a Comtrade-shaped CSV: each data line becomes a figure citing that line, or a problem.

Nothing here touches the database. The figures come out in batches as the lines are read, so
that a loader can write earlier batches while later lines are still being checked.
"""

import codecs
import csv
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path

from app.ingest.comtrade.areas import Aggregate, RowProblem, comtrade_areas
from app.ingest.comtrade.periods import Period, period_of

FLOWS = {"X": "export", "M": "import"}
# Parts of exports or imports (re-exports, processing trade, ...): not the bilateral total.
PART_FLOWS = frozenset({"RX", "RM", "DX", "FM", "XIP", "XOP", "MIP", "MOP", "MFR", "XFR"})
# Columns whose other values mean a breakdown of the total (by commodity, mode, procedure).
TOTAL_ONLY = {"cmdcode": "TOTAL", "partner2code": "0", "customscode": "C00", "motcode": "0"}
CENT = Decimal("0.01")
TOO_LARGE = Decimal(10) ** 18  # NUMERIC(20, 2) holds 18 digits before the point
PROGRESS_EVERY = 5000

# The figure's columns as COPY writes them; document_id is added once the document exists.
FIGURE_COLUMNS = (
    "reporter_code",
    "partner_code",
    "flow",
    "period_start",
    "period_end",
    "period_label",
    "amount",
    "value_usd",
    "quote",
    "char_start",
    "char_end",
)
Figure = tuple[str, str, str, object, object, str, Decimal, Decimal, str, int, int]


class FileProblem(ValueError):  # noqa: N818 - the file cannot be read at all
    """The file as a whole cannot be read (encoding, header)."""


@dataclass(frozen=True)
class BadRow:
    line: int
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.problem}"


@dataclass
class ParsedFile:
    path: Path
    text: str
    sha256: str
    figures: list[Figure] = field(default_factory=list)  # filled by parse_file only
    bad: list[BadRow] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    lines: int = 0  # data lines read (the header and blank lines not counted)


# The columns read, in the order LineReader unpacks them.
READ = (
    "cmdcode",
    "partner2code",
    "customscode",
    "motcode",
    "flowcode",
    "reportercode",
    "reporteriso",
    "partnercode",
    "partneriso",
    "freqcode",
    "refyear",
    "refmonth",
    "period",
    "primaryvalue",
)
EXPECTED_TOTALS = tuple(TOTAL_ONLY.values())


@dataclass(frozen=True)
class Columns:
    """Where each column we read sits in a line; a missing column reads as ""."""

    index: dict[str, int]
    delimiter: str
    width: int

    def picker(self) -> Callable[[list[str]], tuple[str, ...]]:
        """One C call that takes every column we read from a line's fields (plus a "")."""
        return itemgetter(*(self.index.get(name, self.width) for name in READ))

    def totals(self) -> tuple[str, ...]:
        """What the breakdown columns hold on a total row of this file."""
        return tuple(total if name in self.index else "" for name, total in TOTAL_ONLY.items())


def given(value: str) -> str | None:
    value = value.strip()
    return value or None


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the SHA-256 of its UTF-8 bytes (a byte-order mark is no content)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{path}: not UTF-8 text ({exc})") from exc
    if b"\x00" in raw:
        raise FileProblem(f"{path}: holds NUL bytes; is it really a CSV file?")
    # Valid UTF-8 decodes and encodes back to the same bytes: hash them, not a new copy.
    body = memoryview(raw)[len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0 :]
    return text, hashlib.sha256(body).hexdigest()


def header_columns(header: str) -> Columns:
    delimiter = "\t" if header.count("\t") > header.count(",") else ","
    names = [name.strip().lower() for name in next(csv.reader([header], delimiter=delimiter))]
    index = {name: at for at, name in reversed(list(enumerate(names))) if name}
    missing = [
        label
        for label, options in (
            ("reporterCode or reporterISO", ("reportercode", "reporteriso")),
            ("partnerCode or partnerISO", ("partnercode", "partneriso")),
            ("flowCode", ("flowcode",)),
            ("primaryValue", ("primaryvalue",)),
            ("refYear or period", ("refyear", "period")),
        )
        if not any(option in index for option in options)
    ]
    if missing:
        raise FileProblem(f"line 1: the header lacks {', '.join(missing)}")
    return Columns(index=index, delimiter=delimiter, width=len(names))


def read_file(path: Path) -> ParsedFile:
    """The file's text and hash, its header checked: what makes a whole file unreadable."""
    text, sha256 = read_text(path)
    header_columns(_content(text.partition("\n")[0]))
    return ParsedFile(path=path, text=text, sha256=sha256)


def check_rows(
    parsed: ParsedFile, progress: Callable[[int], None] | None = None, batch: int = 20_000
) -> Iterator[list[Figure]]:
    """Check every line, yielding its figures in batches of `batch` as they are read; the bad
    rows and the skipped ones are counted on `parsed`, complete once the iterator ends."""
    reader = LineReader(parsed)
    offset = 0
    for number, line in enumerate(parsed.text.split("\n"), start=1):
        start, offset = offset, offset + len(line) + 1
        content = _content(line)
        if number == 1:
            reader.start(header_columns(content))
        elif content.strip():
            reader.read(number, content, start)
            if len(reader.figures) >= batch:
                yield reader.take()
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
    if reader.figures:
        yield reader.take()


def parse_file(path: Path, progress: Callable[[int], None] | None = None) -> ParsedFile:
    """Check every line; the result lists the figures, the bad rows and the skipped ones."""
    parsed = read_file(path)
    for figures in check_rows(parsed, progress):
        parsed.figures.extend(figures)
    return parsed


def _content(line: str) -> str:
    return line[:-1] if line.endswith("\r") else line


class LineReader:
    """Turns one data line into a figure, a skip or a bad row.

    The hot path is kept lean (a 200,000-line file is read in well under a second):
    one split, one itemgetter, and caches of the areas and periods already seen.
    """

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.columns: Columns | None = None
        self.areas = comtrade_areas()
        self.countries: dict[tuple[str, str, str], str | Exception] = {}
        self.periods: dict[tuple[str, ...], Period | RowProblem] = {}
        self.seen: dict[tuple[object, ...], int] = {}
        self.figures: list[Figure] = []  # read and not yet taken

    def start(self, columns: Columns) -> None:
        self.columns = columns
        self.pick = columns.picker()
        self.totals = columns.totals()

    def take(self) -> list[Figure]:
        figures, self.figures = self.figures, []
        return figures

    def read(self, number: int, line: str, start: int) -> None:
        self.parsed.lines += 1
        try:
            figure = self._figure(line, start)
        except RowProblem as problem:
            self.parsed.bad.append(BadRow(number, str(problem)))
            return
        except Aggregate as aggregate:
            self.parsed.skipped[f"world or group of countries ({aggregate})"] += 1
            return
        except Skip as skip:
            self.parsed.skipped[str(skip)] += 1
            return
        key = figure[:5]
        if key in self.seen:
            self.parsed.bad.append(
                BadRow(
                    number,
                    f"same reporter, partner, flow and period as line {self.seen[key]}",
                )
            )
            return
        self.seen[key] = number
        self.figures.append(figure)

    def _fields(self, line: str) -> list[str]:
        assert self.columns is not None
        delimiter = self.columns.delimiter
        if '"' in line:
            try:
                fields = next(csv.reader([line], delimiter=delimiter, strict=True))
            except csv.Error as exc:
                raise RowProblem(f"not a CSV record ({exc})") from None
        else:
            fields = line.split(delimiter)
        if len(fields) != self.columns.width:
            raise RowProblem(f"{len(fields)} fields where the header has {self.columns.width}")
        fields.append("")  # what a column the file lacks reads as
        return fields

    def _figure(self, line: str, start: int) -> Figure:
        (cmd, partner2, customs, mode, flow_code, r_code, r_iso, p_code, p_iso, *when, value) = (
            self.pick(self._fields(line))
        )
        if (cmd, partner2, customs, mode) != self.totals:
            self._check_totals((cmd, partner2, customs, mode))
        flow = FLOWS.get(flow_code) or self._flow(flow_code)
        reporter = self._country("reporter", r_code, r_iso)
        partner = self._country("partner", p_code, p_iso)
        if reporter == partner:
            raise RowProblem(f"reporter and partner are both {reporter}")
        period = self.periods.get(tuple(when)) or self._period(tuple(when))
        if isinstance(period, RowProblem):
            raise period
        amount = self._value(value)
        return (
            reporter,
            partner,
            flow,
            period.start,
            period.end,
            period.label,
            amount,
            amount,
            line,
            start,
            start + len(line),
        )

    def _check_totals(self, values: tuple[str, ...]) -> None:
        for (name, total), value in zip(TOTAL_ONLY.items(), values, strict=True):
            found = given(value)
            if found is not None and found.upper() != total:
                raise Skip(f"breakdown rows ({name} other than {total})")

    @staticmethod
    def _flow(raw: str) -> str:
        code = raw.strip().upper()
        if code in FLOWS:
            return FLOWS[code]
        if code in PART_FLOWS:
            raise Skip(f"flows other than X and M ({code})")
        raise RowProblem(f"flowCode {raw!r} is neither X (export) nor M (import)")

    def _country(self, side: str, code: str, iso: str) -> str:
        key = (side, code, iso)
        found = self.countries.get(key)
        if found is None:
            try:
                found = self.areas.country(side, given(code), given(iso))
            except (RowProblem, Aggregate) as exc:
                found = exc
            self.countries[key] = found
        if isinstance(found, Exception):
            raise found
        return found

    def _period(self, when: tuple[str, ...]) -> Period | RowProblem:
        try:
            found: Period | RowProblem = period_of(*(given(value) for value in when))
        except RowProblem as problem:
            found = problem
        self.periods[when] = found
        return found

    @staticmethod
    def _value(raw: str) -> Decimal:
        try:
            value = Decimal(raw)
        except InvalidOperation:
            problem = "is empty" if not raw.strip() else f"{raw!r} is not a number"
            raise RowProblem(f"primaryValue {problem}") from None
        if not value.is_finite() or value < 0:
            raise RowProblem(f"primaryValue {raw!r} is not a non-negative amount")
        if value >= TOO_LARGE:
            raise RowProblem(f"primaryValue {raw!r} is too large")
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Skip(Exception):  # noqa: N818 - a signal, not an error
    """A valid row that is no bilateral total: counted, not loaded."""
