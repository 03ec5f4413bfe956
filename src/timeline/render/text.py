"""Making text from the data safe for each channel it is written to.

Data is never markup: a title holding `[bold]`, `|`, `<script>` or an escape sequence must reach the reader
as the characters the editor typed, whatever the output.
"""

from __future__ import annotations

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


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """Show control characters as visible escapes (`\\x1b`) instead of letting the terminal obey them, and
    defuse the character pairs a CI log would read as a workflow command, the same way (`\\x3a:`, `##\\x5b`)."""
    text = (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, text)
    return _CI_COMMAND.sub(_defuse, text) if ("::" in text or "##[" in text) else text
