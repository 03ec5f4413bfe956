"""Bytes -> YAML values with the position of every key and value. The only module that parses YAML.

Event files are untrusted input, so this is not `yaml.safe_load`: it walks libyaml's event stream once and
builds plain dicts, lists and strings, refusing what `safe_load` would silently accept (duplicate keys, which
PyYAML resolves by keeping the last one; anchors and aliases, which can expand exponentially; tags; a second
document). Every scalar stays the text the editor typed: `2025-01-20` is not a date, `no` is not False,
`1.10` is not 1.1. The validator decides what the text means.
"""

from __future__ import annotations

import codecs
import gc
import os
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FileAccessError, Problem, ProblemLog, UsageError, shown
from .scan import MAX_DEPTH, MAX_SCALAR, NULLS, SHIFT, scan

_PYYAML: dict = {}  # filled by _pyyaml() on the first parse


def _pyyaml() -> dict:
    """PyYAML and its parser, imported on the first parse: reading a file, or a result from the parsed cache
    (cache.py), needs none of it, and `import yaml` is a good part of a small command's start-up."""
    if not _PYYAML:
        import yaml

        try:  # libyaml is ~10x faster; the pure-Python parser gives the same events, so either works.
            from yaml._yaml import CParser as parser
            from yaml._yaml import get_version_string

            name, libyaml = f"PyYAML {yaml.__version__} with libyaml {get_version_string()}", True
        except ImportError:  # pragma: no cover - depends on how PyYAML was built
            from yaml.parser import Parser
            from yaml.reader import Reader
            from yaml.scanner import Scanner

            class parser(Reader, Scanner, Parser):  # type: ignore[no-redef]  # noqa: N801
                def __init__(self, stream):
                    Reader.__init__(self, stream)
                    Scanner.__init__(self)
                    Parser.__init__(self)

            name, libyaml = f"PyYAML {yaml.__version__} (pure Python parser)", False
        _PYYAML.update(yaml=yaml, parser=parser, name=name, libyaml=libyaml)
    return _PYYAML


def __getattr__(name: str):
    if name == "PARSER_NAME":  # "PyYAML 6.0.3 with libyaml 0.2.5", for --version
        return _pyyaml()["name"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_BYTES = 256 * 1024 * 1024  # default size cap; TIMELINE_MAX_BYTES overrides it per run
_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML 1.1 and libyaml, not to editors
SCAN = True  # read plainly valid block YAML with scan.py; tests turn it off to compare with libyaml


# A position is stored packed in one int, 0-based line << 32 | column, while a file is loaded: a large file holds
# millions of them, and a (line, column) tuple in a dict costs about three times the memory (issue #8).
_SHIFT = SHIFT
_COLUMN = (1 << _SHIFT) - 1


def unpack_position(packed: int) -> tuple[int, int]:
    """(line, column), 1-based, of a packed position (stored 0-based: one operation less while loading)."""
    return (packed >> _SHIFT) + 1, (packed & _COLUMN) + 1


class YMap(dict):
    """A mapping that remembers where it, each key and each value stand (1-based line, column).

    `keys_at` and `values_at` map each key to its position and its value's. They are built on first use
    from a compact record the loader keeps (`_at`: each key, its packed position, then its value's), so a
    file's millions of positions cost little until someone asks; `value_at` reads one without building them.
    """

    __slots__ = ("line", "column", "_at", "_keys_at", "_values_at")

    @property
    def keys_at(self) -> dict[str, tuple[int, int]]:
        if self._keys_at is None:
            self._positions()
        return self._keys_at  # type: ignore[return-value]

    @property
    def values_at(self) -> dict[str, tuple[int, int]]:
        if self._values_at is None:
            self._positions()
        return self._values_at  # type: ignore[return-value]

    def value_at(self, key: str) -> tuple[int, int] | None:
        """The position of the value of `key` (None if it has none), without building `values_at`."""
        packed = self.packed(key)
        return None if packed is None else unpack_position(packed[1])

    def packed(self, key: str) -> tuple[int, int] | None:
        """The packed positions of `key` and of its value (see unpack_position), read from the record in place:
        for code that walks a whole file and would otherwise build two dictionaries for every mapping."""
        at = self._at
        try:
            index = at.index(key)
        except ValueError:
            return None
        if index + 2 < len(at) and at[index + 2].__class__ is int:
            return at[index + 1], at[index + 2]
        return None

    def _positions(self) -> None:
        keys_at, values_at = {}, {}
        key = None
        for item in self._at:
            if item.__class__ is str:
                key = item
            elif key not in keys_at:
                keys_at[key] = unpack_position(item)
            else:
                values_at[key] = unpack_position(item)
        self._keys_at, self._values_at = keys_at, values_at


class YSeq(list):
    """A sequence that remembers where it and each item stand (`items_at`, built on first use like YMap's)."""

    __slots__ = ("line", "column", "_at", "_items_at")

    @property
    def items_at(self) -> list[tuple[int, int]]:
        if self._items_at is None:
            self._items_at = [unpack_position(packed) for packed in self._at]
        return self._items_at

    @property
    def packed(self) -> list[int]:
        """The packed position of each item (see unpack_position), as the loader keeps them."""
        return self._at


def _new_map(line: int, column: int) -> YMap:
    node = YMap()
    node.line, node.column, node._at, node._keys_at, node._values_at = line, column, [], None, None
    return node


def _new_seq(line: int, column: int) -> YSeq:
    node = YSeq()
    node.line, node.column, node._at, node._items_at = line, column, [], None
    return node


def empty_sequence(at: tuple[int, int]) -> YSeq:
    """An empty list standing where a missing one would be, so callers need no special case."""
    return _new_seq(*at)


@dataclass(slots=True)
class LoadedFile:
    """One file read and parsed: its root value (None when it has none) and the problems found.

    `complete` is False when parsing stopped early (syntax error, second document): the root then holds
    only part of the file and must not be validated further, or every later key would look missing.
    """

    file: str
    text: str
    root: object = None
    problems: list[Problem] = field(default_factory=ProblemLog)
    bom: bool = False
    complete: bool = True
    root_at: tuple[int, int] = (1, 1)
    # Every character of every value is one of `text`'s (or a space or line break that folding made): no escape
    # made one. A check for hidden characters can then look at `text` once instead of at every value.
    verbatim: bool = False


def max_bytes() -> int:
    """The size cap in force: TIMELINE_MAX_BYTES when set, else MAX_BYTES."""
    value = os.environ.get("TIMELINE_MAX_BYTES", "").strip()
    if not value:
        return MAX_BYTES
    if not value.isdigit():
        raise UsageError(f"TIMELINE_MAX_BYTES={value!r} is not a whole number of bytes")
    return int(value)


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS errors into `FileAccessError` and refusing absurd sizes up front.

    A named pipe is opened without waiting for a writer (which would wait forever when there is none): a pipe
    with a writer (`-f <(git show HEAD:events.yaml)`) is read as it comes, one without is a FileAccessError.
    """
    try:
        with open(path, "rb", opener=_opener) as handle:
            data = handle.read(max_bytes() + 1)
            if not data and _is_fifo(handle):
                raise FileAccessError(f"{path}: a pipe (FIFO) with nothing in it: no program is writing to it")
    except FileNotFoundError:
        raise FileAccessError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileAccessError(f"{path}: is a directory, not an event file") from None
    except OSError as error:
        raise FileAccessError(f"{path}: cannot read: {error.strerror or error}") from None
    return data


def _opener(path: str, flags: int) -> int:
    """os.open without blocking on a FIFO that no one writes to; reads block again once it is open."""
    if not hasattr(os, "O_NONBLOCK"):  # Windows: no FIFOs to wait for
        return os.open(path, flags)
    descriptor = os.open(path, flags | os.O_NONBLOCK)
    try:
        os.set_blocking(descriptor, True)
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def _is_fifo(handle) -> bool:
    import stat

    return stat.S_ISFIFO(os.fstat(handle.fileno()).st_mode)


def distinct_files(paths: Sequence[str | Path]) -> list:
    """`paths` without repeats of a file already listed, by device and inode: `m.yaml` and `$PWD/m.yaml`, a
    symlink or a hard link to it are one file, read once under the name first given (read twice, every id in it
    would be defined twice). A path that cannot be looked at is kept as it is: reading it says why."""
    seen, kept = set(), []
    for path in paths:
        try:
            status = os.stat(path)
            identity: tuple = (status.st_dev, status.st_ino) if status.st_ino else ("name", os.fspath(path))
        except (OSError, ValueError):  # missing, unreadable, a NUL in the name
            identity = ("name", os.fspath(path))
        if identity not in seen:
            seen.add(identity)
            kept.append(path)
    return kept


def load_file(path: str | Path, display: str | None = None) -> LoadedFile:
    """Read and parse one event file. Raises FileAccessError only when the file cannot be read."""
    return load_bytes(read_bytes(path), display or str(path))


def load_bytes(data: bytes, file: str) -> LoadedFile:
    """Decode UTF-8 (reporting the position of a bad byte) and parse."""
    limit = max_bytes()
    if len(data) > limit:
        hint = "split the file, or raise TIMELINE_MAX_BYTES if this size is intended"
        problem = _problem(file, 1, 1, "too-large", f"file is larger than {limit} bytes", hint)
        return LoadedFile(file, "", problems=ProblemLog([problem]), complete=False)
    bom = data.startswith(codecs.BOM_UTF8)
    text = _decoded(data, file)
    if isinstance(text, Problem):  # not UTF-8 text
        return LoadedFile(file, "", problems=ProblemLog([text]), bom=bom, complete=False)
    # From here the text is the reference: the bytes go, so a large file is not held twice while it is read
    # (the caller passes its only reference, as cache.validated does).
    del data
    loaded = _load(text, file)
    loaded.bom = bom
    return loaded


def _decoded(data: bytes, file: str) -> str | Problem:
    """The text of UTF-8 `data` (without a BOM), or the problem to report when it is not UTF-8 text (one
    decoding for both: a large file is not decoded twice)."""
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
        text = data.decode("utf-8")  # not utf-8-sig: its error offsets do not count the BOM
        return text[1:] if text.startswith("\ufeff") else text
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        bad = data[error.start:error.end].hex(" ")
        return _problem(file, line, column, "encoding", f"invalid UTF-8 byte(s) {bad}",
                        "save the file as UTF-8 (Shift_JIS and Latin-1 files must be converted)")


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _problem(file: str, line: int, column: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(file, line, column, code, message, hint)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large acyclic graph is built.

    Building a file's values (and later the model) allocates hundreds of thousands of containers and frees
    none, which makes the collector run again and again over objects that can never be garbage; pausing it
    roughly halves the time. The collector is restored as it was, so a caller that turned it off keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load_text(text: str, file: str) -> LoadedFile:
    """Parse YAML text into YMap/YSeq/str/None values with positions, collecting every problem."""
    return _load(text, file)


def _load(text: str, file: str) -> LoadedFile:
    """Parse `text`: with scan.py when it can, else with libyaml; not at all when it holds a merge conflict."""
    conflicts = merge_conflicts(text, file)
    if conflicts:
        # Two versions interleaved: whatever parses is a mix of both sides, and what does not is reported at a
        # marker line as a YAML error. The markers are the one thing to fix, so they are all that is reported.
        loaded = LoadedFile(file, text, complete=False)
        loaded.problems.extend(conflicts)  # through append: at most ProblemLog.limit of them, the rest counted
        return loaded
    if SCAN:
        with collector_paused():
            root, verbatim = scan(text, YMap, YSeq)
        if root is not None:  # plainly valid block YAML, read without libyaml (scan.py)
            return LoadedFile(file, text, root=root, root_at=(root.line, root.column), verbatim=verbatim)
    pyyaml = _pyyaml()
    source = text.encode("utf-8") if pyyaml["libyaml"] else text  # libyaml reads UTF-8 (PyYAML would encode it too)
    yaml = pyyaml["yaml"]
    loaded = LoadedFile(file, text)
    builder = _Builder(file, text, loaded.problems)
    builder.report_unicode_breaks()
    try:
        with collector_paused():
            loaded.complete = builder.run(pyyaml["parser"](source))
    except yaml.MarkedYAMLError as error:
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


# Merge-conflict markers as git writes them, at the start of a line: `<<<<<<< ours`, `||||||| base` (diff3 and
# zdiff3), `=======`, `>>>>>>> theirs`. Seven characters, then a space and a label or the end of the line (and for
# `=======` nothing but the end): `========` or `<<<<<<<<` are not markers, as to git.
_MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")
_CONFLICT_HINT = "resolve the conflict: keep one side, delete the markers, then run `timeline validate`"
# Lines like markers looked at in one file: a report shows 1,000 problems of a code, three or four marker lines
# each. A file of nothing but markers is then as quick to refuse as any other (each costs microseconds in Python).
MAX_MARKERS = 4 * ProblemLog.limit


def merge_conflicts(text: str, file: str) -> list[Problem]:
    """A `merge-conflict` problem at each `<<<<<<<` line (column 1), found in the text before any YAML parsing, so
    at the top level and inside any value alike; and one at the first line of what is left of a conflict whose
    `<<<<<<<` line was deleted (a `=======` or `>>>>>>>` line alone).

    Nearly every file has none and costs four searches in C: what is left of any conflict, resolved by half or
    not at all, holds at least one of the markers (a diff3 `|||||||` line can be the only one left).
    """
    if not any(marker in text for marker in _MARKERS):
        return []
    markers, cut = _marker_lines(text)
    problems, opened, remnant = [], [], False  # opened: (line, marker line) of each `<<<<<<<` not yet closed
    for line, marker, shown_line in markers:
        if marker == "<<<<<<<":
            opened.append((line, shown_line))
            remnant = False
        elif opened:
            if marker == ">>>>>>>":
                start, ours = opened.pop()
                problems.append(_conflict(file, start, f"an unresolved merge conflict (lines {start}-{line}): both "
                                          f"sides are in the file, from '{ours}' to '{shown_line}'"))
        elif not remnant:  # a marker with no `<<<<<<<` before it: the first of what is left of a conflict
            problems.append(_conflict(file, line, f"a merge-conflict marker '{shown_line}' is left in the file, "
                                      "without the `<<<<<<<` line that began the conflict"))
            remnant = marker != ">>>>>>>"  # the `=======` and `>>>>>>>` after it belong to the same remnant
        elif marker == ">>>>>>>":
            remnant = False
    for start, ours in opened:  # never closed: the file was cut, or its `>>>>>>>` line deleted
        ending = "" if cut else ", with no `>>>>>>>` line to end it"
        problems.append(_conflict(file, start, f"an unresolved merge conflict from line {start} ('{ours}'){ending}"))
    if cut:
        problems.append(_conflict(file, cut, f"more lines like merge-conflict markers from line {cut} on, not looked "
                                  f"at (at most {MAX_MARKERS} are)"))
    problems.sort(key=Problem.sort_key)
    return problems


def _marker_lines(text: str) -> tuple[list[tuple[int, str, str]], int | None]:
    """(line, marker, the marker's line as a message shows it) of each marker line in order, and the line from
    which on they were not looked for (None: the whole file was). Lines end at LF, CRLF or a lone CR, as YAML (and
    so every other position reported) counts them.

    At most MAX_MARKERS lines starting like a marker are looked at for each marker, so that a file made of them
    costs what any file costs; past the first line left unexamined, nothing is reported but that line.
    """
    found, cut = [], len(text)
    breaks = ("\n", "\r") if "\r" in text else ("\n",)
    for marker in _MARKERS:
        starts = [0] if text.startswith(marker) else []
        for line_break in breaks:  # searched with the break before it: a run of `=` is skipped in C
            needle = line_break + marker
            at = text.find(needle)
            while at >= 0 and len(starts) < MAX_MARKERS:
                starts.append(at + 1)
                at = text.find(needle, at + 8)
            if at >= 0:
                cut = min(cut, at + 1)
        for at in starts:
            line_end = _line_end(text, at + 7)
            rest = text[at + 7:line_end]
            if (not rest.strip(" \t")) if marker == "=======" else (not rest or rest[0] in " \t"):
                found.append((at, marker, line_end))
    found.sort()
    if len(found) > MAX_MARKERS:
        cut = min(cut, found[MAX_MARKERS][0])
    lines, line, counted = [], 1, 0
    for at, marker, line_end in found:
        if at >= cut:
            break
        line += _breaks(text, counted, at, len(breaks) == 2)
        counted = at
        lines.append((line, marker, shown(text[at:line_end].rstrip(" \t"))))
    return lines, (line + _breaks(text, counted, cut, len(breaks) == 2) if cut < len(text) else None)


def _breaks(text: str, start: int, end: int, carriage_returns: bool) -> int:
    """Line breaks in text[start:end], both line starts (a CRLF is never cut in two)."""
    count = text.count("\n", start, end)
    return count + text.count("\r", start, end) - text.count("\r\n", start, end) if carriage_returns else count


def _line_end(text: str, start: int) -> int:
    newline = text.find("\n", start)
    if newline < 0:
        newline = len(text)
    carriage = text.find("\r", start, newline)  # looked for up to the newline only: a file has one kind of break
    return newline if carriage < 0 else carriage


def _conflict(file: str, line: int, message: str) -> Problem:
    return _problem(file, line, 1, "merge-conflict", message, _CONFLICT_HINT)


def _too_deep_before(text: str, file: str, error) -> Problem | None:
    """Our nesting limit, when libyaml's own limit stopped the parse first; None when it did not.

    libyaml 0.2.6 and later refuse more than 1,000 levels, and in flow style (`[[[`) their scanner reads that far
    ahead of the parser, so the parse can stop before the builder ever sees level MAX_DEPTH + 1. The promise is
    ours whatever libyaml is installed: the text before libyaml's stop nests the same way and stays under its
    limit, so it is parsed again, and the builder stops at our level, at the right line and column.
    """
    mark = error.problem_mark
    if mark is None or "nesting depth" not in (error.problem or ""):
        return None
    prefix = text[: mark.index]  # a character index: libyaml's lines also end at CR, NEL, LS and PS
    problems: list[Problem] = []
    try:
        _Builder(file, prefix, problems).run(_pyyaml()["parser"](prefix.encode("utf-8")))
    except _pyyaml()["yaml"].YAMLError:
        pass  # the prefix ends inside a collection; only the depth matters here
    return next((problem for problem in problems if problem.code == "too-deep"), None)


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
        """One pass over the event stream, building values and positions.

        The hot loop of every command: a scalar costs one `get_event` and a few local operations, so the
        current container's state lives in locals rather than on the stack, and positions are made inline.
        Anything unusual (anchors, tags, complex or duplicate keys, Unicode line breaks) goes to a method.
        """
        yaml = _pyyaml()["yaml"]
        get_event = parser.get_event
        scalar, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        exact = self._line_starts is None  # libyaml's own line:column are the editor's (no Unicode breaks)
        where, nulls, skip, max_scalar, shift = self.where, NULLS, _SKIP, MAX_SCALAR, _SHIFT
        keys: dict[str, str] = {}  # one string object per distinct key: a file repeats a few keys a million times
        stack: list = []  # the enclosing containers' saved states
        # The open container: the YMap or YSeq itself, its position record (`_at`), and for a mapping the
        # pending key (None while a key is expected; _SKIP for a key whose value is parsed but not kept).
        container = positions = key = None
        in_map = False
        while True:
            event = get_event()
            kind = event.__class__
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    self._check_node(event, "value")
                value = event.value
                size = len(value)
                if size < 5:
                    if value in nulls and not event.style:
                        value = None
                elif size > max_scalar:
                    value = self._too_large(event)
                mark = event.start_mark
                if exact:
                    at = mark.line << shift | mark.column
                else:
                    line, column = where(mark)
                    at = (line - 1) << shift | (column - 1)
                if in_map:
                    if key is None:
                        if value.__class__ is str and value not in container and value != "<<":
                            key = keys.setdefault(value, value)
                            positions.append(key)
                            positions.append(at)
                        else:
                            key = self._bad_key(container, value, mark)
                    else:
                        if key is not skip:
                            container[key] = value
                            positions.append(at)
                        key = None
                elif container is not None:
                    container.append(value)
                    positions.append(at)
                else:
                    self.root, self.root_at = value, unpack_position(at)
                continue
            if kind is map_end or kind is seq_end:
                container, positions, key, in_map = stack.pop()
                continue
            if kind is map_start or kind is seq_start:
                if event.anchor is not None or event.tag is not None:
                    self._check_node(event, "mapping" if kind is map_start else "sequence")
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if exact else where(mark)
                at = (line - 1) << shift | (column - 1)
                if len(stack) >= MAX_DEPTH:
                    self.add(mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                             "an event file needs about six levels; check the indentation")
                    raise _Stop
                if kind is map_start:
                    new = YMap()
                    new._keys_at = new._values_at = None
                else:
                    new = YSeq()
                    new._items_at = None
                new.line, new.column, new._at = line, column, []
                # Attach the new container where a scalar would go, then descend into it.
                if in_map:
                    # The parent's state once this container ends: a mapping used as a key (reported) still
                    # awaits its value, which is parsed and dropped; a value is followed by the next key.
                    if key is None:
                        after = self._bad_key(container, new, mark)
                    else:
                        if key is not skip:
                            container[key] = new
                            positions.append(at)
                        after = None
                    stack.append((container, positions, after, True))
                elif container is not None:
                    container.append(new)
                    positions.append(at)
                    stack.append((container, positions, None, False))
                else:
                    self.root, self.root_at = new, (line, column)
                    stack.append((None, None, None, False))
                container, positions, key, in_map = new, new._at, None, kind is map_start
                continue
            if kind is yaml.AliasEvent:
                self.add(event.start_mark, "alias", f"alias *{event.anchor} is not allowed",
                         "write the value out in full; event files do not use anchors and aliases")
                # an alias stands where a value would: attach None in its place
                mark = event.start_mark
                line, column = where(mark)
                if in_map:
                    if key is None:
                        key = self._bad_key(container, None, mark)
                    else:
                        if key is not skip:
                            container[key] = None
                            positions.append((line - 1) << shift | (column - 1))
                        key = None
                elif container is not None:
                    container.append(None)
                    positions.append((line - 1) << shift | (column - 1))
                else:
                    self.root, self.root_at = None, (line, column)
                continue
            if kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.add(event.start_mark, "multiple-documents", "a second YAML document (---) is not allowed",
                             "an event file is one document: remove the `---` line or split into files")
                    raise _Stop
            elif kind is yaml.StreamEndEvent:
                return
            # StreamStart, DocumentEnd: nothing to do

    def _too_large(self, event) -> str:
        value = event.value
        self.add(event.start_mark, "too-large", f"a value of {len(value)} characters (limit {MAX_SCALAR})",
                 "keep quotes and summaries short; split long text")
        return value[:MAX_SCALAR]

    def _bad_key(self, container: YMap, key: object, mark) -> object:
        """A key that cannot be kept (not text, `<<`, or a duplicate): report it; returns _SKIP."""
        if not isinstance(key, str):
            what = "empty" if key is None else "a mapping" if isinstance(key, YMap) else "a list"
            self.add(mark, "complex-key", f"a key must be plain text, not {what}", "write the key as a word, e.g. `title:`")
        elif key == "<<":
            self.add(mark, "merge-key", "merge keys (<<) are not allowed", "write the keys out in full")
        else:
            first = unpack_position(container._at[container._at.index(key) + 1])  # not keys_at: the map is still growing
            self.add(mark, "duplicate-key", f"duplicate key '{key}' (first at line {first[0]})",
                     "YAML keeps only one of them: merge the two entries or rename one")
        return _SKIP

    def _check_node(self, event, what: str) -> None:
        if event.anchor is not None:
            self.add(event.start_mark, "anchor", f"anchor &{event.anchor} is not allowed",
                     "write the value out in full; event files do not use anchors and aliases")
        tag = event.tag
        if tag is not None and tag != "!" and not (what != "value" and event.implicit):
            self.add(event.start_mark, "tag", f"tag {tag} is not allowed on a {what}",
                     "remove the tag; quote the value if it must stay text")

    def syntax_problem(self, error) -> Problem:  # a yaml.MarkedYAMLError
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
        from .hints import syntax_hint  # only when a file has a syntax error

        return _problem(self.file, line, column, "syntax", message, syntax_hint(message, self.text, line, column))

    def reader_problem(self, error) -> Problem:
        data = self.text.encode("utf-8")
        line, column = _byte_position(data, error.position)
        return _problem(self.file, line, column, "control-character",
                        f"control character U+{error.character:04X} is not allowed in YAML",
                        "delete it; it is invisible in most editors (try `cat -A`)")


_SKIP = object()  # marks a key whose value must be parsed but not stored
