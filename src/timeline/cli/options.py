"""Options shared by several commands, defined once."""

from __future__ import annotations

import functools
import inspect
import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

FilesOption = Annotated[
    list[Path] | None,
    typer.Option("--file", "-f", help="Event file to read; repeat to merge several. Default: $TIMELINE_FILE, "
                 "./events.yaml, or the bundled dataset.", show_default=False, dir_okay=False),
]


class Lang(str, Enum):
    ja = "ja"
    en = "en"


def _default_lang() -> str:
    lang = os.environ.get("TIMELINE_LANG", "en")
    return lang if lang in ("ja", "en") else "en"


LangOption = Annotated[
    Lang, typer.Option("--lang", "-l", help="Output language; default $TIMELINE_LANG, else en.",
                       default_factory=lambda: Lang(_default_lang()), show_default=False),
]


def bundled_events() -> Path:
    """The dataset shipped inside the package (the repository's events.yaml)."""
    from importlib.resources import files

    return Path(str(files("timeline") / "data" / "events.yaml"))


def resolve_files(*given: list[Path] | None) -> list[Path]:
    """The files a command reads: those given, else $TIMELINE_FILE, else ./events.yaml, else the bundled data."""
    chosen = [path for group in given if group for path in group]
    if chosen:
        return chosen
    env = os.environ.get("TIMELINE_FILE", "")
    if env.strip():
        return [Path(part) for part in env.split(os.pathsep) if part.strip()]
    local = Path("events.yaml")
    return [local] if local.is_file() else [bundled_events()]


# -- the shared filters (list, chronology, registries' counts) ------------------------------------------------

def _human_date(text: str, option: str):
    from ..dates import DateError, parse_human

    try:
        return parse_human(text)
    except DateError as error:
        # Parsed here rather than in a Typer callback, so name the option or the message says only "Invalid value".
        raise typer.BadParameter(f"{error.message}. {error.hint}".strip(), param_hint=f"'{option}'") from None


TopicOption = Annotated[list[str] | None, typer.Option("--topic", "-t", help="Topic id; repeat for any of several.",
                                                      show_default=False)]
AllTopicsOption = Annotated[bool, typer.Option("--all-topics", help="Require every --topic instead of any.")]
ActorOption = Annotated[list[str] | None, typer.Option("--actor", "-a", help="Actor id or alias (e.g. Trump, トランプ); repeatable.",
                                                      show_default=False)]
SourceOption = Annotated[list[str] | None, typer.Option("--source", help="Source id; repeatable.", show_default=False)]
FromOption = Annotated[str | None, typer.Option("--from", help="Window start: 2025, 2025-05, 2025-05-13, 'May 2025', 2025年5月.",
                                                show_default=False)]
ToOption = Annotated[str | None, typer.Option("--to", help="Window end (inclusive, at its precision: --to 2025-05 includes all of May).",
                                              show_default=False)]
StrictDatesOption = Annotated[bool, typer.Option("--strict-dates", help="Keep only events certainly inside the window "
                                                 "(a 'summer 2025' event overlaps June but is not certainly in it).")]
SearchOption = Annotated[str, typer.Option("--search", "-s", help="Text in titles or summaries, either language; "
                                           "case- and width-insensitive.")]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=0, help="Show at most N events.", show_default=False)]
ReverseOption = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]


# name, annotation, default: the parameters `with_filters` adds to a command, in --help order.
FILTER_PARAMETERS = (
    ("topic", TopicOption, None), ("all_topics", AllTopicsOption, False), ("actor", ActorOption, None),
    ("source", SourceOption, None), ("date_from", FromOption, None), ("date_to", ToOption, None),
    ("strict_dates", StrictDatesOption, False), ("search", SearchOption, ""),
    ("limit", LimitOption, None), ("reverse", ReverseOption, False),
)


def build_filter(topic=None, all_topics=False, actor=None, source=None, date_from=None, date_to=None,
                 strict_dates=False, search="", limit=None, reverse=False):
    """The library Filter for the shared options (names are resolved against the data later)."""
    from ..query import Filter

    return Filter(
        topics=tuple(topic or ()), all_topics=all_topics, actors=tuple(actor or ()), sources=tuple(source or ()),
        date_from=_human_date(date_from, "--from") if date_from else None,
        date_to=_human_date(date_to, "--to") if date_to else None,
        strict_dates=strict_dates, search=search, limit=limit, reverse=reverse,
    )


def with_filters(*, paging: bool = True):
    """Give a command the shared filter options, defined once here, and call it with `selection=Filter(...)`.

    The command declares only its own options plus a `selection` parameter; Typer sees the filter options
    through the wrapper's signature. `paging=False` leaves out --limit and --reverse (registries).
    """

    def decorate(func):
        extra = [(name, annotation, default) for name, annotation, default in FILTER_PARAMETERS
                 if paging or name not in ("limit", "reverse")]
        # eval_str: the commands' annotations are strings (PEP 563), and Typer reads a given __signature__ as is.
        own = [p for p in inspect.signature(func, eval_str=True).parameters.values() if p.name != "selection"]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                 for name, annotation, default in extra]

        @functools.wraps(func)
        def wrapper(**kwargs):
            chosen = {name: kwargs.pop(name) for name, _, _ in extra}
            return func(selection=build_filter(**chosen), **kwargs)

        wrapper.__signature__ = inspect.Signature([p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + added)
        wrapper.__annotations__ = {p.name: p.annotation for p in wrapper.__signature__.parameters.values()}
        return wrapper

    return decorate


def load_selected(files, selection):
    """Load the timeline and apply the filter: (timeline, matching events)."""
    from ..cache import load_timeline  # validate.load_timeline, kept on disk for unchanged files
    from ..query import query, resolve_filter

    timeline = load_timeline(resolve_files(files))
    return timeline, query(timeline, resolve_filter(timeline, selection))
