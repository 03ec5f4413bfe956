"""diff/corrections.py: the figures a correction is owed for, and which changes need one (no CLI, no files)."""

from __future__ import annotations

import dataclasses

import pytest

from timeline.dates import parse_edtf
from timeline.diff import compare
from timeline.diff.corrections import figures, needing_correction
from timeline.pipeline import load_timeline
from conftest import MINIMAL


@pytest.mark.parametrize("text, expected", [
    ("Nvidia to invest $500 billion by 2029", ("$500 billion", "2029")),
    ("関税を25%に引き上げ", ("25%",)),
    ("関税を25％に引き上げ", ("25％",)),
    ("5,000億円の投資", ("5,000億円",)),
    ("5000億ドル", ("5000億ドル",)),
    ("3.5 percent growth", ("3.5 percent",)),
    ("第47代大統領", ("47",)),
    ("１２月３日", ("１２", "３")),
    ("no numbers here", ()),
])
def test_figures_are_numbers_with_their_currency_and_unit(text, expected):
    assert figures(text) == expected


@pytest.fixture(scope="module")
def timeline():
    return load_timeline([MINIMAL])


def changed(timeline, **fields):
    event = timeline.events[0]
    new_event = dataclasses.replace(event, **fields)
    return dataclasses.replace(timeline, events=(new_event,))


def findings(timeline, **fields):
    needed = needing_correction(compare(changed(timeline, **fields), timeline))
    return [(f.what, f.field, f.lang) for n in needed for f in n.findings]


def text(event, field, lang, value):
    return dataclasses.replace(getattr(event, field), **{lang: value})


@pytest.mark.parametrize("edit, expected", [
    (lambda e: {"date": parse_edtf("2025-01-22")}, [("date", "date", None)]),
    (lambda e: {"summary": text(e, "summary", "en", "Donald Trump was sworn in as the 45th president.")},
     [("figure", "summary", "en")]),
    (lambda e: {"summary": text(e, "summary", "en", "Trump took the oath as the 47th president of the United States.")},
     []),
    (lambda e: {"title": text(e, "title", "en", "Trump took office")}, [("title", "title", "en")]),
    (lambda e: {"title": text(e, "title", "ja", "トランプ氏が第45代大統領に就任")}, [("figure", "title", "ja")]),
    (lambda e: {"topics": ()}, []),
])
def test_a_date_a_figure_or_a_title_needs_a_correction_and_rewording_does_not(timeline, edit, expected):
    assert findings(timeline, **edit(timeline.events[0])) == expected


@pytest.mark.parametrize("old, new, what", [
    ("2025-01-20T12:00:00Z", "2025-01-20T17:00:00Z", "time"),  # the same day: the time was misstated
    ("2025-01-19T12:00:00Z", "2025-01-20T17:00:00Z", "date"),
    ("2025-01-20T12:00:00Z", "2025-01-20T12:00:00+09:00", "time"),
])
def test_a_time_changed_on_the_same_day_is_a_time_not_a_date(timeline, old, new, what):
    before = changed(timeline, date=parse_edtf(old))
    after = changed(timeline, date=parse_edtf(new))
    needed = needing_correction(compare(before, after))
    assert [(f.what, f.field) for n in needed for f in n.findings] == [(what, "date")]
