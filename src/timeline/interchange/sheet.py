"""A CSV file as rows of named cells, each with the line it starts on: what both CSV imports read.

UTF-8 with or without a byte-order mark (what Excel and Google Sheets write), CRLF or LF line ends, quoted
cells holding commas and line breaks; rows whose cells are all blank are skipped, as TimelineJS skips them.
The first row that is not blank is the header; of two columns with one name the first is read, and cells past
the header's end are left out (both said). A cell over the format's value limit (MAX_SCALAR) is an error.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InvalidDataError, Problem
from ..load import MAX_SCALAR
from ..reader.decode import byte_position

__all__ = ["Row", "Sheet", "read_sheet"]

csv.field_size_limit(16 * 1024 * 1024)  # a long Text cell is data, not an attack; the file size bounds it


@dataclass(frozen=True, slots=True)
class Row:
    """One row: the line it starts on (1-based, as an editor counts in a text editor) and its cells by header."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        """The cell of `column`, stripped; empty when the row or the sheet has none."""
        return self.cells.get(column, "").strip()


@dataclass(frozen=True, slots=True)
class Sheet:
    """A CSV file read: its name, its header (stripped, in order) and its rows; `blank` counts skipped rows;
    `dropped` is what reading left out, as (line, column, message) for an import-dropped warning each."""

    file: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    blank: int = 0
    dropped: tuple[tuple[int, int, str], ...] = ()

    def column_number(self, column: str) -> int:
        """The 1-based column of a header name, for a problem's position (1 when the sheet lacks it)."""
        return self.header.index(column) + 1 if column in self.header else 1


def read_sheet(data: bytes, file: str) -> Sheet:
    """Parse CSV bytes. InvalidDataError when they are not UTF-8 (`encoding`, naming the line of the bad byte), not
    CSV that can be read (`syntax`), or hold a cell longer than a value may be (`too-large`, by row and column)."""
    text = _decoded(data, file)
    header: tuple[str, ...] | None = None
    kept, blank, dropped, too_long = [], 0, [], []
    for line, cells in _rows(text, file):
        too_long += [Problem(file, line, column, "too-large", f"a cell of {len(cell)} characters (limit {MAX_SCALAR})",
                             "a value is a few hundred characters: shorten it") for column, cell in
                     enumerate(cells, 1) if len(cell) > MAX_SCALAR]
        if not any(cell.strip() for cell in cells):
            blank += header is not None
            continue
        if header is None:
            header = tuple(cell.strip() for cell in cells)
            dropped += _repeated_columns(header)
            continue
        dropped += _cells_past_the_header(line, header, cells)
        kept.append(Row(line, _cells(header, cells)))
    if too_long:
        raise InvalidDataError(too_long)
    return Sheet(file, header or (), tuple(kept), blank, tuple(dropped))


def _cells(header: tuple[str, ...], cells: list[str]) -> dict[str, str]:
    """A row's cells by column name; of two columns with one name, the first (the other is reported)."""
    named: dict[str, str] = {}
    for name, cell in zip(header, cells):
        if name and name not in named:
            named[name] = cell
    return named


def _repeated_columns(header: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """A column named as an earlier one (case aside) is not read: said, at the header row."""
    first: dict[str, int] = {}
    dropped = []
    for column, name in enumerate(header, 1):
        if not name:
            continue
        if name.casefold() in first:
            dropped.append((1, column, f"column {column} '{name}' repeats the name of column "
                                       f"{first[name.casefold()]}: column {first[name.casefold()]} is read, column "
                                       f"{column} is left out"))
        else:
            first[name.casefold()] = column
    return dropped


def _cells_past_the_header(line: int, header: tuple[str, ...], cells: list[str]) -> list[tuple[int, int, str]]:
    """The first cell with text past the header's last column, or under a column with no name: left out, said."""
    for column, cell in enumerate(cells, 1):
        if cell.strip() and column > len(header):
            return [(line, column, f"cells past the header's last column ({len(header)}) are left out")]
        if cell.strip() and not header[column - 1]:
            return [(line, column, "a cell under a column with no name in the header is left out")]
    return []


def _decoded(data: bytes, file: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidDataError([Problem(file, *byte_position(data, error.start), "encoding",
                                        f"byte 0x{data[error.start]:02x} is not UTF-8", "save the sheet as CSV in "
                                        "UTF-8 (File > Download > CSV in Google Sheets; \"CSV UTF-8\" in Excel)")]) from None


def _rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on (a quoted cell may span lines). InvalidDataError at the row the csv
    module cannot read (a cell over its 16 MB field limit, a NUL byte)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    ended = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            code = "too-large" if "field limit" in str(error) else "syntax"
            problem = Problem(file, ended + 1, 1, code, f"a row that cannot be read as CSV: {error}",
                              "a cell is text of a few hundred characters; is this a CSV file?")
            raise InvalidDataError([problem]) from None
        yield ended + 1, cells
        ended = reader.line_num
