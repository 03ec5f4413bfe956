"""`timeline export FORMAT`: the chronology in other tools' formats (`timeline docs export`).

The shared filters, `--lang`, `-o`/`--force` and the output-path rules are chronology's and options'; the
renderers are render/exports (pure, data -> bytes). What a format cannot hold is said on stderr, one line per
kind of loss naming the events (never silent loss).
"""

from __future__ import annotations

import importlib
import os
import stat
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import command, say
from .chronology import ForceOption, OutputOption
from .options import (FilesOption, InternalOption, LangOption, TzOption, internal_notice, load_selected, resolve_files,
                      with_filters)


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


def _marked(fmt: ExportFormat, data: bytes, lang: str) -> bytes:
    """The export marked INTERNAL in its own form (render/banner.py; `timeline docs internal`)."""
    from ..render import banner

    if fmt is ExportFormat.sqlite:
        return banner.mark_sqlite(data, lang)
    if fmt is ExportFormat.ics:
        return banner.mark_ics(data, lang)
    text = data.decode("utf-8")
    marked = {ExportFormat.timelinejs: lambda: banner.mark_json(text),
              ExportFormat.timelinejs_csv: lambda: banner.mark_csv(text, lang),
              ExportFormat.mermaid: lambda: banner.mark_mermaid(text, lang)}[fmt]()
    return marked.encode("utf-8")


def _check_sqlite_output(output: str | None) -> None:
    """A database is binary: a file is required, and a terminal is never written to."""
    from ..fileio import STDOUT

    if output is None:
        raise typer.BadParameter("sqlite writes a database file: give -o FILE (e.g. -o timeline.db)",
                                 param_hint="--output")
    if _is_terminal(output):
        raise typer.BadParameter(f"refusing to write a binary database to a terminal ({output}); give -o FILE",
                                 param_hint="--output")


def _is_terminal(output: str) -> bool:
    """Whether `output` is a terminal however it is named (`-`, /dev/stdout, /dev/tty, /dev/pts/3): a character
    device is opened (no O_CREAT, nothing written) and asked; nothing else is opened (a FIFO's reader would see
    the end of its data)."""
    from ..fileio import STDOUT

    if output == STDOUT:
        return os.isatty(1)
    try:
        if not stat.S_ISCHR(os.stat(output).st_mode):
            return False
        fd = os.open(output, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _same_file(first: str, second: str) -> bool:
    """Whether two destinations are one file: through symlinks (resolved), hard links and `-` (stdout)."""
    from ..fileio import STDOUT

    first, second = ("/dev/stdout" if name == STDOUT else name for name in (first, second))
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:  # one does not exist yet: the resolved paths above decide
        return False


def _check_metadata_output(meta_path: str, metadata: str | None, destination: str, inputs, force: bool) -> None:
    """The metadata file follows -o's rules; and the one beside the database, which the user did not name, is never
    replaced without --force (it may be someone's own metadata.json). Checked before anything is written."""
    from ..errors import UsageError, WriteRefusedError
    from ..fileio import output_destination

    if _same_file(meta_path, destination):
        raise UsageError(f"{meta_path}: is the same file as {destination}, the database: nothing was written; give "
                         "--metadata another FILE")
    output_destination(meta_path, inputs=inputs, force=force)
    if metadata is None and not force and os.path.lexists(meta_path):
        raise WriteRefusedError(f"{meta_path}: exists already: nothing was written; --force replaces it, or "
                                "--metadata FILE writes the metadata elsewhere")


def write_pair(files: dict[str, bytes], *, inputs, force: bool) -> None:
    """The database and its metadata, both or neither as far as a file system allows: each regular file is first
    written complete beside itself (fileio's own atomic create of a hidden name: fsynced), and a stream or special
    file, which cannot be staged, is written next; only then is each staged file renamed over its destination. So
    a failure (a full disk, --metadata /dev/full) leaves every file as it was; what is left is the instant between
    two renames."""
    from ..fileio import output_destination, signals_held, write_output
    from ..fileio.policy import CREATE, REPLACE
    from ..fileio.write import link_new, remove_quietly, sync_directory

    destinations = {path: output_destination(path, inputs=inputs, force=force) for path in files}
    staged: dict[str, str] = {}
    try:
        for path, found in destinations.items():
            if found.kind in (REPLACE, CREATE):
                with signals_held():  # named and recorded as one step, for the clean-up below
                    staged[path] = _staged_name(found.target)
                write_output(staged[path], files[path])
                if found.status is not None:
                    _take_over(staged[path], path, found.status, force)
        for path, found in destinations.items():
            if path not in staged:
                write_output(path, files[path], inputs=inputs, force=force)
        for path, temp in list(staged.items()):
            found = destinations[path]
            if found.kind == CREATE:
                link_new(temp, Path(found.target), path)
            else:
                os.replace(temp, found.target)
            del staged[path]
            sync_directory(Path(found.target).parent)
    finally:
        for temp in staged.values():
            remove_quietly(temp)


def _take_over(temp: str, name: str, found: os.stat_result, force: bool) -> None:
    """The old file's owner, group (as fileio's replace: refused unless --force when they cannot be kept) and
    mode; chown first, since it clears set-id bits."""
    from ..errors import WriteRefusedError
    from ..fileio.policy import owner_refusal

    mine = os.stat(temp)
    if (found.st_uid, found.st_gid) != (mine.st_uid, mine.st_gid):
        try:
            os.chown(temp, found.st_uid, found.st_gid)
        except PermissionError:
            if not force:
                raise WriteRefusedError(owner_refusal(name, found)) from None
    os.chmod(temp, stat.S_IMODE(found.st_mode))


def _staged_name(target: str) -> str:
    """A hidden, unused name beside `target` (same file system, so the rename is atomic)."""
    import secrets

    return str(Path(target).with_name(f".{Path(target).name}.{secrets.token_hex(6)}.staged"))


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
    tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
    file: FilesOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    include_imprecise: ImpreciseOption = False,
    by: ByOption = None,
    metadata: MetadataOption = None,
    internal: InternalOption = False,
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
    timeline, events = load_selected(inputs, selection, internal=internal, lang=lang.value)
    internal_notice(internal, lang.value)
    options = {ExportFormat.ics: {"include_imprecise": include_imprecise},
               ExportFormat.mermaid: {"by": (by or MermaidBy.month).value}}.get(fmt, {})
    exported = _render(fmt, timeline, events, lang.value, options)
    data = _marked(fmt, exported.data, lang.value) if internal else exported.data
    _warn_losses(fmt, exported.losses)
    if meta_path is None:
        write_output(destination, data, inputs=inputs, force=force)
    else:
        from ..render.exports.sqlite import render_metadata

        database = Path(destination).stem if destination != STDOUT else "timeline"
        described = render_metadata(timeline, database, lang.value)
        if internal:
            from ..render.banner import mark_json

            described = mark_json(described.decode("utf-8")).encode("utf-8")
        write_pair({destination: data, meta_path: described}, inputs=inputs, force=force)
    paths = ([] if destination == STDOUT else [destination]) + ([meta_path] if meta_path else [])
    written = len(events) if exported.written is None else exported.written
    say(_closing_line(fmt, written, len(events), paths))
