"""Tests for timeline.render.dates: dates as readers see them, in English and Japanese."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import Precision, parse_edtf, parse_point
from timeline.render.dates import format_date, format_precision

FORMATS = [
    # EDTF, English (AP style), Japanese
    ("2025-01-23", "Jan. 23, 2025", "2025年1月23日"),
    ("2025-01-05", "Jan. 5, 2025", "2025年1月5日"),
    ("2025-01", "Jan. 2025", "2025年1月"),
    ("2025-02-01", "Feb. 1, 2025", "2025年2月1日"),
    ("2025-03-01", "March 1, 2025", "2025年3月1日"),
    ("2025-04", "April 2025", "2025年4月"),
    ("2025-05-13", "May 13, 2025", "2025年5月13日"),
    ("2025-06", "June 2025", "2025年6月"),
    ("2025-07-04", "July 4, 2025", "2025年7月4日"),
    ("2025-08", "Aug. 2025", "2025年8月"),
    ("2025-09-05", "Sept. 5, 2025", "2025年9月5日"),
    ("2025-10", "Oct. 2025", "2025年10月"),
    ("2025-11-30", "Nov. 30, 2025", "2025年11月30日"),
    ("2025-12", "Dec. 2025", "2025年12月"),
    ("2025-21", "Spring 2025", "2025年春"),
    ("2025-22", "Summer 2025", "2025年夏"),
    ("2025-23", "Autumn 2025", "2025年秋"),
    ("2025-24", "Winter 2025", "2025年冬"),
    ("2025", "2025", "2025年"),
    ("0900", "900", "900年"),
    # qualifiers
    ("2025-01-20~", "c. Jan. 20, 2025", "2025年1月20日頃"),
    ("2025-01-20?", "Jan. 20, 2025?", "2025年1月20日（不確か）"),
    ("2025-01-20%", "c. Jan. 20, 2025?", "2025年1月20日頃（不確か）"),
    ("2025-22~", "c. summer 2025", "2025年夏頃"),
    ("2025?", "2025?", "2025年（不確か）"),
    # intervals
    ("2025-01-21/2029-01", "Jan. 21, 2025 – Jan. 2029", "2025年1月21日～2029年1月"),
    ("2025-22/2025-24", "Summer 2025 – winter 2025", "2025年夏～2025年冬"),
    ("2025~/2026?", "c. 2025 – 2026?", "2025年頃～2026年（不確か）"),
    ("2025-07/..", "from July 2025", "2025年7月以降"),
    ("../2025-07", "until July 2025", "2025年7月まで"),
    ("2025-07/", "July 2025 – ?", "2025年7月～不明"),
    ("/2025-07", "? – July 2025", "不明～2025年7月"),
    ("2025-22/..", "from summer 2025", "2025年夏以降"),
    ("../2025-09-05~", "until c. Sept. 5, 2025", "2025年9月5日頃まで"),
]


@pytest.mark.parametrize(("text", "english", "japanese"), FORMATS)
def test_format_date(text, english, japanese):
    event_date = parse_edtf(text)
    assert format_date(event_date, "en") == english
    assert format_date(event_date, "ja") == japanese


@pytest.mark.parametrize(("text", "english", "japanese"), [row for row in FORMATS if "/" not in row[0]])
def test_format_point_same_as_single_date(text, english, japanese):
    point = parse_point(text)
    assert (format_date(point, "en"), format_date(point, "ja")) == (english, japanese)


def test_interval_uses_spaced_en_dash():
    assert " \u2013 " in format_date(parse_edtf("2025/2026"), "en")
    assert "\uff5e" in format_date(parse_edtf("2025/2026"), "ja")


@pytest.mark.parametrize(
    ("precision", "english", "japanese"),
    [
        (Precision.YEAR, "year", "年"),
        (Precision.SEASON, "season", "季節"),
        (Precision.MONTH, "month", "月"),
        (Precision.DAY, "day", "日"),
    ],
)
def test_format_precision(precision, english, japanese):
    assert (format_precision(precision, "en"), format_precision(precision, "ja")) == (english, japanese)


@pytest.mark.parametrize("lang", ["en-US", "ja-JP", "EN"])
def test_language_tags_with_regions(lang):
    assert format_date(parse_edtf("2025"), lang) in ("2025", "2025年")


@pytest.mark.parametrize("lang", ["fr", ""])
def test_unknown_language(lang):
    with pytest.raises(ValueError, match="unsupported language"):
        format_date(parse_edtf("2025"), lang)


@given(st.dates(), st.sampled_from(["", "?", "~", "%"]))
def test_every_day_formats_without_digits_lost(day, qualifier):
    """Every valid day renders in both languages and keeps its year and day number."""
    event_date = parse_edtf(f"{day.year:04d}-{day.month:02d}-{day.day:02d}{qualifier}")
    english, japanese = format_date(event_date, "en"), format_date(event_date, "ja")
    assert f"{day.day}, {day.year}" in english
    assert japanese.startswith(f"{day.year}年{day.month}月{day.day}日")
