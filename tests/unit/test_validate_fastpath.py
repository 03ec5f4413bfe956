"""The fast paths of issue #8 give exactly what the careful code gives: same values, positions and problems.

- load.py's event loop against the loader as it was before (tests/legacy_load.py), on every file in the
  repository and on generated YAML full of what the loader refuses (anchors, tags, duplicate and complex keys,
  second documents, Unicode line breaks, syntax errors);
- validate/fastpath.py's `plain_event` against `Checker.event` (FAST_PATH off), on the same files and on valid
  events with one thing changed;
- editorial's near-duplicate test against difflib itself.
"""

from __future__ import annotations

import importlib
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import legacy_load
from timeline import load
from timeline.editorial import NEAR_DUPLICATE, candidates, near_duplicate
from timeline.format import BIDI, CONTROL, INVISIBLE, LINE_SEPARATOR, LOOK_ALIKE, SUSPICIOUS
from conftest import REPO

validate_module = importlib.import_module("timeline.validate")
fastpath = importlib.import_module("timeline.validate.fastpath")
comments = importlib.import_module("timeline.validate.comments")

ROOT = REPO
CORPUS = sorted({*ROOT.glob("tests/data/**/*.yaml"), *ROOT.glob("src/timeline/templates/**/*.yaml"),
                 ROOT / "events.yaml"})
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def snapshot(value: object) -> object:
    """Everything a loaded value holds, positions included, as plain comparable data."""
    if isinstance(value, dict):
        return ("map", value.line, value.column, list(value.keys_at.items()), list(value.values_at.items()),
                [(key, snapshot(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, value.column, list(value.items_at), [snapshot(item) for item in value])
    return value


def both_loaders(text: str) -> tuple[tuple, tuple]:
    new, old = load.load_text(text, "t.yaml"), legacy_load.load_text(text, "t.yaml")
    return ((snapshot(new.root), new.root_at, new.problems, new.complete),
            (snapshot(old.root), old.root_at, old.problems, old.complete))


def generated_event_file(count: int) -> str:
    import sys

    from conftest import generate

    return generate(count, seed=7)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_loader_matches_the_careful_loader_on_every_file(path: Path):
    data = path.read_bytes()
    new, old = load.load_bytes(data, "f.yaml"), legacy_load.load_bytes(data, "f.yaml")
    assert (snapshot(new.root), new.root_at, new.problems, new.complete, new.bom) == \
        (snapshot(old.root), old.root_at, old.problems, old.complete, old.bom)


def test_loader_matches_on_a_generated_event_file():
    new, old = both_loaders(generated_event_file(300))
    assert new == old


# Pieces of YAML that exercise every branch of the loader, and the characters that break documents.
KEYS = st.sampled_from(["a", "b", "id", "<<", "null", "~", "", "'q'", '"d"', "? x", "? [k]", "? {k: v}", "&k a", "!t a"])
SCALARS = st.sampled_from([
    "x", "1", "null", "~", "NULL", "''", '""', "'it''s'", '"esc\\x41\\u2028"', "&anc v", "*anc", "!tag v", "!!str 1",
    "! 2", "&a [1, 2]", "*a", "[a, b]", "{a: b, a: c}", "[]", "{}", "|\n  lit\n", ">\n  fold\n", "\u2028", "p\x85q",
    "yes", "1.10", "- dash", "@bad", "'open", '"open', "[unclosed", "é\u2029ü", "x" * 5, "",
])
FRAGMENTS = st.sampled_from(["\n", "  ", "- ", ": ", "---\n", "...\n", "\t", "# c\n", ",", "[", "]", "{", "}", "?", "&", "*", "!"])


@st.composite
def yaml_documents(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        indent = "  " * draw(st.integers(0, 3))
        shape = draw(st.integers(0, 3))
        if shape == 0:
            lines.append(f"{indent}{draw(KEYS)}: {draw(SCALARS)}")
        elif shape == 1:
            lines.append(f"{indent}- {draw(SCALARS)}")
        elif shape == 2:
            lines.append(f"{indent}{draw(KEYS)}:")
        else:
            lines.append(indent + "".join(draw(st.lists(FRAGMENTS | SCALARS, max_size=4))))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n---\nz: 1\n"]))


@SETTINGS
@given(yaml_documents())
def test_loader_matches_the_careful_loader_on_generated_yaml(text: str):
    new, old = both_loaders(text)
    assert new == old


@SETTINGS
@given(yaml_documents(), st.booleans())
def test_loader_matches_the_careful_loader_on_generated_yaml_as_bytes(text: str, bom: bool):
    data = ("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass")
    new, old = load.load_bytes(data, "t.yaml"), legacy_load.load_bytes(data, "t.yaml")
    assert (snapshot(new.root), new.root_at, new.problems, new.complete, new.bom) == \
        (snapshot(old.root), old.root_at, old.problems, old.complete, old.bom)


@SETTINGS
@given(st.integers(0, 2**32), st.lists(st.tuples(st.integers(0, 10**6), FRAGMENTS | SCALARS), min_size=1, max_size=3))
def test_loader_matches_on_damaged_event_files(seed: int, damage):
    text = (ROOT / "tests/data/good/full.yaml").read_text(encoding="utf-8")
    for offset, piece in damage:
        at = (offset + seed) % (len(text) + 1)
        text = text[:at] + piece + text[at:]
    new, old = both_loaders(text)
    assert new == old


def test_deep_nesting_stops_the_same_way():
    text = "a:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 40)) + "  " * 40 + "v: 1\n"
    new, old = both_loaders(text)
    assert new == old
    assert any(problem.code == "too-deep" for problem in new[2])


# -- validation: plain_event against event ------------------------------------------------------------------------


def everything(text: str, fast: bool) -> tuple:
    """Problems and the whole timeline, positions of every event and citation included."""
    saved = fastpath.FAST_PATH
    fastpath.FAST_PATH = fast
    try:
        timeline, problems = validate_module.validate([load.load_text(text, "t.yaml")])
    except Exception as error:  # noqa: BLE001 - a known crash (tests/reliability/test_hostile_inputs.py) must be the same
        return ("raised", type(error), str(error))
    finally:
        fastpath.FAST_PATH = saved
    events = None if timeline is None else [
        (repr(event), event.where, event.order, [citation.where for citation in event.all_citations()])
        for event in timeline.events]
    return problems, repr(timeline), events


def test_plain_event_matches_event_on_every_file():
    for path in CORPUS:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert everything(text, True) == everything(text, False), path


def test_plain_event_matches_event_on_a_generated_file():
    text = generated_event_file(400)
    assert everything(text, True) == everything(text, False)


def test_plain_event_takes_the_valid_events(monkeypatch):
    """The fast path must actually be taken, or the comparisons above prove nothing."""
    taken = []
    original = fastpath.plain_event

    def spy(checker, node, order):
        built = original(checker, node, order)
        taken.append(built is not None)
        return built

    monkeypatch.setattr(fastpath, "plain_event", spy)
    validate_module.validate([load.load_text(generated_event_file(50), "t.yaml")])
    assert taken and all(taken)
    taken.clear()  # disputes too, with a note and a claim's date
    text = EVENT.replace(DISPUTE[0], DISPUTE[1].replace("quote: q}", "quote: q, date: 2025-01-20}"), 1)
    timeline, problems = validate_module.validate([load.load_text(text, "t.yaml")])
    assert timeline.events[0].disputes[0].claims[0].date.text == "2025-01-20" and taken == [True, True]


EVENT = """version: 1
title: {ja: 年表, en: Chronology}
topics:
  ai: {ja: AI, en: AI}
  crypto: {ja: 暗号, en: Crypto}
actors:
  trump: {ja: トランプ, en: Trump, kind: person}
sources:
  s1: {publisher: P, title: T, published: 2025-03-01, language: en}
  s2: {publisher: P, title: U, published: 2025-03-02, language: ja}
events:
- id: one
  date: 2025-01-20
  title: {ja: 署名, en: Signed}
  summary: {ja: 大統領が署名した。, en: The president signed it.}
  topics: [ai, crypto]
  actors: [trump]
  citations:
  - {source: s1, quote: "he signed"}
  - {source: s2, quote: 署名した}
- id: two
  date: 2025-02
  title: {ja: 発表, en: Announced}
  summary: {ja: 発表した。, en: It was announced.}
  topics: [ai]
  citations:
  - {source: s1, quote: announced}
"""
DISPUTE = ("summary: {ja: 大統領が署名した。", "disputes:\n  - about: date\n    claims:\n    - {says: {ja: a, en: a}, source: s1, quote: q}\n"
           "    - {says: {ja: b, en: b}, source: s2, quote: r}\n  summary: {ja: 大統領が署名した。")
# (text in the first event, replacement): each makes it invalid, or valid with a warning, or still plainly valid.
CHANGES = [
    ("id: one", "id: One"), ("id: one", "id: 'one'"), ("id: one", "id: [one]"), ("id: one", "id:"),
    ("id: one", "id: two"), ("id: one", "idd: one"), ("date: 2025-01-20", "date: 2025-13-01"),
    ("date: 2025-01-20", "date: ' 2025-01-20 '"), ("date: 2025-01-20", "date: 2025-01-20\n  status: scheduled"),
    ("date: 2025-01-20", "date: 2025-01-20\n  status: maybe"), ("date: 2025-01-20", "date: 2025-01-20\n  status:"),
    ("date: 2025-01-20", "date: 2030-01-20"), ("date: 2025-01-20", "date: '2025-01-20/..'"),
    ("{ja: 署名, en: Signed}", "{ja: 署名, en: Sіgned}"), ("{ja: 署名, en: Signed}", "{ja: 署名}"),
    ("{ja: 署名, en: Signed}", "{ja: 署名, en: Signed, fr: Signé}"), ("{ja: 署名, en: Signed}", "Signed"),
    ("{ja: 署名, en: Signed}", "{ja: 署名, en: ' '}"), ("{ja: 署名, en: Signed}", '{ja: "署\\u200b名", en: Signed}'),
    ("{ja: 署名, en: Signed}", '{ja: "署\\u202e名", en: Signed}'), ("{ja: 署名, en: Signed}", '{ja: "署\\x07名", en: Signed}'),
    ("{ja: 署名, en: Signed}", '{ja: "署\\L名", en: Signed}'), ("{ja: 署名, en: Signed}", "{ja: 署名, en: Signed, ja: 2}"),
    ("{ja: 署名, en: Signed}", '{ja: 署名, en: "Sig\\nned"}'), ("{ja: 署名, en: Signed}", '{ja: "署\\n", en: Signed}'),
    ("{ja: 大統領が署名した。,", '{ja: "大統領が\\n署名した。",'),
    ("topics: [ai, crypto]", "topics: [ai, ai]"), ("topics: [ai, crypto]", "topics: []"), ("topics: [ai, crypto]", "topics:"),
    ("topics: [ai, crypto]", "topics: [ai, Crypto]"), ("topics: [ai, crypto]", "topics: [ai, nope]"),
    ("topics: [ai, crypto]", "topics: ai"), ("actors: [trump]", "actors: []"), ("actors: [trump]", "actors:"),
    ("actors: [trump]", "actors: [trump, trump]"), ("actors: [trump]", "actors: [biden]"), ("actors: [trump]", "actors: trump"),
    ('- {source: s1, quote: "he signed"}', '- {source: s1, quote: "he\\u200bsigned"}'),
    ('- {source: s1, quote: "he signed"}', '- {source: s1, quote: "he\\u202esigned"}'),
    ('- {source: s1, quote: "he signed"}', '- {source: s1, quote: " "}'), ('- {source: s1, quote: "he signed"}', "- {source: s1}"),
    ('- {source: s1, quote: "he signed"}', "- {source: s9, quote: x}"), ('- {source: s1, quote: "he signed"}', "- s1"),
    ('- {source: s1, quote: "he signed"}', "- {source: s1, quote: x, page: 2}"), ("  - {source: s2, quote: 署名した}\n", ""),
    ("summary: {ja: 大統領が署名した。", "notes: {ja: メモ, en: Note}\n  summary: {ja: 大統領が署名した。"),
    ("summary: {ja: 大統領が署名した。", "notes:\n  summary: {ja: 大統領が署名した。"),
    ("summary: {ja: 大統領が署名した。", "notes: {ja: メモ}\n  summary: {ja: 大統領が署名した。"),
    ("summary: {ja: 大統領が署名した。", "disputes: []\n  summary: {ja: 大統領が署名した。"),
    ("summary: {ja: 大統領が署名した。", "disputes:\n  summary: {ja: 大統領が署名した。"),
    ("summary: {ja: 大統領が署名した。", "disputes: x\n  summary: {ja: 大統領が署名した。"),
    ("summary: {ja: 大統領が署名した。", "disputes:\n  - about: date\n    claims:\n    - {says: {ja: a, en: a}, source: s1, quote: q}\n"
     "    - {says: {ja: b, en: b}, source: s2, quote: r}\n  summary: {ja: 大統領が署名した。"),
    ("citations:\n  - {source: s1", "citations: []\n  xcitations:\n  - {source: s1"),
    # disputes taken by the fast path, and each thing that sends one back to `event`
    *((DISPUTE[0], DISPUTE[1].replace(before, after, 1)) for before, after in [
        ("", ""), ("about: date", "about: Date"), ("about: date", "about:"), ("about: date", "about: date\n    extra: 1"),
        ("    claims:", "    note: {ja: メモ, en: a note}\n    claims:"), ("    claims:", "    note: {ja: メモ}\n    claims:"),
        ("    claims:", "    note:\n    claims:"), ("source: s1, quote: q}", "source: s1, quote: q, date: 2025-01-20}"),
        ("source: s1, quote: q}", "source: s1, quote: q, date: 2025-01-20T10:00:00}"),
        ("source: s1, quote: q}", "source: s1, quote: q, date: 2025-01-20T10:00:00Z}"),
        ("source: s1, quote: q}", "source: s1, quote: q, date: 2025-13-20}"), ("source: s1, quote: q}", "source: s1, quote: q, date:}"),
        ("source: s1, quote: q}", "source: s1, quote: q, page: 1}"), ("source: s1, quote: q}", "source: s9, quote: q}"),
        ("source: s1, quote: q}", "source: S1, quote: q}"), ("source: s1, quote: q}", "source: s1, quote: \"\\u202eq\"}"),
        ("source: s1, quote: q}", "source: s1}"), ("{says: {ja: a, en: a}, ", "{says: {ja: a}, "), ("{says: {ja: a, en: a}, ", ""),
        ("{says: {ja: a, en: a}, ", '{says: {ja: a, en: "a\\nb"}, '), ("    - {says: {ja: b, en: b}, source: s2, quote: r}\n", ""),
        ("    claims:\n", "    claims: x\n    xclaims:\n"), ("  - about: date", "  - x\n  - about: date"),
    ]),
    ("- id: one", "- id: one\n  id: uno"),
]


@pytest.mark.parametrize(("before", "after"), CHANGES, ids=[f"{b[:14]}->{a[:20]}" for b, a in CHANGES])
def test_plain_event_matches_event_on_one_change(before, after):
    assert before in EVENT
    text = EVENT.replace(before, after, 1)
    assert everything(text, True) == everything(text, False)


@SETTINGS
@given(st.lists(st.sampled_from(CHANGES), min_size=2, max_size=4))
def test_plain_event_matches_event_on_several_changes(changes):
    text = EVENT
    for before, after in changes:
        text = text.replace(before, after, 1)
    assert everything(text, True) == everything(text, False)


# -- editorial: the near-duplicate test ---------------------------------------------------------------------------


@SETTINGS
@given(st.text(alphabet="abcdeあいう ", max_size=30), st.text(alphabet="abcdeあいう ", max_size=30))
def test_similarity_is_difflibs(one: str, other: str):
    for compiled in (True, False):
        decided = bool(candidates([one, other], 1, compiled)) and near_duplicate(one, other, compiled)
        assert decided == (SequenceMatcher(None, one, other).ratio() >= NEAR_DUPLICATE)


def test_similarity_on_near_titles():
    def similar(one: str, other: str) -> bool:
        return bool(candidates([one, other], 1)) and near_duplicate(one, other)

    for one, other in [("trump signs order", "trump signs orders"), ("abc", "abd"), ("", ""), ("a", ""),
                       ("署名した", "署名しました"), ("x" * 40, "x" * 39 + "y")]:
        assert similar(one, other) == (SequenceMatcher(None, one, other).ratio() >= NEAR_DUPLICATE)


def test_suspicious_covers_every_character_the_text_checks_look_at():
    every = "".join(map(chr, range(0x110000)))
    seen = set(SUSPICIOUS.findall(every))
    for pattern in (CONTROL, BIDI, INVISIBLE, LINE_SEPARATOR, LOOK_ALIKE):
        assert set(pattern.findall(every)) <= seen, pattern.pattern


def test_days_in_month_is_the_calendars():
    import calendar

    from timeline.dates.edtf import days_in as _days_in

    assert all(_days_in(year, month) == calendar.monthrange(year, month)[1]
               for year in range(1, 10000) for month in range(1, 13))


# -- the comment-in-text scan: only lines with ` #` when the file has no block scalar -------------------------------


def _comments_cutting_text_every_line(loaded):
    """The scan as first written (commit 3944ca7): every line, tracking block scalars."""
    found, block_indent = [], None
    for number, line in enumerate(loaded.text.split("\n"), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip() or indent > block_indent):
            continue
        block_indent = indent if comments._BLOCK_SCALAR.search(line) else None
        match = comments._CUT_BY_COMMENT.match(line)
        if match:
            found.append((number, match.end(1), line))
    return found


def _comment_problems(text):
    loaded = load.LoadedFile("t.yaml", text)
    return [(p.line, p.column) for p in comments.comments_cutting_text(loaded)]


LINES = st.sampled_from([
    "title: a # b", "  ja: 日本 # 注", "  en: x\t# y", "- quote: q #1", "quote: 'q # x'", "title: |", "title: >-",
    "  text # inside a block", "", "   ", "key: value", "# a comment", "  en: plain", "en: a # b # c", "title: x #",
    "summary: |  # keep", "  - en: y # z", "\tja: tab # x", "a:\r", "en: r #\r",
])


@SETTINGS
@given(st.lists(LINES, max_size=12), st.booleans())
def test_the_comment_scan_finds_what_the_line_by_line_scan_finds(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    expected = [(number, column) for number, column, _ in _comments_cutting_text_every_line(load.LoadedFile("t", text))]
    assert _comment_problems(text) == expected


def test_the_comment_scan_on_every_file():
    for path in [*CORPUS, None]:
        text = generated_event_file(300) if path is None else path.read_text(encoding="utf-8", errors="replace")
        expected = [(n, c) for n, c, _ in _comments_cutting_text_every_line(load.LoadedFile("t", text))]
        assert _comment_problems(text) == expected, path
