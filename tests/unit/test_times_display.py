"""Times of day as each language's newsroom writes them (render/times.py through format_date), with and without
the reader's zone (`--tz`): AP's a.m./p.m., noon and midnight, zone names where one is standard, offsets where
none is, summer time, and the zone as written never dropped."""

from __future__ import annotations

import contextlib

import pytest

from timeline.dates import parse_edtf
from timeline.render.dates import format_date
from timeline.render.times import check_zone, reader_zone, set_reader_zone
from timeline.errors import UsageError


@contextlib.contextmanager
def reading_in(zone: str | None):
    set_reader_zone(zone)
    try:
        yield
    finally:
        set_reader_zone(None)


# (EDTF, English, Japanese) with no reader's zone: each time as written.
AS_WRITTEN = [
    ("2025-10-10T15:05:00-04:00", "3:05 p.m. UTC-4, Oct. 10, 2025", "2025年10月10日午後3時5分（UTC-4）"),
    ("2025-10-10T15:00:00-04:00", "3 p.m. UTC-4, Oct. 10, 2025", "2025年10月10日午後3時（UTC-4）"),
    ("2025-10-10T15:05:30-04:00", "3:05:30 p.m. UTC-4, Oct. 10, 2025", "2025年10月10日午後3時5分30秒（UTC-4）"),
    ("2025-10-10T09:00:00+09:00", "9 a.m. UTC+9, Oct. 10, 2025", "2025年10月10日午前9時（UTC+9）"),
    ("2025-10-10T12:00:00Z", "Noon GMT, Oct. 10, 2025", "2025年10月10日正午（協定世界時）"),
    ("2025-10-10T12:30:00Z", "12:30 p.m. GMT, Oct. 10, 2025", "2025年10月10日午後0時30分（協定世界時）"),
    ("2025-10-10T00:30:00Z", "12:30 a.m. GMT, Oct. 10, 2025", "2025年10月10日午前0時30分（協定世界時）"),
    # AP: midnight is part of the day that is ending; Japanese 午前0時 is the start of the day written
    ("2025-10-10T00:00:00Z", "Midnight GMT, Oct. 9, 2025", "2025年10月10日午前0時（協定世界時）"),
    ("2025-01-01T00:00:00Z", "Midnight GMT, Dec. 31, 2024", "2025年1月1日午前0時（協定世界時）"),
    ("2025-10-10T23:59:59+05:30", "11:59:59 p.m. UTC+5:30, Oct. 10, 2025",
     "2025年10月10日午後11時59分59秒（UTC+5:30）"),
]


@pytest.mark.parametrize(("edtf", "english", "japanese"), AS_WRITTEN)
def test_a_time_is_shown_as_written_in_each_newsroom_style(edtf, english, japanese):
    date = parse_edtf(edtf)
    assert format_date(date, "en") == english
    assert format_date(date, "ja") == japanese


# (EDTF, reader's zone, English, Japanese): the time in the reader's zone, then the time as written.
IN_READERS_ZONE = [
    ("2025-10-10T15:05:00-04:00", "America/New_York", "3:05 p.m. ET, Oct. 10, 2025 (as written: 3:05 p.m. UTC-4)",
     "2025年10月10日午後3時5分（米東部時間。原文は午後3時5分、UTC-4）"),
    ("2025-10-10T15:05:00-04:00", "Asia/Tokyo",
     "4:05 a.m. JST, Oct. 11, 2025 (as written: 3:05 p.m. UTC-4, Oct. 10, 2025)",
     "2025年10月11日午前4時5分（日本時間。原文は2025年10月10日午後3時5分、UTC-4）"),
    ("2025-10-10T12:00:00Z", "America/Los_Angeles", "5 a.m. PT, Oct. 10, 2025 (as written: noon GMT)",
     "2025年10月10日午前5時（米西部時間。原文は正午、協定世界時）"),
    # summer time: London is BST in July and GMT in January; New York is ET (UTC-4, then UTC-5) all year
    ("2025-07-01T09:00:00Z", "Europe/London", "10 a.m. BST, July 1, 2025 (as written: 9 a.m. GMT)",
     "2025年7月1日午前10時（英国時間。原文は午前9時、協定世界時）"),
    ("2025-01-15T09:00:00Z", "Europe/London", "9 a.m. GMT, Jan. 15, 2025",  # the same words: said once
     "2025年1月15日午前9時（英国時間。原文は午前9時、協定世界時）"),
    ("2025-07-01T12:00:00Z", "America/New_York", "8 a.m. ET, July 1, 2025 (as written: noon GMT)",
     "2025年7月1日午前8時（米東部時間。原文は正午、協定世界時）"),
    ("2025-01-15T12:00:00Z", "America/New_York", "7 a.m. ET, Jan. 15, 2025 (as written: noon GMT)",
     "2025年1月15日午前7時（米東部時間。原文は正午、協定世界時）"),
    # a zone with no standard newsroom name is said as its offset on that day
    ("2025-10-10T12:00:00Z", "Asia/Kolkata", "5:30 p.m. UTC+5:30, Oct. 10, 2025 (as written: noon GMT)",
     "2025年10月10日午後5時30分（UTC+5:30。原文は正午、協定世界時）"),
    # the same moment in the same words: said once
    ("2025-10-10T12:00:00Z", "UTC", "Noon GMT, Oct. 10, 2025", "2025年10月10日正午（協定世界時）"),
    ("2025-10-10T03:00:00Z", "Asia/Tokyo", "Noon JST, Oct. 10, 2025 (as written: 3 a.m. GMT)",
     "2025年10月10日正午（日本時間。原文は午前3時、協定世界時）"),
]


@pytest.mark.parametrize(("edtf", "zone", "english", "japanese"), IN_READERS_ZONE)
def test_with_a_readers_zone_the_time_as_written_follows(edtf, zone, english, japanese):
    date = parse_edtf(edtf)
    with reading_in(zone):
        assert format_date(date, "en") == english
        assert format_date(date, "ja") == japanese


@pytest.mark.parametrize("edtf", ["2025-10-10", "2025-10", "2025", "2025-22", "2025-10-09/2025-10-11"])
def test_a_date_without_a_time_is_not_converted(edtf):
    date = parse_edtf(edtf)
    plain = format_date(date, "en"), format_date(date, "ja")
    with reading_in("Asia/Tokyo"):
        assert (format_date(date, "en"), format_date(date, "ja")) == plain


def test_a_time_in_the_files_zone_is_named_by_its_region():
    from dataclasses import replace

    day = parse_edtf("2025-10-10T21:30:00Z").start
    in_new_york = replace(day, zone="America/New_York")  # what a file's `timezone` gives a time written without one
    assert format_date(in_new_york, "en") == "9:30 p.m. ET, Oct. 10, 2025"
    assert format_date(in_new_york, "ja") == "2025年10月10日午後9時30分（米東部時間）"
    with reading_in("Asia/Tokyo"):
        assert format_date(in_new_york, "en") == "10:30 a.m. JST, Oct. 11, 2025 (as written: 9:30 p.m. ET, Oct. 10, 2025)"


def test_a_time_without_a_zone_is_shown_without_one():
    date = parse_edtf("2025-10-10T15:05:00")  # a file without `timezone` refuses it; parsed alone it has no zone
    assert (format_date(date, "en"), format_date(date, "ja")) == ("3:05 p.m., Oct. 10, 2025", "2025年10月10日午後3時5分")
    with reading_in("Asia/Tokyo"):  # no moment to convert
        assert format_date(date, "en") == "3:05 p.m., Oct. 10, 2025"


@pytest.mark.parametrize(("typed", "closest"), [("Asia/Tokio", "Asia/Tokyo"), ("america/new york", "America/New_York"),
                                                ("Europe/Londn", "Europe/London")])
def test_an_unknown_zone_is_refused_with_the_closest_names(typed, closest):
    with pytest.raises(UsageError) as refused:
        check_zone(typed)
    assert closest in refused.value.hint


def test_the_readers_zone_is_none_unless_set():
    assert reader_zone() is None
    with reading_in("UTC"):
        assert reader_zone() == "UTC"
    assert reader_zone() is None
