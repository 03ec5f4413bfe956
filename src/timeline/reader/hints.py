"""What a reporter did, in plain words, when libyaml stops: a YAML syntax error diagnosed from the raw lines.

libyaml says where it stopped and what it expected (`did not find expected '-' indicator`), often a line after the
mistake. The rules here look at the lines around that place for the common hand-editing mistakes (a tab, a line
indented 3 spaces among lines indented 4, `: ` inside an unquoted title, a quote left open) and name the line, the
column, what is wrong and how to fix it. The first rule that applies wins; libyaml's own words are the last resort.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..format import (ACTOR, BILINGUAL_TEXT, CITATION, CLAIM, CORRECTION, DISPUTE, EVENT, SOURCE, TOP, is_japanese,
                      surrogate_half)
from .flow import colon_in_flow_value
from .shape import Shape
from .stops import Stop
from .units import STAND_IN_KEY, has_content, indentation, is_item, key_indentation

__all__ = ["Diagnosis", "diagnose", "indented_off"]

KEYS = frozenset(key.name for mapping in (TOP, EVENT, SOURCE, ACTOR, CITATION, DISPUTE, CLAIM, BILINGUAL_TEXT)
                 for key in mapping.keys)
_WORDS = "|".join(sorted(KEYS, key=len, reverse=True))
_DASH = r"[ ]*(?:-[ ]+)?"
_NO_SPACE = re.compile(rf"{_DASH}({_WORDS}):(?=[^\s:])")  # date:2025-01-20
_NO_COLON = re.compile(rf"{_DASH}({_WORDS})(?:(?:[ \t]*[=,;][ \t]*|[ \t]+)([^:]*?))?[ \t]*\Z")  # - id two, date = 1
_NO_DASH_SPACE = re.compile(rf"[ ]*-({_WORDS}):")  # -id: one
_WIDE_COLON = re.compile(r"[ ]*(?:-[ ]+)?([A-Za-z_][\w-]*)[ ]*([：﹕︓])")  # date： 2025-01-20
_VALUE = re.compile(r"([ ]*(?:-[ ]+)?[^\s:#][^:#]*?:[ \t]+)(\S)")  # a key and where its value starts
_LEAD = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*")  # white space to an eye, before a key
_WIDE_SPACES = {"\u3000": "a full-width space (U+3000)", "\u00a0": "a no-break space (U+00A0)"}
_LONGEST_KEY = 1024  # characters: libyaml looks no further for the colon that ends a key
_SMART_QUOTES = "“”„‘’‚«»「」"


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """The mistake found: where, what the reporter did, and the fix."""

    line: int
    column: int
    message: str
    hint: str
    code: str = "syntax"
    continues: bool = False  # the line goes on with the value above it: it belongs to that value's unit


def diagnose(stop: Stop, lines: list[str], first: int = 1) -> Diagnosis:
    """What went wrong where libyaml stopped, in the `lines` it read; lines above `first` only stand for what is above
    the text read (recover.py), so no mistake is placed there."""
    if stop.character is not None:
        return Diagnosis(stop.line, stop.column, f"control character U+{stop.character:04X} is not allowed in YAML",
                         "delete it; it is invisible in most editors (try `cat -A`)", "control-character")
    shape = Shape(stop, lines)
    for rule in _RULES:
        found = rule(shape)
        if found is not None and found.line >= first:
            return found
    words = stop.problem or "the YAML cannot be read here"
    line, column = (stop.line, stop.column) if stop.line >= first else (first, 1)
    return Diagnosis(line, column, f"YAML cannot read this line ({words})",
                     "check the quoting and indentation on this line and the one before (`timeline docs mistakes`)")


# -- the raw characters of the lines around the stop -----------------------------------------------------------

def _tab(shape: Shape) -> Diagnosis | None:
    for number in shape.around():
        line = shape.line(number)
        lead = _LEAD.match(line).end()
        if "\t" in line[:lead] and line[lead:].strip():
            return Diagnosis(number, line.index("\t") + 1, "this line is indented with a tab",
                             f"YAML indents with spaces, never tabs: replace the tab with spaces{_like(shape, number)}")
    return None


_MAPPINGS = (TOP, EVENT, SOURCE, CITATION, DISPUTE, CLAIM, CORRECTION, ACTOR, BILINGUAL_TEXT)
_SIBLINGS_BACK = 300  # lines looked back for a key of the same mapping


def _like(shape: Shape, number: int) -> str:
    """How many spaces to indent line `number` with: as the nearest key above that the format puts in the same
    mapping (`notes:` under a citation's `quote:` stands where the event's `citations:` does, not where `quote:`
    does), else as the line above says (Shape.like)."""
    text = shape.line(number)[_LEAD.match(shape.line(number)).end():]
    dash = _DASH.match(text)  # `\t- id: two`: an item, which stands where the other items' dashes do
    key = _KEY_AFTER_LEAD.match(text[dash.end():] if dash else text)
    mappings = [mapping.names for mapping in _MAPPINGS if key and key.group(1) in mapping.names]
    if mappings:
        for above in range(number - 1, max(0, number - _SIBLINGS_BACK), -1):
            other, line = shape.key(above), shape.line(above)
            if dash and other and is_item(line) and any(other in names for names in mappings):
                return f", {indentation(line)} of them as the item `- {other}:` above"
            if not dash and other and other != key.group(1) and any(other in names for names in mappings):
                return f", {key_indentation(line)} of them as `{other}:` above"
            if other and indentation(line) == 0 and not is_item(line):
                break  # a top-level key: the mapping above it is another one
    return shape.like(number)


_DASH = re.compile(r"-[ \t]+")
_KEY_AFTER_LEAD = re.compile(r"""["']?([A-Za-z_][A-Za-z0-9_-]*)["']?[ \t]*:(?:[ \t]|\Z)""")


def _wide_space(shape: Shape) -> Diagnosis | None:
    for number in shape.around():
        line = shape.line(number)
        lead = _LEAD.match(line).end()
        wide = next((char for char in line[:lead] if char not in " \t"), None)
        if wide is not None and line[lead:].strip():
            name = _WIDE_SPACES.get(wide, f"a space YAML does not count as one (U+{ord(wide):04X})")
            return Diagnosis(number, line.index(wide) + 1, f"this line is indented with {name}",
                             "YAML counts only ordinary spaces as indentation (an input method may type a wide one): "
                             f"replace it with ordinary spaces{_like(shape, number)}")
    return None


def _byte_order_mark(shape: Shape) -> Diagnosis | None:
    for number in shape.around():
        column = shape.line(number).find("\ufeff") + 1
        if column:
            return Diagnosis(number, column, "an invisible byte order mark (U+FEFF) here, often left by pasting text "
                             "or joining files",
                             "delete it: most editors show nothing there (`cat -A` shows M-oM-;M-?)")
    return None


def _wide_colon(shape: Shape) -> Diagnosis | None:
    for number in shape.around():
        match = _WIDE_COLON.match(shape.line(number))
        if match:
            key = match.group(1)
            return Diagnosis(number, match.start(2) + 1, f"a full-width colon ({match.group(2)}) after `{key}`",
                             f"YAML needs an ordinary colon and a space: `{key}: ...`")
    return None


def _no_space(shape: Shape) -> Diagnosis | None:
    for number in shape.around():
        match = _NO_SPACE.match(shape.line(number))
        if match:
            key, value = match.group(1), shape.line(number)[match.end():].strip()
            return Diagnosis(number, match.end(1) + 1, f"no space after the colon of `{key}:`",
                             f"YAML needs a space after a key's colon: `{key}: {value}`")
    return None


def _no_colon(shape: Shape) -> Diagnosis | None:
    for number in shape.around():
        line = shape.line(number)
        match = _NO_COLON.match(line)
        if match:
            key, rest = match.group(1), (match.group(2) or "").strip()
            return Diagnosis(number, match.start(1) + 1, f"no colon after `{key}`",
                             f"a key is followed by a colon and a space: `{key}: {rest}`" if rest else
                             f"a key is followed by a colon: `{key}:`")
    return None


def _no_dash_space(shape: Shape) -> Diagnosis | None:
    for number in shape.around():
        match = _NO_DASH_SPACE.match(shape.line(number))
        if match:
            return Diagnosis(number, match.start(1), "no space after the `-` of a list item",
                             f"write a space after the dash: `- {shape.line(number)[match.start(1):].strip()}`")
    return None


# -- what libyaml was reading ---------------------------------------------------------------------------------

def _document_marker(shape: Shape) -> Diagnosis | None:
    if "<document start>" not in shape.stop.problem:
        return None
    marker = next((n for n in range(shape.stop.line - 1, 0, -1) if shape.line(n).rstrip() in ("...", "---")), None)
    if marker is None:
        return None
    return Diagnosis(marker, 1, f"a `{shape.line(marker).rstrip()}` line ends the YAML document here",
                     "a file holds one document: remove that line")


def _open_quote(shape: Shape) -> Diagnosis | None:
    stop = shape.stop
    if "quoted scalar" in stop.context and "end of stream" in stop.problem:
        number, column = stop.context_line, stop.context_column
    elif shape.after_quote():  # a quote left open, closed by the next quote further down: the text ran on to it
        found = shape.open_quote_above()
        if found is None:
            return None
        number, column = found
    else:
        return None
    return _never_closed(shape, number, column)


def _never_closed(shape: Shape, number: int, column: int) -> Diagnosis:
    """The quote at (number, column), which nothing closes."""
    line = shape.line(number)
    mark = line[column - 1:column] or '"'
    if mark == '"' and line.rstrip().endswith('\\"'):
        return Diagnosis(number, column, 'a backslash before the closing quote (\\") escapes it, so the quote is '
                         "never closed", "write two backslashes (\\\\) for one, or put the value in single quotes")
    return Diagnosis(number, column, f"this quote ({mark}) is never closed: the text runs on into the lines after it",
                     f"close it at the end of the value ({mark}), or remove it")


def at_escape(stop: Stop) -> bool:
    """Whether libyaml stopped at an escape of a double-quoted scalar it cannot read (`\\q`, `\\x4`, a
    surrogate): the mistake is one backslash, and the text around it reads on (recover.py reads past it)."""
    return "quoted scalar" in stop.context and ("escape" in stop.problem or "hexdecimal" in stop.problem)


def _escape(shape: Shape) -> Diagnosis | None:
    stop = shape.stop
    if not at_escape(stop):
        return None
    line = shape.line(stop.line)
    # The escape libyaml was reading when it stopped: it marks an unknown escape at its backslash (PyYAML's own
    # parser at the letter after it), and missing hex digits where the first digit should be, which may be the
    # next escape's backslash (`\\x\\u`): that one is not searched.
    end = stop.column - 1 if "hex" in stop.problem else stop.column
    backslash = line.rfind("\\", 0, end)
    column = backslash + 1 if backslash >= 0 else stop.column
    code = _code_escape(line[column - 1:])
    if code is not None:
        return Diagnosis(stop.line, column, *code)
    escape = line[column - 1:column + 1]
    if len(escape) < 2 and stop.context_line:  # a backslash ending the file: the quote it is in never closes
        return _never_closed(shape, stop.context_line, stop.context_column)
    example = _single_quoted(line)
    known = {"x": "2", "u": "4", "U": "8"}.get(escape[1:])
    said = (f"`{escape}` in double quotes starts a character's code in {known} hex digits, which do not follow"
            if known else f"`{escape}` in double quotes is an escape YAML does not know")
    return Diagnosis(stop.line, column, f"{said}: in double quotes a backslash starts an escape (and `\\n` would "
                     "be a line break)", f"write two backslashes (\\\\) for one, or put the value in single quotes"
                     f"{example}")


_EXAMPLE_LIMIT = 100  # characters: a longer value is not repeated in the hint of each of its escapes


def _single_quoted(line: str) -> str:
    """', e.g. KEY: 'VALUE'': the line's double-quoted value in single quotes, where that keeps it as typed; else "".

    Not for a value that holds an escape meant as one (`\\"`, `\\\\`, `\\u00e9`), which single quotes would keep
    backslash and all (a quote copied from an article would change), nor a `'`, a tab or another character a
    report shows as an escape, nor a value that does not close on its line or is long, nor a quoted key."""
    match = _VALUE.match(line)
    if match is None or match.group(2) != '"':
        return ""
    key, value = match.group(1).strip(" -:\t"), _closed_double_quoted(line, match.start(2))
    if value is None or not key or len(value) > _EXAMPLE_LIMIT or any(mark in key for mark in "\"'\\"):
        return ""
    words = value[1:-1]
    if "'" in words or not words.isprintable() or _MEANT_ESCAPE.search(words):
        return ""
    return f", e.g. {key}: '{words}'"


def _closed_double_quoted(line: str, start: int) -> str | None:
    """The double-quoted scalar opening at index `start` of `line`, quotes included, or None if it goes on past
    the line (a comment after it is not part of it)."""
    index = start + 1
    while index < len(line):
        if line[index] == "\\":
            index += 2
        elif line[index] == '"':
            return line[start:index + 1]
        else:
            index += 1
    return None


_MEANT_ESCAPE = re.compile(r'\\["\\/]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|[\x85\u2028\u2029]')
_CODE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")


def _code(match: re.Match) -> int:
    return int(match.group(1) or match.group(2), 16)


def _low_half(text: str, first: re.Match) -> re.Match | None:
    """The escape after `first` (a high surrogate's) when it is the low half of the pair, else None."""
    second = _CODE.match(text, first.end())
    if 0xD800 <= _code(first) <= 0xDBFF and second is not None and 0xDC00 <= _code(second) <= 0xDFFF:
        return second
    return None


def escape_columns(line: str, column: int) -> tuple[int, ...]:
    """The columns of the backslashes of the escape diagnosed at `column` of `line` (_escape): one, or both halves
    of a surrogate pair, which is one mistake (JSON's way of writing one character)."""
    first = _CODE.match(line, column - 1)
    second = _low_half(line, first) if first is not None else None
    return (column,) if second is None else (column, second.start() + 1)


def _code_escape(text: str) -> tuple[str, str] | None:
    """(message, hint) for a well-formed `\\uXXXX` or `\\UXXXXXXXX` at the start of `text` that is no character: a
    surrogate (JSON writes a character beyond U+FFFF as a pair of them: `\\ud83d\\uddf3` for U+1F5F3) or a code
    past U+10FFFF. None for any other escape."""
    first = _CODE.match(text)
    if first is None:
        return None
    code = _code(first)
    if code > 0x10FFFF:
        return (f"`{first.group()}` is past U+10FFFF, the last code point of Unicode",
                "check the digits: `\\U` and 8 hex digits (😀 is `\\U0001F600`), or write the character itself")
    if not 0xD800 <= code <= 0xDFFF:
        return None
    second = _low_half(text, first)
    if second is not None:
        char = chr(0x10000 + ((code - 0xD800) << 10) + (_code(second) - 0xDC00))
        shown = f"{char} (U+{ord(char):04X})" if char.isprintable() else f"U+{ord(char):04X}"  # not an invisible one
        return (f"`{first.group()}{second.group()}` is a surrogate pair, how JSON writes {shown}: "
                "YAML reads each half as a character, and surrogates are not characters",
                f"write the character itself, or `\\U{ord(char):08X}`")
    return surrogate_half(first.group()), ("write the character itself, or its code as `\\U` and 8 hex digits "
                                           "(😀 is `\\U0001F600`)")


def _value_start(shape: Shape) -> Diagnosis | None:
    """A value starting with a character that means something else to YAML: `*`, `&`, `>`, `|`, `- `, `@`, `` ` ``."""
    stop = shape.stop
    context = stop.context
    if "alias" in context or "anchor" in context:
        number, column = stop.context_line, stop.context_column
    elif "block scalar" in context:
        number, column = stop.context_line, stop.context_column
    elif any(words in stop.problem for words in ("block sequence entries are not allowed", "cannot start any token",
                                                  "mapping keys are not allowed")):
        number, column = stop.line, stop.column
    else:
        return None
    line = shape.line(number)
    char = line[column - 1:column]
    match = _VALUE.match(line)
    if not char or char.isspace() or match is None or match.start(2) != column - 1:
        return None
    key = match.group(1).strip(" -:\t")
    what = {"*": "an alias", "&": "an anchor", ">": "a folded block of text", "|": "a block of text",
            "-": "a list item", "?": "the key of a mapping"}.get(char)
    token = "- " if char == "-" else char
    message = f'a value starting with "{token}" reads as {what} in YAML' if what else \
        f'a value cannot start with "{char}" in YAML, which reserves it'
    return Diagnosis(number, column, message, f'put the whole value in double quotes, so that "{token}" is text, '
                     f'e.g. {key}: "{line[column - 1:].strip()}"')


def _apostrophe(shape: Shape) -> Diagnosis | None:
    line, column = shape.line(shape.stop.line), shape.stop.column
    if column < 2 or line[column - 2:column - 1] != "'" or ": '" not in line[:column - 2]:
        return None
    return Diagnosis(shape.stop.line, column - 1, "an apostrophe inside single quotes ends the text early",
                     "write it twice ('Trump''s first day'), or use double quotes")


def _flow(shape: Shape) -> Diagnosis | None:
    stop = shape.stop
    if "flow" not in stop.context:
        line = shape.line(stop.line)
        if line[stop.column - 1:stop.column] in ("]", "}"):
            return Diagnosis(stop.line, stop.column, f"a {line[stop.column - 1]!r} that closes nothing",
                             "remove it, or open the list with `[` at the start of the value")
        return None
    line = shape.line(stop.line)
    colon = colon_in_flow_value(line, stop.column) if line[stop.column - 1:stop.column] == ":" else None
    if colon is not None:  # `{en: a: b}`: the bracket is closed; the value's own `: ` is what stops the reading
        key, value = colon[0], colon[1].replace('"', '\\"')
        return Diagnosis(stop.line, stop.column, f"a colon followed by a space inside the value of `{key}` in {{...}}",
                         f'put the value in quotes, {key}: "{value}", or write the mapping in block form, one '
                         "`key: value` a line")
    number, column = stop.context_line, stop.context_column
    if shape.line(number)[column - 1:column] not in ("[", "{"):  # libyaml names the node it was in, not the bracket
        number, column = shape.open_bracket_above() or (number, column)
    bracket = shape.line(number)[column - 1:column]
    if bracket in ("-", ":", "?"):  # `[- a]`, `[a, :]`: libyaml stops at the indicator a value may not start with
        value = re.split(r"[,\]}]", shape.line(number)[column - 1:])[0].strip().replace('"', '\\"')
        return Diagnosis(number, column, f"a value in [...] or {{...}} cannot start with {bracket!r}",
                         f'put it in double quotes, "{value}", or write the list in block form, one `- item` a line')
    bracket = bracket if bracket in ("[", "{") else "["
    closing = "]" if bracket == "[" else "}"
    return Diagnosis(number, column, f"this {bracket!r} is not closed on its line",
                     f"close it with {closing!r}, and quote any value in it holding a comma, a bracket or ': '")


def _smart_quote(shape: Shape) -> Diagnosis | None:
    line = shape.line(shape.stop.line)
    match = _VALUE.match(line)
    if match is None or match.group(2) not in _SMART_QUOTES:
        return None
    key, text = match.group(1).strip(" -:\t"), line[match.start(2):].strip(_SMART_QUOTES + " ")
    return Diagnosis(shape.stop.line, match.start(2) + 1, f"{match.group(2)} is a typographic quote, not a YAML quote: "
                     "the value is unquoted, and the ': ' in it breaks it",
                     f'put the value in straight double quotes, e.g. {key}: "{text}"')


def _colon_in_value(shape: Shape) -> Diagnosis | None:
    stop = shape.stop
    line = shape.line(stop.line)
    match = _VALUE.match(line)
    if match is None or stop.column - 1 <= match.start(2) or ": " not in line[match.start(2):] + " ":
        return None
    if "mapping values are not allowed" not in stop.problem and "could not find expected ':'" not in stop.problem:
        return None
    key = match.group(1).strip(" -:\t")
    value = line[match.start(2):].strip().replace('"', '\\"')
    return Diagnosis(stop.line, stop.column, "a colon followed by a space inside an unquoted value",
                     f'put the whole value in double quotes, e.g. {key}: "{value}"')


# -- the shape of the lines: indentation, list items among keys ----------------------------------------------

def _not_under(shape: Shape) -> Diagnosis | None:
    """`title:` with no value, then `ja:` at the same indentation: the line after `ja:` is the one libyaml stops at."""
    number = shape.culprit_line()
    above = shape.previous(number)
    parent = shape.previous(above) if above else None
    if not above or not parent or indentation(shape.line(number)) <= indentation(shape.line(above)):
        return None
    if indentation(shape.line(parent)) != indentation(shape.line(above)) or not shape.opens(parent):
        return None
    key, child = shape.key(parent), shape.key(above)
    return Diagnosis(above, indentation(shape.line(above)) + 1,
                     f"`{child}:` is indented like `{key}:` above it, so it is not inside `{key}`",
                     f"indent the lines under `{key}:` by 2 more spaces than it")


def _item_among_keys(shape: Shape) -> Diagnosis | None:
    number = shape.culprit_line()
    line = shape.line(number)
    if not is_item(line):
        return None
    keys, items = shape.levels(number)
    if indentation(line) in items or indentation(line) not in keys:
        return None
    stripped = line.strip()
    if stripped.startswith("- id:") and indentation(line) in keys and not items:
        return Diagnosis(number, indentation(line) + 1, "an event (`- id:`) where the lines around it are keys",
                         "events are listed under `events:`: is that line missing above this one?")
    key = shape.key(number)
    return Diagnosis(number, indentation(line) + 1, "a list item (`- `) where the lines around it are keys, not items",
                     f"remove the `- ` before `{key or stripped[2:]}`" + (
                         f", or put it at the level of the other items ({min(items)} spaces)" if items else ""))


def _missing_dash(shape: Shape) -> Diagnosis | None:
    """A key where the items of a list stand, the key their first lines give (`id:` for an event): no dash."""
    number = shape.culprit_line()
    line = shape.line(number)
    keys, items = shape.levels(number)
    key = shape.key(number)
    if is_item(line) or indentation(line) not in items or indentation(line) in keys or not key:
        return None
    item = next((n for n in range(number - 1, 0, -1) if is_item(shape.line(n))
                 and indentation(shape.line(n)) == indentation(line)), 0)
    if not item or shape.key(item) != key:
        return None
    return Diagnosis(number, indentation(line) + 1, f"`{key}:` where the list's items start: is the `- ` missing?",
                     f"start the item with a dash, as the others: `- {line.strip()}`")


def _no_colon_here(shape: Shape) -> Diagnosis | None:
    stop = shape.stop
    if stop.context != "while scanning a simple key" or not stop.context_line:
        return None
    line = shape.line(stop.context_line)
    colon = line.find(":", stop.context_column)
    if colon - stop.context_column >= _LONGEST_KEY:
        return Diagnosis(stop.context_line, stop.context_column, f"a key of {colon - stop.context_column + 1:,} "
                         f"characters: YAML reads a key of at most {_LONGEST_KEY:,}", "shorten the key")
    return Diagnosis(stop.context_line, stop.context_column, "no colon on this line, where YAML expects `key: value`",
                     "write the key, a colon and a space, then the value: `key: value`")


def _continued(shape: Shape) -> Diagnosis | None:
    """A line with no `key:` under a `key: value` line, not indented past it: the value's text went on a line."""
    number = shape.culprit_line()
    line = shape.line(number)
    above = shape.previous(number)
    if shape.key(number) or is_item(line) or not above or not shape.key(above) or shape.opens(above):
        return None
    if shape.key(above) == STAND_IN_KEY:  # recovery's stand-in for the lines above the text read
        return None
    if indentation(line) > indentation(shape.line(above)):
        return None
    key = shape.key(above)
    before, after = shape.line(above).rstrip()[-1:], line.strip()[:1]
    # Indented further, the two lines are one value with a space where the break was: none in Japanese text.
    fix = (f"put the whole value on one line (indented further than `{key}:`, the lines would be joined with a "
           "space)" if is_japanese(before) or is_japanese(after)
           else f"indent it further than `{key}:`, or put the whole value on one line")
    return Diagnosis(number, indentation(line) + 1, f"this line goes on with the value of `{key}:` above, but is not "
                     f"indented past `{key}:`", fix, continues=True)


def _under(shape: Shape) -> Diagnosis | None:
    """A line less indented than the `key:` above it, which has no value: meant to be inside it."""
    number = shape.culprit_line()
    line = shape.line(number)
    above = shape.previous(number)
    if not above or not shape.opens(above) or indentation(line) >= indentation(shape.line(above)):
        return None
    keys, items = shape.levels(number)
    if indentation(line) in (items if is_item(line) else keys):
        return None
    key, spaces = shape.key(above), indentation(shape.line(above))
    return Diagnosis(number, indentation(line) + 1, f"this line is indented {_spaces(indentation(line))}, less than "
                     f"`{key}:` above it, which has no value: what it holds goes under it",
                     f"indent it more than `{key}:` (e.g. {_spaces(spaces + 2)})")


def _indented(shape: Shape) -> Diagnosis | None:
    number = shape.culprit_line()
    line = shape.line(number)
    keys, items = shape.levels(number)
    levels = items if is_item(line) else keys
    spaces = indentation(line)
    if not levels or spaces in levels or not has_content(line):
        return None
    return indented_off(number, line, min(levels, key=lambda level: (abs(level - spaces), level)))  # tie: the outer


def indented_off(number: int, line: str, level: int) -> Diagnosis:
    """Line `number` (`line`), indented off the `level` of the lines (or the list items) around it."""
    spaces = indentation(line)
    what, others = ("list item", "items") if is_item(line) else ("line", "lines")
    return Diagnosis(number, spaces + 1, f"this {what} is indented {_spaces(spaces)}; the {others} around it use "
                     f"{level}", f"indent it {_spaces(level)}, like the {others} around it")


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


_RULES: tuple[Callable[[Shape], Diagnosis | None], ...] = (
    _document_marker, _tab, _wide_space, _byte_order_mark, _wide_colon, _no_space, _no_colon, _no_dash_space,
    _open_quote, _escape, _value_start, _apostrophe, _flow, _smart_quote, _colon_in_value,
    _not_under, _item_among_keys, _missing_dash, _continued, _under, _indented, _no_colon_here,
)
