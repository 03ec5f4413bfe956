"""Writing the canonical text of one valid file, piece by piece (`timeline docs normalize`).

The writer is our own rather than yaml's emitter: the structure is fixed and small, so writing it directly
gives exact control of key order, quoting and the place of each comment (yaml's emitter drops comments).
It works from the loader's values, not from the model, so that what the model folds away (an explicit
`status: happened`, `actors: []` versus no `actors`) is written back as the editor wrote it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..load import YMap, collector_paused
from .build import ROOT, Builder, Comment, Events, Unit
from .comments import notes_for
from .scalars import forget_formatted

__all__ = ["rewrite"]


def rewrite(text: str, root: YMap, sink: Callable[[str], None]) -> tuple[int, int]:
    """Write the canonical text of a valid file (`text` with \\n line breaks and no BOM, `root` its loaded
    values) to `sink`, one piece per event; return how many comments the file has and how many the text
    will read back as (trailing comments joined on one line count as one)."""
    notes = notes_for(text, root)
    writer = _Writer(sink)
    try:
        with collector_paused():  # hundreds of thousands of units and lines, none of them in a cycle
            writer.units(Builder(notes).mapping(root, ROOT, 0), 0)
            writer.comment_lines("", notes.rest)
            writer.flush()
    finally:
        forget_formatted()  # the values it holds go with the file's
    return notes.found, writer.comments


class _Writer:
    """Output lines, passed on a piece at a time, and how many comments they will read back as."""

    def __init__(self, sink: Callable[[str], None]):
        self.sink = sink
        self.lines: list[str] = []
        self.comments = 0

    def flush(self) -> None:
        if self.lines:
            self.sink("\n".join(self.lines) + "\n")
            self.lines = []

    def comment_lines(self, pad: str, comments: list[Comment] | tuple) -> None:
        if comments:
            self.lines.extend(pad + comment for _, comment in comments)
            self.comments += len(comments)

    def line(self, head: str, trailing: list[Comment]) -> None:
        if trailing:
            head += "  " + "  ".join(comment for _, comment in trailing)
            self.comments += 1
        self.lines.append(head)

    def units(self, units: list[Unit | str], indent: int) -> None:
        pad = " " * indent
        for unit in units:
            if unit.__class__ is str:  # an entry or item without comments, as its text (build.py)
                self.lines.append(pad + unit)
            elif unit.head is None:  # a sequence item: its first entry shares the "- " line, and its comments
                first, rest = unit.value[0], unit.value[1:]
                if first.__class__ is str:
                    self.comment_lines(pad, unit.before)
                    self.line(pad + "- " + first, unit.trailing)
                else:
                    self.comment_lines(pad, [*unit.before, *first.before])
                    self.entry(first, indent + 2, pad + "- ", [*unit.trailing, *first.trailing])
                self.units(rest, indent + 2)
            else:
                self.comment_lines(pad, unit.before)
                self.entry(unit, indent, pad, unit.trailing)

    def entry(self, unit: Unit, indent: int, lead: str, trailing: list[Comment]) -> None:
        self.line(lead + unit.head, trailing)
        value = unit.value
        if isinstance(value, list):
            self.units(value, indent + 2)
        elif isinstance(value, Events):
            for event in value.units():  # built, written and let go one at a time
                self.units([event], indent + 2)
                self.flush()
