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
from .options import InternalOption, LangOption, TzOption, cache_store, internal_notice, resolve_files


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
DraftOption = Annotated[bool, typer.Option(
    "--draft-corrections", help="Instead of the changes, draft a correction (both languages, ready-to-paste YAML; "
    "JSON or Markdown with --format) for each event whose date, a figure or title changed. Writes nothing.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="DAY", show_default=False, help="The date of the drafted corrections (default: today).")]
DiffFormatOption = Annotated[DiffFormat, typer.Option(
    "--format", help="text (coloured on a terminal), markdown (a change log, an email) or json.")]


@command("diff")
def diff_command(
    lang: LangOption,
    tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
    sides: SidesArgument = None,
    since: SinceOption = None,
    fmt: DiffFormatOption = DiffFormat.text,
    draft: DraftOption = False,
    as_of: AsOfOption = None,
    internal: InternalOption = False,
) -> None:
    """Show what changed between two versions of the events: added, removed, renamed, changed field by field.

    `timeline diff OLD NEW` compares two files; `timeline diff REV [FILE]` the file at a git revision with the
    file now; `timeline diff --since DATE [FILE]` the file before DATE with the file now. Comments and layout are
    not changes. Exit 0 when equal, 1 when different, 2 on an error (an invalid side too). See `timeline docs diff`.
    `--draft-corrections` drafts a correction for each changed date, figure or title instead (`timeline docs
    corrections`).
    """
    from ..diff import compare
    from ..render.diff import summary_words

    (old_name, old), (new_name, new) = _sides(sides or [], since, lang.value)
    day = _draft_day(as_of, lang.value) if draft else None
    if not internal:  # one numbering of the withheld sources for both sides, so an unchanged one is no change
        from ..internal import Withheld, public

        withheld = Withheld()
        old, new = (public(side, lang=lang.value, withheld=withheld) for side in (old, new))
    internal_notice(internal, lang.value)
    diff = compare(old, new)
    if draft:
        text = _render_drafts(diff, fmt, lang.value, day)
    else:
        text = _render(diff, fmt, lang.value, old_name, new_name)
    sys.stdout.write(_marked(text, fmt, lang.value) if internal else text)
    say(f"diff: {old_name} → {new_name}: {summary_words(diff, lang.value)}")
    if not diff.equal:
        raise typer.Exit(int(ExitCode.INVALID))  # 1: different, as diff(1) and csv-diff's users expect


def _marked(text: str, fmt: DiffFormat, lang: str) -> str:
    """--internal: the output marked as not for publication in its own form (render/banner.py)."""
    from ..render import banner

    if fmt is DiffFormat.json:
        return banner.mark_json(text)
    if fmt is DiffFormat.markdown:
        return banner.mark_markdown(text, lang)
    return banner.mark_text(text, lang)


def _render(diff, fmt: DiffFormat, lang: str, old_name: str, new_name: str) -> str:
    from ..render import diff_formats

    if fmt is DiffFormat.json:
        return diff_formats.render_json(diff, lang, old_name=old_name, new_name=new_name)
    if fmt is DiffFormat.markdown:
        return diff_formats.render_markdown(diff, lang, old_name=old_name, new_name=new_name)
    return diff_formats.render_text(diff, lang, colour=wants_colour(sys.stdout))


def _draft_day(as_of: str | None, lang: str):
    """The day drafted corrections are dated: --as-of, else today (options.as_of_day reads the clock)."""
    from .options import as_of_day

    return as_of_day(as_of, lang)


def _render_drafts(diff, fmt: DiffFormat, lang: str, day) -> str:
    from ..diff.corrections import needing_correction
    from ..render import drafts

    needed = needing_correction(diff)
    if fmt is DiffFormat.json:
        return drafts.render_drafts_json(needed, day)
    if fmt is DiffFormat.markdown:
        return drafts.render_drafts_markdown(needed, day, lang)
    return drafts.render_drafts_yaml(needed, day)


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
        if day is None or not day.in_date_range:  # a commit is dated in our era (a Day of 500 B.C. has no date)
            raise UsageError(f"--since {shown(since)} has no first day in the years 0001-9999",
                             hint="give a date such as 2025-12-01")
        past = before(file, day.to_date())
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
        try:
            return name, load_timeline_data(name, data)
        except InvalidDataError as error:
            error.datas = {name: data}  # no file on disk: what to withhold is read from these bytes
            raise


@contextlib.contextmanager
def _side(side: str, name: str):
    """An invalid side: its problems, then an error naming the side, exit 2 (not 1, which means "different")."""
    try:
        yield
    except InvalidDataError as error:
        from ..render.problems import render_text
        from .app import shown_problems

        sys.stderr.write(render_text(shown_problems(error), colour=wants_colour(sys.stderr)))
        report_error(f"the {side} side, {name}, is invalid ({len(error.problems)} error(s)): nothing was compared",
                     hint="fix it, or see the errors with `timeline validate`")
        raise typer.Exit(int(ExitCode.USAGE)) from None
