"""Valid text comes out of the exports as typed, read back by each target's own reader: icalendar for the
calendar, sqlite3 for the database, a JSON parser and HTML unescaping for TimelineJS (whose text is HTML).
Generated documents (test_normalize_properties.documents); TIMELINE_EXAMPLES=500 runs deeper."""

from __future__ import annotations

import html
import json
import os
import sqlite3

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_normalize_properties import DUMP_STYLES, documents

from timeline.pipeline import load_timeline
from timeline.render.exports.ics import open_sides

icalendar = pytest.importorskip("icalendar")
EXAMPLES = max(int(os.environ.get("TIMELINE_EXAMPLES", "30")) // 3, 1)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("exports")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
# Without private sources, whose names and quotes every export withholds (tests/reliability/test_no_leak.py).
@given(document=documents(newlines=False, private=False), style=DUMP_STYLES, lang=st.sampled_from(["ja", "en"]))
def test_valid_documents_keep_their_text_in_every_export(run_cli, workdir, document, style, lang):
    path = workdir / "valid.yaml"
    path.write_text(yaml.safe_dump(document, **style), encoding="utf-8")
    assume(run_cli("validate", path).exit_code == 0)
    events = {event.id: event for event in load_timeline([path]).events}

    slides = json.loads(run_cli("export", "timelinejs", "-f", path, "--lang", lang).stdout)["events"]
    assert {s["unique_id"]: html.unescape(s["text"]["headline"]) for s in slides} == {
        i: e.title.get(lang) + (" (scheduled)" if lang == "en" else "（予定）") * (e.status == "scheduled")
        for i, e in events.items()}

    calendar = icalendar.Calendar.from_ical(run_cli("export", "ics", "-f", path, "--lang", lang,
                                                    "--include-imprecise").stdout_bytes)
    summaries = {str(v["UID"]).split("@")[0]: str(v["SUMMARY"]) for v in calendar.walk("VEVENT")}
    assert set(summaries) == {i for i, e in events.items() if not open_sides(e)}  # an open side has no span
    assert all(summaries[i].startswith(e.title.get(lang)) for i, e in events.items() if i in summaries)

    database = workdir / "valid.db"
    assert run_cli("export", "sqlite", "-f", path, "-o", database, "--force").exit_code == 0
    with sqlite3.connect(database) as db:
        rows = {row[0]: row[1:] for row in db.execute("SELECT id, title_ja, title_en, summary_ja, summary_en FROM events")}
        quotes = [row[0] for row in db.execute("SELECT quote FROM citations WHERE dispute_id IS NULL ORDER BY id")]
    assert rows == {i: (e.title.ja, e.title.en, e.summary.ja, e.summary.en) for i, e in events.items()}
    assert quotes == [c.quote for e in events.values() for c in e.citations]
