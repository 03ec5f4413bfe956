"""Which changes readers are owed a correction for, and whether one was recorded (`timeline docs corrections`).

A change to an event's date, to a figure (a number in its title or summary: `25%`, `$500 billion`, `5,000億円`) or
to its title is one a reader may have relied on: `needing_correction(diff)` lists each such event with what
changed, for `timeline diff --draft-corrections` to draft a notice (render/drafts.py words it) and for
`timeline validate --since REV` to warn when no correction was recorded (`unrecorded_problems`). Rewording a
summary without changing a figure is not one. Pure: the git side is diff/revisions.py.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import PROBLEM_CODES, InvalidDataError, Problem, UsageError, shown
from ..model import Event, Timeline
from .compare import compare
from .result import Changed, TimelineDiff

__all__ = ["FIGURE", "Finding", "Needed", "figures", "needing_correction", "since_problems", "unrecorded",
           "unrecorded_problems"]

# A figure as a reader reads it: digits (any script's, with , . separators), a currency sign before, and a unit
# after: %, percent, billion, 億, 万円, ドル. "25%" and "25 percent" are different figures: the draft quotes both.
FIGURE = re.compile(r"[$¥€£]?\d(?:[\d,.，]*\d)?(?:\s?(?:%|percent\b|billion\b|million\b|trillion\b)|[兆億万千]+(?:円|ドル)?"
                    r"|[％円ドル])?")


def figures(text: str) -> tuple[str, ...]:
    """The figures in a text, in order: 'Nvidia to invest $500 billion by 2029' -> ('$500 billion', '2029')."""
    return tuple(match.group() for match in FIGURE.finditer(text))


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a reader is owed a correction for: `what` is 'date', 'time' (the same day, another time),
    'figure' or 'title'; `field` ('date',
    'title', 'summary') and `lang` (None for the date) say where; `old`/`new` are the values (for a figure, the
    figures that went and came, in order)."""

    what: str
    field: str
    lang: str | None
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class Needed:
    """An event (as it is now, and as it was) with what changed in it that a correction should tell readers."""

    event: Event
    old: Event
    findings: tuple[Finding, ...]

    @property
    def refines_date(self) -> bool:
        """Whether the only change is a date made more precise within what it said before (news since: an update,
        not an error)."""
        date = next((f for f in self.findings if f.what == "date"), None)
        if date is None or len(self.findings) > 1:
            return False
        old, new = date.old, date.new
        return (new.precision > old.precision and None not in (old.earliest, old.latest, new.earliest, new.latest)
                and old.earliest <= new.earliest and new.latest <= old.latest)


def _time_only(old, new) -> bool:
    """Whether two dates name the same day and differ only in the time (or its zone): the time was misstated,
    not the date."""
    a, b = old.start, new.start
    return (not old.is_interval and not new.is_interval and a is not None and b is not None
            and (a.earliest, a.latest, a.precision) == (b.earliest, b.latest, b.precision)
            and a.time is not None and b.time is not None)


def _findings(changed: Changed) -> list[Finding]:
    old, new = changed.old, changed.new
    what = "time" if _time_only(old.date, new.date) else "date"
    found = [Finding(what, "date", None, old.date, new.date)] if old.date != new.date else []
    for field in ("title", "summary"):
        for lang in ("ja", "en"):
            before, after = getattr(old, field).get(lang), getattr(new, field).get(lang)
            if before == after:
                continue
            if field == "title" and FIGURE.sub("#", before) != FIGURE.sub("#", after):
                found.append(Finding("title", "title", lang, before, after))  # reworded: quoted whole, figures too
                continue
            went, came = Counter(figures(before)), Counter(figures(after))
            if went != came:
                found.append(Finding("figure", field, lang, tuple((went - came).elements()),
                                     tuple((came - went).elements())))
    return found


def _recorded(changed: Changed) -> bool:
    """Whether the new side added a correction the old one did not have (the editor already wrote one)."""
    return any(correction not in changed.old.corrections for correction in changed.new.corrections)


def needing_correction(diff: TimelineDiff, *, skip_recorded: bool = True) -> tuple[Needed, ...]:
    """Every changed event whose date, a figure or title changed, in the new side's order; with `skip_recorded`,
    not those that gained a correction in the same change."""
    needed = []
    for changed in diff.changed:
        if not isinstance(changed.new, Event) or (skip_recorded and _recorded(changed)):
            continue
        found = _findings(changed)
        if found:
            needed.append(Needed(changed.new, changed.old, tuple(found)))
    return tuple(needed)


def unrecorded(diff: TimelineDiff, since: datetime.date) -> tuple[Needed, ...]:
    """The events needing a correction that have none dated on or after `since` (the old side's commit day: a
    correction dated that day may have been written after the commit, so it counts)."""
    return tuple(needed for needed in needing_correction(diff, skip_recorded=False)
                 if not any(c.date.latest is not None and c.date.latest >= since for c in needed.event.corrections))


_WHAT = {"date": "its date", "time": "its time", "figure": "a figure", "title": "its title"}


def unrecorded_problems(old: Timeline, new: Timeline, since: datetime.date, revision: str) -> list[Problem]:
    """`uncorrected-change` warnings, at each event of `new` whose date, a figure or title changed since
    `revision` (committed on `since`) with no correction dated on or after that day."""
    problems = []
    for needed in unrecorded(compare(old, new), since):
        what = list(dict.fromkeys(_WHAT[finding.what] for finding in needed.findings))
        where = needed.event.where
        message = (f"event '{needed.event.id}': {' and '.join(what)} changed since {revision} "
                   f"({since.isoformat()}) and no correction records it")
        hint = (f"add a `corrections:` entry dated {since.isoformat()} or later (timeline diff {revision} "
                "--draft-corrections drafts one), or ignore this if readers never saw the old version")
        problems.append(Problem(where.file, where.line, where.column, "uncorrected-change", message, hint,
                                PROBLEM_CODES["uncorrected-change"][0]))
    return problems


def since_problems(file: str | os.PathLike, revision: str, timeline: Timeline) -> list[Problem]:
    """`timeline validate --since REV`: `unrecorded_problems` between `file` at `revision` (read with git) and
    `timeline`, the file as it is now; the day that counts is the revision's commit day."""
    from ..pipeline import load_timeline_data
    from .revisions import at_revision, commit_day

    past = at_revision(file, revision)
    try:
        old = load_timeline_data(past.name, past.data)
    except InvalidDataError as error:
        raise UsageError(f"{shown(past.name)} is invalid ({len(error.problems)} error(s)), so nothing changed since "
                         "it can be checked", hint=f"timeline diff {shown(revision)} shows what it says") from None
    return unrecorded_problems(old, timeline, commit_day(file, past.commit), revision)
