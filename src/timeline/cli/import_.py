"""`timeline import FORMAT FILE`: a TimelineJS sheet or JSON, or any CSV, as a canonical event file
(`timeline docs import`).

The event file goes to stdout or `-o FILE` (never over an existing file without --force); what needs an
editor's eye goes to stderr, as validate's problems do, by row and column. The library (interchange/) reads;
normalize's writer lays the file out; fileio writes it.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from .app import command, say, wants_colour
from .chronology import OutputOption

__all__ = ["import_command"]


class ImportFormat(str, Enum):
    timelinejs_csv = "timelinejs-csv"
    timelinejs = "timelinejs"
    csv = "csv"


FormatArgument = Annotated[ImportFormat, typer.Argument(help="timelinejs-csv (a TimelineJS Google Sheet saved as "
                                                        "CSV), timelinejs (TimelineJS JSON) or csv (any CSV, with "
                                                        "--map).", show_default=False)]
FileArgument = Annotated[str, typer.Argument(metavar="FILE", help="The file to import (`-`: stdin).",
                                             show_default=False)]
ImportForceOption = Annotated[bool, typer.Option("--force", help="Replace -o FILE when it exists (by default an "
                                                 "existing file is never overwritten).")]
MapOption = Annotated[list[str] | None, typer.Option(
    "--map", metavar="FIELD=COLUMN", show_default=False,
    help="csv: the column a field comes from (repeatable): id, date, end, title, summary, topic, url, notes. "
         "Default: the column named as the field.")]
DayFirstOption = Annotated[bool, typer.Option("--day-first", help="Slash dates are day/month/year (20/1/2025).")]
MonthFirstOption = Annotated[bool, typer.Option("--month-first", help="Slash dates are month/day/year (1/20/2025; "
                                                "TimelineJS's own reading of a legacy sheet's dates).")]


@command("import")
def import_command(
    fmt: FormatArgument,
    file: FileArgument,
    output: OutputOption = None,
    force: ImportForceOption = False,
    mapping: MapOption = None,
    day_first: DayFirstOption = False,
    month_first: MonthFirstOption = False,
) -> None:
    """Turn a TimelineJS sheet or JSON, or a CSV, into a canonical event file.

    Dates keep the precision given; qualifiers, guesses and what was left out are reported on stderr by row and
    column. Citations stay empty: `timeline validate` then lists what each event needs. `timeline docs import`
    has the mapping.
    """
    from ..errors import UsageError
    from ..fileio import STDOUT, output_destination, write_output
    from ..interchange.csvread import parse_map
    from ..interchange.importing import import_timeline
    from ..normalize.document import canonical_document

    if day_first and month_first:
        raise UsageError("--day-first and --month-first contradict each other: give one")
    if mapping and fmt is not ImportFormat.csv:
        raise UsageError("--map serves the csv format only", hint="TimelineJS's columns are fixed by its template")
    fields = parse_map(mapping or [])
    destination = STDOUT if output is None else output
    # stdin read from a file (`- < in.csv`): /dev/stdin is that file, so `-o in.csv` is refused as the input is
    inputs = [_STDIN_FILE] if file == STDOUT else [file]
    _refuse_existing(output_destination(destination, inputs=inputs, force=force), force)
    from ..render.dates import format_date  # how the export words a date: what it wrote is read back exactly

    imported = import_timeline(fmt.value, _read(file), file, mapping=fields, shown_as=format_date,
                               day_first=True if day_first else False if month_first else None)
    data = canonical_document(imported.values, destination).encode("utf-8")
    _report(imported)
    write_output(destination, data, inputs=inputs, force=force)
    where = "stdout" if destination == STDOUT else destination
    say(f"import {fmt.value}: {imported.report.events} event(s) from {imported.rows} row(s) to {where}; "
        f"next: add citations (`timeline validate {'FILE' if destination == STDOUT else destination}` lists them): "
        "list each article under `sources:` (publisher, title, published, language, url) and cite it in the event "
        "as `- source: ID` with a `quote:` copied from it; `timeline docs format` has an example")


_STDIN_FILE = "/dev/stdin"  # what fd 0 reads, by device and inode (os.stat follows it; absent on Windows: skipped)


def _read(file: str) -> bytes:
    """The input's bytes, at most the size cap (TIMELINE_MAX_BYTES) and one: InvalidDataError (`too-large`) when
    over it, so that `/dev/zero` or an endless pipe ends."""
    from ..errors import InvalidDataError
    from ..fileio import STDOUT
    from ..load import max_bytes, read_bytes
    from ..reader.decode import too_large

    data = sys.stdin.buffer.read(max_bytes() + 1) if file == STDOUT else read_bytes(file)
    problem = too_large(data, file)
    if problem is not None:
        raise InvalidDataError([problem])
    return data


def _refuse_existing(destination, force: bool) -> None:
    """An import writes a new file: an existing one is replaced only with --force (fileio replaces by default)."""
    from ..errors import WriteRefusedError
    from ..fileio.policy import REPLACE

    if destination.kind == REPLACE and not force:
        raise WriteRefusedError(f"{destination.path} exists: an import does not overwrite it",
                                hint="choose another -o FILE, or --force to replace it")


def _report(imported) -> None:
    from ..render.problems import render_text

    if imported.report.problems:
        sys.stderr.write(render_text(imported.report.problems, colour=wants_colour(sys.stderr)))
