"""`timeline chronology`: the Markdown chronology a journalist pastes into a story or a wiki."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import command, say
from .options import FilesOption, LangOption, load_selected, with_filters


class GroupBy(str, Enum):
    month = "month"
    year = "year"
    none = "none"


GroupByOption = Annotated[GroupBy, typer.Option("--group-by", "-g", help="Headings per year and month, per year, "
                                                "or none. Seasons and year-only dates get sections of their own.")]
SummariesOption = Annotated[bool, typer.Option("--summaries/--no-summaries", help="Include each event's summary.")]
TitleOption = Annotated[str | None, typer.Option("--title", help="Heading of the chronology; default: the dataset's "
                                                 "title in --lang.", show_default=False)]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.",
                                                   dir_okay=False, show_default=False)]


def _check_title(title: str | None) -> str | None:
    if title is not None and not title.strip():
        raise typer.BadParameter("the title is empty; leave out --title to use the dataset's", param_hint="--title")
    return title


def write_stdout(text: str) -> None:
    """UTF-8 whatever the locale, with `\\n` line ends, so stdout is byte-identical to `-o FILE`."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


@command("chronology")
@with_filters()
def chronology_command(
    lang: LangOption,
    file: FilesOption = None,
    group_by: GroupByOption = GroupBy.month,
    summaries: SummariesOption = True,
    title: TitleOption = None,
    output: OutputOption = None,
    selection=None,
) -> None:
    """Print a Markdown chronology with footnoted sources, ready to publish.

    Markdown goes to stdout (or to -o FILE); counts go to stderr. The "as of" line is the latest source or
    event date in the selection, so the same data always gives the same bytes. See `timeline docs chronology`.
    """
    from ..render.markdown import MarkdownOptions, render_markdown

    options = MarkdownOptions(lang=lang.value, group_by=group_by.value, summaries=summaries, title=_check_title(title))
    timeline, events = load_selected(file, selection)
    text = render_markdown(timeline, events, options)
    sources = len({source_id for event in events for source_id in event.source_ids})
    counts = f"{len(events)} event(s), {sources} source(s)"
    if output is None:
        write_stdout(text)
        say(f"chronology: {counts}")
        return
    from ..fileio import write_atomic

    write_atomic(output, text.encode("utf-8"))
    say(f"chronology: wrote {output} ({counts})")
