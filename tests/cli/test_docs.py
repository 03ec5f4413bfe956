"""`timeline docs`: the reference docs shipped in the package, and every pointer to them in the source.

Hints, --help texts, docstrings, the schema and the newsroom templates name a topic (`timeline docs format`),
never a file that a pip install does not have (`docs/format.md`); the scans below hold every such pointer to a
topic that exists, and every link between the docs to a file that is shipped with them.
"""

from __future__ import annotations

import os
import re
import select
import shlex
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
import typer.main

from timeline.cli import app
from timeline.errors import PROBLEM_CODES
from timeline.reference import TOPICS, read
from conftest import REPO

SRC = REPO / "src"
DOCS = SRC / "timeline" / "docs"
README = REPO / "README.md"

# A pager that marks what it shows, so that paged output can be told from plain output.
MARKING_PAGER = f"{shlex.quote(sys.executable)} -c \"import sys; sys.stdout.write('PAGED:' + sys.stdin.read())\""


# -- the command ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("topic", list(TOPICS))
def test_every_topic_prints_its_markdown(run_cli, topic):
    result = run_cli("docs", topic)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == read(topic)
    assert result.stdout.startswith("# ") and result.stdout.endswith("\n") and result.stdout.count("\n") > 10
    assert result.stdout.count("```") % 2 == 0, "an unclosed code block"


def test_a_topic_from_a_real_process_is_never_paged_when_stdout_is_not_a_terminal(run_subprocess):
    done = run_subprocess("docs", "format", env={"PAGER": MARKING_PAGER})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout == read("format")


@pytest.mark.parametrize("spelling", ["FORMAT", " format ", "format.md"])
def test_a_topic_may_be_spelt_loosely(run_cli, spelling):
    result = run_cli("docs", spelling)
    assert result.exit_code == 0 and result.stdout == read("format")


def test_docs_alone_lists_every_topic_with_its_description(run_cli):
    result = run_cli("docs")
    assert result.exit_code == 0
    rows = [line.split(maxsplit=1) for line in result.stdout.splitlines()]
    assert rows == [[name, summary] for name, summary in TOPICS.items()]
    assert result.stderr == "Read one with `timeline docs TOPIC`.\n"


@pytest.mark.parametrize("topic", ["formt", "nope", "docs/format.md", "[bold]x[/bold]", ""])
def test_an_unknown_topic_is_exit_2_with_an_error_line_and_a_hint_naming_the_topics(run_cli, topic):
    result = run_cli("docs", topic)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0] == f"Error: unknown docs topic '{topic}'"  # markup in the argument prints as typed
    assert lines[1].startswith("  hint: ") and lines[1].endswith("topics: " + ", ".join(TOPICS))


def test_an_unknown_topic_suggests_the_closest(run_cli):
    assert "  hint: did you mean 'format'? topics: " in run_cli("docs", "formt").stderr


def test_codes_lists_every_code_in_the_catalogue_as_validate_codes_does(run_cli):
    page = run_cli("docs", "codes").stdout
    for code, (severity, meaning) in PROBLEM_CODES.items():
        assert re.search(rf"^{re.escape(code)} +{severity.value} +{re.escape(meaning)}$", page, re.M), code
    assert run_cli("validate", "--codes").stdout in page  # one rendering for both


def test_every_topic_but_codes_is_a_shipped_file_and_the_folder_holds_nothing_else():
    shipped = sorted(path.name for path in DOCS.iterdir() if path.name != "__pycache__")
    assert shipped == sorted(f"{topic}.md" for topic in TOPICS if topic != "codes")
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "docs/*.md" in package_data["package-data"]["timeline"]


# -- on a terminal -------------------------------------------------------------------------------------------------

def _on_a_terminal(*args: str, env: dict[str, str]) -> tuple[int, str]:
    """Run `python -m timeline ARGS` with stdout on a pseudo-terminal: (exit status, what the terminal got)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    environment = {**os.environ, "TERM": "xterm", **env}
    process = subprocess.Popen([sys.executable, "-m", "timeline", *args], stdin=subprocess.DEVNULL, stdout=slave,
                               stderr=subprocess.DEVNULL, env=environment)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if not select.select([master], [], [], 1)[0]:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if process.poll() is None:
            process.kill()
        status = process.wait(timeout=30)
        os.close(master)
    return status, seen.decode("utf-8").replace("\r\n", "\n")  # the terminal turns \n into \r\n


def test_on_a_terminal_a_topic_goes_through_the_pager():
    status, seen = _on_a_terminal("docs", "dates", env={"PAGER": MARKING_PAGER})
    assert status == 0
    assert seen == "PAGED:" + read("dates")


@pytest.mark.parametrize(("args", "env"), [
    (["--no-pager"], {"PAGER": MARKING_PAGER}),
    ([], {"PAGER": ""}),
    ([], {"PAGER": "cat"}),
    ([], {"PAGER": "no-such-pager-anywhere"}),
    ([], {"PAGER": MARKING_PAGER, "TERM": "dumb"}),
], ids=["--no-pager", "empty PAGER", "PAGER=cat", "PAGER not found", "TERM=dumb"])
def test_on_a_terminal_without_a_pager_a_topic_prints_as_is(args, env):
    status, seen = _on_a_terminal("docs", "dates", *args, env=env)
    assert status == 0
    assert seen == read("dates")


# -- every pointer to the docs resolves ----------------------------------------------------------------------------

DOC_PATH = re.compile(r"\bdocs/([\w.-]+?)\.md\b")  # docs/format.md
MENTION = re.compile(r"\btimeline docs ([a-z][\w-]*)")  # `timeline docs format`; `timeline docs TOPIC` is no topic
LINK = re.compile(r"\]\(([^)\s]+)\)")  # a Markdown link's target
SCANNED_SUFFIXES = {".py", ".pyi", ".json", ".yaml", ".yml", ".md", ".txt", ".toml", ".cfg", ".c", ".html", ".j2"}


def _scanned_files() -> list[Path]:
    """README.md, and every text file under src/: code, schema, docs, and every template whatever its name."""
    found = [README]
    for path in sorted(SRC.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or any(p.endswith(".egg-info") for p in path.parts):
            continue
        if path.suffix in SCANNED_SUFFIXES or "templates" in path.relative_to(SRC).parts:
            found.append(path)
    return found


def _matches(pattern: re.Pattern, files: list[Path]) -> list[tuple[Path, int, re.Match]]:
    return [(path, number, match)
            for path in files
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            for match in pattern.finditer(line)]


def _where(path: Path, number: int, match: re.Match) -> str:
    return f"{path.relative_to(REPO)}:{number}: {match.group(0)}"


def _prose(path: Path) -> list[tuple[int, str]]:
    """A Markdown file's lines outside code blocks, with inline code blanked out (columns kept): where links are."""
    lines, fenced = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            lines.append((number, re.sub(r"`[^`]*`", lambda code: " " * len(code.group(0)), line)))
    return lines


def _relative_links(path: Path) -> list[tuple[int, re.Match, Path]]:
    """Each link in a Markdown file to a file by a relative path: (line, match, the path it resolves to)."""
    links = []
    for number, line in _prose(path):
        for match in LINK.finditer(line):
            target = match.group(1).split("#", 1)[0]
            if target and not re.match(r"[a-z][a-z0-9+.-]*:", target):  # not http:, mailto:, or an anchor alone
                links.append((number, match, (path.parent / target).resolve()))
    return links


def test_the_scan_sees_the_source():
    scanned = {path.relative_to(REPO).as_posix() for path in _scanned_files()}
    assert {"README.md", "src/timeline/validate/checker.py", "src/timeline/schema.json", "src/timeline/docs/format.md",
            "src/timeline/templates/newsroom/README.md", "src/timeline/templates/newsroom/events.yaml"} <= scanned


def test_every_mention_of_timeline_docs_names_a_topic():
    mentions = _matches(MENTION, _scanned_files())
    unknown = [_where(*mention) for mention in mentions if mention[2].group(1) not in TOPICS]
    assert unknown == []
    # The hints, help texts and docstrings outside the docs do point at them: an empty scan would prove nothing.
    named = {match.group(1) for path, _, match in mentions if DOCS not in path.parents}
    assert {"format", "dates", "json", "normalize", "chronology"} <= named


def test_no_source_file_points_at_a_docs_path():
    """A pip install has no docs/ folder: outside the docs, point at the command; inside, only links that resolve
    to a file shipped next to them."""
    resolving = {(path, number, match.start(1), match.end(1))
                 for path in DOCS.glob("*.md")
                 for number, match, target in _relative_links(path) if target.is_file() and DOCS in target.parents}
    offenders = [_where(path, number, match) for path, number, match in _matches(DOC_PATH, _scanned_files()[1:])
                 if not any(path == linked and number == line and start <= match.start() and match.end() <= end
                            for linked, line, start, end in resolving)]
    assert offenders == []


def test_links_between_the_docs_resolve_to_files_shipped_with_them():
    broken = [f"{path.relative_to(REPO)}:{number}: {match.group(0)}"
              for path in sorted(DOCS.glob("*.md"))
              for number, match, target in _relative_links(path)
              if not (target.is_file() and DOCS in target.parents)]
    assert broken == []


def test_readme_links_into_the_docs_resolve():
    links = [(number, match, target) for number, match, target in _relative_links(README)
             if "docs" in Path(match.group(1)).parts]
    broken = [f"README.md:{number}: {match.group(0)}" for number, match, target in links if not target.is_file()]
    assert broken == []


# -- the hints that name a doc -------------------------------------------------------------------------------------

def test_hints_name_the_command(run_cli, tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert "  hint: start from `timeline init`, or see `timeline docs format`\n" in run_cli("validate", empty).stdout
    missing = tmp_path / "missing.yaml"
    missing.write_text("version: 1\ntitle: {ja: 年表, en: Chronology}\nevents:\n  - id: one\n", encoding="utf-8")
    assert "  hint: add `date:` (see `timeline docs format`)\n" in run_cli("validate", missing).stdout


def test_list_help_names_the_json_topic():
    command = typer.main.get_command(app).commands["list"]
    (fmt,) = [param for param in command.params if param.name == "fmt" or "--format" in getattr(param, "opts", [])]
    assert "`timeline docs json`" in fmt.help


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_exit_2_and_one_line():
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "timeline", "docs", "format"], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (2, "Error: cannot write to stdout: No space left on device\n")


def test_terminated_while_paging_ends_the_pager_too(tmp_path):
    """SIGTERM while the pager runs: 143, and the pager does not outlive timeline (it would go on reading the
    terminal, eating what the user types next)."""
    import signal

    pid_file = tmp_path / "pager.pid"
    pager = f"{sys.executable} -c \"import os, sys, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(120)\""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    errors = (tmp_path / "stderr").open("wb")  # a file, not a pipe: the pager shares it, so a pipe would stay open
    process = subprocess.Popen([sys.executable, "-m", "timeline", "docs", "format"], stdin=subprocess.DEVNULL,
                               stdout=slave, stderr=errors, env={**os.environ, "TERM": "xterm", "PAGER": pager})
    os.close(slave)
    try:
        deadline = time.monotonic() + 60
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        pager_pid = int(pid_file.read_text())
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 143
        assert b"Terminated." in (tmp_path / "stderr").read_bytes()
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pager_pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not Path(f"/proc/{pager_pid}").exists() or "Z" in Path(f"/proc/{pager_pid}/stat").read_text().split()[2]
    finally:
        if process.poll() is None:
            process.kill()
        errors.close()
        os.close(master)


def test_a_long_unknown_topic_is_quoted_in_part(run_cli):
    result = run_cli("docs", "f" * 130_000)
    assert result.exit_code == 2 and len(result.stderr) < 400 and "(130000 characters)" in result.stderr


def _console_examples() -> list[tuple[str, str, str]]:
    """(topic, command, what it prints) for each `$ timeline ...` line of a ```console block in the docs."""
    found = []
    for path in sorted(DOCS.glob("*.md")):
        for block in re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            lines = block.splitlines()
            for number, line in enumerate(lines):
                if line.startswith("$ timeline "):
                    printed = [out for out in lines[number + 1:] if not out.startswith("$ ")]
                    found.append((path.stem, line[2:], "\n".join(printed[:1])))
    return found


@pytest.mark.parametrize(("topic", "command", "printed"), _console_examples(), ids=lambda value: str(value)[:40])
def test_a_console_example_prints_what_the_docs_show(run_cli, tmp_path, monkeypatch, topic, command, printed):
    """A reader copies the example: on the bundled data it must print what the page says (counts included; a new
    user found `12 event(s), 7 source(s)` where the bundled data gives 15 and 4)."""
    monkeypatch.delenv("TIMELINE_FILE", raising=False)
    result = run_cli(*shlex.split(command)[1:], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert printed and printed in result.output, f"timeline docs {topic}: {command!r} printed {result.output!r}"
