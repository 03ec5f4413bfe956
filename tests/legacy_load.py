"""The loader as it was before the performance work of issue #8, kept as an oracle for tests/unit/test_validate_fastpath.py.

Not used by the program. If the loader's behaviour changes on purpose, change it here the same way. Only the
builder (libyaml's events -> values) is the old one: decoding, the limits, the merge-conflict check, libyaml's own
nesting limit and the syntax hints are the reader's own (timeline.reader), shared rather than copied, since this
copy is kept to compare the builder.

Original docstring: Bytes -> YAML values with the position of every key and value.

Event files are untrusted input, so this is not `yaml.safe_load`: it walks libyaml's event stream once and
builds plain dicts, lists and strings, refusing what `safe_load` would silently accept (duplicate keys, which
PyYAML resolves by keeping the last one; anchors and aliases, which can expand exponentially; tags; a second
document). Every scalar stays the text the editor typed: `2025-01-20` is not a date, `no` is not False,
`1.10` is not 1.1. The validator decides what the text means.
"""

from __future__ import annotations

import codecs
from bisect import bisect_right
from dataclasses import dataclass, field

import yaml

from timeline.errors import Problem
from timeline.reader.conflicts import merge_conflicts
from timeline.reader.decode import decoded, too_large
from timeline.reader.libyaml import _too_deep_before, duplicate_hint, probe
from timeline.reader.recover import recover
from timeline.reader.stops import Stopped, reader_stop, stop_of
from timeline.reader.nodes import MAX_DEPTH, MAX_SCALAR, NULLS

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events, so either works.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)

_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML 1.1 and libyaml, not to editors


class YMap(dict):
    """A mapping that remembers where it, each key and each value stand (1-based line, column)."""

    __slots__ = ("line", "column", "keys_at", "values_at")


class YSeq(list):
    """A sequence that remembers where it and each item stand."""

    __slots__ = ("line", "column", "items_at")


@dataclass(slots=True)
class LoadedFile:
    """One file read and parsed: its root value (None when it has none) and the problems found."""

    file: str
    text: str
    root: object = None
    problems: list[Problem] = field(default_factory=list)
    bom: bool = False
    complete: bool = True
    root_at: tuple[int, int] = (1, 1)
    cut: object = None


def load_bytes(data: bytes, file: str) -> LoadedFile:
    """Decode UTF-8 (reporting the position of a bad byte) and parse: the reader's own decoding."""
    problem = too_large(data, file)
    if problem is not None:
        return LoadedFile(file, "", problems=[problem], complete=False)
    bom = data.startswith(codecs.BOM_UTF8)
    text = decoded(data, file)
    if isinstance(text, Problem):
        return LoadedFile(file, "", problems=[text], bom=bom, complete=False)
    loaded = load_text(text, file)
    loaded.bom = bom
    return loaded


def _problem(file: str, line: int, column: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(file, line, column, code, message, hint)


def load_text(text: str, file: str) -> LoadedFile:
    """Parse YAML text into YMap/YSeq/str/None values with positions, collecting every problem."""
    # Merge-conflict markers are reported before any parsing, and nothing else then (a change made on purpose).
    conflicts = merge_conflicts(text, file)
    if conflicts:
        return LoadedFile(file, text, problems=conflicts, complete=False)
    loaded = LoadedFile(file, text)
    found: list[Problem] = []
    builder = _Builder(file, text, found)
    builder.report_unicode_breaks()
    try:
        loaded.complete = builder.run(_Parser(text))
    except yaml.MarkedYAMLError as error:
        # libyaml 0.2.6+ may stop at its own nesting limit first; the loader then reports ours (a change made on
        # purpose: it is about libyaml, not about the builder).
        deep = _too_deep_before(text, file, error)
        if deep is None:  # a syntax error: every other one is found too, and the rest read (issue 17), as the reader does
            return _recovered(loaded, stop_of(error, text, builder.where), found)
        found.append(deep)
        loaded.complete = False
    except yaml.reader.ReaderError as error:
        return _recovered(loaded, reader_stop(error, text.encode("utf-8"), text), found)
    loaded.problems = found
    loaded.root, loaded.root_at = builder.root, builder.root_at
    if builder.root is None and not loaded.problems:
        loaded.problems.append(_problem(file, 1, 1, "empty-file", "the file has no content",
                                        "start from `timeline init`, or see `timeline docs format`"))
    return loaded


def _recovered(loaded: LoadedFile, stop, found: list[Problem]) -> LoadedFile:
    """The reader's recovery (timeline.reader.recover), with this builder reading what is left."""

    def values(text: str):
        problems: list[Problem] = []
        builder = _Builder(loaded.file, text, problems)
        builder.report_unicode_breaks()
        try:
            complete = builder.run(_Parser(text))
        except yaml.MarkedYAMLError as error:
            raise Stopped(stop_of(error, text, builder.where)) from None
        except yaml.reader.ReaderError as error:
            raise Stopped(reader_stop(error, text.encode("utf-8"), text)) from None
        return builder.root, builder.root_at, complete, problems

    read, loaded.problems = recover(loaded.text, loaded.file, stop, found, values, probe)
    loaded.root, loaded.root_at, loaded.complete, loaded.cut = read.root, read.root_at, read.complete, read.cut
    return loaded


class _Stop(Exception):
    """Parsing cannot usefully go on (too deep, second document); the problem is already recorded."""


class _Builder:
    """Consumes parser events and builds values; one instance per file."""

    def __init__(self, file: str, text: str, problems: list[Problem]):
        self.file = file
        self.text = text
        self.problems = problems
        self.root: object = None
        self.root_at = (1, 1)
        self.documents = 0
        self._line_starts: list[int] | None = None
        if any(brk in text for brk in _UNICODE_BREAKS):
            self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def report_unicode_breaks(self) -> None:
        """YAML reads a raw NEL, LINE or PARAGRAPH SEPARATOR as a line break and folds it into a space inside a
        value, so the character the editor pasted would vanish without a word: report each one."""
        if self._line_starts is None:
            return
        for index, char in enumerate(self.text):
            if char in _UNICODE_BREAKS:
                line = bisect_right(self._line_starts, index)
                column = index - self._line_starts[line - 1] + 1
                escape = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}[char]
                self.problems.append(_problem(
                    self.file, line, column, "control-character",
                    f"U+{ord(char):04X} is read as a line break by YAML and would silently become a space",
                    f"delete it (often a mis-decoded '…'), or write {escape} inside double quotes to keep it"))

    def where(self, mark) -> tuple[int, int]:
        """1-based line and column as an editor counts them (only \\n ends a line)."""
        if self._line_starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect_right(self._line_starts, mark.index)
        return line, mark.index - self._line_starts[line - 1] + 1

    def add(self, mark, code: str, message: str, hint: str = "") -> None:
        line, column = self.where(mark)
        self.problems.append(_problem(self.file, line, column, code, message, hint))

    def run(self, parser) -> bool:
        """Build the values; False when parsing had to stop before the end."""
        try:
            self._consume(parser)
            return True
        except _Stop:
            return False
        finally:
            parser.dispose()

    def _consume(self, parser) -> None:
        scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        stack: list = []  # open containers: [container, pending_key, key_mark]
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is scalar:
                value = self._scalar(event)
            elif kind is map_start or kind is seq_start:
                self._check_node(event, "mapping" if kind is map_start else "sequence")
                container = YMap() if kind is map_start else YSeq()
                container.line, container.column = self.where(event.start_mark)
                if kind is map_start:
                    container.keys_at, container.values_at = {}, {}
                else:
                    container.items_at = []
                if len(stack) >= MAX_DEPTH:
                    self.add(event.start_mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                             "an event file needs about six levels; check the indentation")
                    raise _Stop
                self._attach(stack, container, event.start_mark)
                stack.append([container, None, None])
                continue
            elif kind in ends:
                stack.pop()
                continue
            elif kind is alias:
                self.add(event.start_mark, "alias", f"alias *{event.anchor} is not allowed",
                         "write the value out in full; event files do not use anchors and aliases")
                value = None
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.add(event.start_mark, "multiple-documents", "a second YAML document (---) is not allowed",
                             "an event file is one document: remove the `---` line or split into files")
                    raise _Stop
                continue
            elif kind is yaml.StreamEndEvent:
                return
            else:  # StreamStart, DocumentEnd
                continue
            if not stack:
                self.root, self.root_at = value, self.where(event.start_mark)
            else:
                self._attach(stack, value, event.start_mark)

    def _attach(self, stack: list, value: object, mark) -> None:
        """Put a finished value into the open container (as a key or a value) or make it the root."""
        if not stack:
            self.root, self.root_at = value, self.where(mark)
            return
        top = stack[-1]
        container = top[0]
        if type(container) is YSeq:
            container.append(value)
            container.items_at.append(self.where(mark))
        elif top[1] is None and top[2] is None:  # this value is a key
            self._key(top, value, mark)
        else:
            key = top[1]
            if key is not _SKIP:
                container[key] = value
                container.values_at[key] = self.where(mark)
            top[1] = top[2] = None

    def _key(self, top: list, key: object, mark) -> None:
        container = top[0]
        top[2] = mark
        if not isinstance(key, str):
            what = "empty" if key is None else "a mapping" if isinstance(key, YMap) else "a list"
            self.add(mark, "complex-key", f"a key must be plain text, not {what}", "write the key as a word, e.g. `title:`")
            top[1] = _SKIP
        elif key == "<<":
            self.add(mark, "merge-key", "merge keys (<<) are not allowed", "write the keys out in full")
            top[1] = _SKIP
        elif key in container:
            first = container.keys_at[key]
            self.add(mark, "duplicate-key", f"duplicate key '{key}' (first at line {first[0]})", duplicate_hint(key))
            top[1] = _SKIP
        else:
            top[1] = key
            container.keys_at[key] = self.where(mark)

    def _scalar(self, event) -> str | None:
        self._check_node(event, "value")
        value = event.value
        if len(value) > MAX_SCALAR:
            self.add(event.start_mark, "too-large", f"a value of {len(value)} characters (limit {MAX_SCALAR})",
                     "keep quotes and summaries short; split long text")
            return value[:MAX_SCALAR]
        if not event.style and value in NULLS:
            return None
        return value

    def _check_node(self, event, what: str) -> None:
        if event.anchor is not None:
            self.add(event.start_mark, "anchor", f"anchor &{event.anchor} is not allowed",
                     "write the value out in full; event files do not use anchors and aliases")
        tag = event.tag
        if tag is not None and tag != "!" and not (what != "value" and event.implicit):
            self.add(event.start_mark, "tag", f"tag {tag} is not allowed on a {what}",
                     "remove the tag; quote the value if it must stay text")


_SKIP = object()  # marks a key whose value must be parsed but not stored
