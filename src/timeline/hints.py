"""What to do about a YAML syntax error: the common editor mistakes behind libyaml's terse messages.

libyaml says where it stopped and what it expected; an editor needs the character to quote or remove. Each
rule looks at the message, the line and the lines above it; the first that applies gives the hint.
"""

from __future__ import annotations

import re

__all__ = ["syntax_hint"]


def syntax_hint(message: str, text: str, line: int, column: int) -> str:
    """The common editor mistakes behind libyaml's terse messages, naming the character to fix."""
    lines = text.split("\n")
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    for applies, hint in _SYNTAX_HINTS:
        if applies(message, source_line, column, lines[:line - 1]):
            return hint
    return "check the quoting and indentation on this line and the one before"


_VALUE_START = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s+([|>*&])")  # a key's value starting with | > * &
# (applies(message, the line, column, the lines above), hint), first match wins: the line alone can mislead
# (a '[' on the line after a `...` is no unclosed bracket), so the message's context is tested first.
_SYNTAX_HINTS = (
    (lambda message, line, column, above: "tab" in message or line[column - 1:column] == "\t",
     "YAML indents with spaces, never tabs"),
    (lambda message, line, column, above: "<document start>" in message and any(
        previous.rstrip() in ("...", "---") for previous in above),
     "a `...` or `---` line ends the YAML document, and a file holds one: remove that line"),
    (lambda message, line, column, above: "while scanning an alias" in message or "while scanning an anchor" in message,
     'a value starting with "*" (or "&") reads as a YAML alias (or anchor): put the whole value in double quotes, '
     'e.g. en: "*Breaking* Trump sworn in"'),
    (lambda message, line, column, above: "while scanning a block scalar" in message and _VALUE_START.match(line),
     'a value starting with ">" (or "|") starts a block of text in YAML: put the whole value in double quotes, '
     'e.g. en: "> Trump sworn in"'),
    (lambda message, line, column, above: "block sequence entries are not allowed" in message,
     'a value starting with "- " reads as a list item: put the whole value in double quotes, '
     'e.g. en: "- Trump sworn in"'),
    (lambda message, line, column, above: "quoted scalar" in message and ("escape" in message or "hexdecimal" in message),
     'a backslash (\\) in double quotes starts an escape: write two (\\\\) for one, or use single quotes, '
     "e.g. 'C:\\Users\\desk'"),
    (lambda message, line, column, above: column >= 2 and line[column - 2:column - 1] == "'" and ": '" in line[:column - 2],
     "an apostrophe inside single quotes ends the text: write it twice ('Trump''s first day'), or use double quotes"),
    (lambda message, line, column, above: "mapping values are not allowed" in message or (
        ": " in line and "could not find expected ':'" in message),
     'a value containing ": " must be quoted, e.g. title: "Trump: a new order"'),
    (lambda message, line, column, above: "found character that cannot start any token" in message,
     "quote the value: it starts with a character YAML reserves (@, `, %, |, >)"),
    (lambda message, line, column, above: "did not find expected" in message and (
        "[" in line or "{" in line or "]" in message),
     "a bracket is not closed, or a value inside brackets needs quotes"),
    (lambda message, line, column, above: "expected <block end>" in message,
     "check the indentation: items of one list or mapping must line up"),
    (lambda message, line, column, above: "while scanning a quoted scalar" in message, "a quote is not closed"),
)
