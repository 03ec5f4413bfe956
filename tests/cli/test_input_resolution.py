"""Which files a command reads, and the other inputs it takes from the environment, through the real CLI.

One function decides the files for every command (cli/options.py `resolve_files`): -f/--file and arguments, else
$TIMELINE_FILE, else ./events.yaml, else the bundled example dataset. What it must never do: read nothing and say
"ok" (`TIMELINE_FILE=":"`), quietly read the bundled data when ./events.yaml is there but broken, read the bundled
data without a word, or read one file twice because it was named twice. The same goes for the window of dates
(--from after --to) and $TIMELINE_LANG: a value that cannot mean what was asked is a usage error, exit 2.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from conftest import MINIMAL

from timeline.cli.options import bundled_events
from timeline.errors import UsageError

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
EVENT = "trump-inauguration"  # the one event of MINIMAL
BUNDLED_NOTICE = "timeline: no events.yaml here: using the bundled example dataset ("

# Every command that reads event files, with what it needs besides them.
READERS = {
    "validate": ["validate"],
    "verify": ["verify", "--archive", "."],
    "list": ["list"],
    "show": ["show", EVENT],
    "topics": ["topics"],
    "actors": ["actors"],
    "sources": ["sources"],
    "chronology": ["chronology"],
    "normalize": ["normalize", "--check"],
}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "Error" in line]


def one_error(result, *words: str) -> str:
    """The run ended in exit 2, printed no data, and said why in one `Error:` line holding every word."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = error_lines(result.stderr)
    for word in words:
        assert word in line, line
    return line


# -- $TIMELINE_FILE -----------------------------------------------------------------------------------------------

EMPTY_ELEMENTS = [":", "::", "{minimal}:", ":{minimal}", "{minimal}::{minimal}", " ", "{minimal}: "]


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("value", EMPTY_ELEMENTS)
def test_an_empty_path_in_timeline_file_is_a_usage_error(run_cli, tmp_path, command, value):
    (tmp_path / "events.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")  # never a fallback either
    result = run_cli(*READERS[command], cwd=tmp_path, env={"TIMELINE_FILE": value.format(minimal=MINIMAL)})
    line = one_error(result, "TIMELINE_FILE", "empty path")
    assert "ok" not in result.stderr.replace(line, "")


def test_an_empty_path_in_timeline_file_names_its_place(run_cli):
    result = run_cli("validate", env={"TIMELINE_FILE": f"{MINIMAL}:"})
    assert "part 2 of 2" in one_error(result, "TIMELINE_FILE")
    result = run_cli("validate", env={"TIMELINE_FILE": f":{MINIMAL}"})
    assert "part 1 of 2" in one_error(result, "TIMELINE_FILE")


def test_an_empty_timeline_file_is_no_timeline_file(run_cli, tmp_path):
    (tmp_path / "events.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    result = run_cli("validate", cwd=tmp_path, env={"TIMELINE_FILE": ""})  # `export TIMELINE_FILE=`
    assert result.exit_code == 0 and "validate events.yaml: ok" in result.stderr


def test_subprocess_timeline_file_colon_is_exit_2_not_ok(run_subprocess, tmp_path):
    result = run_subprocess("validate", cwd=tmp_path, env={"TIMELINE_FILE": ":"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: TIMELINE_FILE=':' has an empty path") and ": ok" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


# -- ./events.yaml that is there but is no event file ---------------------------------------------------------------

def broken_events_yaml(directory: Path, kind: str) -> None:
    local = directory / "events.yaml"
    if kind == "dangling-symlink":
        local.symlink_to("moved-away.yaml")
    elif kind == "directory":
        local.mkdir()
    elif kind == "symlink-loop":
        local.symlink_to("events.yaml")
    elif kind == "fifo":
        os.mkfifo(local)  # reading it would block forever: it is refused before anything opens it
    elif kind == "symlink-to-a-directory":
        (directory / "story").mkdir()
        local.symlink_to("story")


BROKEN = ["dangling-symlink", "directory", "symlink-loop", "fifo", "symlink-to-a-directory"]


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_events_yaml_is_exit_2_never_the_bundled_data(run_cli, tmp_path, kind, command):
    broken_events_yaml(tmp_path, kind)
    result = run_cli(*READERS[command], cwd=tmp_path)
    one_error(result, "events.yaml", "-f FILE")
    assert "bundled" not in result.stderr


def test_a_dangling_events_yaml_names_where_it_points(run_cli, tmp_path):
    broken_events_yaml(tmp_path, "dangling-symlink")
    one_error(run_cli("validate", "--strict", cwd=tmp_path), "symbolic link to moved-away.yaml", "does not exist")


@pytest.mark.parametrize("kind", BROKEN)
def test_subprocess_validate_strict_on_a_broken_events_yaml_is_exit_2(run_subprocess, tmp_path, kind):
    broken_events_yaml(tmp_path, kind)
    result = run_subprocess("validate", "--strict", cwd=tmp_path, timeout=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: ./events.yaml here is ") and len(result.stderr.splitlines()) == 1
    assert str(bundled_events()) not in result.stderr


def test_an_unreadable_events_yaml_is_exit_2_never_the_bundled_data(run_unprivileged, tmp_path):
    # Permission bits bind this process even as root (conftest.run_unprivileged).
    local = tmp_path / "events.yaml"
    local.write_text(MINIMAL_TEXT, encoding="utf-8")
    local.chmod(0)
    try:
        for command in ("validate", "list", "chronology"):
            result = run_unprivileged(command, cwd=tmp_path)
            assert (result.returncode, result.stdout) == (2, ""), (command, result.stderr)
            assert result.stderr.startswith("Error: events.yaml: cannot read: Permission denied"), result.stderr
            assert "bundled" not in result.stderr
    finally:
        local.chmod(stat.S_IRUSR | stat.S_IWUSR)


# -- a named pipe given on purpose: read when something writes to it, never waited on forever -------------------------

@pytest.mark.parametrize("how", ["-f", "TIMELINE_FILE"])
def test_a_fifo_nobody_writes_to_is_exit_2_not_a_hang(run_subprocess, tmp_path, how):
    os.mkfifo(tmp_path / "pipe.yaml")
    args, env = (["-f", "pipe.yaml"], {}) if how == "-f" else ([], {"TIMELINE_FILE": "pipe.yaml"})
    for command in ("validate", "list"):
        result = run_subprocess(command, *args, cwd=tmp_path, env=env, timeout=30)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == "Error: pipe.yaml: a pipe (FIFO) with nothing in it: no program is writing to it\n"


def test_a_pipe_with_a_writer_is_read(tmp_path):
    # `timeline validate -f <(git show HEAD:events.yaml)`: bash hands over /dev/fd/N, a pipe with a writer.
    import subprocess
    import sys

    from conftest import subprocess_environment

    script = f"'{sys.executable}' -m timeline validate -f <(cat '{MINIMAL}')"
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, check=False,
                          env=subprocess_environment(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^validate /dev/fd/\d+: ok", done.stderr, re.M), done.stderr


# -- the bundled dataset: used only with nothing else to read, and then said ---------------------------------------

@pytest.mark.parametrize("command", sorted(READERS))
def test_the_bundled_dataset_is_announced_in_one_line_on_stderr(run_cli, tmp_path, command):
    bundled = bundled_events()
    args = READERS[command]
    if command == "show":
        args = ["show", json.loads(run_cli("list", "-f", bundled, "--format", "json").stdout)["events"][0]["id"]]
    quiet = run_cli(*args, "-f", bundled, cwd=tmp_path)  # the same files, named
    told = run_cli(*args, cwd=tmp_path)
    assert told.stderr.splitlines()[0] == f"{BUNDLED_NOTICE}{bundled})"
    assert told.stderr.count("bundled") == 1
    assert (told.exit_code, told.stdout) == (quiet.exit_code, quiet.stdout)  # stdout and the exit code unchanged
    assert told.stderr.splitlines()[1:] == quiet.stderr.splitlines()


@pytest.mark.parametrize("how", ["-f", "argument", "TIMELINE_FILE", "events.yaml"])
def test_no_notice_when_a_file_is_named_or_found(run_cli, tmp_path, how):
    (tmp_path / "events.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    args, env = {"-f": (["-f", MINIMAL], {}), "argument": ([MINIMAL], {}),
                 "TIMELINE_FILE": ([], {"TIMELINE_FILE": str(MINIMAL)}), "events.yaml": ([], {})}[how]
    result = run_cli("validate", *args, cwd=tmp_path, env=env)
    assert result.exit_code == 0 and "bundled" not in result.stderr


def test_no_notice_from_commands_that_read_no_events(run_cli, tmp_path):
    for args in (["validate", "--codes"], ["schema"], ["docs", "codes"], ["list", "--help"], ["--version"]):
        assert "bundled" not in run_cli(*args, cwd=tmp_path).stderr, args


def test_subprocess_the_bundled_notice_keeps_stdout_clean(run_subprocess, tmp_path):
    told = run_subprocess("list", "--format", "json", cwd=tmp_path)
    named = run_subprocess("list", "--format", "json", "-f", bundled_events(), cwd=tmp_path)
    assert told.returncode == named.returncode == 0
    assert told.stdout == named.stdout and json.loads(told.stdout)["count"] > 0
    assert told.stderr == f"{BUNDLED_NOTICE}{bundled_events()})\n" + named.stderr


def bash_candidates(run_subprocess, *words: str, env: dict[str, str], cwd: Path):
    result = run_subprocess(env={"_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": "\n".join(("timeline", *words)),
                                 "COMP_CWORD": str(len(words)), **env}, cwd=cwd)
    return result.returncode, result.stderr, [line for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("env", [{}, {"TIMELINE_FILE": ":"}, {"TIMELINE_LANG": "fr"}, {"TIMELINE_FILE": "::x"}])
def test_completion_never_prints_the_notice_or_an_error(run_subprocess, tmp_path, env):
    code, stderr, candidates = bash_candidates(run_subprocess, "list", "--topic", "", env=env, cwd=tmp_path)
    assert (code, stderr) == (0, "")
    if "TIMELINE_FILE" not in env:
        assert candidates  # the bundled data's topics, offered without a word on stderr


def test_completion_offers_nothing_from_a_broken_events_yaml(run_subprocess, tmp_path):
    broken_events_yaml(tmp_path, "dangling-symlink")
    assert bash_candidates(run_subprocess, "show", "", env={}, cwd=tmp_path) == (0, "", [])


# -- one file under several names is read once -----------------------------------------------------------------------

def names_of_one_file(directory: Path, how: str) -> tuple[list[str], dict[str, str]]:
    """(arguments, environment) naming directory/m.yaml twice, the second time as `how` says."""
    original = directory / "m.yaml"
    original.write_text(MINIMAL_TEXT, encoding="utf-8")
    if how == "symlink":
        (directory / "link.yaml").symlink_to("m.yaml")
        return ["-f", "m.yaml", "-f", "link.yaml"], {}
    if how == "hard-link":
        os.link(original, directory / "hard.yaml")
        return ["-f", "m.yaml", "-f", "hard.yaml"], {}
    if how == "timeline-file":
        return [], {"TIMELINE_FILE": f"m.yaml{os.pathsep}{original}"}
    second = {"absolute": str(original), "dot-slash": "./m.yaml", "same": "m.yaml",
              "dot-dot": f"../{directory.name}/m.yaml"}
    return ["-f", "m.yaml", "-f", second[how]], {}


SAME_FILE = ["absolute", "dot-slash", "same", "dot-dot", "symlink", "hard-link", "timeline-file"]


@pytest.mark.parametrize("how", SAME_FILE)
def test_the_same_file_named_twice_is_read_once(run_cli, tmp_path, how):
    args, env = names_of_one_file(tmp_path, how)
    validated = run_cli("validate", *args, cwd=tmp_path, env=env)
    assert validated.exit_code == 0, validated.stdout
    assert "duplicate-id" not in validated.stdout
    assert "validate m.yaml: ok" in validated.stderr  # read once, under the name first given
    listed = run_cli("list", "--format", "json", *args, cwd=tmp_path, env=env)
    assert [event["id"] for event in json.loads(listed.stdout)["events"]] == [EVENT]


def test_a_file_given_as_an_argument_and_with_f_is_read_once(run_cli, tmp_path):
    (tmp_path / "m.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    result = run_cli("validate", tmp_path / "m.yaml", "-f", "m.yaml", cwd=tmp_path)
    assert result.exit_code == 0 and "duplicate-id" not in result.stdout


def test_two_copies_are_two_files(run_cli, tmp_path):
    # Identity is the file (device and inode), not its content: a copy still defines every id a second time.
    (tmp_path / "m.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    (tmp_path / "copy.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    result = run_cli("validate", "-f", "m.yaml", "-f", "copy.yaml", cwd=tmp_path)
    assert result.exit_code == 1 and "duplicate-id" in result.stdout


def test_subprocess_the_same_file_under_two_paths_is_read_once(run_subprocess, tmp_path):
    (tmp_path / "m.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    result = run_subprocess("validate", "-f", "m.yaml", "-f", tmp_path / "m.yaml", "--show-notices", cwd=tmp_path)
    assert result.returncode == 0 and "error" not in result.stdout
    assert result.stdout.count("notice[single-source]") == 1  # the file's one notice, once
    assert result.stderr.startswith("validate m.yaml: ok")


def test_the_library_reads_a_file_named_twice_once(tmp_path, monkeypatch):
    from timeline.pipeline import load_files, load_timeline

    (tmp_path / "m.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [loaded.file for loaded in load_files(["m.yaml", str(tmp_path / "m.yaml"), "./m.yaml"])] == ["m.yaml"]
    assert [event.id for event in load_timeline(["m.yaml", tmp_path / "m.yaml"]).events] == [EVENT]


# -- the window of dates -----------------------------------------------------------------------------------------------

REVERSED = [("2025-10", "2025-05"), ("Oct 2025", "2025年5月"), ("2025-05-14", "2025-05-13"), ("2026", "2025-12")]


@pytest.mark.parametrize("command", ["list", "chronology", "topics", "actors", "sources"])
@pytest.mark.parametrize(("start", "end"), REVERSED)
def test_a_reversed_window_is_a_usage_error_showing_both_dates(run_cli, command, start, end):
    result = run_cli(command, "-f", MINIMAL, "--from", start, "--to", end)
    line = one_error(result, "ends before it starts", "swap")
    from timeline.dates import parse_human

    assert str(parse_human(start)) in line and str(parse_human(end)) in line


@pytest.mark.parametrize(("start", "end"), [("2025-05", "2025-05"), ("2025-05-13", "2025-05"), ("2025", "2025-01"),
                                            ("2025-01", "2025"), ("2025-01-20", "2025-01-20")])
def test_a_window_that_overlaps_itself_at_its_precision_is_not_reversed(run_cli, start, end):
    # --to is inclusive at its precision: --from 2025-05-13 --to 2025-05 is the rest of May.
    result = run_cli("list", "-f", MINIMAL, "--from", start, "--to", end)
    assert result.exit_code == 0, result.output


def test_subprocess_reversed_window(run_subprocess):
    result = run_subprocess("list", "-f", MINIMAL, "--from", "2025-10", "--to", "2025-05")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("Error: the date window ends before it starts: from 2025-10 (--from) to 2025-05 (--to); "
                             "swap the two dates\n")


def test_the_library_refuses_a_reversed_window():
    from timeline.dates import parse_human
    from timeline.query import Filter

    with pytest.raises(UsageError, match="2025-10.*2025-05"):
        Filter(date_from=parse_human("2025-10"), date_to=parse_human("2025-05"))
    Filter(date_from=parse_human("2025-05"), date_to=parse_human("2025-05"))  # one month: fine


# -- $TIMELINE_LANG --------------------------------------------------------------------------------------------------

LANGUAGE_COMMANDS = [["list"], ["show", EVENT], ["chronology"], ["topics"], ["actors"], ["sources"]]


@pytest.mark.parametrize("args", LANGUAGE_COMMANDS, ids=lambda args: args[0])
@pytest.mark.parametrize("value", ["fr", "JA", "english", " en", "ja_JP.UTF-8"])
def test_an_unknown_timeline_lang_is_a_usage_error_naming_the_values(run_cli, args, value):
    result = run_cli(*args, "-f", MINIMAL, env={"TIMELINE_LANG": value})
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    text = " ".join(result.stderr.split())  # the message may be wrapped in a box
    assert "TIMELINE_LANG" in text and "one of ja, en" in text and repr(value).strip() in text


@pytest.mark.parametrize("args", LANGUAGE_COMMANDS, ids=lambda args: args[0])
def test_lang_wins_over_an_unknown_timeline_lang(run_cli, args):
    result = run_cli(*args, "-f", MINIMAL, "--lang", "ja", env={"TIMELINE_LANG": "fr"})
    assert result.exit_code == 0, result.output
    assert result.stdout == run_cli(*args, "-f", MINIMAL, "--lang", "ja").stdout


def test_an_empty_timeline_lang_is_the_default(run_cli):
    # `TIMELINE_LANG= timeline list` unsets it, as an empty TIMELINE_FILE is no file list.
    english = run_cli("list", "-f", MINIMAL, "--lang", "en")
    assert run_cli("list", "-f", MINIMAL, env={"TIMELINE_LANG": ""}).stdout == english.stdout


def test_timeline_lang_does_not_concern_commands_without_a_language(run_cli):
    assert run_cli("validate", MINIMAL, env={"TIMELINE_LANG": "fr"}).exit_code == 0


def test_subprocess_unknown_timeline_lang(run_subprocess):
    result = run_subprocess("list", "-f", MINIMAL, env={"TIMELINE_LANG": "fr", "COLUMNS": "200"})
    assert (result.returncode, result.stdout) == (2, "")
    assert "Error: invalid value for TIMELINE_LANG: 'fr' is not one of ja, en" in result.stderr
    assert "Traceback" not in result.stderr
