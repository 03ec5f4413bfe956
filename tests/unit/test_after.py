"""`after:` on an event (`timeline docs order`): validate's checks at the right line and column, normalize's
canonical form and order, and what the outputs carry. That every output honours it is test_order.py's."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from timeline.errors import Problem, Severity
from timeline.names import Budget
from timeline.normalize import normalize_files, normalize_text
from timeline.pipeline import load_files, load_timeline
from timeline.validate import validate

HEAD = """\
version: 1
title: {ja: 順序, en: Order}
topics:
  t: {ja: テスト, en: Test}
sources:
  src: {publisher: Example News, title: Headline, published: 2026-03-01, language: en}
events:
"""


def event(event_id: str, date: str, *more: str) -> str:
    """One event's text; `more` are extra lines (`after: x`) placed after `topics`, as normalize places them."""
    lines = [f"  - id: {event_id}", f"    date: {date}", f"    title: {{ja: {event_id}, en: {event_id}}}",
             "    summary: {ja: 要約。, en: Summary.}", "    topics: [t]", *(f"    {line}" for line in more),
             "    citations:", "      - source: src", "        quote: quote"]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, name: str = "events.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column), 1-based, of the `occurrence`-th `needle` in `text`."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def value_at(text: str, line_text: str) -> tuple[int, int]:
    """Where the value of the line holding `line_text` (`after: x`) starts."""
    line, column = at(text, line_text)
    return line, column + line_text.index(":") + 2


def problems_of(*paths: Path) -> list[Problem]:
    return [p for p in validate(load_files([str(path) for path in paths]))[1] if p.severity is not Severity.NOTICE]


def found(problems: list[Problem]) -> set[tuple[int, int, str]]:
    return {(p.line, p.column, p.code) for p in problems}


# -- validate ---------------------------------------------------------------------------------------------------


def test_after_one_id_or_a_list_is_valid_and_reaches_the_model(tmp_path):
    text = HEAD + event("a", "2025-01-20") + event("b", "2025-01-20", "after: a") + \
        event("c", "2025-01-20", "after: [a, b]")
    path = write(tmp_path, text)
    assert problems_of(path) == []
    timeline = load_timeline([path])
    assert {e.id: e.after for e in timeline.events} == {"a": (), "b": ("a",), "c": ("a", "b")}


def test_an_unknown_id_is_reported_where_it_is_written_with_a_suggestion(tmp_path):
    text = HEAD + event("flash-crash", "2025-10-10") + event("liquidations", "2025-10-10", "after: flash-crsh") + \
        event("outage", "2025-10-10", "after: [liquidations, nothing-like-it]")
    problems = problems_of(write(tmp_path, text))
    assert found(problems) == {(*at(text, "flash-crsh"), "unknown-event"),
                               (*at(text, "nothing-like-it"), "unknown-event")}
    typo = next(p for p in problems if "flash-crsh" in p.message)
    assert "did you mean 'flash-crash'?" in typo.hint
    assert typo.severity is Severity.ERROR


def test_every_unknown_id_is_reported_but_only_the_first_get_a_guess(tmp_path):
    """One file of a split chronology validated alone names hundreds of events it does not hold: every one is an
    error, and the fuzzy "did you mean" stops after a budget instead of searching every id for every one."""
    count = Budget().left + 30
    text = HEAD + "".join(event(f"event-number-{i}", "2025-01-20", f"after: event-numbr-{i}") for i in range(count))
    unknown = [p for p in problems_of(write(tmp_path, text)) if p.code == "unknown-event"]
    assert len(unknown) == count
    guessed = [p for p in unknown if "did you mean" in p.hint]
    assert 0 < len(guessed) <= Budget().left
    assert all("`after` names events by their id" in p.hint for p in unknown)


@pytest.mark.parametrize(("first", "second"), [("2025-01-20~", "2025-01-21?"), ("2025-01-20?", "2025-01-21"),
                                               ("2025-01-20", "2025-01-21%")])
def test_an_approximate_or_uncertain_date_never_contradicts_after(tmp_path, first, second):
    text = HEAD + event("earlier", first, "after: later") + event("later", second)
    assert [p.code for p in problems_of(write(tmp_path, text)) if p.severity is Severity.ERROR] == []


def test_an_event_after_itself_is_a_cycle(tmp_path):
    text = HEAD + event("a", "2025-01-20", "after: a")
    problems = problems_of(write(tmp_path, text))
    assert found(problems) == {(*value_at(text, "after: a"), "order-cycle")}
    assert "'a' is placed after itself" in problems[0].message


def test_a_cycle_is_named_once_at_the_after_of_its_first_event(tmp_path):
    text = HEAD + event("a", "2025-01-20", "after: c") + event("b", "2025-01-20", "after: a") + \
        event("c", "2025-01-20", "after: [b]") + event("d", "2025-01-20", "after: a")
    problems = problems_of(write(tmp_path, text))
    assert found(problems) == {(*value_at(text, "after: c"), "order-cycle")}  # d waits on the cycle, is not in it
    assert "a -> c -> b -> a" in problems[0].message


def test_two_cycles_are_two_problems(tmp_path):
    text = HEAD + event("a", "2025-01-20", "after: b") + event("b", "2025-01-20", "after: a") + \
        event("c", "2025-01-21", "after: d") + event("d", "2025-01-21", "after: c")
    problems = problems_of(write(tmp_path, text))
    assert [p.code for p in problems] == ["order-cycle", "order-cycle"]
    assert "a -> b -> a" in problems[0].message and "c -> d -> c" in problems[1].message


@pytest.mark.parametrize("size", [10, 10_000])
def test_a_long_cycle_is_one_short_line_naming_its_ends_and_its_length(tmp_path, size, run_cli):
    """Each event after the next, the last after the first: one problem, its message a line (not 89,000
    characters) naming the first ids, the last ones and how many between; a short cycle is named whole."""
    ids = [f"event-{number:05d}" for number in range(size)]
    text = HEAD + "".join(event(ids[n], "2025-01-20", f"after: {ids[(n + 1) % size]}") for n in range(size))
    path = write(tmp_path, text)
    [problem] = [p for p in validate(load_files([str(path)]), editorial=False)[1] if p.code == "order-cycle"]
    assert (problem.line, problem.column) == value_at(text, f"after: {ids[1]}")
    if size == 10:
        assert problem.message.endswith(" -> ".join([*ids, ids[0]]))
        return
    assert len(problem.message) < 400, len(problem.message)
    assert "form a cycle: 10,000 events, event-00000 -> event-00001 -> event-00002 -> event-00003 -> event-00004 " \
           "-> ... (9,991 more) -> event-09996 -> event-09997 -> event-09998 -> event-09999 -> event-00000" \
           in problem.message
    result = run_cli("validate", "--format", "json", path)
    [reported] = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "order-cycle"]
    assert reported["message"] == problem.message


@pytest.mark.parametrize("key", ["after", "actors"])
def test_a_long_list_reports_each_repeated_id_once_for_each_repeat(tmp_path, key):
    """20,000 ids with repeats: every repeat is a duplicate-reference at its own place, every id counted once (the
    check is a set, not a search of the ids before each one)."""
    count = 20_000
    ids = [f"e{number}" for number in range(count // 2)]
    listed = ids + ids[::-1]  # each id twice: the second half repeats the first
    if key == "after":
        text = HEAD + "".join(event(i, "2025-01-20") for i in ids) + event("last", "2025-01-21", f"after: [{', '.join(listed)}]")
    else:
        registry = "actors:\n" + "".join(f"  {i}: {{ja: {i}, en: {i}, kind: person}}\n" for i in ids)
        text = HEAD.replace("sources:", registry + "sources:") + event("last", "2025-01-21", f"actors: [{', '.join(listed)}]")
    path = write(tmp_path, text)
    repeats = [p for p in validate(load_files([str(path)]), editorial=False)[1] if p.code == "duplicate-reference"]
    assert len(repeats) == min(count // 2, 1000) or len(repeats) == count // 2  # the report keeps 1,000 of a code
    assert {p.message.split("'")[-2] for p in repeats} <= set(ids)
    line = text.count("\n", 0, text.index(f"{key}: [")) + 1
    assert all(p.line == line for p in repeats)
    columns = [p.column for p in repeats]
    assert columns == sorted(columns) and len(set(columns)) == len(columns)
    assert repeats[0].column == at(text, f"{ids[-1]}, {ids[-1]}")[1] + len(f"{ids[-1]}, ")  # the first repeat


@pytest.mark.parametrize(("later", "earlier", "contradicts"), [
    ("2025-03", "2025-01-20", True),  # March is certainly after Jan. 20
    ("2025-01-21", "2025-01-20", True),
    ("2025-01-20", "2025-01-20", False),  # the same day: the editor decides
    ("2025-01", "2025-01-20", False),  # Jan. 20 may be after some day of January
    ("2025-01-20", "2025-01", False),
    ("2025-22", "2025-06-15", False),  # summer may have begun after June 15... it is not certainly later
    ("2025-22", "2025-05-31", True),
    ("2025-02/..", "2025-01", True),  # an open end reads as its start, as filters read it
    ("2025-02/", "2025-01", True),
    ("../2025-02", "2025-01", True),  # an open start reads as its end
    ("/2025-02", "2025-01", True),
    ("../2025-02", "2025-03", False),
    ("2024/2026", "2025-06", False),
])  # fmt: skip
def test_after_an_event_certainly_later_is_a_contradiction(tmp_path, later, earlier, contradicts):
    """`b` says it comes after `a`; an error when a's earliest day is after b's latest."""
    text = HEAD + event("a", later) + event("b", earlier, "after: a")
    problems = problems_of(write(tmp_path, text))
    expected = {(*value_at(text, "after: a"), "after-contradicts-date")} if contradicts else set()
    assert found(problems) == expected
    if contradicts:
        assert f"'b' ({earlier}) is placed after 'a' ({later})" in problems[0].message


@pytest.mark.parametrize(("value", "code", "needle"), [
    ("after: {id: a}", "wrong-type", "{id: a}"),
    ("after: Not An Id", "bad-id", "Not An Id"),
    ("after: [a, Bad]", "bad-id", "Bad"),
    ("after: [a, a]", "duplicate-reference", "a]"),
])  # fmt: skip
def test_the_shape_of_after(tmp_path, value, code, needle):
    text = HEAD + event("a", "2025-01-20") + event("b", "2025-01-21", value)
    problems = problems_of(write(tmp_path, text))
    line = at(text, value)[0]
    column = text.splitlines()[line - 1].index(needle) + 1
    assert (line, column, code) in found(problems)


def test_ids_separated_by_commas_are_told_to_go_in_a_list(tmp_path):
    """`after: a, c` is one plain scalar: the hint is the list, not an id made of both."""
    text = HEAD + event("a", "2025-01-20") + event("c", "2025-01-20") + event("b", "2025-01-21", "after: a, c")
    problems = problems_of(write(tmp_path, text))
    assert [(p.code, p.line, p.hint) for p in problems] == [
        ("bad-id", value_at(text, "after: a, c")[0], "several ids go in a list: after: [a, c]")]


def test_ids_are_global_across_files(tmp_path):
    first = write(tmp_path, HEAD + event("a", "2025-01-20", "after: b"), "first.yaml")
    second = write(tmp_path, "version: 1\nevents:\n" + event("b", "2025-01-20"), "second.yaml")
    assert problems_of(first, second) == []
    assert [e.id for e in load_timeline([first, second]).events] == ["b", "a"]
    alone = problems_of(first)
    assert [p.code for p in alone] == ["unknown-event"]


def test_a_cycle_across_files_is_reported_in_the_file_of_its_first_event(tmp_path):
    first = write(tmp_path, HEAD + event("a", "2025-01-20", "after: b"), "first.yaml")
    second = write(tmp_path, "version: 1\nevents:\n" + event("b", "2025-01-20", "after: a"), "second.yaml")
    problems = problems_of(first, second)
    assert [(Path(p.file).name, p.code) for p in problems] == [("first.yaml", "order-cycle")]


def test_validate_cli_reports_the_line_and_exits_1(run_cli, tmp_path):
    text = HEAD + event("a", "2025-01-20", "after: zzz")
    path = write(tmp_path, text)
    result = run_cli("validate", "-f", path)
    line, column = value_at(text, "after: zzz")
    assert result.exit_code == 1
    assert f"{path}:{line}:{column}: error[unknown-event]" in result.stdout + result.stderr


# -- normalize --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "canonical"), [
    ("after: a", "after: a"),
    ("after: [a]", "after: a"),
    ("after:\n      - a", "after: a"),
    ("after: ['a', \"b\"]", "after: [a, b]"),
    ("after:\n      - a\n      - b", "after: [a, b]"),
    ("after: []", "after: []"),
])  # fmt: skip
def test_normalize_writes_one_id_plain_and_several_as_a_flow_list(written, canonical):
    text = HEAD + event("a", "2025-01-20") + event("b", "2025-01-20") + event("c", "2025-01-21", written)
    out = normalize_text(text)
    assert f"    {canonical}\n" in out
    assert normalize_text(out) == out


def test_normalize_places_after_right_after_actors_and_keeps_its_comments():
    text = HEAD + event("a", "2025-01-20") + """\
  - after: [a]  # the article's order
    citations:
      - source: src
        quote: quote
    actors: []
    id: b
    topics: [t]
    date: 2025-01-20
    summary: {ja: 要約。, en: Summary.}
    title: {ja: b, en: b}
"""
    out = normalize_text(text)
    block = out[out.index("  - id: b"):]
    keys = [line.split(":")[0].strip() for line in block.splitlines() if line.startswith("    ") and
            not line.startswith("      ")]
    assert keys == ["date", "title", "summary", "topics", "actors", "after", "citations"]
    assert "    after: a  # the article's order\n" in out


def test_normalize_orders_a_file_by_its_after():
    text = HEAD + event("outage", "2025-10-10", "after: liquidations") + \
        event("liquidations", "2025-10-10", "after: crash") + event("crash", "2025-10-10")
    out = normalize_text(text)
    assert [line for line in out.splitlines() if line.startswith("  - id:")] == \
        ["  - id: crash", "  - id: liquidations", "  - id: outage"]


def test_normalize_keeps_an_after_naming_another_files_event_and_orders_the_file_by_its_own(tmp_path):
    first = write(tmp_path, HEAD + event("w", "2025-01-25") + event("x", "2025-01-20", "after: y-event"), "first.yaml")
    second = write(tmp_path, "version: 1\nevents:\n" + event("y-event", "2025-01"), "second.yaml")
    changes = normalize_files([first, second])
    out = changes[0].after.decode("utf-8")
    assert "    after: y-event\n" in out
    ids = [line for line in out.splitlines() if line.startswith("  - id:")]
    assert ids == ["  - id: x", "  - id: w"]  # y-event is not in this file: the file is in the order of its own dates
    assert [e.id for e in load_timeline([first, second]).events] == ["w", "y-event", "x"]  # read together: x after y


# -- what the outputs carry -------------------------------------------------------------------------------------


def test_json_and_csv_carry_after(run_cli, tmp_path):
    path = write(tmp_path, HEAD + event("a", "2025-01-20") + event("b", "2025-01-20", "after: [a]") +
                 event("c", "2025-01-20", "after: [a, b]"))
    document = json.loads(run_cli("list", "-f", path, "--format", "json").stdout)
    assert [(e["id"], e["after"]) for e in document["events"]] == [("a", []), ("b", ["a"]), ("c", ["a", "b"])]
    rows = list(csv.reader(io.StringIO(run_cli("list", "-f", path, "--format", "csv").stdout)))
    column = rows[0].index("after")
    assert [(row[0], row[column]) for row in rows[1:]] == [("a", ""), ("b", "a"), ("c", "a;b")]
