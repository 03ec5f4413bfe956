"""Tests for `timeline chronology`: stdout and stderr apart, -o atomic writes, filters, determinism.

The Markdown itself is tested in test_render_markdown.py; the CLI must print exactly those bytes. Golden
files for the real dataset are (re)written with `UPDATE_GOLDEN=1`, once events.yaml lands and validates.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from conftest import TESTS

HERE = TESTS
FIXTURE = HERE / "data" / "good" / "chronology.yaml"
GOLDEN = HERE / "golden"
DATASET = HERE.parent / "events.yaml"

runner = CliRunner()


def chronology(*args: str, env: dict | None = None):
    return runner.invoke(app, ["chronology", "-f", str(FIXTURE), *args], env=env)


def check_golden(name: str, data: bytes) -> None:
    """Compare with tests/golden/NAME, or (re)write it when UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: review the output, then run with UPDATE_GOLDEN=1 to write it")
    assert data == path.read_bytes()


# -- stdout is the Markdown, stderr the talk -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_stdout_is_the_golden_chronology(lang):
    result = chronology("--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == (GOLDEN / f"chronology.{lang}.md").read_bytes()
    assert result.stderr == "chronology: 10 event(s), 2 source(s)\n"


def test_language_from_the_environment():
    result = chronology(env={"TIMELINE_LANG": "ja"})
    assert result.stdout_bytes == (GOLDEN / "chronology.ja.md").read_bytes()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_output_is_deterministic_across_processes(lang):
    """Two separate processes, different time zones and locales: the same bytes (no clock, no locale)."""
    outputs = []
    for tz, locale in (("UTC", "C.UTF-8"), ("Asia/Tokyo", "C")):
        env = {**os.environ, "TZ": tz, "LANG": locale, "LC_ALL": locale, "PYTHONHASHSEED": "random"}
        completed = subprocess.run([sys.executable, "-m", "timeline", "chronology", "-f", str(FIXTURE), "--lang", lang],
                                   capture_output=True, env=env, check=True)  # fmt: skip
        outputs.append(completed.stdout)
    assert outputs[0] == outputs[1] == (GOLDEN / f"chronology.{lang}.md").read_bytes()


# -- -o FILE -------------------------------------------------------------------------------------------------


def test_output_file_holds_exactly_what_stdout_would(tmp_path):
    target = tmp_path / "chronology.md"
    result = chronology("--lang", "ja", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"chronology: wrote {target} (10 event(s), 2 source(s))\n"
    assert target.read_bytes() == chronology("--lang", "ja").stdout_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chronology.md"]  # no temporary file left


def test_output_file_is_replaced_whole(tmp_path):
    target = tmp_path / "chronology.md"
    target.write_text("old and much longer content\n" * 1000, encoding="utf-8")
    assert chronology("-o", str(target)).exit_code == 0
    assert target.read_bytes() == (GOLDEN / "chronology.en.md").read_bytes()


@pytest.mark.parametrize("where", ["missing/dir/out.md", "a-file/out.md"])
def test_unwritable_destination_exits_2_with_one_line(tmp_path, where):
    (tmp_path / "a-file").write_text("not a directory", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    result = chronology("-o", str(tmp_path / where))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert sorted(tmp_path.rglob("*")) == before


def test_output_to_a_directory_is_a_usage_error(tmp_path):
    result = chronology("-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""


def test_read_only_directory_exits_2_and_leaves_nothing(run_unprivileged, tmp_path):
    """Through the real CLI in a process held to permission bits (conftest.run_unprivileged): as root too."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        completed = run_unprivileged("chronology", "-f", FIXTURE, "-o", folder / "out.md")
        assert completed.returncode == 2, completed.stderr
        assert completed.stdout == ""
        assert completed.stderr.startswith("Error: ") and completed.stderr.count("\n") == 1, completed.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


# -- options and filters ---------------------------------------------------------------------------------------


def test_topic_filter_passes_through():
    result = chronology("--topic", "ai-policy")
    assert result.exit_code == 0
    assert "Trump wins the presidential election" in result.stdout
    assert "Tariff" not in result.stdout and "Crypto Week" not in result.stdout
    assert result.stderr == "chronology: 4 event(s), 2 source(s)\n"


def test_date_and_search_filters_pass_through():
    result = chronology("--from", "2025-07", "--to", "2025-09", "--search", "crypto")
    assert result.exit_code == 0
    assert "House holds Crypto Week" in result.stdout
    assert "Bill signed" not in result.stdout
    assert "As of Oct. 10, 2025" in result.stdout  # the newest cited source, not the --to date


def test_unknown_topic_is_a_usage_error():
    result = chronology("--topic", "ai-polcy")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "ai-policy" in result.stderr


def test_no_match_is_not_an_error():
    result = chronology("--search", "no such words")
    assert result.exit_code == 0
    assert result.stdout == "# US AI \\& crypto policy in 2025 \\| chronology\n\nNo events.\n"
    assert result.stderr == "chronology: 0 event(s), 0 source(s)\n"


@pytest.mark.parametrize(("group_by", "headings"), [
    ("none", ["## Sources"]),
    ("year", ["## 2024", "## 2025", "## 2026", "## Sources"]),
    ("month", ["## 2024", "### November", "## 2025", "### January", "### March", "### July", "### Summer",
               "### October", "### During 2025", "## 2026", "### January", "## Sources"]),
])  # fmt: skip
def test_group_by(group_by, headings):
    result = chronology("--group-by", group_by)
    assert [line for line in result.stdout.splitlines() if line.startswith("#")][1:] == headings


def test_no_summaries():
    result = chronology("--no-summaries")
    assert result.exit_code == 0
    assert "Republican Donald Trump won" not in result.stdout
    assert "- **Nov. 5, 2024**: Trump wins the presidential election[^1]\n" in result.stdout


def test_title_option():
    result = chronology("--title", "Crypto desk: 2025 | draft", "--lang", "ja")
    assert result.stdout.startswith("# Crypto desk: 2025 \\| draft\n\n2025年10月10日時点\n")


def test_blank_title_is_a_usage_error():
    result = chronology("--title", "  ")
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["chronology", "html"])
@pytest.mark.parametrize(("title", "code"), [("A \u202eevil", "U+202E"), ("A \x1b[2J", "U+001B"),
                                             ("two\nlines", "U+000A"), ("A\u2028B", "U+2028"),
                                             ("A\u200bB", "U+200B"), ("\ufeffA", "U+FEFF")])
def test_a_title_with_a_character_a_files_title_may_not_hold_is_a_usage_error(command, title, code):
    """A hostile review: `--title` took bidi and control characters that an event file's titles refuse, and the
    page published them."""
    result = runner.invoke(app, [command, "-f", str(DATASET), "--title", title])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"the title holds {code} at character" in result.stderr and "\x1b" not in result.stderr


def test_reverse_runs_newest_first():
    result = chronology("--reverse", "--group-by", "year")
    assert [line for line in result.stdout.splitlines() if line.startswith("## ")] == [
        "## 2026", "## 2025", "## 2024", "## Sources"]


def test_invalid_data_exits_1(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(FIXTURE.read_text(encoding="utf-8").replace("date: 2025-10-10", "date: 2025-10-40"), encoding="utf-8")
    result = runner.invoke(app, ["chronology", "-f", str(broken)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "bad-date" in result.stderr


def test_help_describes_the_options():
    result = runner.invoke(app, ["chronology", "--help"])
    assert result.exit_code == 0
    for option in ("--lang", "--group-by", "--no-summaries", "--title", "--output", "--topic", "--reverse"):
        assert option in result.stdout


# -- the real dataset ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_dataset_golden(lang):
    """The bundled chronology, byte for byte: a change to events.yaml shows up as a reviewed golden diff."""
    result = runner.invoke(app, ["chronology", "-f", str(DATASET), "--lang", lang])
    assert result.exit_code == 0, result.stderr
    check_golden(f"events.{lang}.md", result.stdout_bytes)
