"""Times of day as people type them (--from/--to, `timeline date`), read into an EDTF date-time: the day read by
human.py, the time and the zone here.

- ISO 8601 as people type it: `2025-10-10T15:00-04:00`, `2025-10-10 15:00Z`, seconds optional, `-0400`.
- Written: `Oct. 10, 2025 3pm ET`, `3:05 p.m. ET, Oct. 10, 2025` (what render/times.py writes reads back),
  `noon GMT, Oct. 10, 2025`, `Oct. 10, 2025 15:05 UTC+9`, `2025年10月10日午後3時5分（米東部時間）`, 正午.
- The zone is a name (dates/zones.py: ET, PT, GMT, JST, 米東部時間, "UTC+9") or an offset. A zone named by its
  region (ET) takes the offset that region had on that day and time, and says so (an Assumption).
- AP's "midnight" belongs to the day that is ending: "midnight ET, Oct. 9, 2025" is 2025-10-10T00:00:00-04:00;
  Japanese 午前0時 is the start of the day written.

A time without a zone names no moment and is refused, with the forms that give one: a wrong moment is worse than
a refusal. A time on anything but one whole day (a month, a range) is refused too.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .clock import check_time_year
from .edtf import parse_edtf
from .messages import Refusal
from .zones import ZONE_LABEL_RE, LocalTime, offset_of, offset_text, season_refusal, written_offset, zone_of_label

__all__ = ["TypedTime", "split_time"]

_ISO = re.compile(r"(-?\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})([.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*(.*)",
                  re.IGNORECASE)
# What looks like a zone's name at the end of a text, known or not: "CET", "HKT", "Asia/Tokyo".
_ZONE_LIKE = re.compile(r"(?<![^\W\d_])([A-Z]{2,5}|[A-Za-z_]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)\s*[)）]?\s*$")
_AM_PM = r"(a\.?\s?m\.?|p\.?\s?m\.?)"
_CLOCKS = (  # (pattern, kind): the time of day in words, wherever it stands in the text
    (re.compile(rf"(?<![\d:])(\d{{1,2}})(?::(\d{{2}}))?(?::(\d{{2}}))?\s*{_AM_PM}(?![\w])", re.IGNORECASE), "ampm"),
    (re.compile(r"(?<![\d:+\-−])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])"), "24h"),  # not an offset: UTC+5:30
    (re.compile(r"(午前|午後)?(\d{1,2})時(?:(\d{1,2})分)?(?:(\d{1,2})秒)?"), "ja"),
    (re.compile(r"\b(noon|midnight)\b|(正午)", re.IGNORECASE), "word"),
)
_ZONE_AROUND = re.compile(r"^[\s,]*[(（]?\s*(" + ZONE_LABEL_RE.pattern + r")\s*[)）]?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TypedTime:
    """A time found in a typed text: the text left for the day, the wall clock, the zone as EDTF writes it or
    an IANA name, what the zone was typed as, and whether it was AP's midnight (the day that is ending)."""

    day_text: str
    clock: datetime.time
    zone: str | None  # None: the text gives no zone, and the time names no moment
    zone_typed: str
    day_ending: bool = False
    typed: str = ""  # the whole text as typed, for refusals

    def edtf(self, day: str) -> str:
        """The EDTF date-time on `day` (EDTF of one day, checked by the caller): the zone's offset on that day."""
        year = int(day[:-6])
        check_time_year(self.typed, year, 0, day)  # datetime holds 0001-9999: the rule a file's times follow
        date = datetime.date(year, int(day[-5:-3]), int(day[-2:]))
        if self.day_ending:
            if date == datetime.date.max:
                check_time_year(self.typed, 10000, 0, day)
            date += datetime.timedelta(days=1)
        return f"{date.isoformat()}T{self.clock.isoformat(timespec='seconds')}{self._offset(date)}"

    def _offset(self, date: datetime.date) -> str:
        """The zone's offset on `date`; a Refusal for a time its clocks skipped or showed twice, and for a
        seasonal name (EDT, BST) not in force that day."""
        if written_offset(self.zone) is not None:  # type: ignore[arg-type]
            return self.zone  # type: ignore[return-value]
        season = season_refusal(self.zone_typed, date, self.clock)
        if season is not None:
            raise Refusal("zone-season", typed=self.typed, why=season[0], write=season[1])
        try:
            return offset_text(offset_of(self.zone, date, self.clock))  # type: ignore[arg-type]
        except LocalTime as error:
            if error.skipped is not None:
                raise Refusal("time-skipped", typed=self.typed, zone=self.zone_typed, before=error.skipped[0],
                              after=error.skipped[1]) from None
            when = f"{date.isoformat()}T{self.clock.isoformat(timespec='seconds')}"
            raise Refusal("time-twice", typed=self.typed, zone=self.zone_typed, first=error.twice[0],
                          second=error.twice[1], when=when) from None


def split_time(text: str, typed: str) -> TypedTime | None:
    """The time of day in `text` and the text without it, or None when it names no time (`zone` None when the
    text gives none: the caller refuses it). A Refusal for a time that is not one (25:00, 13 p.m.)."""
    iso = _ISO.fullmatch(text)
    if iso is not None:
        day, hour, minute, second, fraction, zone, rest = iso.groups()
        check_time_year(typed, int(day[:-6]), 0, day)  # before the day is read: '-9999-…T…' is about the time
        clock = _clock(typed, int(hour), int(minute), int(second or 0))
        if zone and zone.upper() != "Z":
            _check_offset(zone, day, clock)
        if fraction:  # EDTF writes whole seconds: never rounded here, where a second may matter
            raise Refusal("time-fraction", typed=typed, whole=f"{day}T{clock.isoformat()}{zone or ''}")
        if zone and rest:
            return _offset_and_more(day, clock, zone, rest, text, typed)
        zone_text = zone or rest
        zone_name = _iso_zone(zone) if zone else zone_of_label(rest) if rest else None
        if zone_name is None and rest:
            raise Refusal("zone-unknown", typed=typed, zone=rest)
        return TypedTime(day, clock, zone_name, zone_text, typed=typed)
    for pattern, kind in _CLOCKS:
        found = pattern.search(text)
        if found is not None:
            return _written(text, typed, found, kind)
    return None


def _check_offset(zone: str, day: str, clock: datetime.time) -> None:
    """An offset typed beyond ±14:00 or with 60 minutes or more is refused as a file's would be (EDTF's words):
    +09:60 read as +10:00 was a silent change, +99:99 a traceback."""
    digits = zone[1:].replace(":", "").ljust(4, "0")
    if int(digits[:2]) * 60 + int(digits[2:]) > 14 * 60 or int(digits[2:]) > 59:
        parse_edtf(f"{day}T{clock.isoformat(timespec='seconds')}{zone[0]}{digits[:2]}:{digits[2:]}")  # raises


def _offset_and_more(day: str, clock: datetime.time, zone: str, rest: str, text: str, typed: str) -> TypedTime:
    """An ISO time with its offset and more after it, which is never dropped: the offset's zone by name
    (`+09:00 (JST)`) when it agrees with the offset that day; a Refusal for anything else (`…T10:00:00Z/..` is
    an interval, and EDTF's ends are days)."""
    if "/" in rest:
        parse_edtf(text)  # EDTF's diagnosis of an interval with a time (it raises)
    moment = TypedTime(day, clock, _iso_zone(zone), zone, typed=typed)
    label = rest.strip(" ()（）")
    named = zone_of_label(label) if label else None
    if named is None and _ZONE_LIKE.fullmatch(label):
        raise Refusal("zone-unknown", typed=typed, zone=label)
    if named is None:
        raise Refusal("unused-digits", typed=typed, part=rest, edtf=moment.edtf(day))
    given = moment.edtf(day)[19:]
    try:
        theirs = [TypedTime(day, clock, named, label, typed=typed).edtf(day)[19:]]
    except Refusal as refusal:
        if refusal.key != "time-twice":
            raise
        theirs = [refusal.fields["first"], refusal.fields["second"]]  # the hour the clocks go back: the offset says which
    if given not in theirs:
        raise Refusal("zone-disagree", typed=typed, offset=zone, zone=label, theirs=" / ".join(theirs))
    return moment


def _written(text: str, typed: str, found: re.Match, kind: str) -> TypedTime:
    """A time written in words or with a colon, and the zone right after it (or at the end of the text)."""
    clock, day_ending = _clock_of(typed, found, kind)
    rest = text[: found.start()] + " " + text[found.end():]
    zone_match = _ZONE_AROUND.match(text[found.end():])
    if zone_match is not None:
        zone_typed = zone_match[1]
        rest = text[: found.start()] + " " + text[found.end() + zone_match.end():]
    else:
        # a name ending the text, whole: "ET" is not read out of "CET", which is no zone this knows
        trailing = re.search(r"[(（]?\s*(?<![^\W\d_])(" + ZONE_LABEL_RE.pattern + r")\s*[)）]?\s*$", rest, re.IGNORECASE)
        zone_typed, rest = ("", rest) if trailing is None else (trailing[1], rest[: trailing.start()])
        unknown = _ZONE_LIKE.search(rest) if trailing is None else None
        if unknown is not None:
            raise Refusal("zone-unknown", typed=typed, zone=unknown[1])
    zone = zone_of_label(zone_typed) if zone_typed else None
    day_text = " ".join(rest.replace("（", " ").replace("）", " ").split()).strip(" ,")
    return TypedTime(day_text, clock, zone, zone_typed, day_ending and kind == "word", typed)


def _clock_of(typed: str, found: re.Match, kind: str) -> tuple[datetime.time, bool]:
    """The wall clock of a match, and whether it is AP's midnight (the end of the day written)."""
    if kind == "word":
        word = (found[1] or found[2]).lower()
        return (datetime.time(12), False) if word in ("noon", "正午") else (datetime.time(0), True)
    if kind == "ja":
        half, hour, minute, second = found.groups()
        hour = int(hour)
        if half and not 0 <= hour <= 12:
            raise Refusal("bad-time", typed=typed, time=found.group())
        hour = hour % 12 + (12 if half == "午後" else 0) if half else hour
        return _clock(typed, hour, int(minute or 0), int(second or 0), found.group()), False
    hour, minute, second = int(found[1]), int(found[2] or 0), int(found[3] or 0)
    if kind == "ampm":
        if not 1 <= hour <= 12:
            raise Refusal("bad-time", typed=typed, time=found.group())
        hour = hour % 12 + (12 if found[4].lower().startswith("p") else 0)
    return _clock(typed, hour, minute, second, found.group()), False


def _clock(typed: str, hour: int, minute: int, second: int, written: str = "") -> datetime.time:
    try:
        return datetime.time(hour, minute, second)
    except ValueError:
        raise Refusal("bad-time", typed=typed, time=written or typed) from None


def _iso_zone(zone: str) -> str:
    """An ISO offset as typed (`Z`, `-04`, `-0400`, `-04:00`) as EDTF writes it (`Z` for a zero offset)."""
    if zone.upper() == "Z":
        return "Z"
    digits = zone[1:].replace(":", "").ljust(4, "0")
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return offset_text(-offset if zone[0] == "-" else offset)
