"""Times of day in every output, through the command line, on tests/data/good/times.yaml (one day in several zones,
`timezone: America/New_York`): list (table, JSON, CSV), show, chronology, the HTML page's <time datetime>, ICS read
back by icalendar, TimelineJS's date parts read back by import, SQLite, Mermaid, diff; --tz everywhere --lang is,
--from/--to with times, and `timeline date` with a time."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from conftest import GOOD

TIMES = GOOD / "times.yaml"
ORDER = ["oct-9", "tokyo-open", "london-noon", "tariff-post", "liquidations", "new-york-evening", "oct-10-untimed",
         "tokyo-next-morning"]


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def ids_listed(run_cli, *args: str) -> list[str]:
    rows = csv.DictReader(io.StringIO(ok(run_cli("list", "-f", TIMES, "--format", "csv", *args)).stdout))
    return [row["id"] for row in rows]


def test_list_json_carries_the_instant_and_the_zone_as_written(run_cli):
    events = json.loads(ok(run_cli("list", "-f", TIMES, "--format", "json")).stdout)["events"]
    dates = {event["id"]: event["date"] for event in events}
    assert [event["id"] for event in events] == ORDER
    assert dates["tariff-post"] | {} == {**dates["tariff-post"], "text": "2025-10-10T15:05:00-04:00",
                                         "instant": "2025-10-10T19:05:00Z", "zone": "-04:00",
                                         "display": "3:05 p.m. UTC-4, Oct. 10, 2025"}
    assert (dates["new-york-evening"]["instant"], dates["new-york-evening"]["zone"]) == ("2025-10-11T01:30:00Z",
                                                                                         "America/New_York")
    assert "instant" not in dates["oct-10-untimed"] and "zone" not in dates["oct-10-untimed"]


def test_tz_shows_every_time_in_the_readers_zone_with_the_time_as_written(run_cli):
    rows = csv.DictReader(io.StringIO(ok(run_cli("list", "-f", TIMES, "--format", "csv", "--tz", "Asia/Tokyo")).stdout))
    dates = {row["id"]: row["date"] for row in rows}
    assert dates["tariff-post"] == "4:05 a.m. JST, Oct. 11, 2025 (as written: 3:05 p.m. UTC-4, Oct. 10, 2025)"
    assert dates["oct-10-untimed"] == "Oct. 10, 2025"  # a day is not a moment
    shown = json.loads(ok(run_cli("show", "tariff-post", "-f", TIMES, "-l", "ja", "--tz", "Asia/Tokyo", "--format",
                                  "json")).stdout)
    assert shown["event"]["date"]["display"] == "2025年10月11日午前4時5分（日本時間。原文は2025年10月10日午後3時5分、UTC-4）"


def test_a_later_run_without_tz_shows_the_times_as_written(run_cli):
    ok(run_cli("list", "-f", TIMES, "--tz", "Asia/Tokyo"))
    assert "3:05 p.m. UTC-4, Oct. 10, 2025" in ok(run_cli("show", "tariff-post", "-f", TIMES)).stdout


@pytest.mark.parametrize("command", [["list"], ["show", "tariff-post"], ["topics"], ["chronology"], ["html"],
                                     ["export", "ics"], ["diff", str(TIMES), str(TIMES)], ["date", "2025"]])
def test_a_bad_zone_is_a_usage_error_with_the_closest_names(run_cli, command):
    files = [] if command[0] in ("diff", "date") else ["-f", TIMES]
    result = run_cli(*command, *files, "--tz", "Asia/Tokio")
    assert result.exit_code == 2
    assert "Asia/Tokyo" in result.stderr and "Traceback" not in result.stderr


def test_the_markdown_chronology_lists_the_day_by_time(run_cli):
    text = ok(run_cli("chronology", "-f", TIMES)).stdout
    heads = re.findall(r"^- \*\*(.+?)\*\*", text, re.MULTILINE)
    assert heads[1:4] == ["9 a.m. UTC+9, Oct. 10, 2025", "Noon GMT, Oct. 10, 2025", "3:05 p.m. UTC-4, Oct. 10, 2025"]
    assert heads[6] == "Oct. 10, 2025"  # the untimed event after the day's timed ones


def test_the_html_page_states_each_moment_with_its_offset(run_cli, tmp_path):
    page = tmp_path / "page.html"
    ok(run_cli("html", "-f", TIMES, "-o", page))
    stamps = re.findall(r'<time datetime="([^"]+)">', page.read_text(encoding="utf-8"))
    assert {"2025-10-10T15:05:00-04:00", "2025-10-10T12:00:00Z", "2025-10-10T09:00:00+09:00",
            "2025-10-10T21:30:00-04:00", "2025-10-10"} <= set(stamps)
    ok(run_cli("html", "-f", TIMES, "-o", page, "--tz", "Asia/Tokyo"))
    text = page.read_text(encoding="utf-8")
    assert '<time datetime="2025-10-10T15:05:00-04:00">4:05 a.m. JST, Oct. 11, 2025 (as written: 3:05 p.m. UTC-4, ' \
           'Oct. 10, 2025)</time>' in text


def test_ics_makes_a_timed_event_at_its_instant(run_cli, tmp_path):
    icalendar = pytest.importorskip("icalendar", reason="icalendar is a test dependency (the export's own library)")
    out = tmp_path / "times.ics"
    ok(run_cli("export", "ics", "-f", TIMES, "-o", out))
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    start = events["tariff-post"].decoded("DTSTART")
    assert start.isoformat() == "2025-10-10T19:05:00+00:00" and "DTEND" not in events["tariff-post"]
    assert "3:05 p.m. UTC-4, Oct. 10, 2025" in str(events["tariff-post"]["DESCRIPTION"])  # the zone as written
    assert events["new-york-evening"].decoded("DTSTART").isoformat() == "2025-10-11T01:30:00+00:00"
    untimed = events["oct-10-untimed"]
    assert (untimed.decoded("DTSTART").isoformat(), untimed.decoded("DTEND").isoformat()) == ("2025-10-10",
                                                                                              "2025-10-11")


def test_timelinejs_gets_the_hour_minute_and_second_and_import_reads_them_back(run_cli, tmp_path):
    out = tmp_path / "times.json"
    ok(run_cli("export", "timelinejs", "-f", TIMES, "-o", out))
    slides = {slide["unique_id"]: slide for slide in json.loads(out.read_text(encoding="utf-8"))["events"]}
    assert slides["tariff-post"]["start_date"] == {"year": 2025, "month": 10, "day": 10, "hour": 15, "minute": 5,
                                                   "second": 0}
    assert slides["tariff-post"]["display_date"] == "3:05 p.m. UTC-4, Oct. 10, 2025"
    assert slides["oct-10-untimed"]["start_date"] == {"year": 2025, "month": 10, "day": 10}
    for fmt, name in (("timelinejs", "times.json"), ("timelinejs-csv", "times.csv")):
        if fmt == "timelinejs-csv":
            ok(run_cli("export", "timelinejs-csv", "-f", TIMES, "-o", tmp_path / name))
        written = ok(run_cli("import", fmt, tmp_path / name, "-o", "-")).stdout
        dates = re.findall(r"^    date: (.+)$", written, re.MULTILINE)
        assert sorted(dates) == sorted(["2025-10-09", "2025-10-10T09:00:00+09:00", "2025-10-10T12:00:00Z",
                                        "2025-10-10T15:05:00-04:00", "2025-10-10T16:00:00-04:00",
                                        "2025-10-10T21:30:00-04:00", "2025-10-10", "2025-10-11T08:00:00+09:00"]), fmt


def test_timelinejs_exported_with_tz_still_reads_back_as_written(run_cli, tmp_path):
    out = tmp_path / "times.json"
    ok(run_cli("export", "timelinejs", "-f", TIMES, "-o", out, "--tz", "Asia/Tokyo"))
    written = ok(run_cli("import", "timelinejs", out, "-o", "-")).stdout
    assert "date: 2025-10-10T15:05:00-04:00" in written


def test_sqlite_has_the_instant_and_the_zone(run_cli, tmp_path):
    out = tmp_path / "times.db"
    ok(run_cli("export", "sqlite", "-f", TIMES, "-o", out))
    with sqlite3.connect(out) as db:
        rows = dict((row[0], row[1:]) for row in db.execute("select id, instant, zone from events"))
    assert rows["tariff-post"] == ("2025-10-10T19:05:00Z", "-04:00")
    assert rows["oct-10-untimed"] == (None, None)


def test_mermaid_shows_the_times(run_cli, tmp_path):
    text = ok(run_cli("export", "mermaid", "-f", TIMES, "-o", "-")).stdout
    assert "Noon GMT, Oct. 10, 2025 - London noon" in text


def test_diff_says_a_time_change_in_words(run_cli, tmp_path):
    changed = tmp_path / "changed.yaml"
    changed.write_text(TIMES.read_text(encoding="utf-8").replace("2025-10-10T15:05:00-04:00",
                                                                 "2025-10-10T15:35:00-04:00"), encoding="utf-8")
    result = run_cli("diff", TIMES, changed)
    assert "time of day changed from 3:05 p.m. UTC-4 to 3:35 p.m. UTC-4" in result.stdout
    japanese = run_cli("diff", TIMES, changed, "-l", "ja").stdout
    assert "時刻を午後3時5分（UTC-4）から午後3時35分（UTC-4）に変更" in japanese


FILTERS = [
    (["--from", "2025-10-10T15:00-04:00"], ORDER[3:]),
    (["--from", "2025-10-10T15:00-04:00", "--strict-dates"], ["tariff-post", "liquidations", "new-york-evening",
                                                              "tokyo-next-morning"]),
    (["--to", "Oct. 10, 2025 noon GMT"], ["oct-9", "tokyo-open", "london-noon", "oct-10-untimed"]),
    (["--to", "Oct. 10, 2025 noon GMT", "--strict-dates"], ["oct-9", "tokyo-open", "london-noon"]),
    # 12:00 to 20:00 UTC; Tokyo's next morning is 23:00 UTC, after the window, though written on Oct. 11
    (["--from", "2025-10-10 12:00Z", "--to", "2025-10-10T16:00-04:00"], ["london-noon", "tariff-post", "liquidations",
                                                                          "oct-10-untimed"]),
    (["--from", "2025年10月10日午後9時（米東部時間）"], ["new-york-evening", "oct-10-untimed"]),
    (["--to", "2025-10-10"], ORDER[:-1]),  # a day compares days, whatever the times
]


@pytest.mark.parametrize(("args", "kept"), FILTERS)
def test_from_and_to_accept_times(run_cli, args, kept):
    assert ids_listed(run_cli, *args) == kept


def test_a_window_of_two_swapped_moments_is_refused(run_cli):
    result = run_cli("list", "-f", TIMES, "--from", "2025-10-10T16:00Z", "--to", "2025-10-10T15:00Z")
    assert result.exit_code == 2 and "swap the two dates" in result.stderr


def test_a_time_without_a_zone_in_from_is_a_usage_error(run_cli):
    result = run_cli("list", "-f", TIMES, "--from", "Oct. 10, 2025 3pm")
    assert result.exit_code == 2 and "needs its zone" in result.stderr


def test_timeline_date_shows_what_a_typed_time_becomes(run_cli):
    result = ok(run_cli("date", "Oct. 10, 2025 3pm ET"))
    assert result.stdout == "2025-10-10T15:00:00-04:00\n"
    assert "ET is the offset its zone had that day: -04:00 (America/New_York)" in result.stderr
    assert "the moment 2025-10-10T19:00:00Z in UTC" in result.stderr
    document = json.loads(ok(run_cli("date", "3:05 p.m. ET, Oct. 10, 2025", "--format", "json", "--tz",
                                     "Asia/Tokyo")).stdout)
    assert document["edtf"] == "2025-10-10T15:05:00-04:00" and document["instant"] == "2025-10-10T19:05:00Z"
    assert document["reads_as"].startswith("4:05 a.m. JST, Oct. 11, 2025")


def test_normalize_writes_a_days_events_in_the_one_order(run_cli, tmp_path):
    copy = tmp_path / "times.yaml"  # the New York evening with its offset written, so the file needs no timezone
    copy.write_text(TIMES.read_text(encoding="utf-8").replace("timezone: America/New_York\n", "").replace(
        "date: 2025-10-10T21:30:00\n", "date: 2025-10-10T21:30:00-04:00\n"), encoding="utf-8")
    ok(run_cli("normalize", copy))
    ids = re.findall(r"^  - id: (.+)$", copy.read_text(encoding="utf-8"), re.MULTILINE)
    assert ids == ORDER
