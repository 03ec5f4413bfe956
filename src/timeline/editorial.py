"""Editorial checks on a built timeline: what an editor would query before publication.

These are warnings and notices, not errors: the data is well-formed, but something looks wrong or thin.
`timeline validate --strict` fails on warnings; notices (single-source events) never fail.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from .errors import PROBLEM_CODES, Problem
from .model import Event, Text, Timeline, Where

NEAR_DUPLICATE = 0.85  # title similarity (difflib ratio) above which two same-day events look like one
_WORD = re.compile(r"[^\s\d\W_]+(?:['’-][^\s\d\W_]+)*")  # letters only: scripts mix within a word, not across
_SCRIPTS = (  # (name, ranges); enough to catch look-alike letters, not a full Unicode script table
    ("Latin", ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))),
    ("Greek", ((0x370, 0x3FF),)),
    ("Cyrillic", ((0x400, 0x52F),)),
    ("Japanese", ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF66, 0xFF9F))),
)


def problem(where: Where, code: str, message: str, hint: str = "") -> Problem:
    return Problem(where.file, where.line, where.column, code, message, hint, PROBLEM_CODES[code][0])


def editorial_problems(timeline: Timeline, references: Iterable[tuple[str, str, Where]]) -> list[Problem]:
    """Every editorial warning and notice for the timeline; `references` are all ids the files name."""
    found = _unused(timeline, references) + _ambiguous_aliases(timeline) + _near_duplicates(timeline.events)
    for event in timeline.events:
        found += _event_problems(timeline, event)
    found += _registry_scripts(timeline)
    return found


def _unused(timeline: Timeline, references: Iterable[tuple[str, str, Where]]) -> list[Problem]:
    used = Counter((kind, ref) for kind, ref, _ in references)
    found = []
    for kind, registry in (("topic", timeline.topics), ("actor", timeline.actors), ("source", timeline.sources)):
        for entry_id, entry in registry.items():
            if not used[(kind, entry_id)]:
                found.append(problem(entry.where, f"unused-{kind}", f"{kind} '{entry_id}' is not used by any event",
                                     f"remove it, or add it to the events it belongs to"))
    return found


def _ambiguous_aliases(timeline: Timeline) -> list[Problem]:
    owners: dict[str, list[str]] = defaultdict(list)
    for actor in timeline.actors.values():
        for name in {actor.name.ja, actor.name.en, *actor.aliases}:
            owners[name.casefold()].append(actor.id)
    found = []
    for name, ids in owners.items():
        if len(set(ids)) > 1:
            actor = timeline.actors[ids[-1]]
            found.append(problem(actor.where, "ambiguous-alias", f"the name '{name}' belongs to actors {', '.join(sorted(set(ids)))}",
                                 "--actor with that name cannot tell them apart: make the alias more specific"))
    return found


def _event_problems(timeline: Timeline, event: Event) -> list[Problem]:
    found = []
    for kind, refs in (("topic", event.topics), ("actor", event.actors)):
        for ref, count in Counter(refs).items():
            if count > 1:
                found.append(problem(event.where, "duplicate-reference", f"event '{event.id}' lists {kind} '{ref}' {count} times",
                                     "list it once"))
    sources = event.source_ids
    if len(sources) == 1:
        found.append(problem(event.where, "single-source", f"event '{event.id}' rests on one source ('{sources[0]}')",
                             "fine for many true events; add a second source when one exists"))
    found += _after_publication(timeline, event, sources)
    for label, text in (("title", event.title), ("summary", event.summary), ("notes", event.notes)):
        found += _mixed_scripts(event.where, f"event '{event.id}' {label}", text)
    return found


def _after_publication(timeline: Timeline, event: Event, sources: tuple[str, ...]) -> list[Problem]:
    """An event dated after every article that cites it was published must be marked as scheduled."""
    published = [timeline.sources[s].published.latest for s in sources if s in timeline.sources]
    earliest = event.date.earliest
    if event.status == "scheduled" or not published or earliest is None or earliest <= max(published):
        return []
    return [problem(event.where, "after-publication",
                    f"event '{event.id}' is dated {event.date.text}, after its latest source was published ({max(published)})",
                    "mark it `status: scheduled` if the article announced it, or check the date")]


def _near_duplicates(events: tuple[Event, ...]) -> list[Problem]:
    by_date: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_date[event.date.text].append(event)
    found = []
    for same_day in by_date.values():
        for i, first in enumerate(same_day):
            for second in same_day[i + 1:]:
                if _similar(first.title, second.title):
                    found.append(problem(second.where, "near-duplicate",
                                         f"events '{first.id}' and '{second.id}' share the date {first.date.text} and "
                                         "nearly the same title", "merge them if they report one event"))
    return found


def _similar(one: Text, other: Text) -> bool:
    return any(SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= NEAR_DUPLICATE
               for a, b in ((one.en, other.en), (one.ja, other.ja)))


def _registry_scripts(timeline: Timeline) -> list[Problem]:
    found = []
    for kind, registry in (("topic", timeline.topics), ("actor", timeline.actors)):
        for entry in registry.values():
            found += _mixed_scripts(entry.where, f"{kind} '{entry.id}' name", entry.name)
            for alias in getattr(entry, "aliases", ()):
                found += _mixed_scripts(entry.where, f"{kind} '{entry.id}' alias", Text(alias, ""))
    return found


def _mixed_scripts(where: Where, what: str, text: Text | None) -> list[Problem]:
    if text is None:
        return []
    for value in (text.ja, text.en):
        for word in _WORD.findall(value):
            scripts = {_script(ch) for ch in word} - {None}
            if len(scripts) > 1 and scripts & {"Cyrillic", "Greek"}:
                return [problem(where, "mixed-script", f"{what}: the word '{word}' mixes {' and '.join(sorted(scripts))} letters",
                                "retype it: look-alike letters from another alphabet break search and sorting")]
    return []


def _script(char: str) -> str | None:
    code = ord(char)
    for name, ranges in _SCRIPTS:
        if any(low <= code <= high for low, high in ranges):
            return name
    return None
