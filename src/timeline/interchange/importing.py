"""`timeline import`: another tool's timeline -> the values of one event file and a report (`timeline docs import`).

Formats: `timelinejs-csv` (a TimelineJS Google Sheet saved as CSV), `timelinejs` (TimelineJS JSON) and `csv`
(any CSV, its columns named with `--map`). Every row is read and every problem collected; errors (a date that
cannot be read, a missing column) stop the import with all of them, as InvalidDataError (exit 1). The values
are laid out by normalize's writer (normalize.canonical_document), which the CLI calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..dates import EventDate
from ..errors import InvalidDataError, Severity
from .build import Report, build_document
from .csvread import read_csv_entries
from .sheet import read_sheet
from .tjsread import read_json_entries, read_sheet_entries

__all__ = ["FORMATS", "Imported", "import_timeline"]

FORMATS = ("timelinejs-csv", "timelinejs", "csv")


@dataclass(frozen=True, slots=True)
class Imported:
    """The event file's values, the report (warnings and notices, by row), and what was read."""

    values: dict
    report: Report
    rows: int


def import_timeline(fmt: str, data: bytes, file: str, *, mapping: dict[str, str] | None = None,
                    day_first: bool | None = None, shown_as: Callable[[EventDate, str], str] | None = None) -> Imported:
    """Read `data` (the bytes of `file`) in format `fmt` into an event file's values.

    `shown_as` is how `timeline export` words a date (render.dates.format_date), to read back exactly what it
    wrote in a Display Date (`The 1990s`, `Winter 2 B.C.`). `mapping` ({field: column}) serves `csv`; `day_first` says how slash dates are written (None: TimelineJS's
    month-first for a legacy sheet's dates, and only unambiguous ones in a generic CSV).
    Raises InvalidDataError with every error found (file:row:column).
    """
    report = Report(file, shown_as=shown_as)
    if fmt == "timelinejs":
        title, entries = read_json_entries(data, file, report)
        rows = len(entries) + report.skipped
    else:
        sheet = read_sheet(data, file)
        _dropped_cells(sheet, report)
        if fmt == "csv":
            title, entries = "", read_csv_entries(sheet, report, mapping or {}, day_first=day_first)
        else:
            title, entries = read_sheet_entries(sheet, report, day_first=day_first)
        rows = len(sheet.rows)
    report.flush()
    errors = [problem for problem in report.problems if problem.severity is Severity.ERROR]
    if errors:
        raise InvalidDataError(errors)
    values = build_document(entries, title, report)
    report.problems.sort(key=lambda problem: problem.sort_key())
    return Imported(values, report, rows)


def _dropped_cells(sheet, report: Report) -> None:
    """What reading the sheet left out (a repeated column name, cells past the header): one warning for each
    thing, at its first row and column, naming the rows."""
    places: dict[str, list[tuple[int, int]]] = {}
    for line, column, message in sheet.dropped:
        places.setdefault(message, []).append((line, column))
    for message, found in places.items():
        report.add_rows([line for line, _ in found], "import-dropped", message, column=found[0][1])
