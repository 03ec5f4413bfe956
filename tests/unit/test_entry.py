"""normalize/entry.py: one event written into a file's text in its canonical place, nothing else changed."""

from __future__ import annotations

import random

import pytest

from timeline.errors import InvalidDataError, UsageError
from timeline.load import load_text
from timeline.normalize import normalize_text
from timeline.normalize.entry import event_lines, place_event, plain
from conftest import MINIMAL, generate
from test_add import COMMENTED, only_inserted

EVENT = {"id": "new", "date": "2025-02-01", "title": {"ja": "新", "en": "New"},
         "summary": {"ja": "新しい。", "en": "New."}, "topics": ["ai-policy"],
         "citations": [{"source": "example-2025-01-27", "quote": "2025年1月20日"}]}


def place(text: str, values: dict, replacing: str | None = None):
    return place_event([load_text(text, "events.yaml")], 0, values, replacing=replacing)


@pytest.mark.parametrize("indent", [0, 2, 4])
def test_event_lines_are_the_canonical_writers_at_any_indentation(indent):
    lines = event_lines(EVENT, indent)
    assert lines.splitlines()[0] == " " * indent + "- id: new"
    assert lines.splitlines()[1] == " " * indent + "  date: 2025-02-01"
    assert all(line.startswith(" " * indent) for line in lines.splitlines())


def test_a_generated_canonical_file_stays_canonical_wherever_the_event_goes():
    text = normalize_text(generate(60, seed=3))
    dates = random.Random(7).sample(range(1, 365), 12)
    topic = text.split("topics:\n", 1)[1].split(":", 1)[0].strip()
    source = text.split("sources:\n", 1)[1].split(":", 1)[0].strip()
    for day in dates:
        values = {**EVENT, "date": f"2025-{(day - 1) // 31 + 1:02d}-{(day - 1) % 28 + 1:02d}", "topics": [topic],
                  "citations": [{"source": source, "quote": "q"}]}
        entry = place(text, values)
        assert only_inserted(text, entry.text) == entry.lines
        assert normalize_text(entry.text) == entry.text


def test_the_edited_event_is_rewritten_in_place_when_its_date_stays_put():
    text = MINIMAL.read_text(encoding="utf-8")
    event = plain(load_text(text, "x").root["events"][0])
    event["title"]["en"] = "Sworn in"
    entry = place(text, event, replacing="trump-inauguration")
    assert entry.text == text.replace("Trump sworn in as 47th president", "Sworn in")
    assert entry.line == text.splitlines().index("  - id: trump-inauguration") + 1


@pytest.mark.parametrize(("change", "error"), [
    ({"topics": ["no-such-topic"]}, InvalidDataError),
    ({"notes": {"ja": "片方"}}, InvalidDataError),
])
def test_an_event_that_does_not_validate_is_refused(change, error):
    with pytest.raises(error):
        place(COMMENTED, {**EVENT, **change})


def test_a_flow_style_events_list_is_refused_with_what_to_do():
    text = MINIMAL.read_text(encoding="utf-8")
    head = text[:text.index("events:")]
    flow = head + 'events: [{id: x, date: 2025-01-01, title: {ja: a, en: a}, summary: {ja: a, en: a}, ' \
        'topics: [ai-policy], citations: [{source: example-2025-01-27, quote: q}]}]\n'
    with pytest.raises(UsageError, match="timeline normalize"):
        place(flow, EVENT)


def test_in_a_hand_laid_out_file_only_the_events_lines_are_added():
    text = generate(40, seed=5)
    assert normalize_text(text) != text  # not canonical: its layout must survive as it is
    topic = text.split("topics:\n", 1)[1].split(":", 1)[0].strip()
    source = text.split("sources:\n", 1)[1].split(":", 1)[0].strip()
    for date in ("2024-06-01", "2025-05", "2025-09-09", "2026"):
        values = {**EVENT, "date": date, "topics": [topic], "citations": [{"source": source, "quote": "q"}]}
        entry = place(text, values)
        assert only_inserted(text, entry.text) == entry.lines


def test_a_blank_line_inside_the_last_event_and_a_hash_inside_a_text_are_no_end_and_no_comment():
    text = MINIMAL.read_text(encoding="utf-8").replace("    topics: [ai-policy]\n", "\n    topics: [ai-policy]\n")
    text = text.replace("en: Trump sworn in as 47th president", 'en: "Trump sworn in #47"')
    entry = place(text, {**EVENT, "date": "2025-12"})
    assert only_inserted(text, entry.text) == entry.lines and entry.text.endswith(entry.lines)
    event = plain(load_text(text, "x").root["events"][0])
    edited = place(text, {**event, "date": "2025-01-21"}, replacing="trump-inauguration")
    assert "Trump sworn in #47" in edited.text


KEPT = MINIMAL.read_text(encoding="utf-8") + "    notes:\n      ja: 注\n      en: |+\n        keep these lines\n\n\n"


@pytest.mark.parametrize("tail", ["", "# the end\n"])
def test_an_event_after_a_keep_block_goes_after_its_kept_line_breaks(tail):
    entry = place(KEPT + tail, EVENT)
    assert entry.text.startswith(KEPT) and entry.text.endswith(tail)


def test_the_check_before_writing_sees_a_keep_blocks_line_breaks_taken_away():
    """The model trims texts, so a misplaced insertion that eats a `|+` value's line breaks is caught by
    comparing the other events as read (a text spliced as the old placement did)."""
    from timeline.errors import UnsafeNormalizeError
    from timeline.normalize.entry import _checked

    spliced = KEPT.rstrip("\n") + "\n" + event_lines(EVENT) + "\n\n"
    with pytest.raises(UnsafeNormalizeError, match="would change other events"):
        _checked([load_text(KEPT, "events.yaml")], 0, KEPT, spliced, EVENT, None)
