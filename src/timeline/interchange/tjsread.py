"""TimelineJS's two shapes read into Entries: a Google Sheet saved as CSV and the JSON file.

The sheet is read as TimelineJS3's own CSV reader reads it (ConfigFactory.js, extractEventFromCSVObject):
headers matched as its older readers key them (timelinejs.header_key), the 18-column template with the newer
19th `Alt Text`, or a legacy sheet's `Start Date`/`End Date` (read as TimelineJS does: `m/d/yyyy` unless
`--day-first`) and `Tag`; a `Type` of `title` is the title (the first one; later ones are events, as TimelineJS
shows them), `era` rows are left out. Media and background cells are counted and reported as left out.
"""

from __future__ import annotations

import codecs
import datetime
import json
import re
from bisect import bisect_right

from ..errors import InvalidDataError, Problem, ProblemLog
from ..format import surrogate_half
from ..load import MAX_SCALAR
from ..reader.decode import byte_position
from .build import Entry, Report
from .datecells import CellError, cell_date, interval, parts_date, time_cell, timed_date, whole_number
from .htmltext import reduce_html
from .sheet import Row, Sheet
from .slides import Slide, entry_of
from .timelinejs import (DATE_PARTS, EXTRA_COLUMNS, LEGACY_COLUMNS, SHEET_COLUMNS, TYPE_ERA, TYPE_TITLE,
                         header_key)

__all__ = ["read_json_entries", "read_sheet_entries"]

_READ = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
         "Headline", "Text", "Type", "Group", *LEGACY_COLUMNS)
_LEFT_OUT = tuple(name for name in (*SHEET_COLUMNS, *EXTRA_COLUMNS) if name not in _READ)  # media, background


class _Columns:
    """The sheet's own spelling of each template column (`end year` and `End Year` are one column to TimelineJS)."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.spelled = {header_key(name): name for name in reversed(sheet.header) if name}

    def name(self, column: str) -> str:
        return self.spelled.get(header_key(column), "")

    def cell(self, row: Row, column: str) -> str:
        return row.get(self.name(column)) if self.name(column) else ""

    def number(self, column: str) -> int:
        return self.sheet.column_number(self.name(column))


def read_sheet_entries(sheet: Sheet, report: Report, *, day_first: bool | None) -> tuple[str, list[Entry]]:
    """The title and the entries of a TimelineJS sheet. InvalidDataError when the sheet lacks the columns."""
    columns = _Columns(sheet)
    legacy = bool(columns.name("Start Date") or columns.name("End Date"))
    if not legacy and not columns.name("Year") or not (columns.name("Headline") or columns.name("Text")):
        raise InvalidDataError([Problem(sheet.file, 1, 1, "import-missing-column", "the header has no "
                                        f"{'Headline or Text' if legacy or columns.name('Year') else 'Year'} column "
                                        "of TimelineJS's template", "the first row that is not blank is the header: "
                                        "Year, Month, Day, ..., Headline, Text (or a legacy Start Date)")])
    _left_out_columns(sheet, columns, report)
    title, entries = "", []
    for row in sheet.rows:
        kind = columns.cell(row, "Type").lower()
        if kind == TYPE_ERA:
            report.add(row.line, columns.number("Type"), "import-dropped", "an era row is left out (timeline has no "
                       "eras)", "eras can become events of their own, or a topic")
            continue
        if kind == TYPE_TITLE and not title:
            title = _title(columns.cell(row, "Headline"), columns.cell(row, "Text"), row.line, report)
            continue
        entry = _row_entry(row, columns, legacy, day_first, report)
        if entry is not None:
            entries.append(entry)
    return title, entries


def _title(headline: str, text: str, line: int, report: Report) -> str:
    """The title row's headline as the timeline's title (its text has no place: said)."""
    if reduce_html(text).text:
        report.add(line, 1, "import-dropped", "the title row's text is left out (a timeline has a title only)")
    return reduce_html(headline).line or reduce_html(text).line


def _row_entry(row: Row, columns: _Columns, legacy: bool, day_first: bool | None, report: Report) -> Entry | None:
    try:
        date = _legacy_date(row, columns, day_first, report) if legacy else _parts_date(row, columns, report)
    except _At as error:
        report.add(row.line, columns.number(error.column), error.error.code, error.error.message, error.error.hint)
        return None
    slide = Slide(row.line, date, columns.cell(row, "Display Date"), columns.cell(row, "Headline"),
                  columns.cell(row, "Text"), columns.cell(row, "Group") or columns.cell(row, "Tag"),
                  columns={"display": columns.number("Display Date"), "title": columns.number("Headline"),
                           "summary": columns.number("Text")})
    return entry_of(slide, report)


class _At(Exception):
    """A CellError and the column it is in."""

    def __init__(self, column: str, error: CellError):
        super().__init__(error.message)
        self.column, self.error = column, error


def _parts_date(row: Row, columns: _Columns, report: Report) -> str:
    start = _parts(row, columns, ("Year", "Month", "Day"))
    if start is None:
        raise _At("Year", CellError("import-bad-date", "no Year: TimelineJS needs a date for every event",
                                    "give the Year (Month and Day when the sources give them)"))
    end = _parts(row, columns, ("End Year", "End Month", "End Day"))
    return _times(row, columns, _interval(start, end, "End Year"), report)


def _parts(row: Row, columns: _Columns, names: tuple[str, str, str]) -> str | None:
    """EDTF of one side's parts, None when all three are empty."""
    values = []
    for name, part in zip(names, DATE_PARTS, strict=True):
        try:
            values.append(whole_number(columns.cell(row, name), name, part))
        except CellError as error:
            raise _At(name, error) from None
    if all(value is None for value in values):
        return None
    try:
        return parts_date(*values, names[0], names)
    except CellError as error:
        raise _At(names[error.part], error) from None


def _times(row: Row, columns: _Columns, date: str, report: Report) -> str:
    """The date with the Time cell's time of day when the Display Date names its zone; a time that cannot be kept
    (no zone, an interval's, the End Time) is reported left out."""
    try:
        clock = time_cell(columns.cell(row, "Time"), "Time")
    except CellError as error:
        raise _At("Time", error) from None
    timed = None if clock is None or "/" in date else timed_date(date, clock, columns.cell(row, "Display Date"))
    for name in ("Time", "End Time"):
        if columns.cell(row, name) and (name == "End Time" or timed is None):
            why = "an interval's ends are days" if "/" in date or name == "End Time" else \
                "the Display Date names no zone (a time without one names no moment)"
            report.add(row.line, columns.number(name), "import-dropped", f"{name} '{columns.cell(row, name)}' is "
                       f"left out: {why}", "write the zone in the Display Date (3:05 p.m. ET, Oct. 10, 2025) or say "
                       "the time in the summary")
    return timed or date


def _legacy_date(row: Row, columns: _Columns, day_first: bool | None, report: Report) -> str:
    sides = []
    for name in ("Start Date", "End Date"):
        cell = columns.cell(row, name)
        if not cell:
            sides.append(None)
            continue
        try:
            edtf, timed = cell_date(cell, name, day_first=False if day_first is None else day_first)
        except CellError as error:
            raise _At(name, error) from None
        if timed:
            report.add(row.line, columns.number(name), "import-dropped", f"the time of day in {name} '{cell}' is "
                       "left out: an event's date is a day at most")
        sides.append(edtf)
    if sides[0] is None:
        raise _At("Start Date", CellError("import-bad-date", "no Start Date: TimelineJS needs a date for every event"))
    return _interval(sides[0], sides[1], "End Date")


def _interval(start: str, end: str | None, column: str) -> str:
    try:
        return interval(start, end, column)
    except CellError as error:
        raise _At(column, error) from None


def _left_out_columns(sheet: Sheet, columns: _Columns, report: Report) -> None:
    """One problem per media, background or unknown column with cells: how many were left out, at the first row
    that had one, naming the rows."""
    known = {header_key(name) for name in (*_READ, *_LEFT_OUT)}
    for name in sheet.header:
        filled = [row.line for row in sheet.rows if row.get(name)]
        if not name or not filled:
            continue
        if header_key(name) in known and header_key(name) not in {header_key(n) for n in _LEFT_OUT}:
            continue
        what = "timeline keeps no media or backgrounds" if header_key(name) in known else \
            "not a column of TimelineJS's template"
        report.add_rows(filled, "import-dropped", f"{name}: {len(filled)} cell(s) left out ({what})",
                        column=sheet.column_number(name))


# -- JSON ------------------------------------------------------------------------------------------------------

_JSON_ESCAPE = re.compile(r"\\(?:u([dD][89a-fA-F][0-9a-fA-F]{2})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?|.)", re.S)


def _lone_surrogates(text: str, file: str) -> list[Problem]:
    """Each `\\ud83d` escape that is half of a surrogate pair without its other half: json reads it into a str that
    no file can hold (a writer cut a character in two). A whole pair (`\\ud83d\\uddf3`) is the character 🗳.
    One pass, lines counted as it goes; at most ProblemLog.limit listed, then how many more."""
    problems, line, line_start, counted = ProblemLog(), 1, 0, 0
    for escape in _JSON_ESCAPE.finditer(text):
        half = escape.group(1)
        if half and (escape.group(2) is None or int(half, 16) > 0xDBFF):
            breaks = text.count("\n", counted, escape.start())
            if breaks:  # only the text since the last escape is looked at: linear on a one-line file too
                line, line_start = line + breaks, text.rfind("\n", counted, escape.start()) + 1
            counted = escape.start()
            problems.append(Problem(file, line, counted - line_start + 1, "syntax", surrogate_half(f"\\u{half}"),
                                    "write the character itself, or both halves (😀 is `\\ud83d\\ude00`)"))
    return [*problems, *problems.overflow()]


def read_json_entries(data: bytes, file: str, report: Report) -> tuple[str, list[Entry]]:
    """The title and entries of a TimelineJS JSON file (https://timeline.knightlab.com/docs/json-format.html)."""
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode("utf-8")
        root = json.loads(text, parse_constant=_refuse_constant)
    except UnicodeDecodeError as error:
        raise InvalidDataError([Problem(file, *byte_position(body, error.start), "encoding",
                                        f"byte 0x{body[error.start]:02x} is not UTF-8",
                                        "save the file as UTF-8")]) from None
    except json.JSONDecodeError as error:
        raise InvalidDataError([Problem(file, error.lineno, error.colno, "syntax", f"not JSON: {error.msg}")]) from None
    except ValueError as error:  # a number of more than 4300 digits (int max str digits), NaN, Infinity
        what = "a number of more than 4300 digits" if "digits" in str(error) else str(error)
        raise InvalidDataError([Problem(file, 1, 1, "syntax", f"not JSON that TimelineJS reads: {what}")]) from None
    except RecursionError:
        raise InvalidDataError([Problem(file, 1, 1, "syntax", "not JSON that TimelineJS reads: arrays or objects "
                                        "nested too deep")]) from None
    halves = _lone_surrogates(text, file)
    if halves:
        raise InvalidDataError(halves)
    if not isinstance(root, dict) or not isinstance(root.get("events"), list):
        raise InvalidDataError([Problem(file, 1, 1, "import-missing-column", "no `events` list: not a TimelineJS "
                                        "JSON file", "TimelineJS JSON is {\"title\": ..., \"events\": [...]}")])
    lines = _slide_lines(text)
    title_slide = root.get("title") if isinstance(root.get("title"), dict) else {}
    slide_text = _text(title_slide, "title", report, 1)
    title = _title(slide_text.get("headline", ""), slide_text.get("text", ""), 1, report)
    if isinstance(root.get("eras"), list) and root["eras"]:
        report.add(1, 1, "import-dropped", f"{len(root['eras'])} era(s) left out (timeline has no eras)")
    entries = []
    for index, slide in enumerate(root["events"]):
        line = lines[index] if index < len(lines) else 1
        try:
            entry = _json_entry(slide if isinstance(slide, dict) else {}, f"events[{index}]", line, report)
        except (RecursionError, ValueError):  # str() of a value nested a thousand deep
            report.add(line, 1, "syntax", f"events[{index}]: a value nested too deep to read")
            continue
        if entry is not None:
            entries.append(entry)
    report.flush()
    return title, entries


def _refuse_constant(name: str) -> object:
    """NaN and Infinity are not JSON (json reads them; a browser's JSON.parse, hence TimelineJS, refuses them)."""
    raise ValueError(f"{name} is not a JSON number")


def _json_entry(slide: dict, where: str, line: int, report: Report) -> Entry | None:
    for key in ("media", "background"):
        if slide.get(key):
            report.gather(line, "import-dropped", f"{key} left out (timeline keeps no media or backgrounds)")
    try:
        start = _json_date(slide.get("start_date"), "start_date", where, report, line)
        if start is None:
            raise CellError("import-bad-date", f"{where}: no start_date with a year")
        end = _json_date(slide.get("end_date"), "end_date", where, report, line)
        date = _interval(start, end, "end_date")
        date = _json_time(slide, date, where, report, line)
    except CellError as error:
        report.add(line, 1, error.code, error.message, error.hint)
        return None
    except _At as error:
        report.add(line, 1, error.error.code, f"{where}: {error.error.message}", error.error.hint)
        return None
    start_date = slide.get("start_date") if isinstance(slide.get("start_date"), dict) else {}
    display = _json_text(slide, "display_date", where, report, line) or \
        _json_text(start_date, "display_date", f"{where}.start_date", report, line)
    text = _text(slide, where, report, line)
    for key, value in (*text.items(), ("display_date", display)):
        if len(value) > MAX_SCALAR:  # before the HTML is read: a longer value is refused, not worked through
            report.add(line, 1, "too-large", f"{where}: {key} of {len(value)} characters (limit {MAX_SCALAR})",
                       "a value is a few hundred characters: shorten it")
            return None
    group = _json_text(slide, "group", where, report, line)
    unique_id = _json_text(slide, "unique_id", where, report, line)
    return entry_of(Slide(line, date, display.strip(), text.get("headline", ""), text.get("text", ""),
                          group.strip(), unique_id, where=where), report, "display_date")


def _text(slide: dict, where: str, report: Report, line: int) -> dict[str, str]:
    """A slide's `text` object: its headline and text, as _json_text reads them."""
    text = slide.get("text")
    if not isinstance(text, dict):
        return {}
    return {key: _json_text(text, key, f"{where}.text", report, line) for key in ("headline", "text") if key in text}


def _json_text(mapping: dict, key: str, where: str, report: Report, line: int) -> str:
    """A value TimelineJS shows as text: a string; a number as JSON writes it (`"group": 5` is the group "5", as
    the browser shows it); "" for none. Anything else (true, a list, an object) is left out, and said."""
    value = mapping.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    shown = json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return shown
    report.add(line, 1, "import-dropped", f"{where}.{key} {shown[:60]} left out: it is not text",
               f"write the {key} as text in quotes")
    return ""


def _json_date(value: object, key: str, where: str, report: Report, line: int) -> str | None:
    if not isinstance(value, dict) or value.get("year") in (None, ""):
        return None
    parts = [whole_number(_json_cell(value.get(part)), f"{where}.{key}.{part}", part) for part in DATE_PARTS]
    return parts_date(*parts, f"{where}.{key}", tuple(f"{where}.{key}.{part}" for part in DATE_PARTS))


def _json_cell(value: object) -> str:
    """A JSON date part as a cell: None and "" are empty; 0 is year 0 (1 B.C.), never empty; any other value
    as JSON writes it (`true`, `[1]`), as the report quotes it."""
    if value is None or isinstance(value, str):
        return value or ""
    return json.dumps(value, ensure_ascii=False)


def _json_time(slide: dict, date: str, where: str, report: Report, line: int) -> str:
    """The date with start_date's hour/minute/second when the display date names its zone, else the date, the
    time reported left out (an end's time always: an interval's ends are days)."""
    start, end = (slide.get(key) if isinstance(slide.get(key), dict) else {} for key in ("start_date", "end_date"))
    has = [any(side.get(part) not in (None, "") for part in ("hour", "minute", "second", "millisecond"))
           for side in (start, end)]
    timed = None
    if has[0] and "/" not in date:
        parts = [whole_number(_json_cell(start.get(part)) or "0", f"{where}.start_date.{part}", part)
                 for part in ("hour", "minute", "second")]
        try:
            clock = datetime.time(*parts)  # type: ignore[arg-type]
        except (ValueError, TypeError):
            raise CellError("import-bad-date", f"{where}: start_date's hour, minute and second are no time of day") \
                from None
        display = slide.get("display_date") or start.get("display_date") or ""
        timed = timed_date(date, clock, display if isinstance(display, str) else "")
    if (has[0] and timed is None) or has[1]:
        report.gather(line, "import-dropped", "a time of day left out: only a single day's, with its zone in "
                      "display_date, is kept")
    return timed or date


def _slide_lines(text: str) -> list[int]:
    """The line each slide of `events` starts on, found by walking the top-level object with the decoder (json
    gives no positions); empty when the walk does not get there."""
    decoder, index = json.JSONDecoder(), 0
    try:
        index = _skip(text, index, "{")
        while True:
            key, index = decoder.raw_decode(text, _skip(text, index))
            index = _skip(text, index, ":")
            if key == "events":
                return _item_lines(text, _skip(text, index, "["), decoder)
            _, index = decoder.raw_decode(text, _skip(text, index))
            index = _skip(text, index, ",")
    except (ValueError, IndexError, RecursionError):
        return []


def _item_lines(text: str, index: int, decoder: json.JSONDecoder) -> list[int]:
    """The line of each item of the array at `index`: the line starts are found once and bisected (counting the
    newlines from the file's start for each slide was quadratic: 20,000 slides took minutes)."""
    starts = [0] + [found.end() for found in re.finditer("\n", text)]
    lines = []
    while text[_skip(text, index)] != "]":
        index = _skip(text, index)
        lines.append(bisect_right(starts, index))
        _, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        if text[index] == ",":
            index += 1
    return lines


def _skip(text: str, index: int, expected: str = "") -> int:
    """The index after whitespace (and after `expected`, which must come next)."""
    while text[index] in " \t\r\n":
        index += 1
    if expected:
        if text[index] != expected:
            raise ValueError(expected)
        index += 1
    return index
