"""A fast reader for the block-style YAML that event files are written in; libyaml reads everything else.

Why it exists (issue #8): going through PyYAML's event objects costs as much as libyaml's parse itself, so a
loader built on them can never come near the parser's own speed. Event files use a small, regular part of
YAML: block mappings and sequences, plain values (folded over several lines too), quoted values (single quotes
over several lines too), `[a, b]` and `{ja: .., en: ..}` on one line, and comments. This module reads exactly
that part, line by line, and builds the same YMap/YSeq values with the same positions as load.py's libyaml
builder would.

Two implementations of the one reader: `_scan.c`, compiled at install time when a C compiler is there (about
four times faster than the Python one, which costs as much per line as libyaml's whole parse), and the Python
`_Scanner` below, used when the compiled one is missing or gives up (it refuses escapes in double quotes and
double quotes over lines, which the Python one reads).

The rule that keeps it honest: a reader accepts a file only when every line is plainly inside that part and
nothing calls for a message. At the first thing it is not sure of (a tab, an anchor, a block scalar, a duplicate
key, a line libyaml would refuse) it gives up, and load.py parses the whole file with libyaml, which says what
is wrong. So a file is either read by a fast reader to libyaml's result, or by libyaml alone. tests/test_scan.py
checks that over every fixture, the bundled data, generated files and generated YAML (hypothesis), for both
readers, and that the fast readers are really used; fuzz/target.py checks it on every fuzz input.

White space is the space, and only the space: YAML's white space is the space and the tab (a tab sends the file to
libyaml), so no reader skips what Python's str.isspace(), str.strip() or re's \\s call white space (U+00A0, U+3000,
U+2000-U+200A, ...): YAML reads those as text, or refuses them after a value (issue #15).
tests/test_reader_differential.py puts every such character wherever the readers skip white space and compares
both readers with libyaml; fuzz/readers.py does the same for longer runs (`make fuzz-readers`).
"""

from __future__ import annotations

import re

# Limits and meanings both readers keep (load.py's libyaml builder imports them from here; _scan.c restates them).
MAX_DEPTH = 32  # an event file needs 6 levels; deeper is an accident or an attack
MAX_SCALAR = 100_000  # characters in one value; a summary is a few hundred
NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # plain scalars that mean "no value"
# A position is packed in one int, 0-based line << SHIFT | column (load.py: unpack_position).
SHIFT = 32

# Anything libyaml would refuse or read differently from how it looks: tabs, CR and other controls, Unicode line
# breaks, the BOM, surrogates and non-characters. A file holding one goes to libyaml, which reports it if it must.
# (Written as the characters refused rather than those allowed: that class compiles 20 times faster.)
_UNSURE_CHARACTER = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# A line: its indentation, a `- `, and a key with its `: ` (each optional).
_LINE = re.compile(r"( *)(?:-( +|$))?(?:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}):(?: +|$))?")
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}):(?: +|$)")  # libyaml: a key ends within 1024 characters
# A plain value may not start with an indicator (and `-`, `?`, `:` only when a space or the end follows).
_INDICATORS = frozenset(",[]{}#&*!|>'\"%@`")
_SPECIAL_START = frozenset(_INDICATORS | set("-?:"))  # a value starting so is read by _Scanner.value
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
# The part of a line inside quotes that go on over lines: the text, then the closing quote if this line has it.
_SINGLE_BODY = re.compile(r"((?:[^']|'')*)(')?")
_DOUBLE_BODY = re.compile(r'((?:[^"\\]|\\.)*)(")?')
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
                   "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "N": "\x85", "_": "\xa0",
                   "L": "\u2028", "P": "\u2029"}
# One item of a one-line flow collection: a plain word or phrase, or a quoted value, then `,` or the closing
# bracket. Plain items exclude every character that could make YAML read them differently. (`\s` refuses an item
# that starts with a Unicode space such as U+3000, which YAML reads as text: a refusal, never a skip. Everywhere
# else the readers skip only the space; see _value_end.)
_FLOW_PLAIN = re.compile(r"([^\s,\[\]{}#'\":&*!|>%@`?-][^,\[\]{}#:]*?) *([,\]}])")
_FLOW_SEPARATOR = re.compile(r" *([,\]}]) *")


try:  # the same reader compiled (_scan.c), built at install time when a C compiler is there
    from ._scan import scan as _compiled
except ImportError:  # pragma: no cover - depends on the install
    _compiled = None
COMPILED = _compiled is not None  # tests turn it off to compare the Python reader with libyaml
READER_NAME = "block reader (compiled)" if COMPILED else "block reader (Python; no C compiler at install)"


class Unsure(Exception):
    """The file leaves the subset this module reads; libyaml must read it."""


def _value_end(line: str, end: int) -> None:
    """After a quoted or flow value: only spaces, then maybe a comment (` #`), may follow.

    Only the space: YAML's white space is the space and the tab (and a tab is refused before any line is read).
    Never str.isspace(), str.strip() or re's \\s here: they also take U+00A0, U+3000, U+2000-U+200A and the other
    Unicode spaces, which YAML reads as text, so `"x"\\u3000` is a syntax error to libyaml (issue #15)."""
    if end < len(line):
        stripped = line[end:].lstrip(" ")
        if stripped and (stripped[0] != "#" or len(stripped) == len(line) - end):
            raise Unsure


def _quoted(value: str) -> str:
    if len(value) > MAX_SCALAR:
        raise Unsure
    return value


def _double(text: str) -> str:
    return _ESCAPE.sub(_unescape, text) if "\\" in text else text


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    simple = _SIMPLE_ESCAPES.get(code)
    if simple is not None:
        return simple
    if len(code) > 1:
        value = int(code[1:], 16)
        if not (0xD800 <= value <= 0xDFFF or value > 0x10FFFF):
            return chr(value)
    raise Unsure


def scan(text: str, ymap: type, yseq: type) -> tuple[object, bool]:
    """(the root YMap of `text` with every position, whether every value is verbatim text of the file), or
    (None, False) when libyaml must read the file.

    `ymap`/`yseq` are load.YMap/load.YSeq (passed in: load.py imports this module).
    """
    if not text or _UNSURE_CHARACTER.search(text):
        return None, False
    if COMPILED and _compiled is not None:
        root = _compiled(text, ymap, yseq)
        if root is not None:
            return root, True  # the compiled reader refuses escapes: every value is the file's own text
    try:
        scanner = _Scanner(text, ymap, yseq)
        root = scanner.run()
    except Unsure:
        return None, False
    return root, root is not None and scanner.verbatim


class _Scanner:
    def __init__(self, text: str, ymap: type, yseq: type):
        self.lines = text.split("\n")
        if len(text) > MAX_SCALAR and max(map(len, self.lines)) > MAX_SCALAR:
            raise Unsure  # a value on one line is never longer than its line; libyaml's builder cuts it short
        self.ymap, self.yseq = ymap, yseq
        self.keys: dict[str, str] = {}
        self.resume = 0  # the first line after a quoted value that went on over lines
        # True while every character of every value is one of the file's own (or a space or line break from
        # folding): no escape has made one. validate.py then looks for hidden characters in the file once.
        self.verbatim = True

    def double(self, text: str) -> str:
        """A double-quoted value's text, its escapes replaced."""
        if "\\" not in text:
            return text
        self.verbatim = False
        return _ESCAPE.sub(_unescape, text)

    def new_map(self, line: int, column: int):
        node = self.ymap()
        node.line, node.column, node._at, node._keys_at, node._values_at = line + 1, column + 1, [], None, None
        return node

    def new_seq(self, line: int, column: int):
        node = self.yseq()
        node.line, node.column, node._at, node._items_at = line + 1, column + 1, [], None
        return node

    # -- values on one line -------------------------------------------------------------------------------

    def value(self, line: str, number: int, start: int, floor: int):
        """(value, kind) of the value starting at `start`: kind "plain" (may go on over the next lines),
        "done" (quoted or flow), or "empty" (nothing but maybe a comment). A quoted value may go on over
        lines indented deeper than `floor` (its collection's indentation)."""
        first = line[start]
        if first == "#":
            return None, "empty"
        if first == "'":
            match = _SINGLE.match(line, start)
            if not match:
                return self.quoted_lines(number, start, floor), "done"
            _value_end(line, match.end())
            return match.group(1).replace("''", "'"), "done"
        if first == '"':
            match = _DOUBLE.match(line, start)
            if not match:
                return self.quoted_lines(number, start, floor), "done"
            _value_end(line, match.end())
            return self.double(match.group(1)), "done"
        if first == "[" or first == "{":
            return self.flow(line, number, start), "done"
        if first in _INDICATORS:
            raise Unsure
        if first in "-?:" and (start + 1 == len(line) or line[start + 1] == " "):
            raise Unsure
        end = line.find(" #", start)
        value = (line[start:] if end < 0 else line[start:end]).rstrip(" ")
        if ": " in value or value[-1] == ":":
            raise Unsure
        if end >= 0:  # a comment ends the value: it cannot go on over the next line
            return (None if value in NULLS else value), "done"
        return value, "plain"

    def quoted_lines(self, number: int, start: int, floor: int) -> str:
        """A quoted value that goes on over the next lines, folded as YAML folds them: each line break becomes
        a space, or one line break per blank line between; spaces around a break are dropped."""
        lines = self.lines
        line = lines[number]
        single = line[start] == "'"
        body = _SINGLE_BODY if single else _DOUBLE_BODY
        match = body.match(line, start + 1)
        if match.end() != len(line):
            raise Unsure  # a `\` at the end of the line escapes the break: left to libyaml
        parts, blanks = [match.group(1).rstrip(" ")], 0
        while True:
            number += 1
            if number >= len(lines):
                raise Unsure  # never closed: libyaml reports where it opened
            line = lines[number]
            content = line.lstrip(" ")
            if not content:
                blanks += 1
                continue
            if len(line) - len(content) <= floor:
                raise Unsure  # libyaml accepts it, but the editor surely meant something else
            match = body.match(line, len(line) - len(content))
            parts.append("\n" * blanks if blanks else " ")
            blanks = 0
            if match.group(2):  # the closing quote
                parts.append(match.group(1))
                _value_end(line, match.end())
                break
            if match.end() != len(line):
                raise Unsure
            parts.append(match.group(1).rstrip(" "))
        self.resume = number + 1
        text = "".join(parts)
        if single:
            return _quoted(text.replace("''", "'"))
        if any(part.endswith("\\") for part in parts):
            raise Unsure  # an escape cut by our trimming; libyaml knows
        return _quoted(self.double(text))

    def flow(self, line: str, number: int, start: int):
        """A one-line `[a, 'b']` or `{k: v, k2: "w"}` of plain or quoted values."""
        is_map = line[start] == "{"
        node = self.new_map(number, start) if is_map else self.new_seq(number, start)
        at, shift = node._at, SHIFT
        position = start + 1
        closing = "}" if is_map else "]"
        while line.startswith(" ", position):
            position += 1
        if line.startswith(closing, position):
            _value_end(line, position + 1)
            return node
        while True:
            if is_map:
                match = _KEY.match(line, position)
                if not match or match.end() == len(line) or match.group(1) in NULLS:
                    raise Unsure
                key = match.group(1)
                if key in node:
                    raise Unsure
                at.append(key)
                at.append(number << shift | position)
                position = match.end()
            item_at = number << shift | position
            first = line[position:position + 1]
            if first == "'" or first == '"':
                match = (_SINGLE if first == "'" else _DOUBLE).match(line, position)
                if not match:
                    raise Unsure
                value = match.group(1).replace("''", "'") if first == "'" else self.double(match.group(1))
                match = _FLOW_SEPARATOR.match(line, match.end())
                if not match:
                    raise Unsure
                separator = match.group(1)
            else:
                match = _FLOW_PLAIN.match(line, position)
                if not match:
                    raise Unsure
                value, separator = match.group(1), match.group(2)
                if value in NULLS:
                    value = None
            if is_map:
                node[key] = value
            else:
                node.append(value)
            at.append(item_at)
            position = match.end()
            if separator == closing:
                _value_end(line, position)
                return node
            if separator != ",":
                raise Unsure
            while line.startswith(" ", position):
                position += 1
            if line.startswith(closing, position):  # a trailing comma: valid YAML, left to libyaml
                raise Unsure

    # -- the block structure ------------------------------------------------------------------------------

    def run(self):
        """Read every line; the root mapping (None for a file of comments, which libyaml then reports).

        The hot loop of every command on a large file, so the open collection lives in locals (`node`, its
        position record `at`, its `indent` and kind) and the enclosing ones on `stack`; one pattern splits a
        line into indentation, `- ` and key, and a plain value is handled inline.
        """
        line_match, value, keys, shift = _LINE.match, self.value, self.keys, SHIFT
        new_map, new_seq, special = self.new_map, self.new_seq, _SPECIAL_START
        stack: list[tuple] = []
        root = node = at = None
        top, is_map = -1, False  # the open collection's indentation (-1: none yet) and kind
        # A key or `-` with nothing after it on its line: its value is a collection or text on the lines below,
        # or nothing. (node, positions, key (None in a sequence), indentation of its collection, empty position)
        slot = None
        # A plain value that may go on over the next lines: where it went, its first line, the lowest column a
        # continuation may start at, and its lines once it has more than one.
        plain_node = plain_key = plain_first = plain_parts = None
        plain_floor = blanks = resume = 0
        for number, line in enumerate(self.lines):
            if number < resume:
                continue  # inside a quoted value that quoted_lines has read
            match = line_match(line)
            indent = match.end(1)
            if indent == len(line):
                blanks += 1
                continue
            first = line[indent]
            if plain_node is not None:
                if indent >= plain_floor and first != "#":
                    if plain_parts is None:
                        plain_parts = [plain_first]
                    _go_on(plain_parts, line[indent:], blanks)
                    blanks = 0
                    continue
                if plain_parts is not None:
                    plain_node[plain_key] = _joined(plain_parts)
                    plain_parts = None
                plain_node = None
            blanks = 0
            if first == "#":
                continue
            # (Document markers `---` and `...` match neither `- ` nor a key, and so end up refused below.)
            dash, key = match.group(2, 3)
            if slot is not None:
                s_node, s_at, s_key, s_indent, s_empty = slot
                slot = None
                if indent > s_indent or (dash is not None and s_key is not None and indent == s_indent):
                    if dash is None and key is None:  # text on the line below its key
                        found, kind = value(line, number, indent, s_indent)
                        resume = self.resume
                        _attach(s_node, s_at, s_key, _plain(found) if kind == "plain" else found, number << shift | indent)
                        if kind == "plain":
                            plain_node, plain_key = s_node, s_key if s_key is not None else len(s_node) - 1
                            plain_first, plain_floor = found, s_indent + 1
                        continue
                    new = new_seq(number, indent) if dash is not None else new_map(number, indent)
                    _attach(s_node, s_at, s_key, new, number << shift | indent)
                    stack.append((node, at, top, is_map))
                    if len(stack) > MAX_DEPTH - 8:
                        raise Unsure  # libyaml's builder reports the depth
                    node, at, top, is_map = new, new._at, indent, dash is None
                else:
                    _attach(s_node, s_at, s_key, None, s_empty)
            while indent < top or (indent == top and not is_map and dash is None):
                node, at, top, is_map = stack.pop()  # the collection ended on the line before
            if indent != top:
                if root is not None or indent or key is None or dash is not None:
                    raise Unsure  # misaligned, or a root that is not a mapping at the margin
                root = node = new_map(number, 0)
                at, top, is_map = node._at, 0, True
            if dash is not None:
                if is_map:
                    raise Unsure  # `- ` among keys
                column = match.end(2)
                if key is None:
                    if column == len(line) or line[column] == "#":
                        slot = (node, at, None, indent, number << shift | (indent + 1))
                        continue
                    found, kind = value(line, number, column, indent)
                    resume = self.resume
                    node.append(_plain(found) if kind == "plain" else found)
                    at.append(number << shift | column)
                    if kind == "plain":
                        plain_node, plain_key, plain_first, plain_floor = node, len(node) - 1, found, indent + 1
                    continue
                new = new_map(number, column)  # `- key: value`: a mapping as the item
                node.append(new)
                at.append(number << shift | column)
                stack.append((node, at, top, is_map))
                if len(stack) > MAX_DEPTH - 8:
                    raise Unsure
                node, at, top, is_map = new, new._at, column, True
            elif key is None or not is_map:
                raise Unsure  # text where a key belongs, or a key among items
            else:
                column = indent
            if key in node or key in NULLS:
                raise Unsure  # a duplicate or an empty key: libyaml's builder reports it
            key = keys.setdefault(key, key)
            at.append(key)
            at.append(number << shift | column)
            start = match.end()
            if start == len(line) or line[start] == "#":
                slot = (node, at, key, column, number << shift | (column + len(key) + 1))
                continue
            found = line[start:]
            if line[start] in special or " #" in found:
                found, kind = value(line, number, start, column)
                resume = self.resume
                if kind == "empty":
                    slot = (node, at, key, column, number << shift | (column + len(key) + 1))
                    continue
            else:
                found, kind = found.rstrip(" "), "plain"
                if ": " in found or found[-1] == ":":
                    raise Unsure  # a second `key: ` on the line, or a key with no value: libyaml refuses it
            at.append(number << shift | start)
            if kind == "plain":
                plain_node, plain_key, plain_first, plain_floor = node, key, found, column + 1
                node[key] = None if len(found) < 5 and found in NULLS else found
            else:
                node[key] = found
        if plain_node is not None and plain_parts is not None:
            plain_node[plain_key] = _joined(plain_parts)
        if slot is not None:
            s_node, s_at, s_key, _, s_empty = slot
            _attach(s_node, s_at, s_key, None, s_empty)
        return root


def _attach(node, at: list, key: str | None, value: object, position: int) -> None:
    if key is None:
        node.append(value)
    else:
        node[key] = value
    at.append(position)


def _go_on(parts: list, content: str, blanks: int) -> None:
    """A line that continues a plain value: YAML joins lines with a space, and keeps one line break for each
    blank line between them."""
    # Inside a plain value any character may start a line (`- dash` is text there); only ` #` (a comment)
    # and `: ` (a key) end it early, which libyaml would then refuse or read as a new key.
    if " #" in content or ": " in content or content[-1] == ":":
        raise Unsure
    parts.append("\n" * blanks if blanks else " ")
    parts.append(content.rstrip(" "))


def _plain(value: str) -> str | None:
    return None if value in NULLS else value


def _joined(parts: list) -> str | None:
    value = "".join(parts)
    if len(value) > MAX_SCALAR:
        raise Unsure
    return None if len(value) < 5 and value in NULLS else value
