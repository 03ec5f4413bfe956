"""How one value is written in the canonical form: plain when every YAML reader takes it back as the same
text, else double-quoted with escapes; dates in their canonical EDTF spelling (`timeline docs normalize`)."""

from __future__ import annotations

import re
import unicodedata

from ..dates import parse_edtf, parse_point

__all__ = ["DATE", "FLAG", "POINT", "SLUG", "TEXT", "VERSION", "clean", "forget_formatted", "format_scalar",
           "format_value", "is_plain_safe"]

TEXT, SLUG, DATE, POINT, VERSION, FLAG = "text", "slug", "date", "point", "version", "flag"

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
_NOT_TEXT_WORD, _NUMBER_START = 5, frozenset("+-.0123456789")  # the longest word above (false); a number's start
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
    if ": " in text or " #" in text or text.startswith(("---", "...")):
        return False
    # Each regex runs only where it can find something (they were a sixth of `normalize --check`; tests check both
    # shortcuts): str.isprintable() is false for every character _NOT_RAW finds, and _NOT_TEXT matches only a word
    # of at most 5 characters or what starts like a number.
    if not text.isprintable() and _NOT_RAW.search(text):
        return False
    if (len(text) <= _NOT_TEXT_WORD or text[0] in _NUMBER_START) and _NOT_TEXT.fullmatch(text):
        return False
    return not (flow and _NOT_PLAIN_IN_FLOW.search(text))


def format_scalar(text: str, *, flow: bool = False) -> str:
    """`text` as written in the canonical form: plain when safe, else double-quoted with escapes."""
    return text if is_plain_safe(text, flow=flow) else '"' + _TO_ESCAPE.sub(_escape, text) + '"'


def clean(value: str) -> str:
    """Trimmed and NFC, as every value is written."""
    return unicodedata.normalize("NFC", value.strip())


# A file's values recur (ids, dates, names, statuses; a title repeated in a correction): each distinct one is formatted
# once per file. The cache holds at most _CACHED values (emptied when full) and is forgotten when the file is written
# (write.rewrite), so it keeps nothing alive that the file's values do not.
_CACHED = 1 << 16
_formatted: dict[tuple[str, str, bool], str] = {}


def format_value(value: str, kind: str, flow: bool = False) -> str:
    """A loaded value of the given kind as written in the canonical form."""
    key = (value, kind, flow)
    written = _formatted.get(key)
    if written is None:
        if len(_formatted) >= _CACHED:
            _formatted.clear()
        written = _formatted[key] = _format_value(value, kind, flow)
    return written


def forget_formatted() -> None:
    """Empty format_value's cache (a file written: its values are about to go)."""
    _formatted.clear()


def _format_value(value: str, kind: str, flow: bool) -> str:
    if kind == TEXT or kind == SLUG:  # most values
        return format_scalar(clean(value), flow=flow)
    if kind == VERSION:
        return clean(value)
    if kind == FLAG:  # validate accepts only true, True, TRUE
        return "true"
    if kind in (DATE, POINT):
        # Dates stay plain (`timeline docs normalize`): a YAML 1.1 reader sees the same year or day in them.
        return str(parse_edtf(clean(value)) if kind == DATE else parse_point(clean(value)))
    return format_scalar(clean(value), flow=flow)
