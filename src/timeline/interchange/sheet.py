"""A CSV file as rows of named cells, each with the line it starts on: what both CSV imports read.

UTF-8 with or without a byte-order mark (what Excel and Google Sheets write), CRLF or LF line ends, quoted
cells holding commas and line breaks; rows whose cells are all blank are skipped, as TimelineJS skips them.
The first row that is not blank is the header.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InvalidDataError, Problem

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
    """A CSV file read: its name, its header (stripped, in order) and its rows; `blank` counts skipped rows."""

    file: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    blank: int = 0

    def column_number(self, column: str) -> int:
        """The 1-based column of a header name, for a problem's position (1 when the sheet lacks it)."""
        return self.header.index(column) + 1 if column in self.header else 1


def read_sheet(data: bytes, file: str) -> Sheet:
    """Parse CSV bytes. InvalidDataError (`encoding`) when they are not UTF-8, naming the line of the bad byte."""
    text = _decoded(data, file)
    rows = _rows(text)
    header: tuple[str, ...] | None = None
    kept, blank = [], 0
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            blank += header is not None
            continue
        if header is None:
            header = tuple(cell.strip() for cell in cells)
            continue
        kept.append(Row(line, {name: cell for name, cell in zip(header, cells) if name}))
    return Sheet(file, header or (), tuple(kept), blank)


def _decoded(data: bytes, file: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InvalidDataError([Problem(file, line, column, "encoding", f"byte 0x{data[error.start]:02x} is not "
                                        "UTF-8", "save the sheet as CSV in UTF-8 (File > Download > CSV in Google "
                                        "Sheets; \"CSV UTF-8\" in Excel)")]) from None


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    ended = 0
    for cells in reader:
        yield ended + 1, cells
        ended = reader.line_num
