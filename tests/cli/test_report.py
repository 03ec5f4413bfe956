"""The report of `validate` and `verify`, and every error that is not a problem in the data: what is listed and in
what order (errors, then warnings, by file and line; notices counted in one line unless asked for), the threshold
that GitHub annotations follow too, colour on a terminal only, and one style for every usage error, click's own
included. Also the README's quickstart screen, checked against the real output."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.errors import Problem, Severity
from timeline.render.problems import at_least, left_out, render_text, report_order
from conftest import REPO, TESTS

MINIMAL_TEXT = (TESTS / "data" / "good" / "minimal.yaml").read_text(encoding="utf-8")

# Two events, each on one source (2 notices); an unused topic (a warning, line 9); the second event names a topic
# and an actor that do not exist (2 errors, lines 48 and 49): in file order the notice of line 27 comes first.
MIXED = MINIMAL_TEXT.replace("topics:\n  ai-policy:\n    ja: AI政策\n    en: AI policy\n",
                             "topics:\n  ai-policy:\n    ja: AI政策\n    en: AI policy\n  trade:\n    ja: 貿易\n"
                             "    en: Trade\n") + """\
  - id: second-event
    date: 2025-01-21
    title:
      ja: 二つ目の出来事
      en: A second event
    summary:
      ja: 二つ目の出来事の要約。
      en: The summary of a second event.
    topics: [ai-polcy]
    actors: [trmp]
    citations:
      - source: example-2025-01-27
        quote: 第47代アメリカ合衆国大統領に就任し
"""
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def mixed(tmp_path) -> Path:
    path = tmp_path / "mixed.yaml"
    path.write_text(MIXED, encoding="utf-8")
    return path


def listed(stdout: str) -> list[str]:
    """`severity[code]@line` for each problem line of a text report, in order."""
    found = re.findall(r"^[^\n]*:(\d+):\d+: (\w+)\[([\w-]+)\]", stdout, re.M)
    return [f"{severity}[{code}]@{line}" for line, severity, code in found]


# -- order and threshold (the library) ----------------------------------------------------------------------------

def problem(file: str, line: int, severity: Severity, code: str = "x") -> Problem:
    return Problem(file, line, 1, code, "message", "", severity)


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE


def test_report_order_is_errors_then_warnings_then_notices_each_by_file_and_line():
    given = [problem("b.yaml", 1, N), problem("b.yaml", 9, E), problem("a.yaml", 40, W), problem("a.yaml", 50, E),
             problem("b.yaml", 2, E), problem("a.yaml", 3, N), problem("a.yaml", 7, W)]
    order = [(p.severity, p.file, p.line) for p in report_order(given)]
    assert order == [(E, "a.yaml", 50), (E, "b.yaml", 2), (E, "b.yaml", 9), (W, "a.yaml", 7), (W, "a.yaml", 40),
                     (N, "a.yaml", 3), (N, "b.yaml", 1)]


@pytest.mark.parametrize(("threshold", "kept"), [(E, [E]), (W, [E, W]), (N, [E, W, N])])
def test_at_least_keeps_what_is_as_serious_as_the_threshold(threshold, kept):
    given = [problem("a", 1, N), problem("a", 2, W), problem("a", 3, E)]
    assert sorted({p.severity for p in at_least(given, threshold)}) == sorted(kept)


@pytest.mark.parametrize(("threshold", "lines"), [
    (N, []),
    (W, ["3 notices not shown (single-source: 2, other: 1); --show-notices lists them"]),
    (E, ["1 warning not shown (unused-topic: 1); --min-severity warning lists them",
         "3 notices not shown (single-source: 2, other: 1); --show-notices lists them"]),
])
def test_left_out_counts_each_severity_left_out_by_code_most_first(threshold, lines):
    given = [problem("a", 1, N, "single-source"), problem("a", 2, N, "other"), problem("a", 3, N, "single-source"),
             problem("a", 4, W, "unused-topic"), problem("a", 5, E, "bad-date")]
    assert left_out(given, threshold) == lines


def test_render_text_colours_only_our_severity_word():
    text = render_text([problem("\x1b[31mevil.yaml", 3, E)], colour=True)
    assert text.startswith("\\x1b[31mevil.yaml:3:1: \x1b[1;31merror\x1b[0m[x]: message")  # data: shown, not obeyed
    assert render_text([problem("a.yaml", 3, E)]) == "a.yaml:3:1: error[x]: message\n"


# -- order and threshold (the command line) -----------------------------------------------------------------------

def test_errors_come_first_and_notices_are_counted_in_one_line(run_cli, mixed):
    result = run_cli("validate", mixed)
    assert result.exit_code == 1
    assert listed(result.stdout) == ["error[unknown-topic]@48", "error[unknown-actor]@49", "warning[unused-topic]@9"]
    assert result.stderr.splitlines() == [
        "2 notices not shown (single-source: 2); --show-notices lists them",
        f"validate {mixed}: FAILED (2 error(s), 1 warning(s), 2 notice(s))",
    ]


def test_several_files_are_each_in_file_and_line_order_errors_first(run_cli, tmp_path):
    (tmp_path / "b.yaml").write_text(MIXED, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(MIXED.replace("version: 1", "version: 2"), encoding="utf-8")
    result = run_cli("validate", "b.yaml", "a.yaml", cwd=tmp_path)
    files = [line.split(":")[0] + ":" + line.split(" ")[1].split("[")[0] for line in result.stdout.splitlines()
             if not line.startswith("  hint:")]
    assert files == sorted(files, key=lambda item: (item.split(":")[1] != "error", item.split(":")[0]))
    assert files[0] == "a.yaml:error" and files[-1].endswith(":warning")


@pytest.mark.parametrize(("args", "env", "shown", "counted"), [
    ([], {}, ["error", "error", "warning"], ["2 notices not shown"]),
    (["--show-notices"], {}, ["error", "error", "warning", "notice", "notice"], []),
    (["--min-severity", "notice"], {}, ["error", "error", "warning", "notice", "notice"], []),
    (["--min-severity", "warning"], {}, ["error", "error", "warning"], ["2 notices not shown"]),
    (["--min-severity", "error"], {}, ["error", "error"], ["1 warning not shown", "2 notices not shown"]),
    # What fails the run is always listed: under --strict, warnings too.
    (["--min-severity", "error", "--strict"], {}, ["error", "error", "warning"], ["2 notices not shown"]),
    (["--format", "github"], {}, ["error", "error", "warning"], ["2 notices not shown"]),
    ([], {"GITHUB_ACTIONS": "true"}, ["error", "error", "warning"], ["2 notices not shown"]),
    (["--format", "github", "--show-notices"], {}, ["error", "error", "warning", "notice", "notice"], []),
    (["--format", "github", "--min-severity", "error"], {}, ["error", "error"], ["1 warning not shown", "2 notices"]),
    (["--format", "json"], {}, ["error", "error", "warning", "notice", "notice"], []),
    (["--format", "json", "--min-severity", "error"], {}, ["error", "error"], ["1 warning not shown", "2 notices"]),
    (["--format", "sarif"], {}, ["error", "error", "warning", "note", "note"], []),
    (["--format", "sarif", "--min-severity", "warning"], {}, ["error", "error", "warning"], ["2 notices not shown"]),
])
def test_the_threshold_decides_what_every_format_lists(run_cli, mixed, args, env, shown, counted):
    result = run_cli("validate", *args, mixed, env=env)
    assert result.exit_code == 1
    assert _severities(result.stdout) == shown
    talk = result.stderr.splitlines()
    assert len(talk) == len(counted) + 1 and all(line.startswith(start) for line, start in zip(talk, counted))
    assert talk[-1].endswith("FAILED (2 error(s), 1 warning(s), 2 notice(s))")  # the verdict counts everything


def _severities(stdout: str) -> list[str]:
    """The severity of each problem listed, in order, whatever the format."""
    if stdout.startswith("::"):
        return [line[2:].split(" ")[0] for line in stdout.splitlines()]
    if stdout.startswith("{"):
        document = json.loads(stdout)
        if "runs" in document:
            return [result["level"] for result in document["runs"][0]["results"]]
        assert document["summary"] == {"errors": 2, "warnings": 1, "notices": 2}  # every problem found
        return [entry["severity"] for entry in document["problems"]]
    return [entry.split("[")[0].split("@")[0] for entry in listed(stdout)]


def test_show_notices_and_another_min_severity_is_a_usage_error(run_cli, mixed):
    result = run_cli("validate", "--show-notices", "--min-severity", "error", mixed)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: --show-notices and --min-severity error ask for different things\n")


def test_verify_has_the_same_threshold(run_cli, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL_TEXT.replace("    archive: example.txt\n", ""), encoding="utf-8")  # no-archive: a warning
    shown = run_cli("verify", "--archive", archive, path)
    assert "warning[no-archive]" in shown.stdout and shown.exit_code == 0
    quiet = run_cli("verify", "--archive", archive, "--min-severity", "error", path)
    assert quiet.stdout == "" and quiet.stderr.startswith("1 warning not shown (no-archive: 1)")


# -- colour -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("env", "coloured"), [
    ({}, False),  # CliRunner's streams are no terminal
    ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ({"FORCE_COLOR": "1", "NO_COLOR": ""}, True),  # NO_COLOR counts only when it is not empty (no-color.org)
    ({"FORCE_COLOR": "1", "TERM": "dumb"}, False),
])
def test_severities_are_coloured_only_where_colour_is_wanted(run_cli, mixed, env, coloured):
    result = run_cli("validate", "--show-notices", mixed, env=env)
    assert bool(ESCAPE.search(result.stdout)) is coloured
    assert bool(ESCAPE.search(result.stderr)) is coloured  # FAILED
    if coloured:
        assert "\x1b[1;31merror\x1b[0m[unknown-topic]" in result.stdout
        assert "\x1b[1;33mwarning\x1b[0m[unused-topic]" in result.stdout
        assert "\x1b[36mnotice\x1b[0m[single-source]" in result.stdout
    assert ESCAPE.sub("", result.stdout) == run_cli("validate", "--show-notices", mixed).stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_are_never_coloured(run_cli, mixed, fmt):
    result = run_cli("validate", "--format", fmt, mixed, env={"FORCE_COLOR": "1"})
    assert "\x1b" not in result.stdout


def test_a_usage_error_says_error_in_red_on_a_colour_terminal(run_cli):
    result = run_cli("list", "--format", "xml", env={"FORCE_COLOR": "1"})
    assert result.stderr.startswith("\x1b[1;31mError:\x1b[0m invalid value for --format")


def _on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """stdout and stderr of `python -m timeline ARGS` when both are a real pseudo-terminal."""
    import pty

    from conftest import subprocess_environment

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "timeline", *args], stdin=subprocess.DEVNULL, stdout=follower,
                               stderr=follower, env=subprocess_environment({"TERM": "xterm", **env}), close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its side
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(("env", "coloured"), [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)])
def test_subprocess_a_real_terminal_gets_colour_unless_told_not_to(mixed, env, coloured):
    screen = _on_a_terminal("validate", str(mixed), env=env)
    assert "unknown-topic" in screen
    assert ("\x1b[1;31merror\x1b[0m[unknown-topic]" in screen) is coloured
    assert bool(ESCAPE.search(screen)) is coloured


# -- one style for every usage error ------------------------------------------------------------------------------

USAGE_ERRORS = [
    (["list", "--format", "xml"], {}, "Error: invalid value for --format: 'xml' is not one", "timeline list --help"),
    (["list", "--bogus"], {}, "Error: no such option: --bogus", "timeline list --help"),
    (["show"], {}, "Error: missing EVENT", "timeline show --help"),
    (["nosuch"], {}, "Error: no such command 'nosuch'", "timeline --help"),
    (["--bogus"], {}, "Error: no such option: --bogus", "timeline --help"),
    (["list", "-n", "-1"], {}, "Error: invalid value for --limit: -1", "--limit takes a whole number"),
    (["list", "--from", "2025-13"], {}, "Error: invalid value for ", "months are 01 to 12"),
    (["validate", "--min-severity", "loud"], {}, "Error: invalid value for --min-severity", "timeline validate"),
    (["list"], {"TIMELINE_LANG": "fr"}, "Error: invalid value for TIMELINE_LANG: 'fr'", "timeline list --help"),
    (["list", "--topic", "nope"], {}, "Error: unknown topic 'nope'", "known topics"),
    (["show", "nothing-like-it"], {}, "Error: unknown event 'nothing-like-it'", "timeline list"),
]


@pytest.mark.parametrize(("args", "env", "first", "hint"), USAGE_ERRORS)
def test_every_usage_error_is_one_error_line_and_a_hint(run_cli, args, env, first, hint):
    result = run_cli(*args, env=env)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(first), result.stderr
    assert lines[1].startswith("  hint: ") and hint in lines[1], result.stderr
    assert all(line.startswith("        ") for line in lines[2:]), result.stderr
    assert not re.search(r"[╭╰│─]|Usage:|Try '", result.stderr)  # never typer's panel, never click's usage


@pytest.mark.parametrize(("args", "env", "first", "hint"), [USAGE_ERRORS[0], USAGE_ERRORS[3], USAGE_ERRORS[9]])
def test_subprocess_every_usage_error_is_one_error_line_and_a_hint(run_subprocess, args, env, first, hint):
    result = run_subprocess(*args, env={"COLUMNS": "200", **env})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(first) and f"\n  hint: " in result.stderr and hint in result.stderr
    assert result.stderr.count("\n") == 2


def test_help_is_still_typers_and_no_arguments_still_show_it(run_cli):
    helped = run_cli("list", "--help")
    assert helped.exit_code == 0 and "Usage: timeline list" in helped.stdout and "--topic" in helped.stdout
    bare = run_cli()
    assert "Usage: timeline" in bare.stdout + bare.stderr and "Error:" not in bare.stderr


# -- the README's quickstart screen -------------------------------------------------------------------------------

def test_readme_quickstart_screen_is_the_real_output(run_subprocess):
    """The README shows what `timeline validate` prints on the bundled data in the quickstart, byte for byte: in a
    pipe, so without colour; stdout (empty: no error, no warning) then stderr."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- validate-excerpt -->\n```console\n(.*?)\n```\n<!-- /validate-excerpt -->", text, re.S)
    assert block, "README.md has no <!-- validate-excerpt --> block"
    command, *screen = block.group(1).split("\n")
    assert command == "$ timeline validate"
    result = run_subprocess("validate", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.rstrip("\n").split("\n") == screen
    assert len(screen) <= 4  # the first screen: the chronology that follows starts right under it
