"""Event files -> the one canonical YAML form (docs/normalize.md), idempotent, keeping every comment.

The writer is our own rather than yaml's emitter: the structure is fixed and small, so writing it directly
gives exact control of key order, quoting and the place of each comment (yaml's emitter drops comments).
It works from the loader's values, not from the model, so that what the model folds away (an explicit
`status: happened`, `actors: []` versus no `actors`) is written back as the editor wrote it.

Nothing is trusted: the output must validate to the same timeline as the input (up to the documented
NFC) and normalize to itself, or `UnsafeNormalizeError` is raised and nothing is written.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dates import EventDate, Point, parse_edtf, parse_point
from .errors import ExitCode, InvalidDataError, Severity, TimelineError
from .fileio import write_atomic
from .load import LoadedFile, YMap, YSeq, collector_paused, load_bytes, load_text, read_bytes, unpack_position
from .model import Timeline, Where
from .validate import (ACTOR_KEYS, BILINGUAL, CITATION_KEYS, CLAIM_KEYS, DISPUTE_KEYS, EVENT_KEYS, SOURCE_KEYS,
                       TOP_KEYS, validate)

__all__ = ["Change", "UnsafeNormalizeError", "canonical_timeline", "format_scalar", "is_plain_safe", "normalize_files",
           "normalize_text", "unified_diff", "write_changes"]


class UnsafeNormalizeError(TimelineError):
    """The canonical text would not mean the same as the input: a bug in the writer, so nothing is written."""

    exit_code = ExitCode.INVALID


# -- the shape of an event file ---------------------------------------------------------------------------

TEXT, SLUG, DATE, POINT, VERSION = "text", "slug", "date", "point", "version"


@dataclass(frozen=True)
class _Map:
    order: tuple[str, ...]
    fields: dict
    flow: bool = False


@dataclass(frozen=True)
class _Registry:
    entry: _Map


@dataclass(frozen=True)
class _List:
    item: object
    flow: bool = False
    chronological: bool = False


_BILINGUAL = _Map(BILINGUAL, {"ja": TEXT, "en": TEXT})
_IDS = _List(SLUG, flow=True)
_CITATION = _Map(CITATION_KEYS, {"source": SLUG, "quote": TEXT})
# A claim's `says` is a short phrase pair, written on one line as in docs/format.md: `says: {ja: ..., en: ...}`.
_CLAIM = _Map(CLAIM_KEYS, {"says": _Map(BILINGUAL, _BILINGUAL.fields, flow=True), "source": SLUG, "quote": TEXT,
                           "date": DATE})
_DISPUTE = _Map(DISPUTE_KEYS, {"about": SLUG, "note": _BILINGUAL, "claims": _List(_CLAIM)})
_EVENT = _Map(EVENT_KEYS, {
    "id": SLUG, "date": DATE, "status": TEXT, "title": _BILINGUAL, "summary": _BILINGUAL, "topics": _IDS,
    "actors": _IDS, "citations": _List(_CITATION), "notes": _BILINGUAL, "disputes": _List(_DISPUTE),
})
_ACTOR = _Map(ACTOR_KEYS, {"ja": TEXT, "en": TEXT, "kind": TEXT, "aliases": _List(TEXT, flow=True)})
_SOURCE = _Map(SOURCE_KEYS, {key: POINT if key == "published" else TEXT for key in SOURCE_KEYS})
_ROOT = _Map(TOP_KEYS, {
    "version": VERSION, "title": _BILINGUAL, "topics": _Registry(_BILINGUAL), "actors": _Registry(_ACTOR),
    "sources": _Registry(_SOURCE), "events": _List(_EVENT, chronological=True),
})

# -- scalars ---------------------------------------------------------------------------------------------

# Text that some YAML 1.1 or 1.2 reader (PyYAML's safe_load, go-yaml, yq, ...) takes for something else
# than a string: null, booleans (y/n/on/off too), ints (octal 0755, sexagesimal 12:30), floats (1.10, 1e3,
# .inf), timestamps, merge and value keys. Written plain, such text would change type on its way through them.
_NOT_TEXT = re.compile(r"""
    ~ | null | Null | NULL
  | y | Y | yes | Yes | YES | n | N | no | No | NO | true | True | TRUE | false | False | FALSE
  | on | On | ON | off | Off | OFF
  | [-+]? (?: 0b[01_]+ | 0o?[0-7_]+ | 0x[0-9a-fA-F_]+ | [0-9][0-9_]* )
  | [-+]? [0-9][0-9_]* (?: :[0-5]?[0-9] )+ (?: \.[0-9_]* )?
  | [-+]? (?: [0-9][0-9_]* )? \.[0-9._]* (?: [eE][-+]?[0-9]+ )?
  | [-+]? [0-9][0-9_]* (?: \.[0-9_]* )? [eE][-+]?[0-9]+
  | [-+]? \.(?: inf | Inf | INF ) | \.(?: nan | NaN | NAN )
  | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} (?: [Tt\ \t].* )?
  | << | =
""", re.X | re.S)
# Characters never written raw: C0/C1 controls (tab and newline too), line and paragraph separators, NEL,
# surrogates, U+FFFE/FFFF, and format characters (Cf: zero-width, bidi, BOM), which are invisible in an
# editor. Written as escapes they can be seen. (Cf as of Unicode 14; tests compare with unicodedata.)
_CF = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
       "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
       "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
_RAW_FORBIDDEN = f"\\x00-\\x1f\\x7f-\\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff{_CF}"
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_RAW = re.compile(f"[{_RAW_FORBIDDEN}]")
_NOT_PLAIN_IN_FLOW = re.compile(r"[,?\[\]{}#:]")  # PyYAML ends a plain scalar at these in [...]
_TO_ESCAPE = re.compile(f'[\\\\"{_RAW_FORBIDDEN}]')
# YAML's own short escapes for what an editor may meet: \N, \L, \P are the ones the loader's hints suggest.
_NAMED_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0",
                  "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"


def is_plain_safe(text: str, *, flow: bool = False) -> bool:
    """Whether `text` can be written unquoted and read back as the same string by any YAML reader."""
    if not text or text[0] in _INDICATORS or text[0].isspace() or text[-1].isspace() or text[-1] == ":":
        return False
    if ": " in text or " #" in text or text.startswith(("---", "...")) or _NOT_RAW.search(text):
        return False
    return not (_NOT_TEXT.fullmatch(text) or (flow and _NOT_PLAIN_IN_FLOW.search(text)))


def format_scalar(text: str, *, flow: bool = False) -> str:
    """`text` as written in the canonical form: plain when safe, else double-quoted with escapes."""
    return text if is_plain_safe(text, flow=flow) else '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def _clean(value: str) -> str:
    """Trimmed and NFC, as every value is written."""
    return unicodedata.normalize("NFC", value.strip())


def _format(value: str, kind: str, flow: bool = False) -> str:
    if kind == VERSION:
        return _clean(value)
    if kind in (DATE, POINT):
        # Dates stay plain (docs/normalize.md): a YAML 1.1 reader sees the same year or day in them.
        return str(parse_edtf(_clean(value)) if kind == DATE else parse_point(_clean(value)))
    return format_scalar(_clean(value), flow=flow)


# -- building the output tree ----------------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class _Unit:
    """What starts an output line (a mapping entry, or a sequence item when key is None) and its comments."""

    key: str | None
    value: object = None  # formatted text, None (null), or a list of units (a block mapping or sequence)
    # Comments: () until one is found (a large file has hundreds of thousands of units and few comments).
    before: list[str] | tuple = ()  # full-line comments printed above it
    trailing: list[str] | tuple = ()  # end-of-line comments printed after its first line


class _Builder:
    """Turns one file's loaded values into units, noting where each unit stood for the comment scanner."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        # Every position a comment could belong to: its text offset, depth and unit, in three compact columns
        # (a large file has millions; a tuple for each cost more memory than all the units).
        self.mark_offsets = array("q")
        self.mark_depths = bytearray()  # the loader refuses nesting deeper than 32
        self.mark_units: list[_Unit] = []
        self.quoted: list[tuple[int, int]] = []  # (offset, parent indent) of quoted and block scalars

    def mark(self, offset: int, depth: int, unit: _Unit) -> None:
        self.mark_offsets.append(offset)
        self.mark_depths.append(depth)
        self.mark_units.append(unit)

    def offset(self, packed: int) -> int:
        """The text offset of a packed position (load.unpack_position)."""
        line, column = unpack_position(packed)
        return self.line_starts[line - 1] + column - 1

    def mapping(self, node: YMap, spec: _Map, depth: int) -> list[_Unit]:
        return [self.entry(key, key, node, spec.fields[key], depth) for key in spec.order if key in node]

    def entry(self, key: str, label: str, node: YMap, spec: object, depth: int) -> _Unit:
        unit = _Unit(label)
        key_at, value_at = node.packed(key)
        self.mark(self.offset(key_at), depth, unit)
        unit.value = self.value(node[key], spec, value_at, unit, depth, unpack_position(key_at)[1] - 1)
        return unit

    def value(self, raw: object, spec: object, at: int, owner: _Unit, depth: int, indent: int) -> object:
        if raw is None:
            return None
        if isinstance(spec, str):
            self.scalar(at, owner, depth, indent)
            return _format(raw, spec)
        if isinstance(spec, _Map) and spec.flow:
            return self.flow_mapping(raw, spec, owner, depth)
        if isinstance(spec, _Map):
            return self.mapping(raw, spec, depth + 1) or "{}"
        if isinstance(spec, _Registry):
            units = [self.entry(key, format_scalar(key), raw, spec.entry, depth + 1) for key in sorted(raw)]
            return units or "{}"
        if spec.flow:
            return self.flow(raw, spec.item, owner, depth)
        return self.sequence(raw, spec, depth + 1) or "[]"

    def scalar(self, at: int, owner: _Unit, depth: int, indent: int) -> None:
        offset = self.offset(at)
        self.mark(offset, depth + 1, owner)
        if self.text[offset] in "\"'|>":
            self.quoted.append((offset, indent))

    def flow(self, raw: YSeq, kind: str, owner: _Unit, depth: int) -> str:
        """An id or alias list, written `[a, b]`; comments inside it belong to the entry that holds it."""
        items, indent = [], raw.column - 1  # a block scalar item ends where a line comes back to the dash
        for item, at in zip(raw, raw.packed):
            self.scalar(at, owner, depth, indent)
            items.append(_format(item, kind, flow=True))
        return "[" + ", ".join(items) + "]"

    def flow_mapping(self, raw: YMap, spec: _Map, owner: _Unit, depth: int) -> str:
        """A mapping of texts written `{ja: ..., en: ...}`; comments inside it belong to the entry holding it."""
        pairs = []
        for key in (key for key in spec.order if key in raw):
            key_at, value_at = raw.packed(key)
            self.mark(self.offset(key_at), depth + 1, owner)
            value = raw[key]
            if value is not None:
                self.scalar(value_at, owner, depth, unpack_position(key_at)[1] - 1)
            pairs.append(f"{key}: {_format(value, spec.fields[key], flow=True)}" if value is not None else f"{key}:")
        return "{" + ", ".join(pairs) + "}"

    def sequence(self, raw: YSeq, spec: _List, depth: int) -> list[_Unit]:
        units = []
        for item, at in zip(raw, raw.packed):
            unit = _Unit(None)
            self.mark(self.offset(at), depth, unit)
            unit.value = self.mapping(item, spec.item, depth + 1)
            units.append(unit)
        if spec.chronological:
            keys = [parse_edtf(_clean(item["date"])).sort_key() for item in raw]
            order = sorted(range(len(units)), key=lambda index: (keys[index], index))
            units = [units[index] for index in order]
        return units


# -- comments --------------------------------------------------------------------------------------------

# A comment starts with '#' at the start of a line or after whitespace (libyaml also ends lines at NEL,
# U+2028 and U+2029) and runs to the end of the line.
_COMMENT = re.compile("(?:^|(?<=[ \t\x85\u2028\u2029]))#[^\n\r\x85\u2028\u2029]*", re.M)
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]+|\\.)*"', re.S)
_SINGLE_QUOTED = re.compile(r"'(?:[^']+|'')*'")
_INDENT = re.compile(r"[ ]*")
_BLOCK_HEADER = re.compile(r"[|>]([1-9]?)[-+]?([1-9]?)")


def _quoted_extents(builder: _Builder) -> list[tuple[int, int]]:
    """Where quoted and block scalars lie: a '#' inside them is text, not a comment."""
    text, extents = builder.text, []
    for offset, indent in builder.quoted:
        first = text[offset]
        if first == '"' or first == "'":
            pattern = _DOUBLE_QUOTED if first == '"' else _SINGLE_QUOTED
            extents.append((offset, pattern.match(text, offset).end()))
        else:
            extents.append(_block_extent(text, offset, indent))
    return sorted(extents)


def _block_extent(text: str, offset: int, parent: int) -> tuple[int, int]:
    """A block scalar's content: the lines after its header that are blank or indented at least as deep as its
    content (given by an indentation indicator, else by its first non-blank line), deeper than its parent."""
    indicator = _BLOCK_HEADER.match(text, offset)
    explicit = int(indicator[1] or indicator[2] or 0)
    content = parent + explicit if explicit else None
    start = end = text.find("\n", offset) + 1 or len(text)
    while end < len(text):
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end + 1
        line = text[end:line_end]
        if line.strip():
            indent = _INDENT.match(line).end()
            if content is None and indent > parent:
                content = indent
            if content is None or indent < content:
                break
        end = line_end
    return start, end


def _masked(text: str, extents: list[tuple[int, int]]) -> str:
    """The text with quoted and block scalars blanked out, same length and same line breaks."""
    parts, last = [], 0
    for start, end in extents:
        parts.append(text[last:start])
        parts.append(re.sub("[^\n]", "x", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _attach_comments(builder: _Builder) -> tuple[list[str], int]:
    """Give every comment to the unit it belongs to; return those left for the end of the file, and the count.

    A comment alone on its line belongs to the next key or item below it (the item, when both start at one
    place). A comment after something belongs to the last value, key or item before it on its line. Positions
    inside what is written on one line (an id list, a claim's `says`) belong to the entry holding it.
    """
    text = builder.text
    if "#" not in text:
        return [], 0
    masked = _masked(text, _quoted_extents(builder))
    comments = [(match.start(), match.group().rstrip(" \t")) for match in _COMMENT.finditer(masked)]
    if not comments:
        return [], 0
    before, below = _nearest_marks(builder, [start for start, _ in comments])
    leftover = []
    for number, (start, comment) in enumerate(comments):
        line_start = masked.rfind("\n", 0, start) + 1
        last = before[number]
        if masked[line_start:start].strip(" \t\x85\u2028\u2029") and last >= 0 \
                and builder.mark_offsets[last] >= line_start:
            unit = builder.mark_units[last]
            unit.trailing = [*unit.trailing, comment]
            continue
        if below[number] >= 0:
            unit = builder.mark_units[below[number]]
            unit.before = [*unit.before, comment]
        else:
            leftover.append(comment)
    return leftover, len(comments)


def _nearest_marks(builder: _Builder, starts: list[int]) -> tuple[list[int], list[int]]:
    """For each comment start (in order), the index of the last mark before it and of the first mark after it
    (-1 if none), marks ordered by (offset, depth): at one offset the outermost comes first.

    One pass over the marks, none sorted: each falls in a gap between two comments, and each gap keeps only its
    first and last mark. The marks nearest a comment are then in the nearest non-empty gaps.
    """
    gaps = len(starts) + 1
    first_key, first_index = [-1] * gaps, [-1] * gaps
    last_key, last_index = [-1] * gaps, [-1] * gaps
    depths = builder.mark_depths
    for index, offset in enumerate(builder.mark_offsets):
        gap = bisect_left(starts, offset)
        key = offset << 8 | depths[index]
        if first_index[gap] < 0 or key < first_key[gap]:  # the earliest of equal marks stays first
            first_key[gap], first_index[gap] = key, index
        if key >= last_key[gap]:  # the latest of equal marks is last
            last_key[gap], last_index[gap] = key, index
    before, below = [], [-1] * len(starts)
    last = -1
    for gap in range(len(starts)):  # marks before comment n: in gaps 0..n, the last non-empty one holds the last
        if last_index[gap] >= 0:
            last = last_index[gap]
        before.append(last)
    following = -1
    for gap in range(len(starts), 0, -1):  # marks after comment n: in gaps n+1.., the first non-empty one
        if first_index[gap] >= 0:
            following = first_index[gap]
        below[gap - 1] = following
    return before, below


# -- writing ---------------------------------------------------------------------------------------------

class _Writer:
    """Output lines, and how many comments they will read back as (trailing comments on one line are one)."""

    def __init__(self):
        self.lines: list[str] = []
        self.comments = 0

    def comment_lines(self, pad: str, comments: list[str]) -> None:
        if comments:
            self.lines.extend(pad + comment for comment in comments)
            self.comments += len(comments)

    def line(self, head: str, trailing: list[str]) -> None:
        if trailing:
            head += "  " + "  ".join(trailing)
            self.comments += 1
        self.lines.append(head)

    def units(self, units: list[_Unit], indent: int) -> None:
        pad = " " * indent
        for unit in units:
            if unit.key is None:  # a sequence item: its first entry shares the "- " line, and its comments
                first, rest = unit.value[0], unit.value[1:]
                self.comment_lines(pad, [*unit.before, *first.before])
                self.entry(first, indent + 2, pad + "- ", [*unit.trailing, *first.trailing])
                self.units(rest, indent + 2)
            else:
                self.comment_lines(pad, unit.before)
                self.entry(unit, indent, pad, unit.trailing)

    def entry(self, unit: _Unit, indent: int, lead: str, trailing: list[str]) -> None:
        value = unit.value
        self.line(f"{lead}{unit.key}:" + (f" {value}" if isinstance(value, str) else ""), trailing)
        if isinstance(value, list):
            self.units(value, indent + 2)


@dataclass(frozen=True, slots=True)
class _Canonical:
    text: str
    found: int  # comments found in the input
    written: int  # comments in `text`, as a reader will count them


def _canonical(loaded: LoadedFile) -> _Canonical:
    """The canonical text of one valid loaded file, BOM and line-ending style kept."""
    text, root = loaded.text, loaded.root
    first_break = text.find("\n")
    crlf = first_break > 0 and text[first_break - 1] == "\r"
    if "\r" in text:  # positions and comment scanning assume \n line breaks; YAML reads \r\n and \r the same
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        root = load_text(text, loaded.file).root
    with collector_paused():  # hundreds of thousands of units, marks and lines, none of them in a cycle
        builder = _Builder(text)
        units = builder.mapping(root, _ROOT, 0)
        leftover, found = _attach_comments(builder)
        writer = _Writer()
        writer.units(units, 0)
        writer.comment_lines("", leftover)
    result = "\n".join(writer.lines) + "\n"
    if crlf:
        result = result.replace("\n", "\r\n")
    return _Canonical(("\ufeff" if loaded.bom else "") + result, found, writer.comments)


# -- checking ------------------------------------------------------------------------------------------------

def _validated(loaded: list[LoadedFile]) -> Timeline:
    timeline, problems = validate(loaded)
    if timeline is None:
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR])
    return timeline


def _nfc(value: object) -> object:
    """`value` with every text in NFC; the very same object when nothing changes (the common case: cheap)."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if isinstance(value, tuple):
        items = tuple(_nfc(item) for item in value)
        return value if all(new is old for new, old in zip(items, value)) else items
    if isinstance(value, dict):
        items = {key: _nfc(item) for key, item in value.items()}
        return value if all(items[key] is item for key, item in value.items()) else items
    if value is None or isinstance(value, (int, Point, EventDate, Where)):  # dates and positions hold no text
        return value
    changes = {}
    for name in _compared_fields(type(value)):
        old = getattr(value, name)
        new = _nfc(old)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


@lru_cache(maxsize=None)
def _compared_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.compare)


def canonical_timeline(timeline: Timeline) -> Timeline:
    """The timeline as its normalized file reads: every text in Unicode NFC (values are already trimmed)."""
    return _nfc(timeline)  # type: ignore[return-value]


def _load_str(text: str, file: str) -> LoadedFile:
    bom = text.startswith("\ufeff")
    loaded = load_text(text[1:] if bom else text, file)
    loaded.bom = bom
    return loaded


def _verify(before: Timeline, results: list[_Canonical], files: list[str]) -> None:
    """Raise UnsafeNormalizeError unless the texts validate to `before` (in NFC), keep every comment and are
    their own canonical form."""
    with collector_paused():
        reloaded = [_load_str(result.text, file) for result, file in zip(results, files)]
        after, problems = validate(reloaded)
        expected = canonical_timeline(before)
    if after is None:
        first = next(p for p in problems if p.severity is Severity.ERROR)
        raise UnsafeNormalizeError(f"{', '.join(files)}: the normalized text would not validate ({first}); "
                                   "the file is left untouched (a bug in timeline normalize: please report it)")
    if after != expected:
        raise UnsafeNormalizeError(f"{', '.join(files)}: the normalized text would not mean the same; the file "
                                   "is left untouched (a bug in timeline normalize: please report it)")
    del after, expected  # compared: only the texts are needed from here (peak memory)
    for loaded, result in zip(reloaded, results):
        again = _canonical(loaded)
        if again.found != result.written:
            raise UnsafeNormalizeError(f"{loaded.file}: the normalized text would have {again.found} comment(s) "
                                       f"instead of {result.written}; the file is left untouched (a bug in timeline "
                                       "normalize: please report it)")
        if again.text != result.text:
            raise UnsafeNormalizeError(f"{loaded.file}: normalizing twice would not give the same text; the file "
                                       "is left untouched (a bug in timeline normalize: please report it)")


# -- the public API ----------------------------------------------------------------------------------------

def normalize_text(text: str, file: str = "<text>") -> str:
    """The canonical form of one event file's text (a leading BOM and the line-ending style are kept).

    Raises InvalidDataError with validate's errors when the text is not a valid event file, and
    UnsafeNormalizeError if the result would not read back the same (a bug, never expected).
    """
    loaded = _load_str(text, file)
    timeline = _validated([loaded])
    result = _canonical(loaded)
    if result.text != text:
        _verify(timeline, [result], [file])
    return result.text


@dataclass(frozen=True, slots=True)
class Change:
    """One file's bytes as read and in canonical form; `changed` when they differ."""

    path: Path
    before: bytes
    after: bytes

    @property
    def changed(self) -> bool:
        return self.before != self.after


def normalize_files(paths: Sequence[str | Path]) -> list[Change]:
    """Normalize files in memory, validated together (ids and references may span files). Writes nothing.

    Raises FileAccessError (unreadable file), InvalidDataError (validate's errors) or UnsafeNormalizeError.
    """
    datas = [read_bytes(path) for path in paths]
    loaded = [load_bytes(data, str(path)) for data, path in zip(datas, paths)]
    timeline = _validated(loaded)
    results = [_canonical(item) for item in loaded]
    files = [item.file for item in loaded]
    del loaded  # the values are written out: they go before the check reads the result back (peak memory)
    changes = [Change(Path(path), data, result.text.encode("utf-8")) for path, data, result in zip(paths, datas, results)]
    if any(change.changed for change in changes):
        _verify(timeline, results, files)
    return changes


def write_changes(changes: Sequence[Change]) -> list[Change]:
    """Write each changed file atomically (symlinks and permissions kept); return those written.

    A file that no longer holds the bytes it was normalized from (saved in an editor meanwhile) is not
    overwritten: FileChangedError (exit 2), with the files before it written and those after it not.
    """
    written = [change for change in changes if change.changed]
    for change in written:
        write_atomic(change.path, change.after, expected=change.before)
    return written


_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")  # only \n ends a line, as in editors and patch


def unified_diff(change: Change) -> str:
    """A unified diff (a/ and b/ prefixes, like git) from the file as read to its canonical form."""
    name = change.path.as_posix().lstrip("/")
    before = _LINES.findall(change.before.decode("utf-8-sig"))
    after = _LINES.findall(change.after.decode("utf-8-sig"))
    lines = []
    for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
