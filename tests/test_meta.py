"""Meta-tests over the command line as a whole: every command explains itself and is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from timeline.cli import app

README = Path(__file__).parent.parent / "README.md"
COMMANDS = typer.main.get_command(app).commands  # name -> click command, as registered on the app

# Commands the README does not describe yet (it is being written alongside); strict=False so the marker goes
# quiet by itself once the README catches up. Remove an entry when its command is documented.
UNDOCUMENTED = {"init": "README.md does not mention `timeline init` yet"}


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


def _mention_params():
    for name in sorted(COMMANDS):
        reason = UNDOCUMENTED.get(name)
        yield pytest.param(name, marks=[pytest.mark.xfail(strict=False, reason=reason)] if reason else [], id=name)


@pytest.mark.parametrize("name", list(_mention_params()))
def test_every_command_is_in_the_readme(name):
    if not README.is_file():
        pytest.skip("README.md is not written yet")
    assert _readme_mentions(README.read_text(encoding="utf-8"), name), f"README.md never mentions `timeline {name}`"
