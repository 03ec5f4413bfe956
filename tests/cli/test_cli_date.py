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
    ("Feb 30 2025", "Error: 'Feb 30 2025' reads as '2025-02-30': day 30 is out of range for February 2025",
     "February 2025 has 28 days"),
    ("30 Feb 2025", "Error: '30 Feb 2025' reads as '2025-02-30': day 30 is out of range for February 2025",
     "February 2025 has 28 days"),
    ("2025-09-01/02", "Error: '2025-09-01/02': EDTF writes the end of an interval in full",
     "write 2025-09-01/2025-09-02"),
    ("Dec. 30 – Jan. 2, 2025", "Error: 'Dec. 30 – Jan. 2, 2025': write the year of each end of the interval",
     "an interval is START/END"),
])
def test_what_is_not_a_date_is_exit_1_with_the_hint(run_cli, typed, message, hint):
    result = run_cli("date", typed)
    assert (result.exit_code, result.stdout) == (1, "")
    first, second = result.stderr.splitlines()[:2]
    assert first == message and second.startswith("  hint: ") and hint in result.stderr.split("\n", 1)[1]
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


@pytest.mark.parametrize(("typed", "message", "hint"), [
    ("nonsense", "Error: 「nonsense」を日付として読めません", "使える書き方："),
    ("c. -2025", "Error: 「c. -2025」：マイナス記号の付いた年は紀元前の年より打ち間違いのことが多いので読みません",
     "紀元前2026年なら「紀元前2026年」と書いてください（イベントファイルではEDTFの -2025）"),
    ("11 12 2025", "Error: 「11 12 2025」は日と月のどちらが先か決められません",
     "2025-11-12 か 2025-12-11 と書くか、月を月名で書いてください：Nov 12 2025 または Dec 11 2025"),
    ("c. c. 2025", "Error: 「c. c. 2025」は「おおよそ」を二度書いています（「c.」と「c.」）", "一度だけ書いてください：2025~"),
    ("3rd 2025", "Error: 「3rd 2025」：「3rd」を日と読むのは月名と並べたときだけです", "月を書いてください"),
    ("2025,05", "Error: 「2025,05」：「05」が読み取った日付（2025）に入りません", "紛れなく書いてください"),
    ("平成31年5月", "Error: 「平成31年5月」：平成は2019-04-30に終わったので、この日付はその元号にありません",
     "2019-05 のことなら 2019-05 と書いてください"),
    ("2025年12月～2月", "年は2025年しか書かれていません", "2025-12から2026年にかけてなら 2025-12/2026-02 と書いてください"),
    ("Feb 30 2025", "Error: 「Feb 30 2025」は 2025-02-30 と読めますが、日付として正しくありません：", "February 2025 has 28 days"),
    ("2025年2月30日", "Error: 「2025年2月30日」は 2025-02-30 と読めますが、日付として正しくありません：",
     "February 2025 has 28 days"),
])
def test_why_a_date_is_refused_is_said_in_the_output_language(run_cli, typed, message, hint):
    result = run_cli("date", typed, "--lang", "ja")
    assert (result.exit_code, result.stdout) == (1, "")
    first, second = result.stderr.splitlines()[:2]
    assert first.startswith("Error: ") and message in first and second.startswith("  hint: ") and hint in second
    as_json = json.loads(run_cli("date", typed, "--lang", "ja", "--format", "json").stdout)
    assert message.removeprefix("Error: ") in as_json["error"] and hint in as_json["hint"]


@pytest.mark.parametrize(("typed", "first", "hint"), [
    ("2025-13", "Error: 「2025-13」は日付として読めません：13月という月はありません", "月は01～12"),
    ("2025-02-30", "Error: 「2025-02-30」は日付として読めません：2025年2月に30日はありません", "2025年2月は28日までです"),
    ("2025-25", "Error: 「2025-25」は日付として読めません：季節25はありません", "24（冬）"),
    ("-0001-06-01T12:00Z", "Error: 「-0001-06-01T12:00Z」は日付として読めません：時刻を付けられるのは0001年～9999年の日付だけです",
     "日付だけを書いてください：-0001-06-01"),
    ("2025-05/2025-01", "Error: 「2025-05/2025-01」は日付として読めません：期間の終わり（2025-01）が始め（2025-05）より前です",
     "2025-01/2025-05"),
])
def test_a_strict_parser_refusal_is_said_entirely_in_japanese(run_cli, typed, first, hint):
    """The EDTF parser's reasons were English inside a Japanese frame (「2025年13月」は…：'2025-13': month 13 ...):
    under --lang ja the whole refusal is Japanese."""
    result = run_cli("date", "--lang", "ja", "--", typed)
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and lines[0] == first and hint in lines[1]
    assert not re.search(r"[A-Za-z]{3,}", lines[0].removeprefix("Error: ").replace(typed, "")), lines[0]


@pytest.mark.parametrize("command", [["list"], ["chronology"], ["topics"]])
def test_a_bad_from_is_one_short_error_line_with_the_forms_in_the_hint(run_cli, command):
    result = run_cli(*command, "--from", "someday")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: invalid value for --from: cannot read 'someday' as a date"
    assert lines[1].startswith("  hint: accepted forms: 2025-05-13") and all(line.startswith("        ")
                                                                               for line in lines[2:])
    assert "`timeline date TEXT` shows how a date is read" in lines[-1]


@pytest.mark.parametrize(("option", "typed", "first"), [
    ("--from", "c. -2030", "Error: 「--from」の値が正しくありません：「c. -2030」：マイナス記号の付いた年は紀元前の年より打ち間違いのことが多いので読みません"),
    ("--to", "11 12 2025", "Error: 「--to」の値が正しくありません：「11 12 2025」は日と月のどちらが先か決められません"),
    ("--from", "someday", "Error: 「--from」の値が正しくありません：「someday」を日付として読めません"),
])
def test_a_bad_from_or_to_is_said_in_the_output_language(run_cli, option, typed, first):
    result = run_cli("list", option, typed, "--lang", "ja")
    assert result.exit_code == 2 and result.stderr.splitlines()[0] == first
    assert run_cli("list", option, typed, env={"TIMELINE_LANG": "ja"}).stderr.splitlines()[0] == first


@pytest.mark.parametrize("arguments", [["-2025"], ["--", "-2025"], ["-2025", "--lang", "en"], ["c. -2025"],
                                       ["3rd March -2025"], ["2024/-2025"]])
def test_a_typed_negative_year_is_refused_as_a_likely_slip(run_cli, arguments):
    """`timeline date -- -2025` said "2026 B.C.": a minus typed before a year is more often a slip than a year
    B.C., so it is refused with the forms that say B.C. (without `--` it was click's 'no such option: -2')."""
    result = run_cli("date", *arguments)
    assert (result.exit_code, result.stdout) == (1, ""), result.stderr
    first, hint = result.stderr.splitlines()[:2]
    assert first.endswith("a year typed with a minus sign is more often a slip than a year B.C.")
    assert hint == "  hint: for the year 2026 B.C. type 2026 B.C. (in an event file, EDTF -2025); for the year 2025, " \
        "leave out the '-'"


def test_the_hint_for_a_short_negative_year_names_its_padded_edtf_and_its_year_bc(run_cli):
    """The hint for -499 said "-0490 is 491 BCE": it is -0499, 500 B.C. as the output writes it."""
    assert "for the year 500 B.C. type 500 B.C. (in an event file, EDTF -0499)" in run_cli("date", "--", "-499").stderr


@pytest.mark.parametrize(("typed", "edtf"), [("-0499", "-0499"), ("c. -0499", "-0499~"), ("-0499-03-15", "-0499-03-15")])
def test_edtf_padded_negative_year_is_deliberate_and_read(run_cli, typed, edtf):
    result = run_cli("date", "--", typed)
    assert (result.exit_code, result.stdout) == (0, edtf + "\n"), result.stderr


def test_a_negative_year_in_from_is_refused_not_read_as_a_positive_one(run_cli):
    """`--from=-2030` was once read as 2030 and listed nothing, silently; now it is refused as a likely slip."""
    result = run_cli("list", "--from=-2030", "--format", "jsonl")
    assert result.exit_code == 2 and "a year typed with a minus sign" in result.stderr
    result = run_cli("list", "--from=-2030-01", "--format", "jsonl")
    assert result.exit_code == 2
    result = run_cli("list", "--from=2031 B.C.", "--format", "jsonl")
    assert result.exit_code == 0 and result.stdout.count("\n") == run_cli("list", "--format", "jsonl").stdout.count("\n")
