"""After a YAML syntax error, read on: every syntax error of a file in one run, and the values of the rest.

libyaml stops at the first syntax error. Here the mistake is diagnosed (hints.py), the unit holding it (an event, a
registry entry, else a top-level block: units.py) is cut out, its lines left empty so that every later line keeps
its number and column, and libyaml reads on from the end of the cut, and so on until it reads to the end. Each
read starts where the cut ends, behind a line or two that put the parser where it was (units.Unit.context), so a
large file with a few mistakes is read about once, not once per mistake; only libyaml's parser runs (in C), no
values are built. Then the file, less what was cut, is read for its values, which go on to validation: the data
errors of the parts that did parse come in the same run. The file is still not `complete`, so it still fails and
normalize still refuses to rewrite it; what was cut (stops.Cut) goes along, so that nothing is reported missing
because it was cut out (a topic whose entry was cut; the title, when `title` was; the version).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..errors import Problem
from ..format import TOP_KEYS
from .hints import at_escape, diagnose, escape_columns, indented_off
from .stops import Cut, Read, Stop, Stopped, yaml_lines
from .units import Layout, Unit

MAX_ROUNDS = 50  # syntax errors reported in one run; past that the file is more broken than a list of fixes helps
WINDOW = 200  # lines read first after a mistake (an event is a few dozen), twice as many each time none is found


Build = Callable[[str], tuple[object, tuple[int, int], bool, list[Problem]]]  # text -> root, at, complete, problems


def recover(text: str, file: str, stop: Stop, found: list[Problem], build: Build,
            probe: Callable[[str], Stop | None]) -> tuple[Read, list[Problem]]:
    """Every syntax error of `text`, the first at `stop`, and the values of what is left once they are cut out.

    `found` holds what the first reading reported before it stopped (duplicate keys, anchors); `build` reads a text's
    values (raising Stopped at a syntax error) and `probe` only parses, giving where it stops (None: to the end).
    Returns the reading and every problem, in the order of the file.
    """
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        # A lone CR (an old Mac's line end) is a line break to libyaml, which numbered the lines of the stop and of
        # `found` so: the lines cut are libyaml's. The values read (YAML reads each break as the same) are too.
        text = "\n".join(yaml_lines(text))
    lines = text.split("\n")
    reading = _Reading(file, lines, probe)
    built = None
    while not reading.gave_up:
        if stop is None:
            reading.cut_escapes()
            try:
                built = build("\n".join(lines))
                break
            except Stopped as stopped:  # the reads from a cut missed it: read the whole text again from here on
                stop = stopped.stop
                reading.read_whole()
        if reading.rounds == MAX_ROUNDS:
            # Where the reading stopped: after the last error reported (the same place sorts after it).
            line, column = max((problem.line, problem.column) for problem in reading.diagnosed)
            reading.diagnosed.append(Problem(file, line, column, "syntax", f"{MAX_ROUNDS} syntax errors: the rest "
                                             "of the file was not read", "fix these and run again"))
            break
        stop = reading.next_stop(stop)
    problems = _merged(found, reading.diagnosed, built[3] if built else [])
    if built is None:
        return Read(None, (1, 1), False), problems
    root, root_at, complete, _ = built
    cut = Cut(frozenset(reading.keys), frozenset(reading.entries))
    return Read(root, root_at, False, cut if complete else None), problems


class _Reading:
    """The lines being cut, the problems found, and the text the last read saw (`seen`: the context lines, then the
    file's lines from `begin`), in which a stop is diagnosed as libyaml saw it."""

    def __init__(self, file: str, lines: list[str], probe: Callable[[str], Stop | None]):
        self.file, self.lines, self.probe = file, lines, probe
        self.layout = Layout(lines)
        self.diagnosed: list[Problem] = []
        self.keys: set[str] = set()  # see stops.Cut
        self.entries: set[tuple[str, str]] = set()
        self.seen, self.begin, self.context = lines, 1, 0  # the lines read, the file's first of them, those before it
        self.rounds = 0
        self.gave_up = False
        self.escapes: list[Unit] = []  # units read past a bad escape, to cut before their values are read
        self.written: dict[int, str] = {}  # 0-based number -> the line as written, of lines read past an escape

    def read_whole(self) -> None:
        """The next stop is in the whole text, as it is now."""
        self.seen, self.begin, self.context = self.lines, 1, 0

    def next_stop(self, stop: Stop) -> Stop | None:
        """Report `stop` (where the last read stopped), cut its unit out and read on: the next stop, or None."""
        self.rounds += 1
        # Diagnosed in the text libyaml read (the context lines stand for what is above), then put in the file's lines.
        found = diagnose(stop, self._as_written(), first=self.context + 1)
        found = replace(found, line=found.line + self.begin - 1 - self.context)
        misplaced = self.layout.misplaced_item(found.line)
        if misplaced is not None:  # an item indented off the others: the mistake libyaml stumbled on after it
            found = indented_off(misplaced, self.layout.lines[misplaced - 1], self.layout.level_at(misplaced))
        self.diagnosed.append(Problem(self.file, found.line, found.column, found.code, found.message, found.hint))
        if found.continues:
            self.layout.goes_on(found.line)
        unit = self.layout.unit_of(found.line)
        if at_escape(stop) and self._read_past(found.line, found.column):
            # One backslash is the whole mistake: the same unit is read again past it, so a second bad escape in
            # the same event (a path, a regex in a quote) is reported in this run too. The unit is cut at the end.
            self.escapes.append(unit)
            return self._read_on(self.begin, tuple(self.seen[:self.context]))
        if not self._cut(unit):  # nothing left to cut there: reading on would find the same stop again
            self.gave_up = True
            return None
        return self._read_on(unit.end, unit.context)

    def _read_past(self, line: int, column: int) -> bool:
        """Turn the backslash at (line, column) into a space (both of a surrogate pair's), so the next read goes
        past it; False when no backslash is there (the diagnosis placed the mistake elsewhere)."""
        text = self.lines[line - 1]
        if text[column - 1:column] != "\\":
            return False
        self.written.setdefault(line - 1, text)
        for at in escape_columns(text, column):  # both halves of a surrogate pair: one mistake
            text = text[:at - 1] + " " + text[at:]
        self.lines[line - 1] = text
        return True

    def _as_written(self) -> list[str]:
        """The lines the last read saw, those read past an escape as the reporter wrote them: a mistake is
        diagnosed, and its fix shown, in the text as written."""
        seen = self.seen
        if not self.written:
            return seen
        seen, offset = list(seen), self.context - (self.begin - 1)  # file line index -> index in seen
        for index, text in self.written.items():
            if self.context <= index + offset < len(seen):
                seen[index + offset] = text
        return seen

    def cut_escapes(self) -> None:
        """Cut the units read past a bad escape: their values are not what the reporter wrote."""
        for unit in self.escapes:
            self._cut(unit)
        self.escapes.clear()

    def _cut(self, unit: Unit) -> bool:
        """Cut the unit out and note what went with it (stops.Cut); False when nothing was left there."""
        if not self.layout.cut(unit):
            return False
        for index in range(unit.start - 1, unit.end - 1):  # an empty line now, whatever it was
            self.written.pop(index, None)
        if unit.entry is not None:
            self.entries.add((unit.key, unit.entry))
        else:
            self.keys.update((unit.key,) if unit.key in TOP_KEYS else TOP_KEYS)
        return True

    def _read_on(self, begin: int, context: tuple[str, ...]) -> Stop | None:
        """Where libyaml stops reading from line `begin` on, behind `context`: a window of lines at a time, each
        ending where a unit starts and twice the one before, so that the text read to find the next mistake is about
        twice the way to it, not the rest of a large file."""
        lines = self.lines
        window = WINDOW
        while True:
            end, after = self.layout.boundary_after(begin + window) if begin + window <= len(lines) else \
                (len(lines) + 1, ())
            stop = self._probe(begin, context, end)
            if stop is not None and end <= len(lines) and (
                    stop.line >= len(context) + end - begin - 1 or "end of stream" in stop.problem):
                # at the end of the window: the window's end, or a mistake there? Read to the end of the file to see.
                return self._probe(begin, context, len(lines) + 1)
            if stop is not None or end > len(lines):
                return stop
            begin, context, window = end, after, window * 2  # no mistake near: read further at a time

    def _probe(self, begin: int, context: tuple[str, ...], end: int) -> Stop | None:
        """Where libyaml stops in lines begin..end-1 read behind `context`, those lines kept as `seen`."""
        self.seen, self.begin, self.context = [*context, *self.lines[begin - 1:end - 1]], begin, len(context)
        return self.probe("\n".join(self.seen))


def _merged(*groups: list[Problem]) -> list[Problem]:
    """The problems of every reading once each (the first reading and the last see the same lines before the first
    mistake), in the order of the file."""
    return sorted(dict.fromkeys(problem for group in groups for problem in group), key=lambda p: (p.line, p.column))
