"""The block reader (reader/_block.c, compiled) against libyaml (timeline.load with BLOCK_READER off).

The contract: for every input, either the block reader gives up (and libyaml reads the file) or both give the same
values with the same positions, and the block reader says rightly whether every value is the file's own text (no
escape made a character). These tests generate YAML written the way editors and dumpers write it (plain text folded
over lines, quotes that run over lines, escapes, flow lists and mappings, comments, blank lines, compact `- key:`
items, indentless and indented lists, empty values, text below its key) and damage it, and compare. They also check
that the block reader is really used on the files it is for: a reader that silently gave up on everything would
pass the comparison and help nobody. Without the compiled reader (no C compiler at install) they are skipped, and
fail under CI=true, where it is always built.
"""

from __future__ import annotations

import functools
import os
import random
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline import load
from timeline.reader import compiled
from timeline.reader.compiled import read_block
from timeline.reader.nodes import NULLS
from conftest import REPO
from timeline.reader import libyaml

ROOT = REPO
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BLOCK_READER_MISSING = ("the compiled block reader (timeline.reader._block, from src/timeline/reader/_block.c) is not "
                        "built here; `pip install -e .` with a C compiler builds it")


@pytest.fixture
def block_reader() -> None:
    """The tests that compare the block reader need it: a skip with its reason where it is not built, and a failure
    in CI (CI=true), where it always is."""
    if compiled.COMPILED:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {BLOCK_READER_MISSING}")
    pytest.skip(f"nothing to compare with libyaml: {BLOCK_READER_MISSING}")


needs_block_reader = pytest.mark.usefixtures("block_reader")


def snapshot(value: object) -> object:
    if isinstance(value, dict):
        return ("map", value.line, value.column, list(value._at), [(k, snapshot(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, value.column, list(value._at), [snapshot(v) for v in value])
    return value


def by_libyaml(text: str):
    """timeline.load's libyaml path: the block reader off. What load checks before either reader (the merge-conflict
    markers) is off too: it stands in front of both alike, and here the readers are compared, not the checks."""
    saved = load.BLOCK_READER, load.merge_conflicts
    load.BLOCK_READER, load.merge_conflicts = False, lambda text, file: []
    try:
        return load.load_text(text, "t.yaml")
    finally:
        load.BLOCK_READER, load.merge_conflicts = saved


def by_block(text: str):
    """The block reader alone, behind its first look at the characters: the root, or None when it gives up."""
    read = read_block(text)
    return None if read is None else read[0]


LIBYAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML built without libyaml has only its own parser


def pure_events(text: str) -> list | None:
    """The events of PyYAML's own parser (timeline's parser where PyYAML was built without libyaml; reader/libyaml.py),
    None where it refuses the text. Its marks index characters (libyaml's count bytes)."""
    try:
        return list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def shapes(events: list) -> list:
    """Events without their marks: what two parsers must agree on."""
    # a plain scalar's style is '' from libyaml, None from PyYAML's parser
    return [(type(event).__name__, getattr(event, "value", None), getattr(event, "style", None) or None)
            for event in events]


def escaped(text: str, events: list) -> bool:
    """Whether an escape made a character of a value: a double-quoted scalar with a backslash in its source (as
    the parser's events and marks show it), the oracle of the block reader's "the file's own text" answer."""
    for event in events:
        if isinstance(event, yaml.ScalarEvent) and event.style == '"' and \
                "\\" in text[event.start_mark.index:event.end_mark.index]:
            return True
    return False


def check(text: str) -> bool:
    """Compare the block reader with libyaml on `text`; True when the block reader read it (rather than handing it
    to libyaml). The one comparison of the readers: tests/oracles/test_reader_differential.py and fuzz/readers.py use it."""
    read = read_block(text)
    if read is None:
        return False
    fast, verbatim = read
    slow = by_libyaml(text)
    assert slow.complete and not slow.problems, \
        f"the block reader accepted what libyaml reports: {slow.problems[:3]}\n{text}"
    assert snapshot(fast) == snapshot(slow.root), text
    assert (fast.line, fast.column) == slow.root_at
    # The block reader stands in front of whichever parser PyYAML has: what it reads, both must read alike (they
    # differ on some flow text, `[a? b]`: that must be left to the parser installed).
    pure = pure_events(text)
    assert pure is not None, f"the block reader accepted what PyYAML's own parser refuses:\n{text}"
    assert shapes(pure) == shapes(yaml.parse(text, Loader=LIBYAML)), \
        f"the block reader accepted what libyaml and PyYAML's own parser read differently:\n{text}"
    assert verbatim is not escaped(text, pure), f"the block reader's verbatim is {verbatim}:\n{text}"
    return True


# -- generated YAML ---------------------------------------------------------------------------------------------

WORDS = ["trump", "SEC", "ビットコイン", "暗号資産", "a", "it's", '"q"', "back\\slash", "- dash", "50%", "#1", "x#y",
         "12:30", "C#", "https://x.test/a?b=c", "null", "~", "yes", "1.10", "0755", "[draft]", "{x}", "é", "🚀",
         "a:b", "&amp", "*star", "!bang", "?", "|", ">", "@at", "`tick`", "、", "—", "’"]
ESCAPES = ["\\n", "\\t", "\\\\", '\\"', "\\x41", "\\u00e9", "\\U0001F600", "\\/", "\\ud800", "\\q", "\\ ", "\\0"]


@st.composite
def words(draw, min_size=1, max_size=8) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size)))


@st.composite
def scalar_lines(draw, indent: int) -> list[str]:
    """A value in one of YAML's styles, as the lines after `key: ` (continuation lines indented by `indent`)."""
    pad = " " * (indent + draw(st.integers(0, 3)))
    style = draw(st.integers(0, 7))
    text = draw(words())
    if style == 0:  # plain, maybe folded over lines with blank lines between
        rest = draw(st.lists(words(), max_size=3))
        blank = draw(st.sampled_from(["", "\n", "\n  \n"]))
        return [text] + [blank + pad + part for part in rest]
    if style == 1:  # single-quoted, maybe over lines
        body = text.replace("'", "''")
        if draw(st.booleans()):
            return [f"'{body}'"]
        return [f"'{body}", pad + draw(words()).replace("'", "''") + "'"]
    if style == 2:  # double-quoted with escapes, maybe over lines
        body = text.replace("\\", "\\\\").replace('"', '\\"') + "".join(draw(st.lists(st.sampled_from(ESCAPES), max_size=2)))
        if draw(st.booleans()):
            return [f'"{body}"']
        return [f'"{body}', pad + draw(words()).replace("\\", "\\\\").replace('"', '\\"') + '"']
    if style == 3:  # a one-line flow list
        items = draw(st.lists(st.sampled_from(["ai-policy", "a b", "'q'", '"d"', "x", "null", "é", "it's"]), max_size=4))
        return ["[" + ", ".join(items) + "]"]
    if style == 4:  # a one-line flow mapping
        return ["{ja: " + draw(st.sampled_from(["日本", "'引用'", '"x"'])) + ", en: " + draw(st.sampled_from(["Japan", "a b", "'q'"])) + "}"]
    if style == 5:  # nothing, or a null word
        return [draw(st.sampled_from(["", "~", "null", "Null", "''", '""', "# only a comment"]))]
    if style == 6:  # text with a comment after it
        return [f"{text} # {draw(words())}"]
    return [text]


@st.composite
def block(draw, indent: int, depth: int, mapping: bool = False) -> list[str]:
    """The lines of a mapping (or, unless `mapping`, a list) at `indent`."""
    pad = " " * indent
    lines: list[str] = []
    if depth > 0 and not mapping and draw(st.booleans()):  # a list
        for _ in range(draw(st.integers(1, 3))):
            if draw(st.integers(0, 2)) == 0:  # `- key: value` with more keys below
                inner = draw(block(indent + 2, depth - 1).filter(lambda b: not b[0].lstrip().startswith("- ")))
                lines.append(pad + "- " + inner[0].lstrip(" "))
                lines.extend(inner[1:])
            else:
                first, *rest = draw(scalar_lines(indent + 1))
                lines.append(f"{pad}- {first}".rstrip(" ") if first else f"{pad}-")
                lines.extend(rest)
        return lines
    keys = draw(st.lists(st.sampled_from(["id", "title", "ja", "en", "date", "topics", "quote", "source", "k1", "2025"]),
                         min_size=1, max_size=4, unique=True))
    for key in keys:
        if draw(st.integers(0, 9)) == 0:
            lines.append(pad + "# " + draw(words()))
        kind = draw(st.integers(0, 3)) if depth > 0 else 0
        if kind == 0:
            first, *rest = draw(scalar_lines(indent + 1))
            lines.append(f"{pad}{key}: {first}".rstrip(" ") if first else f"{pad}{key}:")
            lines.extend(rest)
        elif kind == 1:  # text on the line below its key
            lines.append(f"{pad}{key}:")
            lines.append(" " * (indent + 2) + draw(words()))
        else:  # a nested block; a list may sit at the key's own indentation
            child = indent + (0 if kind == 2 and draw(st.booleans()) else 2)
            nested = draw(block(child, depth - 1))
            if child == indent and not nested[0].lstrip().startswith("-"):
                child = indent + 2
                nested = draw(block(child, depth - 1))
            lines.append(f"{pad}{key}:")
            lines.extend(nested)
    return lines


@st.composite
def documents(draw) -> str:
    lines = draw(block(0, 3, mapping=True))  # an event file is a mapping
    header = draw(st.sampled_from(["", "# a comment\n", "\n"]))
    return header + "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))


FRAGMENTS = st.sampled_from(["\n", " ", "  ", "- ", ": ", "#", " #", "'", '"', "[", "]", "{", "}", ",", "\t", "\r",
                             "---\n", "&a ", "*a", "!t ", "? ", "|", ">", "\\", "\u2028", "\x85", "\ufeff", "k: v\n"])


@needs_block_reader
@SETTINGS
@given(documents())
def test_the_block_reader_reads_what_libyaml_reads(text: str):
    check(text)


@needs_block_reader
@SETTINGS
@given(documents(), st.lists(st.tuples(st.integers(0, 10**6), FRAGMENTS), min_size=1, max_size=3))
@example("# trump\nid: trump\n# trump\ntitle:\n  - [ai-policy]\n", [(39, "? ")])  # `[a? i-policy]`: see FLOW_INDICATORS
def test_the_block_reader_gives_up_or_agrees_on_damaged_yaml(text: str, damage):
    for offset, piece in damage:
        at = offset % (len(text) + 1)
        text = text[:at] + piece + text[at:]
    check(text)


@functools.cache
def generated_sample() -> tuple[list[bool], list[str]]:
    """300 generated documents (derandomized: the same ones every run), each compared with libyaml once: (whether
    the block reader read each, those it read that hold escapes it knows). The two tests below judge the one sample,
    rather than generating and comparing a second one each (half a minute of the suite)."""
    read: list[bool] = []
    read_escaped: list[str] = []

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(documents())
    def compare(text: str) -> None:
        read.append(check(text))
        if read[-1] and not read_block(text)[1]:
            read_escaped.append(text)

    compare()
    return read, read_escaped


@needs_block_reader
def test_most_generated_documents_are_read_by_the_block_reader():
    """The comparisons above prove something only if the block reader reads a good share of what they generate."""
    read, _ = generated_sample()
    assert sum(read) >= len(read) // 3, f"the block reader read {sum(read)} of {len(read)} generated documents"


@needs_block_reader
def test_generated_documents_with_escapes_are_read_by_the_block_reader():
    """Escapes too: some generated documents with escapes the block reader knows must be read, not all left to
    libyaml (where its "the file's own text" answer would never be checked)."""
    _, read_escaped = generated_sample()
    assert len(read_escaped) >= 5, f"the block reader read {len(read_escaped)} generated documents with escapes"


@needs_block_reader
@pytest.mark.parametrize("seed", range(10))
def test_benchmark_shaped_files_are_read_by_the_block_reader(seed: int):
    from conftest import generate

    assert check(generate(random.Random(seed).randint(1, 40), seed=seed))


# -- the files it is for -----------------------------------------------------------------------------------------

@needs_block_reader
@pytest.mark.parametrize("path", [ROOT / "events.yaml", *sorted(ROOT.glob("src/timeline/templates/**/*.yaml")),
                                  *sorted(ROOT.glob("tests/data/good/*.yaml"))], ids=lambda p: p.name)
def test_valid_files_in_the_repository_are_read_by_the_block_reader(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    if "\r" in text or "\t" in text:
        pytest.skip("CR and tabs are left to libyaml")
    assert check(text), f"{path.name} fell back to libyaml"


def is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


# Fixtures that are not UTF-8 are left out: refused before any YAML is read, no reader ever sees them.
UTF8_FIXTURES = [path for path in sorted(ROOT.glob("tests/data/**/*.yaml")) if is_utf8(path)]


@needs_block_reader
@pytest.mark.parametrize("path", UTF8_FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "tests/data")))
def test_the_block_reader_agrees_with_libyaml_on_every_fixture(path: Path):
    check(path.read_bytes().decode("utf-8-sig"))


# -- double quotes: escapes, and values over lines ------------------------------------------------------------------

@needs_block_reader
@pytest.mark.parametrize("text", [
    'a: "\\x41\\x7e \\u00e9\\u00E9 \\U0001F600 \\U0010FFFF"\n',   # by code point, any case of hex digit
    'a: "\\0\\a\\b\\t\\n\\v\\f\\r\\e"\n',                         # controls
    'a: "\\ \\"\\\\ \\N\\_\\L\\P"\n',                            # the space, quote, backslash, NEL, NBSP, LS, PS
    'a: ["\\n", "x\\ty", b]\nb: {ja: "\\u65e5", en: "x"}\n',         # in flow collections
    'a:\n  - "it\\u2019s"\n  - "\\x41"  # comment\n',
    'a: "one\n  two\n\n  three \n   four"\n',                     # over lines, folded; no escape
    'a: "one \\u00e9\n  \\"two\\"\n  \\x41"\nb: c\n',                # over lines, with escapes
    'a:\n  b: "x\n   y"\n  c: d\n',
    'a:\n  - "x\n    y"\n',
    'a: ""\nb: "\\\\"\n',
], ids=["code-points", "controls", "others", "flow", "items", "folded", "folded-escapes", "nested", "item-over-lines",
        "empty-and-backslash"])
def test_double_quoted_values_are_read_as_libyaml_reads_them(text: str):
    assert check(text)


@pytest.mark.parametrize("text", [
    'a: "\\/"\n', 'a: "\\q"\n', 'a: "\\x4"\n', 'a: "\\xZZ"\n', 'a: "\\u12"\n', 'a: "\\ud800"\n',
    'a: "\\uDFFF"\n', 'a: "\\U00110000"\n', 'a: "\\é"\n', 'a: ["\\q"]\n',
    'a: "x\\\n  y"\n',          # a backslash ending the line escapes the break
    'a: "x\\ \n  y"\n',         # an escaped space at a line end, cut by the folding
    'a: "x\n  y\\\\"\n',       # a backslash ending a line's text
    'a: "x\ny"\n',               # the next line not indented deeper than its key
    'a: "x\n  y\n',              # never closed
    'a: "x\n  y" z\n',           # text after the closing quote
    'a: "x" y\n',
], ids=["slash", "unknown", "short-hex", "not-hex", "short-unicode", "surrogate", "low-surrogate", "past-unicode",
        "non-ascii", "flow-unknown", "line-end-backslash", "escaped-space-at-line-end", "backslash-at-line-end",
        "not-indented", "open", "after-quote-over-lines", "after-quote"])
def test_the_block_reader_leaves_these_double_quotes_to_libyaml(text: str):
    assert read_block(text) is None


@needs_block_reader
@pytest.mark.parametrize("word", sorted(NULLS | {"nul", "nULL", "~~", "none", "None", "NULL!"}))
def test_the_words_for_no_value_are_libyaml_s(word: str):
    """The block reader spells nodes.NULLS out in C: whatever it reads, it reads as libyaml's builder does."""
    for text in (f"a: {word}\n", f"a: [{word}, x]\n", f"a: {{b: {word}}}\n", f"a:\n  - {word}\n", f"a: {word} # c\n"):
        if word:
            check(text)


@pytest.mark.parametrize("text", [
    "a: 1\n\tb: 2\n",              # a tab
    "a: &x 1\nb: *x\n",            # anchor and alias
    "a: 1\na: 2\n",                # duplicate key
    "a: |\n  block\n",             # block scalar
    "a: 'open\n",                  # quote never closed
    "- a\n- b\n",                  # a list at the top
    "a: 1\n---\nb: 2\n",           # a second document
    "a: b: c\n",                   # a second key on the line
    "a: [x,\n  y]\n",              # a flow list over lines
    "a: 'x' y\n",                  # text after a quote
    "null: 1\n",                   # an empty key
    "a: x\u2028y\n",               # a Unicode line break
    "a:\n  - x\n  b: 1\n",          # a key among items
    "a: " + "x" * 100_001 + "\n",  # a value over the size limit
], ids=["tab", "alias", "duplicate", "block-scalar", "open-quote", "top-list", "two-documents", "two-keys",
        "flow-over-lines", "after-quote", "null-key", "unicode-break", "key-among-items", "too-long"])
def test_the_block_reader_leaves_these_to_libyaml(text: str):
    assert read_block(text) is None


# -- indicators in flow collections: where YAML's parsers differ ----------------------------------------------------

# libyaml 0.2 reads `[a? b]` as the text `a? b`; PyYAML's own parser (timeline's where PyYAML has no libyaml) ends the
# text at the '?' and refuses the file; older libyaml and the YAML versions differ on ':' and '-' in flow text too.
# The block reader reads none of it: whichever parser is installed answers, with the same values and problems.
FLOW_INDICATORS = ["[a? b]", "{a? b}", "[a?]", "[? a]", "[?a]", "[a ?b]", "[a?b, c]", "[a, b?]", "{b: c?}",
                   "{b: [c?]}", "[a :b]", "[a:b]", "[a: b]", "[:a]", "[- a]", "[-a]", "[a, - b]", "[a, :]",
                   "[a, ? b]", "{a: b: c}", "[a, b #c]"]


@pytest.mark.parametrize("flow", FLOW_INDICATORS)
def test_the_block_reader_leaves_indicators_in_flow_collections_to_libyaml(flow: str):
    for text in (f"k: {flow}\n", f"k:\n  - {flow}\n", f"# trump\nid: trump\ntitle:\n  - {flow}\n"):
        assert read_block(text) is None, text
        read, alone = load.load_text(text, "t.yaml"), by_libyaml(text)
        assert (snapshot(read.root), read.problems) == (snapshot(alone.root), alone.problems), text


@pytest.fixture
def pure_python_parser(monkeypatch) -> None:
    """timeline's reader as on an install where PyYAML was built without libyaml: PyYAML's own parser."""
    libyaml._pyyaml()
    monkeypatch.setitem(libyaml._PYYAML, "parser", libyaml.pure_python_parser())
    monkeypatch.setitem(libyaml._PYYAML, "libyaml", False)


@pytest.mark.parametrize("flow", FLOW_INDICATORS)
def test_indicators_in_flow_collections_are_read_or_reported_by_either_parser(flow: str, pure_python_parser):
    """PyYAML's own parser refuses `[a? b]`: a syntax problem at its line and column, never an exception, and the
    block reader (which libyaml would agree with) does not read it in its place."""
    text = f"# trump\nid: trump\ntitle:\n  - {flow}\n"
    read = load.load_text(text, "t.yaml")
    if pure_events(text) is None:
        assert [(problem.code, problem.line) for problem in read.problems] == [("syntax", 4)], read.problems
        assert read.problems[0].column >= 5
    else:
        assert not read.problems and read.root["title"][0] == by_libyaml(text).root["title"][0]


@pytest.mark.parametrize("written", ["topics: [ai-policy?]", "topics: [ai-policy, ? policy]", "topics: [- ai-policy]",
                                     "topics: [ai-policy :x]", "topics: {ai-policy? x}"])
def test_validate_reports_indicators_in_flow_collections_at_their_place(written: str, tmp_path: Path, run_subprocess):
    """A file with such a list: a problem at file:line:column (the parser's, or the unknown topic), no traceback."""
    text = (ROOT / "tests/data/good/minimal.yaml").read_text(encoding="utf-8")
    assert "    topics: [ai-policy]\n" in text
    (tmp_path / "t.yaml").write_text(text.replace("    topics: [ai-policy]\n", f"    {written}\n"), encoding="utf-8")
    line = text.splitlines().index("    topics: [ai-policy]") + 1
    done = run_subprocess("validate", "t.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr, done.stderr
    assert f"t.yaml:{line}:" in done.stdout + done.stderr, done.stdout + done.stderr


@pytest.mark.parametrize("written, column, mark, quoted", [
    ("topics: [- ai-policy]", 14, "-", '"- ai-policy"'), ("topics: [ai-policy, - x]", 25, "-", '"- x"'),
    ("topics: [:ai-policy]", 14, ":", '":ai-policy"'), ("topics: [ai-policy, :]", 25, ":", '":"'),
])
def test_a_flow_value_starting_with_an_indicator_is_named(written: str, column: int, mark: str, quoted: str,
                                                          tmp_path: Path, run_cli):
    """libyaml stops at the '-' or ':' itself: the problem names it and says how to quote the value (not "this '-'
    is not closed", with a '}' to add)."""
    text = (ROOT / "tests/data/good/minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "t.yaml").write_text(text.replace("    topics: [ai-policy]\n", f"    {written}\n"), encoding="utf-8")
    line = text.splitlines().index("    topics: [ai-policy]") + 1
    result = run_cli("validate", "t.yaml", cwd=tmp_path)
    assert result.exit_code == 1, result.output
    assert f"t.yaml:{line}:{column}: error[syntax]: a value in [...] or {{...}} cannot start with {mark!r}" \
        in result.output
    assert f"put it in double quotes, {quoted}" in result.output


# -- what validate builds on it ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written, code", [
    ('"Trump\\u200b sworn in"', "invisible-character"),  # made by an escape: the file's text holds none
    ('"Trump\\u202e sworn in"', "bidi-control"),
    ('"Tr\\u0443mp sworn in"', "mixed-script"),             # a Cyrillic u
    ('"Trump\\u200b sworn\n    in"', "invisible-character"),  # an escape in a value over lines
    ("Trump\u200b sworn in", "invisible-character"),        # typed as it is
])
def test_hidden_characters_are_reported_however_they_were_written(written: str, code: str):
    import importlib

    validate = importlib.import_module("timeline.validate")
    text = (ROOT / "tests/data/good/minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("en: Trump sworn in as 47th president", f"en: {written}", 1)
    assert f"en: {written}" in text
    loaded = load.load_text(text, "t.yaml")
    assert loaded.root is not None and not loaded.problems
    assert loaded.verbatim is (compiled.COMPILED and "\\" not in written)  # libyaml alone never says verbatim
    _, problems = validate.validate([loaded])
    assert code in {problem.code for problem in problems}


# -- the compiled reader ------------------------------------------------------------------------------------------

def test_the_compiled_reader_is_built_where_it_can_be():
    """setup.py builds it as optional: a failed build must not pass unnoticed on a machine that can build it."""
    can_build = shutil.which("cc") or shutil.which("gcc")
    headers = Path(sysconfig.get_paths()["include"], "Python.h").exists()
    if not (can_build and headers):
        pytest.skip("no C compiler or Python headers here: timeline reads every file with libyaml")
    assert compiled.COMPILED, f"{BLOCK_READER_MISSING} (reinstall)"
    assert compiled.READER_NAME == "block reader (compiled)"


def test_without_the_compiled_reader_libyaml_reads_every_file(monkeypatch):
    """An install without a C compiler has no block reader: every file goes to libyaml, with the same results."""
    text = (ROOT / "tests/data/good/minimal.yaml").read_text(encoding="utf-8")
    with_block_reader = load.load_text(text, "t.yaml")
    monkeypatch.setattr(compiled, "_block", None)
    assert read_block(text) is None
    alone = load.load_text(text, "t.yaml")
    assert snapshot(alone.root) == snapshot(with_block_reader.root) and alone.problems == with_block_reader.problems


@needs_block_reader
@pytest.mark.parametrize("seed", range(4))
def test_the_compiled_reader_reads_benchmark_shaped_files(seed: int):
    from conftest import generate

    text = generate(200, seed=seed)
    assert by_block(text) is not None
    assert check(text)


@pytest.mark.parametrize("parser", ["libyaml", "pure Python"])
@pytest.mark.parametrize(("value", "column", "said", "hint"), [
    # How JSON writes 🗳: a reporter pastes a title from an API, a spreadsheet export or a TimelineJS file.
    ('"\\ud83d\\uddf3 Vote"', 14, "`\\ud83d\\uddf3` is a surrogate pair, how JSON writes 🗳 (U+1F5F3)",
     "`\\U0001F5F3`"),
    ('"a \\\\ud83d \\uDC00"', 24, "`\\uDC00` is half of a surrogate pair", "`\\U` and 8 hex digits"),
    ('"\\U0000D83D"', 14, "`\\U0000D83D` is half of a surrogate pair", "`\\U` and 8 hex digits"),
    ('"\\U00110000"', 14, "`\\U00110000` is past U+10FFFF", "check the digits"),
    ('"\\UFFFFFFFF"', 14, "`\\UFFFFFFFF` is past U+10FFFF", "check the digits"),  # past a C int, too
    ('"C:\\Users"', 16, "`\\U` in double quotes starts a character's code in 8 hex digits", "single quotes"),
    ('"\\q"', 14, "`\\q` in double quotes is an escape YAML does not know", "two backslashes"),
])
def test_an_escape_that_is_no_character_is_a_syntax_error_at_its_backslash(request, parser, value, column, said, hint):
    """libyaml refuses `\\ud83d` (a surrogate) and `\\U00110000`; PyYAML's own parser kept the first in a str no
    output can encode (validate said "ok", `timeline html` failed on it) and raised a ValueError on the second.
    Either parser: one syntax error at the escape's backslash, saying what it is and what to write."""
    if parser == "pure Python":
        request.getfixturevalue("pure_python_parser")
    text = f"version: 1\ntitle: {{ja: {value}, en: x}}\nevents: []\n"
    read = by_libyaml(text)
    assert [(p.code, p.line, p.column) for p in read.problems] == [("syntax", 2, column)], read.problems
    assert said in read.problems[0].message and hint in read.problems[0].hint


@pytest.mark.parametrize(("value", "example"), [
    ('"C:\\Users\\desk"', ", e.g. en: 'C:\\Users\\desk'"),
    ('"C:\\new\\Users"', ", e.g. en: 'C:\\new\\Users'"),  # \n meant as a backslash and an n: single quotes keep it
    ('"he said \\"C:\\Users\\""', ""),  # \" meant as a quote: in single quotes it would be a backslash and a quote
    ('"Trump \\\\ sworn \\u00e9 in C:\\Users"', ""),
])
def test_the_single_quoted_example_is_given_only_when_it_keeps_the_text(value, example):
    read = by_libyaml(f"version: 1\nevents:\n  - title:\n      en: {value}\n")
    assert read.problems and {p.code for p in read.problems} == {"syntax"}
    # Each bad escape of the value is reported, each with the same fix for the whole value.
    assert {p.hint for p in read.problems} == {"write two backslashes (\\\\) for one, or put the value in single quotes"
                                               + example}
