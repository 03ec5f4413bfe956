"""Honest bounds in the date filters (`--from`, `--to`, `--strict-dates`; `timeline docs order`): an open or unknown
side of an event's date is unknown, not infinite, and reads as its known side. Tested at every kind of bound,
inside, outside and straddling a window, with and without --strict-dates; the table in the docs is checked as
written; and the issue's example on the bundled data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline.dates import parse_human
from timeline.pipeline import load_timeline
from timeline.query import Filter, query
from timeline.reference import read
from conftest import REPO

DATASET = REPO / "events.yaml"

# One event per kind of bound, named after it; the day ones read as March 15, the month ones as all of March.
DATES = {
    "open-start": "../2025-03-15",
    "unknown-start": "/2025-03-15",
    "open-end": "2025-03-15/..",
    "unknown-end": "2025-03-15/",
    "open-start-month": "../2025-03",
    "unknown-start-month": "/2025-03",
    "open-end-month": "2025-03/..",
    "unknown-end-month": "2025-03/",
}
DAYS = ["open-start", "unknown-start", "open-end", "unknown-end"]
MONTHS = ["open-start-month", "unknown-start-month", "open-end-month", "unknown-end-month"]


def chronology_file(tmp_path: Path, dates: dict[str, str]) -> Path:
    events = "".join(
        f"  - id: {event_id}\n    date: {date}\n    title: {{ja: {event_id}, en: {event_id}}}\n"
        "    summary: {ja: 要約。, en: Summary.}\n    topics: [t]\n"
        "    citations: [{source: src, quote: quote}]\n"
        for event_id, date in dates.items()
    )
    path = tmp_path / "bounds.yaml"
    path.write_text(
        "version: 1\ntitle: {ja: 範囲, en: Bounds}\ntopics:\n  t: {ja: テスト, en: Test}\nsources:\n"
        "  src: {publisher: Example News, title: Headline, published: 2025-12-01, language: en}\n"
        f"events:\n{events}",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    return load_timeline([chronology_file(tmp_path_factory.mktemp("bounds"), DATES)])


def kept(timeline, start: str | None, end: str | None, strict: bool) -> set[str]:
    selection = Filter(date_from=parse_human(start) if start else None, date_to=parse_human(end) if end else None,
                       strict_dates=strict)
    return {event.id for event in query(timeline, selection)}


@pytest.mark.parametrize(("start", "end", "overlapping", "inside"), [
    # a window around the known bound: every one is inside
    ("2025-03", "2025-03", DAYS + MONTHS, DAYS + MONTHS),
    ("2025", None, DAYS + MONTHS, DAYS + MONTHS),
    (None, "2025", DAYS + MONTHS, DAYS + MONTHS),
    # wholly before or after it: none, however far the open side would have reached
    (None, "2025-02", [], []),
    (None, "2023", [], []),
    ("2025-04", None, [], []),
    ("2030", "2030", [], []),
    # straddling the known bound of the month ones, touching the day ones' single day
    ("2025-03-15", "2025-04", DAYS + MONTHS, DAYS),
    ("2025-02", "2025-03-15", DAYS + MONTHS, DAYS),
    # one day past the day ones: only the month ones overlap, none is inside
    ("2025-03-16", None, MONTHS, []),
    (None, "2025-03-14", MONTHS, []),
    ("2025-03-16", "2025-03-31", MONTHS, []),
])  # fmt: skip
def test_every_kind_of_bound_reads_as_its_known_side(timeline, start, end, overlapping, inside):
    assert kept(timeline, start, end, strict=False) == set(overlapping)
    assert kept(timeline, start, end, strict=True) == set(inside)


def test_an_open_or_unknown_window_end_reads_as_its_known_side_too(timeline):
    """--from and --to take the forms of a date too; `--to 2025-02/..` ends with February, not never."""
    assert kept(timeline, None, "2025-02/..", strict=False) == set()
    assert kept(timeline, "../2025-04", None, strict=False) == set()


def test_the_cli_filters_the_same_way(run_cli, tmp_path):
    path = chronology_file(tmp_path, DATES)
    result = run_cli("list", "-f", path, "--format", "json", "--from", "2025-03-16")
    assert {event["id"] for event in json.loads(result.stdout)["events"]} == set(MONTHS)
    strict = run_cli("list", "-f", path, "--format", "json", "--from", "2025-03-15", "--to", "2025-04",
                     "--strict-dates")
    assert {event["id"] for event in json.loads(strict.stdout)["events"]} == set(DAYS)


def docs_table() -> tuple[list[str], list[list[str]]]:
    """The filter table of `timeline docs order`: its option columns and its rows."""
    text = read("order")
    section = text[text.index("## Filters"):]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    header = [cell.strip(" `") for cell in lines[0].strip("|").split("|")]
    rows = [[cell.strip(" `") for cell in line.strip("|").split("|")] for line in lines[2:]]
    return header[2:], rows


def test_the_documented_table_is_what_the_filters_do(run_cli, tmp_path):
    options, rows = docs_table()
    assert options == ["--to 2023", "--from 2025-07", "--from 2025-07 --strict-dates"]
    path = chronology_file(tmp_path, {f"e{number}": row[0] for number, row in enumerate(rows)})
    for column, option in enumerate(options, 2):
        result = run_cli("list", "-f", path, "--format", "json", *option.split())
        listed = {event["id"] for event in json.loads(result.stdout)["events"]}
        documented = {f"e{number}" for number, row in enumerate(rows) if row[column] == "kept"}
        assert {row[column] for row in rows} <= {"kept", "left out"}
        assert listed == documented, option


# -- the example, on the bundled data -------------------------------------------------------------------


def test_list_to_2023_leaves_out_what_ended_in_2025(run_cli):
    result = run_cli("list", "-f", DATASET, "--to", "2023", "--format", "json")
    events = json.loads(result.stdout)["events"]
    assert events and all(event["date"]["text"] < "2024" for event in events)
    assert "tech-leaders-meet-trump" not in {event["id"] for event in events}


def test_chronology_to_2023_has_no_later_heading_and_is_as_of_what_it_shows(run_cli):
    result = run_cli("chronology", "-f", DATASET, "--to", "2023", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    headings = re.findall(r"^## (\d{4})$", result.stdout, flags=re.M)
    assert headings == ["2023"]
    assert "Jan. 19, 2025" not in result.stdout
    as_of = re.search(r"^As of (.+)$", result.stdout, flags=re.M).group(1)
    cited = re.findall(r"^\[\^\d+\]: .*\((.+?)\)(?: <.*>)?$", result.stdout, flags=re.M)
    assert as_of in cited  # the latest publication date of a source the shown events cite
