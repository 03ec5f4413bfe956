"""`timeline export mermaid`: the diagram's layout and escaping. Mermaid's own parser reads every export in
tests/browser/test_mermaid_export.py."""

from __future__ import annotations

import pytest

from conftest import GOOD
from timeline.render.exports.mermaid import escape_mermaid

EXPORT = GOOD / "export.yaml"


@pytest.mark.parametrize(("typed", "written"), [
    ("a: b", "a#58; b"),
    ("a; b", "a#59; b"),
    ("#1", "#35;1"),
    ("#58;", "#35;58#59;"),  # '#' first: an entity typed as text stays text
    ("<b>", "#60;b#62;"),
    ("100%% comment", "100#37;#37; comment"),
    ("{x}", "#123;x#125;"),
    ("&amp;", "#38;amp#59;"),
    ("two\nlines", "two lines"),
    ("関税：発表", "関税：発表"),  # full-width punctuation is not Mermaid syntax
])  # fmt: skip
def test_escape_mermaid(typed, written):
    assert escape_mermaid(typed) == written


def test_a_period_per_year(run_cli):
    result = run_cli("export", "mermaid", "-f", EXPORT, "--by", "year")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "timeline"
    assert lines[1] == "    title Export test#58; #60;b#62;bold#60;/b#62; #38; #35;1#59; 100#37;"
    assert [line.strip() for line in lines if line.startswith("        ") and not line.startswith("         ")] == [
        "2024", "2025"]
    assert "            : Jan. 20–22, 2025 - A three-day meeting" in lines


@pytest.mark.parametrize("by", [[], ["--by", "month"]])
def test_sections_per_year_and_periods_per_month_by_default(run_cli, by):
    result = run_cli("export", "mermaid", "-f", EXPORT, *by, "--lang", "ja")
    lines = result.stdout.splitlines()
    assert "    section 2025" in lines and "        2025年1月" in lines and "        2025年2月" in lines
    assert "        2025年" in lines  # the season has no month: it goes under its year


def test_every_event_is_one_entry_and_hostile_text_is_entities(run_cli):
    result = run_cli("export", "mermaid", "-f", EXPORT)
    entries = [line for line in result.stdout.splitlines() if line.startswith("            : ")]
    assert len(entries) == 10
    hostile = next(line for line in entries if "Trump" in line)
    assert hostile.endswith("Trump#58; tariffs#59; #60;script#62;alert(1)#60;/script#62; #35;hashtag #37;#37; not a comment")
    assert all(line.count(":") == 1 for line in entries)  # one colon: the one that starts the entry
