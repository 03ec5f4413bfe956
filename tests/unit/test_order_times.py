"""The order within a day (order.py, `timeline docs order`): timed events by the moment they name, whatever zone
they were written in, then the day's events with no time; the day is the day as written. And the packed sort
key, which falls back to tuples for days it cannot hold (years <= 0, `Y170000002`) rather than sort them wrong."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from timeline.dates import EventDate, parse_edtf
from timeline.order import chronological, date_key
from timeline.pipeline import load_timeline
from conftest import GOOD

FIXTURE = GOOD / "times.yaml"  # one day in several zones (timezone: America/New_York), scrambled
FIXTURE_ORDER = [
    "oct-9",  # 2025-10-09
    "tokyo-open",  # 2025-10-10T09:00:00+09:00 = 00:00 UTC
    "london-noon",  # 2025-10-10T12:00:00Z
    "tariff-post",  # 2025-10-10T15:05:00-04:00 = 19:05 UTC
    "liquidations",  # 2025-10-10T16:00:00-04:00 = 20:00 UTC
    "new-york-evening",  # 2025-10-10T21:30:00 in the file's America/New_York = 01:30 UTC on Oct. 11
    "oct-10-untimed",  # 2025-10-10: after every timed event of its day (first in the file)
    "tokyo-next-morning",  # 2025-10-11T08:00:00+09:00 = 23:00 UTC on Oct. 10: an event of Oct. 11 as written
]


@dataclass(frozen=True)
class Item:
    id: str
    date: EventDate
    after: tuple[str, ...] = ()
    order: int = 0


def ordered(*dates: str) -> list[str]:
    """The dates, given in this order, in the one order."""
    return [item.date.text for item in chronological(Item(str(n), parse_edtf(d), order=n) for n, d in enumerate(dates))]


def test_the_fixtures_day_comes_out_by_moment_then_the_untimed_event():
    timeline = load_timeline([FIXTURE])
    assert [event.id for event in chronological(timeline.events)] == FIXTURE_ORDER


def test_the_order_does_not_depend_on_the_file_order():
    events = list(load_timeline([FIXTURE]).events)
    for seed in range(5):
        random.Random(seed).shuffle(events)
        assert [event.id for event in chronological(events)] == FIXTURE_ORDER


@pytest.mark.parametrize(("first", "then"), [
    ("2025-10-10T09:00:00+09:00", "2025-10-10T01:00:00Z"),  # 00:00 UTC before 01:00 UTC, whatever the wall clock
    ("2025-10-10T12:00:00Z", "2025-10-10T09:00:00-04:00"),  # 12:00 UTC before 13:00 UTC
    ("2025-10-10T23:59:59Z", "2025-10-10"),  # a day with no time last among its day's events
    ("2025-10-10T00:00:00Z", "2025-10-10"),
    ("2025-10-10", "2025-10"),  # the month after its days, timed or not
    ("2025-10-10T23:00:00Z", "2025-10"),
    ("2025-10-10", "2025-10-11T00:00:00+14:00"),  # the day as written: Oct. 11 follows Oct. 10 ...
    ("2025-10-10T23:00:00-12:00", "2025-10-11T00:00:00+14:00"),  # ... even when it is the earlier moment
    ("2025-10-10T15:00:00Z", "2025-10-10/2025-10-12"),  # an interval starting that day: after its single days
])
def test_within_a_day_times_compare_as_moments(first, then):
    assert ordered(then, first) == [first, then]
    assert ordered(first, then) == [first, then]


def test_the_same_moment_in_two_zones_keeps_the_file_order():
    assert ordered("2025-10-10T21:00:00+09:00", "2025-10-10T12:00:00Z") == ["2025-10-10T21:00:00+09:00",
                                                                            "2025-10-10T12:00:00Z"]
    assert ordered("2025-10-10T12:00:00Z", "2025-10-10T21:00:00+09:00") == ["2025-10-10T12:00:00Z",
                                                                            "2025-10-10T21:00:00+09:00"]


def test_after_still_has_the_last_word_within_a_day():
    items = [Item("timed", parse_edtf("2025-10-10T09:00:00Z"), ("untimed",), 0),
             Item("untimed", parse_edtf("2025-10-10"), (), 1)]
    assert [item.id for item in chronological(items)] == ["untimed", "timed"]


# Dates whose days the packed integer cannot hold in its lower fields: negative years, year 0, `Y` years. Each list
# is in the one order; any input order must come out so.
FAR_DATES = [
    ["-0999", "-0001-06", "0000", "0001-01-01", "2025-10-10T12:00:00Z", "2025-10-10", "9999", "Y170000002"],
    ["Y-170000002", "-0490-09/-0489", "-0490", "0000-12-31", "0000/2025", "2025"],
    ["-0100-01-01/..", "../-0100-06", "-0100", "2025-07/.."],
]


@pytest.mark.parametrize("dates", FAR_DATES, ids=lambda dates: dates[0])
def test_days_of_any_year_sort_by_tuples_never_wrong(dates):
    parsed = []
    for text in dates:
        try:
            parsed.append(parse_edtf(text))
        except ValueError:
            pytest.fail(f"{text} should parse (issue 23's EDTF core)")
    expected = [date.text for date in sorted(parsed, key=lambda date: (*date_key(date), dates.index(date.text)))]
    for seed in range(8):
        shuffled = list(enumerate(parsed))
        random.Random(seed).shuffle(shuffled)
        items = [Item(str(n), date, order=dates.index(date.text)) for n, date in shuffled]
        assert [item.date.text for item in chronological(items)] == expected


def test_the_lists_above_are_in_the_one_order():
    for dates in FAR_DATES:
        assert ordered(*reversed(dates)) == [parse_edtf(text).text for text in dates]


def test_a_file_order_beyond_its_bits_sorts_by_tuples():
    items = [Item("late", parse_edtf("2025-01-01"), order=1 << 41), Item("early", parse_edtf("2025-01-01"), order=3)]
    assert [item.id for item in chronological(items)] == ["early", "late"]
