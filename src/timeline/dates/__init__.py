"""EDTF levels 0 and 1 for event dates (`timeline docs dates`): days, months, years (year 0, negative and `Y`
years), date-times with a zone, seasons, qualifiers, unspecified digits and open/unknown interval ends.

A date keeps its precision: `2025-01` is a range from its *earliest* to its *latest* day, never a guessed
day. Parsing is strict (canonical text only, no surrounding whitespace) so that the text round-trips;
`parse_human` is the lenient entry point for command-line options. Stdlib only; `dateutil` is imported
lazily by `parse_human` alone.

Layout: day.py (Day: a calendar day of any year, year 0 = 1 BCE), eventdate.py (Precision, Point, EventDate: bounds,
overlap), edtf.py (the strict parser), clock.py (a date-time's time and zone, its UTC instant), unspecified.py
(`199X`, `1999-XX`),
diagnosis.py (why a text is not a date, and how to write it), human.py (`parse_human`, for --from/--to),
ranges.py (intervals as people write them: 'Jan. 20-21, 2025', 'until Jan. 19, 2025'), written.py (dateutil's
reading of a written date, kept only when the text says all of it), messages.py (why a typed date is refused, in
English and Japanese).
`DateError` lives with every other library error, in errors.py.
"""

from __future__ import annotations

from ..errors import DateError
from .day import Day
from .edtf import parse_edtf, parse_point
from .eventdate import EventDate, Point, Precision


def __getattr__(name: str):
    # parse_human (human.py with its ranges, eras and dateutil) serves only --from/--to and `timeline date`:
    # loaded on first use, so reading a file does not pay for compiling its patterns (~40 ms at start-up).
    if name == "parse_human":
        from .human import parse_human

        return parse_human
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DateError",
    "Day",
    "EventDate",
    "Point",
    "Precision",
    "parse_edtf",
    "parse_human",
    "parse_point",
]
