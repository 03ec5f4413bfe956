"""Every hostile input file ends in a clear message and a documented exit code, never a traceback (issue #7).

Two corpora: tests/data/bad/ (issue #2: one defect a file, `# expect: LINE:COL CODE ...`) and tests/data/hostile/
(issue #7: what editors, merges and outside data do to a file, the same header plus an optional ` exit=N`).
Files that cannot carry a first-line comment (BOMs, UTF-16, binary) keep the header in a sidecar NAME.expect.
Every file of both runs through `validate`, `list` and `chronology` in-process (CliRunner), and through `validate`
and `list` as real processes (`chronology` too where the data is valid; one batched subprocess forking a child per
run, under 1 GiB and a CPU limit), and must exit as its header says (0 clean or warnings only, 1 data problems),
with every line of output in the documented shapes. Files that
cannot be read at all (exit 2) are generated here: a missing file, a directory, a symlink loop.

Headers were worked out from the files; where the tool is wrong the fixture is in KNOWN_BUGS and runs as a strict
xfail until it is fixed (the reasons name the module to change: see the issue #7 report).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import BAD, CLI_ENVIRONMENT, DATA, MINIMAL, limits

from timeline.errors import PROBLEM_CODES, Severity
from timeline.pipeline import load_files
from timeline.validate import validate

HOSTILE = DATA / "hostile"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")

HEADER = re.compile(r"# expect:((?:\s+\d+:\d+\s+[a-z][a-z0-9-]*)*)(?:\s+exit=(\d+))?\s*\Z")
ENTRY = re.compile(r"(\d+):(\d+)\s+([a-z][a-z0-9-]*)")

# The shapes every line of output may take (README "Problem codes", cli/app.py `fail` and `say`).
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: (error|warning|notice)\[[a-z0-9-]+\]: .+$")
HINT_LINE = re.compile(r"^  hint: .+$")
LEFT_OUT = re.compile(r"^\d+ (warning|notice)s? not shown \([a-z0-9-]+: \d+(, [a-z0-9-]+: \d+)*\); "
                      r"(--show-notices|--min-severity warning) lists them$")  # validate's count of what it does not list
VALIDATE_SUMMARY = re.compile(r"^validate .+: (ok|FAILED) \(\d+ error\(s\), \d+ warning\(s\), \d+ notice\(s\)\)$")
INVALID_DATA = re.compile(r"^Error: the data is invalid \(\d+ error\(s\), listed above\); fix them and run the command again$")
LIST_COUNT = re.compile(r"^(\d+ of \d+ events|no events match)$")
CHRONOLOGY_COUNT = re.compile(r"^chronology: \d+ event\(s\), \d+ source\(s\)$")

# Hostile fixtures whose header is right and the tool is wrong (strict xfail until fixed). Codes that do not exist
# yet are proposals, named in the reason.
KNOWN_BUGS: dict[str, str] = {}  # every finding of issue #7 in these fixtures is fixed
# ...and those of them whose exit status is wrong too (the others only miss a warning).
WRONG_EXIT: set[str] = set()


def header_of(path: Path) -> str:
    sidecar = path.with_suffix(".expect")
    if sidecar.exists():
        return sidecar.read_text(encoding="utf-8").strip()
    return path.read_bytes().split(b"\n", 1)[0].decode("utf-8").lstrip("\ufeff").rstrip("\r")


def expectation(path: Path) -> tuple[set[tuple[int, int, str]], int]:
    """(the errors and warnings the file must produce, the exit status of validate/list/chronology)."""
    match = HEADER.match(header_of(path))
    assert match, f"{path.name}: first line (or NAME.expect) must be '# expect: LINE:COL CODE ... [exit=N]'"
    problems = {(int(line), int(col), code) for line, col, code in ENTRY.findall(match.group(1))}
    if match.group(2) is not None:
        return problems, int(match.group(2))
    errors = any(PROBLEM_CODES.get(code, (Severity.ERROR,))[0] is Severity.ERROR for _, _, code in problems)
    return problems, 1 if errors else 0


BAD_FILES = sorted(BAD.glob("*.yaml"))
HOSTILE_FILES = sorted(HOSTILE.glob("*.yaml"))
EVERY_FILE = BAD_FILES + HOSTILE_FILES


def file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def params(paths, bugs: set[str] | dict[str, str] = frozenset()):
    for path in paths:
        reason = KNOWN_BUGS.get(path.stem) if path.parent == HOSTILE and path.stem in bugs else None
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(path, marks=marks, id=file_id(path))


# -- the hostile corpus itself ------------------------------------------------------------------------------------

def test_hostile_corpus_size_headers_and_no_duplicates():
    assert len(HOSTILE_FILES) >= 40 and len(EVERY_FILE) >= 110
    for path in HOSTILE_FILES:
        problems, exit_status = expectation(path)
        assert exit_status in (0, 1), path.name
        assert problems or path.stem in KNOWN_BUGS, f"{path.name} expects nothing; it belongs in tests/data/good"
        for _, _, code in problems:
            assert code in PROBLEM_CODES or path.stem in KNOWN_BUGS, f"{path.name}: unknown code {code!r}"
    assert set(KNOWN_BUGS) <= {p.stem for p in HOSTILE_FILES}
    assert not {p.stem for p in HOSTILE_FILES} & {p.stem for p in BAD_FILES}, "a hostile fixture repeats a bad one"
    contents = [p.read_bytes().split(b"\n", 1)[-1] for p in EVERY_FILE]
    assert len(set(contents)) == len(contents), "two fixtures hold the same document"


# What issue #7 asks the corpus to cover, and a fixture (either corpus) for each.
COVERAGE = {
    "unquoted ': ' in a title": "bad/syntax-colon-in-title", "unquoted ' #' in a title": "hostile/comment-truncates-title",
    "tab indentation": "bad/syntax-tab-indent", "tabs mixed with spaces": "hostile/syntax-mixed-tab-and-spaces",
    "unclosed bracket": "bad/syntax-unclosed-bracket", "unclosed brace": "hostile/syntax-unclosed-brace",
    "duplicate key, top level": "bad/duplicate-key-top", "duplicate key, event": "bad/duplicate-key-event",
    "duplicate key, citation": "hostile/duplicate-key-citation", "duplicate key, source": "hostile/duplicate-key-source",
    "YAML 1.1 no, 0755, 1.10 (good file)": "yaml11", "YAML 1.1 1.0 version": "hostile/yaml11-version-float",
    "YAML 1.1 12:30 date": "hostile/yaml11-date-sexagesimal", "impossible date": "bad/date-impossible-day",
    "not a leap year": "hostile/date-february-29-2025", "wrong type, deep": "hostile/type-quote-list",
    "UTF-16": "bad/utf16", "UTF-16 without BOM": "hostile/encoding-utf16-no-bom", "UTF-32": "hostile/encoding-utf32",
    "CRLF with BOM": "hostile/crlf-bom-positions", "NUL byte": "hostile/control-nul-byte",
    "escape sequence": "hostile/control-escape-sequence", "invisible": "hostile/invisible-soft-hyphen",
    "unresolved reference": "bad/unknown-source", "empty file": "bad/empty", "comment-only": "bad/comment-only",
    "BOM only": "hostile/bom-only", "top level not a mapping": "hostile/top-level-block-scalar",
    "anchor": "bad/anchor", "alias": "bad/alias", "tag": "hostile/tag-python-object",
    "alias expansion (billion laughs)": "hostile/billion-laughs", "deep nesting": "hostile/deep-flow-nesting",
    "huge number": "hostile/huge-number-version", "huge integer": "hostile/date-5000-digit-year",
}


def test_the_corpus_covers_what_the_issue_lists():
    missing = {what: name for what, name in COVERAGE.items() if not (DATA / f"{name}.yaml").exists()}
    assert missing == {}


@pytest.mark.parametrize("path", list(params(HOSTILE_FILES, KNOWN_BUGS)))
def test_hostile_file_reports_exactly_the_expected_problems(path):
    expected, _ = expectation(path)
    _, problems = validate(load_files([str(path)]))
    assert {(p.line, p.column, p.code) for p in problems if p.severity is not Severity.NOTICE} == expected


# -- every file through the command line, in-process --------------------------------------------------------------

def check_lines(lines: list[str], last: re.Pattern, what: str) -> None:
    """Problem lines and hints, then exactly one final line of the given shape."""
    assert lines, f"{what}: nothing on stderr"
    assert last.match(lines[-1]), f"{what}: last line {lines[-1]!r}"
    for line in lines[:-1]:
        assert PROBLEM_LINE.match(line) or HINT_LINE.match(line) or LEFT_OUT.match(line), f"{what}: stray line {line!r}"


def check_run(command: str, exit_code: int, stdout: str, stderr: str, expected_exit: int) -> None:
    """The contract of one run of `command` over one corpus file (what a shell or CI sees)."""
    assert "Traceback" not in stdout + stderr and "Exception ignored" not in stderr, stderr[-2000:]
    assert exit_code == expected_exit, f"{command}: exit {exit_code}, expected {expected_exit}: {stderr[-600:]}"
    err = stderr.splitlines()
    if command == "validate":
        check_lines(err, VALIDATE_SUMMARY, command)
        assert all(PROBLEM_LINE.match(line) or HINT_LINE.match(line) for line in stdout.splitlines())
    elif exit_code == 1:
        assert stdout == "", f"{command} printed data from invalid input"
        check_lines(err, INVALID_DATA, command)
    else:
        check_lines(err, LIST_COUNT if command == "list" else CHRONOLOGY_COUNT, command)
        assert command == "list" or stdout.startswith("# ")


COMMANDS = ("validate", "list", "chronology")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("path", list(params(EVERY_FILE, WRONG_EXIT)))
def test_every_file_through_the_cli(run_cli, path, command):
    result = run_cli(command, path) if command == "validate" else run_cli(command, "-f", path)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    check_run(command, result.exit_code, result.stdout, result.stderr, expectation(path)[1])


def test_strict_fails_every_file_with_a_warning(run_cli):
    warned = [p for p in EVERY_FILE if expectation(p)[1] == 0 and p.stem not in KNOWN_BUGS]
    assert warned
    for path in warned:
        assert run_cli("validate", "--strict", path).exit_code == 1, path.name


# -- every file through real processes, batched -------------------------------------------------------------------

# One subprocess imports timeline once and forks a child per run, each running the real entry point
# (`timeline.cli.main`: real file descriptors, signals, exit status) under the memory and CPU limits it inherits.
DRIVER = textwrap.dedent("""
    import json, os, sys, tempfile
    from timeline.cli import main
    # What the commands import lazily, imported once here so that each child only forks and runs.
    import rich.console, timeline.validate, timeline.query, timeline.render.problems, timeline.render.table
    import timeline.render.markdown, timeline.render.export, timeline.cli.listing

    def child(command, path, out, err):
        os.dup2(out.fileno(), 1); os.dup2(err.fileno(), 2)
        sys.argv = ["timeline", command, path] if command == "validate" else ["timeline", command, "-f", path]
        code = 70
        try:
            main()
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        finally:
            sys.stdout.flush(); sys.stderr.flush()
            os._exit(code)

    runs, results, running = json.loads(sys.stdin.read()), [], {}
    pending = list(enumerate(runs))
    while pending or running:
        while pending and len(running) < os.cpu_count():
            index, (command, path) = pending.pop(0)
            out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
            sys.stdout.flush(); sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                child(command, path, out, err)
            running[pid] = (index, command, path, out, err)
        pid, status = os.wait()
        index, command, path, out, err = running.pop(pid)
        out.seek(0); err.seek(0)
        results.append([index, command, path, os.waitstatus_to_exitcode(status),
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")])
    json.dump([result[1:] for result in sorted(results)], sys.stdout)
""")


def run_batch(runs: list[tuple[str, str]], timeout: float = 240) -> list[list]:
    environment = {key: value for key, value in os.environ.items() if key not in CLI_ENVIRONMENT}
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(runs), capture_output=True, text=True,
                          env=environment, timeout=timeout, preexec_fn=limits(cpu=240), check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.slow
def test_every_file_through_real_processes():
    # `list` and `chronology` take the same path to an invalid file's error; both run where the data is valid.
    runs = [(command, str(path)) for path in EVERY_FILE for command in COMMANDS
            if command != "chronology" or expectation(path)[1] == 0]
    broken = {}
    for command, path, code, stdout, stderr in run_batch(runs):
        path = Path(path)
        if path.parent == HOSTILE and path.stem in WRONG_EXIT:
            continue  # known bugs, held by the xfails above
        try:
            check_run(command, code, stdout, stderr, expectation(path)[1])
        except AssertionError as error:
            broken[f"{command} {file_id(path)}"] = str(error)[:300]
    assert broken == {}


def test_a_url_with_an_unclosed_bracket_is_a_bad_url_not_a_traceback(run_subprocess, tmp_path):
    # The second form, a bracketed host that is no IP address, was found by atheris (fuzz/fuzz_validate.py).
    other = tmp_path / "bracketed-host.yaml"
    other.write_text(MINIMAL_TEXT.replace("https://example.com/article", "https://[donald-trump]/x"), encoding="utf-8")
    for path in (HOSTILE / "url-unclosed-ipv6-bracket.yaml", other):
        result = run_subprocess("validate", path)
        assert "Traceback" not in result.stderr and result.returncode == 1
        assert "bad-url" in result.stdout


# -- files that cannot be read: exit 2 and one line ---------------------------------------------------------------

def unreadable(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "absent.yaml"
    if kind == "directory":
        (tmp_path / "dir.yaml").mkdir()
        return tmp_path / "dir.yaml"
    if kind == "symlink-loop":
        (tmp_path / "loop.yaml").symlink_to("loop.yaml")
        return tmp_path / "loop.yaml"
    if kind == "dangling-symlink":
        (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
        return tmp_path / "gone.yaml"
    if kind == "through-a-file":
        (tmp_path / "plain").write_text("x", encoding="utf-8")
        return tmp_path / "plain" / "events.yaml"
    (tmp_path / "a\n::error::forged.yaml").mkdir()  # kind == "newline-in-name"
    return tmp_path / "a\n::error::forged.yaml"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", ["missing", "directory", "symlink-loop", "dangling-symlink", "through-a-file",
                                  "newline-in-name"])
def test_a_file_that_cannot_be_read_exits_2_with_one_line(run_cli, tmp_path, kind, command):
    path = unreadable(tmp_path, kind)
    for args in ([command, path], [command, "-f", path], [command, "-f", MINIMAL, "-f", path]):
        if command != "validate" and "-f" not in args:
            continue
        result = run_cli(*args, env={"COLUMNS": "4000"})  # click would wrap a long path over two lines
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        error_lines = [line for line in lines if "Error" in line]
        assert len(error_lines) == 1, result.stderr
        assert not any(line.lstrip().startswith("::") for line in lines), result.stderr


def test_the_size_cap_is_a_problem_with_a_hint_not_a_crash(run_cli, tmp_path):
    result = run_cli("validate", MINIMAL, env={"TIMELINE_MAX_BYTES": "64"})
    assert result.exit_code == 1
    [line, hint] = result.stdout.splitlines()
    assert "too-large" in line and "larger than 64 bytes" in line and "TIMELINE_MAX_BYTES" in hint
    for command in ("list", "chronology"):
        listed = run_cli(command, "-f", MINIMAL, env={"TIMELINE_MAX_BYTES": "64"})
        assert listed.exit_code == 1 and listed.stdout == "" and "too-large" in listed.stderr


# -- messages stay readable ---------------------------------------------------------------------------------------

def test_messages_quote_a_long_value_in_part(tmp_path):
    long_id = tmp_path / "long-id.yaml"
    long_id.write_text(MINIMAL_TEXT.replace("id: trump-inauguration", "id: " + "x" * 50_000), encoding="utf-8")
    for file in (HOSTILE / "date-5000-digit-year.yaml", long_id):
        _, problems = validate(load_files([str(file)]))
        assert problems and all(len(p.message) <= 500 for p in problems), max(len(p.message) for p in problems)


HINTS = {
    "syntax-markdown-emphasis": "*",  # `*Breaking*` reads as an alias
    "syntax-email-quote": ">",  # `> quote` starts a folded block
    "syntax-apostrophe-in-single-quotes": "''",  # 'Trump's' ends the quote early
    "syntax-windows-path-in-double-quotes": "\\",  # "C:\Users" holds escapes
    "syntax-bullet": '"- "',  # `- Trump` inside a mapping reads as a list item
}


@pytest.mark.parametrize("name", sorted(HINTS))
def test_syntax_hints_name_the_character_to_quote(name):
    _, problems = validate(load_files([str(HOSTILE / f"{name}.yaml")]))
    syntax = [p for p in problems if p.code == "syntax"]  # a Windows path has an error at each bad escape
    assert syntax and all(HINTS[name] in p.hint and "check the quoting and indentation" not in p.hint for p in syntax)


def test_a_document_end_marker_is_not_blamed_on_a_bracket():
    _, problems = validate(load_files([str(HOSTILE / "syntax-document-end-then-more.yaml")]))
    [problem] = [p for p in problems if p.code == "syntax"]
    assert "bracket" not in problem.hint


def test_an_alias_used_as_an_id_points_to_the_id():
    _, problems = validate(load_files([str(HOSTILE / "unknown-actor-alias-used-as-id.yaml")]))
    [problem] = [p for p in problems if p.severity is Severity.ERROR]
    assert "donald-trump" in problem.message + problem.hint


@pytest.mark.parametrize(("listed", "code"), [
    ("Trump", "bad-id"), ("トランプ", "bad-id"), ('"Donald Trump"', "bad-id"),  # an alias, a name: no ids at all
    ("trump", "unknown-actor"),  # a well-formed id, but the alias's
])
def test_a_name_or_alias_in_any_form_points_to_the_id(tmp_path, listed, code):
    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL_TEXT.replace("actors: [donald-trump]", f"actors: [{listed}]"), encoding="utf-8")
    _, problems = validate(load_files([str(path)]))
    [problem] = [p for p in problems if p.severity is Severity.ERROR]
    assert problem.code == code and (problem.line, problem.column) == (33, 14)
    assert problem.hint.endswith("list it by its id, e.g. [donald-trump]")
    topic = tmp_path / "topic.yaml"
    topic.write_text(MINIMAL_TEXT.replace("topics: [ai-policy]", "topics: [AI政策]"), encoding="utf-8")
    [problem] = [p for p in validate(load_files([str(topic)]))[1] if p.severity is Severity.ERROR]
    assert problem.code == "bad-id" and "topic 'ai-policy'" in problem.hint


# -- README "What timeline promises": a test behind each sentence -------------------------------------------------------------------

def test_every_promise_names_tests_that_exist():
    from promised import ROOT, REFERENCE, promises

    checked = 0
    for promise in promises():
        found = REFERENCE.findall(promise)
        assert found, f"a promise without a test: {promise[:120]!r}"
        for file, name in found:
            source = (ROOT / file).read_text(encoding="utf-8")
            assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{file}::{name} does not exist"
            checked += 1
    assert checked >= 40
