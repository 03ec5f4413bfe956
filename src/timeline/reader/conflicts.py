"""Merge-conflict markers, the most common way a shared event file breaks, found in the text before any YAML is read.

Whatever parses in a conflicted file is a mix of both sides, and what does not is reported at a marker line as a YAML
error: the markers are the one thing to fix, so they are all that is reported for that file (timeline.load).
"""

from __future__ import annotations

from ..errors import Problem, ProblemLog, shown

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
    return Problem(file, line, 1, "merge-conflict", message, _CONFLICT_HINT)
