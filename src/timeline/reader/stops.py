"""Where and why a reading of YAML stopped, and what a reading gave: shared by libyaml.py, recover.py and hints.py
(and light to import: a file without a syntax error needs none of the recovery)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Stop:
    """Where and why libyaml stopped reading, 1-based as an editor counts (only \\n ends a line).

    `context` is what libyaml was reading then (`while scanning a quoted scalar`), begun at the context position;
    `character` is the code point libyaml's reader refused, when that is why it stopped."""

    problem: str
    line: int
    column: int
    context: str = ""
    context_line: int = 0
    context_column: int = 0
    character: int | None = None


@dataclass(frozen=True, slots=True)
class Cut:
    """What cutting a file's syntax errors out took away (recover.py): the top-level keys that lost text of which
    nothing is known (`title`, or `events` for an event cut out), and the registry entries that went whole, by
    (registry, id) when the id could be read, as ("topics", "ai-policy"). Validation reports nothing missing that
    they may hold: a reference to a topic cut out is to a topic with a syntax error, not an unknown one."""

    keys: frozenset[str] = frozenset()
    entries: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True, slots=True)
class Read:
    """What reading a file gave: its root and where it stands, whether every line was read, and, when syntax errors
    were cut out and the rest read (recover.py), what was cut (None: nothing to validate)."""

    root: object
    root_at: tuple[int, int]
    complete: bool
    cut: Cut | None = None


class Stopped(Exception):
    """A reading stopped at a syntax error (`stop`, in the text read)."""

    def __init__(self, stop: Stop):
        super().__init__(stop.problem)
        self.stop = stop


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def yaml_lines(text: str) -> list[str]:
    """The lines of `text` as YAML numbers them: a lone CR (an old Mac's line end) ends one too, as CRLF and LF do.
    For a file with a lone CR its problems are numbered so (libyaml's marks); for any other it is `split("\\n")`
    less the CR of each CRLF."""
    return _LINE_BREAK.split(text)


def position(text: str, index: int) -> tuple[int, int]:
    """(line, column), 1-based, of character `index` of `text`, counting only \\n as a line break (as editors do)."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def stop_of(error, text: str, where=None) -> Stop:
    """Where and why libyaml stopped (a yaml.MarkedYAMLError), at the line and column `where` gives for a mark (by
    default the editor's, in `text`)."""
    where = where or (lambda mark: position(text, mark.index))
    mark, context = error.problem_mark or error.context_mark, error.context_mark
    line, column = where(mark) if mark else (1, 1)
    context_line, context_column = where(context) if context else (0, 0)
    return Stop(error.problem or "", line, column, error.context or "", context_line, context_column)


def reader_stop(error, source: bytes | str, text: str) -> Stop:
    """The character libyaml's reader refused (a yaml.reader.ReaderError at `error.position` of `source`: a byte
    offset when libyaml read UTF-8, a character index for the pure Python reader)."""
    index = len(source[:error.position].decode("utf-8", "replace")) if isinstance(source, bytes) else error.position
    return Stop("", *position(text, index), character=error.character)
