"""Time zones by the names newsrooms give them: ET, PT, GMT, JST, 米東部時間, 日本時間, "UTC+9". One table, read
both ways: render/times.py writes a zone with it, and what people type (`--from "Oct. 10, 2025 3pm ET"`) and what
an import finds in a TimelineJS display date are read back with it.

A name stands for an IANA zone (ET is America/New_York, EDT or EST whichever the day has) or for a fixed offset
(GMT, UTC+9). A seasonal name (EDT, EST, PDT, BST) is its fixed offset by definition, and is refused on a day its
region's clocks are on the other (`season_refusal`). zoneinfo is reached through `zone` only, which refuses what
is not an IANA zone name (a directory such as `Asia`, `localtime`, `right/UTC`, a name too long for the system), and
is imported only when an IANA zone's offset is needed. A wall time its clocks skipped or showed twice has no one
offset (`local_offset` raises LocalTime).
"""

from __future__ import annotations

import datetime
import functools
import re

__all__ = ["NAMED_ZONES", "BadZone", "LocalTime", "local_offset", "offset_of", "offset_text", "season_refusal", "written_offset", "zone",
           "zone_of_label", "zone_suggestions", "ZONE_LABEL_RE"]

# Zones with a standard newsroom name, by IANA name: (English, Japanese). Others are said as their UTC offset.
NAMED_ZONES: dict[str, tuple[str, str]] = {
    "America/New_York": ("ET", "米東部時間"),
    "America/Chicago": ("CT", "米中部時間"),
    "America/Denver": ("MT", "米山岳部時間"),
    "America/Phoenix": ("MT", "米山岳部時間"),
    "America/Los_Angeles": ("PT", "米西部時間"),
    "Asia/Tokyo": ("JST", "日本時間"),
    "Europe/London": ("GMT", "英国時間"),
    **{name: ("GMT", "協定世界時") for name in ("Z", "UTC", "Etc/UTC", "GMT", "Etc/GMT")},
}
# What a reader may type or find for a zone, folded to lowercase, -> an IANA name or an offset as EDTF writes it.
_READ_BACK = {
    "et": "America/New_York", "edt": "America/New_York", "est": "America/New_York", "米東部時間": "America/New_York",
    "ct": "America/Chicago", "cdt": "America/Chicago", "cst": "America/Chicago", "米中部時間": "America/Chicago",
    "mt": "America/Denver", "mdt": "America/Denver", "mst": "America/Denver", "米山岳部時間": "America/Denver",
    "pt": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pst": "America/Los_Angeles",
    "米西部時間": "America/Los_Angeles", "bst": "Europe/London", "英国時間": "Europe/London", "jst": "Asia/Tokyo",
    "日本時間": "Asia/Tokyo", "gmt": "Z", "utc": "Z", "z": "Z", "協定世界時": "Z",
}  # fmt: skip
# A zone at the end of a text: a name above, or an offset said in words ("UTC+9", "GMT-4", "UTC+5:30").
ZONE_LABEL_RE = re.compile(r"(?:utc|gmt)\s*([+\-−])\s*(\d{1,2})(?::(\d{2}))?|" + "|".join(
    sorted((re.escape(label) for label in _READ_BACK), key=len, reverse=True)), re.IGNORECASE)


def zone_of_label(label: str) -> str | None:
    """The zone a name stands for: an IANA name ('ET' -> 'America/New_York') or an offset as EDTF writes it
    ('UTC+9' -> '+09:00', 'GMT' -> 'Z'); None for a text that names no zone."""
    match = ZONE_LABEL_RE.fullmatch(label.strip())
    if match is None:
        return None
    if match[1] is None:
        return _READ_BACK[match.group().lower()]
    hours, minutes = int(match[2]), int(match[3] or 0)
    if not (hours or minutes):
        return "Z"
    if hours > 14 or minutes > 59:
        return None
    return f"{'-' if match[1] in '-−' else '+'}{hours:02d}:{minutes:02d}"


def written_offset(zone: str) -> datetime.timedelta | None:
    """The offset of a zone written as `+05:30` / `-04:00` / `Z`, else None (an IANA name)."""
    if zone == "Z":
        return datetime.timedelta(0)
    if len(zone) == 6 and zone[0] in "+-" and zone[3] == ":" and zone[1:3].isdigit() and zone[4:].isdigit():
        sign = -1 if zone[0] == "-" else 1
        return sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:]))
    return None


def offset_of(zone: str, day: datetime.date, clock: datetime.time) -> datetime.timedelta:
    """The offset of `zone` (as written, or an IANA name) at the wall-clock time `clock` on `day`."""
    fixed = written_offset(zone)
    if fixed is not None:
        return fixed
    return local_offset(zone, day, clock)


def offset_text(offset: datetime.timedelta) -> str:
    """An offset as EDTF and HTML write it: `Z`, `-04:00`, `+05:30`."""
    minutes = round(offset.total_seconds() / 60)
    if not minutes:
        return "Z"
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# Names in the zone directory that are no zone of the IANA database: the machine's own setting, the placeholder
# zone, and the copies with other leap-second rules.
_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})
_NOT_ZONE_DIRS = ("posix/", "right/")
# Seasonal names: each is one fixed offset by definition (EDT is -04:00, EST -05:00), in force in its region only
# part of the year; the name of the other season, for the refusal.
_SEASONAL = {"edt": ("-04:00", "EST"), "est": ("-05:00", "EDT"), "cdt": ("-05:00", "CST"), "cst": ("-06:00", "CDT"),
             "mdt": ("-06:00", "MST"), "mst": ("-07:00", "MDT"), "pdt": ("-07:00", "PST"), "pst": ("-08:00", "PDT"),
             "bst": ("+01:00", "GMT")}


class BadZone(ValueError):
    """A name that is not an IANA time zone; its text says why, for a problem or a usage error."""


class LocalTime(ValueError):
    """A wall-clock time a zone's clocks skipped (`skipped`: the last time before and the first after, with their
    offsets) or showed twice (`twice`: the two offsets, first one first)."""

    def __init__(self, zone: str, day: datetime.date, clock: datetime.time, *,
                 skipped: tuple[str, str] | None = None, twice: tuple[str, str] | None = None):
        self.zone, self.day, self.clock, self.skipped, self.twice = zone, day, clock, skipped, twice
        super().__init__(str(self))

    def __str__(self) -> str:
        when = f"{self.day.isoformat()}T{self.clock.isoformat(timespec='seconds')}"
        if self.skipped is not None:
            return f"{when} never happened in {self.zone}: the clocks skipped it"
        return f"{when} happened twice in {self.zone}, at {self.twice[0]} and at {self.twice[1]}"

    @property
    def hint(self) -> str:
        when = f"{self.day.isoformat()}T{self.clock.isoformat(timespec='seconds')}"
        if self.skipped is not None:
            return f"the times around it are {self.skipped[0]} and {self.skipped[1]}"
        return f"write the offset: {when}{self.twice[0]} (the first) or {when}{self.twice[1]} (the second)"


@functools.lru_cache(maxsize=1)
def _iana_names() -> frozenset[str]:
    import zoneinfo

    return frozenset(name for name in zoneinfo.available_timezones()
                     if name not in _NOT_ZONES and not name.startswith(_NOT_ZONE_DIRS))


def zone(name: str) -> datetime.tzinfo:
    """The tzinfo of an IANA zone name: the one place a name reaches zoneinfo (a file's `timezone`, --tz, the
    zones of typed times). BadZone for anything else: a directory (`Asia`), a path, `localtime`, `right/UTC`, a
    name too long for the system; zoneinfo's own errors for a bad key (ValueError, OSError, not found) too."""
    from ..errors import shown

    if not isinstance(name, str) or name not in _iana_names():
        raise BadZone(f"{shown(str(name))!r} is not an IANA time zone name")
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):  # NotFound is a KeyError
        raise BadZone(f"{shown(name)!r} is not an IANA time zone known on this system") from None


def zone_suggestions(name: str) -> list[str]:
    """IANA names for a mistyped or abbreviated zone: the zone a newsroom abbreviation stands for (JST ->
    Asia/Tokyo, 日本時間, ET, BST), else the closest names."""
    region = zone_of_label(name)
    if region is not None and "/" in region:
        return [region]
    if region == "Z":
        return ["UTC"]
    within = [each for each in NAMED_ZONES if each.lower().startswith(name.strip().lower() + "/")]
    if within:  # a region's directory ('Asia', 'America'): its zones with a newsroom name
        return within[:3]
    from ..names import fold, suggest

    known = {fold(each): each for each in sorted(_iana_names())}  # sorted: the same suggestions every run
    return [known[folded] for folded in suggest(name.replace(" ", "_"), known, limit=3)]


def local_offset(name: str, day: datetime.date, clock: datetime.time) -> datetime.timedelta:
    """The offset of IANA zone `name` at wall-clock `clock` on `day`. LocalTime for a time its clocks skipped
    (spring forward) or showed twice (fall back): the first names no moment, the second two."""
    tz = zone(name)
    first, second = (datetime.datetime.combine(day, clock, tz).replace(fold=fold) for fold in (0, 1))
    if first.utcoffset() == second.utcoffset():
        return first.utcoffset()  # type: ignore[return-value]
    back = first.astimezone(datetime.timezone.utc).astimezone(tz)
    if back.replace(tzinfo=None) == first.replace(tzinfo=None):
        raise LocalTime(name, day, clock, twice=(offset_text(first.utcoffset()), offset_text(second.utcoffset())))
    raise LocalTime(name, day, clock, skipped=_around_gap(tz, first))


def _around_gap(tz: datetime.tzinfo, wall: datetime.datetime) -> tuple[str, str]:
    """The last wall time before a gap and the first after it, with offsets ('01:59:59-05:00', '03:00:00-04:00')."""
    utc = datetime.timezone.utc
    low = (wall.replace(fold=1) - wall.replace(fold=1).utcoffset()).replace(tzinfo=utc) - datetime.timedelta(hours=3)
    high = low + datetime.timedelta(hours=6)
    before = low.astimezone(tz).utcoffset()
    while high - low > datetime.timedelta(seconds=1):  # the first second of the new offset
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    last, first = (moment.astimezone(tz) for moment in (high - datetime.timedelta(seconds=1), high))
    return tuple(f"{moment.time().isoformat(timespec='seconds')}{offset_text(moment.utcoffset())}"
                 for moment in (last, first))  # type: ignore[return-value]


def season_refusal(label: str, day: datetime.date, clock: datetime.time) -> tuple[str, str] | None:
    """(why, hint) when a seasonal name (EDT, EST, PST, BST) is not in force in its region at `clock` on `day`:
    the name says its fixed offset, the region's clocks another, and a wrong moment is worse than a refusal.
    None when it is in force then, or `label` is no seasonal name."""
    key = label.strip().lower()
    if key not in _SEASONAL:
        return None
    region, (fixed, other) = _READ_BACK[key], _SEASONAL[key]
    try:
        offset = offset_text(local_offset(region, day, clock))
    except LocalTime:
        return None  # the refusal of the skipped or repeated time says more
    if offset == fixed:
        return None
    words = _offset_words_short(fixed)
    return (f"{label.strip().upper()} ({fixed}) is not in force on {day.isoformat()}: it is {other} then ({offset})",
            f"write {' or '.join(dict.fromkeys((other, NAMED_ZONES[region][0])))} for the zone's time then, or "
            f"{words} for the offset {fixed}")


def _offset_words_short(offset: str) -> str:
    """'-04:00' as typed back: 'UTC-4', '+05:30' as 'UTC+5:30'."""
    hours, minutes = int(offset[1:3]), offset[4:]
    return f"UTC{offset[0]}{hours}" + (f":{minutes}" if minutes != "00" else "")
