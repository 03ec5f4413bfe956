"""What validation found, with the timeline built only when someone asks for it.

`timeline validate` shows problems; it needs the timeline itself only to withhold what an internal note or a
private source says (internal.py) and to find corrections dated after today (the day changes, so that check is
never stored). A result read back from the cache (cache/codec.py) holds its problems and those two facts ready,
and rebuilds its tens of thousands of events only when `timeline()` is called: a cached `validate` on an unchanged
file then costs little more than reading the entry. Every other command asks for the timeline at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import Problem
from .model import Timeline

Result = tuple[Timeline | None, list[Problem]]


@dataclass(frozen=True, slots=True)
class Facts:
    """What `validate` must know of a valid timeline besides its problems."""

    internal: bool = False  # an internal note or a private source is there to withhold (internal.has_internal)
    latest_correction: datetime.date | None = None  # the latest first day of a correction (correction-in-future)


@dataclass(frozen=True, slots=True)
class Checked:
    """Every problem, whether there is a timeline (no error), its Facts, and the timeline when asked for."""

    problems: list[Problem]
    valid: bool
    facts: Facts
    _build: Callable[[], Timeline | None] = field(repr=False, compare=False)

    @classmethod
    def of(cls, result: Result, facts: Facts) -> Checked:
        """A result in hand: the timeline is already built."""
        timeline, problems = result
        return cls(problems, timeline is not None, facts, lambda: timeline)

    def timeline(self) -> Timeline | None:
        """The timeline (None when an error makes it unusable), built on the first call (a cached result's)."""
        return self._build()

    def result(self) -> Result:
        return self.timeline(), self.problems
