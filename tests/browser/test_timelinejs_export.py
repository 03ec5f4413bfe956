"""The TimelineJS export loaded into the real TimelineJS (npm `@knight-lab/timelinejs`, tests/browser/node_modules)
in headless Chromium through the `visit` fixture: no errors, every slide present, dates displayed at their
precision, hostile text shown as text. Everything is read from disk; a request for anything else fails the test.
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

from conftest import GOOD, REPO

from browser.chromium import unavailable

EXPORT = GOOD / "export.yaml"
DIST = Path(__file__).resolve().parent / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>TimelineJS export</title>
<link rel="stylesheet" href="{css}"><script src="{js}"></script></head>
<body><div id="timeline-embed" style="width: 1000px; height: 600px"></div></body></html>"""
# TimelineJS fetches its locale with XMLHttpRequest, which Chromium refuses for file: URLs; a locale named by a URL
# ending in .json is fetched from that URL, so the file on disk is handed over as a data: URL.
LOAD = """async ([data, language, scriptPath]) => {
    const timeline = new TL.Timeline('timeline-embed', data, {language, script_path: scriptPath, font: null});
    await new Promise((resolve, reject) => {
        timeline.on('loaded', resolve);
        setTimeout(() => reject(new Error('TimelineJS did not load in 20 s')), 20000);
    });
    await new Promise(resolve => setTimeout(resolve, 300));  // slides are laid out just after 'loaded'
    return Array.from(document.querySelectorAll('.tl-slide')).map(slide => ({
        id: slide.id,
        date: (slide.querySelector('.tl-headline-date') || {}).textContent || '',
        headline: (slide.querySelector('.tl-headline') || {}).textContent || '',
        text: (slide.querySelector('.tl-text-content') || {}).innerHTML || '',
    }));
}"""


@pytest.fixture
def timelinejs(visit, tmp_path):
    """`timelinejs(document, lang) -> {slide id: slide}`: the export shown by TimelineJS; fails on any error."""
    if not (DIST / "js" / "timeline.js").exists():
        unavailable("TimelineJS is not installed: run `npm ci` in tests/browser")
    shown = []

    def show(document: dict, lang: str) -> dict[str, dict]:
        page = tmp_path / f"timeline-{len(shown)}.html"
        page.write_text(PAGE.format(lang=lang, css=(DIST / "css" / "timeline.css").as_uri(),
                                    js=(DIST / "js" / "timeline.js").as_uri()), encoding="utf-8")
        seen = visit(page)
        shown.append(seen)
        locale = (DIST / "js" / "locale" / f"{lang}.json").read_text(encoding="utf-8")
        language = "en" if lang == "en" else f"data:application/json,{urllib.parse.quote(locale)}#{lang}.json"
        slides = seen.page.evaluate(LOAD, [document, language, (DIST / "js").as_uri() + "/"])
        assert seen.problems() == [], seen.problems()
        return {slide["id"]: slide for slide in slides}

    show.visits = shown
    return show


def exported(run_cli, file, lang: str) -> dict:
    result = run_cli("export", "timelinejs", "-f", file, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("file", [REPO / "events.yaml", EXPORT], ids=["bundled", "every-date-kind"])
def test_every_slide_is_shown_without_errors(run_cli, timelinejs, file, lang):
    document = exported(run_cli, file, lang)
    slides = timelinejs(document, lang)
    ids = [document["title"]["unique_id"]] + [event["unique_id"] for event in document["events"]]
    assert sorted(slides) == sorted(ids)
    assert all(slides[event["unique_id"]]["headline"] for event in document["events"])


_SHOWN: dict[str, dict] = {}  # lang -> slides: the table below loads TimelineJS once per language


@pytest.mark.parametrize(("event_id", "lang", "shown"), [
    ("day-event", "en", "January 20, 2025"),  # TimelineJS's own format, at day precision
    ("month-event", "en", "February 2025"),  # a month: no day shown, none invented
    ("year-event", "en", "2024"),
    ("month-interval", "en", "May 2025 — June 2025"),
    ("season-event", "en", "Summer 2025"),  # display_date: what the parts cannot hold
    ("approximate-day", "en", "c. Jan. 23, 2025"),
    ("uncertain-month", "en", "March 2025?"),
    ("open-start", "en", "until Jan. 19, 2025"),
    ("open-end", "en", "from April 1, 2025"),
    ("season-event", "ja", "2025年夏"),
    ("approximate-day", "ja", "2025年1月23日頃"),
    ("uncertain-month", "ja", "2025年3月（不確か）"),
])  # fmt: skip
def test_dates_are_displayed_at_their_precision(run_cli, timelinejs, event_id, lang, shown):
    if lang not in _SHOWN:
        _SHOWN[lang] = timelinejs(exported(run_cli, EXPORT, lang), lang)
    assert _SHOWN[lang][event_id]["date"] == shown



def test_japanese_dates_are_formatted_by_timelinejs_in_japanese(run_cli, timelinejs):
    slides = timelinejs(exported(run_cli, EXPORT, "ja"), "ja")
    assert "2025" in slides["day-event"]["date"] and "January" not in slides["day-event"]["date"]
    assert "February" not in slides["month-event"]["date"]


def test_hostile_text_is_shown_as_text(run_cli, timelinejs):
    slides = timelinejs(exported(run_cli, EXPORT, "en"), "en")
    page = timelinejs.visits[-1].page
    assert slides["day-event"]["headline"] == "Trump: tariffs; <script>alert(1)</script> #hashtag %% not a comment"
    assert slides["title"]["headline"] == "Export test: <b>bold</b> & #1; 100%"
    assert page.evaluate("document.querySelectorAll('.tl-slide script, .tl-slide img, .tl-slide b').length") == 0
    assert '<a href="https://example.com/article?a=1&amp;b=2"' in slides["day-event"]["text"]  # sources are links
