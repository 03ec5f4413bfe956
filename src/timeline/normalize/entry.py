"""One event written into an event file in its canonical place, every other byte kept (`timeline docs add`).

`timeline add` and `timeline add --edit` write through here. The event's lines are the canonical writer's
(document.canonical_document, so they are exactly what `timeline normalize` would write), indented as the file's
events list is; their place is the one order's (order.chronological, as normalize places events): before the
event that follows the new one, above the comments that belong to that event, or after the last one. Nothing
else in the file changes: comments, quoting and the layout of every other event stay as they are.

Nothing is trusted (as in normalize): the new text must validate with the other files, every other event and
every registry must read back the same, every comment must still be there, and a file that was canonical must
still be canonical; else nothing is written (`UnsafeNormalizeError`, a bug; `InvalidDataError`, the answers).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..dates import parse_edtf
from ..errors import InvalidDataError, Severity, UnsafeNormalizeError, UsageError
from ..load import LoadedFile, YMap, YSeq, collector_paused, load_text, unpack_position
from ..model import Event, Timeline
from ..order import chronological
from ..validate import validate
from .build import placed
from .check import fingerprint
from .comments import notes_for
from .document import canonical_document
from .scalars import clean

__all__ = ["Entry", "event_lines", "plain", "place_event"]

_BUG = "the file is left untouched (a bug in timeline add: please report it)"
_COMMENT_LINE = re.compile(r"[ \t]*#")
_KEEP_CHOMPING = re.compile(r"[:\-][ \t]+(?:[!&][^ \t\n]*[ \t]+)*[|>][1-9]?\+[1-9]?[ \t]*(?:#[^\n]*)?\n")


@dataclass(frozen=True, slots=True)
class Entry:
    """The result of placing an event: the file's new text, the event's lines in it and where they start."""

    text: str  # the whole file, as it will be written (BOM and line breaks as the input's)
    lines: str  # the event's own lines, as written in the file (\n line breaks)
    line: int  # the line number of its first line
    event: Event  # the event as validated from the new text


def plain(value: object) -> object:
    """A loaded value (YMap, YSeq, text) as plain dicts, lists and strings, for canonical_document."""
    if isinstance(value, YMap):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, YSeq):
        return [plain(item) for item in value]
    return value


def event_lines(values: Mapping, indent: int = 2) -> str:
    """The canonical lines of one event (`values`: plain values, as `plain` gives), as an item of an events list
    whose dashes stand at column `indent` + 1."""
    body = canonical_document({"events": [dict(values)]}, "<event>").split("\n", 1)[1]
    lines = body.splitlines(keepends=True)
    # The canonical writer puts an events list's dashes at column 3 and writes no block scalars, so every line
    # starts with the same two spaces and can be shifted as a whole.
    return "".join(" " * indent + line[2:] for line in lines)


def place_event(files: Sequence[LoadedFile], target: int, values: Mapping, *, replacing: str | None = None) -> Entry:
    """The text of `files[target]` with the event `values` written into its canonical place (and the event
    `replacing` names taken out of its old one), checked as the module says.

    `files` are every file read together, as loaded (their texts as read: BOM and line breaks are handled here).
    Raises UsageError (a file this cannot write into safely, an event with comments inside it), InvalidDataError
    (the result does not validate: the answers given) or UnsafeNormalizeError (a bug).
    """
    source = files[target]
    text, crlf = _plain_breaks(source.text, source.file)
    loaded = load_text(text, source.file)
    if not loaded.complete or loaded.root is None:
        raise InvalidDataError([p for p in loaded.problems if p.severity is Severity.ERROR])
    lines = event_lines(values, _indent(text, loaded.root))
    new_text, start = _spliced(text, loaded.root, values, lines, replacing)
    written = ("\ufeff" if source.bom else "") + (new_text.replace("\n", "\r\n") if crlf else new_text)
    event = _checked(files, target, text, new_text, values, replacing)
    return Entry(written, lines, new_text.count("\n", 0, start) + 1, event)


# -- the text ------------------------------------------------------------------------------------------------------

def _plain_breaks(text: str, file: str) -> tuple[str, bool]:
    """`text` with \\n line breaks, and whether it had \\r\\n ones (they are put back); mixed breaks are refused."""
    if "\r" not in text:
        return text, False
    if text.count("\r\n") == text.count("\r") == text.count("\n"):
        return text.replace("\r\n", "\n"), True
    raise UsageError(f"{file}: its lines end in more than one way (\\r\\n, \\r, \\n); run `timeline normalize "
                     f"{file}` first, then add the event")


class _Offsets:
    """Text offsets of loader positions (load.unpack_position), from a table of line starts made once."""

    def __init__(self, text: str):
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def __call__(self, packed: int) -> int:
        line, column = unpack_position(packed)
        return self.starts[line - 1] + column - 1


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _dash(text: str, item_at: int) -> int:
    """The offset of the `-` of the events list's item whose value starts at `item_at`."""
    dash = item_at - 1
    while dash >= 0 and text[dash] in " \t\n":
        dash -= 1
    if dash < 0 or text[dash] != "-":
        raise UsageError("the events list is not written as a block list (`- id: ...` items); run `timeline "
                         "normalize` on the file first, then add the event")
    return dash


def _indent(text: str, root: YMap) -> int:
    """The column (from 0) of the file's events list's dashes, or the canonical 2 for a file without events."""
    events = root.get("events")
    if not isinstance(events, YSeq) or not events:
        return 2
    dash = _dash(text, _Offsets(text)(events.packed[0]))
    return dash - _line_start(text, dash)


def _region_start(text: str, dash: int) -> int:
    """Where an item's lines start: its dash's line, or the comment lines right above it (they belong to it)."""
    start = _line_start(text, dash)
    while start > 0:
        above = _line_start(text, start - 1)
        if not _COMMENT_LINE.match(text, above):
            break
        start = above
    return start


def _list_end(text: str, last_dash: int, indent: int) -> int:
    """Where the events list ends after its last item: after that item's last line of content (comments and blank
    lines after it belong to what follows, or to the end of the file)."""
    position = text.find("\n", last_dash)
    end = len(text) if position < 0 else position + 1
    while end < len(text):
        next_end = text.find("\n", end)
        next_end = len(text) if next_end < 0 else next_end + 1
        line = text[end:next_end]
        stripped = line.lstrip(" ")
        if not line.strip() or _COMMENT_LINE.match(line):
            end = next_end
            continue
        if len(line) - len(stripped) <= indent:
            break
        end = next_end
    # back over the blank and comment lines just passed: they are not the item's
    while end > last_dash:
        above = _line_start(text, end - 1)
        line = text[above:end]
        if line.strip() and not _COMMENT_LINE.match(line) or above <= last_dash:
            break
        end = above
    if _KEEP_CHOMPING.search(text, last_dash, end):
        # a `|+` or `>+` block keeps the blank lines right after its last line: they are part of its value
        while end < len(text) and not text[end:text.find("\n", end) + 1 or len(text)].strip():
            end = text.find("\n", end) + 1 or len(text)
    return end


def _spliced(text: str, root: YMap, values: Mapping, lines: str, replacing: str | None) -> tuple[str, int]:
    """The text with `lines` in the canonical place of `values` (the `replacing` event's lines taken out), and
    the offset where they start."""
    events = root.get("events")
    if "events" not in root:
        joined = text if not text or text.endswith("\n") else text + "\n"
        return joined + "events:\n" + lines, len(joined) + len("events:\n")
    if not isinstance(events, YSeq) or not events:
        return _into_empty(text, root, lines)
    offset = _Offsets(text)
    dashes = [_dash(text, offset(at)) for at in events.packed]
    starts = [_region_start(text, dash) for dash in dashes]
    indent = dashes[0] - _line_start(text, dashes[0])
    ends = starts[1:] + [_list_end(text, dashes[-1], indent)]
    kept = list(range(len(events)))
    new_order = len(events)
    if replacing is not None:
        index = next(i for i, item in enumerate(events) if clean(item["id"]) == replacing)
        _refuse_inner_comments(text, root, dashes[index], ends[index], replacing)
        kept.remove(index)
        new_order = index  # a tie on the date keeps the event where it stood among its equals
    at = _insertion(text, events, kept, starts, ends, values, new_order)
    lead = ""
    if replacing is not None:
        cut_start, cut_end = starts[new_order], ends[new_order]
        lead = text[cut_start:_line_start(text, dashes[new_order])]  # the comments above it go with it
        text = text[:cut_start] + text[cut_end:]
        if at >= cut_end:
            at -= cut_end - cut_start
        elif at > cut_start:
            at = cut_start
    if at == len(text) and text and not text.endswith("\n"):
        text += "\n"
        at += 1
    return text[:at] + lead + lines + text[at:], at + len(lead)


def _insertion(text: str, events: YSeq, kept: list[int], starts: list[int], ends: list[int], values: Mapping,
               new_order: int) -> int:
    """The offset the event goes to: before the event that follows it in the one order, else after the one
    before it (which, in a canonical file, is the last)."""
    new = placed(values, new_order)
    ordered = list(chronological([*(placed(events[i], i) for i in kept), new]))
    position = next(i for i, item in enumerate(ordered) if item is new)
    if position + 1 < len(ordered):
        return starts[ordered[position + 1].order]
    previous = ordered[position - 1].order
    following = [i for i in kept if i > previous]
    return starts[following[0]] if following else ends[previous]


def _into_empty(text: str, root: YMap, lines: str) -> tuple[str, int]:
    """`events:` with no value, or `events: []`: the lines go under the key."""
    key_at, _ = root.packed("events")
    key = _Offsets(text)(key_at)
    colon = text.index(":", key)
    line_end = text.find("\n", colon)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[colon + 1:line_end]
    if root["events"] is not None:  # `[]`, perhaps with a comment after it
        match = re.match(r"[ \t]*\[[ \t]*\]", rest)
        if match is None:
            raise UsageError("the events list is written in a form `timeline add` does not write into; run "
                             "`timeline normalize` on the file first")
        text = text[:colon + 1] + rest[match.end():] + text[line_end:]
        line_end = text.find("\n", colon)
        line_end = len(text) if line_end < 0 else line_end
    if line_end == len(text):
        text += "\n"
    at = line_end + 1
    return text[:at] + lines + text[at:], at


def _refuse_inner_comments(text: str, root: YMap, dash: int, end: int, event_id: str) -> None:
    """The edited event is written anew from its values: a comment inside its lines would be lost. Counted by the
    one comment finder (comments.py), with and without the event's lines, so a `#` inside a text is no comment."""
    if "#" not in text[dash:end]:
        return
    start = _line_start(text, dash)
    without = text[:start] + text[end:]
    if notes_for(text, root).found != notes_for(without, load_text(without, "<without>").root).found:
        line = text.count("\n", 0, dash) + 1
        raise UsageError(f"event '{event_id}' (line {line}) has a comment inside its lines, which rewriting it would "
                         "lose; move the comment above the event (it then stays with it) and run again")


# -- the checks ----------------------------------------------------------------------------------------------------

def _checked(files: Sequence[LoadedFile], target: int, before: str, after: str, values: Mapping,
             replacing: str | None) -> Event:
    """The new event, once the new text validates with the other files, leaves everything else as it was, keeps
    every comment and stays canonical if it was."""
    old = _timeline([_again(f, before if i == target else None) for i, f in enumerate(files)])
    new_files = [_again(f, after if i == target else None) for i, f in enumerate(files)]
    new = _timeline(new_files)
    added = str(values["id"])
    old_root = load_text(before, files[target].file).root
    if fingerprint(_without(old, replacing), nfc=False) != fingerprint(_without(new, added), nfc=False) \
            or _as_written(old_root, replacing) != _as_written(new_files[target].root, added):
        raise UnsafeNormalizeError(f"{files[target].file}: writing the event would change other events; {_BUG}")
    if notes_for(before, old_root).found != notes_for(after, new_files[target].root).found:
        raise UnsafeNormalizeError(f"{files[target].file}: writing the event would lose a comment; {_BUG}")
    if _canonical(files, target, before) and not _canonical(files, target, after):
        raise UnsafeNormalizeError(f"{files[target].file}: the file would no longer be canonical; {_BUG}")
    return next(event for event in new.events if event.id == added)


def _as_written(root: object, event_id: str | None) -> list[str]:
    """The file's other events as their values read, untrimmed: the model trims texts, so a `|+` block's kept
    line breaks (which a misplaced insertion would take away) are compared here."""
    events = root.get("events") if isinstance(root, YMap) else None
    items = events if isinstance(events, YSeq) else []
    return sorted(repr(plain(item)) for item in items
                  if not (isinstance(item, YMap) and isinstance(item.get("id"), str) and clean(item["id"]) == event_id))


def _again(file: LoadedFile, text: str | None) -> LoadedFile:
    """A fresh load of a file (validation takes its values over), from `text` when given."""
    loaded = load_text(file.text if text is None else text, file.file)
    loaded.bom = file.bom
    return loaded


def _timeline(files: list[LoadedFile]) -> Timeline:
    with collector_paused():
        timeline, problems = validate(files, editorial=False)
    if timeline is None or not all(file.complete for file in files):
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR])
    return timeline


def _without(timeline: Timeline, event_id: str | None) -> Timeline:
    """The timeline without one event, its events by id (taking one out may move those `after` it)."""
    events = sorted((event for event in timeline.events if event.id != event_id), key=lambda event: event.id)
    return dataclasses.replace(timeline, events=tuple(events))


def _canonical(files: Sequence[LoadedFile], target: int, text: str) -> bool:
    from . import _normalize  # the package's own three steps

    loaded = [_again(f, text if i == target else None) for i, f in enumerate(files)]
    loaded[target].bom = False
    return _normalize(loaded)[target] is None
