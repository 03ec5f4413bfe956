"""Meta-tests over the command line as a whole: every command explains itself and is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from timeline.cli import app
from conftest import REPO

README = REPO / "README.md"
COMMANDS = typer.main.get_command(app).commands  # name -> click command, as registered on the app



def test_there_are_commands():
    assert "validate" in COMMANDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name):
    command = COMMANDS[name]
    assert (command.help or "").strip(), f"`timeline {name}` has no help text (a docstring)"
    assert command.get_short_help_str().strip()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_and_argument_has_help(name):
    missing = [param.name for param in COMMANDS[name].params if not (getattr(param, "help", None) or "").strip()]
    assert missing == [], f"`timeline {name}`: no help for {missing}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_answers_help(run_cli, name):
    result = run_cli(name, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout and result.stderr == ""


def _readme_mentions(text: str, name: str) -> bool:
    # `timeline NAME ...` in prose or code, or `NAME` in backticks (e.g. "`timeline topics` / `actors`").
    return bool(re.search(rf"\btimeline {re.escape(name)}\b", text) or re.search(rf"`{re.escape(name)}`", text))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name):
    assert _readme_mentions(README.read_text(encoding="utf-8"), name), f"README.md never mentions `timeline {name}`"


def test_readme_chronology_excerpt_is_the_real_output(run_cli):
    """The README's sample chronology is what the command prints today, byte for byte."""
    text = README.read_text(encoding="utf-8")
    command = re.search(r"`(timeline chronology [^`]+)` on the bundled data", text).group(1).split()[1:]
    excerpt = re.search(r"<!-- chronology-excerpt -->\n````markdown\n(.*?)\n````\n", text, re.S).group(1)
    dataset = REPO / "events.yaml"
    result = run_cli(*command, "-f", dataset)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip("\n") == excerpt


def test_nothing_names_a_path_of_one_particular_machine():
    """A path such as a developer's home or this workplace's checkout works on one machine only (the Makefile
    once defaulted to one). Fixtures of bad input (tests/data) may hold such paths on purpose."""
    import subprocess

    repo = REPO
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=repo, capture_output=True, check=False)
    names = listed.stdout.decode().split("\0") if listed.returncode == 0 else \
        [str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts]
    pattern = re.compile(r"(?<![\w.])/(?:work|root|home/[a-z]|Users/[A-Za-z])[\w./-]*")
    found = []
    for name in names:
        path = repo / name
        if not name or name.startswith("tests/data/") or path.suffix in {".png", ".whl"} or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if pattern.search(line) and "pattern = re.compile" not in line:
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


# `timeline CMD ... --option` as a reader copies it: up to the end of the code span or line, a shell operator or
# a table's ` | ` (a synopsis's `[--lang ja|en]` goes on).
_MENTION = re.compile(r"\btimeline ([a-z]+)((?: +(?:(?! \| )[^`\n;&>)])*)?)")
_OPTION = re.compile(r"(?<![\w-])(--?[a-zA-Z][\w-]*)")


def _command_mentions() -> list[tuple[str, str, str]]:
    """(where, command, option) for each option written after `timeline COMMAND` in the README, the benchmarks'
    README, the shipped docs and templates, and the source (help texts, hints, docstrings)."""
    paths = [README, REPO / "benchmarks" / "README.md", REPO / "Makefile", *sorted((REPO / ".ci").glob("*")),
             *sorted(p for p in (REPO / "src" / "timeline").rglob("*") if p.suffix in {".md", ".py", ".yaml", ""})]
    found = []
    for path in paths:
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for mention in _MENTION.finditer(line):
                for option in _OPTION.findall(mention.group(2) or ""):
                    found.append((f"{path.relative_to(REPO)}:{number}", mention.group(1), option))
    return found


def test_every_option_a_text_names_exists():
    """A reader who copies `timeline normalize --in-place FILE` (benchmarks/README.md said so for weeks) gets
    'no such option'. Every option written after a command, anywhere we document or hint, is one it takes."""
    mentions = _command_mentions()
    options = {name: {o for p in command.params if p.param_type_name == "option" for o in p.opts + p.secondary_opts}
               | {"--help", "-h"} for name, command in COMMANDS.items()}
    unknown = [f"{where}: timeline {name} {option}" for where, name, option in mentions
               if name in options and option not in options[name]]
    assert unknown == []
    # The scan does see the texts: the docs and hints name these.
    assert {("html", "--fragment"), ("normalize", "--check"), ("list", "--topic")} <= {(n, o) for _, n, o in mentions}
