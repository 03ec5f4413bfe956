"""`timeline diff`: what changed between two versions of the event data, by id and value (docs: `timeline docs diff`).

Exit 0 when the two sides say the same thing, 1 when they differ, 2 on an error, a side that is invalid
included: a CI gate must never read "could not compare" as "changed".
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode, FileAccessError, InvalidDataError, UsageError, shown
from .app import command, report_error, say, wants_colour
from .options import LangOption, cache_store, resolve_files


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


SidesArgument = Annotated[list[str] | None, typer.Argument(
    metavar="OLD NEW | REV [FILE]", show_default=False,
    help="Two event files, or a git revision (HEAD~1, a tag, a commit) of FILE (default as for --file) compared "
         "with FILE as it is now.")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", metavar="DATE", show_default=False,
    help="Compare FILE with the last commit of it before DATE (2025-12-01, 'Dec 2025': its first day).")]
DiffFormatOption = Annotated[DiffFormat, typer.Option(
    "--format", help="text (coloured on a terminal), markdown (a change log, an email) or json.")]


@command("diff")
def diff_command(
    lang: LangOption,
    sides: SidesArgument = None,
    since: SinceOption = None,
    fmt: DiffFormatOption = DiffFormat.text,
) -> None:
    """Show what changed between two versions of the events: added, removed, renamed, changed field by field.

    `timeline diff OLD NEW` compares two files; `timeline diff REV [FILE]` the file at a git revision with the
    file now; `timeline diff --since DATE [FILE]` the file before DATE with the file now. Comments and layout are
    not changes. Exit 0 when equal, 1 when different, 2 on an error (an invalid side too). See `timeline docs diff`.
    """
    from ..diff import compare
    from ..render.diff import summary_words

    (old_name, old), (new_name, new) = _sides(sides or [], since, lang.value)
    diff = compare(old, new)
    sys.stdout.write(_render(diff, fmt, lang.value, old_name, new_name))
    say(f"diff: {old_name} → {new_name}: {summary_words(diff, lang.value)}")
    if not diff.equal:
        raise typer.Exit(int(ExitCode.INVALID))  # 1: different, as diff(1) and csv-diff's users expect


def _render(diff, fmt: DiffFormat, lang: str, old_name: str, new_name: str) -> str:
    from ..render import diff_formats

    if fmt is DiffFormat.json:
        return diff_formats.render_json(diff, lang, old_name=old_name, new_name=new_name)
    if fmt is DiffFormat.markdown:
        return diff_formats.render_markdown(diff, lang, old_name=old_name, new_name=new_name)
    return diff_formats.render_text(diff, lang, colour=wants_colour(sys.stdout))


def _sides(sides: list[str], since: str | None, lang: str):
    """((old name, old timeline), (new name, new timeline)) for the arguments given."""
    if len(sides) > 2:
        raise UsageError(f"diff takes at most two arguments, not {len(sides)}",
                         hint="timeline diff OLD NEW, timeline diff REV [FILE] or timeline diff --since DATE [FILE]")
    if since is not None:
        if len(sides) > 1:
            raise UsageError("--since DATE takes one FILE at most: the old side is that file's history")
        return _history(_one_file(sides), since=since, lang=lang)
    if not sides:
        raise UsageError("nothing to compare", hint="timeline diff OLD NEW, timeline diff HEAD~1 or "
                         "timeline diff --since 2025-12-01")
    if os.path.lexists(sides[0]):
        if len(sides) == 1:
            raise UsageError(f"{shown(sides[0])} is a file: name the file to compare it with",
                             hint="timeline diff OLD NEW; a git revision of it: timeline diff HEAD~1 FILE")
        _refuse_ambiguous(sides[0], sides[1])
        return _file_side(Path(sides[0]), "old"), _file_side(Path(sides[1]), "new")
    if Path(sides[0]).suffix.lower() in (".yaml", ".yml"):
        raise FileAccessError(f"{shown(sides[0])}: no such file")
    return _history(_one_file(sides[1:]), revision=sides[0], lang=lang)


def _refuse_ambiguous(first: str, second: str) -> None:
    """A first argument that is both a file here and a revision of the second (a file named HEAD): refused, as git
    refuses an ambiguous argument, rather than compared one way without a word."""
    from ..diff.revisions import names_a_revision

    if os.sep not in first and names_a_revision(second, first):
        raise UsageError(f"'{shown(first)}' is both a file here and a revision of {shown(second)}",
                         hint=f"the file: timeline diff ./{shown(first)} {shown(second)}; the revision: "
                              f"timeline diff '{shown(first)}^{{commit}}' {shown(second)}")


def _one_file(given: list[str]) -> Path:
    files = resolve_files([Path(name) for name in given])
    if len(files) != 1:  # $TIMELINE_FILE may name several
        raise UsageError("a revision is of one file: name it", hint="timeline diff REV FILE")
    return files[0]


def _history(file: Path, *, revision: str | None = None, since: str | None = None, lang: str = "en"):
    from ..diff.revisions import at_revision, before

    if since is not None:
        from .options import human_date

        day = human_date(since, "--since", lang).earliest
        if day is None:
            raise UsageError(f"--since {shown(since)} has no first day", hint="give a date such as 2025-12-01")
        past = before(file, day)
    else:
        past = at_revision(file, revision or "")
    return _data_side(past.name, past.data), _file_side(file, "new")


def _file_side(path: Path, side: str):
    from ..pipeline import load_timeline

    with _side(side, str(path)):
        return str(path), load_timeline([path], store=cache_store())


def _data_side(name: str, data: bytes):
    from ..pipeline import load_timeline_data

    with _side("old", name):
        return name, load_timeline_data(name, data)


@contextlib.contextmanager
def _side(side: str, name: str):
    """An invalid side: its problems, then an error naming the side, exit 2 (not 1, which means "different")."""
    try:
        yield
    except InvalidDataError as error:
        from ..render.problems import render_text

        sys.stderr.write(render_text(error.problems, colour=wants_colour(sys.stderr)))
        report_error(f"the {side} side, {name}, is invalid ({len(error.problems)} error(s)): nothing was compared",
                     hint="fix it, or see the errors with `timeline validate`")
        raise typer.Exit(int(ExitCode.USAGE)) from None
