"""Tests for timeline.render.dates: dates as readers see them, in English and Japanese."""

from __future__ import annotations

import datetime

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
    ("2025-22/2025-24", "Summer–winter 2025", "2025年夏～冬"),
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


# Intervals with both ends known, written as an editor would: what both ends share is written once when they
# have the same precision and the same qualifiers (then written once too); otherwise both ends in full.
P = Precision
RANGES = [
    # (start precision, end precision, EDTF, English, Japanese)
    # day to day: same month, same year, years differ, one day
    (P.DAY, P.DAY, "2025-01-20/2025-01-21", "Jan. 20–21, 2025", "2025年1月20日～21日"),
    (P.DAY, P.DAY, "2025-01-30/2025-02-02", "Jan. 30 – Feb. 2, 2025", "2025年1月30日～2月2日"),
    (P.DAY, P.DAY, "2024-12-30/2025-01-02", "Dec. 30, 2024 – Jan. 2, 2025", "2024年12月30日～2025年1月2日"),
    (P.DAY, P.DAY, "2025-01-20/2025-01-20", "Jan. 20, 2025", "2025年1月20日"),
    (P.DAY, P.DAY, "2025-01-20/2026-01-21", "Jan. 20, 2025 – Jan. 21, 2026", "2025年1月20日～2026年1月21日"),
    (P.DAY, P.DAY, "2025-09-01/2025-09-30", "Sept. 1–30, 2025", "2025年9月1日～30日"),
    # month to month
    (P.MONTH, P.MONTH, "2025-07/2025-09", "July–Sept. 2025", "2025年7月～9月"),
    (P.MONTH, P.MONTH, "2025-03/2025-04", "March–April 2025", "2025年3月～4月"),
    (P.MONTH, P.MONTH, "2024-12/2025-01", "Dec. 2024 – Jan. 2025", "2024年12月～2025年1月"),
    (P.MONTH, P.MONTH, "2025-07/2025-07", "July 2025", "2025年7月"),
    # season to season
    (P.SEASON, P.SEASON, "2025-22/2025-23", "Summer–autumn 2025", "2025年夏～秋"),
    (P.SEASON, P.SEASON, "2025-23/2025-24", "Autumn–winter 2025", "2025年秋～冬"),
    (P.SEASON, P.SEASON, "2024-24/2025-21", "Winter 2024 – spring 2025", "2024年冬～2025年春"),
    (P.SEASON, P.SEASON, "2025-22/2025-22", "Summer 2025", "2025年夏"),
    # year to year: nothing to share but a qualifier
    (P.YEAR, P.YEAR, "2025/2026", "2025–2026", "2025年～2026年"),
    (P.YEAR, P.YEAR, "2025/2025", "2025", "2025年"),
    # mixed precisions: both ends in full, even within one year or month
    (P.DAY, P.MONTH, "2025-01-21/2029-01", "Jan. 21, 2025 – Jan. 2029", "2025年1月21日～2029年1月"),
    (P.DAY, P.MONTH, "2025-01-15/2025-01", "Jan. 15, 2025 – Jan. 2025", "2025年1月15日～2025年1月"),
    (P.DAY, P.SEASON, "2025-06-10/2025-22", "June 10, 2025 – summer 2025", "2025年6月10日～2025年夏"),
    (P.DAY, P.YEAR, "2025-01-21/2029", "Jan. 21, 2025 – 2029", "2025年1月21日～2029年"),
    (P.MONTH, P.DAY, "2025-08/2025-12-05", "Aug. 2025 – Dec. 5, 2025", "2025年8月～2025年12月5日"),
    (P.MONTH, P.DAY, "2025-01/2025-01-15", "Jan. 2025 – Jan. 15, 2025", "2025年1月～2025年1月15日"),
    (P.MONTH, P.SEASON, "2025-03/2025-22", "March 2025 – summer 2025", "2025年3月～2025年夏"),
    (P.MONTH, P.YEAR, "2025-03/2026", "March 2025 – 2026", "2025年3月～2026年"),
    (P.SEASON, P.DAY, "2025-21/2025-07-04", "Spring 2025 – July 4, 2025", "2025年春～2025年7月4日"),
    (P.SEASON, P.MONTH, "2025-21/2025-07", "Spring 2025 – July 2025", "2025年春～2025年7月"),
    (P.SEASON, P.YEAR, "2025-21/2026", "Spring 2025 – 2026", "2025年春～2026年"),
    (P.YEAR, P.DAY, "2024/2025-03-05", "2024 – March 5, 2025", "2024年～2025年3月5日"),
    (P.YEAR, P.MONTH, "2024/2025-03", "2024 – March 2025", "2024年～2025年3月"),
    (P.YEAR, P.SEASON, "2024/2025-22", "2024 – summer 2025", "2024年～2025年夏"),
    # the same qualifiers: elided as above, the qualifier written once for the whole range
    (P.DAY, P.DAY, "2025-01-20~/2025-01-21~", "c. Jan. 20–21, 2025", "2025年1月20日～21日頃"),
    (P.DAY, P.DAY, "2025-01-30?/2025-02-02?", "Jan. 30 – Feb. 2, 2025?", "2025年1月30日～2月2日（不確か）"),
    (P.DAY, P.DAY, "2024-12-30%/2025-01-02%", "c. Dec. 30, 2024 – Jan. 2, 2025?",
     "2024年12月30日～2025年1月2日頃（不確か）"),
    (P.DAY, P.DAY, "2025-01-20~/2025-01-20~", "c. Jan. 20, 2025", "2025年1月20日頃"),
    (P.MONTH, P.MONTH, "2025-07?/2025-09?", "July–Sept. 2025?", "2025年7月～9月（不確か）"),
    (P.SEASON, P.SEASON, "2025-22~/2025-23~", "c. summer–autumn 2025", "2025年夏～秋頃"),
    (P.SEASON, P.SEASON, "2025-22?/2025-23?", "Summer–autumn 2025?", "2025年夏～秋（不確か）"),
    (P.YEAR, P.YEAR, "2025%/2026%", "c. 2025–2026?", "2025年～2026年頃（不確か）"),
    # different qualifiers: both ends in full, each with its own
    (P.DAY, P.DAY, "2025-01-20~/2025-01-21", "c. Jan. 20, 2025 – Jan. 21, 2025", "2025年1月20日頃～2025年1月21日"),
    (P.DAY, P.DAY, "2025-01-20/2025-01-20?", "Jan. 20, 2025 – Jan. 20, 2025?", "2025年1月20日～2025年1月20日（不確か）"),
    (P.MONTH, P.MONTH, "2025-06~/2025-08?", "c. June 2025 – Aug. 2025?", "2025年6月頃～2025年8月（不確か）"),
    (P.MONTH, P.MONTH, "2025-06%/2025-08~", "c. June 2025? – c. Aug. 2025", "2025年6月頃（不確か）～2025年8月頃"),
    (P.SEASON, P.SEASON, "2025-22/2025-23~", "Summer 2025 – c. autumn 2025", "2025年夏～2025年秋頃"),
    (P.YEAR, P.YEAR, "2025~/2026?", "c. 2025 – 2026?", "2025年頃～2026年（不確か）"),
    (P.MONTH, P.DAY, "2025-08~/2025-12-05~", "c. Aug. 2025 – c. Dec. 5, 2025", "2025年8月頃～2025年12月5日頃"),
]


@pytest.mark.parametrize(("text", "english", "japanese"), [row[2:] for row in RANGES], ids=[r[2] for r in RANGES])
def test_range_written_as_an_editor_would(text, english, japanese):
    event_date = parse_edtf(text)
    assert (format_date(event_date, "en"), format_date(event_date, "ja")) == (english, japanese)


def test_ranges_cover_every_precision_pair():
    """Each of the 16 (start, end) precision pairs has a row, with its precisions stated right."""
    for start, end, text, *_ in RANGES:
        parsed = parse_edtf(text)
        assert (parsed.start.precision, parsed.end.precision) == (start, end), text
    ends = [p for p in Precision if p >= Precision.YEAR]  # an interval's ends give every digit (no 199X/2000)
    assert {(row[0], row[1]) for row in RANGES} == {(a, b) for a in ends for b in ends}


OPEN_ENDS = [
    # an open or unknown end, with a day, and qualified: written as before, nothing to share
    ("2025-01-20/..", "from Jan. 20, 2025", "2025年1月20日以降"),
    ("../2025-01-19", "until Jan. 19, 2025", "2025年1月19日まで"),
    ("2025-01-20~/", "c. Jan. 20, 2025 – ?", "2025年1月20日頃～不明"),
    ("/2025-22?", "? – summer 2025?", "不明～2025年夏（不確か）"),
    ("2025-22~/..", "from c. summer 2025", "2025年夏頃以降"),
]


@pytest.mark.parametrize(("text", "english", "japanese"), OPEN_ENDS)
def test_open_and_unknown_ends(text, english, japanese):
    event_date = parse_edtf(text)
    assert (format_date(event_date, "en"), format_date(event_date, "ja")) == (english, japanese)


def test_interval_dashes():
    """An en dash (spaced when a part holds a space) and a full-width tilde, never a hyphen or a wave dash."""
    assert format_date(parse_edtf("2025/2026"), "en") == "2025\u20132026"
    assert " \u2013 " in format_date(parse_edtf("2025-01-30/2025-02-02"), "en")
    assert "\uff5e" in format_date(parse_edtf("2025/2026"), "ja")


@given(st.dates(max_value=datetime.date(9999, 1, 1)), st.integers(0, 400), st.sampled_from(["", "?", "~", "%"]))
def test_a_range_of_days_loses_no_number(first, days, qualifier):
    """Whatever is left out of the end is what the start already says: the Japanese end is the end written in
    full less a leading part shared with the start, and the English text holds each end's day and year."""
    last = first + datetime.timedelta(days=days)
    text = f"{first.isoformat()}{qualifier}/{last.isoformat()}{qualifier}"
    start, end = parse_point(first.isoformat()), parse_point(last.isoformat())
    full_start, full_end = format_date(start, "ja"), format_date(end, "ja")
    japanese = format_date(parse_edtf(text), "ja").removesuffix("（不確か）").removesuffix("頃")
    if first == last:
        assert japanese == full_start
    else:
        head, tail = japanese.split("～")
        assert head == full_start and full_end.endswith(tail) and tail.endswith(f"{last.day}日")
    english = format_date(parse_edtf(text), "en")
    for day in (first, last):
        assert str(day.year) in english and str(day.day) in english


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


def _documented_examples() -> list[tuple[str, str, str]]:
    """(EDTF, English, Japanese) from every table of `timeline docs dates` with `--lang en` and `--lang ja` columns."""
    from importlib.resources import files

    rows, columns = [], None
    for line in (files("timeline") / "docs" / "dates.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")] if line.startswith("|") else None
        if cells is None:
            columns = None
        elif "`--lang en`" in cells:
            columns = (cells.index("`--lang en`"), cells.index("`--lang ja`"))
        elif columns and cells[0].startswith("`"):
            rows.append((cells[0].strip("`"), cells[columns[0]], cells[columns[1]]))
    return rows


DOCUMENTED = _documented_examples()


def test_the_dates_page_has_examples():
    assert len(DOCUMENTED) >= 25


@pytest.mark.parametrize(("text", "english", "japanese"), DOCUMENTED, ids=[row[0] for row in DOCUMENTED])
def test_the_dates_page_shows_what_the_tool_writes(text, english, japanese):
    event_date = parse_edtf(text)
    assert (format_date(event_date, "en"), format_date(event_date, "ja")) == (english, japanese)
