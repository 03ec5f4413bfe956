"""Every file's registries and events -> one Timeline: ids unique across the files, references resolved, events
in the one order.

A reference is judged only once every file is read: one file may define what another refers to.
"""

from __future__ import annotations

import unicodedata

from ..errors import Problem, shown
from ..load import unpack_position
from ..model import Timeline, Where
from ..names import Budget, Names, did_you_mean, fold, suggest
from ..order import chronological
from .after import check_after
from .checker import Checker
from .values import slug_hint

REGISTRIES = (("topic", "topics"), ("actor", "actors"), ("source", "sources"))
_NAMED = (("topic", "topics"), ("actor", "actors"))  # the registries whose entries have names: sources have none


def merge(loaded_files, checkers: list[Checker], parts: list[dict], problems: list[Problem],
          unread: frozenset[str] = frozenset()) -> Timeline | None:
    """Join the files' registries and events, reporting ids defined twice and references that dangle and a missing
    title, except where they may be in the `unread` top-level keys of a file not read whole."""
    if not parts:
        return None
    registries = {name: _union(name, [p[name] for p in parts], problems) for _, name in REGISTRIES}
    _unique_event_ids([entry for checker in checkers for entry in checker.event_ids], problems)
    events = [e for p in parts for e in p["events"] if e is not None]
    defined = {kind: set().union(*(c.defined[kind] for c in checkers)) for kind, _ in REGISTRIES}
    names = {kind: Names.of(registries[name].values()) for kind, name in _NAMED}
    budget = Budget()
    for checker in checkers:
        _resolve(checker, defined, names, unread, budget)
    check_after(checkers, events, "events" not in unread, budget)
    title = next((p["title"] for p in parts if p["title"] is not None), None)
    if title is None:
        if "title" not in unread and all(p["title_at"] is None for p in parts):
            problems.append(Problem(parts and checkers[0].file, 1, 1, "missing-key", "no file gives the timeline a 'title'",
                                    "add `title: {ja: ..., en: ...}`"))
        return None
    events = chronological(events)  # the one order, `after:` included (order.py)
    return Timeline(title, registries["topics"], registries["actors"], registries["sources"], tuple(events),
                    tuple(f.file for f in loaded_files))


def _union(name: str, registries: list[dict], problems: list[Problem]) -> dict:
    merged: dict = {}
    for registry in registries:
        for entry_id, entry in registry.items():
            if entry_id in merged:
                first = merged[entry_id].where
                problems.append(Problem(entry.where.file, entry.where.line, entry.where.column, "duplicate-id",
                                        f"{name} id '{entry_id}' is defined twice (first at {first.file}:{first.line})",
                                        "ids are unique across all files: rename one or remove the copy"))
            else:
                merged[entry_id] = entry
    return merged


def _unique_event_ids(event_ids: list[tuple[str, Where]], problems: list[Problem]) -> None:
    seen: dict[str, Where] = {}
    for event_id, where in event_ids:
        key = unicodedata.normalize("NFC", event_id)
        if key in seen:
            first = seen[key]
            problems.append(Problem(where.file, where.line, where.column, "duplicate-id",
                                    f"event id '{event_id}' is used twice (first at {first.file}:{first.line})",
                                    "give each event its own id"))
        else:
            seen[key] = where


def _resolve(checker: Checker, defined: dict[str, set[str]], names: dict[str, Names],
             unread: frozenset[str] = frozenset(), budget: Budget | None = None) -> None:
    """Report references by something that is no id (`Checker.misnamed`) and references to no entry, unless the
    registry they name is `unread` (a file did not read it whole: the entry may be there)."""
    for kind, value, at, what in checker.misnamed:
        checker.add(at, "bad-id", f"{what} '{shown(value)}' is not a lowercase slug",
                    _named(kind, value, names) or slug_hint(value))
    for kind, ref, at in checker.references:
        known = defined[kind]
        if ref in known or dict(REGISTRIES)[kind] in unread:
            continue
        if at.__class__ is int:
            at = unpack_position(at)
        listing = ", ".join(sorted(known)[:15]) + (", ..." if len(known) > 15 else "") if known else "none defined"
        if budget is not None and not budget.take():
            guess = ""
        elif kind in names:  # topics and actors: the closest id or name, as the command line's filters say it
            guess = did_you_mean(ref, names[kind], kind)
        else:
            close = suggest(ref, known)
            guess = f"did you mean '{close[0]}'? " if close else ""
        hint = _named(kind, ref, names) or guess + f"known {kind}s: {listing}"
        if kind == "source" and not known:  # an imported file has no `sources:` yet: say how to start one
            hint += (f"; list the article under `sources:` as `{ref}:` with its publisher, title (the headline), "
                     "published, language and url (`timeline docs format` has an example)")
        checker.add(at, f"unknown-{kind}", f"unknown {kind} '{ref}'", hint)


def _named(kind: str, value: str, names: dict[str, Names]) -> str:
    """A hint naming the entry `value` is a name or alias of (editors list `Trump` for `donald-trump`), or "".
    A value that is an entry's id in capitals gets the slug hint instead, which names the id too."""
    folded = fold(value.strip())
    entry = next(iter(names[kind].ids(value)), None) if kind in names else None
    if entry is None or entry == folded:
        return ""
    return f"'{shown(value)}' is a name of {kind} '{entry}': list it by its id, e.g. [{entry}]"
