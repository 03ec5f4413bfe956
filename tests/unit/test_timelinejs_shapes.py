"""interchange/timelinejs.py: the one description of TimelineJS's shapes (columns, date parts), table-driven."""

from __future__ import annotations

import pytest

from timeline.dates import parse_edtf
from timeline.interchange.timelinejs import SHEET_COLUMNS, event_parts, header_key, parts_edtf


def test_the_template_has_18_columns_a_to_r():
    assert len(SHEET_COLUMNS) == 18 and len(set(SHEET_COLUMNS)) == 18
    assert SHEET_COLUMNS[0] == "Year" and SHEET_COLUMNS[-1] == "Background"


@pytest.mark.parametrize(("header", "key"), [
    ("Year", "year"), ("End Year", "endyear"), ("Media Thumbnail", "mediathumbnail"), (" Display Date ", "displaydate"),
    ("Start Date", "startdate"),
])  # fmt: skip
def test_header_key_is_knight_labs(header, key):
    assert header_key(header) == key


@pytest.mark.parametrize(("edtf", "start", "end", "lost"), [
    ("2025", {"year": 2025}, None, ()),
    ("2025-02", {"year": 2025, "month": 2}, None, ()),
    ("2025-01-20", {"year": 2025, "month": 1, "day": 20}, None, ()),
    ("2025-22", {"year": 2025}, None, ("season",)),
    ("2025-01-20~", {"year": 2025, "month": 1, "day": 20}, None, ("approximate",)),
    ("2025-03?", {"year": 2025, "month": 3}, None, ("uncertain",)),
    ("2025-05/2025-06", {"year": 2025, "month": 5}, {"year": 2025, "month": 6}, ()),
    ("../2025-01-19", {"year": 2025, "month": 1, "day": 19}, None, ("open start",)),
    ("2025-04-01/..", {"year": 2025, "month": 4, "day": 1}, None, ("open end",)),
    ("/2025-04", {"year": 2025, "month": 4}, None, ("unknown start",)),
])  # fmt: skip
def test_event_parts_hold_only_what_is_known(edtf, start, end, lost):
    first, last, what = event_parts(parse_edtf(edtf))
    assert first.as_json() == start
    assert (last.as_json() if last else None) == end
    assert what == lost


@pytest.mark.parametrize(("parts", "edtf"), [((2025,), "2025"), ((2025, 1), "2025-01"), ((2025, 1, 5), "2025-01-05")])
def test_parts_become_edtf_at_their_precision(parts, edtf):
    assert parts_edtf(*parts) == edtf
    assert str(parse_edtf(edtf)) == edtf
