"""Renderers for the terminal (render/table.py) and for programs (render/export.py).

Whole outputs are compared with golden files in tests/golden/. After a deliberate change, regenerate them
with `UPDATE_GOLDEN=1 pytest tests/unit/test_render_table.py` and read `git diff tests/golden` before committing:
a golden file is a claim that the output is right, not a snapshot of whatever it happens to be.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from timeline.dates import parse_edtf
from timeline.model import Event, Text, Timeline, Topic
from timeline.render import export
from timeline.render.table import (
    cell, describe_date, event_detail, event_grid, event_table, plain_table, plain_text, registry_grid,
    registry_table,
)  # fmt: skip
from timeline.render.usage import usage_by
from timeline.pipeline import load_timeline
from conftest import TESTS

HERE = TESTS
FIXTURE = HERE / "data" / "good" / "listing.yaml"
GOLDEN = HERE / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return load_timeline([FIXTURE])


def render(renderable, width: int) -> str:
    """What a terminal of `width` columns shows, without styles; rich pads cells, so trailing spaces go."""
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME, or write it under UPDATE_GOLDEN=1 (then review `git diff`)."""
    # Golden files are stored with LF so that git's line-ending handling cannot touch them; the CRLF of CSV
    # is asserted on its own (test_csv_uses_crlf).
    actual = actual.replace("\r\n", "\n")
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {name}: run UPDATE_GOLDEN=1 pytest and review it"
    expected = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert actual == expected, f"{name} differs; if the change is intended, UPDATE_GOLDEN=1 and review the diff"


def widest_line(text: str) -> int:
    return max(cell_len(line) for line in text.splitlines())


# --- golden files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("width", [100, 40])
def test_list_table_golden(timeline, lang, width):
    output = render(event_table(timeline.events, timeline, lang, width), width)
    assert widest_line(output) <= width
    assert_golden(f"list-{lang}-{width}.txt", output)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_list_plain_golden(timeline, lang):
    assert_golden(f"list-plain-{lang}.txt", plain_table(event_grid(timeline.events, timeline, lang)))


@pytest.mark.parametrize(
    ("event_id", "lang", "width"),
    [("stargate-investment", "en", 100), ("crypto-order", "ja", 100), ("markup-title", "en", 40),
     ("crypto-rules-draft", "ja", 40)],
)  # fmt: skip
def test_show_golden(timeline, event_id, lang, width):
    output = render(event_detail(timeline.event(event_id), timeline, lang), width)
    assert widest_line(output) <= width
    assert_golden(f"show-{event_id}-{lang}-{width}.txt", output)


@pytest.mark.parametrize(("registry", "lang", "width"), [
    ("topics", "en", 100), ("topics", "ja", 40), ("actors", "en", 100), ("actors", "ja", 100),
    ("sources", "en", 100), ("sources", "ja", 40),
])  # fmt: skip
def test_registry_golden(timeline, registry, lang, width):
    entries = list(getattr(timeline, registry).values())
    usage = usage_by(timeline.events, registry)
    output = render(registry_table(registry, entries, usage, lang, width), width)
    assert widest_line(output) <= width
    assert_golden(f"{registry}-{lang}-{width}.txt", output)


def test_exports_golden(timeline):
    assert_golden("list-en.json", export.render_events_json(timeline.events, "en"))
    assert_golden("list-ja.csv", export.render_events_csv(timeline.events, timeline, "ja"))
    assert_golden("show-crypto-order.json", export.render_event_json(timeline.event("crypto-order"), timeline, "en"))
    usage = usage_by(timeline.events, "actors")
    assert_golden("actors-en.json", export.render_registry_json("actors", list(timeline.actors.values()), usage, "en"))


# --- layout ---------------------------------------------------------------------------------------------


def test_narrow_list_keeps_date_and_title_and_puts_the_id_under_the_title(timeline):
    output = render(event_table(timeline.events, timeline, "en", 40), 40)
    lines = output.splitlines()
    assert lines[0].split() == ["Date", "Title"]
    start = lines[0].index("Title")
    title_column = "".join(line[start:].strip() for line in lines[2:])  # a long id folds across lines
    for event in timeline.events:
        assert event.id in title_column  # still reachable for `timeline show`


def test_wide_list_shows_every_column(timeline):
    output = render(event_table(timeline.events, timeline, "en", 140), 140)
    assert output.splitlines()[0].split() == ["ID", "Date", "Title", "Topics", "Actors", "Src"]


def test_japanese_rows_line_up_in_the_rich_table(timeline):
    console = Console(width=100, color_system=None, record=True, file=io.StringIO())
    console.print(event_table(timeline.events, timeline, "ja", 100))
    lines = console.export_text().splitlines()
    # rich pads every line of a table to the same number of cells; double-width text must not break that
    assert len({cell_len(line) for line in lines}) == 1


def test_plain_table_aligns_double_width_text(timeline):
    lines = plain_table(event_grid(timeline.events, timeline, "ja")).splitlines()
    header, rows = lines[0], lines[1:]
    title_column = cell_len(header[: header.index("見出し")])
    for event, line in zip(timeline.events, rows):
        assert cell_len(line[: line.index(event.title.ja[:3])]) == title_column


def test_plain_table_is_one_line_per_event_without_trailing_spaces(timeline):
    event = replace(timeline.events[0], title=Text(ja="一行目\n二行目", en="first line\nsecond\tline"))
    output = plain_table(event_grid([event, *timeline.events[1:]], timeline, "en"))
    lines = output.splitlines()
    assert len(lines) == len(timeline.events) + 1
    assert "first line second line" in lines[1]
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b" not in output and "─" not in output


def test_plain_text_has_no_styles_or_trailing_spaces(timeline):
    output = plain_text(event_detail(timeline.event("crypto-order"), timeline, "en"), 80)
    assert not ANSI.search(output)
    assert all(line == line.rstrip() for line in output.splitlines())


# --- text from the data is never interpreted ------------------------------------------------------------

HOSTILE = "[bold red]x[/] [/] :fire: \x1b[31mred\x1b[0m \x07 \u202eevil\u202c [link=https://example.com]l[/link]"


@pytest.fixture(scope="module")
def hostile(timeline) -> tuple[Timeline, Event]:
    """A timeline built in Python (validation would reject the control characters) with a hostile title."""
    hostile_text = Text(ja=HOSTILE, en=HOSTILE)
    event = replace(timeline.event("markup-title"), title=hostile_text, summary=hostile_text)
    return replace(timeline, events=(event,)), event


def styled(renderable, width: int = 100) -> str:
    """Output as a colour terminal would receive it, escape codes included."""
    console = Console(width=width, color_system="truecolor", force_terminal=True, file=io.StringIO())
    console.print(renderable)
    return console.file.getvalue()


def assert_shown_literally(output: str) -> None:
    plain = ANSI.sub("", output.replace("\\x1b", "<ESC>"))
    assert "\x1b[31m" not in output and "\x07" not in output and "\u202e" not in output
    assert "<ESC>[31mred<ESC>[0m" in plain and "\\x07" in plain and "\\u202e" in plain
    assert "[bold red]x[/]" in plain and ":fire:" in plain and "[link=https://example.com]l[/link]" in plain
    assert "🔥" not in output and "\x1b]8;" not in output  # no emoji, no hyperlink escape


@pytest.mark.parametrize("width", [100, 40])
def test_rich_table_shows_hostile_text_literally(hostile, width):
    tl, event = hostile
    output = styled(event_table([event], tl, "en", 200), 200)  # wide enough not to wrap the title
    assert_shown_literally(output)
    assert "\x1b[31m" not in styled(event_table([event], tl, "ja", width), width)


def test_plain_table_shows_hostile_text_literally(hostile):
    tl, event = hostile
    assert_shown_literally(plain_table(event_grid([event], tl, "en")))


def test_detail_shows_hostile_text_literally(hostile):
    tl, event = hostile
    assert_shown_literally(styled(event_detail(event, tl, "en"), 300))


def test_registry_shows_hostile_names_literally(timeline):
    topic = Topic("evil", Text(ja=HOSTILE, en=HOSTILE))
    output = styled(registry_table("topics", [topic], {}, "en", 300), 300)
    assert_shown_literally(output)


def test_json_escapes_control_characters_and_keeps_the_rest(hostile):
    tl, event = hostile
    text = export.render_events_json([event], "en")
    assert "\x1b" not in text and "\\u001b[31m" in text
    assert json.loads(text)["events"][0]["title"]["en"] == HOSTILE


def test_csv_round_trips_exactly(hostile, timeline):
    tl, event = hostile
    rows = list(csv.reader(io.StringIO(export.render_events_csv([event], tl, "en"), newline="")))
    assert rows[1][5] == HOSTILE
    comma = replace(event, title=Text(ja="a", en='He said, "yes"\nthen left'))
    rows = list(csv.reader(io.StringIO(export.render_events_csv([comma], tl, "en"), newline="")))
    assert rows[1][5] == 'He said, "yes"\nthen left'


def test_csv_uses_crlf(timeline):
    text = export.render_events_csv(timeline.events[:2], timeline, "en")
    assert text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "")


def test_cell_is_single_line_and_safe():
    assert cell("a\tb\nc\r\nd") == "a b c d"
    assert cell("\x1b[1m") == "\\x1b[1m"


# --- dates in detail, usage, and the JSON shape -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2025-01-23", "en", "Jan. 23, 2025 (day precision)"),
        ("2025-22~", "en", "c. summer 2025 (season precision, approximate)"),
        ("2025-22", "en", "Summer 2025 (season precision)"),
        ("2025-03?", "en", "March 2025? (month precision, uncertain)"),
        ("2025-01-20%", "en", "c. Jan. 20, 2025? (day precision, approximate, uncertain)"),
        ("2025", "en", "2025 (year precision)"),
        ("2025-01-21/2029-01", "en", "Jan. 21, 2025 – Jan. 2029 (interval, day to month precision)"),
        ("2025-01/2025-03", "en", "Jan.–March 2025 (interval, month precision)"),
        ("2025-01/2025-03", "ja", "2025年1月～3月（期間、精度：月）"),
        ("2025-07/..", "en", "from July 2025 (interval, month precision, open end)"),
        ("../2025-04", "en", "until April 2025 (interval, month precision, open start)"),
        ("2025-07/", "en", "July 2025 – ? (interval, month precision, unknown end)"),
        ("2025-22~", "ja", "2025年夏頃（精度：季節、おおよそ）"),
        ("2025-01-21/2029-01", "ja", "2025年1月21日～2029年1月（期間、精度：日～月）"),
        ("2025-07/..", "ja", "2025年7月以降（期間、精度：月、終期なし）"),
    ],
)
def test_describe_date(text, lang, expected):
    assert describe_date(parse_edtf(text), lang) == expected


def test_usage_counts_and_first_last_dates(timeline):
    usage = usage_by(timeline.events, "sources")
    reuters = usage["reuters-2025-01-22"]
    assert reuters.events == 4  # two citations and two dispute claims
    assert (reuters.first.text, reuters.last.text) == ("2025-01-21", "2025-01")  # the month after its days
    assert usage_by([], "topics") == {}


def test_registry_rows_without_events_have_empty_dates(timeline):
    topic = Topic("unused", Text(ja="未使用", en="Unused"))
    grid = registry_grid("topics", [topic], {}, "en")
    assert grid.rows[0] | {} == {"id": "unused", "name": "Unused", "events": "0", "first": "", "last": ""}
    data = json.loads(export.render_registry_json("topics", [topic], {}, "en"))
    assert data["topics"][0] == {"id": "unused", "name": {"ja": "未使用", "en": "Unused"}, "events": 0,
                                 "first": None, "last": None}  # fmt: skip


def test_event_dict_has_the_documented_keys(timeline):
    data = export.event_dict(timeline.event("stablecoin-regime"), "ja")
    assert list(data) == ["id", "date", "status", "title", "summary", "topics", "actors", "after", "citations",
                          "notes", "disputes", "corrections"]  # fmt: skip
    assert data["date"] == {"text": "2025-07/..", "precision": "month", "earliest": "2025-07-01", "latest": None,
                            "uncertain": False, "approximate": False, "display": "2025年7月以降"}  # fmt: skip


def test_json_and_jsonl_share_the_event_shape(timeline):
    document = json.loads(export.render_events_json(timeline.events, "en"))
    lines = [json.loads(line) for line in export.render_events_jsonl(timeline.events, "en").splitlines()]
    assert document["events"] == lines
    assert (document["version"], document["lang"], document["count"]) == (1, "en", len(timeline.events))
