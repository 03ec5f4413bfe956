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


def _default_lang() -> Lang:
    """--lang when it is not given: $TIMELINE_LANG, else en (also when it is set but empty, as `TIMELINE_LANG=`
    leaves it). Any other value is a usage error: `fr` must not silently mean English."""
    value = os.environ.get("TIMELINE_LANG", "")
    if not value:
        return Lang.en
    try:
        return Lang(value)
    except ValueError:
        if os.environ.get("_TIMELINE_COMPLETE"):
            return Lang.en  # a shell asking for completions: never an error printed into it
        allowed = ", ".join(lang.value for lang in Lang)
        raise typer.BadParameter(f"{value!r} is not one of {allowed}: set one of them, or unset it (--lang overrides "
                                 "it)", param_hint="TIMELINE_LANG") from None


LangOption = Annotated[
    Lang, typer.Option("--lang", "-l", help="Output language; default $TIMELINE_LANG, else en.",
                       default_factory=lambda: Lang(_default_lang()), show_default=False),
]



def _reader_zone(ctx: typer.Context, value: str | None) -> str | None:
    """--tz: check the IANA name and set it as the zone every time is shown in for this run (render/times.py);
    a bad name is a usage error naming the closest zones."""
    if ctx.resilient_parsing:  # a shell asking for completions
        return value
    from ..errors import UsageError
    from ..render.times import check_zone, set_reader_zone

    try:
        set_reader_zone(None if value is None else check_zone(value))
    except UsageError as error:
        raise typer.BadParameter(f"{error}; {error.hint}", param_hint="--tz") from None
    ctx.call_on_close(lambda: set_reader_zone(None))  # a run in-process (tests, the API) leaves no zone behind
    return value


TzOption = Annotated[
    str | None, typer.Option("--tz", help="Show every time of day in this zone (an IANA name: America/New_York, "
                             "Asia/Tokyo, UTC); the time as written follows it. Default: each as written.",
                             callback=_reader_zone, show_default=False),
]

def bundled_events() -> Path:
    """The dataset shipped inside the package (the repository's events.yaml)."""
    from importlib.resources import files

    return Path(str(files("timeline") / "data" / "events.yaml"))


def resolve_files(*given: list[Path] | None, quiet: bool = False) -> list[Path]:
    """The files a command reads, each once: those given (-f and arguments), else $TIMELINE_FILE, else ./events.yaml,
    else the bundled dataset, which is then announced in one line on stderr (unless `quiet`: shell completion).

    The same file under two names (`m.yaml` and `$PWD/m.yaml`, a symlink, a hard link) is read once, under the
    first. An empty path in $TIMELINE_FILE is a UsageError; an ./events.yaml that is there but is no regular file
    (a dangling symlink, a directory, a FIFO) is a FileAccessError, never a reason to read the bundled data.
    """
    from ..load import distinct_files

    chosen = [path for group in given if group for path in group] or _environment_files() or _local_events()
    if chosen:
        return distinct_files(chosen)
    bundled = bundled_events()
    if not quiet:
        from .app import say

        say(f"timeline: no events.yaml here: using the bundled example dataset ({bundled})")
    return [bundled]


def cache_store():
    """The parsed cache the commands read through (cache/store.py), or None when TIMELINE_NO_CACHE is set to
    anything but 0 or empty (or there is no place for it)."""
    if os.environ.get("TIMELINE_NO_CACHE", "") not in ("", "0"):
        return None
    from ..cache.store import Store

    return Store.for_user()


def _environment_files() -> list[Path]:
    """The paths in $TIMELINE_FILE (separated by os.pathsep); none when it is unset or empty."""
    value = os.environ.get("TIMELINE_FILE", "")
    if not value:
        return []
    parts = value.split(os.pathsep)
    empty = [number for number, part in enumerate(parts, 1) if not part.strip()]
    if empty:
        from ..errors import UsageError, shown

        raise UsageError(f"TIMELINE_FILE={shown(value)!r} has an empty path (part {empty[0]} of {len(parts)}, "
                         f"separated by '{os.pathsep}'): write one '{os.pathsep}' between two paths and none at either "
                         "end, or unset TIMELINE_FILE")
    return [Path(part) for part in parts]


def _local_events() -> list[Path]:
    """[./events.yaml] when it is a regular file; [] when there is none; FileAccessError when something else has
    that name, since falling back to the bundled data would check, list or publish someone else's events."""
    import stat

    from ..errors import FileAccessError

    local = Path("events.yaml")
    try:
        mode = os.stat(local).st_mode
    except FileNotFoundError:
        if not os.path.islink(local):
            return []
        what = "a symbolic link to a file that does not exist"
        try:
            what = f"a symbolic link to {os.readlink(local)}, which does not exist"
        except OSError:
            pass  # replaced meanwhile: the general words do
    except OSError as error:  # a symlink loop, a name too long
        what = f"unreadable ({error.strerror or error})"
    else:
        if stat.S_ISREG(mode):
            return [local]
        what = "a directory" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, socket or device)"
    raise FileAccessError(f"./events.yaml here is {what}: fix it, or name the event file with -f FILE")


# -- shell completion of the values (typer's `autocompletion`, called only when a shell asks) ---------------------

# typer renders each description through rich for zsh and fish, ~0.35 ms apiece: 10,000 event ids took 3 s.
# A longer list than this is offered without descriptions (nobody reads them at that length either).
DESCRIBED_MAX = 200


def completer(kind: str):
    """An `autocompletion` callback offering the ids of `kind` (complete.KINDS) from the files the command
    would read: its -f/--file given earlier on the line, else $TIMELINE_FILE, ./events.yaml, the bundled data.

    Loaded through the commands' cache, so a second Tab on unchanged files skips YAML. A file that cannot be
    read or is invalid offers nothing: completion never prints an error or a traceback into the shell.
    """

    # Unannotated on purpose: typer finds `ctx` and `incomplete` by name, and inspects this callback for every
    # command that has the option each time it builds the commands; annotations would cost ~2 ms a start.
    def callback(ctx, incomplete):
        try:
            from ..complete import candidates
            from ..pipeline import load_timeline

            files = ctx.params.get("file")
            if not files and _given(ctx, "file"):
                return []  # -f names something the command would refuse (a directory): nothing to offer
            # The shell expands `~` when the command runs, but hands it to completion as typed.
            files = [Path(os.path.expanduser(path)) for path in files or ()]
            paths = resolve_files(files, quiet=True)
            if not all(path.is_file() for path in paths):
                return []  # a FIFO would block the shell, a device never end: only regular files are read on Tab
            # What the command shows: the public view, unless --internal came earlier on the line.
            timeline = for_output(load_timeline(paths, store=cache_store()), ctx.params.get("internal") is True,
                                  mark=False)
            found = candidates(timeline, kind, incomplete)
        except Exception:  # noqa: BLE001 - whatever the files hold, a Tab must not print into the shell
            return []
        if len(found) > DESCRIBED_MAX:
            return [_Candidate(value) for value, _ in found]
        return [(_Candidate(value), _help_text(about)) for value, about in found]

    callback.__name__ = f"complete_{kind}"
    return callback


def _given(ctx: typer.Context, name: str) -> bool:
    """True when the option was on the command line, even if its value did not convert (typer's completion
    parses leniently: a value it refuses becomes None)."""
    return getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"


class _Candidate(str):
    """A value that typer's check, `value.startswith(typed)`, keeps when it matches as complete.candidates
    does: case- and width-insensitively (so `tr` offers `Trump`; bash and fish then replace what was typed)."""

    def startswith(self, prefix, *bounds) -> bool:  # type: ignore[override]
        if bounds or not isinstance(prefix, str):
            return super().startswith(prefix, *bounds)
        from ..query import fold

        return fold(str(self)).startswith(fold(prefix))


def _help_text(about: str) -> str:
    """A description as the shells' scripts can take it from data.

    typer renders it as rich markup for zsh and fish, so `[bold]` is escaped to stay as typed. zsh evaluates
    the line twice, and typer escapes `"`, `$`, a backquote and `:` for that but not a backslash: `\\"` in a
    title would end the quoted string and let the rest run as shell code. A backslash is shown as the
    full-width ＼ instead (a description is only read, never inserted).
    """
    if os.environ.get("_TIMELINE_COMPLETE", "").endswith("_bash"):
        return about  # bash shows no descriptions; no need to import rich
    from rich.markup import escape

    return escape(about.replace("\\", "\uff3c"))


# -- the shared filters (list, chronology, registries' counts) ------------------------------------------------

def human_date(text: str, option: str, lang: str = "en"):
    """A date as typed for `option` (--from, --to, --since), or a usage error worded as every other one."""
    from ..dates import DateError, parse_human
    from ..dates.messages import in_language
    from ..errors import UsageError

    try:
        return parse_human(text)
    except DateError as error:
        # The Error line says the value and what is wrong with it, in --lang; the forms go on the hint lines.
        message, hint = in_language(error, lang, text)
        prefix = f"「{option}」の値が正しくありません：" if lang == "ja" else f"invalid value for {option}: "
        raise UsageError(prefix + message, hint=hint) from None



def as_of_day(as_of: str | None, lang: str = "en"):
    """The day a command takes as today: --as-of, else the clock (the one place it is read, so tests and reruns
    can fix the day): the date of drafted corrections, and the day `validate` judges a correction "in the future"."""
    import datetime

    from ..errors import UsageError, shown

    if as_of is None:
        return datetime.date.today()
    date = human_date(as_of, "--as-of", lang)
    if date.earliest is None or date.earliest != date.latest or not date.earliest.in_date_range:
        raise UsageError(f"--as-of {shown(as_of)} is not one day of the years 0001-9999",
                         hint="give a day such as 2025-12-03")
    return date.earliest.to_date()

TopicOption = Annotated[list[str] | None, typer.Option("--topic", "-t", help="Topic id or name in either language "
                                                      "(e.g. markets, Markets, 市場動向); repeat for any of several.",
                                                      show_default=False, autocompletion=completer("topic"))]
AllTopicsOption = Annotated[bool, typer.Option("--all-topics", help="Require every --topic instead of any.")]
ActorOption = Annotated[list[str] | None, typer.Option("--actor", "-a", help="Actor id, name or alias in either "
                                                      "language (e.g. Trump, トランプ); repeatable.",
                                                      show_default=False, autocompletion=completer("actor"))]
SourceOption = Annotated[list[str] | None, typer.Option("--source", help="Source id, or a publisher for all its "
                                                        "articles; repeatable.", show_default=False,
                                                        autocompletion=completer("source"))]
FromOption = Annotated[str | None, typer.Option("--from", help="Window start: 2025, 2025-05, 2025-05-13, 'May 2025', 2025年5月, "
                                                "'Q3 2025', 令和7年5月, a moment: 2025-10-10T15:00-04:00, 'Oct. 10, 2025 "
                                                "3pm ET' (`timeline date TEXT` shows how a date reads).",
                                                show_default=False)]
ToOption = Annotated[str | None, typer.Option("--to", help="Window end (inclusive, at its precision: --to 2025-05 includes all of May).",
                                              show_default=False)]
StrictDatesOption = Annotated[bool, typer.Option("--strict-dates", help="Keep only events certainly inside the window "
                                                 "(a 'summer 2025' event overlaps June but is not certainly in it). "
                                                 "An event's open or unknown side reads as its known one: 'until Jan. "
                                                 "19, 2025' is Jan. 19, 2025 (`timeline docs order`).")]
SearchOption = Annotated[str, typer.Option("--search", "-s", help="Text in titles, summaries, notes, quotes or "
                                           "disputes, either language; case- and width-insensitive.")]
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
                 strict_dates=False, search="", limit=None, reverse=False, lang="en"):
    """The library Filter for the shared options (names are resolved against the data later); a bad --from or
    --to is a UsageError in `lang`."""
    from ..query import Filter
    from .add_text import utf8_text

    return Filter(
        topics=tuple(topic or ()), all_topics=all_topics, actors=tuple(actor or ()), sources=tuple(source or ()),
        date_from=human_date(date_from, "--from", lang) if date_from else None,
        date_to=human_date(date_to, "--to", lang) if date_to else None,
        strict_dates=strict_dates, search=utf8_text(search, "--search", lang), limit=limit, reverse=reverse,
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
            lang = getattr(kwargs.get("lang"), "value", "en")  # the command's own --lang, when it has one
            return func(selection=build_filter(**chosen, lang=lang), **kwargs)

        wrapper.__signature__ = inspect.Signature([p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + added)
        wrapper.__annotations__ = {p.name: p.annotation for p in wrapper.__signature__.parameters.values()}
        return wrapper

    return decorate


def load_selected(files, selection, *, internal: bool = False, lang: str = "en"):
    """Load the timeline, its public view unless `internal` (for_output), and apply the filter: (timeline,
    matching events). The filter sees only what the output may show: a --search never matches a withheld note."""
    from ..pipeline import load_timeline
    from ..query import query, resolve_filter

    timeline = for_output(load_timeline(resolve_files(files), store=cache_store()), internal, lang, mark=False)
    events = query(timeline, resolve_filter(timeline, selection))  # the filter matches the publishers as written
    return (_marked(timeline, lang) if internal else timeline), events


# -- internal notes (`timeline docs internal`) ---------------------------------------------------------------

InternalOption = Annotated[bool, typer.Option(
    "--internal", help="Include what is for the newsroom only (`internal:` notes, private sources' names and "
    "quotes); the output then says INTERNAL at the top. Default: withheld (`timeline docs internal`).")]


def for_output(timeline, internal: bool, lang: str = "en", *, mark: bool = True):
    """What an output may show of `timeline`: all of it with --internal (each private source and source note
    marked beside its publisher unless not `mark`: internal.marked), else its public view (internal.py)."""
    if internal:
        return _marked(timeline, lang) if mark else timeline
    from ..internal import public

    return public(timeline, lang=lang)


def _marked(timeline, lang: str):
    from ..internal import marked

    return marked(timeline, lang=lang)


def internal_notice(internal: bool, lang: str = "en") -> None:
    """With --internal, one line on stderr saying the output is not for publication (every output also says so
    in its own form, at its top)."""
    if internal:
        from ..internal import BANNER, NOTICE
        from .app import say

        say(f"{BANNER.get(lang, BANNER['en'])}: {NOTICE.get(lang, NOTICE['en'])}")
