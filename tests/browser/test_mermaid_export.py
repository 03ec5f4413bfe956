"""The Mermaid export read by Mermaid's own parser (npm `mermaid`, tests/browser/node_modules) in headless Chromium
through the `visit` fixture (Mermaid needs a DOM), and its structure read back: one entry per event under its
period; and hostile text drawn by `mermaid.render` exactly as typed, read from the SVG's own text (what a reader
sees), never from the parser's entity placeholders (`ﬂ°°58¶ß`), which only rendering decodes."""

from __future__ import annotations

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
# The diagram drawn, as a reader sees it: each SVG <text>, its lines (Mermaid wraps a long one into <tspan>s at
# spaces) joined by a space and runs of spaces collapsed.
DRAW = """async text => {
    mermaid.initialize({startOnLoad: false});
    const {svg} = await mermaid.render('drawn' + Math.floor(Math.random() * 1e9), text);
    const box = document.createElement('div');
    box.innerHTML = svg;
    return [...box.querySelectorAll('text')].map(node => {
        const lines = [...node.querySelectorAll('tspan')].map(line => line.textContent);
        return (lines.length ? lines.join(' ') : node.textContent).split(/\\s+/).filter(Boolean).join(' ');
    });
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

    def drawn(text: str) -> list[str]:
        result = seen.page.evaluate(DRAW, text)
        assert seen.problems() == [], seen.problems()
        return result

    read.page, read.drawn = seen.page, drawn
    return read


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
    texts = mermaid.drawn(export(run_cli, path))
    assert texts.count(f"Jan. 20, 2025 - {typed}") == 1, texts  # the entry, as drawn
    assert texts.count(typed) == 1, texts  # the title
