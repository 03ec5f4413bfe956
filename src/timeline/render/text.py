"""Making text from the data safe for each channel it is written to.

Data is never markup: a title holding `[bold]`, `|`, `<script>` or an escape sequence must reach the reader
as the characters the editor typed, whatever the output.
"""

from __future__ import annotations

import codecs
import functools
import re

# C0 and C1 controls (tab and newline excepted by callers that allow them), DEL, and the bidi controls that
# can make a terminal show text in another order than it is stored.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# What a CI runner reads as a command in a log line: `::name::` at the start of a line (GitHub Actions allows
# indentation before it, and a wrapped line can start anywhere a space was) and the legacy `##[name]` anywhere.
_CI_COMMAND = re.compile(r"(?:^|(?<=\s))::|##\[", re.MULTILINE)


def _defuse(match: re.Match) -> str:
    return "\\x3a:" if match.group() == "::" else "##\\x5b"


def controls_shown(text: str) -> str:
    """Control characters (line breaks included) and bidi controls as visible escapes, and nothing else changed:
    for a channel where only they can do harm (a GitHub annotation's message, past its `::`)."""
    return _UNSAFE_ONE_LINE.sub(_escape, text)


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """Show control characters as visible escapes (`\\x1b`) instead of letting the terminal obey them, and
    defuse the character pairs a CI log would read as a workflow command, the same way (`\\x3a:`, `##\\x5b`)."""
    text = (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, text)
    return _CI_COMMAND.sub(_defuse, text) if ("::" in text or "##[" in text) else text


# --- the console's width and encoding ---------------------------------------------------------------------

# Tables, `show` and --help are drawn at least this wide, and a narrower terminal wraps their lines. rich takes
# any width: at 0, 1 or 2 columns it lays everything out in nothing (an empty table, an empty `show`, an empty
# --help, all exit 0), and below about 30 the event table's date column leaves the title one character a line.
# 40 is the narrowest the tables are tested to read at (tests/test_cli_listing.py, a 40-column terminal).
NARROWEST = 40


def usable_width(width: int) -> int:
    """The width to lay text out at on a `width`-column terminal: never below NARROWEST."""
    return max(width, NARROWEST)


class ConsoleText(str):
    """Text drawn for a person (a table, `show`), as opposed to data (JSON, CSV, Markdown): the CLI writes it in
    the console's own encoding, with a look-alike or a visible escape for what that encoding cannot show, where
    data is UTF-8 whatever the locale."""

    __slots__ = ()


# Characters a console encoding may lack, and what stands in for them, best first. The Japanese encodings
# disagree on a few (Shift_JIS and EUC-JP have the wave dash 〜 where cp932 has the fullwidth tilde ～), so
# each pair stands in for the other before falling back to ASCII.
_LOOK_ALIKES = {
    "\u2013": ("-",), "\u2014": ("\u2015", "--"), "\u2015": ("\u2014", "--"), "\u2212": ("\uff0d", "-"),
    "\uff0d": ("\u2212", "-"), "\u2018": ("'",), "\u2019": ("'",), "\u201c": ('"',), "\u201d": ('"',),
    "\u2026": ("...",), "\u00a0": (" ",), "\u3000": ("  ",), "\uff5e": ("\u301c", "~"), "\u301c": ("\uff5e", "~"),
    "\u2016": ("\u2225", "||"), "\u2225": ("\u2016", "||"), "\u00a2": ("\uffe0",), "\uffe0": ("\u00a2",),
    "\u00a3": ("\uffe1",), "\uffe1": ("\u00a3",), "\u00ac": ("\uffe2",), "\uffe2": ("\u00ac",), "\u2022": ("*",),
}  # fmt: skip


def console_encoder(encoding: str) -> codecs.IncrementalEncoder:
    """An encoder to a console's `encoding` that never fails: what the encoding can show stays as is, common
    punctuation it lacks gets a look-alike (an en dash is `-`), anything else a visible escape (`\\u30c8`, and
    `\\xff` for a byte of a file name that was not UTF-8). cp932, Shift_JIS and EUC-JP keep Japanese; ASCII and
    Latin-1 get escapes. Incremental, so that UTF-16 writes its byte-order mark once; `encode(text, final=True)`
    for each piece written leaves a stateful encoding (ISO-2022-JP) back in ASCII after each."""
    return codecs.getincrementalencoder(encoding)(_FALLBACK)


_FALLBACK = "timeline.console"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = "".join(_stand_in(char, error.encoding) for char in error.object[error.start:error.end])
    return shown, error.end


@functools.lru_cache(maxsize=4096)
def _stand_in(char: str, encoding: str) -> str:
    for candidate in _LOOK_ALIKES.get(char, ()):
        try:
            candidate.encode(encoding)
        except UnicodeEncodeError:
            continue
        return candidate
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (a file name), as os.fsdecode kept it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


codecs.register_error(_FALLBACK, _fallback)
