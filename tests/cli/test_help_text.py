"""`--help` shows each command's docstring as paragraphs the terminal wraps, not as the source's line breaks (which
broke sentences in the middle on an 80-column terminal)."""

from __future__ import annotations

import inspect

import pytest

import timeline.cli  # noqa: F401  (registers every command)
from timeline.cli.app import app

COMMANDS = sorted(info.name or info.callback.__name__ for info in app.registered_commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_wraps_each_paragraph_at_the_terminal_not_at_the_source_lines(run_cli, name):
    info = next(i for i in app.registered_commands if (i.name or i.callback.__name__) == name)
    paragraphs = [p for p in inspect.cleandoc(info.help or "").split("\n\n") if "\n- " not in p]
    wide = run_cli(name, "--help", env={"COLUMNS": "3000", "TERMINAL_WIDTH": "3000"}).stdout
    lines = [line.strip(" │") for line in wide.splitlines()]
    for paragraph in paragraphs:
        assert " ".join(paragraph.split()) in lines, (name, paragraph)
