"""The far end of the calendar: 9999-12-31 is a valid date (validate accepts it) with no day after it. Every output
that computes a day after an event's last one (the HTML overview's bar end, iCalendar's exclusive DTEND) handles
it: no traceback; a calendar leaves the event out and says so, naming it."""

from __future__ import annotations

import pytest

from conftest import MINIMAL

FAR = {"far-day": "'9999-12-31'", "far-year": "'9999'", "far-month": "'9999-12'", "far-interval": "2025-01/9999-12~"}


@pytest.fixture
def far_file(tmp_path):
    """MINIMAL with one event per date that ends on 9999-12-31."""
    head, event = MINIMAL.read_text(encoding="utf-8").split("events:\n")
    events = [event.replace("trump-inauguration", event_id).replace("date: 2025-01-20", f"date: {date}")
              for event_id, date in FAR.items()]
    path = tmp_path / "far.yaml"
    path.write_text(head + "events:\n" + "".join(events), encoding="utf-8")
    return path


OUTPUTS = [["html", "-o", "{out}"], ["export", "ics"], ["export", "ics", "--include-imprecise"],
           ["export", "timelinejs"], ["export", "timelinejs-csv"], ["export", "mermaid"],
           ["export", "mermaid", "--by", "year"], ["export", "sqlite", "-o", "{out}"]]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("command", OUTPUTS, ids=lambda command: " ".join(command[:3]))
def test_every_output_takes_the_last_day_of_the_calendar(run_cli, far_file, tmp_path, command, lang):
    assert run_cli("validate", far_file).exit_code == 0
    args = [arg.replace("{out}", str(tmp_path / "out")) for arg in command]
    result = run_cli(*args, "-f", far_file, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr and result.exception is None


@pytest.mark.parametrize("imprecise", [False, True])
def test_a_calendar_leaves_an_event_ending_on_9999_12_31_out_and_names_it(run_cli, far_file, imprecise):
    result = run_cli("export", "ics", "-f", far_file, *(["--include-imprecise"] if imprecise else []))
    assert result.exit_code == 0, result.stderr
    assert "BEGIN:VEVENT" not in result.stdout
    [warning] = [line for line in result.stderr.splitlines() if "9999-12-31" in line]
    named = ["far-day", "far-year", "far-month", "far-interval"] if imprecise else ["far-day"]
    assert all(event_id in warning for event_id in named), warning
    assert "wrote 0 of 4 events" in result.stderr


def test_the_html_overview_draws_the_bar_to_the_right_edge(run_cli, far_file, tmp_path):
    result = run_cli("html", "-f", far_file, "-o", tmp_path / "page.html")
    assert result.exit_code == 0, result.stderr
    assert "far-day" in (tmp_path / "page.html").read_text(encoding="utf-8")


# -- a time of day whose UTC moment leaves the years 0001-9999 -------------------------------------------------------

EDGE_MOMENTS = {"early": "'0001-01-01T00:00:00+14:00'", "late": "'9999-12-31T23:30:00-05:00'"}


@pytest.fixture
def moment_file(tmp_path):
    """MINIMAL with one event per wall-clock time whose moment in UTC is in year 0 or year 10000."""
    head, event = MINIMAL.read_text(encoding="utf-8").split("events:\n")
    events = [event.replace("trump-inauguration", event_id)
              .replace("date: 2025-01-20", f"date: {date}\n    status: scheduled")
              for event_id, date in EDGE_MOMENTS.items()]
    path = tmp_path / "moments.yaml"
    path.write_text(head + "events:\n" + "".join(events), encoding="utf-8")
    return path


@pytest.mark.parametrize(("command", "written"), [(["export", "ics"], "wrote 0 of 2 events"),
                                                  (["export", "sqlite", "-o", "{out}"], "wrote 2 events")])
def test_a_moment_outside_the_utc_years_is_a_reported_loss(run_cli, moment_file, tmp_path, command, written):
    assert run_cli("validate", moment_file).exit_code == 0
    args = [arg.replace("{out}", str(tmp_path / "out.db")) for arg in command]
    result = run_cli(*args, "-f", moment_file)
    assert result.exit_code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if "UTC moment" in line]
    assert "early" in warning and "late" in warning and written in result.stderr
    assert "VALUE=DATE:00010101" not in result.stdout  # not silently an all-day event on the wrong day
