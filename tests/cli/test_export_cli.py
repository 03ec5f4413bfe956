"""`timeline export`: what every format shares. Output-path rules, warnings naming what was lost, determinism,
filters and --lang, hostile text. Each format's own mapping is tested in test_export_<format>.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import DATA, GOOD, REPO

EXPORT = GOOD / "export.yaml"
TEXT_FORMATS = ["timelinejs", "timelinejs-csv", "ics", "mermaid"]
ALL_FORMATS = [*TEXT_FORMATS, "sqlite"]


def export(run_cli, fmt, *args, tmp_path=None):
    """Run `timeline export FMT -f export.yaml ARGS`; sqlite goes to a file in tmp_path."""
    extra = ["-o", str(tmp_path / "t.db")] if fmt == "sqlite" and "-o" not in args else []
    return run_cli("export", fmt, "-f", EXPORT, *args, *extra)


@pytest.mark.parametrize(("fmt", "written"), [
    ("timelinejs", "10 events"), ("timelinejs-csv", "10 events"), ("mermaid", "10 events"), ("sqlite", "10 events"),
    ("ics", "3 of 10 events"),  # the closing line counts what the output holds: ics leaves 7 coarse dates out
])  # fmt: skip
def test_each_format_exports_and_says_the_count_on_stderr(run_cli, tmp_path, fmt, written):
    result = export(run_cli, fmt, tmp_path=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"export {fmt}: wrote {written}")
    assert "(s)" not in result.stderr


@pytest.mark.parametrize(("fmt", "event", "lost"), [
    ("timelinejs", "season-event", "season (said only in display_date)"),
    ("timelinejs", "day-event", "topics after the first"),
    ("timelinejs", "open-end", "open end"),
    ("timelinejs-csv", "day-event", "id (the sheet has no id column)"),
    ("ics", "month-event", "month precision: left out"),
    ("ics", "open-start", "open start: left out"),
    ("ics", "open-end", "open end: left out"),
    ("ics", "approximate-day", "~ or ? (a DATE has no qualifier"),
    ("mermaid", "day-event", "summary, sources, disputes"),
])  # fmt: skip
def test_what_a_format_cannot_hold_is_a_warning_naming_the_event(run_cli, tmp_path, fmt, event, lost):
    result = export(run_cli, fmt, tmp_path=tmp_path)
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"warning: {fmt} cannot hold")]
    assert any(lost in line and event in line for line in lines), result.stderr
    if "left out" in lost:
        assert f"UID:{event}@" not in result.stdout


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_warnings_stay_off_stdout(run_cli, fmt):
    result = export(run_cli, fmt)
    assert "warning:" not in result.stdout and result.stdout


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_the_same_data_gives_the_same_bytes(run_cli, tmp_path, fmt):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    for folder in (first, second):
        assert export(run_cli, fmt, "-o", folder / "out", tmp_path=tmp_path).exit_code == 0
    assert (first / "out").read_bytes() == (second / "out").read_bytes()


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_dash_o_file_holds_exactly_what_stdout_gets(run_cli, tmp_path, fmt):
    target = tmp_path / "out"
    to_file, to_stdout = export(run_cli, fmt, "-o", target), export(run_cli, fmt)
    assert target.read_bytes() == to_stdout.stdout_bytes
    assert f"events to {target}" in to_file.stderr


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_an_input_file_is_never_the_output(run_cli, tmp_path, fmt):
    copy = tmp_path / "events.yaml"
    copy.write_bytes(EXPORT.read_bytes())
    result = run_cli("export", fmt, "-f", copy, "-o", copy)
    assert result.exit_code == 2
    assert copy.read_bytes() == EXPORT.read_bytes()


def test_sqlite_requires_a_file(run_cli):
    result = run_cli("export", "sqlite", "-f", EXPORT)
    assert result.exit_code == 2 and "give -o FILE" in result.stderr and not result.stdout


def test_sqlite_refuses_a_terminal_stdout():
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "timeline", "export", "sqlite", "-f", str(EXPORT), "-o", "-"],
                              stdout=follower, stderr=subprocess.PIPE, text=True, timeout=60, check=False)
    finally:
        os.close(follower), os.close(leader)
    assert done.returncode == 2 and "terminal" in done.stderr


def test_sqlite_to_a_pipe_is_the_database(run_subprocess):
    result = run_subprocess("export", "sqlite", "-f", EXPORT, "-o", "-")
    assert result.returncode == 0 and result.stdout.startswith("SQLite format 3")


def test_filters_and_lang_are_the_shared_ones(run_cli):
    result = run_cli("export", "timelinejs", "-f", EXPORT, "--topic", "関税", "--lang", "ja")
    assert result.exit_code == 0, result.stderr
    assert "トランプ氏が関税を発表した" in result.stdout and "三日間の会議" not in result.stdout
    assert "wrote 5 events" in result.stderr


@pytest.mark.parametrize(("fmt", "option"), [
    ("timelinejs", ["--include-imprecise"]), ("ics", ["--by", "month"]), ("mermaid", ["--metadata", "m.json"]),
])  # fmt: skip
def test_an_option_of_another_format_is_a_usage_error(run_cli, fmt, option):
    result = run_cli("export", fmt, "-f", EXPORT, *option)
    assert result.exit_code == 2 and f"{option[0]} applies to" in result.stderr and not result.stdout


def test_an_unknown_format_is_a_usage_error(run_cli):
    result = run_cli("export", "pdf", "-f", EXPORT)
    assert result.exit_code == 2 and "pdf" in result.stderr


def test_invalid_data_is_refused_like_every_command(run_cli):
    result = run_cli("export", "mermaid", "-f", DATA / "bad" / "bad-id.yaml")
    assert result.exit_code == 1 and not result.stdout


@pytest.mark.parametrize(("fmt", "loaded"), [("mermaid", False), ("timelinejs", False), ("ics", True)])
def test_icalendar_is_imported_by_the_ics_export_alone(fmt, loaded):
    code = ("import sys; from typer.testing import CliRunner; from timeline.cli import app; "
            f"result = CliRunner().invoke(app, ['export', '{fmt}', '-f', {str(EXPORT)!r}]); "
            "assert result.exit_code == 0, result.output; print('icalendar' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == str(loaded)


def test_a_loss_names_ten_events_then_counts_the_rest(run_cli):
    result = run_cli("export", "timelinejs-csv", "-f", REPO / "events.yaml")
    [line] = [line for line in result.stderr.splitlines() if "id (the sheet has no id column)" in line]
    count = len(json.loads(run_cli("list", "-f", REPO / "events.yaml", "--format", "json").stdout)["events"])
    assert line.endswith(f"and {count - 10} more") and f": {count} events: " in line
    assert len(line.split(": ")[-1].split(" and ")[0].split(", ")) == 10
