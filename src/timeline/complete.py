"""Completion candidates: the values a command line can take for an event, topic, actor or source.

Library code over a validated Timeline (no files, no shell): the CLI finds the files a command would read,
loads them as the command would (its public view unless --internal: a private source's id or publisher is never
offered, its `withheld-N` placeholder is), and hands what is typed so far to `candidates`. Matching is by prefix,
case- and width-insensitive (`fold`, as the filters match names), so `tr` offers `Trump` and `ＳＥＣ` offers
`sec`. Each candidate carries a short English description for the shells that show one (zsh, fish).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .model import Timeline
from .query import fold

KINDS = ("event", "topic", "actor", "source")
HELP_WIDTH = 60  # a description longer than this is cut: the shells show it beside the value, on one line

# A value is offered only if a shell can insert it as one word without quoting: typer's bash script inserts
# candidates as they are, so `Donald Trump` would become two arguments and `O'Brien` an open quote.
_NEEDS_QUOTING = re.compile(r"""[\s'"`$\\;&|<>()*?\[\]{}!#~^]|^-""")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class Candidate(NamedTuple):
    """A value to offer, and what it names (an English title or name), for the shells that show it."""

    value: str
    help: str


def candidates(timeline: Timeline, kind: str, typed: str = "") -> list[Candidate]:
    """The values of `kind` ("event", "topic", "actor", "source") that start with `typed`, in the timeline's
    order (events by date, as `timeline list` shows them; registries as written).

    Two values that fold alike (an actor id `sec` and its alias `SEC`) are one choice: the one that starts
    with exactly what was typed is kept, else the first.
    """
    prefix = fold(typed)
    chosen: dict[str, Candidate] = {}
    for value, about in _values(timeline, kind):
        key = fold(value)
        if not key.startswith(prefix) or _NEEDS_QUOTING.search(value):
            continue
        if key not in chosen or (value.startswith(typed) and not chosen[key].value.startswith(typed)):
            chosen[key] = Candidate(value, describe(about))
    return list(chosen.values())


def _values(timeline: Timeline, kind: str) -> Iterable[tuple[str, str]]:
    if kind == "event":
        return ((event.id, event.title.en) for event in timeline.events)
    if kind == "topic":
        return ((topic.id, topic.name.en) for topic in timeline.topics.values())
    if kind == "actor":
        return _actor_values(timeline)
    if kind == "source":
        # an article without a headline is described by its publisher alone
        return ((source.id, source.publisher if source.title is None else f"{source.publisher}: {source.title}")
                for source in timeline.sources.values())
    raise ValueError(f"unknown kind of candidate {kind!r}; choose from {', '.join(KINDS)}")


def _actor_values(timeline: Timeline) -> Iterator[tuple[str, str]]:
    # Every name `--actor` accepts (query.actor_names; tests/test_completion.py checks the two agree).
    for actor in timeline.actors.values():
        for name in (actor.id, *actor.aliases, actor.name.ja, actor.name.en):
            yield name, actor.name.en


def describe(text: str) -> str:
    """One short line: control characters and runs of space become one space, cut to HELP_WIDTH (after a
    word when one ends near the cut)."""
    line = " ".join(_CONTROL.sub(" ", text).split())
    if len(line) <= HELP_WIDTH:
        return line
    cut = line[: HELP_WIDTH - 1]
    if line[HELP_WIDTH - 1] != " " and " " in cut[-15:]:  # the cut falls inside a word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"
