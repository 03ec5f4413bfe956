"""The time of day of an EDTF date-time (`2025-10-10T15:05:00-04:00`), its zone, and the instant it names.

EDTF level 0 writes a time as `hh:mm:ss` after a whole day, then `Z` or an offset. We read the canonical form only
(`docs dates` says why each stricter rule is kept): seconds always written, the offset as `+hh:mm`, UTC as `Z`,
midnight as `00:00:00` (never the standard's `24:00:00` of the day before). A time written without a zone names no
instant; the file's `timezone` (an IANA name) gives it one, or validation refuses it.
"""

from __future__ import annotations

import datetime
import re

from ..errors import DateError

# After the day: 'T', the time, an optional zone. Loose on purpose (one or two digits, any offset shape), so that a
# time in a shape we do not take is refused with a message about the part that is wrong.
TIME_RE = re.compile(r"T([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2}))?(Z|[+-][0-9]{1,2}(?::?[0-9]{2})?)?", re.ASCII)
_OFFSET_RE = re.compile(r"([+-])([0-9]{2}):([0-9]{2})", re.ASCII)
ZONE_HINT = "add the zone: Z for UTC or the offset, e.g. 2025-10-10T15:05:00-04:00; or give the file a `timezone`"


def parse_time(text: str, at: int, offset: int) -> tuple[datetime.time, str | None]:
    """(the time, the zone as written or None) of `text[at:]`, which TIME_RE matches whole; `offset` is where the
    whole date starts in the full text, for columns. Raises DateError for a time or zone out of range or not canonical."""
    match = TIME_RE.fullmatch(text, at)
    assert match is not None
    hour, minute, second, zone = match.groups()
    day = text[:at]
    column = offset + at + 1
    if second is None:
        raise DateError(f"{text!r}: write the seconds of the time", column=column + len(hour) + len(minute) + 1,
                        hint=f"EDTF writes a time as hh:mm:ss: write {day}T{int(hour):02d}:{int(minute):02d}:00{zone or ''}")
    if len(hour) < 2 or len(minute) < 2 or len(second) < 2:
        canonical = f"{day}T{int(hour):02d}:{int(minute):02d}:{int(second):02d}{zone or ''}"
        return _refuse(text, "write the hours, minutes and seconds with two digits each", column, f"write {canonical}")
    if (hour, minute, second) == ("24", "00", "00"):
        return _refuse(text, "write midnight at the end of a day as 00:00:00 of the next day", column,
                       "one moment has one text: 24:00:00 is the next day's 00:00:00")
    for value, limit, name, shift in ((hour, 23, "hour", 0), (minute, 59, "minute", 3), (second, 59, "second", 6)):
        if int(value) > limit:
            return _refuse(text, f"{name} {value} is out of range", column + shift, f"{name}s run from 00 to {limit}")
    if zone is not None:
        check_offset(text, zone, offset + at + 9)
    return datetime.time(int(hour), int(minute), int(second)), zone


def check_offset(text: str, zone: str, column: int) -> None:
    """Refuse a zone that is not `Z` or a canonical offset within ±14:00 other than zero (UTC is written `Z`)."""
    if zone == "Z":
        return
    match = _OFFSET_RE.fullmatch(zone)
    if match is None:
        loose = re.fullmatch(r"([+-])([0-9]{1,2}):?([0-9]{2})?", zone)
        shape = f"{loose[1]}{int(loose[2]):02d}:{loose[3] or '00'}" if loose else "+hh:mm"
        _refuse(text, "write the offset as +hh:mm", column, f"write {text[: text.rindex(zone)]}{shape}")
    sign, hours, minutes = match.groups()  # type: ignore[union-attr]
    if int(hours) == 0 and int(minutes) == 0:
        _refuse(text, "UTC is written Z", column, f"write {text[: text.rindex(zone)]}Z")
    if int(minutes) > 59 or int(hours) > 14 or (int(hours) == 14 and int(minutes) > 0):
        _refuse(text, f"the offset {zone} is out of range", column, "offsets run from -14:00 to +14:00")


def _refuse(text: str, problem: str, column: int, hint: str):
    raise DateError(f"{text!r}: {problem}", column=column, hint=hint)


def check_zone_name(name: str) -> str | None:
    """None when `name` is an IANA time zone this system knows, else why not (a sentence for a problem)."""
    from .zones import BadZone, zone  # only a file with a `timezone` pays for zoneinfo

    try:
        zone(name)
    except BadZone as error:
        return str(error)
    return None


def check_local_time(day: datetime.date, time: datetime.time, zone: str) -> tuple[str, str] | None:
    """(why, hint) when a wall-clock time in an IANA zone (a file's `timezone`) never happened (the clocks
    skipped it) or happened twice; None when it names one moment."""
    from .zones import LocalTime, local_offset

    if zone == "Z" or zone[0] in "+-":
        return None
    try:
        local_offset(zone, day, time)
    except LocalTime as error:
        return str(error), error.hint
    return None


def check_time_year(text: str, year: int, column: int, day: str) -> None:
    """Refuse a time of day on a year datetime cannot hold (0001-9999): the one rule, for files and typed dates."""
    if not 1 <= year <= 9999:
        raise DateError(f"{text!r}: a time of day is accepted on the years 0001 to 9999", column=column,
                        hint=f"write the day alone: {day}")


def utc_instant(day: datetime.date, time: datetime.time, zone: str) -> datetime.datetime | None:
    """The aware UTC datetime of a wall-clock time on `day` in `zone` ('Z', '+05:00' or an IANA name); None where
    datetime cannot hold it (a moment before 0001-01-01 or after 9999-12-31 in UTC)."""
    try:
        return datetime.datetime.combine(day, time, tzinfo=zone_info(zone)).astimezone(datetime.timezone.utc)
    except OverflowError:
        return None


def zone_info(zone: str) -> datetime.tzinfo:
    """The tzinfo of a zone as a Point carries it."""
    if zone == "Z":
        return datetime.timezone.utc
    match = _OFFSET_RE.fullmatch(zone)
    if match is not None:
        sign, hours, minutes = match.groups()
        delta = datetime.timedelta(hours=int(hours), minutes=int(minutes))
        return datetime.timezone(-delta if sign == "-" else delta)
    from .zones import zone as iana_zone

    return iana_zone(zone)
