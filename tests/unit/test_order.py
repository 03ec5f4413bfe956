"""The one order of events (order.py, `timeline docs order`): the rule, table-driven, and every output giving the
same sequence, on the bundled data and on tests/data/good/order.yaml (every form a date may take, and same-day
clusters placed with `after`)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
import re
import shutil
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from timeline.dates import EventDate, parse_edtf
from timeline.order import chronological, date_key, position
from timeline.pipeline import load_timeline
from timeline.render.markdown import escape_markdown
from conftest import TESTS

HERE = TESTS
FIXTURE = HERE / "data" / "good" / "order.yaml"
DATASET = HERE.parent / "events.yaml"

# The fixture's events in the one order (its file order is scrambled).
FIXTURE_ORDER = [
    "year-uncertain",  # 2024?: Dec. 31, 2024
    "year-interval",  # 2024/2025: Dec. 31, 2024, and a later end
    "open-start-day",  # ../2025-03-10: the end decides; ties with `day`, first in the file
    "day",  # 2025-03-10
    "day-interval",  # 2025-03-10/2025-03-11: a later end
    "open-end-day",  # 2025-03-10/..: an open end last
    "day-approximate",  # 2025-03-12~
    "day-uncertain",  # 2025-03-14?
    "day-both",  # 2025-03-16%
    "unknown-start-day",  # /2025-03-20
    "month",  # 2025-03: March 31, after its days
    "open-end-month",  # 2025-03/..
    "month-approximate",  # 2025-04~: April 30
    "unknown-end-day",  # 2025-05-01/
    "spring",  # 2025-21: May 31, after the days and months of May
    "open-start-month",  # ../2025-06
    "unknown-start-month",  # /2025-06
    "month-interval",  # 2025-06/2025-08: June 30, ends in August
    "unknown-end-month",  # 2025-06/
    "mixed-interval",  # 2025-08/2025-12-05: Aug. 31, month before season
    "summer",  # 2025-22: Aug. 31
    "after-summer",  # 2025-08-15, after: summer
    "season-interval",  # 2025-22/2025-23
    "crash",  # 2025-10-10, written last of the three
    "liquidations",  # 2025-10-10, after: crash
    "outage",  # 2025-10-10, after: liquidations (written first)
    "slide",  # 2025-10-10/2025-12: after the single days
    "month-nov",  # 2025-11
    "day-after-month",  # 2025-11-05, after: [month-nov]
    "autumn",  # 2025-23: Nov. 30, after the month
    "year",  # 2025: Dec. 31
    "day-2026",  # 2026-01-15
    "winter",  # 2025-24: Feb. 28, 2026, where winter 2025 ends
]


class Placed(NamedTuple):
    """An event as order.py reads it."""

    id: str
    date: EventDate
    after: tuple[str, ...] = ()
    order: int = 0


def placed(*texts: str) -> list[Placed]:
    return [Placed(f"e{i}", parse_edtf(text), (), i) for i, text in enumerate(texts)]


def ordered_texts(*texts: str, seed: int = 7) -> list[str]:
    """The date texts in the one order, whatever order they are given in (ties: as given)."""
    events = placed(*texts)
    shuffled = events[:]
    random.Random(seed).shuffle(shuffled)
    return [str(event.date) for event in chronological(sorted(shuffled, key=lambda e: e.order))]


# -- the rule -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("2025-01-20", "2025-01-20"),
    ("2025-07", "2025-07-31"),
    ("2025-02", "2025-02-28"),
    ("2024-02", "2024-02-29"),
    ("2025-21", "2025-05-31"),  # spring
    ("2025-22", "2025-08-31"),  # summer
    ("2025-23", "2025-11-30"),  # autumn
    ("2025-24", "2026-02-28"),  # winter ends in February of the next year
    ("2025", "2025-12-31"),
    ("2025-10-10/2025-12", "2025-10-10"),  # an interval: the last day of its start
    ("2025-08/2025-12", "2025-08-31"),
    ("2025-22/2025-23", "2025-08-31"),
    ("2024/2025", "2024-12-31"),
    ("../2025-01-19", "2025-01-19"),  # an open start: the known end decides
    ("/2025-01-19", "2025-01-19"),
    ("../2025-07", "2025-07-31"),
    ("2025-07/..", "2025-07-31"),
    ("2025-07/", "2025-07-31"),
    ("2025-01-20~", "2025-01-20"),  # qualifiers do not move an event
    ("2025-07?", "2025-07-31"),
    ("2025-22%", "2025-08-31"),
])  # fmt: skip
def test_position_is_the_latest_possible_start_day(text, day):
    assert position(parse_edtf(text)) == datetime.date.fromisoformat(day)


@pytest.mark.parametrize(("earlier", "later"), [
    ("2025-01-19", "2025-01-20"),  # position first
    ("../2025-01-19", "2025-01-20"),  # an open start sits on its end, not at the beginning of time
    ("2023-10-30", "../2025-01-19"),
    ("2025-01-31", "2025-01"),  # a month after every one of its days
    ("2025-01", "2025-02-01"),
    ("2025-08", "2025-22"),  # a season after its last month
    ("2025-22", "2025-09-01"),
    ("2025-12", "2025"),  # a year after December
    ("2025", "2026-01-01"),
    ("2026-02", "2025-24"),  # winter after its February
    ("2025-01-20", "2025-01-20/2025-01-21"),  # same day: a single date before an interval
    ("2025-01-20/2025-01-21", "2025-01-20/.."),  # an open end last
    ("2025-01-20/2025-01-21", "2025-01-20/"),
    ("2025-08", "2025-08/2025-12"),
    ("2025-08/2025-12", "2025-22"),  # same day: month before season, whatever the ends
    ("2025-10-10", "2025-10-10/2025-12"),
])  # fmt: skip
def test_pairs_in_either_order_come_out_in_the_one_order(earlier, later):
    assert ordered_texts(earlier, later) == [earlier, later]
    assert ordered_texts(later, earlier) == [earlier, later]


@pytest.mark.parametrize(("first", "second"), [
    ("2025-01-20", "2025-01-20~"),  # qualifiers do not move an event: file order decides
    ("2025-01-20~", "2025-01-20"),
    ("../2025-01-20", "2025-01-20"),
    ("2025-01-20", "/2025-01-20"),
    ("2025-07?", "2025-07"),
])  # fmt: skip
def test_equal_keys_keep_the_file_order(first, second):
    assert date_key(parse_edtf(first)) == date_key(parse_edtf(second))
    assert [str(e.date) for e in chronological(placed(first, second))] == [first, second]


def test_after_moves_an_event_just_after_the_last_one_it_waits_for():
    events = [Placed("a", parse_edtf("2025-01-01"), ("c",), 0), Placed("b", parse_edtf("2025-01-02"), (), 1),
              Placed("c", parse_edtf("2025-01-03"), (), 2), Placed("d", parse_edtf("2025-01-04"), (), 3)]
    assert [e.id for e in chronological(events)] == ["b", "c", "a", "d"]


def test_after_is_transitive_and_stable():
    cluster = [Placed("outage", parse_edtf("2025-10-10"), ("liquidations",), 0),
               Placed("liquidations", parse_edtf("2025-10-10"), ("crash",), 1),
               Placed("crash", parse_edtf("2025-10-10"), (), 2),
               Placed("other", parse_edtf("2025-10-10"), (), 3)]
    # crash, then what waits for it, each as soon as it may: all before `other`, which the file lists last
    assert [e.id for e in chronological(cluster)] == ["crash", "liquidations", "outage", "other"]


def test_ids_outside_the_set_are_no_constraint():
    events = [Placed("a", parse_edtf("2025-01-01"), ("filtered-out", "other-file"), 0),
              Placed("b", parse_edtf("2025-01-02"), (), 1)]
    assert [e.id for e in chronological(events)] == ["a", "b"]


@pytest.mark.parametrize("afters", [
    {"a": ("a",)},  # after itself
    {"a": ("b",), "b": ("a",)},
    {"a": ("c",), "b": ("a",), "c": ("b",)},
])  # fmt: skip
def test_a_cycle_never_hangs_and_keeps_every_event(afters):
    events = [Placed(name, parse_edtf(f"2025-01-0{i + 1}"), afters.get(name, ()), i) for i, name in enumerate("abcd")]
    assert sorted(e.id for e in chronological(events)) == ["a", "b", "c", "d"]


def test_a_hundred_thousand_events_with_after_chains_order_quickly():
    """O(n log n): each distinct date is keyed once, and `after` costs a heap operation per event."""
    days = [datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 2000) for n in range(100_000)]
    texts = [day.isoformat() if n % 3 else day.isoformat()[:7] for n, day in enumerate(days)]
    events = [Placed(f"e{n}", parse_edtf(text), (f"e{n + 7}",) if n % 10 == 0 else (), n)
              for n, text in enumerate(texts)]
    random.Random(1).shuffle(events)
    started = time.process_time()  # CPU time: the suite's other workers (pytest-xdist) share the machine's cores
    result = chronological(events)
    assert time.process_time() - started < 5
    place = {event.id: index for index, event in enumerate(result)}
    assert len(place) == 100_000
    assert all(place[event.id] > place[event.after[0]] for event in events if event.after and event.after[0] in place)


# -- every output gives the same sequence ---------------------------------------------------------------------


def titles_to_ids(path: Path) -> dict[str, str]:
    """Each event's English title as the chronology writes it -> its id (titles must be unique to be read back)."""
    timeline = load_timeline([path])
    mapping = {escape_markdown(event.title.en): event.id for event in timeline.events}
    assert len(mapping) == len(timeline.events), "two events share a title: the chronology cannot be read back"
    return mapping


def chronology_ids(run_cli, path: Path, *args: str) -> list[str]:
    result = run_cli("chronology", "-f", path, "--lang", "en", "--no-summaries", *args)
    assert result.exit_code == 0, result.stderr
    titles = titles_to_ids(path)
    heads = re.findall(r"^- \*\*.+?\*\*: (.+?)(?: \(scheduled\))?(?:\[\^\d+\])*$", result.stdout, flags=re.M)
    return [titles[head] for head in heads]


def listed_ids(run_cli, path: Path, *args: str) -> dict[str, list[str]]:
    """The sequence of ids each `list` format gives."""
    found = {}
    for fmt in ("json", "jsonl", "csv", "table"):
        result = run_cli("list", "-f", path, "--format", fmt, *args, env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.stderr
        if fmt == "json":
            found[fmt] = [event["id"] for event in json.loads(result.stdout)["events"]]
        elif fmt == "jsonl":
            found[fmt] = [json.loads(line)["id"] for line in result.stdout.splitlines()]
        elif fmt == "csv":
            found[fmt] = [row[0] for row in list(csv.reader(io.StringIO(result.stdout)))[1:]]
        else:
            found[fmt] = [line.split()[0] for line in result.stdout.splitlines()[1:] if line.strip()]
    return found


def normalized_ids(run_cli, path: Path, tmp_path: Path) -> list[str]:
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    result = run_cli("normalize", copy)
    assert result.exit_code == 0, result.stderr
    return re.findall(r"^  - id: (\S+)$", copy.read_text(encoding="utf-8"), flags=re.M)


@pytest.mark.parametrize("path", [FIXTURE, DATASET], ids=["every-date-form", "bundled"])
def test_every_output_gives_the_one_order(run_cli, tmp_path, path):
    expected = [event.id for event in load_timeline([path]).events]
    assert expected == [event.id for event in chronological(load_timeline([path]).events)]
    if path == FIXTURE:
        assert expected == FIXTURE_ORDER
    for fmt, ids in listed_ids(run_cli, path).items():
        assert ids == expected, fmt
    for fmt, ids in listed_ids(run_cli, path, "--reverse").items():
        assert ids == expected[::-1], f"{fmt} --reverse"
    for grouping in ("month", "year", "none"):
        assert chronology_ids(run_cli, path, "--group-by", grouping) == expected, grouping
        assert chronology_ids(run_cli, path, "--group-by", grouping, "--reverse") == expected[::-1], grouping
    assert normalized_ids(run_cli, path, tmp_path) == expected


def test_the_chronology_sections_follow_the_order(run_cli):
    result = run_cli("chronology", "-f", FIXTURE, "--lang", "en", "--no-summaries")
    headings = re.findall(r"^#+ .+$", result.stdout, flags=re.M)
    assert headings[1:] == [
        "## 2024", "### During 2024", "### 2024–2025",
        "## 2025", "### March", "### April", "### May", "### Spring", "### June", "### August", "### Summer",
        "### October", "### November", "### Autumn", "### During 2025",
        "## 2026", "### January", "### Winter 2025",
        "## Sources",
    ]  # fmt: skip
    summer = result.stdout.split("### Summer")[1].split("###")[0]
    assert "**Aug. 15, 2025**: after-summer" in summer  # moved by `after:`, shown with its own date, no new heading


def test_reversed_sections_are_the_same_runs_newest_first(run_cli):
    forward = run_cli("chronology", "-f", FIXTURE, "--lang", "ja", "--no-summaries").stdout
    backward = run_cli("chronology", "-f", FIXTURE, "--lang", "ja", "--no-summaries", "--reverse").stdout
    headings = re.findall(r"^#+ .+$", forward, flags=re.M)[1:-1]
    reversed_headings = re.findall(r"^#+ .+$", backward, flags=re.M)[1:-1]
    assert "### 2025年冬" in headings
    years = [heading for heading in headings if heading.startswith("## ")]
    assert [h for h in reversed_headings if h.startswith("## ")] == years[::-1]
    assert [h for h in reversed_headings if h.startswith("### ")] == [h for h in headings if h.startswith("### ")][::-1]
