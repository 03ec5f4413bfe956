"""`timeline diff` as text (coloured on a terminal), Markdown (a change log, an editor's email) and JSON (in the
spirit of csv-diff: `added`, `removed`, `renamed`, `changed: [{id, changes: {path: [old, new]}}]`).

Pure: each takes a TimelineDiff and returns a string. Paths are dyff-style, `events[ID].title.en`; every piece
of data is made safe for its channel (terminal_safe, escape_markdown, JSON's own escaping).
"""

from __future__ import annotations

import dataclasses
import json
import re

from ..dates import EventDate, Point
from ..diff import Change, Changed, TimelineDiff
from ..model import Actor, Text, Topic
from .diff import change_words, record_words
from .export import actor_dict, event_dict, source_dict, topic_dict
from .markdown import escape_markdown
from .text import terminal_safe

__all__ = ["code_span", "render_json", "render_markdown", "render_text"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # what would break or colour a line
# SGR codes on a colour terminal: what was added green, removed red, changed yellow, renamed cyan.
_SGR = {"+": "32", "-": "31", "~": "33", ">": "36"}


def _line(mark: str, text: str, colour: bool, indent: str = "") -> str:
    safe = terminal_safe(text, one_line=True)  # data is made safe before our colour codes go round it
    return f"{indent}\x1b[{_SGR[mark]}m{mark} {safe}\x1b[0m" if colour else f"{indent}{mark} {safe}"


def _sections(diff: TimelineDiff, lang: str):
    """(mark, paths, headline, [(path, sentence)]) for each record, in the order every format lists them: events
    added, removed, renamed, changed, the dataset's title, then each registry. `paths` names the record
    (`events[ID]`; a renamed one's old and new), `headline` says what it is in words."""
    for event in diff.added:
        yield "+", (f"events[{event.id}]",), record_words(event, lang), []
    for event in diff.removed:
        yield "-", (f"events[{event.id}]",), record_words(event, lang), []
    for renamed in diff.renamed:
        yield ">", (f"events[{renamed.old_id}]", f"events[{renamed.new_id}]"), record_words(renamed.event, lang), []
    for changed in diff.changed:
        yield "~", (f"events[{changed.id}]",), record_words(changed.new, lang), _changes(changed.changes, lang)
    if diff.title:
        yield "~", ("title",), "", _changes(diff.title, lang, strip="title")
    for registry in diff.registries:
        for record in registry.added:
            yield "+", (f"{registry.name}[{record.id}]",), record_words(record, lang), []
        for record in registry.removed:
            yield "-", (f"{registry.name}[{record.id}]",), record_words(record, lang), []
        for changed in registry.changed:
            yield "~", (f"{registry.name}[{changed.id}]",), record_words(changed.new, lang), _changes(changed.changes,
                                                                                                      lang)


def _changes(changes: tuple[Change, ...], lang: str, strip: str = "") -> list[tuple[str, str]]:
    return [("." + change.path.removeprefix(strip).lstrip("."), change_words(change, lang)) for change in changes]


def render_text(diff: TimelineDiff, lang: str, *, colour: bool = False) -> str:
    """One line per record (`+` added, `-` removed, `>` renamed, `~` changed) and, under a changed one, a line per
    change: `    .date: date moved from ...`. Nothing at all when the timelines are equal."""
    lines = []
    for mark, paths, headline, changes in _sections(diff, lang):
        lines.append(_line(mark, " → ".join(paths) + (f"  {headline}" if headline else ""), colour))
        lines += ["    " + terminal_safe(f"{path}: {sentence}", one_line=True) for path, sentence in changes]
    return "".join(line + "\n" for line in lines)


_HEADINGS = {
    "en": {"title": "Changes from {} to {}", "none": "No changes.", "+": "Added", "-": "Removed", ">": "Renamed",
           "~": "Changed"},
    "ja": {"title": "{}から{}への変更", "none": "変更はありません。", "+": "追加", "-": "削除", ">": "ID変更",
           "~": "変更"},
}


def render_markdown(diff: TimelineDiff, lang: str, *, old_name: str, new_name: str) -> str:
    """A heading naming both sides, then a section for each kind of change, every record a bullet and each of its
    changes a nested bullet. File names, revisions, ids and paths are code spans (`events[id]` reads as typed in
    Slack or an email, where a backslash escape would show); every other piece of data is escaped
    (escape_markdown): a title with `*` or `<` stays text."""
    words = _HEADINGS[lang]
    lines = ["# " + words["title"].format(code_span(old_name), code_span(new_name)), ""]
    grouped: dict[str, list[str]] = {}
    for mark, paths, headline, changes in _sections(diff, lang):
        entry = grouped.setdefault(mark, [])
        named = " → ".join(code_span(path) for path in paths)
        entry.append("- " + named + (f" {escape_markdown(headline)}" if headline else ""))
        entry += [f"  - {code_span(path)}: {escape_markdown(sentence)}" for path, sentence in changes]
    for mark in ("+", "-", ">", "~"):
        if mark in grouped:
            lines += [f"## {words[mark]}", "", *grouped[mark], ""]
    if diff.equal:
        lines += [words["none"], ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def code_span(text: str) -> str:
    """`text` as a CommonMark code span, shown as typed (no escape is read inside one, and no link or HTML is made
    of it): fenced by one backtick more than its longest run of backticks, and padded with a space each side when
    it holds a backtick or starts and ends with a space, which the reader strips. A line break would end the span's
    line, and a control character is shown as an escape, as escape_markdown shows it."""
    text = _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = "`" in text or (text[:1] == " " and text[-1:] == " " and text.strip(" ") != "")
    return f"{fence} {text} {fence}" if padded else f"{fence}{text}{fence}"


def render_json(diff: TimelineDiff, lang: str, *, old_name: str, new_name: str) -> str:
    """The JSON document of `timeline docs diff`: whole records for what was added or removed (as `list
    --format json` writes them, dates in words in `lang`), and `[old, new]` for each changed path."""
    document = {
        "old": old_name, "new": new_name, "equal": diff.equal,
        "added": [event_dict(event, lang) for event in diff.added],
        "removed": [event_dict(event, lang) for event in diff.removed],
        "renamed": [{"from": renamed.old_id, "to": renamed.new_id} for renamed in diff.renamed],
        "changed": [_changed(changed) for changed in diff.changed],
        "title": _pairs(diff.title),
        "registries": {registry.name: {"added": [_record(r, lang) for r in registry.added],
                                       "removed": [_record(r, lang) for r in registry.removed],
                                       "changed": [_changed(c) for c in registry.changed]}
                       for registry in diff.registries},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _changed(changed: Changed) -> dict:
    return {"id": changed.id, "changes": _pairs(changed.changes)}


def _pairs(changes: tuple[Change, ...]) -> dict:
    return {change.path: [plain(change.old), plain(change.new)] for change in changes}


def _record(record: object, lang: str) -> dict:
    if isinstance(record, Topic):
        return topic_dict(record)
    return actor_dict(record) if isinstance(record, Actor) else source_dict(record, lang)


def plain(value: object) -> object:
    """A model value as JSON: a date as its EDTF text, a text as {ja, en}, a record as its compared fields."""
    if isinstance(value, (EventDate, Point)):
        return str(value)
    if isinstance(value, Text):
        return {"ja": value.ja, "en": value.en}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if dataclasses.is_dataclass(value):
        return {field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value) if field.compare}
    return value
