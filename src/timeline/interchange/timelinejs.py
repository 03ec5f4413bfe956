"""The one description of Knight Lab's TimelineJS shapes (https://timeline.knightlab.com/docs/).

Read from TimelineJS3's own source (src/js/core/ConfigFactory.js, src/js/date/TLDate.js): the Google Sheet
template has exactly 18 columns, A to R (their v4 reader fetches `A1:R1000`, so a 19th column is cut off and
extra columns shift nothing but are never read); the reader lowercases a header and drops its first space
(`End Year` -> `endyear`). Legacy sheets (the v1 template) carry `Start Date`, `End Date` and `Tag` instead
of the date parts and `Group`. No I/O here: the export renderers and the import readers both use this.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import EventDate, Point, Precision

# The sheet template's header row, in order (columns A..R).
SHEET_COLUMNS: tuple[str, ...] = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)

# Columns of the v1 template that Knight Lab's reader still accepts (extractGoogleEntryData_V1):
# free-text dates instead of Year/Month/Day parts, and `Tag` instead of `Group`.
LEGACY_COLUMNS: tuple[str, ...] = ("Start Date", "End Date", "Tag")
LEGACY_RENAMES: dict[str, str] = {"Tag": "Group"}
# The 19th column of the newer template: TimelineJS3's CSV reader (extractEventFromCSVObject) reads `Alt Text`
# into the media's alt text. Imports accept it; exports write the 18 columns above.
EXTRA_COLUMNS: tuple[str, ...] = ("Alt Text",)

# Values of the `Type` column: a title row (at most one) and eras (spans drawn behind events).
TYPE_TITLE = "title"
TYPE_ERA = "era"


def header_key(column: str) -> str:
    """A header as Knight Lab's reader keys it: lowercased, first space removed (`Media Credit` -> `mediacredit`).

    Use it to match a sheet's header against SHEET_COLUMNS / LEGACY_COLUMNS the way TimelineJS does.
    """
    return column.strip().lower().replace(" ", "", 1)


# JSON format (https://timeline.knightlab.com/docs/json-format.html): top-level keys and slide keys.
TOP_KEYS: tuple[str, ...] = ("title", "events", "eras", "scale")
SLIDE_KEYS: tuple[str, ...] = (
    "start_date",
    "end_date",
    "text",  # {"headline": HTML, "text": HTML}
    "media",  # {"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}
    "group",  # one string: TimelineJS draws one row per group
    "display_date",  # a string shown instead of the formatted date
    "background",  # {"url"} or {"color"}
    "autolink",
    "unique_id",
)
TEXT_KEYS: tuple[str, ...] = ("headline", "text")
MEDIA_KEYS: tuple[str, ...] = ("url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")
# A date object: only `year` is required; every other part is optional and left out when unknown.
DATE_KEYS: tuple[str, ...] = ("year", "month", "day", "hour", "minute", "second", "millisecond", "display_date")
DATE_PARTS: tuple[str, ...] = ("year", "month", "day")


@dataclass(frozen=True, slots=True)
class DateParts:
    """A TimelineJS date at the precision we know: `month`/`day` are None when unknown, never invented.

    `lost` names what the parts cannot hold (a season, a qualifier), so an export can say so and a display
    date can carry it.
    """

    year: int
    month: int | None = None
    day: int | None = None
    lost: tuple[str, ...] = ()
    hour: int | None = None  # a time of day as written (wall clock); TimelineJS has no zone: display_date says it
    minute: int | None = None
    second: int | None = None

    def as_json(self) -> dict[str, int]:
        """The date object for TimelineJS JSON: only the known parts (`{year, month}` for a month; a moment's
        `hour`, `minute` and `second` too)."""
        parts = {"year": self.year, "month": self.month, "day": self.day, "hour": self.hour, "minute": self.minute,
                 "second": self.second}
        return {key: value for key, value in parts.items() if value is not None}

    def time_cell(self) -> str:
        """The sheet's Time cell: `15:05:00` for a moment, empty otherwise."""
        return "" if self.hour is None else f"{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"

    def as_cells(self) -> tuple[str, str, str]:
        """The Year, Month, Day cells of a sheet row; an unknown part is an empty cell."""
        year, month, day = ("" if value is None else str(value) for value in (self.year, self.month, self.day))
        return year, month, day


def point_parts(point: Point) -> DateParts:
    """One EDTF point as TimelineJS parts: a year gives {year}, a month {year, month}, a day all three.

    A season (`2025-21`) becomes its year with `season` lost; `~`/`?` are lost as `approximate`/`uncertain`
    (TimelineJS has no qualifiers: say them in `display_date`). A time of day gives `hour`, `minute` and `second`
    as written; its zone is lost as `time zone` (TimelineJS reads the parts in the viewer's own zone).
    """
    lost = ["time zone"] if point.time is not None else []
    if point.season is not None:
        lost.append("season")
    if point.unspecified is not None:  # 199X: its first year stands for the decade; display_date says "the 1990s"
        lost.append("unspecified digits")
    if point.approximate:
        lost.append("approximate")
    if point.uncertain:
        lost.append("uncertain")
    clock = point.time
    if clock is None:
        return DateParts(point.year, point.month, point.day, tuple(lost))
    return DateParts(point.year, point.month, point.day, tuple(lost), clock.hour, clock.minute, clock.second)


def event_parts(date: EventDate) -> tuple[DateParts | None, DateParts | None, tuple[str, ...]]:
    """An event date as (start, end, lost): end is None for a single date.

    An open or unknown start takes the known end as its start (TimelineJS requires a start) and is reported
    lost as `open start`/`unknown start`; an open or unknown end is simply left out (`open end`/`unknown end`).
    """
    start = point_parts(date.start) if date.start is not None else None
    end = point_parts(date.end) if date.is_interval and date.end is not None else None
    lost: list[str] = []
    for flag, name in (
        (date.open_start, "open start"),
        (date.unknown_start, "unknown start"),
        (date.open_end, "open end"),
        (date.unknown_end, "unknown end"),
    ):
        if flag:
            lost.append(name)
    if start is None:
        start, end = end, None
    for parts in (start, end):
        if parts is not None:
            lost.extend(name for name in parts.lost if name not in lost)
    return start, end, tuple(lost)


def parts_edtf(year: int, month: int | None = None, day: int | None = None) -> str:
    """Date parts as canonical EDTF at the precision given: (2025,) -> `2025`, (2025, 1) -> `2025-01`.

    A day without a month cannot be placed, so it is dropped by the caller's check (`parts_precision`).
    """
    if not -9999 <= year <= 9999:  # EDTF's long years, as `timeline export` writes them back: Y170000002
        return f"Y{year}"  # a long year is a year only (EDTF level 1 gives it no month or day)
    text = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def parts_precision(month: int | None, day: int | None) -> Precision:
    """The precision that a set of parts states: a day needs its month (a day alone is not a date)."""
    if month is None:
        return Precision.YEAR
    return Precision.DAY if day is not None else Precision.MONTH
