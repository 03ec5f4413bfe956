"""Imported rows -> the values of one event file (normalize's writer lays them out), and what an editor must check.

Every reader (TimelineJS sheet, TimelineJS JSON, generic CSV) gives `Entry` records; this module alone decides
ids (date + headline, unique), topics (one per group name), the title, both languages, and the notes that keep
what the source said. Citations stay empty: an import has no verbatim quotes, and `timeline validate` says
what to add.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import EventDate
from ..errors import PROBLEM_CODES, Problem
from ..format import BILINGUAL, MAX_ID_LENGTH, is_id, slug_of
from ..names import fold

__all__ = ["Entry", "Report", "UNCATEGORIZED", "build_document"]

UNCATEGORIZED = ("uncategorized", {"ja": "未分類", "en": "Uncategorized"})  # the topic of rows with no group
_LISTED = 12  # rows named in one summary warning before "and N more"


@dataclass(frozen=True, slots=True)
class Entry:
    """One event as a reader found it: where (line; column numbers by role), its EDTF date, its text, its group
    name (or ''), its links, notes as (en, ja) pairs, and the id the source gave (TimelineJS's `unique_id`)."""

    line: int
    date: str
    title: str
    summary: str
    group: str = ""
    links: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    given_id: str = ""
    columns: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Report:
    """What the import found for an editor: problems (errors stop the import), and counts for the summary."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    events: int = 0
    skipped: int = 0
    gathered: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    # How `timeline export` words a date (render.dates.format_date, given by the command: the renderers sit above
    # this layer), to read back exactly what it wrote in a Display Date; None reads display dates as typed only.
    shown_as: Callable[[EventDate, str], str] | None = None

    def add(self, line: int, column: int, code: str, message: str, hint: str = "") -> None:
        """A problem at a row and column of the input, at its code's severity."""
        self.problems.append(Problem(self.file, line, column, code, message, hint, PROBLEM_CODES[code][0]))

    def gather(self, line: int, code: str, message: str, hint: str = "") -> None:
        """The same thing on one more row: reported once for all of them by `flush`."""
        self.gathered.setdefault((code, message, hint), []).append(line)

    def flush(self) -> None:
        """One problem for each thing gathered, naming its rows."""
        for (code, message, hint), lines in self.gathered.items():
            self.add_rows(lines, code, message, hint)
        self.gathered.clear()

    def add_rows(self, lines: Sequence[int], code: str, message: str, hint: str = "", column: int = 1) -> None:
        """One problem for the same thing on many rows: at the first (in `column`), naming them all (the first
        few)."""
        if not lines:
            return
        shown = ", ".join(map(str, lines[:_LISTED])) + (f" and {len(lines) - _LISTED} more" if len(lines) > _LISTED
                                                        else "")
        self.add(lines[0], column, code, f"{message} (line{'s' if len(lines) > 1 else ''} {shown})", hint)


def _name_text(stem: str) -> str:
    """A file's name as text: a byte that is not UTF-8 (a lone surrogate to Python, which no file can hold) becomes
    U+FFFD, and whitespace (a tab, a line break in a name) one space, as a title must be one line."""
    return " ".join(os.fsencode(stem).decode("utf-8", "replace").split())


def build_document(entries: Sequence[Entry], title: str, report: Report) -> dict:
    """The values of the event file (keys in any order: the writer orders them)."""
    if not title:
        named = report.file != "-" and _name_text(Path(report.file).stem)  # stdin (`-`) names no file to title
        title = named or "Imported timeline"
        report.add(1, 1, "import-filled", f"no title row: the timeline is titled '{title}'" +
                   (" after the file" if named else ""), "give the title in both languages under `title:`")
    topics, events = {}, []
    ids = _Ids(report)
    for entry in entries:
        topic = _topic(entry, topics, report)
        event = {"id": ids.make(entry), "date": entry.date,
                 "title": _both(entry.title), "summary": _both(entry.summary),
                 "topics": [topic], "citations": []}
        notes = _notes(entry)
        if notes:
            event["notes"] = notes
        events.append(event)
    for entry in entries:
        if not entry.group:
            report.gather(entry.line, "import-filled", f"no group: topic '{UNCATEGORIZED[0]}'",
                          "give each event its topics from `topics` (`timeline docs format`)")
    report.flush()
    if events:
        report.add(entries[0].line, 1, "import-filled", f"the import gives each text in one language: `ja:` and `en:` "
                   + ("hold the same words" if len(events) == 1 else f"hold the same words in all {len(events)} events"),
                   "translate the titles and summaries")
    report.events = len(events)
    return {"version": "1", "title": _both(title), "topics": topics, "events": events}


def _topic(entry: Entry, topics: dict, report: Report) -> str:
    """The topic id of the entry's group, registered on first use (the same name, folded, is one topic)."""
    name = entry.group
    if not name:
        topics.setdefault(UNCATEGORIZED[0], dict(UNCATEGORIZED[1]))
        return UNCATEGORIZED[0]
    for topic_id, names in topics.items():
        if fold(names["en"]) == fold(name) or fold(names["ja"]) == fold(name):
            return topic_id
    base = slug_of(name) or "topic"
    topic_id, number = base, 1
    while topic_id in topics:
        number += 1
        topic_id = f"{base[:MAX_ID_LENGTH - 4]}-{number}"
    topics[topic_id] = {"ja": name, "en": name}
    return topic_id


def _both(text: str) -> dict:
    """The text in both languages: a sheet gives one, so both hold it until an editor translates one of them."""
    return {lang: text for lang in BILINGUAL}


def _notes(entry: Entry) -> dict | None:
    """The entry's notes and its links as candidate sources, in both languages, or None."""
    pairs = list(entry.notes)
    if entry.links:
        listed = " ".join(entry.links)
        pairs.append((f"Links in the imported row, candidate sources (add each to `sources` and cite it with a "
                      f"quote): {listed}", f"取り込んだ行のリンク（出典の候補。`sources` に加え、引用を添えて出典とする）: {listed}"))
    if not pairs:
        return None
    return {"en": "\n".join(en for en, _ in pairs), "ja": "\n".join(ja for _, ja in pairs)}


class _Ids:
    """Event ids: the source's own when it is a free slug, else date + headline; `-2`, `-3` ... when taken."""

    def __init__(self, report: Report):
        self.taken: set[str] = set()
        self.report = report

    def make(self, entry: Entry) -> str:
        if is_id(entry.given_id) and entry.given_id not in self.taken:
            self.taken.add(entry.given_id)
            return entry.given_id
        base = slug_of(f"{entry.date.replace('/', ' to ')} {entry.title}") or "event"
        made, number = base, 1
        while made in self.taken:
            number += 1
            made = f"{base[:MAX_ID_LENGTH - 1 - len(str(number))].rstrip('-')}-{number}"
        if made != base:
            self.report.add(entry.line, entry.columns.get("title", 1), "import-filled",
                            f"another row has the same date and headline: id '{made}'",
                            "merge the two events, or give each a distinct headline")
        elif entry.given_id:
            self.report.add(entry.line, 1, "import-filled", f"unique_id '{entry.given_id}' is not a free id: id "
                            f"'{made}'", "ids are lowercase slugs, unique across files")
        self.taken.add(made)
        return made
