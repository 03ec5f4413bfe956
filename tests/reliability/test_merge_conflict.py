"""Merge-conflict markers, the most common way a shared event file breaks, through the real CLI.

`<<<<<<<`, `|||||||`, `=======` and `>>>>>>>` lines are found in the decoded text before any YAML is parsed
(reader/conflicts.py `merge_conflicts`), so at the top level and inside any value alike, by whichever reader would
have read the file (the compiled block reader, libyaml). Each conflict is one `merge-conflict` error at its
`<<<<<<<` line, column 1, with a hint to resolve it, and nothing else is reported for that file: whatever would
parse is a mix of both sides. The fixtures are tests/data/hostile/merge-conflict-*.yaml, whose `# expect:` headers
give the positions (worked out from the files).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import DATA, MINIMAL

from timeline import load
from timeline.reader import compiled, conflicts, libyaml
from timeline.errors import PROBLEM_CODES, Severity
from timeline.pipeline import load_files
from timeline.validate import validate

HOSTILE = DATA / "hostile"
FIXTURES = sorted(HOSTILE.glob("merge-conflict-*.yaml"))
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
HINT = "  hint: resolve the conflict: keep one side, delete the markers, then run `timeline validate`"
ENTRY = re.compile(r"(\d+):(\d+)\s+([a-z-]+)")


def expected(path: Path) -> list[tuple[int, int, str]]:
    header = path.read_bytes().split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    return sorted((int(line), int(column), code) for line, column, code in ENTRY.findall(header))


def conflicted(lines: list[str], marker_at: int, ours: str, theirs: str) -> list[str]:
    """MINIMAL's lines with line `marker_at` (0-based) replaced by a conflict between `ours` and `theirs`."""
    return lines[:marker_at] + ["<<<<<<< HEAD", ours, "=======", theirs, ">>>>>>> branch"] + lines[marker_at + 1:]


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_the_fixtures_cover_each_place_a_conflict_lands():
    names = {path.stem.removeprefix("merge-conflict-") for path in FIXTURES}
    assert {"top-level", "in-event", "in-double-quotes", "in-single-quotes", "diff3", "crlf", "half-resolved",
            "two-conflicts"} <= names
    assert b"\r\n" in (HOSTILE / "merge-conflict-crlf.yaml").read_bytes()
    assert b"\n|||||||" in (HOSTILE / "merge-conflict-diff3.yaml").read_bytes()


def test_merge_conflict_is_a_documented_error_code(run_cli):
    assert PROBLEM_CODES["merge-conflict"][0] is Severity.ERROR
    assert any(line.startswith("merge-conflict ") for line in run_cli("validate", "--codes").stdout.splitlines())


# -- through the command line ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_validate_reports_each_conflict_once_at_its_line(run_cli, path):
    result = run_cli("validate", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    problems = [line for line in lines if not line.startswith("  hint: ")]
    assert len(problems) == len(expected(path))  # one line per conflict, and nothing else
    for problem, (line, column, code) in zip(problems, expected(path)):
        assert problem.startswith(f"{path}:{line}:{column}: error[{code}]: "), problem
    assert lines[1::2] == [HINT] * len(problems)
    assert result.stderr.startswith(f"validate {path}: FAILED ({len(problems)} error(s), 0 warning(s)")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize("args", [["list"], ["show", "trump-inauguration"], ["chronology"], ["topics"]],
                         ids=lambda args: args[0])
def test_no_command_prints_data_from_a_conflicted_file(run_cli, path, args):
    result = run_cli(*args, "-f", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert "error[merge-conflict]" in result.stderr
    assert "Error: the data is invalid" in result.stderr.splitlines()[-1]


@pytest.mark.parametrize("name", ["in-double-quotes", "in-single-quotes", "half-resolved"])
def test_a_conflict_inside_a_quoted_value_no_longer_passes(run_cli, monkeypatch, name):
    # YAML reads the markers and both sides as one value: without the check, validation passed and `show` printed it.
    path = HOSTILE / f"merge-conflict-{name}.yaml"
    with monkeypatch.context() as unchecked:
        unchecked.setattr(load, "merge_conflicts", lambda text, file: [])
        unchecked.setenv("TIMELINE_NO_CACHE", "1")
        before = run_cli("show", "trump-inauguration", "-f", path)
        assert before.exit_code == 0 and ">>>>>>>" in before.stdout
    shown = run_cli("show", "trump-inauguration", "-f", path)
    assert (shown.exit_code, shown.stdout) == (1, "")


def test_the_message_names_both_sides_and_the_lines(run_cli):
    result = run_cli("validate", HOSTILE / "merge-conflict-in-event.yaml")
    assert ("26:1: error[merge-conflict]: an unresolved merge conflict (lines 26-30): both sides are in the file, "
            "from '<<<<<<< HEAD' to '>>>>>>> fix-inauguration-date'") in result.stdout


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_every_report_format_carries_the_code_and_line(run_cli, fmt):
    path = HOSTILE / "merge-conflict-top-level.yaml"
    result = run_cli("validate", "--format", fmt, path)
    assert result.exit_code == 1
    if fmt == "json":
        [problem] = json.loads(result.stdout)["problems"]
        assert (problem["code"], problem["line"], problem["column"]) == ("merge-conflict", 2, 1)
    else:
        assert "merge-conflict" in result.stdout and ("line=2" in result.stdout or '"startLine": 2' in result.stdout)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_subprocess_validate_and_list(run_subprocess, path):
    validated = run_subprocess("validate", path)
    assert validated.returncode == 1 and "Traceback" not in validated.stderr
    assert [line.split(": error[")[0] for line in validated.stdout.splitlines() if "error[" in line] == \
        [f"{path}:{line}:{column}" for line, column, _ in expected(path)]
    listed = run_subprocess("list", "-f", path)
    assert (listed.returncode, listed.stdout) == (1, "")
    assert "merge-conflict" in listed.stderr


def test_normalize_refuses_a_conflicted_file_and_leaves_it(run_cli, tmp_path):
    source = HOSTILE / "merge-conflict-in-event.yaml"
    path = write(tmp_path, "events.yaml", source.read_text(encoding="utf-8"))
    before = path.read_bytes()
    result = run_cli("normalize", path)
    assert result.exit_code == 1 and "merge-conflict" in result.stdout + result.stderr
    assert path.read_bytes() == before


# -- one check for every reader ----------------------------------------------------------------------------------------

READERS = {"block-reader": True, "libyaml": False}  # load.BLOCK_READER


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_reader_gets_the_same_report(monkeypatch, path, reader):
    if READERS[reader] and not compiled.COMPILED:
        pytest.skip("the compiled block reader is not built here")
    monkeypatch.setattr(load, "BLOCK_READER", READERS[reader])
    _, problems = validate(load_files([path]))
    assert [(p.line, p.column, p.code) for p in problems] == expected(path)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_the_markers_are_found_before_any_reader_runs(monkeypatch, run_cli, path):
    def no_reader(*args):
        raise AssertionError("a YAML reader ran on a file with merge-conflict markers")

    monkeypatch.setattr(load, "read_block", no_reader)  # the block reader, through load.py
    monkeypatch.setattr(libyaml, "read", no_reader)  # libyaml
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    result = run_cli("validate", path)
    assert result.exit_code == 1 and result.stdout.count("error[merge-conflict]") == len(expected(path))


# -- what is and is not a marker ------------------------------------------------------------------------------------

NOT_MARKERS = [
    "        quote: '========'\n",  # eight, not seven
    "        quote: 'a ======= b'\n",  # not at a line start
    "# <<<<<<< HEAD\n",  # in a comment, not at a line start
    "notes_block: |\n  =======\n  >>>>>>> x\n",  # indented: block text, never a marker (git writes them at column 1)
    "x: '\n<<<<<<<<\n'\n",  # eight `<`
    "x: '\n<<<<<<<x\n'\n",  # no space after the seven
    "x: '\n=======x\n'\n",  # text after =======
]


@pytest.mark.parametrize("text", NOT_MARKERS)
def test_what_git_would_not_write_is_not_a_marker(text):
    assert conflicts.merge_conflicts(MINIMAL_TEXT + text, "x") == []


@pytest.mark.parametrize(("text", "line"), [
    ("<<<<<<< HEAD\nversion: 1\n=======\nversion: 2\n>>>>>>> b\n", 1),  # the first line of the file
    ("a: 1\r<<<<<<< HEAD\rb: 2\r=======\rb: 3\r>>>>>>> x\r", 2),  # old Mac line ends: YAML counts a lone CR
    ("a: 1\r\n<<<<<<< HEAD\r\nb: 2\r\n=======\r\nb: 3\r\n>>>>>>> x\r\n", 2),  # CRLF
    ("a: 1\n<<<<<<<\nb: 2\n=======\nb: 3\n>>>>>>>", 2),  # markers without labels, no newline at the end
    ("a: 1\n<<<<<<< HEAD \t\nb: 2\n======= \nb: 3\n>>>>>>> x\n", 2),  # trailing white space
])
def test_the_conflict_is_reported_at_its_first_line(text, line):
    [problem] = conflicts.merge_conflicts(text, "x")
    assert (problem.line, problem.column, problem.code) == (line, 1, "merge-conflict")
    assert load.load_text(text, "x").problems == [problem]


def test_a_conflict_never_closed_says_so():
    [problem] = conflicts.merge_conflicts("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n", "x")
    assert problem.line == 2 and "no `>>>>>>>` line" in problem.message


def test_what_is_left_of_a_half_resolved_conflict_is_reported_once():
    # Both sides kept, `<<<<<<<` and `>>>>>>>` deleted, `=======` forgotten; then the same with `>>>>>>>` kept too.
    [alone] = conflicts.merge_conflicts("a: 1\nb: 2\n=======\nc: 3\n", "x")
    assert alone.line == 3 and "without the `<<<<<<<` line" in alone.message
    [remnant] = conflicts.merge_conflicts("a: 1\n=======\nc: 3\n>>>>>>> theirs\nd: 4\n", "x")
    assert remnant.line == 2


def test_lines_almost_like_markers_cost_no_more_than_markers():
    # Each kind of marker is looked for at most MAX_MARKERS times: a flood of `<<<<<<<<` lines (eight) is bounded too,
    # and a marker after it is not missed without a word.
    text = "<<<<<<<<\n" * (conflicts.MAX_MARKERS + 10) + "<<<<<<< a\nb: 1\n=======\nb: 2\n>>>>>>> x\n"
    [problem] = conflicts.merge_conflicts(text, "x")
    assert problem.line == conflicts.MAX_MARKERS + 1 and "not looked at" in problem.message
    assert conflicts.merge_conflicts("<<<<<<<<\n" * 100 + "<<<<<<< a\nb: 1\n=======\nb: 2\n>>>>>>> x\n", "x")[0].line == 101


def test_nested_conflicts_are_each_reported_once():
    text = "<<<<<<< HEAD\na: 1\n<<<<<<< inner\nb: 1\n=======\nb: 2\n>>>>>>> inner\n=======\na: 2\n>>>>>>> x\n"
    assert [p.line for p in conflicts.merge_conflicts(text, "x")] == [1, 3]


def test_a_flood_of_markers_is_bounded(run_cli, tmp_path):
    # A file of nothing but markers: a bounded report, found quickly (at most MAX_MARKERS lines are looked at).
    path = write(tmp_path, "flood.yaml", "<<<<<<< a\n=======\n>>>>>>> b\n" * 200_000)
    result = run_cli("validate", path)
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if "error[" in line]
    assert len(problems) == 1001  # ProblemLog.limit of them, then one line counting the rest
    assert f"{path}:1:1: error[too-many-problems]: 335 more 'merge-conflict' problem(s) not shown" in problems
    # 4,000 markers: 1,333 conflicts, the `<<<<<<<` of the next one, and where the markers not looked at start.
    found = conflicts.merge_conflicts(path.read_text(encoding="utf-8"), "x")
    assert len(found) == conflicts.MAX_MARKERS // 3 + 2
    assert found[-1].message == ("more lines like merge-conflict markers from line 4001 on, not looked at "
                                 "(at most 4000 are)")
    assert found[-1].line == 4001


# -- several files: a conflict in one is not blamed on the others ------------------------------------------------------

REGISTRIES, EVENTS = MINIMAL_TEXT.split("events:\n")


def test_a_conflict_in_one_of_several_files_is_the_only_problem(run_cli, tmp_path):
    # The conflicted file defines what the other refers to; until it reads, those references cannot be judged.
    lines = REGISTRIES.split("\n")
    registries = write(tmp_path, "registries.yaml", "\n".join(conflicted(lines, lines.index("    en: AI policy"),
                                                                         "    en: AI policy", "    en: AI")))
    events = write(tmp_path, "events.yaml", "version: 1\nevents:\n" + EVENTS)
    result = run_cli("validate", registries, events)
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines() if "error[" in line] == ["error[merge-conflict]"]
    assert "unknown-topic" not in result.stdout and "no file gives" not in result.stdout


def test_a_syntax_error_in_one_of_several_files_is_not_blamed_on_the_others(run_cli, tmp_path):
    registries = write(tmp_path, "registries.yaml", REGISTRIES.replace("topics:\n", "topics: [\n", 1))
    events = write(tmp_path, "events.yaml", "version: 1\nevents:\n" + EVENTS)
    result = run_cli("validate", registries, events)
    assert result.exit_code == 1
    codes = re.findall(r"error\[([a-z-]+)\]", result.stdout)
    assert codes == ["syntax"], result.stdout


def test_a_reference_to_nothing_is_still_reported_when_every_file_reads(run_cli, tmp_path):
    registries = write(tmp_path, "registries.yaml", REGISTRIES)
    events = write(tmp_path, "events.yaml", "version: 1\nevents:\n" + EVENTS.replace("[ai-policy]", "[ai-polcy]"))
    result = run_cli("validate", registries, events)
    assert result.exit_code == 1 and "error[unknown-topic]" in result.stdout


def test_a_diff3_base_marker_left_alone_is_reported_even_inside_a_quoted_value(run_cli, tmp_path):
    """diff3's `||||||| base` line, the only marker left of a half-resolved conflict, once passed as text."""
    text = MINIMAL.read_text(encoding="utf-8")
    for name, marked in {
        "quoted": text.replace("en: US AI and crypto policy in 2025", 'en: "US AI and\n||||||| base\n crypto policy in 2025"', 1),
        "alone": text.replace("events:\n", "||||||| merged common ancestors\nevents:\n", 1),
    }.items():
        assert marked != text, name
        path = tmp_path / f"{name}.yaml"
        path.write_text(marked, encoding="utf-8")
        result = run_cli("validate", path)
        assert result.exit_code == 1 and "error[merge-conflict]" in result.stdout, (name, result.stdout)
