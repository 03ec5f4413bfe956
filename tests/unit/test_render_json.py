"""render/export.py writes indented JSON itself, for speed (issue #8): it must be json.dumps's text exactly."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.render import export
from timeline.pipeline import load_files
from timeline.validate import validate
from conftest import REPO

ROOT = REPO


def reference(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=True),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(JSON_VALUES)
def test_the_same_text_as_json_dumps(document):
    assert export._dumps(document) == reference(document)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.integers() | st.booleans() | st.none(), st.text(), max_size=3))
def test_keys_that_are_not_text_go_to_json_dumps(document):
    assert export._dumps(document) == reference(document)


def test_every_listing_of_the_test_data_is_the_same():
    for path in sorted({*ROOT.glob("tests/data/good/*.yaml"), ROOT / "events.yaml"}):
        timeline, _ = validate(load_files([path]))
        if timeline is None:
            continue
        for lang in ("ja", "en"):
            document = {"version": export.LISTING_VERSION, "lang": lang, "count": len(timeline.events),
                        "events": [export.event_dict(e, lang) for e in timeline.events]}
            assert export.render_events_json(timeline.events, lang) == reference(document), path
            assert "".join(export.iter_events_json(timeline.events[:1], lang)) == reference(
                {**document, "count": min(1, len(timeline.events)), "events": document["events"][:1]}), path
            assert export.render_events_json((), lang) == reference({**document, "count": 0, "events": []})
            for event in timeline.events:
                shown = export.render_event_json(event, timeline, lang)
                assert shown == reference(json.loads(shown)), path


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES, st.integers(0, 3))
def test_a_nested_value_is_laid_out_as_json_dumps_lays_it_out(value, depth):
    newline = "\n" + "  " * depth
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)
    assert export._nested(value, newline) == expected
