"""Text -> YAML values with positions through PyYAML's libyaml parser: every file the block reader leaves to it.

Event files are untrusted input, so this is not `yaml.safe_load`: it walks libyaml's event stream once and builds
plain dicts, lists and strings, refusing what `safe_load` would silently accept (duplicate keys, which PyYAML
resolves by keeping the last one; anchors and aliases, which can expand exponentially; tags; a second document).
Every scalar stays the text the editor typed: `2025-01-20` is not a date, `no` is not False, `1.10` is not 1.1. The
validator decides what the text means. Every message about a file's YAML syntax comes from here. The only module of
timeline that imports `yaml`.
"""

from __future__ import annotations

from bisect import bisect_right

from ..errors import Problem
from .nodes import (
    MAX_DEPTH,
    MAX_SCALAR,
    NULLS,
    SHIFT,
    YMap,
    collector_paused,
    new_map,
    new_seq,
    pack_position,
    unpack_position,
)
from .stops import Read, Stop, Stopped, reader_stop, stop_of

_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML 1.1 and libyaml, not to editors

_PYYAML: dict = {}  # filled by _pyyaml() on the first parse


def _pyyaml() -> dict:
    """PyYAML and its parser, imported on the first parse: reading a file, or a result from the parsed cache
    (cache.py), needs none of it, and `import yaml` is a good part of a small command's start-up."""
    if not _PYYAML:
        import yaml

        # libyaml is ~10x faster. The pure-Python parser gives the same events on all but a few flow texts: it
        # refuses a '?' in one (`[a? b]`), which libyaml 0.2 reads as text; the block reader reads neither.
        try:
            from yaml._yaml import CParser as parser
            from yaml._yaml import get_version_string

            name, libyaml = f"PyYAML {yaml.__version__} with libyaml {get_version_string()}", True
        except ImportError:  # pragma: no cover - depends on how PyYAML was built
            parser = pure_python_parser()
            name, libyaml = f"PyYAML {yaml.__version__} (pure Python parser)", False
        _PYYAML.update(yaml=yaml, parser=parser, name=name, libyaml=libyaml)
    return _PYYAML


def pure_python_parser():
    """PyYAML's own parser class, for a PyYAML built without libyaml, refusing what libyaml refuses in a double-quoted
    text: an escape of a surrogate (`\\ud83d`, half of how JSON writes an emoji; PyYAML would keep a str that no
    output can encode, and validate said "ok") or of a code past U+10FFFF (PyYAML raised a ValueError). Both
    become libyaml's own syntax error, which hints.py explains."""
    import re

    import yaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner, ScannerError

    escapes = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|.)", re.S)
    breaks = re.compile(r"\r\n|\r|\n")  # a Unicode break makes the builder count lines itself (`where`)
    refused = "found invalid Unicode character escape code"  # libyaml's words

    class PurePythonParser(Reader, Scanner, Parser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

        def get_event(self):
            try:
                event = Parser.get_event(self)
            except (ValueError, OverflowError):  # chr() of a code past U+10FFFF (or past a C int); the reader
                # stands on its digits
                raise ScannerError("while parsing a quoted scalar", None, refused, self.get_mark()) from None
            if type(event) is yaml.ScalarEvent and event.style == '"' and not event.value.isascii():
                self._refuse_surrogates(event)
            return event

        def _refuse_surrogates(self, event) -> None:
            for escape in escapes.finditer(self.buffer, event.start_mark.index, event.end_mark.index):
                code = escape.group(1) or escape.group(2)
                if code and 0xD800 <= int(code, 16) <= 0xDFFF:
                    before = self.buffer[:escape.start() + 1]  # line and column as PyYAML counts them
                    line = len(breaks.findall(before))
                    at = yaml.Mark(self.name, len(before), line, len(before) - max(map(before.rfind, "\r\n")) - 1,
                                   None, None)
                    raise ScannerError("while parsing a quoted scalar", event.start_mark, refused, at)

    return PurePythonParser


def parser_name() -> str:
    """The parser in use, for --version: "PyYAML 6.0.3 with libyaml 0.2.5" (or the pure Python parser's name)."""
    return _pyyaml()["name"]


def read(text: str, file: str, problems: list[Problem]) -> Read:
    """Read `text`, every problem found added to `problems`: at a syntax error, every other one too, and the values
    of the rest (recover.py)."""
    found: list[Problem] = []  # apart until it is known whether the text is read again once its errors are cut out
    try:
        root, root_at, complete = build(text, file, found)
        problems.extend(found)
        return Read(root, root_at, complete)
    except Stopped as stopped:
        stop = stopped.stop
    except _TooDeep as deep:
        problems.extend(found)
        problems.append(deep.problem)
        return Read(deep.root, deep.root_at, False)
    from .recover import recover  # only when a file has a syntax error

    reading, every = recover(text, file, stop, found, lambda cut: _values(cut, file), probe)
    problems.extend(every)
    return reading


def build(text: str, file: str, problems: list[Problem]) -> tuple[object, tuple[int, int], bool]:
    """(root, its position, whether the whole file was read) of `text`, every problem found added to `problems`;
    raises Stopped at a syntax error (and _TooDeep at libyaml's own nesting limit)."""
    pyyaml = _pyyaml()
    source = text.encode("utf-8") if pyyaml["libyaml"] else text  # libyaml reads UTF-8 (PyYAML would encode it too)
    yaml = pyyaml["yaml"]
    builder = _Builder(file, text, problems)
    builder.report_unicode_breaks()
    try:
        with collector_paused():
            complete = builder.run(pyyaml["parser"](source))
    except yaml.MarkedYAMLError as error:
        deep = _too_deep_before(text, file, error)
        if deep is not None:
            raise _TooDeep(deep, builder.root, builder.root_at) from None
        raise Stopped(builder.stop(error)) from None
    except yaml.reader.ReaderError as error:
        raise Stopped(reader_stop(error, source, text)) from None
    return builder.root, builder.root_at, complete


def _values(text: str, file: str) -> tuple[object, tuple[int, int], bool, list[Problem]]:
    """The values of a text with its syntax errors cut out: by the block reader when it can, else by libyaml."""
    from .compiled import read_block

    with collector_paused():  # as load.py reads: the values are a large acyclic graph
        block = read_block(text)
    if block is not None:
        root = block[0]
        return root, (root.line, root.column), True, []
    problems: list[Problem] = []
    return (*build(text, file, problems), problems)


def probe(text: str) -> Stop | None:
    """Where libyaml's parser stops on `text` (None: it reads to the end). Only the parser runs, in C: no values."""
    pyyaml = _pyyaml()
    yaml = pyyaml["yaml"]
    source = text.encode("utf-8") if pyyaml["libyaml"] else text
    parser = pyyaml["parser"](source)
    try:
        if pyyaml["libyaml"]:
            parser.raw_parse()
        else:  # pragma: no cover - depends on how PyYAML was built
            while parser.get_event() is not None:
                pass
    except yaml.MarkedYAMLError as error:
        return stop_of(error, text)
    except yaml.reader.ReaderError as error:
        return reader_stop(error, source, text)
    finally:
        parser.dispose()
    return None


class _TooDeep(Exception):
    """libyaml's own nesting limit stopped the parse: our problem at our limit instead (see _too_deep_before)."""

    def __init__(self, problem: Problem, root: object, root_at: tuple[int, int]):
        super().__init__(problem.message)
        self.problem, self.root, self.root_at = problem, root, root_at


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
                self.problems.append(Problem(
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
        self.problems.append(Problem(self.file, line, column, code, message, hint))

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
        current container's state lives in locals rather than on the stack, and its position is packed inline.
        Anything unusual (anchors, tags, complex or duplicate keys, Unicode line breaks) goes to a method.
        """
        yaml = _pyyaml()["yaml"]
        get_event = parser.get_event
        scalar, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        exact = self._line_starts is None  # libyaml's own line:column are the editor's (no Unicode breaks)
        where, nulls, skip, max_scalar, shift = self.where, NULLS, _SKIP, MAX_SCALAR, SHIFT
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
                    at = pack_position(*where(mark))
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
                at = pack_position(line, column)
                if len(stack) >= MAX_DEPTH:
                    self.add(mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                             "an event file needs about six levels; check the indentation")
                    raise _Stop
                new = new_map(line, column) if kind is map_start else new_seq(line, column)
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
                            positions.append(pack_position(line, column))
                        key = None
                elif container is not None:
                    container.append(None)
                    positions.append(pack_position(line, column))
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
            self.add(mark, "duplicate-key", f"duplicate key '{key}' (first at line {first[0]})", duplicate_hint(key))
        return _SKIP

    def _check_node(self, event, what: str) -> None:
        if event.anchor is not None:
            self.add(event.start_mark, "anchor", f"anchor &{event.anchor} is not allowed",
                     "write the value out in full; event files do not use anchors and aliases")
        tag = event.tag
        if tag is not None and tag != "!" and not (what != "value" and event.implicit):
            self.add(event.start_mark, "tag", f"tag {tag} is not allowed on a {what}",
                     "remove the tag; quote the value if it must stay text")

    def stop(self, error) -> Stop:  # a yaml.MarkedYAMLError
        """Where and why libyaml stopped, at the line and column values are given (see `where`)."""
        return stop_of(error, self.text, self.where)


def duplicate_hint(key: str) -> str:
    """What to do about a key given twice in one mapping: a second `id` is most often an event whose `- ` is missing,
    its keys then read as the event's above."""
    if key == "id":
        return "each event starts with `- id:`: is the `- ` missing before this one?"
    return "YAML keeps only one of them: merge the two entries or rename one"


_SKIP = object()  # marks a key whose value must be parsed but not stored
