"""Times of day the reviews of issue 23 found read wrong or crashing, through the command line on real files: a
time on a year datetime cannot hold (<= 0), zone names zoneinfo chokes on (a directory, a path, 300 characters,
`localtime`), local times daylight saving skipped or repeated, seasonal zone names (BST in January), and what
`timeline date` prints typed back (500 B.C., the 1990s, 1990年代)."""

from __future__ import annotations

import pytest

from conftest import GOOD

TIMES = GOOD / "times.yaml"


def with_lines(tmp_path, old: str, new: str):
    """times.yaml with one line changed, as a real file."""
    text = TIMES.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "events.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- 1. a time on a year before 0001: the one refusal everywhere, never a traceback -------------------------------

_TIME_YEAR = "a time of day is accepted on the years 0001 to 9999"


@pytest.mark.parametrize("typed", ["-9999-01-01T00:00:00Z", "0000-01-01T00:00:00+14:00", "-0001-06-01T12:00Z",
                                   "0000-06-01T12:00Z", "0000-06-01 12:00 GMT", "Dec 31 9999 midnight GMT"])
def test_a_time_on_a_year_outside_0001_9999_is_one_line_refused_by_timeline_date(run_cli, typed):
    result = run_cli("date", "--", typed)
    assert (result.exit_code, result.stdout) == (1, ""), result.output
    assert result.stderr.splitlines()[0] == f"Error: {typed!r}: {_TIME_YEAR}" and "Traceback" not in result.output


@pytest.mark.parametrize("option", ["--from=-0001-06-01T12:00Z", "--to=0000-06-01T12:00Z",
                                    "--from=-9999-01-01T00:00:00Z"])
def test_a_time_on_a_year_before_0001_in_from_or_to_is_a_usage_error(run_cli, option):
    result = run_cli("list", "-f", TIMES, option)
    assert result.exit_code == 2 and _TIME_YEAR in result.stderr.splitlines()[0], result.output


def test_a_time_on_a_year_before_0001_in_add_is_refused_and_nothing_is_written(run_cli, tmp_path):
    path = with_lines(tmp_path, "timezone: America/New_York", "timezone: America/New_York")
    before = path.read_bytes()
    result = run_cli("add", "-f", path, "--date=-0001-06-01T12:00Z", "--title-en", "x", "--title-ja", "x",
                     "--summary-en", "x", "--summary-ja", "x", "--topic", "t", "--source", "src", "--quote", "q")
    assert result.exit_code == 2 and _TIME_YEAR in result.stderr and path.read_bytes() == before


def test_a_time_on_a_year_before_0001_in_a_file_is_the_same_bad_date(run_cli, tmp_path):
    path = with_lines(tmp_path, "date: 2025-10-10T15:05:00-04:00", "date: 0000-10-10T15:05:00-04:00")
    result = run_cli("validate", path)
    assert result.exit_code == 1 and f"error[bad-date]: event 'tariff-post' date: '0000-10-10T15:05:00-04:00': " \
        f"{_TIME_YEAR}" in result.stdout + result.stderr


# --- 2. zone names: one door (dates/zones.py `zone`) for a file's timezone and --tz -----------------------------------

@pytest.mark.parametrize(("name", "suggested"), [
    ("Asia", "Asia/Tokyo"), ("America", None), ("A" * 300, None), ("localtime", None), ("Factory", None),
    ("right/UTC", "Etc/UTC"), ("posix/Asia/Tokyo", None), ("../../etc/passwd", None), ("JST", "Asia/Tokyo"),
    ("ET", "America/New_York"), ("日本時間", "Asia/Tokyo"),
])
def test_a_bad_timezone_in_a_file_is_a_problem_at_its_place_never_a_write_error(run_cli, tmp_path, name, suggested):
    path = with_lines(tmp_path, "timezone: America/New_York", f"timezone: '{name}'")
    for command in (["validate", path], ["normalize", "--check", path], ["list", "-f", path]):
        result = run_cli(*command)
        output = result.stdout + result.stderr
        assert "cannot write" not in output and "Traceback" not in output, (command, output)
        assert result.exit_code == 1 and "error[bad-value]: timezone: '" in output, (command, output)
    if suggested:
        assert f"did you mean {suggested}" in run_cli("validate", path).stdout + run_cli("validate", path).stderr


@pytest.mark.parametrize(("name", "suggested"), [
    ("Asia", "Asia/Tokyo"), ("America", "America/New_York, America/Chicago, America/Denver"), ("A" * 300, None),
    ("localtime", None), ("right/UTC", "Etc/UTC"), ("JST", "Asia/Tokyo"), ("PT", "America/Los_Angeles"), ("BST", "Europe/London"), ("日本時間", "Asia/Tokyo"),
])
def test_a_bad_tz_is_a_usage_error_with_the_zone_meant(run_cli, name, suggested):
    result = run_cli("list", "-f", TIMES, "--tz", name)
    assert result.exit_code == 2 and "cannot write" not in result.stderr, result.output
    assert result.stderr.startswith("Error: invalid value for --tz: ") and "is not an IANA time zone name" in result.stderr
    if suggested:
        assert f"did you mean {suggested}?" in result.stderr


# --- 3. daylight saving: a time that never happened, a time that happened twice -------------------------------------

@pytest.mark.parametrize(("written", "problem", "hint"), [
    ("2025-03-09T02:30:00", "2025-03-09T02:30:00 never happened in America/New_York: the clocks skipped it",
     "the times around it are 01:59:59-05:00 and 03:00:00-04:00"),
    ("2025-11-02T01:30:00", "2025-11-02T01:30:00 happened twice in America/New_York, at -04:00 and at -05:00",
     "write the offset: 2025-11-02T01:30:00-04:00 (the first) or 2025-11-02T01:30:00-05:00 (the second)"),
])
def test_a_local_time_the_files_zone_skipped_or_repeated_is_refused(run_cli, tmp_path, written, problem, hint):
    path = with_lines(tmp_path, "date: 2025-10-10T21:30:00", f"date: {written}")
    result = run_cli("validate", path)
    output = result.stdout + result.stderr
    assert result.exit_code == 1 and f":80:11: error[bad-date]: event 'new-york-evening' date: {problem}" in output
    assert f"hint: {hint}" in output


def test_an_ambiguous_time_with_its_offset_is_valid(run_cli, tmp_path):
    path = with_lines(tmp_path, "date: 2025-10-10T21:30:00", "date: 2025-11-02T01:30:00-05:00")
    assert run_cli("validate", path).exit_code == 0


@pytest.mark.parametrize(("typed", "first", "hint"), [
    ("Mar 9 2025 2:30am ET", "that time never happened in ET: the clocks skipped it",
     "the times around it are 01:59:59-05:00 and 03:00:00-04:00"),
    ("Nov 2 2025 1:30am ET", "that time happened twice in ET, at -04:00 and at -05:00",
     "2025-11-02T01:30:00-04:00 (the first) or 2025-11-02T01:30:00-05:00 (the second)"),
    ("Mar 30 2025 1:30am BST", "that time never happened in BST", "00:59:59Z and 02:00:00+01:00"),
])
def test_a_typed_local_time_skipped_or_repeated_is_refused(run_cli, typed, first, hint):
    result = run_cli("date", typed)
    lines = result.stderr.splitlines()
    assert (result.exit_code, result.stdout) == (1, "") and first in lines[0] and hint in lines[1], result.output
    assert run_cli("list", "-f", TIMES, "--from", typed).exit_code == 2


# --- 4. seasonal zone names are their fixed offset, refused out of season ------------------------------------------

@pytest.mark.parametrize(("typed", "first", "hint"), [
    ("Jan 15 2025 3pm BST", "BST (+01:00) is not in force on 2025-01-15: it is GMT then (Z)", "write GMT"),
    ("Jan 15 2025 3pm EDT", "EDT (-04:00) is not in force on 2025-01-15: it is EST then (-05:00)",
     "write EST or ET for the zone's time then, or UTC-4 for the offset -04:00"),
    ("July 15 2025 3pm EST", "EST (-05:00) is not in force on 2025-07-15: it is EDT then (-04:00)", "UTC-5"),
    ("July 15 2025 3pm PST", "PST (-08:00) is not in force on 2025-07-15: it is PDT then (-07:00)", "UTC-8"),
])
def test_a_seasonal_zone_name_out_of_season_is_refused(run_cli, typed, first, hint):
    result = run_cli("date", typed)
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and lines[0].endswith(first) and hint in lines[1], result.output


@pytest.mark.parametrize(("typed", "edtf"), [
    ("July 15 2025 3pm EDT", "2025-07-15T15:00:00-04:00"), ("Jan 15 2025 3pm EST", "2025-01-15T15:00:00-05:00"),
    ("July 15 2025 3pm BST", "2025-07-15T15:00:00+01:00"), ("Jan 15 2025 3pm GMT", "2025-01-15T15:00:00Z"),
    ("Jan 15 2025 3pm ET", "2025-01-15T15:00:00-05:00"), ("Jan 15 2025 3pm UTC-4", "2025-01-15T15:00:00-04:00"),
])
def test_a_seasonal_zone_name_in_season_is_its_offset(run_cli, typed, edtf):
    result = run_cli("date", typed)
    assert (result.exit_code, result.stdout) == (0, edtf + "\n"), result.output


# --- 5. what the tool writes types back ---------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "edtf"), [
    ("500 B.C.", "-0499"), ("500 BC", "-0499"), ("500 BCE", "-0499"), ("1 B.C.", "0000"), ("紀元前500年", "-0499"),
    ("the 1990s", "199X"), ("1990s", "199X"), ("1990年代", "199X"), ("c. the 1600s", "16XX~"),
    ("1600年代頃", "16XX~"), ("the 1900s", "19XX"), ("500 B.C.?", "-0499?"),
])
def test_what_the_tool_writes_reads_back(run_cli, typed, edtf):
    result = run_cli("date", typed)
    assert (result.exit_code, result.stdout) == (0, edtf + "\n"), result.output
    shown = result.stderr.splitlines()[0].split(" reads as ")[1].split(" (")[0]
    again = run_cli("date", shown)  # the words printed, typed back, give the same EDTF
    assert (again.exit_code, again.stdout) == (0, edtf + "\n"), (shown, again.output)
    assert run_cli("list", "-f", TIMES, "--from", typed, "--to", "2030").exit_code == 0


# --- 6. `timeline date` wording -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "line"), [
    ("199X", "199X reads as the 1990s (decade precision)"),
    ("1999-XX", "1999-XX reads as 1999 (month unknown, year precision)"),
    ("2025-10-10T10:00:00Z", "2025-10-10T10:00:00Z reads as 10 a.m. GMT, Oct. 10, 2025 (time of day precision)"),
    ("summer 2025", "summer 2025 reads as summer 2025 (season precision)"),
])
def test_timeline_date_reads_as_one_sentence(run_cli, typed, line):
    assert run_cli("date", typed).stderr.splitlines()[0] == line
