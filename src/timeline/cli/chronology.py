"""`timeline chronology`: the Markdown chronology a journalist pastes into a story or a wiki."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import Annotated

import typer

from .add_text import utf8_text
from .app import command, say
from .options import (FilesOption, InternalOption, LangOption, TzOption, internal_notice, load_selected, resolve_files,
                      with_filters)


class GroupBy(str, Enum):
    month = "month"
    year = "year"
    none = "none"


GroupByOption = Annotated[GroupBy, typer.Option("--group-by", "-g", help="Headings per year and month, per year, "
                                                "or none. Seasons and year-only dates get sections of their own.")]
SummariesOption = Annotated[bool, typer.Option("--summaries/--no-summaries", help="Include each event's summary.")]
TitleOption = Annotated[str | None, typer.Option("--title", help="Heading of the chronology; default: the dataset's "
                                                 "title in --lang.", show_default=False)]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", show_default=False,
    help="Write to FILE instead of stdout (`-`: stdout). A file is replaced atomically, keeping its owner and "
         "mode; a device, FIFO or socket is written into; an input file is refused.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Write -o FILE even when it is read-only, has other "
                                           "hard links (this name only is replaced) or its owner cannot be kept.")]


def check_title(title: str | None, lang: str = "en") -> str | None:
    if title is not None and not title.strip():
        raise typer.BadParameter("the title is empty; leave out --title to use the dataset's", param_hint="--title")
    if title is None:
        return None
    title = utf8_text(title, "--title", lang)
    # What a file's title may not hold (format.REFUSED_CHARACTERS, as validate refuses them), and a title is one
    # line: refused here too, or a published page carries it shown as an escape (a hostile review: U+202E in <h1>).
    from ..format import REFUSED_CHARACTERS

    for pattern in (*(pattern for pattern, _ in REFUSED_CHARACTERS), re.compile("[\n\t]")):
        found = pattern.search(title)
        if found is not None:
            raise typer.BadParameter(f"the title holds U+{ord(found.group()):04X} at character {found.start() + 1}, "
                                     "which a title may not hold; type it without", param_hint="--title")
    return title


def write_stdout(text: str) -> None:
    """UTF-8 whatever the locale, with `\\n` line ends, so stdout is byte-identical to `-o FILE`."""
    from ..fileio import write_stream

    write_stream(1, text.encode("utf-8"))


@command("chronology")
@with_filters()
def chronology_command(
    lang: LangOption,
    tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
    file: FilesOption = None,
    group_by: GroupByOption = GroupBy.month,
    summaries: SummariesOption = True,
    title: TitleOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    internal: InternalOption = False,
    selection=None,
) -> None:
    """Print a Markdown chronology with footnoted sources, ready to publish.

    Markdown goes to stdout (or to -o FILE); counts go to stderr. The "as of" line is the latest source or
    event date in the selection, so the same data always gives the same bytes. See `timeline docs chronology`.
    """
    from ..fileio import STDOUT, output_destination
    from ..render.markdown import MarkdownOptions, render_markdown

    options = MarkdownOptions(lang=lang.value, group_by=group_by.value, summaries=summaries, title=check_title(title, lang.value))
    inputs = resolve_files(file)
    destination = STDOUT if output is None else output
    output_destination(destination, inputs=inputs, force=force)  # refused before the work, not after it
    timeline, events = load_selected(inputs, selection, internal=internal, lang=lang.value)
    internal_notice(internal, lang.value)
    publish("chronology", render_markdown(timeline, events, options), events, destination, inputs=inputs,
            force=force, internal=internal, lang=lang.value)


def publish(name: str, text: str | Iterable[str], events, destination: str, *, inputs, force: bool, internal: bool,
            lang: str) -> None:
    """Write a chronology (`chronology`'s Markdown, `html`'s page) with the INTERNAL mark under --internal, and say
    how many events and sources it holds. `text` may come in pieces (render.html.html_pieces): each is encoded as
    it comes, and into a file written and let go before the next, so the page is never one str, nor all its bytes
    at once (render.html and fileio.write_output say why)."""
    from ..fileio import STDOUT, write_output
    from ..render import banner

    if internal:  # the mark goes inside the page's <body>: it needs the whole text (newsroom copies only)
        text = (banner.mark_html if name == "html" else banner.mark_markdown)("".join(text), lang)
    # The sources the footnotes list: an event's, and those only a correction's notice cites (render.footnotes).
    sources = len({source_id for event in events for source_id in event.source_ids}
                  | {correction.source for event in events for correction in event.corrections
                     if correction.source is not None})
    counts = f"{len(events)} event(s), {sources} source(s)"
    pieces = (text,) if isinstance(text, str) else text
    write_output(destination, (piece.encode("utf-8") for piece in pieces), inputs=inputs, force=force)
    say(f"{name}: {counts}" if destination == STDOUT else f"{name}: wrote {destination} ({counts})")
