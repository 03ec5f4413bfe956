"""A generic CSV of events -> Entries: each field of an event from a column the editor names (`--map
date=When`), by default the column named as the field (case-insensitive).

Cells are plain text (not HTML: a `<b>` in a CSV is what the author typed). A date cell is read as
`timeline date` reads it; a slash date such as `05/06/2025` needs `--day-first` or `--month-first`, and is
refused without one (one that reads only one way, `25/12/2025`, is read).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import InvalidDataError, Problem, UsageError
from ..names import fold
from .build import Entry, Report
from .datecells import CellError, cell_date, interval
from .sheet import Row, Sheet

__all__ = ["FIELDS", "parse_map", "read_csv_entries"]

# field -> what it becomes; `date` and `title` are required.
FIELDS = {
    "id": "the event's id (a lowercase slug); made from date and title when empty",
    "date": "the date (EDTF, 2025-05-13, May 2025, c. 2025, 2025年5月頃, 5/13/2025 with --month-first ...)",
    "end": "the end of an interval, when the sheet has a column for it",
    "title": "the headline",
    "summary": "the summary; the title when empty",
    "topic": "a topic name (one per event)",
    "url": "links (separated by spaces), listed in the notes as candidate sources",
    "notes": "notes for an editor",
}
REQUIRED = ("date", "title")
_WEB = re.compile(r"https?://\S+", re.IGNORECASE)


def parse_map(pairs: Sequence[str]) -> dict[str, str]:
    """`--map field=Column` options as {field: column}. UsageError for an unknown field or a malformed pair."""
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise UsageError(f"--map '{pair}': write FIELD=COLUMN, e.g. --map date=When")
        if field not in FIELDS:
            raise UsageError(f"--map '{pair}': '{field}' is not a field", hint="fields: " + ", ".join(FIELDS))
        if field in mapping:
            raise UsageError(f"--map '{pair}': {field} is already mapped to '{mapping[field]}'",
                             hint="map each field once: one column gives a field")
        mapping[field] = column.strip()
    return mapping


def _columns(sheet: Sheet, mapping: dict[str, str]) -> dict[str, str]:
    """Each field's column in the sheet's own spelling; InvalidDataError for a mapped or required one missing."""
    by_fold = {fold(name): name for name in reversed(sheet.header) if name}
    found, problems = {}, []
    for field in FIELDS:
        wanted = mapping.get(field, field)
        if fold(wanted) in by_fold:
            found[field] = by_fold[fold(wanted)]
        elif field in mapping or field in REQUIRED:
            problems.append(Problem(sheet.file, 1, 1, "import-missing-column", f"no column '{wanted}' for {field} "
                                    f"in the header ({', '.join(sheet.header)[:200]})",
                                    f"name it: --map {field}=COLUMN"))
    if problems:
        raise InvalidDataError(problems)
    return found


def read_csv_entries(sheet: Sheet, report: Report, mapping: dict[str, str], *,
                     day_first: bool | None) -> list[Entry]:
    """The entries of a generic CSV; a row whose date cannot be read is an error (reported, the import stops)."""
    columns = _columns(sheet, mapping)
    entries = []
    for row in sheet.rows:
        entry = _entry(row, sheet, columns, report, day_first)
        if entry is not None:
            entries.append(entry)
    return entries


def _entry(row: Row, sheet: Sheet, columns: dict[str, str], report: Report, day_first: bool | None) -> Entry | None:
    cell = {field: row.get(name) for field, name in columns.items()}
    title = cell.get("title", "")
    if not title:
        report.add(row.line, sheet.column_number(columns["title"]), "import-dropped", "no title: the row is left out")
        report.skipped += 1
        return None
    sides = []
    for field in ("date", "end"):
        if not cell.get(field):
            sides.append("")
            continue
        try:
            edtf, timed = cell_date(cell[field], columns[field], day_first=day_first)
        except CellError as error:
            report.add(row.line, sheet.column_number(columns[field]), error.code, error.message, error.hint)
            return None
        if timed or _qualified(cell[field], edtf):
            report.add(row.line, sheet.column_number(columns[field]), "import-qualified-date" if not timed else
                       "import-dropped", f"{columns[field]} '{cell[field]}' read as {edtf}" +
                       ("; the time of day is left out" if timed else "; the original text is in the notes"))
        sides.append(edtf)
    if not sides[0]:
        report.add(row.line, sheet.column_number(columns["date"]), "import-bad-date", f"{columns['date']} is empty")
        return None
    notes = [(f"Date in the imported row: {cell[f]}", f"取り込んだ行の日付: {cell[f]}")
             for f, edtf in zip(("date", "end"), sides) if edtf and _qualified(cell[f], edtf)]
    if cell.get("notes"):
        notes.append((cell["notes"], cell["notes"]))
    if not cell.get("summary"):
        report.gather(row.line, "import-filled", "no summary: the summary is the title", "write a summary")
    try:
        date = interval(sides[0], sides[1], columns.get("end", "end"))
    except CellError as error:
        report.add(row.line, sheet.column_number(columns["end"]), error.code, error.message, error.hint)
        return None
    return Entry(row.line, date, title, cell.get("summary") or title, cell.get("topic", ""),
                 _links(cell.get("url", ""), row.line, sheet.column_number(columns.get("url", "")), report),
                 tuple(notes), cell.get("id", ""),
                 {"title": sheet.column_number(columns["title"])})


def _links(cell: str, line: int, column: int, report: Report) -> tuple[str, ...]:
    """The http(s) links of a url cell (no repeats); what else it holds is left out, and said (as a TimelineJS
    import says a link that is not http(s))."""
    words = cell.split()
    links = [word for word in words if _WEB.fullmatch(word)]
    if other := " ".join(word for word in words if not _WEB.fullmatch(word)):
        report.add(line, column, "import-dropped", f"a link that is not http(s) is left out: '{other[:80]}'",
                   "a candidate source is a web page: https://...")
    return tuple(dict.fromkeys(links))


def _qualified(typed: str, edtf: str) -> bool:
    """Whether reading the cell added a qualifier or a season (`c. 2025` -> `2025~`): the editor checks it."""
    return typed.strip() != edtf and (any(mark in edtf for mark in "~?%") or re.search(r"-2[1-4]\b", edtf) is not None)
