"""Every EDTF level 0-1 form in a real file, through validate, every listing and every export: times and the file's
`timezone`, years before year 1 and beyond 9999, unspecified digits (the forms: tests/unit/test_edtf_levels.py)."""

from __future__ import annotations

import json

import pytest

from timeline.cache import codec
from timeline.pipeline import validate_paths

HEAD = """\
version: 1
title: {{ja: テスト, en: Test}}
{timezone}topics:
  t: {{ja: 話題, en: Topic}}
sources:
  s:
    publisher: Example
    title: Headline
    published: 2025-01-27
    language: en
events:
"""
EVENT = """\
  - id: {id}
    date: '{date}'
    status: scheduled
    title: {{ja: 見出し, en: Title}}
    summary: {{ja: 概要。, en: Summary.}}
    topics: [t]
    citations:
      - source: s
        quote: "q"
"""
FORMS = ("-0499", "0000", "Y170000002", "Y-170000002", "199X", "16XX~", "1999-XX", "1999-01-XX", "1999-XX-XX",
         "-19XX", "2001-02-03T09:30:01Z", "2004-01-01T10:10:10+05:00", "2025-10-10T15:05:00", "-2005/-1999-02",
         "-0043/0014", "2025-21~", "9999-24")


def _file(tmp_path, dates, timezone: str | None = "America/New_York"):
    path = tmp_path / "events.yaml"
    events = "".join(EVENT.format(id=f"e{number}", date=date) for number, date in enumerate(dates))
    path.write_text(HEAD.format(timezone=f"timezone: {timezone}\n" if timezone else "") + events, encoding="utf-8")
    return path


def test_a_time_without_a_zone_takes_the_files_timezone(tmp_path, run_cli):
    path = _file(tmp_path, ["2025-10-10T15:05:00"])
    result = run_cli("list", "-f", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    date = json.loads(result.stdout)["events"][0]["date"]
    assert (date["text"], date["zone"], date["instant"][:19]) == ("2025-10-10T15:05:00", "America/New_York",
                                                                  "2025-10-10T19:05:00")


def test_a_time_without_a_zone_is_refused_at_its_value_in_a_file_without_a_timezone(tmp_path, run_cli):
    result = run_cli("validate", _file(tmp_path, ["2025-10-10T15:05:00"], timezone=None))
    assert result.exit_code == 1
    assert "events.yaml:13:11: error[bad-date]: event 'e0' date: '2025-10-10T15:05:00' gives a time without a zone" \
        in result.stdout and "give the file a `timezone`" in result.stdout


def test_a_timezone_that_is_no_iana_zone_is_refused_with_a_hint(tmp_path, run_cli):
    result = run_cli("validate", _file(tmp_path, ["2025-10-10T15:05:00Z"], timezone="Eastern"))
    assert result.exit_code == 1
    assert "events.yaml:3:11: error[bad-value]: timezone: 'Eastern' is not an IANA time zone" in result.stdout
    assert "America/New_York" in result.stdout


def test_the_files_zone_survives_the_cache(tmp_path):
    timeline, problems = validate_paths([_file(tmp_path, ["2025-10-10T15:05:00", "199X", "-0499"])])
    decoded, _ = codec.decode("".join(codec.encode(timeline, problems)).encode()).result()
    assert decoded.events == timeline.events
    assert [e.date.start.zone for e in decoded.events if e.date.start.time] == ["America/New_York"]


@pytest.mark.parametrize("command", [
    ("validate",), ("list",), ("list", "--lang", "ja"), ("list", "--format", "json"), ("list", "--format", "csv"),
    ("chronology",), ("chronology", "--lang", "ja"), ("export", "timelinejs"), ("export", "mermaid"),
    ("export", "ics", "--include-imprecise"),
], ids=" ".join)
def test_every_form_goes_through_every_output(tmp_path, run_cli, command):
    path = _file(tmp_path, FORMS)
    result = run_cli(*command[:1], *(("-f", path) if command[0] != "validate" else (path,)), *command[1:])
    assert result.exit_code == 0, result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_calendar_and_a_database_say_which_years_they_cannot_hold(tmp_path, run_cli):
    path = _file(tmp_path, ["-0499", "2025-01-20", "Y170000002"])
    ics = run_cli("export", "ics", "-f", path, "--include-imprecise")
    assert ics.exit_code == 0 and "a year outside 0001-9999" in ics.stderr and "e0, e2" in ics.stderr
    database = run_cli("export", "sqlite", "-f", path, "-o", tmp_path / "t.db")
    assert database.exit_code == 0 and "ISO 8601 expanded years" in database.stderr and "e0, e2" in database.stderr
