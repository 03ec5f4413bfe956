"""`timeline normalize`: rewrite event files in the one canonical form (`timeline docs normalize`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode, UsageError
from .app import command, say
from .options import FilesOption, bundled_events, resolve_files

CheckOption = Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 and list the files that would "
                                           "change (for CI).")]
DiffOption = Annotated[bool, typer.Option("--diff", help="Write nothing; print a unified diff of what would change "
                                          "to stdout.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Rewrite even a read-only file, a file with other hard "
                                           "links (this name only is replaced) or one whose owner cannot be kept.")]


def _targets(files: list[Path] | None, file: list[Path] | None, writing: bool, force: bool) -> list[Path]:
    """The files to normalize, each once; the bundled dataset is package data and never rewritten in place.

    When writing, the write policy is asked first (a read-only or hard-linked file, a FIFO), so that a refusal
    comes before the work rather than after it; write_changes asks again when it writes."""
    from ..fileio import output_destination

    from ..load import distinct_files  # a second name for the same file would be validated against itself

    paths = distinct_files(resolve_files(files, file, quiet=writing))
    if writing and paths == [bundled_events()] and not (files or file):
        raise UsageError("no event file to normalize here: name one (timeline normalize events.yaml), "
                         "or use --check or --diff to look at the bundled dataset")
    for path in paths if writing else ():
        if os.path.exists(path):  # a missing file is the reader's to report
            output_destination(path, force=force, in_place=True)
    return paths


def _summary(changed: int, total: int, done: str) -> str:
    unchanged = total - changed
    parts = [f"{changed} file(s) {done}"] if changed else []
    if unchanged:
        parts.append(f"{unchanged} file(s) already canonical")
    return ", ".join(parts)


@command("normalize")
def normalize_command(
    files: Annotated[list[Path] | None, typer.Argument(help="Event files to rewrite (validated together). "
                                                        "Default as for --file.", show_default=False,
                                                        dir_okay=False)] = None,
    file: FilesOption = None,
    check: CheckOption = False,
    diff: DiffOption = False,
    force: ForceOption = False,
) -> None:
    """Rewrite event files in place in one canonical form, keeping every comment.

    Key order, registries sorted by id, events in the one order (`timeline docs order`), one quoting style
    (`timeline docs normalize`).
    A file already canonical is not touched; an invalid file is refused and left as it is. A file is replaced
    atomically, keeping its owner, group and mode; a read-only or hard-linked file is refused without --force.

    Exit 0: nothing left to do. 1: invalid data, or --check found a file to change. 2: a file error.
    """
    from ..normalize import normalize_files, unified_diff, write_changes

    changes = normalize_files(_targets(files, file, writing=not (check or diff), force=force))
    changed = [change for change in changes if change.changed]
    if diff:
        for change in changed:
            sys.stdout.write(unified_diff(change))
    if check or diff:
        for change in changed:
            say(f"would reformat {change.path}")
        say(_summary(len(changed), len(changes), "would be reformatted"))
    else:
        for change in write_changes(changes, force=force):
            say(f"reformatted {change.path}")
        say(_summary(len(changed), len(changes), "reformatted"))
    if check and changed:
        raise typer.Exit(int(ExitCode.INVALID))
