"""Tests for timeline.dates: the EDTF subset, bounds, window tests and parse_human (event order: test_order.py)."""

from __future__ import annotations

import calendar
import datetime
import types
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import DateError, EventDate, Point, Precision, parse_edtf, parse_human, parse_point
from timeline.errors import ExitCode, UsageError

Y, S, M, D = Precision.YEAR, Precision.SEASON, Precision.MONTH, Precision.DAY


# --- valid single dates -------------------------------------------------------------------------------

VALID = [
    # text, precision, earliest, latest, uncertain, approximate
    ("2025", Y, date(2025, 1, 1), date(2025, 12, 31), False, False),
    ("0001", Y, date(1, 1, 1), date(1, 12, 31), False, False),
    ("9999", Y, date(9999, 1, 1), date(9999, 12, 31), False, False),
    ("2025-01", M, date(2025, 1, 1), date(2025, 1, 31), False, False),
    ("2025-02", M, date(2025, 2, 1), date(2025, 2, 28), False, False),
    ("2024-02", M, date(2024, 2, 1), date(2024, 2, 29), False, False),
    ("2025-12", M, date(2025, 12, 1), date(2025, 12, 31), False, False),
    ("2025-01-20", D, date(2025, 1, 20), date(2025, 1, 20), False, False),
    ("2025-21", S, date(2025, 3, 1), date(2025, 5, 31), False, False),
    ("2025-22", S, date(2025, 6, 1), date(2025, 8, 31), False, False),
    ("2025-23", S, date(2025, 9, 1), date(2025, 11, 30), False, False),
    ("2025-24", S, date(2025, 12, 1), date(2026, 2, 28), False, False),
    ("2025-01-20~", D, date(2025, 1, 20), date(2025, 1, 20), False, True),
    ("2025-01?", M, date(2025, 1, 1), date(2025, 1, 31), True, False),
    ("2025-01-20%", D, date(2025, 1, 20), date(2025, 1, 20), True, True),
    ("2025?", Y, date(2025, 1, 1), date(2025, 12, 31), True, False),
    ("2025-22~", S, date(2025, 6, 1), date(2025, 8, 31), False, True),
]


@pytest.mark.parametrize(("text", "precision", "earliest", "latest", "uncertain", "approximate"), VALID)
def test_valid_single_dates(text, precision, earliest, latest, uncertain, approximate):
    event_date = parse_edtf(text)
    assert (event_date.precision, event_date.earliest, event_date.latest) == (precision, earliest, latest)
    assert (event_date.uncertain, event_date.approximate) == (uncertain, approximate)
    assert str(event_date) == event_date.text == text
    assert not event_date.is_interval
    assert event_date.start is event_date.end


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "season"),
    [
        ("2025", 2025, None, None, None),
        ("2025-01", 2025, 1, None, None),
        ("2025-01-20~", 2025, 1, 20, None),
        ("2025-24?", 2025, None, None, 24),
    ],
)
def test_point_fields(text, year, month, day, season):
    point = parse_point(text)
    assert (point.year, point.month, point.day, point.season) == (year, month, day, season)
    assert str(point) == text


def test_point_qualifier_canonical_text():
    """'%' is how both qualifiers are written, whatever built the Point."""
    point = parse_point("2025-01-20")
    both = Point(2025, 1, 20, None, D, True, True, point.earliest, point.latest)
    assert str(both) == "2025-01-20%"


def test_parse_edtf_is_cached_and_immutable():
    assert parse_edtf("2025-03") is parse_edtf("2025-03")
    with pytest.raises(AttributeError):
        parse_edtf("2025-03").text = "2026"  # type: ignore[misc]


def test_non_text_is_a_type_error():
    with pytest.raises(TypeError):
        parse_edtf(2025)  # type: ignore[arg-type]


def test_from_point_builds_a_single_date():
    point = parse_point("2025-05")
    assert EventDate.from_point(point) == parse_edtf("2025-05")


# --- invalid dates ------------------------------------------------------------------------------------

INVALID = [
    # text, message fragment, column, hint fragment
    ("2025-02-30", "day 30 is out of range for February 2025", 8, "February 2025 has 28 days"),
    ("2025-04-31", "day 31 is out of range for April 2025", 8, "April 2025 has 30 days"),
    ("2025-01-00", "day 0 is out of range", 8, "31 days"),
    ("2025-13", "month 13 is out of range", 5, "months are 01 to 12"),
    ("2025-00", "month 00 is out of range", 5, "months are 01 to 12"),
    ("2025-20", "month 20 is out of range", 5, "21 (spring)"),
    ("2025-25", "season 25 is out of range", 5, "24 (winter)"),
    ("2025-21-05", "a season has no day", 7, "write 2025-21"),
    ("-0000", "year 0 has no sign", 0, "write 0000"),
    ("", "empty", 0, "2025-01-20"),
    ("Jan 2025", "free text", 0, "write 2025-01"),
    ("May 13, 2025", "free text", 0, "write 2025-05-13"),
    ("summer 2025", "free text", 0, "write 2025-22"),
    ("autumn of 2025", "free text", 0, "write 2025-23"),
    ("2025年5月", "free text", 4, "write 2025-05"),
    ("yesterday", "free text", 0, "2025-01-20"),
    ("2025-01-20T10:00", "write the seconds", 16, "write 2025-01-20T10:00:00"),
    ("2025-01-20 10:00", "after a 'T'", 10, "write 2025-01-20T10:00:00 and its zone"),
    ("2025-01T10:00:00Z", "after a whole day", 7, "write the day in full"),
    ("2025-01-20T10:00:00+00:00", "UTC is written Z", 19, "write 2025-01-20T10:00:00Z"),
    ("2025-01-20T10:00:00+05", "offset as +hh:mm", 19, "write 2025-01-20T10:00:00+05:00"),
    ("2025-01-20T10:00:00+14:30", "out of range", 19, "-14:00 to +14:00"),
    ("2025-01-20T24:00:00", "midnight", 11, "next day's 00:00:00"),
    ("2025-01-20T23:60:00Z", "minute 60 is out of range", 14, "00 to 59"),
    ("2025-01-20T10:00:00~", "takes no qualifier", 10, "write 2025-01-20T10:00:00"),
    ("-0999-01-01T10:00:00Z", "years 0001 to 9999", 11, "write the day alone: -0999-01-01"),
    ("2025-01-20T10:00:00Z/2025-01-21", "without a time of day", 10, "write 2025-01-20"),
    ("Y2025", "without a 'Y'", 0, "write 2025"),
    ("+2025", "without a 'Y' or a '+'", 0, "write 2025"),
    ("12025", "written with a 'Y'", 0, "write Y12025"),
    ("Y170000002~", "takes no qualifier", 10, "write Y170000002"),
    ("Y10000/Y20000", "stands alone", 0, "Y170000002"),
    ("XXXX", "only the last digits", 0, "199X"),
    ("199x", "capital X", 3, "write 199X"),
    ("199X-01", "stands alone", 4, "write 199X"),
    ("1999-X1", "as a whole, XX", 5, "write 1999-XX"),
    ("1999-XX-01", "has no day", 5, "write 1999-XX-XX"),
    ("1999-13-XX", "month 13 is out of range", 5, "01 to 12"),
    ("199X/2005", "give every digit", 3, "write 1990/1999"),
    ("-0999-02-30", "day 30 is out of range for February -0999", 9, "28 days"),
    ("-0999-13", "month 13 is out of range", 6, "01 to 12"),
    ("2025-1-5", "not canonical EDTF", 5, "write 2025-01-05"),
    ("2025-01-5", "not canonical EDTF", 8, "write 2025-01-05"),
    ("25", "not canonical EDTF", 0, "write 0025"),
    ("20250120", "dashes", 4, "write 2025-01-20"),
    ("2025?-01", "qualifier goes at the end", 4, "write 2025-01?"),
    ("2025-01?~", "one qualifier", 7, "write 2025-01%"),
    (" 2025", "spaces", 0, "write 2025"),
    ("2025-01 ", "spaces", 7, "write 2025-01"),
    ("..2025", "'..'", 0, "../2025-07"),
    ("2025/05/13", "exactly one '/'", 7, "write a day as 2025-05-13"),
]


@pytest.mark.parametrize(("text", "message", "column", "hint"), INVALID)
def test_invalid_dates(text, message, column, hint):
    with pytest.raises(DateError) as caught:
        parse_edtf(text)
    error = caught.value
    assert message in error.message
    assert repr(text) in error.message or text == ""  # the message names what was written
    assert error.column == column
    assert hint in error.hint


def test_date_error_is_a_value_error_and_a_usage_error_with_fields():
    error = DateError("bad", column=3, hint="fix it")
    assert isinstance(error, ValueError)  # the cache reads its entries' dates under `except ValueError`
    assert isinstance(error, UsageError) and error.exit_code is ExitCode.USAGE  # caught by `except TimelineError`
    assert (str(error), error.message, error.column, error.hint) == ("bad", "bad", 3, "fix it")


def test_parse_point_rejects_intervals():
    with pytest.raises(DateError):
        parse_point("2025/2026")


# --- leap years and seasons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "valid"),
    [("2024-02-29", True), ("2025-02-29", False), ("2000-02-29", True), ("1900-02-29", False)],
)
def test_leap_days(text, valid):
    if valid:
        assert parse_edtf(text).earliest == date.fromisoformat(text)
    else:
        with pytest.raises(DateError, match="day 29 is out of range for February"):
            parse_edtf(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2025-21", date(2025, 3, 1), date(2025, 5, 31)),
        ("2025-22", date(2025, 6, 1), date(2025, 8, 31)),
        ("2025-23", date(2025, 9, 1), date(2025, 11, 30)),
        ("2025-24", date(2025, 12, 1), date(2026, 2, 28)),  # winter crosses into the next year
        ("2023-24", date(2023, 12, 1), date(2024, 2, 29)),  # ... and ends on its leap day
        ("9998-24", date(9998, 12, 1), date(9999, 2, 28)),
    ],
)
def test_season_bounds(text, earliest, latest):
    point = parse_point(text)
    assert (point.earliest, point.latest, point.precision) == (earliest, latest, S)


# --- intervals ----------------------------------------------------------------------------------------

INTERVALS = [
    # text, start, end, (open_start, open_end, unknown_start, unknown_end), earliest, latest, precision
    ("2025-01-21/2029-01", "2025-01-21", "2029-01", (0, 0, 0, 0), date(2025, 1, 21), date(2029, 1, 31), D),
    ("2025/2025-03", "2025", "2025-03", (0, 0, 0, 0), date(2025, 1, 1), date(2025, 3, 31), Y),
    ("2025-06/2025", "2025-06", "2025", (0, 0, 0, 0), date(2025, 6, 1), date(2025, 12, 31), M),
    ("2025-22/2025-24", "2025-22", "2025-24", (0, 0, 0, 0), date(2025, 6, 1), date(2026, 2, 28), S),
    ("2025-01-20/2025-01-20", "2025-01-20", "2025-01-20", (0, 0, 0, 0), date(2025, 1, 20), date(2025, 1, 20), D),
    ("2025-07/..", "2025-07", None, (0, 1, 0, 0), date(2025, 7, 1), None, M),
    ("../2025-07", None, "2025-07", (1, 0, 0, 0), None, date(2025, 7, 31), M),
    ("2025-07/", "2025-07", None, (0, 0, 0, 1), date(2025, 7, 1), None, M),
    ("/2025-07-04", None, "2025-07-04", (0, 0, 1, 0), None, date(2025, 7, 4), D),
    ("2025~/2026?", "2025~", "2026?", (0, 0, 0, 0), date(2025, 1, 1), date(2026, 12, 31), Y),
]


@pytest.mark.parametrize(("text", "start", "end", "flags", "earliest", "latest", "precision"), INTERVALS)
def test_intervals(text, start, end, flags, earliest, latest, precision):
    interval = parse_edtf(text)
    assert interval.is_interval and str(interval) == text
    assert (str(interval.start) if interval.start else None, str(interval.end) if interval.end else None) == (
        start,
        end,
    )
    got = (interval.open_start, interval.open_end, interval.unknown_start, interval.unknown_end)
    assert got == tuple(map(bool, flags))
    assert (interval.earliest, interval.latest, interval.precision) == (earliest, latest, precision)


def test_interval_qualifiers_come_from_either_end():
    interval = parse_edtf("2025~/2026?")
    assert interval.approximate and interval.uncertain
    assert not parse_edtf("2025/2026").uncertain


@pytest.mark.parametrize(
    ("text", "message", "column", "hint"),
    [
        ("2025-06/2025-03", "ends (2025-03) before it starts (2025-06)", 8, "earlier date first: 2025-03/2025-06"),
        ("2026/2025", "before it starts", 5, "2025/2026"),
        ("2025-24/2025-11", "before it starts", 8, "2025-11/2025-24"),
        ("/", "at least one side", 0, "2025-07/.."),
        ("../..", "at least one side", 0, "../2025-07"),
        ("/..", "at least one side", 0, ""),
        ("../", "at least one side", 0, ""),
        ("2025/2026/2027", "exactly one '/'", 9, ""),
        ("2025-01/2025-02-30", "day 30 is out of range for February 2025", 16, "28 days"),
        ("2025-13/2026", "month 13", 5, ""),
        ("2025 /2026", "spaces", 4, "write 2025"),
        ("2025/ 2026", "spaces", 5, "write 2026"),
        # an end shortened as editors write it: the hint writes it in full, or only the form when that is no date
        ("2025-09-01/02", "end of an interval in full", 11, "write 2025-09-01/2025-09-02"),
        ("2025-01-20/21", "end of an interval in full", 11, "write 2025-01-20/2025-01-21"),
        ("2025-07/09", "end of an interval in full", 8, "write 2025-07/2025-09"),
        ("2025-09-01/10-02", "end of an interval in full", 11, "write 2025-09-01/2025-10-02"),
        ("2025-07~/09~", "end of an interval in full", 9, "write 2025-07~/2025-09~"),
        ("2025-09-05/02", "end of an interval in full", 11, "write the whole date on both sides of '/': YYYY"),
        ("2025-09-30/31", "end of an interval in full", 11, "write the whole date on both sides of '/': YYYY"),
        ("2025/26", "end of an interval in full", 5, "write the whole date on both sides of '/': YYYY"),
    ],
)
def test_invalid_intervals(text, message, column, hint):
    with pytest.raises(DateError) as caught:
        parse_edtf(text)
    assert message in caught.value.message
    assert caught.value.column == column
    assert hint in caught.value.hint


def test_overlapping_interval_ends_are_allowed():
    """Only an end whose latest day precedes the start's earliest day is an error."""
    assert parse_edtf("2025-22/2025-07").latest == date(2025, 7, 31)


# --- overlaps and within ------------------------------------------------------------------------------

JUNE = (date(2025, 6, 1), date(2025, 6, 30))
WINDOW_CASES = [
    # text, lo, hi, overlaps, within
    ("2025-22", *JUNE, True, False),  # summer may be in June, is not certainly in it
    ("2025-06", *JUNE, True, True),
    ("2025-06-15", *JUNE, True, True),
    ("2025-06-15~", *JUNE, True, True),  # qualifiers do not widen the bounds
    ("2025-06%", *JUNE, True, True),
    ("2025-07", *JUNE, False, False),
    ("2025-05-31", *JUNE, False, False),
    ("2025", *JUNE, True, False),
    ("2025-24", date(2026, 1, 1), date(2026, 1, 31), True, False),  # winter reaches into January
    ("2025-24", date(2025, 1, 1), date(2025, 11, 30), False, False),
    ("2025-01/2025-03", date(2025, 3, 31), date(2025, 4, 30), True, False),  # inclusive edge
    ("2025-01/2025-03", date(2025, 4, 1), None, False, False),
    # An open or unknown side reads as the known one (EventDate.known_bounds): `2025-07/..` is July 2025.
    ("2025-07/..", *JUNE, False, False),
    ("2025-07/..", date(2030, 1, 1), date(2030, 12, 31), False, False),  # not reaching into any later year
    ("2025-07/..", date(2025, 1, 1), date(2099, 12, 31), True, True),
    ("2025-07/..", date(2025, 7, 31), date(2025, 8, 31), True, False),  # straddling its known bound
    ("2025-07/..", date(2025, 1, 1), None, True, True),
    ("2025-07/..", None, None, True, True),
    ("../2025-07", date(1900, 1, 1), date(1900, 1, 2), False, False),  # not reaching back to any earlier year
    ("../2025-07", None, date(2025, 12, 31), True, True),
    ("../2025-07", date(2025, 8, 1), None, False, False),
    ("../2025-07", date(2025, 7, 15), None, True, False),
    ("2025-07/", date(2025, 8, 1), date(2025, 8, 31), False, False),  # an unknown end is unknown, not endless
    ("2025-07/", date(2025, 7, 1), None, True, True),
    ("/2025-07", None, date(2025, 7, 31), True, True),
    ("/2025-07", None, date(2025, 6, 30), False, False),
    ("2025-06", None, None, True, True),
    ("2025-06", date(2025, 6, 30), None, True, False),
    ("2025-06", None, date(2025, 6, 1), True, False),
]


@pytest.mark.parametrize(("text", "lo", "hi", "overlaps", "within"), WINDOW_CASES)
def test_overlaps_and_within(text, lo, hi, overlaps, within):
    event_date = parse_edtf(text)
    assert event_date.overlaps(lo, hi) is overlaps
    assert event_date.within(lo, hi) is within


# --- parse_human --------------------------------------------------------------------------------------

HUMAN = [
    # text, canonical EDTF
    ("2025-05-13", "2025-05-13"),
    ("2025-22", "2025-22"),
    ("2025-05/2025-07", "2025-05/2025-07"),
    ("  2025-05  ", "2025-05"),
    ("May 2025", "2025-05"),
    ("2025 May", "2025-05"),
    ("February 2024", "2024-02"),
    ("May 13, 2025", "2025-05-13"),
    ("Tuesday, May 13, 2025", "2025-05-13"),
    ("13 May 2025", "2025-05-13"),
    ("Sept. 5, 2025", "2025-09-05"),
    ("2025/05/13", "2025-05-13"),
    ("2025/05", "2025-05"),
    ("13/05/2025", "2025-05-13"),  # unambiguous: 13 cannot be a month
    ("2025-1-5", "2025-01-05"),
    ("summer 2025", "2025-22"),
    ("Winter of 2025", "2025-24"),
    ("2025年", "2025"),
    ("2025年5月", "2025-05"),
    ("2025年5月13日", "2025-05-13"),
    ("２０２５年５月１３日", "2025-05-13"),  # full-width digits
    ("2025年 5月", "2025-05"),
    ("2025年夏", "2025-22"),
    ("2025年冬", "2025-24"),
]


@pytest.mark.parametrize(("text", "canonical"), HUMAN)
def test_parse_human(text, canonical):
    assert parse_human(text) == parse_edtf(canonical)


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("gibberish", "cannot read 'gibberish'", "accepted forms"),
        ("May", "has no year", "May 2025"),
        ("May 13", "has no year", "2025年5月13日"),
        ("May 13, 25", "four digits", "accepted forms"),
        ("05/06/2025", "ambiguous", "write 2025-05-06 or 2025-06-05, or the month in words: May 6 2025 or Jun 5 2025"),
        ("May 13, 2025 10:00", "time of day needs its zone", "or the day alone: 2025-05-13"),
        ("2025-09-01/02", "end of an interval in full", "write 2025-09-01/2025-09-02"),
        ("Dec. 30 – Jan. 2, 2025", "write the year of each end", "an interval is START/END"),
        ("2025-02-30", "day 30 is out of range for February 2025", "28 days"),
        ("2025-13", "month 13", "months are 01 to 12"),
        ("2025年2月30日", "'2025年2月30日' reads as '2025-02-30': day 30", "28 days"),
        ("2025年13月", "month 13", ""),
    ],
)
def test_parse_human_errors(text, message, hint):
    with pytest.raises(DateError) as caught:
        parse_human(text)
    assert message in caught.value.message
    assert hint in caught.value.hint
    assert "2021" not in caught.value.hint and "2024-12-30" not in caught.value.hint  # no date the text did not state


class _FrozenDatetime(datetime.datetime):
    """A datetime whose now() is a fixed, late-in-the-month moment."""

    frozen = datetime.datetime(2031, 8, 29, 13, 45, 7)

    @classmethod
    def now(cls, tz=None):
        return cls.frozen


@pytest.mark.parametrize("today", [datetime.datetime(2031, 8, 29, 13, 45, 7), datetime.datetime(1999, 1, 2)])
def test_parse_human_never_fills_from_today(monkeypatch, today):
    """dateutil fills missing parts from now(); prove parse_human's result does not move with 'today'."""
    from dateutil import parser as dateutil_parser
    from dateutil.parser import _parser as dateutil_internals  # where dateutil reads the clock

    fake_datetime_module = types.SimpleNamespace(**{**vars(datetime), "datetime": _FrozenDatetime})
    monkeypatch.setattr(dateutil_internals, "datetime", fake_datetime_module)
    monkeypatch.setattr(_FrozenDatetime, "frozen", today)
    assert dateutil_parser.parse("May 2025").day == today.day  # the trap is armed: plain dateutil uses today

    may = parse_human("May 2025")
    assert (may.precision, may.earliest, may.latest) == (M, date(2025, 5, 1), date(2025, 5, 31))
    assert parse_human("13 May 2025").earliest == date(2025, 5, 13)


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]  # fmt: skip


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_human_month_year_is_the_whole_month(day):
    month = parse_human(f"{MONTH_NAMES[day.month - 1]} {day.year}")
    last_day = calendar.monthrange(day.year, day.month)[1]
    assert month.precision is M
    assert (month.earliest, month.latest) == (day.replace(day=1), day.replace(day=last_day))


# --- properties ---------------------------------------------------------------------------------------

qualifiers = st.sampled_from(["", "?", "~", "%"])


@st.composite
def point_texts(draw) -> str:
    """Canonical text of a random valid single date."""
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)))
    shape = draw(st.sampled_from(["year", "season", "month", "day"]))
    if shape == "year":
        text = f"{day.year:04d}"
    elif shape == "season":
        text = f"{day.year:04d}-{draw(st.integers(21, 24))}"
    elif shape == "month":
        text = f"{day.year:04d}-{day.month:02d}"
    else:
        text = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    return text + draw(qualifiers)


@given(point_texts())
def test_points_round_trip(text):
    event_date = parse_edtf(text)
    assert str(event_date) == text
    assert event_date.earliest <= event_date.latest
    assert parse_point(text) == event_date.start
    assert event_date.overlaps(event_date.earliest, event_date.latest)
    assert event_date.within(event_date.earliest, event_date.latest)


@given(point_texts(), point_texts())
def test_intervals_round_trip(first, second):
    a, b = parse_point(first), parse_point(second)
    start, end = (a, b) if a.earliest <= b.earliest else (b, a)
    text = f"{start}/{end}"
    interval = parse_edtf(text)
    assert str(interval) == text
    assert interval.earliest <= interval.latest


@given(point_texts(), st.sampled_from(["{}/..", "../{}", "{}/", "/{}"]))
def test_open_intervals_round_trip(text, shape):
    interval = parse_edtf(shape.format(text))
    assert str(interval) == shape.format(text)
    assert (interval.earliest is None) != (interval.latest is None)
