"""The Mermaid export read by Mermaid's own parser (npm `mermaid`, tests/browser/node_modules) in headless Chromium
through the `visit` fixture (Mermaid needs a DOM), and its structure read back: one entry per event under its
period, hostile text decoded by Mermaid's rules to exactly what was typed."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from conftest import GOOD, MINIMAL, REPO

from browser.chromium import unavailable

EXPORT = GOOD / "export.yaml"
MERMAID = Path(__file__).resolve().parent / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
READ = """async text => {
    await mermaid.parse(text);  // throws on a syntax error; loads the timeline diagram's parser
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    return {title: diagram.db.getCommonDb().getDiagramTitle(), sections: diagram.db.getSections(),
            tasks: diagram.db.getTasks().map(task => ({section: task.section, period: task.task, events: task.events}))};
}"""
HOSTILE_TITLES = [
    "a: b; c", "#1 #58; &amp;", "%% a comment? %%", "<br><script>alert(1)</script>", "{curly} [square]",
    "title x", "section y", "--> arrow", "ends with a colon:", "x : y : z", 'back\\slash "quotes"',
]


@pytest.fixture
def mermaid(visit, tmp_path):
    """`mermaid(text) -> {title, sections, tasks}`: the diagram as Mermaid's parser reads it; fails on any error."""
    if not MERMAID.exists():
        unavailable("Mermaid is not installed: run `npm ci` in tests/browser")
    page = tmp_path / "mermaid.html"
    page.write_text(f'<!doctype html><html><head><meta charset="utf-8"><title>Mermaid</title>'
                    f'<script src="{MERMAID.as_uri()}"></script></head><body></body></html>', encoding="utf-8")
    seen = visit(page)

    def read(text: str) -> dict:
        result = seen.page.evaluate(READ, text)
        assert seen.problems() == [], seen.problems()
        return result

    read.page = seen.page
    return read


def decoded(text: str) -> str:
    """What Mermaid shows: its entity placeholders (mermaid's decodeEntities), then HTML entities, decoded."""
    return html.unescape(text.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";"))


def export(run_cli, file, *args) -> str:
    result = run_cli("export", "mermaid", "-f", file, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_parser_is_a_real_oracle(mermaid):
    refused = "async () => { try { await mermaid.parse('timeline\\n  bad : : :'); return false; } catch (e) { return true; } }"
    assert mermaid.page.evaluate(refused)


@pytest.mark.parametrize("by", ["default", "year", "month"])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("file", [REPO / "events.yaml", EXPORT], ids=["bundled", "every-date-kind"])
def test_mermaid_parses_every_export_with_one_entry_per_event(run_cli, mermaid, file, lang, by):
    text = export(run_cli, file, "--lang", lang, *([] if by == "default" else ["--by", by]))
    diagram = mermaid(text)
    assert sum(len(task["events"]) for task in diagram["tasks"]) == text.count("\n            : ")
    assert (diagram["sections"] != []) == (by != "year")  # by month unless asked: a news year is too many for one column


@pytest.mark.parametrize("typed", HOSTILE_TITLES)
def test_hostile_titles_come_back_as_typed(run_cli, mermaid, tmp_path, typed):
    quoted = typed.replace("\\", "\\\\").replace('"', '\\"')
    path = tmp_path / "hostile.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("en: Trump sworn in as 47th president", f'en: "{quoted}"')
                    .replace("en: US AI and crypto policy in 2025", f'en: "{quoted}"'), encoding="utf-8")
    diagram = mermaid(export(run_cli, path))
    [task] = diagram["tasks"]
    assert [decoded(event) for event in task["events"]] == [f"Jan. 20, 2025 - {typed}"]
    assert decoded(diagram["title"]) == typed
