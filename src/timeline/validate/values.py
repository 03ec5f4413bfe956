"""The checks of one value: its shape (mapping, list), its keys, and text, ids, choices and dates.

`ValueChecks` holds what one file's check accumulates (problems, references, ids seen); checker.py builds the
format's mappings on it. Every message says what is wrong in an editor's words, where, and how to fix it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..dates import DateError, EventDate, Point, parse_edtf, parse_point
from ..dates.clock import ZONE_HINT, check_local_time, check_zone_name
from ..errors import PROBLEM_CODES, Problem, Severity, shown
from ..format import (BILINGUAL, REFUSED_CHARACTERS, SUSPICIOUS, TRUE, OneOf, is_id, mixed_script_word,
                      slug_of)
from ..load import LoadedFile, YMap, YSeq, empty_sequence
from ..model import Text, Where
from ..names import suggest
from ..reader.stops import yaml_lines

# The escapes of a double-quoted scalar that write a character no text of ours means to hold: what a Windows path
# typed in double quotes makes of `\temp`, `\bin`, `\_drafts`, `\Program Files`. (`\n` is left to the line-break
# check: a summary may mean it.) A tab and a no-break space are warnings: either may stand raw in a text, and
# normalize writes a raw tab as `\t`.
ESCAPE_WRITES = {  # letter -> (the character, what it is, code[, severity])
    "0": ("\x00", "a NUL character", "control-character"), "a": ("\x07", "a bell character", "control-character"),
    "b": ("\x08", "a backspace", "control-character"), "t": ("\t", "a tab", "control-character", Severity.WARNING),
    "v": ("\x0b", "a vertical tab", "control-character"), "f": ("\x0c", "a form feed", "control-character"),
    "r": ("\r", "a carriage return", "control-character"), "e": ("\x1b", "an escape character", "control-character"),
    "_": ("\xa0", "a no-break space", "control-character", Severity.WARNING),
    "N": ("\x85", "a next-line break", "line-separator"), "L": ("\u2028", "a line separator", "line-separator"),
    "P": ("\u2029", "a paragraph separator", "line-separator"),
}
_WRITTEN = dict.fromkeys(ord(written[0]) for written in ESCAPE_WRITES.values())
ESCAPED = re.compile(f"[{''.join(map(chr, _WRITTEN))}]")


def quoted_escapes(lines: list[str], at: tuple[int, int], letters=ESCAPE_WRITES) -> list[tuple[int, int, str]]:
    """(line, column, letter) of each escape of `letters` (by default those of ESCAPE_WRITES) in the double-quoted
    scalar starting at `at` (1-based) in `lines`; none when no double quote starts there (a plain or single-quoted
    value has no escapes)."""
    line, column = at
    if line < 1 or line > len(lines) or lines[line - 1][column - 1:column] != '"':
        return []
    found, index, text = [], column, lines[line - 1]
    while True:
        if index >= len(text):  # the scalar goes on on the next line
            line += 1
            if line > len(lines):
                return found
            text, index = lines[line - 1], 0
            continue
        char = text[index]
        if char == '"':
            return found
        if char == "\\":
            letter = text[index + 1:index + 2]
            if letter and letter in letters:
                found.append((line, index + 1, letter))
            index += 2
            continue
        index += 1


_WINDOWS_PATH = re.compile(r"[A-Za-z]:\\|\\\\")  # C:\ or \\server


def _in_windows_path(line: str, column: int) -> bool:
    """Whether the escape at `column` of `line` is in a word that reads as a Windows path (C:\\..., \\\\server\\...):
    the run of characters around it up to a space or a double quote."""
    start, end = column - 1, column
    while start > 0 and not line[start - 1].isspace() and line[start - 1] != '"':
        start -= 1
    while end < len(line) and not line[end].isspace() and line[end] != '"':
        end += 1
    return _WINDOWS_PATH.match(line, start, end) is not None  # at the word's start: `Note:\\n` is no drive


def found(value: object) -> str:
    """What was found instead, for a message: a mapping, a list, nothing, or the value quoted."""
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    return "nothing" if value is None else f"'{shown(value)}'"


def slug_hint(value: str) -> str:
    """How to write `value` as an id, with the id it would become."""
    suggestion = slug_of(value)
    return f"use lowercase letters, digits and single hyphens, e.g. '{suggestion}'" if suggestion else \
        "use lowercase letters, digits and single hyphens"


class ValueChecks:
    """Checks one file's values; problems accumulate in `problems`."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem]):
        self.file = loaded.file
        self.problems = problems
        # What cutting syntax errors out took (load.LoadedFile.cut): a top-level key cut into is not reported
        # missing, and a registry entry cut out counts as defined, broken (see `defined` below).
        self.unread = loaded.cut.keys if loaded.cut else frozenset()
        # (registry, id, where), resolved later; `where` is (line, column) or, from the fast path, a packed
        # position (load.py) that is unpacked only if the reference turns out to be unknown.
        self.references: list[tuple[str, str, tuple[int, int] | int]] = []
        self.event_ids: list[tuple[str, Where]] = []  # every event id seen, valid event or not
        self.after: list[tuple[str, str, tuple[int, int]]] = []  # (event id, id it is after, where), for after.py
        self.defined: dict[str, set[str]] = {"topic": set(), "actor": set(), "source": set()}  # valid or not
        for registry, entry in loaded.cut.entries if loaded.cut else ():
            self.defined[registry[:-1]].add(entry)
        # (kind, value, where, what) of a topic or actor listed by something that is no id: reported once every
        # registry is read, so that the hint can name the entry when the value is one of its names or aliases.
        self.misnamed: list[tuple[str, object, tuple[int, int], str]] = []
        # No value can hold a hidden or look-alike character when the file has none and no escape made one:
        # the fast path then skips the per-value look (one scan of the file instead of one per value).
        self.clean = loaded.verbatim and not SUSPICIOUS.search(loaded.text)
        # The file's lines when an escape made some character of a value (`escaped_characters` looks at them).
        self.source_lines: list[str] | None = None if loaded.verbatim else yaml_lines(loaded.text)
        self.timezone: str | None = None  # the file's top-level `timezone`, read before its events (checker.document)

    def add(self, at: tuple[int, int], code: str, message: str, hint: str = "", severity: Severity | None = None):
        severity = severity or PROBLEM_CODES[code][0]
        self.problems.append(Problem(self.file, at[0], at[1], code, message, hint, severity))

    def where(self, at: tuple[int, int]) -> Where:
        return Where(self.file, at[0], at[1])

    # -- shapes -------------------------------------------------------------------------------------------

    def mapping(self, value: object, at: tuple[int, int], what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.add(at, "wrong-type", f"{what} must be a mapping of keys, found {found(value)}",
                 "indent the keys under it, one `key: value` per line")
        return None

    def sequence(self, value: object, at: tuple[int, int], what: str) -> YSeq | None:
        if isinstance(value, YSeq):
            return value
        if value is None:
            return empty_sequence(at)
        self.add(at, "wrong-type", f"{what} must be a list, found {found(value)}",
                 "write a list: `[a, b]` or one `- item` per line")
        return None

    def keys(self, node: YMap, allowed: Sequence[str], required: Sequence[str], what: str, docs: str = "format") -> None:
        """Unknown keys (with a did-you-mean) and missing required ones; `docs` is the `timeline docs` topic
        that describes `node`, named in the hint."""
        for key, at in node.keys_at.items():
            if key not in allowed:
                close = suggest(key, allowed)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
                self.add(at, "unknown-key", f"unknown key '{key}' in {what}", hint)
        for key in required:
            if node.get(key) is None:
                at = node.keys_at.get(key, (node.line, node.column))
                self.add(at, "missing-key", f"{what} has no '{key}'", f"add `{key}:` (see `timeline docs {docs}`)")

    def one_of(self, node: YMap, groups: Sequence[OneOf], what: str) -> None:
        """Each group's keys: exactly one given (format.OneOf); a key left empty is not given."""
        for group in groups:
            given = sorted((node.keys_at[key], key) for key in group.keys if node.get(key) is not None)
            if not given:
                key = group.keys[0]
                at = node.keys_at.get(key, (node.line, node.column))
                self.add(at, "missing-key", f"{what} has no '{key}'",
                         f"add `{key}:` (see `timeline docs format`); {group.missing}")
            elif len(given) > 1:  # reported at the one written last, which is the one to reconsider
                self.add(given[-1][0], "conflicting-keys", f"{what} has both '{given[0][1]}' and '{given[1][1]}'",
                         group.both)

    # -- text ---------------------------------------------------------------------------------------------

    def mixed_script(self, value: str, at: tuple[int, int], what: str) -> None:
        word = mixed_script_word(value)
        if word is not None:
            self.add(at, "mixed-script", f"{what}: the word '{word[0]}' mixes {' and '.join(word[1])} letters",
                     "retype it: look-alike letters from another alphabet break search and sorting")

    def text(self, node: YMap, key: str, what: str, *, quote: bool = False, own: bool = True,
             one_line: bool = False) -> str | None:
        """A required or optional non-empty text; checks its characters."""
        value = node.get(key)
        if value is None:
            return None
        at = node.values_at[key]
        if not isinstance(value, str):
            self.add(at, "wrong-type", f"{what} must be text, found {found(value)}", "write it on one line after the key")
            return None
        if not value.strip():
            self.add(at, "empty-text", f"{what} is empty", "write the text, or remove the key if it is optional")
            return None
        return self.text_value(value, at, what, quote=quote, own=own, one_line=one_line)

    def text_value(self, value: str, at: tuple[int, int], what: str, *, quote: bool = False, own: bool = True,
                   one_line: bool = False) -> str:
        """A non-empty text at `at`, its characters checked (`text`, and an actor's alias, an item of a list)."""
        # Not in a quote: an article's text holds tabs and no-break spaces, which `verify` reads as spaces.
        if self.source_lines is not None and not quote and ESCAPED.search(value):
            value_checked = self.escaped_characters(value, at, what)
        else:
            value_checked = value
        self.characters(value_checked, at, what, quote=quote, own=own)
        if "\n" in value and (one_line or self.source_lines is not None):
            self.line_breaks(value, at, what, one_line)
        return value.strip()

    def line_breaks(self, value: str, at: tuple[int, int], what: str, one_line: bool) -> None:
        """A title, a name or a headline (`one_line`) is one line everywhere it is shown: a break would split table
        rows and log lines. A break written `\\n` in double quotes is reported at the escape: `"C:\\new"` is a
        Windows path to its reporter, and YAML read a line break (at the end of the value too, where it was
        stripped without a word). In a text that may hold breaks (a summary, a note), only a `\\n` in a Windows
        path is reported, as a warning: normalize writes a summary's line breaks as `\\n`."""
        escapes = quoted_escapes(self.source_lines, at, "n") if self.source_lines is not None else []
        if not one_line:
            for line, column, _ in escapes:
                if _in_windows_path(self.source_lines[line - 1], column):
                    self.add((line, column), "control-character", f"{what} has `\\n` in a Windows path in double "
                             "quotes, which YAML reads as a line break", "write two backslashes (\\\\) for each "
                             "one, or put the value in single quotes", Severity.WARNING)
            return
        for line, column, _ in escapes:
            self.add((line, column), "control-character", f"{what} has `\\n` in double quotes, which YAML reads as "
                     "a line break, and it must be one line", "for a backslash (a Windows path, C:\\new) write two "
                     "(\\\\) or put the value in single quotes; for a break, write it on one line")
        if not escapes and "\n" in value.strip():
            self.add(at, "control-character", f"{what} contains a line break, and it must be one line",
                     "write it on one line")

    def escaped_characters(self, value: str, at: tuple[int, int], what: str) -> str:
        """Report each escape of a double-quoted value that wrote a control character, a tab, a no-break space or a
        line separator, at the escape itself and in words: `"C:\\temp"` is C, colon, a tab, "emp" to YAML, and
        validate said ok. `value` without those characters, for the other checks (one problem per mistake)."""
        # A tab or a no-break space may be meant (normalize writes a raw tab as `\\t`): said only in a Windows path.
        found = [(line, column, letter) for line, column, letter in quoted_escapes(self.source_lines, at)
                 if len(ESCAPE_WRITES[letter]) < 4 or _in_windows_path(self.source_lines[line - 1], column)]
        for line, column, letter in found:
            written, name, code, *severity = ESCAPE_WRITES[letter]
            self.add((line, column), code, f"{what} has `\\{letter}` in double quotes, which YAML reads as {name} "
                     f"(U+{ord(written):04X})",
                     "a backslash in double quotes starts an escape: for a backslash (a Windows path, C:\\temp) write "
                     "two (\\\\) or put the value in single quotes; for the character, leave the escape out",
                     *severity)
        return value.translate(_WRITTEN) if found else value

    def characters(self, value: str, at: tuple[int, int], what: str, *, quote: bool = False, own: bool = True) -> None:
        """Flag characters that hide or disguise text; in our own text (not quotes, not headlines) also words
        that mix alphabets, such as Cyrillic letters inside a katakana name."""
        if not SUSPICIOUS.search(value):  # nearly all text: one scan instead of five
            return
        if own and not quote:
            self.mixed_script(value, at, what)
        for pattern, code in REFUSED_CHARACTERS:
            match = pattern.search(value)
            if not match:
                continue
            if quote and code == "invisible-character":
                code = "invisible-in-quote"
            name = unicodedata.name(match.group(), "control character")
            self.add(at, code, f"{what} contains U+{ord(match.group()):04X} {name} at character {match.start() + 1}",
                     "delete it (it is invisible in most editors)" + (
                         "; `verify` ignores it in the article, so the quote matches without it" if quote else ""))

    def bilingual(self, node: YMap, key: str, what: str, required: bool = True, one_line: bool = False,
                  docs: str = "format") -> Text | None:
        value = node.get(key)
        if value is None:
            return None
        mapping = self.mapping(value, node.values_at[key], what)
        if mapping is None:
            return None
        self.keys(mapping, BILINGUAL, BILINGUAL if required else (), what, docs)
        ja = self.text(mapping, "ja", f"{what} (ja)", one_line=one_line)
        en = self.text(mapping, "en", f"{what} (en)", one_line=one_line)
        return Text(ja, en) if ja is not None and en is not None else None

    # -- ids, choices, dates ------------------------------------------------------------------------------

    def slug(self, value: object, at: tuple[int, int], what: str, kind: str | None = None) -> str | None:
        """`value` when it is a well-formed id, else None and a problem (for a reference to a `kind` of
        registry entry, once every registry is known: see `misnamed`)."""
        if not isinstance(value, str):
            self.add(at, "wrong-type", f"{what} must be text, found {found(value)}", "use a lowercase slug like `ai-policy`")
            return None
        if not is_id(value):
            if kind is not None:
                self.misnamed.append((kind, value, at, what))
            else:
                self.add(at, "bad-id", f"{what} '{shown(value)}' is not a lowercase slug", slug_hint(value))
            return None
        return value

    def choice(self, node: YMap, key: str, allowed: Sequence[str], what: str) -> str | None:
        value = self.text(node, key, what)
        if value is not None and value not in allowed:
            close = suggest(value, allowed)  # the same did-you-mean as an unknown key's
            self.add(node.values_at[key], "bad-value", f"{what} '{shown(value)}' is not one of: {', '.join(allowed)}",
                     (f"did you mean '{close[0]}'? " if close else "") + f"use one of: {', '.join(allowed)}")
            return None
        return value

    def flag(self, node: YMap, key: str, what: str) -> bool:
        """An optional flag: True when written `true`; anything else but leaving it out is a problem."""
        value = node.get(key)
        if value is None:
            return False
        if value in TRUE:
            return True
        self.add(node.values_at[key], "bad-value", f"{what} must be `true`, found {found(value)}",
                 f"write `{key}: true`, or leave the key out")
        return False

    def date(self, node: YMap, key: str, what: str, point: bool = False):
        value = self.text(node, key, what)
        if value is None:
            return None
        at = node.values_at[key]
        try:
            parsed = parse_point(value) if point else parse_edtf(value)
        except DateError as error:
            message, hint = error.message, error.hint or "see `timeline docs dates`"
            if len(value) > 60:  # the parser quotes the whole text; a message quotes only its start
                message, hint = message.replace(repr(value), repr(shown(value))), hint.replace(value, shown(value))
            self.add(at, "bad-date", f"{what}: {message}", hint)
            return None
        return self.zoned(parsed, at, what)

    def default_zone(self, root: YMap) -> str | None:
        """The file's `timezone` (an IANA name this system knows), or None when it gives none or a wrong one."""
        name = self.text(root, "timezone", "the file's timezone")
        if name is None:
            return None
        why = check_zone_name(name)
        if why is not None:
            from ..dates.zones import zone_suggestions  # the --tz usage error suggests the same (JST: Asia/Tokyo)

            close = zone_suggestions(name)
            self.add(root.values_at["timezone"], "bad-value", f"timezone: {why}",
                     (f"did you mean {', '.join(close)}? " if close else "")
                     + "write an IANA zone name such as America/New_York, Europe/London or Asia/Tokyo")
            return None
        return name

    def zoned(self, parsed, at: tuple[int, int], what: str):
        """A date whose time has no zone takes the file's `timezone`; without one it names no moment: refused."""
        first = parsed if isinstance(parsed, Point) else parsed.start
        if first is None or first.time is None or first.zone is not None:
            return parsed
        if self.timezone is None:
            self.add(at, "bad-date", f"{what}: {str(parsed)!r} gives a time without a zone", ZONE_HINT)
            return None
        wrong = check_local_time(first.earliest.to_date(), first.time, self.timezone)
        if wrong is not None:  # a time the file's zone skipped (no moment) or showed twice (two)
            self.add(at, "bad-date", f"{what}: {wrong[0]}", wrong[1])
            return None
        zoned = replace(first, zone=self.timezone)
        return zoned if isinstance(parsed, Point) else EventDate.from_point(zoned)

    def id_list(self, node: YMap, key: str, what: str) -> list[tuple[str, tuple[int, int]]]:
        items = self.sequence(node.get(key), node.values_at.get(key, (node.line, node.column)), what)
        if items is None:
            return []
        return self.listed_once(((self.slug(item, at, f"{what} entry", kind=key.removesuffix("s")), at)
                                 for item, at in zip(items, items.items_at)), what)

    def listed_once(self, refs: Iterable[tuple[str | None, tuple[int, int]]],
                    what: str) -> list[tuple[str, tuple[int, int]]]:
        """The ids of a list (None: an item that is no id, already reported), each the first time it is listed; a
        second listing is a `duplicate-reference`. A set of those seen keeps it linear: `after:` may list 20,000."""
        listed: list[tuple[str, tuple[int, int]]] = []
        seen: set[str] = set()
        for ref, at in refs:
            if ref is None:
                continue
            if ref in seen:
                self.add(at, "duplicate-reference", f"{what} lists '{ref}' twice", "list it once")
            else:
                seen.add(ref)
                listed.append((ref, at))
        return listed
