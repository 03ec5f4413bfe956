"""`timeline date TEXT`: the EDTF on stdout, how it reads on stderr (in --lang), exit 1 for what is not a date."""

from __future__ import annotations

import json
import re

import pytest

EVENTS = """\
version: 1
title: {ja: テスト, en: Test}
topics: {t: {ja: 話題, en: Topic}}
actors: {}
sources: {s: {publisher: Example, title: Headline, published: 2025-01-27, language: en}}
events:
"""
EVENT = """\
  - {{id: {id}, date: {date}, title: {{ja: 見出し, en: Title}}, summary: {{ja: 概要。, en: Summary.}}, topics: [t],
     citations: [{{source: s, quote: q}}]}}
"""


@pytest.mark.parametrize(("typed", "edtf", "explained"), [
    ("Q3 2025", "2025-07/2025-09", ["Q3 2025 reads as July–Sept. 2025 (interval, month precision)",
                                     "from July 1, 2025 to Sept. 30, 2025",
                                     "a quarter is not an EDTF date: Q3 2025 is written as the interval of its "
                                     "months, 2025-07/2025-09",
                                     "in an event file, write 2025-07/2025-09"]),
    ("令和7年5月", "2025-05", ["令和7年5月 reads as May 2025 (month precision)", "from May 1, 2025 to May 31, 2025",
                           "令和7年 is the year 2025", "in an event file, write 2025-05"]),
    ("2025-03-28 (approx)", "2025-03-28~", ["2025-03-28 (approx) reads as c. March 28, 2025 (day precision, "
                                            "approximate)", "on March 28, 2025",
                                            "'(approx)' is EDTF's ~ (approximate)",
                                            "in an event file, write 2025-03-28~"]),
    ("2025-05", "2025-05", ["2025-05 reads as May 2025 (month precision)", "from May 1, 2025 to May 31, 2025",
                            "in an event file, write 2025-05"]),
    ("Jan. 20-21, 2025", "2025-01-20/2025-01-21", ["Jan. 20-21, 2025 reads as Jan. 20–21, 2025 (interval, day "
                                                   "precision)", "from Jan. 20, 2025 to Jan. 21, 2025",
                                                   "in an event file, write 2025-01-20/2025-01-21"]),
    ("until Jan. 19, 2025", "../2025-01-19", ["until Jan. 19, 2025 reads as until Jan. 19, 2025 (interval, day "
                                              "precision, open start)", "until Jan. 19, 2025",
                                              "in an event file, write ../2025-01-19"]),
])
def test_the_edtf_goes_to_stdout_and_how_it_reads_to_stderr(run_cli, typed, edtf, explained):
    result = run_cli("date", typed)
    assert (result.exit_code, result.stdout) == (0, edtf + "\n")
    assert result.stderr.splitlines() == explained


def test_the_explanation_is_in_the_output_language(run_cli):
    result = run_cli("date", "2025年第3四半期", "--lang", "ja")
    assert result.stdout == "2025-07/2025-09\n"
    assert result.stderr.splitlines() == [
        "2025年第3四半期 は 2025年7月～9月（期間、精度：月）",
        "2025年7月1日から2025年9月30日まで",
        "四半期はEDTFの書式にないため、2025年第3四半期 はその3か月の期間 2025-07/2025-09 と書きます",
        "イベントファイルには 2025-07/2025-09 と書きます",
    ]
    assert run_cli("date", "Q3 2025", env={"TIMELINE_LANG": "ja"}).stderr.startswith("Q3 2025 は ")


def test_json_holds_the_edtf_the_bounds_and_what_was_assumed(run_cli):
    result = run_cli("date", "c. Q3 2025", "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 0 and result.stderr == ""
    assert {key: document[key] for key in ("typed", "edtf", "precision", "interval", "approximate", "uncertain",
                                            "earliest", "latest")} == {
        "typed": "c. Q3 2025", "edtf": "2025-07~/2025-09~", "precision": "month", "interval": True,
        "approximate": True, "uncertain": False, "earliest": "2025-07-01", "latest": "2025-09-30"}
    assert [assumed["kind"] for assumed in document["assumed"]] == ["approximate", "quarter"]
    assert document["explanation"][-1] == "in an event file, write 2025-07~/2025-09~"


@pytest.mark.parametrize(("typed", "message", "hint"), [
    ("soon", "Error: cannot read 'soon' as a date", "c. 2025 or 2025年頃 is 2025~ (approximate)"),
    ("平成31年5月", "Error: '平成31年5月': 平成 ended on 2019-04-30, so the date is not in it",
     "if 2019-05 is the date meant, write 2019-05"),
    ("2025-13", "Error: '2025-13': month 13 is out of range", "months are 01 to 12"),
    ("2025-09-01/02", "Error: '2025-09-01/02': EDTF writes the end of an interval in full",
     "write 2025-09-01/2025-09-02"),
    ("Dec. 30 – Jan. 2, 2025", "Error: 'Dec. 30 – Jan. 2, 2025': write the year of each end of the interval",
     "an interval is START/END"),
])
def test_what_is_not_a_date_is_exit_1_with_the_hint(run_cli, typed, message, hint):
    result = run_cli("date", typed)
    assert (result.exit_code, result.stdout) == (1, "")
    first, second = result.stderr.splitlines()[:2]
    assert first == message and second.startswith("  hint: ") and hint in second
    as_json = run_cli("date", typed, "--format", "json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["edtf"] is None


def test_from_takes_a_day_range_from_its_first_day(tmp_path, run_cli):
    events = tmp_path / "events.yaml"
    days = {"august": "2025-08-31", "september": "2025-09-01"}
    events.write_text(EVENTS + "".join(EVENT.format(id=name, date=date) for name, date in days.items()),
                      encoding="utf-8")
    result = run_cli("list", "-f", events, "--from", "Sept. 1-2, 2025", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert re.findall(r'"id": ?"([a-z]+)"', result.stdout) == ["september"]


def test_as_a_real_process_the_edtf_pipes_clean(run_subprocess):
    done = run_subprocess("date", "令和7年5月頃")
    assert (done.returncode, done.stdout) == (0, "2025-05~\n")
    assert "令和7年 is the year 2025" in done.stderr and "\x1b" not in done.stdout + done.stderr
