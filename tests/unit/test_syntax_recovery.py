"""Syntax error recovery (issue 17): one run reports every syntax error of a file, each at the line of the mistake in
plain words, and the data errors of the parts that did parse.

The corpus is tests/data/mistakes/: valid.yaml, and one file per hand-editing mistake made in it, each starting with
`# expect: LINE:COL CODE ...` (every error and warning it must report) and `# mistake: what the reporter did`.
Mistakes made in different events are independent: a file holding several reports the problems of each, at the same
lines (shifted by the lines the others add or remove).
"""

from __future__ import annotations

import difflib
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.errors import InvalidDataError, Severity
from timeline.load import load_text
from timeline.normalize import normalize_files
from timeline.reader import libyaml
from timeline.reader.recover import MAX_ROUNDS
from timeline.validate import validate
from conftest import REPO, TESTS

MISTAKES = TESTS / "data" / "mistakes"
VALID = MISTAKES / "valid.yaml"
FIRST_HOUR = MISTAKES / "first-hour.yaml"
HEADER = re.compile(r"# expect:((?:\s+\d+:\d+\s+[a-z][a-z0-9-]*)*)\s*\Z")
ENTRY = re.compile(r"(\d+):(\d+)\s+([a-z][a-z0-9-]*)")
HEADER_LINES = 2  # `# expect:` and `# mistake:`: the lines of every file here, valid.yaml's too, line up

# Mistakes that are not made in one unit, so that another mistake is not independent of them: an event without its
# `- ` reads as part of the event above (a mistake there cuts both); without `events:` every event goes with the
# mistake; CRLF line ends are typed on the lines of several units. Each is checked alone.
NOT_INDEPENDENT = {"missing-dash", "missing-dash-indented", "missing-events-key", "crlf-mixed"}


def failing(text: str, name: str = "events.yaml") -> set[tuple[int, int, str]]:
    """(line, column, code) of every error and warning `text` gets in one run."""
    _, problems = validate([load_text(text, name)])
    return {(p.line, p.column, p.code) for p in problems if p.severity is not Severity.NOTICE}


def expected(text: str) -> set[tuple[int, int, str]]:
    header = text.split("\n", 1)[0]
    assert HEADER.match(header), f"first line must be '# expect: LINE:COL CODE ...', got {header!r}"
    return {(int(line), int(column), code) for line, column, code in ENTRY.findall(header)}


@dataclass(frozen=True)
class Mistake:
    """One corpus file as a change to valid.yaml: lines i1..i2 (0-based) of it become `new`."""

    name: str
    i1: int
    i2: int
    new: tuple[str, ...]
    problems: frozenset[tuple[int, int, str]]

    @property
    def shift(self) -> int:
        return len(self.new) - (self.i2 - self.i1)


def _valid_lines() -> list[str]:
    return VALID.read_text(encoding="utf-8").split("\n")


def mistake(path: Path) -> Mistake:
    """The one place `path` differs from valid.yaml (the header aside)."""
    text = path.read_bytes().decode("utf-8")
    lines = text.split("\n")
    valid = _valid_lines()
    changes = [op for op in difflib.SequenceMatcher(None, valid[HEADER_LINES:], lines[HEADER_LINES:],
                                                    autojunk=False).get_opcodes() if op[0] != "equal"]
    i1, i2, j1, j2 = (HEADER_LINES + at for at in (changes[0][1], changes[-1][2], changes[0][3], changes[-1][4]))
    return Mistake(path.stem, i1, i2, tuple(lines[j1:j2]), frozenset(expected(text)))


KINDS = sorted(path for path in MISTAKES.glob("*.yaml") if path not in (VALID, FIRST_HOUR))


def unit_of(line_index: int) -> str:
    """The event (or top-level block) of valid.yaml that 0-based line `line_index` is in."""
    valid = _valid_lines()
    above = valid[:line_index + 1]
    events = [n for n, line in enumerate(above) if line.startswith("  - id:")]
    if events:
        return f"event {len(events)}"
    return next(line.split(":")[0] for line in reversed(above) if line[:1].isalpha())


def combined(mistakes: list[Mistake]) -> tuple[str, set[tuple[int, int, str]]]:
    """valid.yaml with every mistake made in it, and the problems each must report, at its lines there."""
    lines = _valid_lines()
    for one in sorted(mistakes, key=lambda m: -m.i1):
        lines[one.i1:one.i2] = one.new
    problems = set()
    for one in mistakes:
        shift = sum(other.shift for other in mistakes if other.i1 < one.i1)
        problems.update((line + shift, column, code) for line, column, code in one.problems)
    return "\n".join(lines), problems


# -- the corpus, one mistake at a time ----------------------------------------------------------------------------

def test_the_corpus_holds_at_least_30_kinds_each_named_with_its_lines():
    assert len(KINDS) >= 30
    assert expected(VALID.read_text(encoding="utf-8")) == set()
    for path in [VALID, FIRST_HOUR, *KINDS]:
        second = path.read_bytes().decode("utf-8").split("\n")[1]
        assert second.startswith("# mistake: "), path.name


@pytest.mark.parametrize("path", KINDS, ids=lambda p: p.stem)
def test_each_mistake_alone_is_reported_at_its_line(path):
    one = mistake(path)
    assert failing(path.read_bytes().decode("utf-8"), path.name) == set(one.problems)
    # The header itself is checked: the first problem is on a line the mistake changed, none above it.
    changed = range(one.i1 + 1, one.i1 + max(len(one.new), 1) + 1)  # a line removed: the line after it
    if one.problems:
        first = min(one.problems)
        assert first[0] in changed, (first, list(changed))


@pytest.mark.parametrize("path", KINDS, ids=lambda p: p.stem)
def test_each_syntax_mistake_fails_and_says_what_to_do(path):
    loaded = load_text(path.read_bytes().decode("utf-8"), path.name)
    syntax = [p for p in loaded.problems if p.code == "syntax"]
    for problem in syntax:
        assert problem.hint and "did not find expected" not in problem.message, problem
        assert "while parsing" not in problem.message and "while scanning" not in problem.message
    if syntax:
        assert not loaded.complete
        timeline, _ = validate([loaded])
        assert timeline is None


# -- several mistakes in one file --------------------------------------------------------------------------------

def _independent() -> list[Mistake]:
    return [mistake(path) for path in KINDS if path.stem not in NOT_INDEPENDENT and expected(
        path.read_bytes().decode("utf-8"))]


def test_every_pair_of_mistakes_in_different_events_is_reported_in_one_run():
    mistakes = _independent()
    pairs = [(a, b) for a, b in itertools.combinations(mistakes, 2) if unit_of(a.i1) != unit_of(b.i1)]
    assert len(pairs) > 300
    for a, b in pairs:
        text, problems = combined([a, b])
        assert failing(text) == problems, (a.name, b.name)


@pytest.mark.parametrize("seed", range(25))
def test_a_mistake_in_every_event_and_block_is_reported_in_one_run(seed):
    by_unit: dict[str, list[Mistake]] = {}
    for one in _independent():
        by_unit.setdefault(unit_of(one.i1), []).append(one)
    chosen = [random.Random(seed * 1000 + n).choice(options) for n, options in enumerate(by_unit.values())]
    text, problems = combined(chosen)
    found = failing(text)
    assert len(found) >= len(chosen)
    assert found == problems, [one.name for one in chosen]


def test_every_bad_escape_of_an_event_is_reported_with_the_mistakes_after_it_in_the_same_event():
    # One backslash is the whole mistake: the event is read on past it, so a path with two bad escapes, another in
    # the summary and a quote left open further down the same event all come in one run, each with its own fix.
    text = VALID.read_text(encoding="utf-8").replace(
        "      en: One\n    summary:\n      ja: 一\n      en: One\n",
        '      en: "Saved in C:\\qux\\Users"\n    summary:\n      ja: 一\n      en: "a \\z b"\n', 1).replace(
        "        quote: sworn in\n  - id: two", '        quote: "sworn in\n  - id: two', 1)
    lines = text.split("\n")
    at = {index + 1 for index, line in enumerate(lines) if "C:" in line or "\\z" in line or '"sworn' in line}
    assert len(at) == 3
    _, problems = validate([load_text(text, "events.yaml")])
    found = [(p.line, p.column, p.message) for p in problems if p.severity is not Severity.NOTICE]
    path = min(at)
    assert [(line, column) for line, column, _ in found] == [
        (path, lines[path - 1].index("\\q") + 1), (path, lines[path - 1].index("\\U") + 1),
        (path + 3, lines[path + 2].index("\\z") + 1), (max(at), lines[max(at) - 1].index('"') + 1)]
    assert "`\\q`" in found[0][2] and "8 hex digits" in found[1][2] and "`\\z`" in found[2][2]
    assert "never closed" in found[3][2]
    # Each fix shows the value as it was typed, not as the reading past the first escape saw it.
    hints = [p.hint for p in problems if p.line == path]
    assert all("'Saved in C:\\qux\\Users'" in hint for hint in hints), hints
    # The event read past its escapes is still cut out: no data error is made up from a value it never had.
    assert {p.code for p in problems if p.severity is not Severity.NOTICE} == {"syntax"}


@pytest.mark.parametrize(("old", "new", "code", "severity"), [
    ("      en: One\n", '      en: "Files in C:\\n"\n', "control-character", Severity.ERROR),  # stripped, once
    ("      en: One\n", '      en: "\\nOne"\n', "control-character", Severity.ERROR),
    ("    title: Trump sworn in\n", '    title: "Head C:\\new"\n', "control-character", Severity.ERROR),  # a headline
    ("    ja: 政治\n", '    ja: "政治\\n"\n', "control-character", Severity.ERROR),  # a topic's name
    ("    kind: person\n", '    kind: person\n    aliases: ["Trump\\nDon"]\n', "control-character", Severity.ERROR),
    ("      en: Two\n    topics", '      en: "Saved in C:\\new"\n    topics', "control-character", Severity.WARNING),
    ("      en: Two\n    topics", '      en: "Line one.\\nLine two."\n    topics', None, None),  # as normalize writes it
])
def test_a_line_break_escaped_where_a_text_is_one_line_or_in_a_windows_path_is_reported_at_it(old, new, code,
                                                                                              severity):
    text = VALID.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    line = text[:text.index(new)].count("\n") + 1 + new.count("\n") - 1
    _, problems = validate([load_text(text, "events.yaml")])
    found = [(p.line, p.column, p.code, p.severity) for p in problems if p.severity is not Severity.NOTICE]
    if code is None:
        assert found == []
    else:
        assert found == [(line, text.split("\n")[line - 1].index("\\n") + 1, code, severity)]


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["CR", "CRLF"])
def test_every_syntax_error_is_reported_whatever_the_line_ends(newline):
    # An old Mac's lone CR is a line break to YAML: one error was reported, its escape named as `` (its line was
    # looked for among the lines a newline ends), and the rest of the file went unread.
    text = VALID.read_text(encoding="utf-8").replace("      en: One\n", '      en: "C:\\qux"\n', 1).replace(
        "      en: Three\n", '      en: "Three\n', 1)
    expected = failing(text)
    assert len(expected) == 2
    found = failing(text.replace("\n", newline))
    assert found == expected
    _, problems = validate([load_text(text.replace("\n", newline), "events.yaml")])
    assert "`\\q`" in problems[0].message and "'C:\\qux'" in problems[0].hint


def test_a_backslash_ending_the_file_in_an_open_quote_is_the_quote_left_open():
    text = VALID.read_text(encoding="utf-8").rstrip("\n").removesuffix("sworn in") + '"sworn in \\'
    _, problems = validate([load_text(text, "events.yaml")])
    [problem] = [p for p in problems if p.severity is not Severity.NOTICE]
    assert "is never closed" in problem.message and problem.column == text.split("\n")[-1].index('"') + 1


def test_a_tab_is_replaced_by_the_spaces_of_the_keys_it_stands_with():
    # After a citation's `quote:` (8 spaces), an event's `notes:` stands where the event's keys do (4): "as on the
    # line above" had sent a reporter to the citation's level, then to renaming `notes` to `quote`.
    text = VALID.read_text(encoding="utf-8").replace("        quote: sworn in\n  - id: two",
                                                    "        quote: sworn in\n\tnotes: {ja: 注, en: Note}\n  - id: two", 1)
    _, problems = validate([load_text(text, "events.yaml")])
    [problem] = [p for p in problems if p.severity is not Severity.NOTICE]
    assert problem.message == "this line is indented with a tab"
    assert problem.hint.endswith("replace the tab with spaces, 4 of them as `citations:` above")


def test_a_line_going_on_in_column_one_cuts_only_its_event():
    # A title broken where a paste ended: the second line in column 1. It was read as a top-level block of its own,
    # from there to the next top-level key: the event above lost its summary (reported missing, which it is not)
    # and every event after it went unread, a mistake in a later event unreported.
    text = VALID.read_text(encoding="utf-8").replace("      en: One\n    summary:", "      en: One day\nlater\n    summary:",
                                                    1).replace("      en: Three\n", '      en: "Three\n', 1)
    lines = text.split("\n")
    stray, opened = lines.index("later") + 1, lines.index('      en: "Three') + 1
    assert failing(text) == {(stray, 1, "syntax"), (opened, 11, "syntax")}


def test_lines_going_on_in_column_one_are_one_mistake_named_after_a_real_key():
    # The second line was reported again, as going on with the value of `_:`, recovery's stand-in for the text
    # above what it read.
    text = VALID.read_text(encoding="utf-8").replace("      en: One\n", "      en: One day\nlater on\nand more\n", 1)
    _, problems = validate([load_text(text, "events.yaml")])
    [problem] = [p for p in problems if p.severity is not Severity.NOTICE]
    assert "`en:`" in problem.message and "`_:`" not in problem.message


def test_a_tab_before_an_item_is_replaced_by_the_spaces_of_the_items_dash():
    text = VALID.read_text(encoding="utf-8").replace("  - id: two", "\t- id: two", 1)
    _, problems = validate([load_text(text, "events.yaml")])
    [problem] = [p for p in problems if p.severity is not Severity.NOTICE]
    assert problem.hint.endswith("replace the tab with spaces, 2 of them as the item `- id:` above")


@pytest.mark.parametrize(("first", "second", "fix"), [
    ("ミームコイン", "「$TRUMP」を発行", "put the whole value on one line (indented further"),
    ("Trump launched", "a meme coin", "indent it further than `ja:`, or put the whole value on one line"),
])
def test_a_line_going_on_in_japanese_is_told_to_join_without_a_space(first, second, fix):
    text = VALID.read_text(encoding="utf-8").replace("      ja: 一\n", f"      ja: {first}\n{second}\n", 1)
    _, problems = validate([load_text(text, "events.yaml")])
    [problem] = [p for p in problems if p.severity is not Severity.NOTICE]
    assert "goes on with the value of `ja:`" in problem.message and problem.hint.startswith(fix)


def test_normalize_never_gives_a_file_a_problem_it_did_not_have(run_cli, tmp_path):
    # normalize writes a raw tab as `\t` and a summary's line breaks as `\n`: the escapes validate looks at in a
    # Windows path. A normalized file once gained a warning, and `validate --strict` failed on it.
    path = tmp_path / "events.yaml"
    path.write_text(VALID.read_text(encoding="utf-8").replace("      en: One\n", "      en: \"One\tday\"\n", 1).replace(
        "    summary:\n      ja: 一\n      en: One\n",
        "    summary:\n      ja: |-\n        一行目\n        二行目\n      en: |-\n        Note:\n        nothing\tmore\n", 1),
        encoding="utf-8")
    before = run_cli("validate", "--strict", "--format", "json", path)
    assert before.exit_code == 0, before.stdout
    assert run_cli("normalize", path).exit_code == 0
    assert "\\n" in path.read_text(encoding="utf-8") and "\\t" in path.read_text(encoding="utf-8")
    after = run_cli("validate", "--strict", "--format", "json", path)
    assert after.exit_code == 0, after.stdout
    said = [sorted((p["code"], p["message"]) for p in json.loads(run.stdout)["problems"]) for run in (before, after)]
    assert said[0] == said[1]  # the same problems (normalize puts the events in order: their lines move)


def test_a_line_break_escaped_in_a_title_is_reported_at_the_escape(run_cli, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(VALID.read_text(encoding="utf-8").replace("      en: One\n", '      en: "Saved in C:\\new"\n', 1),
                    encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index('      en: "Saved in C:\\new"') + 1
    result = run_cli("validate", path)
    assert result.exit_code == 1
    column = len('      en: "Saved in C:') + 1
    assert f"events.yaml:{line}:{column}: error[control-character]: event 'one' title (en) has `\\n` in double " \
           "quotes, which YAML reads as a line break" in result.stdout
    assert "write two (\\\\) or put the value in single quotes" in result.stdout


# -- the scenario: a new story, five events typed by hand, four syntax and three data mistakes ------------

# What the reporter meant on each line of first-hour.yaml with a mistake (line: the line as it should be).
FIRST_HOUR_FIXES = {
    33: "    language: en",
    37: "    date: 2025-06-02",
    46: "      - source: city-news-2025-06-03",
    50: "    title:",
    64: "      en: 'Mayor: no reopening until the bridge is safe'",
    80: "    topics: [local-government]",
    96: '        quote: "The repairs are now expected to cost more than the city first planned."',
}


def test_the_first_hour_takes_one_run_to_see_every_mistake_and_one_to_pass(run_cli, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(FIRST_HOUR.read_bytes())
    first = run_cli("validate", path)
    assert first.exit_code == 1
    reported = [(int(line), code) for line, code in re.findall(r"events\.yaml:(\d+):\d+: error\[([a-z-]+)\]",
                                                                first.stdout)]
    assert sorted(reported) == sorted((line, code) for line, _, code in expected(FIRST_HOUR.read_text("utf-8")))
    assert sorted(line for line, _ in reported) == sorted(FIRST_HOUR_FIXES)
    assert "did not find expected" not in first.stdout
    # The reporter fixes the lines the run named, and the second run passes.
    lines = path.read_text(encoding="utf-8").split("\n")
    for line, _ in reported:
        lines[line - 1] = FIRST_HOUR_FIXES[line]
    path.write_text("\n".join(lines), encoding="utf-8")
    second = run_cli("validate", path)
    assert second.exit_code == 0, second.stdout


@pytest.mark.parametrize("form", ["json", "sarif", "github"])
def test_every_report_format_carries_every_problem(run_cli, tmp_path, form):
    path = tmp_path / "events.yaml"
    path.write_bytes(FIRST_HOUR.read_bytes())
    result = run_cli("validate", "--format", form, path)
    assert result.exit_code == 1
    want = sorted((line, column, code) for line, column, code in expected(FIRST_HOUR.read_text("utf-8")))
    if form == "json":
        got = [(p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    elif form == "sarif":
        got = [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["ruleId"])
               for r in json.loads(result.stdout)["runs"][0]["results"]]
    else:
        got = [(int(line), int(column), code) for line, column, code in
               re.findall(r"^::error file=[^,]*,line=(\d+),col=(\d+),title=error\[([a-z-]+)\]", result.stdout, re.M)]
    assert sorted(got) == want


# -- trust: a file read in part still fails, and is never written back -----------------------------------------------

def test_normalize_refuses_a_file_with_syntax_errors_and_leaves_it_as_it_is(run_cli, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes((MISTAKES / "indent-3-key.yaml").read_bytes())
    before = path.read_bytes()
    for args in (("normalize", path), ("normalize", "--check", path), ("normalize", "--diff", path)):
        result = run_cli(*args)
        assert result.exit_code == 1 and "syntax" in result.stdout + result.stderr, args
        assert path.read_bytes() == before
    with pytest.raises(InvalidDataError) as refused:
        normalize_files([path])
    assert [p.code for p in refused.value.problems] == ["syntax"]


def test_a_syntax_error_alone_fails_with_exit_code_1(run_cli, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes((MISTAKES / "tab-indent.yaml").read_bytes())
    result = run_cli("validate", path)
    assert result.exit_code == 1 and "error[syntax]" in result.stdout


def test_merge_conflict_markers_are_still_all_that_is_reported(tmp_path):
    text = (MISTAKES / "tab-indent.yaml").read_text(encoding="utf-8").replace(
        "    date: 2025-01-19\n", "<<<<<<< HEAD\n    date: 2025-01-19\n=======\n    date: 2025-01-18\n>>>>>>> other\n")
    assert {code for _, _, code in failing(text)} == {"merge-conflict"}


# -- what cutting a mistake out takes with it --------------------------------------------------------------------

def test_an_event_cut_out_is_not_reported_missing_anything_and_the_others_are_checked():
    text = (MISTAKES / "indent-3-key.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: four\n    date: 2025-01-17", "  - id: four\n    date: 2025-02-30")
    assert failing(text) == {(37, 4, "syntax"), (61, 11, "bad-date")}


def test_a_registry_entry_cut_out_still_counts_as_defined_and_other_references_are_judged():
    text = (MISTAKES / "tab-in-registry.yaml").read_text(encoding="utf-8")
    text = text.replace("    topics: [politics]\n    citations:\n      - source: daily-2025-01-20\n        quote: sworn in\n"
                        "  - id: five", "    topics: [politic]\n    citations:\n      - source: daily-2025-01-20\n"
                        "        quote: sworn in\n  - id: five", 1)
    found = failing(text)
    assert (9, 1, "syntax") in found and any(code == "unknown-topic" for _, _, code in found)
    assert sum(code == "unknown-topic" for _, _, code in found) == 1  # `politics` itself is known, if broken


def test_columns_count_characters_not_bytes_after_japanese_text():
    text = (MISTAKES / "valid.yaml").read_text(encoding="utf-8").replace("      ja: 三\n", "      ja: 三選: 就任へ\n", 1)
    assert failing(text) == {(51, 13, "syntax")}


def test_more_mistakes_than_one_run_lists_stop_with_a_problem_that_says_so():
    lines = _valid_lines()
    body = "\n".join(lines[:22])  # up to the first event
    events = "".join(f"  - id: e{n}\n   date: 2025-01-20\n" for n in range(MAX_ROUNDS + 10))
    loaded = load_text(body + "\n" + events, "events.yaml")
    syntax = [p for p in loaded.problems if p.code == "syntax"]
    assert len(syntax) == MAX_ROUNDS + 1 and "the rest of the file was not read" in syntax[-1].message
    assert not loaded.complete and loaded.cut is None
    # Said where the reading stopped, after the last error listed (it stood at the start of the last read once).
    assert (syntax[-1].line, syntax[-1].column) == (syntax[-2].line, syntax[-2].column)
    # As many bad escapes in one value: the same, and the notice after them, not at the top of the file.
    text = VALID.read_text(encoding="utf-8").replace("      en: One\n", '      en: "' + "\\q" * (MAX_ROUNDS + 10) + '"\n', 1)
    escaped = [p for p in load_text(text, "events.yaml").problems if p.code == "syntax"]
    assert len(escaped) == MAX_ROUNDS + 1 and escaped[-1].line == escaped[-2].line > 1


# -- large files: each mistake costs the text around it, not the whole file again ---------------------------------

def _generated(count: int) -> str:
    from conftest import generate

    return generate(count, seed=3)


def test_many_mistakes_in_a_large_file_are_found_reading_it_about_once(monkeypatch):
    lines = _generated(3000).split("\n")
    starts = [n for n, line in enumerate(lines) if line.startswith("- id:")]
    broken = sorted(random.Random(5).sample(starts, 30))
    for start in broken:
        lines[start + 1] = "\t" + lines[start + 1].lstrip()  # the event's second line, indented with a tab
    text = "\n".join(lines)
    read = []
    real = libyaml.probe

    def probe(probed: str):
        read.append(len(probed))
        return real(probed)

    monkeypatch.setattr(libyaml, "probe", probe)
    loaded = load_text(text, "large.yaml")
    assert [(p.line, p.code) for p in loaded.problems] == [(start + 2, "syntax") for start in broken]
    assert loaded.cut is not None and loaded.root is not None
    assert sum(read) < 2 * len(text)  # about once: each read from a mistake stops at the next
