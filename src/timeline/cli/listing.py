"""`timeline list`, `timeline show`, and the registries `timeline topics|actors|sources`.

Tables go to stdout through a rich Console when stdout is a terminal (colour, wrapping, narrow layouts), and
as plain aligned text otherwise (fast, one line per row, no escape codes). Counts go to stderr.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated

import typer

from .app import command, say
from .options import (FilesOption, InternalOption, LangOption, TzOption, cache_store, completer, for_output,
                      internal_notice, load_selected, resolve_files, with_filters)

# A rich Table costs about a millisecond a row; past this many rows even a terminal gets the plain table,
# which reads the same without boxes and does not keep the user waiting.
RICH_MAX_ROWS = 2000


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class RegistryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _format_option(kind: type[Enum]):
    return Annotated[kind, typer.Option("--format", help="Output format; the JSON shapes: `timeline docs json`.")]


ListFormatOption = _format_option(ListFormat)
ShowFormatOption = _format_option(ShowFormat)
RegistryFormatOption = _format_option(RegistryFormat)


def stdout_console():
    """The Console for data on stdout: never reads markup or emoji codes; colour only on a terminal."""
    from rich.console import Console

    return Console(emoji=False, markup=False, highlight=False)


def _print(renderable, console) -> None:
    """Styled on a terminal; plain text without trailing spaces in a pipe or file."""
    from ..render.table import plain_text

    if console.is_terminal:
        console.print(renderable)
    else:
        sys.stdout.write(plain_text(renderable, console.width))


def _print_table(grid, internal_lang: str | None = None) -> None:
    """A rich table on a terminal (when not too long), else the plain aligned text; `internal_lang`: first a line
    saying the table is internal, in that language.

    rich's Console is made only when stdout may be a terminal: a pipe gets the plain text without importing
    it (a third of the run time of `timeline list | grep` on a small file)."""
    if internal_lang is not None:
        from ..render.banner import mark_text

        sys.stdout.write(mark_text("", internal_lang))
    if len(grid.rows) <= RICH_MAX_ROWS and not _plainly_not_a_terminal():
        console = stdout_console()
        if console.is_terminal:
            from ..render.table import rich_table

            console.print(rich_table(grid, console.width), crop=False)  # an id wider than the terminal stays whole
            return
    from ..render.grid import plain_table

    sys.stdout.write(plain_table(grid))


def _plainly_not_a_terminal() -> bool:
    """True when rich's Console would certainly find that stdout is no terminal: nothing in the environment
    forces one (TTY_COMPATIBLE, FORCE_COLOR) and stdout is not a tty. Otherwise rich decides, as always."""
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ:
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # closed: rich says no terminal too
        return True


# --- list ------------------------------------------------------------------------------------------------


@command("list")
@with_filters()
def list_command(
    file: FilesOption = None,
    lang: LangOption = ...,  # type: ignore[assignment]  # the default comes from LangOption's factory
    tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
    fmt: ListFormatOption = ListFormat.table,
    internal: InternalOption = False,
    selection=None,
) -> None:
    """List events in chronological order (`timeline docs order`): a table on a terminal, or json, jsonl, csv.

    The number of matches goes to stderr; no match is not an error (exit 0).
    """
    timeline, events = load_selected(file, selection, internal=internal, lang=lang.value)
    internal_notice(internal, lang.value)
    _write_events(events, timeline, lang.value, fmt, internal)
    from ..render import counts

    say(counts.events_listed(len(events), len(timeline.events), lang.value) if events else counts.no_match(lang.value))


def _write_events(events, timeline, lang: str, fmt: ListFormat, internal: bool = False) -> None:
    from ..render import banner, export

    if fmt is ListFormat.json:
        if internal:
            sys.stdout.write(banner.mark_json("".join(export.iter_events_json(events, lang))))
            return
        for piece in export.iter_events_json(events, lang):  # a large listing is never one huge string
            sys.stdout.write(piece)
    elif fmt is ListFormat.jsonl:
        text = export.render_events_jsonl(events, lang)
        sys.stdout.write("".join(banner.mark_json(line) + "\n" for line in text.splitlines()) if internal else text)
    elif fmt is ListFormat.csv:
        text = export.render_events_csv(events, timeline, lang)
        sys.stdout.write(banner.mark_csv(text, lang) if internal else text)
    elif events:
        from ..render.grid import event_grid

        _print_table(event_grid(events, timeline, lang), lang if internal else None)


# --- show ------------------------------------------------------------------------------------------------


@command("show")
def show_command(
    event_id: Annotated[str, typer.Argument(help="Event id, as in the first column of `timeline list`, or words "
                                            "from its title in either language (case- and width-insensitive) "
                                            "when only one event's title holds them.", metavar="EVENT",
                                            show_default=False, autocompletion=completer("event"))],
    file: FilesOption = None,
    lang: LangOption = ...,  # type: ignore[assignment]
    tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
    fmt: ShowFormatOption = ShowFormat.text,
    internal: InternalOption = False,
) -> None:
    """Show everything about one event: both languages, date and qualifiers, citations, notes, disputes."""
    from ..pipeline import load_timeline
    from ..query import find_event
    from ..render import banner

    timeline = for_output(load_timeline(resolve_files(file), store=cache_store()), internal, lang.value)
    event = find_event(timeline, event_id, lang.value)
    internal_notice(internal, lang.value)
    if fmt is ShowFormat.json:
        from ..render.export import render_event_json

        text = render_event_json(event, timeline, lang.value)
        sys.stdout.write(banner.mark_json(text) if internal else text)
        return
    from ..render.table import event_detail

    if internal:
        sys.stdout.write(banner.mark_text("", lang.value))
    _print(event_detail(event, timeline, lang.value), stdout_console())


# --- registries ------------------------------------------------------------------------------------------

_REGISTRY_HELP = {
    "topics": "List topics with how many events each has and the dates of the first and last.",
    "actors": "List actors (kind, aliases) with how many events name each and the dates of the first and last.",
    "sources": "List source articles (publisher, headline, date, language, archive) with the events citing each.",
}


def _registry_command(registry: str) -> None:
    """Register `timeline <registry>`; the three share options and logic, and differ only in columns."""

    @with_filters(paging=False)
    def registry_command(
        file: FilesOption = None,
        lang: LangOption = ...,  # type: ignore[assignment]
        tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
        fmt: RegistryFormatOption = RegistryFormat.table,
        internal: InternalOption = False,
        selection=None,
    ) -> None:
        timeline, events = load_selected(file, selection, internal=internal, lang=lang.value)
        internal_notice(internal, lang.value)
        _write_registry(registry, timeline, events, selection, lang.value, fmt, internal)

    registry_command.__doc__ = _REGISTRY_HELP[registry] + (
        "\n\nWith filters, counts and dates reflect the matching events, and entries without one are left out."
    )
    registry_command.__name__ = f"{registry}_command"
    command(registry)(registry_command)


def _write_registry(registry: str, timeline, events, selection, lang: str, fmt: RegistryFormat,
                    internal: bool = False) -> None:
    from ..query import registry_entries
    from ..render import banner, export
    from ..render.usage import usage_by

    usage = usage_by(events, registry)
    entries = registry_entries(timeline, registry, selection, usage)
    filtered = selection.filters
    if fmt is RegistryFormat.json:
        text = export.render_registry_json(registry, entries, usage, lang)
        sys.stdout.write(banner.mark_json(text) if internal else text)
    elif fmt is RegistryFormat.csv:
        text = export.render_registry_csv(registry, entries, usage, lang)
        sys.stdout.write(banner.mark_csv(text, lang) if internal else text)
    elif entries:
        from ..render.grid import registry_grid

        _print_table(registry_grid(registry, entries, usage, lang), lang if internal else None)
    from ..render import counts

    if filtered and not events:
        say(counts.no_match(lang))
    else:
        say(counts.entries_listed(len(entries), registry, lang, (len(events), len(timeline.events)) if filtered else None))


for _registry in ("topics", "actors", "sources"):
    _registry_command(_registry)
