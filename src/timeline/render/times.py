"""Times of day as each language's newsroom writes them, and the reader's zone (`--tz`). Pure functions of their
arguments and of the reader's zone, which the command line sets once for a run (`reader_zone`), as it sets a width.

English follows AP: "3 p.m.", "3:05 p.m." (seconds only when written: "3:05:30 p.m."), "noon", and "midnight",
which AP counts as part of the day that is ending: `2025-10-10T00:00` is "midnight ET, Oct. 9, 2025". The time
comes first, then the zone, then the day: "3:05 p.m. ET, Oct. 10, 2025". Japanese writes the day first and the
zone after, in full-width parentheses: 「2025年10月10日午後3時5分（米東部時間）」, 正午 for noon and 午前0時 for
midnight (the day as written).

A zone is named where newsrooms have a standard name for it, by the IANA name it was written as (a file's
`timezone`) or chosen with (`--tz`): ET, CT, MT, PT, GMT (BST in British summer time), JST; 米東部時間, 日本時間 ...
`Z` is GMT (協定世界時). An offset as written (`-04:00`) is said as an offset, "UTC-4": the same offset is Eastern
daylight time and Atlantic standard time, and the text does not say which.

With `--tz ZONE` every time is shown in the reader's zone, and the time as written follows it, so the zone written
is never dropped: "4:05 a.m. JST, Oct. 11, 2025 (as written: 3:05 p.m. UTC-4, Oct. 10, 2025)",
「2025年10月11日午前4時5分（日本時間。原文は2025年10月10日午後3時5分、UTC-4）」; the day written is repeated only when it
is not the day shown. A day alone is not a moment and is not converted.
"""

from __future__ import annotations

import datetime
from contextvars import ContextVar

from ..dates.zones import NAMED_ZONES, offset_text, written_offset
from ..errors import UsageError
from .dates import _AP_MONTHS  # the months as dates.py writes them (it imports this module only when it needs it)

__all__ = ["check_zone", "format_timed", "iso_offset", "moment", "reader_zone", "set_reader_zone", "stamp_time",
           "time_words", "zone_label"]

_READER_ZONE: ContextVar[str | None] = ContextVar("reader_zone", default=None)


def set_reader_zone(name: str | None) -> None:
    """The zone every time is shown in for the rest of this run (an IANA name checked by `check_zone`), or None
    for each time in the zone it was written in."""
    _READER_ZONE.set(name)


def reader_zone() -> str | None:
    """The reader's zone set by `set_reader_zone` (`--tz`), or None."""
    return _READER_ZONE.get()


def check_zone(name: str) -> str:
    """`name` when it is an IANA zone name (the rule a file's `timezone` follows too: dates/zones.py `zone`), else a
    UsageError naming the zones meant: the zone of an abbreviation the tool writes (JST is Asia/Tokyo, ET
    America/New_York, 日本時間 Asia/Tokyo), else the closest names. --tz takes IANA names only: an abbreviation
    names a zone for part of the year at most (BST, EDT), and the reader's zone is for the whole run."""
    from ..dates.zones import BadZone, zone, zone_suggestions

    try:
        zone(name)
    except BadZone as error:
        close = zone_suggestions(name)
        hint = (f"did you mean {', '.join(close)}? " if close else "") + "--tz takes an IANA zone name such as " \
            "America/New_York, Europe/London, Asia/Tokyo or UTC"
        raise UsageError(str(error), hint=hint) from None
    return name


def zone_label(zone: str | None, lang: str, offset: datetime.timedelta | None = None) -> str:
    """The zone as a reader reads it: ET, 米東部時間, GMT, "UTC+9", "UTC-4", "UTC+5:30". `offset` (the zone's offset
    at the moment shown) tells British summer time from GMT and says an unnamed IANA zone as its offset. '' for no
    zone (a time parsed outside a file, which names no moment)."""
    if zone is None:
        return ""
    named = NAMED_ZONES.get(zone)
    if named is not None:
        if zone == "Europe/London" and offset and lang == "en":
            return "BST"
        return named[0 if lang == "en" else 1]
    if offset is None:
        offset = written_offset(zone)
    return _offset_words(offset) if offset is not None else zone


def moment(date) -> tuple[str | None, str | None]:
    """(the ISO 8601 instant in UTC, the zone as written) of a single date or point with a time of day
    (`('2025-10-10T19:05:00Z', '-04:00')`); (None, None) for any other date. JSON, SQLite share it."""
    point = date if not hasattr(date, "is_interval") else None if date.is_interval else date.start
    if point is None or point.time is None:
        return None, None
    instant = point.instant
    return (None if instant is None else instant.isoformat().replace("+00:00", "Z")), point.zone


def iso_offset(point) -> str | None:
    """The UTC offset of a point's moment as ISO 8601 writes it (`-04:00`, `+09:00`, `Z`), also for a time in
    the file's IANA zone (its offset on that day); None without a moment."""
    instant = point.instant
    if instant is None:
        return None
    if written_offset(point.zone) is not None:
        return point.zone
    return offset_text(instant.astimezone(_tz(point.zone)).utcoffset())


def stamp_time(point) -> str:
    """A moment's time and offset for HTML's <time datetime> ('T15:05:00-04:00'), '' for a day or no moment."""
    offset = iso_offset(point) if point.time is not None else None
    return "" if offset is None else f"T{point.time.isoformat(timespec='seconds')}{offset}"


def time_words(clock: datetime.time, lang: str) -> str:
    """A wall-clock time: '3 p.m.', '3:05 p.m.', 'noon', 'midnight'; 午後3時5分, 正午, 午前0時."""
    seconds = clock.second
    if lang == "en":
        if (clock.hour, clock.minute, seconds) == (12, 0, 0):
            return "noon"
        if (clock.hour, clock.minute, seconds) == (0, 0, 0):
            return "midnight"
        hour = clock.hour % 12 or 12
        minutes = f":{clock.minute:02d}" if clock.minute or seconds else ""
        return f"{hour}{minutes}{f':{seconds:02d}' if seconds else ''} {'a.m.' if clock.hour < 12 else 'p.m.'}"
    if (clock.hour, clock.minute, seconds) == (12, 0, 0):
        return "正午"
    half = "午前" if clock.hour < 12 else "午後"
    text = f"{half}{clock.hour % 12}時"
    if clock.minute or seconds:
        text += f"{clock.minute}分"
    return text + (f"{seconds}秒" if seconds else "")


def format_timed(point, lang: str, *, initial: bool) -> str:
    """A day-precision point with a time, in `lang`, in the reader's zone when one is set (the time as written
    then follows it); `initial` says whether it starts the text (capitalises 'noon' and 'midnight')."""
    capital = initial and not point.approximate
    label = _written_label(point, lang)
    written = _moment(point.latest, point.time, label, lang, capital=capital)
    shown = _converted(point, lang, capital=capital)
    if shown is not None and shown[1] != (_ymd(point.latest), point.time, label):
        again = _moment(point.latest, point.time, label, lang, with_day=shown[1][0] != _ymd(point.latest))
        if lang == "en":
            written = f"{shown[0]} (as written: {again})"
        else:  # one pair of parentheses: 午前4時5分（日本時間。原文は10月10日午後3時5分、UTC-4）
            written = f"{shown[0][:-1]}。原文は{again[:-1].replace('（', '、')}）"
    return _qualified(written, point, lang)


def _written_label(point, lang: str) -> str:
    """The zone the point was written in, as a reader reads it (an IANA name with its offset at that moment)."""
    instant = point.instant
    if instant is None or point.zone is None or written_offset(point.zone) is not None:
        return zone_label(point.zone, lang)
    return zone_label(point.zone, lang, instant.astimezone(_tz(point.zone)).utcoffset())


def _converted(point, lang: str, *, capital: bool) -> tuple[str, tuple] | None:
    """The point's moment in the reader's zone: (its words, ((year, month, day), time, zone label)), or None when
    no reader's zone is set or the point has no instant."""
    name, instant = reader_zone(), point.instant
    if name is None or instant is None:
        return None
    try:
        local = instant.astimezone(_tz(name))
    except OverflowError:  # a moment near 0001-01-01 or 9999-12-31 that the reader's zone puts outside them
        return None
    label = zone_label(name, lang, local.utcoffset())
    clock = local.time().replace(tzinfo=None, microsecond=0)
    return _moment(local.date(), clock, label, lang, capital=capital), (_ymd(local), clock, label)


def _tz(name: str) -> datetime.tzinfo:
    """The tzinfo of an IANA name already checked (a file's `timezone`, --tz), through dates/zones.py's one door."""
    from ..dates.zones import zone

    return zone(name)


def _ymd(day) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def _moment(day, clock: datetime.time, label: str, lang: str, *, capital: bool = False,
            with_day: bool = True) -> str:
    """One moment without qualifiers: '3:05 p.m. ET, Oct. 10, 2025' / '2025年10月10日午後3時5分（米東部時間）'."""
    if lang == "en":
        if clock == datetime.time() and with_day:
            day = _day_before(day)  # AP: midnight is part of the day that is ending
        words = time_words(clock, lang)
        words = (words[0].upper() + words[1:] if capital else words) + (f" {label}" if label else "")
        return words + (f", {_AP_MONTHS[day.month - 1]} {day.day}, {day.year}" if with_day else "")
    days = f"{day.year}年{day.month}月{day.day}日" if with_day else ""
    return f"{days}{time_words(clock, lang)}" + (f"（{label}）" if label else "")


def _day_before(day) -> datetime.date:
    """The calendar day before `day` (itself on the first day datetime holds)."""
    date = datetime.date(day.year, day.month, day.day)
    return date if date == datetime.date.min else date - datetime.timedelta(days=1)


def _qualified(text: str, point, lang: str) -> str:
    """The point's qualifiers around a timed text: 'c. ' and '?' in English; 頃 before the zone and （不確か） in
    Japanese."""
    if lang == "en":
        return ("c. " if point.approximate else "") + text + ("?" if point.uncertain else "")
    if point.approximate:
        cut = text.find("（") if "（" in text else len(text)
        text = text[:cut] + "頃" + text[cut:]
    return text + ("（不確か）" if point.uncertain else "")


def _offset_words(offset: datetime.timedelta) -> str:
    """'UTC+9', 'UTC-4', 'UTC+5:30'; 'GMT' for no offset."""
    minutes = round(offset.total_seconds() / 60)
    if minutes == 0:
        return "GMT"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
