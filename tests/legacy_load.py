"""The loader as it was before the performance work of issue #8, kept as an oracle for tests/test_fastpath.py.

Not used by the program. If the loader's behaviour changes on purpose, change it here the same way.

Original docstring: Bytes -> YAML values with the position of every key and value.

Event files are untrusted input, so this is not `yaml.safe_load`: it walks libyaml's event stream once and
builds plain dicts, lists and strings, refusing what `safe_load` would silently accept (duplicate keys, which
PyYAML resolves by keeping the last one; anchors and aliases, which can expand exponentially; tags; a second
document). Every scalar stays the text the editor typed: `2025-01-20` is not a date, `no` is not False,
`1.10` is not 1.1. The validator decides what the text means.
"""

from __future__ import annotations

import codecs
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from timeline import hints
from timeline.errors import FileAccessError, Problem, UsageError

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events, so either works.
    from yaml._yaml import CParser as _Parser
    from yaml._yaml import get_version_string

    PARSER_NAME = f"PyYAML {yaml.__version__} with libyaml {get_version_string()}"
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)

    PARSER_NAME = f"PyYAML {yaml.__version__} (pure Python parser)"

MAX_BYTES = 256 * 1024 * 1024  # default size cap; TIMELINE_MAX_BYTES overrides it per run
MAX_DEPTH = 32  # an event file needs 6 levels; deeper is an accident or an attack
MAX_SCALAR = 100_000  # characters in one value; a summary is a few hundred
NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # plain scalars that mean "no value"
_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML 1.1 and libyaml, not to editors


class YMap(dict):
    """A mapping that remembers where it, each key and each value stand (1-based line, column)."""

    __slots__ = ("line", "column", "keys_at", "values_at")


class YSeq(list):
    """A sequence that remembers where it and each item stand."""

    __slots__ = ("line", "column", "items_at")


def empty_sequence(at: tuple[int, int]) -> YSeq:
    """An empty list standing where a missing one would be, so callers need no special case."""
    empty = YSeq()
    empty.line, empty.column = at
    empty.items_at = []
    return empty


@dataclass(slots=True)
class LoadedFile:
    """One file read and parsed: its root value (None when it has none) and the problems found.

    `complete` is False when parsing stopped early (syntax error, second document): the root then holds
    only part of the file and must not be validated further, or every later key would look missing.
    """

    file: str
    text: str
    root: object = None
    problems: list[Problem] = field(default_factory=list)
    bom: bool = False
    complete: bool = True
    root_at: tuple[int, int] = (1, 1)


def max_bytes() -> int:
    """The size cap in force: TIMELINE_MAX_BYTES when set, else MAX_BYTES."""
    value = os.environ.get("TIMELINE_MAX_BYTES", "").strip()
    if not value:
        return MAX_BYTES
    if not value.isdigit():
        raise UsageError(f"TIMELINE_MAX_BYTES={value!r} is not a whole number of bytes")
    return int(value)


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS errors into `FileAccessError` and refusing absurd sizes up front."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes() + 1)
    except FileNotFoundError:
        raise FileAccessError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileAccessError(f"{path}: is a directory, not an event file") from None
    except OSError as error:
        raise FileAccessError(f"{path}: cannot read: {error.strerror or error}") from None
    return data


def load_file(path: str | Path, display: str | None = None) -> LoadedFile:
    """Read and parse one event file. Raises FileAccessError only when the file cannot be read."""
    return load_bytes(read_bytes(path), display or str(path))


def load_bytes(data: bytes, file: str) -> LoadedFile:
    """Decode UTF-8 (reporting the position of a bad byte) and parse."""
    limit = max_bytes()
    if len(data) > limit:
        hint = "split the file, or raise TIMELINE_MAX_BYTES if this size is intended"
        problem = _problem(file, 1, 1, "too-large", f"file is larger than {limit} bytes", hint)
        return LoadedFile(file, "", problems=[problem], complete=False)
    bom = data.startswith(codecs.BOM_UTF8)
    problem = _encoding_problem(data, file)
    if problem:
        return LoadedFile(file, "", problems=[problem], bom=bom, complete=False)
    text = data.decode("utf-8-sig")
    loaded = load_text(text, file)
    loaded.bom = bom
    return loaded


def _encoding_problem(data: bytes, file: str) -> Problem | None:
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            return _problem(file, 1, 1, "encoding", f"file is {name}, not UTF-8", "save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        return _problem(file, line, column, "encoding", "the file contains NUL bytes: it is probably UTF-16 or binary",
                        "save the file as UTF-8 text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        bad = data[error.start:error.end].hex(" ")
        return _problem(file, line, column, "encoding", f"invalid UTF-8 byte(s) {bad}",
                        "save the file as UTF-8 (Shift_JIS and Latin-1 files must be converted)")
    return None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _problem(file: str, line: int, column: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(file, line, column, code, message, hint)


def load_text(text: str, file: str) -> LoadedFile:
    """Parse YAML text into YMap/YSeq/str/None values with positions, collecting every problem."""
    # Merge-conflict markers are reported before any parsing, and nothing else then (a change made on purpose, in
    # load.py, and shared here rather than copied: it is about the text, not about the builder).
    from timeline.load import merge_conflicts

    conflicts = merge_conflicts(text, file)
    if conflicts:
        return LoadedFile(file, text, problems=conflicts, complete=False)
    loaded = LoadedFile(file, text)
    builder = _Builder(file, text, loaded.problems)
    builder.report_unicode_breaks()
    try:
        loaded.complete = builder.run(_Parser(text))
    except yaml.MarkedYAMLError as error:
        # libyaml 0.2.6+ may stop at its own nesting limit first; the loader then reports ours (a change made on
        # purpose, in load.py, and shared here rather than copied: it is about libyaml, not about the builder).
        from timeline.load import _too_deep_before

        loaded.problems.append(_too_deep_before(text, file, error) or builder.syntax_problem(error))
        loaded.complete = False
    except yaml.reader.ReaderError as error:
        loaded.problems.append(builder.reader_problem(error))
        loaded.complete = False
    loaded.root, loaded.root_at = builder.root, builder.root_at
    if builder.root is None and not loaded.problems:
        loaded.problems.append(_problem(file, 1, 1, "empty-file", "the file has no content",
                                        "start from `timeline init`, or see `timeline docs format`"))
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
            self.add(mark, "duplicate-key", f"duplicate key '{key}' (first at line {first[0]})",
                     "YAML keeps only one of them: merge the two entries or rename one")
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

    def syntax_problem(self, error: yaml.MarkedYAMLError) -> Problem:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "quoted scalar" in (error.context or "") and "end of stream" in (error.problem or ""):
            # libyaml notices a quote left open only at the end of the file; the quote itself is the place to fix.
            mark = error.context_mark
        line, column = self.where(mark) if mark else (1, 1)
        message = error.problem or "invalid YAML"
        if error.context:
            message = f"{message} ({error.context}"
            if error.context_mark and error.context_mark is not mark:
                message += f" at line {self.where(error.context_mark)[0]}"
            message += ")"
        return _problem(self.file, line, column, "syntax", message, _syntax_hint(message, self.text, line, column))

    def reader_problem(self, error) -> Problem:
        data = self.text.encode("utf-8")
        line, column = _byte_position(data, error.position)
        return _problem(self.file, line, column, "control-character",
                        f"control character U+{error.character:04X} is not allowed in YAML",
                        "delete it; it is invisible in most editors (try `cat -A`)")


_SKIP = object()  # marks a key whose value must be parsed but not stored


# The hints are not what this copy is kept to compare: the loader's own are shared.
_syntax_hint = hints.syntax_hint
