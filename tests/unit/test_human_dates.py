"""Dates as people type them: quarters, Japanese era years, qualifier words (dates/human.py, dates/japanese.py),
in --from/--to and in the hint for a date in an event file that is not EDTF."""

from __future__ import annotations

import re
import unicodedata

import pytest

from timeline.dates import DateError, ranges
from timeline.dates import parse_edtf
from timeline.dates.human import read_date
from timeline.render.dates import format_date
from timeline.reference import read

DOCS_ROWS = re.findall(r"^\| (`.+`) \| (`[^|]+`(?: \(.*\))?) \|$",
                       read("dates").split("## On the command line", 1)[1], re.MULTILINE)


@pytest.mark.parametrize(("typed", "edtf", "assumed"), [
    ("Q3 2025", "2025-07/2025-09", ["quarter"]),
    ("q1 2025", "2025-01/2025-03", ["quarter"]),
    ("2025-Q4", "2025-10/2025-12", ["quarter"]),
    ("4Q2025", "2025-10/2025-12", ["quarter"]),
    ("second quarter of 2025", "2025-04/2025-06", ["quarter"]),
    ("2025年第3四半期", "2025-07/2025-09", ["quarter"]),
    ("２０２５年第３四半期", "2025-07/2025-09", ["quarter"]),
    ("2025年第三四半期", "2025-07/2025-09", ["quarter"]),
    ("2025年7～9月期", "2025-07/2025-09", ["months"]),
    ("令和7年5月", "2025-05", ["era"]),
    ("令和元年", "2019", ["era"]),
    ("令和元年5月1日", "2019-05-01", ["era"]),
    ("令和七年五月十三日", "2025-05-13", ["era"]),
    ("平成元年", "1989", ["era"]),
    ("平成31年4月30日", "2019-04-30", ["era"]),
    ("昭和64年1月7日", "1989-01-07", ["era"]),
    ("R7.5.13", "2025-05-13", ["era"]),
    ("令和7年第3四半期", "2025-07/2025-09", ["era", "quarter"]),
    ("令和7年夏", "2025-22", ["era", "season"]),
    ("2025-03-28 (approx)", "2025-03-28~", ["approximate"]),
    ("2025-03-28 (approx.)", "2025-03-28~", ["approximate"]),
    ("c. May 2025", "2025-05~", ["approximate"]),
    ("circa 2025", "2025~", ["approximate"]),
    ("2025年5月頃", "2025-05~", ["approximate"]),
    ("2025年5月ごろ", "2025-05~", ["approximate"]),
    ("令和7年5月頃", "2025-05~", ["approximate", "era"]),
    ("May 2025?", "2025-05?", ["uncertain"]),
    ("推定2025年", "2025?", ["uncertain"]),
    ("2025年5月（推定）", "2025-05?", ["uncertain"]),
    ("c. 2025-05?", "2025-05%", ["approximate", "uncertain"]),
    ("c. Q3 2025", "2025-07~/2025-09~", ["approximate", "quarter"]),
    ("2025-05", "2025-05", []),  # EDTF as it is
    ("May 13, 2025", "2025-05-13", []),
    ("summer 2025", "2025-22", ["season"]),
])
def test_typed_dates_read_as_edtf_with_what_was_assumed(typed, edtf, assumed):
    reading = read_date(typed)
    assert reading.edtf == edtf
    assert [assumption.kind for assumption in reading.assumed] == assumed


@pytest.mark.parametrize(("typed", "edtf"), [
    ("Jan. 20-21, 2025", "2025-01-20/2025-01-21"),
    ("May 5-6, 2025", "2025-05-05/2025-05-06"),
    ("Sept. 1-2, 2025", "2025-09-01/2025-09-02"),
    ("March 3 - 5, 2025", "2025-03-03/2025-03-05"),
    ("20–21 Jan. 2025", "2025-01-20/2025-01-21"),
    ("Jan. 30 – Feb. 2, 2025", "2025-01-30/2025-02-02"),
    ("Dec. 30, 2024 – Jan. 2, 2025", "2024-12-30/2025-01-02"),
    ("July–Sept. 2025", "2025-07/2025-09"),
    ("July 2025 to Sept. 2025", "2025-07/2025-09"),
    ("from 2025-05 to 2025-07", "2025-05/2025-07"),
    ("2025-05-13 to 2025-05-20", "2025-05-13/2025-05-20"),
    ("Summer–autumn 2025", "2025-22/2025-23"),
    ("2025–2026", "2025/2026"),
    ("until Jan. 19, 2025", "../2025-01-19"),
    ("before Jan. 19, 2025", "../2025-01-19"),
    ("from July 2025", "2025-07/.."),
    ("since July 2025", "2025-07/.."),
    ("c. Jan. 20–21, 2025", "2025-01-20~/2025-01-21~"),  # a range written once: its qualifier is both ends'
    ("c. Jan. 2025 – March 2025?", "2025-01~/2025-03?"),  # ends written in full: each its own
    ("2025年1月20日～21日", "2025-01-20/2025-01-21"),
    ("2025年1月20日〜21日", "2025-01-20/2025-01-21"),
    ("2025年7月～9月", "2025-07/2025-09"),
    ("2025年夏～秋", "2025-22/2025-23"),
    ("2025年7月以降", "2025-07/.."),
    ("2025年1月19日まで", "../2025-01-19"),
    ("May-2025", "2025-05"),  # a month and its year, not an interval
])
def test_ranges_as_people_write_them_read_as_intervals(typed, edtf):
    assert read_date(typed).edtf == edtf


@pytest.mark.parametrize("edtf", [
    "2025-01-20/2025-01-21", "2025-01-30/2025-02-02", "2024-12-30/2025-01-02", "2025-07/2025-09", "2024-11/2025-02",
    "2025-22/2025-23", "2024-24/2025-21", "2025/2026", "2025-01-20~/2025-01-21~", "2025-07?/2025-09?",
    "2025-01~/2025-03?", "2025-01/2025-03-05", "2025-01-20~/2025-01-21", "../2025-01-19", "2025-07/..", "/2025-01",
    "2025-01/", "2025~/..", "2025-01-20/2025-01-20",
])
def test_what_the_english_display_writes_reads_back(edtf):
    """render/dates.py writes intervals as editors do; the reader takes each back to the same EDTF (a one-day
    interval displays as that day, so it reads back as the day)."""
    shown = format_date(parse_edtf(edtf), "en")
    expected = "2025-01-20" if edtf == "2025-01-20/2025-01-20" else edtf
    assert read_date(shown).edtf == expected, shown


@pytest.mark.parametrize(("typed", "message", "hint"), [
    ("Dec. 30 – Jan. 2, 2025", "write the year of each end of the interval", "an interval is START/END"),
    ("2025-09-01/02", "end of an interval in full", "write 2025-09-01/2025-09-02"),
    ("平成31年5月", "平成 ended on 2019-04-30, so the date is not in it", "if 2019-05 is the date meant, write 2019-05"),
    ("令和元年4月", "令和 began on 2019-05-01", "write 2019-04"),
    ("2025年度第3四半期", "a fiscal year (年度) is not a calendar year", "write the months as EDTF"),
    ("05/06/2025", "ambiguous", "May 6 2025 or Jun 5 2025"),
    ("soon", "cannot read 'soon' as a date", "2025年頃 is 2025~ (approximate)"),
    ("Q5 2025", "cannot read", "accepted forms"),
])
def test_what_cannot_be_read_is_refused_with_the_forms_that_can(typed, message, hint):
    with pytest.raises(DateError) as refused:
        read_date(typed)
    assert message in refused.value.message and hint in refused.value.hint


@pytest.mark.parametrize(("typed", "read_as"), DOCS_ROWS)
def test_every_row_of_the_documented_table_reads_as_documented(typed, read_as):
    """`timeline docs dates` lists what --from/--to read: each form in a row reads as the EDTF in its column."""
    forms = re.findall(r"`([^`]+)`", typed)
    edtfs = re.findall(r"`([^`]+)`", read_as)
    edtfs = edtfs * len(forms) if len(edtfs) == 1 else edtfs
    assert [read_date(form).edtf for form in forms] == edtfs


def test_the_documented_table_is_found():
    assert len(DOCS_ROWS) >= 10


EVENTS = """\
version: 1
title: {{ja: テスト, en: Test}}
topics:
  t: {{ja: 話題, en: Topic}}
actors: {{}}
sources:
  s:
    publisher: Example
    title: Headline
    published: 2025-01-27
    language: en
events:
{events}
"""
EVENT = """\
  - id: {id}
    date: {date}
    title: {{ja: 見出し, en: Title}}
    summary: {{ja: 概要。, en: Summary.}}
    topics: [t]
    citations:
      - source: s
        quote: "q"
"""


@pytest.mark.parametrize(("typed", "hint"), [
    ("2025-03-28 (approx)", "write 2025-03-28~"),
    ("Q3 2025", "write 2025-07/2025-09"),
    ("令和7年5月", "write 2025-05"),
    ("2025年5月頃", "write 2025-05~"),
    ("２０２５年５月", "write 2025-05"),
    ("until Jan. 19, 2025", "write ../2025-01-19"),
    ("from July 2025", "write 2025-07/.."),
    ("July 2025 to Sept. 2025", "write 2025-07/2025-09"),
    ("July–Aug. 2025", "write 2025-07/2025-08"),
    ("Aug.–Dec. 2025", "write 2025-08/2025-12"),
    ("Jan. 20–21, 2025", "write 2025-01-20/2025-01-21"),
    ("Summer–autumn 2025", "write 2025-22/2025-23 (21 spring, 22 summer, 23 autumn, 24 winter)"),
    ("2025-09-01/02", "write 2025-09-01/2025-09-02"),
    # not readable whole: the hint says the form, and offers no part of the text as the answer
    ("Dec. 30 – Jan. 2, 2025", "an interval is START/END, e.g. 2025-07/2025-09; an open end is 2025-07/.. (from) "
                               "or ../2025-07 (until)"),
    ("from the spring until Sept. 2025", "an interval is START/END, e.g. 2025-07/2025-09; an open end is 2025-07/.. "
                                         "(from) or ../2025-07 (until)"),
    # refused as typed dates: the hint offers EDTF only where it states the same fact, or the generic form
    ("2025年12月～2月", "if it runs from 2025-12 into 2026, write 2025-12/2026-02"),
    ("c. c. 2025", "say it once: 2025~"),
    ("11 12 2025", "write an EDTF date such as 2025-01-20, 2025-01, 2025 or 2025-22 (summer 2025)"),
    ("2025,05", "write an EDTF date such as 2025-01-20, 2025-01, 2025 or 2025-22 (summer 2025)"),
    ("3rd 2025", "write an EDTF date such as 2025-01-20, 2025-01, 2025 or 2025-22 (summer 2025)"),
])
def test_a_typed_date_in_an_event_file_is_refused_with_its_edtf_spelling(tmp_path, run_cli, typed, hint):
    events = tmp_path / "events.yaml"
    events.write_text(EVENTS.format(events=EVENT.format(id="e", date=f"'{typed}'")), encoding="utf-8")
    result = run_cli("validate", events)
    assert result.exit_code == 1
    assert "error[bad-date]" in result.stdout and f"  hint: {hint}\n" in result.stdout


def test_from_and_to_take_a_quarter_as_its_months(tmp_path, run_cli):
    dates = {"june": "2025-06-30", "july": "2025-07-01", "september": "2025-09-30", "october": "2025-10-01",
             "quarter": "2025-07/2025-09"}
    events = tmp_path / "events.yaml"
    events.write_text(EVENTS.format(events="".join(EVENT.format(id=name, date=date) for name, date in dates.items())),
                      encoding="utf-8")
    result = run_cli("list", "-f", events, "--from", "Q3 2025", "--to", "2025年第3四半期", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert re.findall(r'"id": ?"([a-z]+)"', result.stdout) == ["july", "quarter", "september"]
    era = run_cli("list", "-f", events, "--from", "令和7年7月", "--to", "令和7年9月", "--format", "jsonl")
    assert re.findall(r'"id": ?"([a-z]+)"', era.stdout) == ["july", "quarter", "september"]


def test_a_date_refused_in_from_names_the_qualifier_spelling(tmp_path, run_cli):
    result = run_cli("list", "--from", "around then")
    assert result.exit_code == 2
    assert "c. 2025 or 2025年頃 is 2025~" in result.stderr and "Q3 2025" in result.stderr


def test_typed_forms_never_fill_in_today():
    """A quarter or an era year without a year is refused, not completed from the calendar."""
    for typed in ("Q3", "第3四半期", "令和年5月", "5月頃"):
        with pytest.raises(DateError):
            read_date(typed)



@pytest.mark.parametrize(("typed", "message", "hint"), [
    # a signed year: dateutil reads '-2025' as 2025
    ("c. -2025", "'c. -2025': a year typed with a minus sign is more often a slip than a year B.C.",
     "for the year 2026 B.C. type 2026 B.C."),
    ("3rd March -2025", "a year typed with a minus sign", "for the year 2025, leave out the '-'"),
    ("-2025", "a year typed with a minus sign", "(in an event file, EDTF -2025)"),
    ("-499", "a year typed with a minus sign", "type 500 B.C. (in an event file, EDTF -0499)"),
    ("+2025", "'+2025': a year is written without a '+'", "write 2025"),
    # day and month as numbers up to 12, whatever separates them
    ("11 12 2025", "'11 12 2025' is ambiguous", "write 2025-11-12 or 2025-12-11, or the month in words: Nov 12 2025 "
                                                "or Dec 11 2025"),
    ("11.12.2025", "is ambiguous", "Nov 12 2025 or Dec 11 2025"),
    ("11-12-2025", "is ambiguous", "Nov 12 2025 or Dec 11 2025"),
    ("11/12/2025", "is ambiguous", "Nov 12 2025 or Dec 11 2025"),
    ("1.2.2025", "is ambiguous", "write 2025-01-02 or 2025-02-01"),
    # a month as a number outside the numeric shapes
    ("5, 2025", "a month written as a number is read only in the shapes", "write the month in words"),
    ("11 12, 2025", "a month written as a number is read only in the shapes", "2025-05-13"),
    # every number typed is part of the date read
    ("2025,05", "'2025,05': '05' would be left out of the date it reads as (2025)", "2025-12-11 or Dec 11 2025"),
    # an ordinal is a day only next to a month name
    ("3rd 2025", "'3rd 2025': '3rd' is read as a day only next to a month name", "May 3, 2025"),
    ("21st 2025", "'21st' is read as a day only next to a month name", "2025-05-03"),
    # a qualifier said twice
    ("c. c. 2025", "'c. c. 2025' says approximate twice ('c.' and 'c.')", "say it once: 2025~"),
    ("c. 2025~", "says approximate twice ('c.' and '~')", "say it once: 2025~"),
    ("approx. 2025%", "says approximate twice ('approx.' and '%')", "say it once: 2025%"),
    ("2025? (uncertain)", "says uncertain twice", "say it once: 2025?"),
    ("推定2025年?", "says uncertain twice ('推定' and '?')", "say it once: 2025?"),
    ("c. 2025年頃", "says approximate twice ('c.' and '頃')", "say it once: 2025~"),
    ("c. c. Jan. 20–21, 2025", "says approximate twice ('c.' and 'c.')", "say it once: c. Jan. 20"),
    ("c. 2025-01~/2025-03", "says approximate twice ('c.' and '~')", "say it once: 2025-01~/2025-03~"),
    # months across a year end: the year of the end is not written
    ("2025年12月～2月", "the months run across a year end, and the text gives only the year 2025",
     "if it runs from 2025-12 into 2026, write 2025-12/2026-02"),
    # EDTF-shaped: EDTF's diagnosis, never dateutil's guess
    ("2025-13-05", "'2025-13-05': month 13 is out of range", "months are 01 to 12"),
    # a month name with a day the month lacks: the same reason as 2025-02-30, not "cannot read"
    ("Feb 30 2025", "'Feb 30 2025' reads as '2025-02-30': day 30 is out of range for February 2025",
     "February 2025 has 28 days"),
    ("30 Feb 2025", "day 30 is out of range for February 2025", "February 2025 has 28 days"),
    ("February 29, 2023", "day 29 is out of range for February 2023", "February 2023 has 28 days"),
    ("April 31st, 2025", "day 31 is out of range for April 2025", "April 2025 has 30 days"),
    ("c. Sept. 31, 2025", "day 31 is out of range for September 2025", "September 2025 has 30 days"),
    ("Feb 32 2025", "cannot read 'Feb 32 2025' as a date", "accepted forms"),  # no month has a 32nd
    ("2025-05-13?~", "use one qualifier", "write 2025-05-13%"),
    ("2025/05/13/", "a month written as a number", "2025-05-13"),
    ("until 1, 2025", "cannot read 'until 1, 2025' as a date", "accepted forms"),
])
def test_what_could_be_read_wrong_is_refused_with_the_unambiguous_forms(typed, message, hint):
    """A wrong date is worse than a refusal: each of these reads as a date under dateutil, a wrong one."""
    with pytest.raises(DateError) as refused:
        read_date(typed)
    assert message in refused.value.message and hint in refused.value.hint


@pytest.mark.parametrize(("typed", "edtf"), [
    ("13 12 2025", "2025-12-13"),  # 13 is no month
    ("13.12.2025", "2025-12-13"),
    ("1/1/2025", "2025-01-01"),  # either way round, the same day
    ("2025 11 12", "2025-11-12"),  # the year first: year, month, day
    ("2025/11/12", "2025-11-12"),
    ("2025.11.12", "2025-11-12"),
    ("2025-1-5", "2025-01-05"),  # unpadded, the year first
    ("2025/5", "2025-05"),
    ("05/2025", "2025-05"),
    ("May 3rd, 2025", "2025-05-03"),
    ("3rd May 2025", "2025-05-03"),
    ("3rd of May 2025", "2025-05-03"),
    ("c. 2025?", "2025%"),  # approximate and uncertain: EDTF's %
    ("c. 2025-01/2025-03?", "2025-01%/2025-03%"),
    ("2025年12月～2026年2月", "2025-12/2026-02"),
    ("Jan. 20 -21, 2025", "2025-01-20/2025-01-21"),  # '-21' is a day here, not a negative year
])
def test_what_says_one_date_is_read(typed, edtf):
    assert read_date(typed).edtf == edtf


def _documented_forms() -> list[str]:
    return [unicodedata.normalize("NFKC", form) for typed, _ in DOCS_ROWS for form in re.findall(r"`([^`]+)`", typed)]


@pytest.mark.parametrize("word", [*ranges.SEPARATOR_WORDS, *ranges.CLOSED_PREFIXES, *ranges.UNTIL_WORDS,
                                  *ranges.FROM_WORDS])
def test_every_word_that_makes_an_interval_is_in_the_documented_table(word):
    """The table of `timeline docs dates` shows every range form the reader takes (and the row test checks that
    each reads as documented): a word added to ranges.py and not to the docs fails here."""
    assert any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", form, re.IGNORECASE) for form in _documented_forms())


@pytest.mark.parametrize("mark", [*ranges.SEPARATOR_MARKS, *ranges.UNTIL_SUFFIXES, *ranges.FROM_SUFFIXES])
def test_every_mark_that_makes_an_interval_is_in_the_documented_table(mark):
    assert any(mark in form for form in _documented_forms())
