"""Data is never interpreted by the terminal, rich, Markdown or a CI log, on any channel (issue #7).

Already covered elsewhere, not repeated here: `validate` text and github reports with escape sequences, bidi
controls and newlines in values and file names (test_cli_validate.py), rich markup in `list` titles
(test_cli_listing.py), Markdown escaping of hostile titles (test_render_markdown.py). Here: the other channels,
stderr through `fail` and `say`, command-line arguments, typer's own error panels, `show` and the registries on a
terminal, the chronology end to end, and GitHub's two workflow-command forms: `::cmd::` at the start of a line
after any indentation, and the legacy `##[cmd]` anywhere in a line (actions/runner ActionCommand.TryParse).
"""

from __future__ import annotations

import re

import pytest
from conftest import MINIMAL
from markdown_it import MarkdownIt

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
TITLE = "en: Trump sworn in as 47th president"
SUMMARY = "en: Donald Trump was sworn in as the 47th president of the United States."
ESC = "\x1b"


def write(tmp_path, text: str, name: str = "events.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def forged_lines(output: str) -> list[str]:
    """Lines a GitHub runner would take as workflow commands."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::") or "##[" in line]


# -- the terminal: escape sequences from data, file names and arguments ------------------------------------------

def test_an_escape_sequence_in_data_reaches_stderr_escaped(run_cli, tmp_path):
    path = write(tmp_path, MINIMAL_TEXT.replace("topics: [ai-policy]", 'topics: ["\\e[2J\\e]0;pwned\\a"]'))
    for command in ("list", "chronology", "show"):
        args = [command, "-f", path] + (["trump-inauguration"] if command == "show" else [])
        result = run_cli(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert ESC not in result.stderr and "\x07" not in result.stderr and "\\x1b[2J" in result.stderr


@pytest.mark.parametrize("args", [
    ["list", "--topic", f"{ESC}[2Jx"], ["list", "--actor", f"{ESC}]0;title{ESC}\\"], ["show", f"{ESC}[31mid"],
    ["list", "--from", f"{ESC}[2J"], ["list", "--lang", f"{ESC}[2J"], ["list", "--limit", f"{ESC}[2J"],
    [f"{ESC}[2J"], ["list", "-f", f"{ESC}[2J.yaml"], ["chronology", "--title", f"{ESC}[2J"],
], ids=lambda args: " ".join(args).replace(ESC, "ESC"))
def test_an_escape_sequence_in_an_argument_is_shown_not_obeyed(run_cli, args):
    result = run_cli(*args, env={"COLUMNS": "200"})
    assert ESC not in result.stdout and ESC not in result.stderr
    assert result.exit_code in (0, 2)


def test_an_escape_sequence_in_an_output_name_is_shown_not_obeyed(run_cli, tmp_path):
    result = run_cli("chronology", "-f", MINIMAL, "-o", tmp_path / f"{ESC}[2J.md")
    assert result.exit_code == 0 and ESC not in result.stderr and "\\x1b[2J.md" in result.stderr


# -- rich: markup in data and arguments is text ---------------------------------------------------------------------

MARKUP = "[bold red]loud[/] [link=https://evil.example]click[/link] :fire:"


def test_markup_in_data_prints_as_typed_on_a_terminal(run_cli, tmp_path):
    text = (MINIMAL_TEXT.replace(TITLE, f'en: "{MARKUP}"').replace("    en: AI policy", f'    en: "{MARKUP}"')
            .replace("    en: Donald Trump\n", f'    en: "{MARKUP}"\n').replace("publisher: Example News", 'publisher: "[b]P[/b] :fire:"'))
    path = write(tmp_path, text)
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "300"}
    for args in (["show", "trump-inauguration"], ["topics"], ["actors"], ["sources"], ["list"]):
        result = run_cli(*args, "-f", path, env=terminal)
        assert result.exit_code == 0, result.output
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
        assert MARKUP in plain or "[b]P[/b] :fire:" in plain, args
        assert "\x1b]8;" not in result.stdout, "a hyperlink was made from data"


@pytest.mark.parametrize("args", [["list", "--topic", MARKUP], ["list", "--lang", MARKUP], ["show", MARKUP],
                                  ["list", "-f", "[bold red]loud[/] :fire:.yaml"]], ids=["topic", "lang", "show", "file"])
def test_markup_in_an_argument_is_text_in_the_error(run_cli, args):
    result = run_cli(*args, env={"FORCE_COLOR": "1", "COLUMNS": "300"})
    assert result.exit_code == 2
    assert args[-1] in re.sub(r"\x1b\[[0-9;]*m", "", result.stderr)


# -- Markdown: the chronology end to end -------------------------------------------------------------------------------

HOSTILE_MD = '<script>alert(1)</script> | [x](javascript:alert(1)) ![i](https://evil.example/i.png) [^9] **b** `c`'


def test_the_chronology_renders_hostile_text_as_typed(run_cli, tmp_path):
    path = write(tmp_path, MINIMAL_TEXT.replace(TITLE, f"en: '{HOSTILE_MD}'").replace(SUMMARY, f"en: '{HOSTILE_MD}'"))
    result = run_cli("chronology", "-f", path, "--title", HOSTILE_MD)
    assert result.exit_code == 0
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(result.stdout)
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "<strong>b</strong>" not in html and "<code>" not in html and "<table" not in html
    typed = HOSTILE_MD.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert html.count(typed) >= 3  # heading, title, summary


# -- CI logs: workflow commands ----------------------------------------------------------------------------------------

def test_stderr_never_carries_a_workflow_command(run_cli, tmp_path):
    runs = [run_cli("list", "--topic", "x\n::error::forged"), run_cli("list", "--topic", "##[error]forged"),
            run_cli("show", "##[warning]forged"), run_cli("list", "-f", tmp_path / "##[error]forged.yaml"),
            run_cli("chronology", "-f", MINIMAL, "-o", tmp_path / "##[error]x.md"),
            run_cli("list", "--lang", "x\n  ::error::forged")]
    for result in runs:
        assert result.stderr and forged_lines(result.stderr) == [], result.stderr


FORGERIES = {
    "title-newline": MINIMAL_TEXT.replace(TITLE, 'en: "Trump sworn in\\n  ::error file=x.yaml::forged"'),
    "summary-block": MINIMAL_TEXT.replace(SUMMARY, "en: |\n        Donald Trump was sworn in.\n        ::error::forged"),
    "legacy-form": MINIMAL_TEXT.replace(TITLE, 'en: "Trump sworn in ##[error]forged"'),
    # Every other kind of text a file holds, the registries' included (a hostile review found a page's sources
    # list and its script data writing `##[` as typed): a publisher, a headline, a topic's and an actor's name.
    "publisher": MINIMAL_TEXT.replace("publisher: Example News", 'publisher: "##[error]forged"'),
    "headline": MINIMAL_TEXT.replace("title: 見出しは原文のまま", 'title: "見出し ##[error]forged"'),
    "topic-name": MINIMAL_TEXT.replace("en: AI policy", 'en: "AI ##[error]forged"'),
    "actor-name": MINIMAL_TEXT.replace("en: Donald Trump\n", 'en: "Trump ##[error]forged"\n'),
}
OUTPUTS = {"list": ["list"], "show": ["show", "trump-inauguration"], "chronology": ["chronology"],
           "topics": ["actors"], "validate": ["validate", "--strict"], "mermaid": ["export", "mermaid"],
           "html": ["html"]}
# The other exports (TimelineJS, iCalendar, SQLite) are data for a program, like `list --format json`: their
# text stays as typed (tests/cli/test_export_*.py); a diagram is text for people, escaped like the chronology.
# Today's defences: a newline is flattened in list, chronology and the problem reports, and the chronology
# escapes `#` and `[`; but `show` prints multi-line text as it is, and the tables leave `##[` inside a line.
FORGED_TODAY: set[tuple[str, str]] = set()  # every channel is defused (render/text.py terminal_safe)


def forgery_params():
    for forgery in sorted(FORGERIES):
        for output in sorted(OUTPUTS):
            marks = []
            if (forgery, output) in FORGED_TODAY:
                marks = [pytest.mark.xfail(strict=True, reason="render/table.py, render/markdown.py: data reaches "
                                           "stdout as a workflow command (`::` after indentation at a line start, "
                                           "or `##[` anywhere); escape both forms as say() does on stderr")]
            yield pytest.param(forgery, output, marks=marks, id=f"{forgery}-{output}")


@pytest.mark.parametrize(("forgery", "output"), list(forgery_params()))
def test_data_cannot_forge_a_workflow_command(run_cli, tmp_path, forgery, output):
    assert FORGERIES[forgery] != MINIMAL_TEXT, "the forgery found nothing to replace in the fixture"
    path = write(tmp_path, FORGERIES[forgery])
    args = OUTPUTS[output]
    result = run_cli(*args, path) if output == "validate" else run_cli(*args, "-f", path, env={"COLUMNS": "300"})
    assert forged_lines(result.stdout) == [] and forged_lines(result.stderr) == []


def test_a_file_name_cannot_start_a_workflow_command(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, MINIMAL_TEXT.replace("version: 1", "version: 2"), name="::error::forged.yaml")
    for result in (run_cli("validate", "--format", "text", "::error::forged.yaml"),
                   run_cli("list", "-f", "::error::forged.yaml")):
        assert result.exit_code == 1
        assert forged_lines(result.stdout) == [] and forged_lines(result.stderr) == []
