"""`timeline export ics`: read back with the `icalendar` library (the oracle) and its dates round-tripped."""

from __future__ import annotations

import datetime

import pytest

from conftest import GOOD, REPO

icalendar = pytest.importorskip("icalendar")
EXPORT = GOOD / "export.yaml"


def calendar(run_cli, *args, file=EXPORT):
    result = run_cli("export", "ics", "-f", file, *args)
    assert result.exit_code == 0, result.stderr
    return icalendar.Calendar.from_ical(result.stdout_bytes), result


def events_by_uid(parsed) -> dict[str, object]:
    return {str(component["UID"]).split("@")[0]: component for component in parsed.walk("VEVENT")}


@pytest.mark.parametrize(("event_id", "start", "end"), [
    ("day-event", datetime.date(2025, 1, 20), datetime.date(2025, 1, 21)),  # DTEND is exclusive
    ("day-interval", datetime.date(2025, 1, 20), datetime.date(2025, 1, 23)),
    ("approximate-day", datetime.date(2025, 1, 23), datetime.date(2025, 1, 24)),
])  # fmt: skip
def test_day_precise_events_are_all_day_events_with_an_exclusive_end(run_cli, event_id, start, end):
    parsed, _ = calendar(run_cli)
    vevent = events_by_uid(parsed)[event_id]
    assert vevent.decoded("DTSTART") == start and vevent.decoded("DTEND") == end
    assert type(vevent.decoded("DTSTART")) is datetime.date  # VALUE=DATE, not a date-time
    assert vevent["DTSTART"].params.get("VALUE") == "DATE"


def test_coarser_dates_are_left_out_by_default(run_cli):
    parsed, result = calendar(run_cli)
    assert set(events_by_uid(parsed)) == {"day-event", "day-interval", "approximate-day"}
    for left_out in ("month-event", "uncertain-month", "season-event", "year-event", "open-start", "open-end",
                     "month-interval"):
        assert left_out in result.stderr


@pytest.mark.parametrize(("event_id", "start", "end", "said"), [
    ("month-event", datetime.date(2025, 2, 1), datetime.date(2025, 3, 1), "known only to the month"),
    ("season-event", datetime.date(2025, 6, 1), datetime.date(2025, 9, 1), "known only to the season"),
    ("year-event", datetime.date(2024, 1, 1), datetime.date(2025, 1, 1), "known only to the year"),
    ("month-interval", datetime.date(2025, 5, 1), datetime.date(2025, 7, 1), "known only to the month"),
])  # fmt: skip
def test_include_imprecise_spans_every_possible_day_and_says_the_precision(run_cli, event_id, start, end, said):
    parsed, _ = calendar(run_cli, "--include-imprecise")
    vevent = events_by_uid(parsed)[event_id]
    assert (vevent.decoded("DTSTART"), vevent.decoded("DTEND")) == (start, end)
    assert said in str(vevent["DESCRIPTION"])


def test_uid_and_dtstamp_are_stable(run_cli):
    parsed, _ = calendar(run_cli)
    vevent = events_by_uid(parsed)["day-event"]
    assert str(vevent["UID"]) == "day-event@export-test-b-bold-b-1-100"
    # DTSTAMP is the data's as-of date (its newest source), never the time of the export
    assert vevent.decoded("DTSTAMP") == datetime.datetime(2025, 12, 1, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_one_calendar_per_language(run_cli, lang):
    parsed, _ = calendar(run_cli, "--lang", lang)
    title = {"en": "Export test: <b>bold</b> & #1; 100%", "ja": "書き出しの試験 <b>太字</b>"}[lang]
    # icalendar leaves an X- property unparsed (vUnknown); RFC 5545 makes its default type TEXT, escaped as such
    assert str(parsed["X-WR-CALNAME"]) == title.replace(";", "\\;").replace(",", "\\,")
    summary = str(events_by_uid(parsed)["day-interval"]["SUMMARY"])
    assert summary == {"en": "A three-day meeting", "ja": "三日間の会議"}[lang]


def test_hostile_text_comes_back_exactly_as_typed(run_cli):
    parsed, _ = calendar(run_cli)
    vevent = events_by_uid(parsed)["day-event"]
    assert str(vevent["SUMMARY"]) == "Trump: tariffs; <script>alert(1)</script> #hashtag %% not a comment"
    assert '=HYPERLINK("http://evil.example") and </p><img src=x onerror=alert(1)>' in str(vevent["DESCRIPTION"])
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Tariffs", "Crypto"]


def test_disputes_are_said_in_the_description(run_cli):
    parsed, _ = calendar(run_cli)
    description = str(events_by_uid(parsed)["approximate-day"]["DESCRIPTION"])
    assert "Sources differ on the date: Example <News> says January 23; Other Paper says January 24." in description
    assert "c. Jan. 23, 2025" in description  # the qualifier, which a DATE cannot hold


@pytest.mark.parametrize("imprecise", [[], ["--include-imprecise"]])
def test_the_closing_line_counts_the_vevents_written(run_cli, imprecise):
    parsed, result = calendar(run_cli, *imprecise, file=REPO / "events.yaml")
    written, of, selected = result.stderr.splitlines()[-1].split("wrote ", 1)[1].split()[:3]
    left_out = sum(int(line.split(": ")[-2].split()[0]) for line in result.stderr.splitlines() if "left out" in line)
    assert of == "of" and len(list(parsed.walk("VEVENT"))) == int(written) == int(selected) - left_out


@pytest.mark.parametrize(("event_id", "side"), [("open-start", "open start"), ("open-end", "open end")])
def test_an_open_side_is_never_spanned_even_with_include_imprecise(run_cli, event_id, side):
    parsed, result = calendar(run_cli, "--include-imprecise")
    assert event_id not in events_by_uid(parsed)  # 'until Jan. 19' may have begun any time before: no honest span
    [line] = [line for line in result.stderr.splitlines() if line.startswith(f"warning: ics cannot hold {side}:")]
    assert event_id in line and "left out" in line and "not even with --include-imprecise" in line


def test_long_lines_are_folded_at_75_octets_never_inside_a_character(run_cli, tmp_path):
    long_title = "関税" * 60 + " and an ASCII tail" * 5
    path = tmp_path / "long.yaml"
    path.write_text(EXPORT.read_text(encoding="utf-8").replace("ja: 三日間の会議", f"ja: {long_title}"), encoding="utf-8")
    result = run_cli("export", "ics", "-f", path, "--lang", "ja")
    assert all(len(line) <= 75 for line in result.stdout_bytes.split(b"\r\n"))
    result.stdout_bytes.decode("utf-8")  # every line is whole UTF-8: no character was cut
    parsed = icalendar.Calendar.from_ical(result.stdout_bytes)
    assert str(events_by_uid(parsed)["day-interval"]["SUMMARY"]) == long_title
