"""EDTF levels 0 and 1 beyond the plain day, month, year and season: Day (any year), years before year 1 and beyond
9999, unspecified digits, date-times and their zones, and how each is shown (python-edtf as the oracle:
tests/oracles/test_edtf_conformance.py)."""

from __future__ import annotations

import datetime
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import DateError, Day, Precision, parse_edtf, parse_point
from timeline.render.dates import format_date, format_precision

# --- Day ---------------------------------------------------------------------------------------------------


@given(st.dates())
def test_a_day_of_our_era_is_the_date_it_names(date):
    day = Day.from_date(date)
    assert (day.toordinal(), day.isoformat(), day.to_date()) == (date.toordinal(), date.isoformat(), date)
    assert day == date and date == day and hash(day) == hash(date) and not day < date and day <= date
    assert Day.fromordinal(date.toordinal()) == day


@given(st.integers(-10**9, 10**9), st.integers(-10**6, 10**6))
def test_ordinals_are_continuous_across_year_0_and_any_year(ordinal, days):
    day = Day.fromordinal(ordinal)
    assert day.toordinal() == ordinal
    assert (day + datetime.timedelta(days=days)).toordinal() == ordinal + days
    assert (day + datetime.timedelta(days=days)) - day == datetime.timedelta(days=days)


@pytest.mark.parametrize(("day", "iso"), [
    (Day(0, 12, 31), "0000-12-31"),
    (Day(-999, 1, 1), "-0999-01-01"),
    (Day(170000002, 1, 1), "+170000002-01-01"),
    (Day(-170000002, 12, 31), "-170000002-12-31"),
])
def test_a_day_outside_our_era_is_written_in_iso_8601s_expanded_form_and_has_no_date(day, iso):
    assert day.isoformat() == str(day) == iso and not day.in_date_range
    with pytest.raises(ValueError):
        day.to_date()
    assert pickle.loads(pickle.dumps(day)) == day and {day: 1}[Day(day.year, day.month, day.day)] == 1


def test_year_0_is_a_leap_year_and_comes_right_before_year_1():
    assert Day(0, 2, 29) < Day(0, 12, 31) < datetime.date(1, 1, 1)
    assert Day(1, 1, 1).toordinal() - Day(0, 12, 31).toordinal() == 1
    with pytest.raises(ValueError):
        Day(-1, 2, 29)  # -1 is 2 B.C., a common year
    with pytest.raises(AttributeError):
        Day(2025, 1, 1).year = 2026  # type: ignore[misc]


# --- the forms, their bounds and precision ------------------------------------------------------------------

FORMS = [
    # text, precision, earliest, latest
    ("0000", Precision.YEAR, Day(0, 1, 1), Day(0, 12, 31)),
    ("-0999", Precision.YEAR, Day(-999, 1, 1), Day(-999, 12, 31)),
    ("-0999-02-28~", Precision.DAY, Day(-999, 2, 28), Day(-999, 2, 28)),
    ("-0001-24", Precision.SEASON, Day(-1, 12, 1), Day(0, 2, 29)),
    ("9999-24", Precision.SEASON, Day(9999, 12, 1), Day(10000, 2, 29)),
    ("Y170000002", Precision.YEAR, Day(170000002, 1, 1), Day(170000002, 12, 31)),
    ("Y-170000002", Precision.YEAR, Day(-170000002, 1, 1), Day(-170000002, 12, 31)),
    ("199X", Precision.DECADE, Day(1990, 1, 1), Day(1999, 12, 31)),
    ("19XX", Precision.CENTURY, Day(1900, 1, 1), Day(1999, 12, 31)),
    ("1XXX", Precision.MILLENNIUM, Day(1000, 1, 1), Day(1999, 12, 31)),
    ("-19XX", Precision.CENTURY, Day(-1999, 1, 1), Day(-1900, 12, 31)),
    ("16XX~", Precision.CENTURY, Day(1600, 1, 1), Day(1699, 12, 31)),
    ("1999-XX", Precision.YEAR, Day(1999, 1, 1), Day(1999, 12, 31)),
    ("1999-XX-XX?", Precision.YEAR, Day(1999, 1, 1), Day(1999, 12, 31)),
    ("2024-02-XX", Precision.MONTH, Day(2024, 2, 1), Day(2024, 2, 29)),
    ("2001-02-03T09:30:01Z", Precision.DAY, Day(2001, 2, 3), Day(2001, 2, 3)),
    ("2004-01-01T10:10:10+05:00", Precision.DAY, Day(2004, 1, 1), Day(2004, 1, 1)),
    ("2004-01-01T00:00:00-00:30", Precision.DAY, Day(2004, 1, 1), Day(2004, 1, 1)),
    ("-2005/-1999-02", Precision.YEAR, Day(-2005, 1, 1), Day(-1999, 2, 28)),
]


@pytest.mark.parametrize(("text", "precision", "earliest", "latest"), FORMS, ids=[row[0] for row in FORMS])
def test_each_form_has_its_bounds_and_precision_and_writes_itself_back(text, precision, earliest, latest):
    date = parse_edtf(text)
    assert (date.precision, date.earliest, date.latest) == (precision, earliest, latest)
    assert str(date) == text and parse_edtf(str(date)) == date


def test_unspecified_digits_are_kept_as_written():
    assert parse_point("199X~").unspecified == "199X" and parse_point("1999-01-XX").unspecified == "1999-01-XX"
    assert parse_point("1999").unspecified is None and parse_point("1999-01-XX").month == 1


@pytest.mark.parametrize(("text", "time", "zone", "instant"), [
    ("2001-02-03T09:30:01Z", datetime.time(9, 30, 1), "Z", "2001-02-03T09:30:01+00:00"),
    ("2025-10-10T15:05:00-04:00", datetime.time(15, 5), "-04:00", "2025-10-10T19:05:00+00:00"),
    ("2025-01-01T01:00:00+05:30", datetime.time(1), "+05:30", "2024-12-31T19:30:00+00:00"),
    ("2025-10-10T15:05:00", datetime.time(15, 5), None, None),
])
def test_a_date_time_keeps_its_time_and_zone_as_written_and_names_an_instant(text, time, zone, instant):
    point = parse_point(text)
    assert (point.time, point.zone, point.precision) == (time, zone, Precision.DAY)
    assert (None if point.instant is None else point.instant.isoformat()) == instant


# --- display ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "english", "japanese"), [
    ("0000", "1 B.C.", "紀元前1年"),
    ("-0499-21", "Spring 500 B.C.", "紀元前500年春"),
    ("-0499-03/-0499-05", "March 500 B.C. – May 500 B.C.", "紀元前500年3月～5月"),
    ("0XXX", "1 B.C. – A.D. 999", "紀元前1年～999年"),
    ("199X?", "The 1990s?", "1990年代（不確か）"),
    ("../-0499", "until 500 B.C.", "紀元前500年まで"),
    ("1999-01-XX~", "c. Jan. 1999 (day unknown)", "1999年1月（日不明）頃"),
])
def test_years_before_year_1_and_unspecified_digits_read_as_a_newsroom_writes_them(text, english, japanese):
    assert (format_date(parse_edtf(text), "en"), format_date(parse_edtf(text), "ja")) == (english, japanese)


@pytest.mark.parametrize("precision", list(Precision))
def test_every_precision_has_a_name_in_both_languages(precision):
    assert format_precision(precision, "en") and format_precision(precision, "ja")


def test_a_time_on_a_year_outside_0001_to_9999_is_refused():
    with pytest.raises(DateError, match="0001 to 9999"):
        parse_point("0000-01-01T10:00:00Z")
