"""`timeline validate` through CliRunner (stdout and stderr apart) and as a real `python -m timeline` process."""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from timeline.cli.options import bundled_events
from timeline.errors import PROBLEM_CODES
from conftest import TESTS

DATA = TESTS / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"
MINIMAL = GOOD / "minimal.yaml"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
CORPUS = sorted(BAD.glob("*.yaml"))

SUMMARY = re.compile(r"^validate .+: (ok|FAILED) \((\d+) error\(s\), (\d+) warning\(s\), (\d+) notice\(s\)\)$")
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^,\n]*,line=\d+,col=\d+,title=[^:\n]*::")
JSON_PROBLEM_KEYS = {"file", "line", "column", "code", "severity", "message", "hint"}


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def summary_of(stderr: str) -> re.Match:
    """The summary is the last line on stderr."""
    lines = stderr.strip().splitlines()
    assert lines, "no summary on stderr"
    match = SUMMARY.match(lines[-1])
    assert match, f"not a summary line: {lines[-1]!r}"
    return match


# -- exit codes and channels --------------------------------------------------------------------------------------

def test_valid_file_exits_0_with_notices_counted_and_summary_on_stderr(run_cli):
    result = run_cli("validate", MINIMAL)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # notices are counted, not listed (tests/cli/test_report.py)
    match = summary_of(result.stderr)
    assert match.group(1) == "ok" and str(MINIMAL) in result.stderr
    assert result.stderr.splitlines()[0] == "1 notice not shown (single-source: 1); --show-notices lists them"
    assert result.stderr.count("\n") == 2  # that count and the summary, nothing else
    listed = run_cli("validate", "--show-notices", MINIMAL)
    assert "notice[single-source]" in listed.stdout
    assert not any(SUMMARY.match(line) for line in listed.stdout.splitlines())
    assert listed.stderr.count("\n") == 1


def test_invalid_file_exits_1(run_cli):
    result = run_cli("validate", BAD / "unknown-topic.yaml")
    assert result.exit_code == 1
    assert f"{BAD / 'unknown-topic.yaml'}:33:14: error[unknown-topic]: unknown topic 'ai-policies'" in result.stdout
    assert "  hint: did you mean 'ai-policy'?" in result.stdout
    assert summary_of(result.stderr).groups() == ("FAILED", "1", "1", "1")
    assert "error[" not in result.stderr


def test_missing_file_exits_2(run_cli, tmp_path):
    result = run_cli("validate", tmp_path / "absent.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "absent.yaml" in result.stderr and "no such file" in result.stderr


def test_missing_file_among_good_ones_exits_2(run_cli, tmp_path):
    assert run_cli("validate", MINIMAL, tmp_path / "absent.yaml").exit_code == 2


@pytest.mark.parametrize("option", [[], ["-f"], ["--file"]], ids=["positional", "-f", "--file"])
def test_directory_exits_2(run_cli, tmp_path, option):
    result = run_cli("validate", *option, tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "directory" in result.stderr


def test_unknown_option_exits_2(run_cli):
    result = run_cli("validate", "--no-such-option", MINIMAL)
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr and result.stdout == ""


def test_unknown_format_exits_2(run_cli):
    assert run_cli("validate", "--format", "xml", MINIMAL).exit_code == 2


def test_strict_fails_on_warnings(run_cli):
    path = BAD / "unused-topic.yaml"
    relaxed = run_cli("validate", path)
    assert relaxed.exit_code == 0 and "warning[unused-topic]" in relaxed.stdout
    assert summary_of(relaxed.stderr).group(1) == "ok"
    strict = run_cli("validate", "--strict", path)
    assert strict.exit_code == 1
    assert summary_of(strict.stderr).groups() == ("FAILED", "0", "1", "1")


def test_strict_never_fails_on_notices(run_cli):
    result = run_cli("validate", "--strict", MINIMAL)
    assert result.exit_code == 0
    assert int(summary_of(result.stderr).group(4)) >= 1  # there was a notice, and it did not fail


# -- the JSON report ------------------------------------------------------------------------------------------------

def test_json_report_is_a_versioned_document_on_stdout_only(run_cli):
    path = BAD / "unknown-topic.yaml"
    result = run_cli("validate", "--format", "json", path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"version", "files", "valid", "summary", "problems"}
    assert report["version"] == 1
    assert report["files"] == [str(path)]
    assert report["valid"] is False
    assert report["summary"] == {"errors": 1, "warnings": 1, "notices": 1}
    for problem in report["problems"]:
        assert set(problem) == JSON_PROBLEM_KEYS
        assert problem["file"] == str(path)
        assert problem["severity"] in ("error", "warning", "notice")
        assert isinstance(problem["line"], int) and isinstance(problem["column"], int)
    error = next(p for p in report["problems"] if p["severity"] == "error")
    assert (error["line"], error["column"], error["code"]) == (33, 14, "unknown-topic")
    assert error["message"] == "unknown topic 'ai-policies'" and error["hint"]
    summary_of(result.stderr)
    assert "{" not in result.stderr


def test_json_report_of_a_valid_file(run_cli):
    result = run_cli("validate", "--format", "json", MINIMAL)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["summary"]["errors"] == 0


def test_json_report_valid_is_false_under_strict_with_warnings(run_cli):
    path = BAD / "unused-topic.yaml"
    assert json.loads(run_cli("validate", "--format", "json", path).stdout)["valid"] is True
    strict = run_cli("validate", "--format", "json", "--strict", path)
    assert strict.exit_code == 1 and json.loads(strict.stdout)["valid"] is False


def test_json_report_keeps_non_ascii_text(run_cli, tmp_path):
    path = write(tmp_path, "ja.yaml", MINIMAL_TEXT.replace("topics: [ai-policy]", "topics: [ai-policy, 政策]"))
    report = json.loads(run_cli("validate", "--format", "json", path).stdout)
    assert any("政策" in p["message"] for p in report["problems"])


# -- GitHub annotations -------------------------------------------------------------------------------------------

def test_github_format_emits_annotations(run_cli, tmp_path):
    path = tmp_path / "unknown-topic.yaml"  # outside a checkout the path stays as given (test_render_problems.py: inside one)
    path.write_bytes((BAD / "unknown-topic.yaml").read_bytes())
    result = run_cli("validate", "--format", "github", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines), lines
    assert f"::error file={path},line=33,col=14," in result.stdout
    assert f"::warning file={path},line=7,col=3," in result.stdout
    summary_of(result.stderr)


FORGED = """\
version: 1
"x\\n::error::forged": 1
"y\\r\\n::add-mask::x": 2
title:
  ja: "題名\\n::error file=evil.yaml,line=1::forged"
  en: Title
events:
  - id: e
    date: "2025\\n::add-mask::x"
"""


@pytest.mark.parametrize("fmt", ["github", "text"])
def test_data_cannot_start_a_line_of_its_own(run_cli, tmp_path, fmt):
    path = write(tmp_path, "forged.yaml", FORGED)
    result = run_cli("validate", "--format", fmt, path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines
    if fmt == "github":
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines), lines
        assert all(GITHUB_LINE.match(line) for line in lines), lines
    for line in lines:
        assert not line.startswith("::error::") and not line.startswith("::add-mask::"), line
    assert "forged" in result.stdout and "add-mask" in result.stdout  # reported, escaped, not dropped


def test_github_format_for_a_file_whose_name_has_a_newline(run_cli, tmp_path):
    path = tmp_path / "a\n::error::forged.yaml"
    path.write_text(MINIMAL_TEXT.replace("version: 1", "version: 2"), encoding="utf-8")
    result = run_cli("validate", "--format", "github", path)
    assert all(GITHUB_LINE.match(line) for line in result.stdout.splitlines())


@pytest.mark.parametrize("exists", [True, False], ids=["summary", "error-message"])
def test_stderr_cannot_start_a_workflow_command(run_cli, tmp_path, exists):
    path = tmp_path / "a\n::add-mask::forged.yaml"
    if exists:
        path.write_text(MINIMAL_TEXT, encoding="utf-8")
    result = run_cli("validate", "--format", "github", path)
    assert result.stderr.strip()
    assert not any(line.startswith("::") for line in result.stderr.splitlines()), result.stderr


def test_github_actions_picks_github_format(run_cli):
    result = run_cli("validate", BAD / "unknown-topic.yaml", env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    assert lines and all(GITHUB_LINE.match(line) for line in lines)


def test_explicit_text_format_wins_over_github_actions(run_cli):
    result = run_cli("validate", "--format", "text", BAD / "unknown-topic.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert "error[unknown-topic]" in result.stdout


def test_explicit_json_format_wins_over_github_actions(run_cli):
    result = run_cli("validate", "--format", "json", MINIMAL, env={"GITHUB_ACTIONS": "true"})
    assert json.loads(result.stdout)["valid"] is True


@pytest.mark.parametrize("value", ["false", "1", ""])
def test_github_format_only_when_github_actions_is_true(run_cli, value):
    result = run_cli("validate", MINIMAL, env={"GITHUB_ACTIONS": value})
    assert not result.stdout.startswith("::")


# -- --codes ------------------------------------------------------------------------------------------------------

def test_codes_lists_every_code(run_cli):
    result = run_cli("validate", "--codes")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == list(PROBLEM_CODES)
    for line in result.stdout.splitlines():
        code, severity = line.split()[:2]
        assert severity == PROBLEM_CODES[code][0].value
        assert PROBLEM_CODES[code][1] in line


def test_codes_does_not_read_any_file(run_cli, tmp_path):
    assert run_cli("validate", "--codes", cwd=tmp_path, env={"TIMELINE_FILE": str(tmp_path / "absent.yaml")}).exit_code == 0


# -- which files are read -------------------------------------------------------------------------------------------

REGISTRIES, EVENTS = MINIMAL_TEXT.split("events:\n")
EVENTS = "version: 1\nevents:\n" + EVENTS


def test_file_given_as_an_argument(run_cli, tmp_path):
    result = run_cli("validate", MINIMAL, cwd=tmp_path, env={"TIMELINE_FILE": str(tmp_path / "absent.yaml")})
    assert result.exit_code == 0 and str(MINIMAL) in result.stderr


def test_repeated_file_option_merges(run_cli, tmp_path):
    registries = write(tmp_path, "registries.yaml", REGISTRIES)
    events = write(tmp_path, "events-only.yaml", EVENTS)
    alone = run_cli("validate", "-f", events)
    assert alone.exit_code == 1 and "unknown-topic" in alone.stdout
    merged = run_cli("validate", "-f", registries, "--file", events, "--show-notices")
    assert merged.exit_code == 0, merged.output
    assert f"{registries}, {events}" in merged.stderr
    assert str(events) in merged.stdout  # the notice is about the event, in its own file


def test_arguments_and_file_options_are_merged(run_cli, tmp_path):
    registries = write(tmp_path, "registries.yaml", REGISTRIES)
    events = write(tmp_path, "events-only.yaml", EVENTS)
    assert run_cli("validate", registries, "-f", events).exit_code == 0


def test_merged_files_report_duplicates_across_files(run_cli, tmp_path):
    copy = write(tmp_path, "copy.yaml", MINIMAL_TEXT)
    result = run_cli("validate", "-f", MINIMAL, "-f", copy)
    assert result.exit_code == 1
    assert f"{copy}:6:3: error[duplicate-id]" in result.stdout
    assert f"{copy}:24:9: error[duplicate-id]" in result.stdout


def test_timeline_file_environment_variable(run_cli, tmp_path):
    result = run_cli("validate", cwd=tmp_path, env={"TIMELINE_FILE": str(BAD / "unknown-topic.yaml")})
    assert result.exit_code == 1 and "unknown-topic.yaml" in result.stderr


def test_timeline_file_may_list_several_files(run_cli, tmp_path):
    registries = write(tmp_path, "registries.yaml", REGISTRIES)
    events = write(tmp_path, "events-only.yaml", EVENTS)
    result = run_cli("validate", cwd=tmp_path, env={"TIMELINE_FILE": f"{registries}{os.pathsep}{events}"})
    assert result.exit_code == 0, result.output
    assert str(registries) in result.stderr and str(events) in result.stderr


def test_file_option_beats_timeline_file(run_cli, tmp_path):
    result = run_cli("validate", "-f", MINIMAL, env={"TIMELINE_FILE": str(tmp_path / "absent.yaml")})
    assert result.exit_code == 0


def test_missing_timeline_file_exits_2(run_cli, tmp_path):
    result = run_cli("validate", cwd=tmp_path, env={"TIMELINE_FILE": str(tmp_path / "absent.yaml")})
    assert result.exit_code == 2 and "absent.yaml" in result.stderr


def test_events_yaml_in_the_current_directory(run_cli, tmp_path, monkeypatch):
    write(tmp_path, "events.yaml", MINIMAL_TEXT.replace("version: 1", "version: 2"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith("events.yaml:1:10: error[bad-version]")
    assert "validate events.yaml: FAILED" in result.stderr


def test_timeline_file_beats_events_yaml_in_the_current_directory(run_cli, tmp_path, monkeypatch):
    write(tmp_path, "events.yaml", "not: [valid\n")
    monkeypatch.chdir(tmp_path)
    assert run_cli("validate", env={"TIMELINE_FILE": str(MINIMAL)}).exit_code == 0


def test_bundled_dataset_when_nothing_else_is_given(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no events.yaml here
    result = run_cli("validate")
    assert result.exit_code in (0, 1), result.output
    assert str(bundled_events()) in result.stderr
    assert bundled_events().is_file()


# -- text is data, never terminal control --------------------------------------------------------------------------

ESCAPE_KEY = MINIMAL_TEXT + '"x\\e[31m": 1\n'


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_terminal_escape_in_a_value_is_shown_not_obeyed(run_cli, tmp_path, fmt):
    path = write(tmp_path, "escape.yaml", ESCAPE_KEY)
    result = run_cli("validate", "--format", fmt, path)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "x\\x1b[31m" in result.stdout


def test_terminal_escape_in_json_is_json_escaped(run_cli, tmp_path):
    path = write(tmp_path, "escape.yaml", ESCAPE_KEY)
    result = run_cli("validate", "--format", "json", path)
    assert "\x1b" not in result.stdout
    report = json.loads(result.stdout)
    assert any("x\x1b[31m" in p["message"] for p in report["problems"])  # the data itself is kept exactly


def test_terminal_escape_in_a_file_name_is_shown_not_obeyed(run_cli, tmp_path):
    path = write(tmp_path, "evil\x1b[2J.yaml", MINIMAL_TEXT)
    result = run_cli("validate", path)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    assert "evil\\x1b[2J.yaml" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_bidi_override_in_a_value_is_escaped(run_cli, tmp_path, fmt):
    path = write(tmp_path, "bidi.yaml", MINIMAL_TEXT + '"admin\u202e\u2066x": 1\n')
    result = run_cli("validate", "--format", fmt, path)
    assert result.exit_code == 1
    assert "\u202e" not in result.stdout and "\u2066" not in result.stdout
    assert "admin\\u202e\\u2066x" in result.stdout


# -- robustness -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_no_fixture_makes_the_cli_crash(run_cli, path):
    result = run_cli("validate", path)
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    summary_of(result.stderr)


def _snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(directory)): (p.stat().st_mtime_ns, p.stat().st_size) for p in directory.rglob("*")}


def test_validate_writes_nothing(run_cli, tmp_path):
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(MINIMAL_TEXT.replace("\n", "\r\n").encode("utf-8"))
    bad = write(tmp_path, "bad.yaml", "version: 1\ntitle: [\n")
    write(tmp_path, "events.yaml", MINIMAL_TEXT)
    before = _snapshot(tmp_path)
    for args in (["validate", crlf], ["validate", bad], ["validate", "--format", "json", crlf], ["validate"],
                 ["validate", "--strict", "--format", "github", crlf, bad]):
        run_cli(*args, cwd=tmp_path)
    assert _snapshot(tmp_path) == before
    assert crlf.read_bytes() == MINIMAL_TEXT.replace("\n", "\r\n").encode("utf-8")


# -- as a real process ------------------------------------------------------------------------------------------

def test_subprocess_exit_codes(run_subprocess, tmp_path):
    assert run_subprocess("validate", MINIMAL).returncode == 0
    assert run_subprocess("validate", BAD / "unknown-topic.yaml").returncode == 1
    missing = run_subprocess("validate", tmp_path / "absent.yaml")
    assert missing.returncode == 2 and missing.stdout == "" and "no such file" in missing.stderr
    assert run_subprocess("validate", tmp_path).returncode == 2
    assert run_subprocess("validate", "--no-such-option").returncode == 2
    assert run_subprocess("validate", "--strict", BAD / "unused-topic.yaml").returncode == 1
    assert run_subprocess("validate", "--strict", MINIMAL).returncode == 0


def test_subprocess_keeps_stdout_and_stderr_apart(run_subprocess):
    result = run_subprocess("validate", "--format", "json", BAD / "unknown-topic.yaml")
    assert result.returncode == 1
    assert json.loads(result.stdout)["summary"]["errors"] == 1
    summary_of(result.stderr)


def test_subprocess_github_actions(run_subprocess, tmp_path):
    path = write(tmp_path, "forged.yaml", FORGED)
    result = run_subprocess("validate", path, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines), lines
    text = run_subprocess("validate", "--format", "text", path, env={"GITHUB_ACTIONS": "true"})
    assert not text.stdout.startswith("::")


def test_subprocess_default_files(run_subprocess, tmp_path):
    bundled = run_subprocess("validate", cwd=tmp_path)
    assert bundled.returncode in (0, 1), bundled.stderr
    assert str(bundled_events()) in bundled.stderr
    write(tmp_path, "events.yaml", MINIMAL_TEXT)
    local = run_subprocess("validate", cwd=tmp_path)
    assert local.returncode == 0 and "validate events.yaml: ok" in local.stderr
    env = run_subprocess("validate", cwd=tmp_path, env={"TIMELINE_FILE": str(BAD / "version-2.yaml")})
    assert env.returncode == 1 and "version-2.yaml" in env.stderr


def test_subprocess_version_names_the_yaml_parser(run_subprocess):
    result = run_subprocess("--version")
    assert result.returncode == 0
    assert re.match(r"timeline \d+\.\d+", result.stdout)
    assert "installed as newsroom-timeline" in result.stdout  # the name to give pip, which is not "timeline"
    assert "PyYAML" in result.stdout and ("libyaml" in result.stdout or "pure Python" in result.stdout)
    assert "block reader (compiled)" in result.stdout or "block reader (Python" in result.stdout


def test_subprocess_help(run_subprocess):
    result = run_subprocess("--help")
    assert result.returncode == 0 and "validate" in result.stdout
    validate_help = run_subprocess("validate", "--help")
    assert validate_help.returncode == 0 and "--strict" in validate_help.stdout and "--format" in validate_help.stdout


def test_subprocess_max_bytes_from_the_environment(run_subprocess):
    result = run_subprocess("validate", MINIMAL, env={"TIMELINE_MAX_BYTES": "100"})
    assert result.returncode == 1 and "too-large" in result.stdout


def test_subprocess_bad_max_bytes_is_a_usage_error(run_subprocess):
    result = run_subprocess("validate", MINIMAL, env={"TIMELINE_MAX_BYTES": "lots"})
    assert "Traceback" not in result.stderr
    assert result.returncode == 2 and "TIMELINE_MAX_BYTES" in result.stderr


def test_subprocess_no_fixture_makes_a_traceback(run_subprocess):
    # Every fixture runs in-process above (test_no_fixture_makes_the_cli_crash); as real processes, all of them
    # merged in one run, then one run each for the inputs that stop the parser early (~0.15 s a process).
    everything = run_subprocess("validate", *CORPUS)
    assert everything.returncode == 1
    assert "Traceback" not in everything.stderr and "Traceback" not in everything.stdout
    assert summary_of(everything.stderr).group(1) == "FAILED"
    early = [path for path in CORPUS if path.with_suffix(".expect").exists() or path.stem.startswith(("syntax-", "too-"))]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(early, pool.map(lambda path: run_subprocess("validate", path), early)))
    crashed = {path.name: r.stderr[-500:] for path, r in results.items()
               if r.returncode != 1 or "Traceback" in r.stderr or "Traceback" in r.stdout}
    assert crashed == {}


def test_subprocess_writes_nothing(run_subprocess, tmp_path):
    write(tmp_path, "events.yaml", MINIMAL_TEXT)
    before = _snapshot(tmp_path)
    run_subprocess("validate", cwd=tmp_path)
    run_subprocess("validate", "--format", "json", "events.yaml", cwd=tmp_path)
    assert _snapshot(tmp_path) == before


# -- a Windows path in double quotes ------------------------------------------------------------------------------

@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "full-checks"])
@pytest.mark.parametrize(("typed", "column", "code", "said"), [
    (r'"Files in C:\temp"', 23, "control-character", "has `\\t` in double quotes, which YAML reads as a tab (U+0009)"),
    (r'"D:\_drafts"', 14, "control-character", "`\\_` in double quotes, which YAML reads as a no-break space (U+00A0)"),
    (r'"C:\Program Files"', 14, "line-separator", "`\\P` in double quotes, which YAML reads as a paragraph separator"),
    (r'"C:\bin"', 14, "control-character", "`\\b` in double quotes, which YAML reads as a backspace (U+0008)"),
    # \" is skipped as an escape
    (r'"a \"quoted\" C:\temp"', 27, "control-character", "`\\t` in double quotes, which YAML reads as a tab"),
])
def test_a_windows_path_in_double_quotes_is_reported_at_its_escape(run_cli, tmp_path, monkeypatch, fast, typed,
                                                                    column, code, said):
    """`"C:\\temp"` is C, a colon, a tab and "emp" to YAML: validate said ok and the chronology printed `C: emp`;
    `\\P` was "an invisible character, delete it", `\\b` "U+0008" at the value's first column (new-user review)."""
    import timeline.validate.fastpath as fastpath

    monkeypatch.setattr(fastpath, "FAST_PATH", fast)
    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL_TEXT.replace("      en: Trump sworn in as 47th president", f"      en: {typed}"),
                    encoding="utf-8")
    result = run_cli("validate", "--format", "json", path)
    problems = [(p["line"], p["column"], p["code"], p["message"]) for p in json.loads(result.stdout)["problems"]
                if p["severity"] != "notice"]
    assert [(line, col, c) for line, col, c, _ in problems] == [(28, column, code)], problems
    assert said in problems[0][3] and problems[0][3].startswith("event 'trump-inauguration' title (en) has")
    assert result.exit_code == (0 if code == "line-separator" or "tab" in said or "no-break" in said else 1)


@pytest.mark.parametrize("typed", [r"'C:\temp'", r"C:\\temp", r'"C:\\temp"'])
def test_a_backslash_written_as_one_is_no_escape(run_cli, tmp_path, typed):
    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL_TEXT.replace("      en: Trump sworn in as 47th president", f"      en: {typed}"),
                    encoding="utf-8")
    assert run_cli("validate", path).exit_code == 0


def test_a_tab_escaped_in_a_quote_stays_allowed(run_cli, tmp_path):
    """An article's text holds tabs and no-break spaces; verify reads them as spaces."""
    text = MINIMAL_TEXT.replace("        quote: 2025年1月20日、", '        quote: "2025年1月20日、\\t')
    line = next(line for line in text.splitlines() if '\\t' in line)
    path = tmp_path / "events.yaml"
    path.write_text(text.replace(line, line + '"'), encoding="utf-8")
    assert run_cli("validate", path).exit_code == 0


def test_a_raw_tab_in_a_title_normalizes_and_stays_valid(run_cli, tmp_path):
    """normalize writes a raw tab as `\\t`: the escape is then no problem at all, as the raw tab was none (an error
    made normalize refuse a valid file, in the first form of this check; a warning made `--strict` fail on it). A
    `\\t` in a Windows path is still said."""
    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL_TEXT.replace("      en: Trump sworn in as 47th president", '      en: "Trump sworn\tin"'),
                    encoding="utf-8")
    assert run_cli("validate", "--strict", path).exit_code == 0
    assert run_cli("normalize", path).exit_code == 0
    assert '"Trump sworn\\tin"' in path.read_text(encoding="utf-8")
    result = run_cli("validate", "--strict", path)
    assert result.exit_code == 0 and "control-character" not in result.stdout
    path.write_text(path.read_text(encoding="utf-8").replace('"Trump sworn\\tin"', '"Saved in C:\\temp"'),
                    encoding="utf-8")
    result = run_cli("validate", path)
    assert result.exit_code == 0 and "warning[control-character]" in result.stdout
