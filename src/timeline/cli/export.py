"""`timeline export FORMAT`: the chronology in other tools' formats (`timeline docs export`).

The shared filters, `--lang`, `-o`/`--force` and the output-path rules are chronology's and options'; the
renderers are render/exports (pure, data -> bytes). What a format cannot hold is said on stderr, one line per
kind of loss naming the events (never silent loss).
"""

from __future__ import annotations

import importlib
import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import command, say
from .chronology import ForceOption, OutputOption
from .options import FilesOption, LangOption, load_selected, resolve_files, with_filters


class ExportFormat(str, Enum):
    timelinejs = "timelinejs"
    timelinejs_csv = "timelinejs-csv"
    ics = "ics"
    sqlite = "sqlite"
    mermaid = "mermaid"


class MermaidBy(str, Enum):
    year = "year"
    month = "month"


FormatArgument = Annotated[ExportFormat, typer.Argument(
    metavar="FORMAT", help="timelinejs, timelinejs-csv, ics, sqlite or mermaid.", show_default=False)]
ImpreciseOption = Annotated[bool, typer.Option("--include-imprecise", help="ics: include dates coarser than a day "
                                               "as every day they may fall on, the precision said in the "
                                               "description. Default: left out, with a warning. A date with an open "
                                               "or unknown side is left out even so (it has no span).")]
ByOption = Annotated[MermaidBy | None, typer.Option("--by", help="mermaid: a section per year and a period per "
                                                    "month (month, the default), or a period per year (year).",
                                                    show_default=False)]
MetadataOption = Annotated[str | None, typer.Option("--metadata", metavar="FILE", show_default=False,
                                                    help="sqlite: write Datasette's metadata to FILE; default: "
                                                         "metadata.json beside the database.")]


# Each format's renderer (render/exports/MODULE.py), imported only when that format is asked for: icalendar is
# loaded by `export ics` alone.
_RENDERERS = {
    ExportFormat.timelinejs: ("timelinejs", "render_timelinejs"),
    ExportFormat.timelinejs_csv: ("timelinejs", "render_timelinejs_csv"),
    ExportFormat.ics: ("ics", "render_ics"),
    ExportFormat.sqlite: ("sqlite", "render_sqlite"),
    ExportFormat.mermaid: ("mermaid", "render_mermaid"),
}


def _render(fmt: ExportFormat, timeline, events, lang: str, options: dict):
    """The format's Exported (bytes and losses)."""
    module, name = _RENDERERS[fmt]
    renderer = getattr(importlib.import_module(f"timeline.render.exports.{module}"), name)
    return renderer(timeline, events, lang, **options)


def _check_sqlite_output(output: str | None) -> None:
    """A database is binary: a file is required, and a terminal is never written to."""
    from ..fileio import STDOUT

    if output is None:
        raise typer.BadParameter("sqlite writes a database file: give -o FILE (e.g. -o timeline.db)",
                                 param_hint="--output")
    if output == STDOUT and os.isatty(1):
        raise typer.BadParameter("refusing to write a binary database to a terminal; give -o FILE",
                                 param_hint="--output")


def _check_metadata_output(meta_path: str, metadata: str | None, destination: str, inputs, force: bool) -> None:
    """The metadata file follows -o's rules; and the one beside the database, which the user did not name, is never
    replaced without --force (it may be someone's own metadata.json). Checked before anything is written."""
    from ..errors import UsageError, WriteRefusedError
    from ..fileio import output_destination

    if os.path.abspath(meta_path) == os.path.abspath(destination):
        raise UsageError(f"{meta_path}: is both the database and its metadata: give --metadata another FILE")
    output_destination(meta_path, inputs=inputs, force=force)
    if metadata is None and not force and os.path.lexists(meta_path):
        raise WriteRefusedError(f"{meta_path}: exists already: nothing was written; --force replaces it, or "
                                "--metadata FILE writes the metadata elsewhere")


def _closing_line(fmt: ExportFormat, written: int, selected: int, paths: list[str]) -> str:
    """'export ics: wrote 33 of 58 events to cal.ics': what the file holds, not what was selected."""
    from ..render.exports import count_events

    count = count_events(written) if written == selected else f"{written} of {count_events(selected)}"
    where = f" to {' and '.join(paths)}" if paths else ""
    return f"export {fmt.value}: wrote {count}{where}"


def _metadata_path(output: str, metadata: str | None) -> str | None:
    """Where Datasette's metadata goes: --metadata FILE, else metadata.json beside the database (none on stdout)."""
    from ..fileio import STDOUT

    if metadata is not None:
        return metadata
    return None if output == STDOUT else str(Path(output).with_name("metadata.json"))


def _check_format_options(fmt: ExportFormat, include_imprecise: bool, by: MermaidBy | None, metadata: str | None):
    """An option of another format is a mistake worth saying, not something to ignore."""
    for given, option, owner in ((include_imprecise, "--include-imprecise", ExportFormat.ics),
                                 (by is not None, "--by", ExportFormat.mermaid),
                                 (metadata is not None, "--metadata", ExportFormat.sqlite)):
        if given and fmt is not owner:
            raise typer.BadParameter(f"{option} applies to `export {owner.value}` only", param_hint=option)


def _warn_losses(fmt: ExportFormat, losses) -> None:
    from ..render.exports import describe_losses

    for line in describe_losses(losses):
        say(f"warning: {fmt.value} cannot hold {line}")


@command("export")
@with_filters()
def export_command(
    fmt: FormatArgument,
    lang: LangOption,
    file: FilesOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    include_imprecise: ImpreciseOption = False,
    by: ByOption = None,
    metadata: MetadataOption = None,
    selection=None,
) -> None:
    """Write the events as TimelineJS (JSON or its sheet), iCalendar, SQLite for Datasette, or a Mermaid diagram.

    Data goes to stdout or -o FILE; what the format cannot hold is said on stderr, naming the events.
    `timeline docs export` has each format's mapping and what it loses.
    """
    from ..fileio import STDOUT, output_destination, write_output

    _check_format_options(fmt, include_imprecise, by, metadata)
    if fmt is ExportFormat.sqlite:
        _check_sqlite_output(output)
    inputs = resolve_files(file)
    destination = STDOUT if output is None else output
    output_destination(destination, inputs=inputs, force=force)  # refused before the work, not after it
    meta_path = _metadata_path(destination, metadata) if fmt is ExportFormat.sqlite else None
    if meta_path is not None:
        _check_metadata_output(meta_path, metadata, destination, inputs, force)
    timeline, events = load_selected(inputs, selection)
    options = {ExportFormat.ics: {"include_imprecise": include_imprecise},
               ExportFormat.mermaid: {"by": (by or MermaidBy.month).value}}.get(fmt, {})
    exported = _render(fmt, timeline, events, lang.value, options)
    _warn_losses(fmt, exported.losses)
    write_output(destination, exported.data, inputs=inputs, force=force)
    if meta_path is not None:
        from ..render.exports.sqlite import render_metadata

        database = Path(destination).stem if destination != STDOUT else "timeline"
        write_output(meta_path, render_metadata(timeline, database, lang.value), inputs=inputs, force=force)
    paths = ([] if destination == STDOUT else [destination]) + ([meta_path] if meta_path else [])
    written = len(events) if exported.written is None else exported.written
    say(_closing_line(fmt, written, len(events), paths))
