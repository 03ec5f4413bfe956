"""scan.py, the fast reader for block-style event files, against libyaml (load.py with SCAN off).

The contract: for every input, either scan.py gives up (and libyaml reads the file) or both readers give the
same values with the same positions. These tests generate YAML written the way editors and dumpers write it
(plain text folded over lines, quotes that run over lines, escapes, flow lists and mappings, comments, blank
lines, compact `- key:` items, indentless and indented lists, empty values, text below its key) and damage
it, and compare. They also check that the fast reader is really used on the files it is for: a reader that
silently gave up on everything would pass the comparison and help nobody.
"""

from __future__ import annotations

import importlib
import random
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import load
from timeline.load import YMap, YSeq
from timeline.scan import scan

scan_module = importlib.import_module("timeline.scan")

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def snapshot(value: object) -> object:
    if isinstance(value, dict):
        return ("map", value.line, value.column, list(value._at), [(k, snapshot(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, value.column, list(value._at), [snapshot(v) for v in value])
    return value


def by_libyaml(text: str):
    """load.py's libyaml path: the fast readers off. What load.py checks before either reader (the merge-conflict
    markers) is off too: it stands in front of both alike, and here the readers are compared, not the checks."""
    saved = load.SCAN, getattr(load, "merge_conflicts", None)
    load.SCAN = False
    if saved[1] is not None:
        load.merge_conflicts = lambda text, file: []
    try:
        return load.load_text(text, "t.yaml")
    finally:
        load.SCAN = saved[0]
        if saved[1] is not None:
            load.merge_conflicts = saved[1]


def by_python(text: str):
    """scan.py's Python reader alone (the compiled one off)."""
    saved = scan_module.COMPILED
    scan_module.COMPILED = False
    try:
        return scan(text, YMap, YSeq)[0]
    finally:
        scan_module.COMPILED = saved


def by_compiled(text: str):
    """The compiled reader alone, behind the same first look at the characters as scan()."""
    if not text or scan_module._UNSURE_CHARACTER.search(text):
        return None
    return scan_module._compiled(text, YMap, YSeq)


READERS = [by_python] + ([by_compiled] if scan_module._compiled else [])


def check(text: str, readers: list = READERS) -> bool:
    """Compare each fast reader with libyaml on `text`; True when the Python reader read it (rather than handing
    it to libyaml). Where both fast readers read it, they agree with each other too. The one comparison of the
    readers with libyaml: tests/test_reader_differential.py and fuzz/readers.py use it too."""
    slow = None
    results = []
    for reader in readers:
        fast = reader(text)
        results.append(fast)
        if fast is None:
            continue
        slow = slow or by_libyaml(text)
        assert slow.complete and not slow.problems, \
            f"{reader.__name__} accepted what libyaml reports: {slow.problems[:3]}\n{text}"
        assert snapshot(fast) == snapshot(slow.root), (reader.__name__, text)
        assert (fast.line, fast.column) == slow.root_at
    if len(results) == 2 and results[1] is not None:
        assert results[0] is not None, f"the compiled reader read what the Python reader refused:\n{text}"
    return results[0] is not None


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


@SETTINGS
@given(documents())
def test_scan_reads_what_libyaml_reads(text: str):
    check(text)


@SETTINGS
@given(documents(), st.lists(st.tuples(st.integers(0, 10**6), FRAGMENTS), min_size=1, max_size=3))
def test_scan_gives_up_or_agrees_on_damaged_yaml(text: str, damage):
    for offset, piece in damage:
        at = offset % (len(text) + 1)
        text = text[:at] + piece + text[at:]
    check(text)


def test_most_generated_documents_are_read_by_scan():
    """The comparisons above prove something only if scan.py reads a good share of what they generate."""
    read: list[bool] = []

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents())
    def compare(text: str) -> None:
        read.append(check(text))

    compare()
    assert sum(read) >= len(read) // 3, f"scan.py read {sum(read)} of {len(read)} generated documents"


@pytest.mark.parametrize("seed", range(10))
def test_benchmark_shaped_files_are_read_by_scan(seed: int):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    assert check(generate(random.Random(seed).randint(1, 40), seed=seed))


# -- the files it is for -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [ROOT / "events.yaml", *sorted(ROOT.glob("src/timeline/templates/**/*.yaml")),
                                  *sorted(ROOT.glob("tests/data/good/*.yaml"))], ids=lambda p: p.name)
def test_valid_files_in_the_repository_are_read_by_scan(path: Path):
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


@pytest.mark.parametrize("path", UTF8_FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "tests/data")))
def test_scan_agrees_with_libyaml_on_every_fixture(path: Path):
    check(path.read_bytes().decode("utf-8-sig"))


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
    "a: \"\\ud800\"\n",             # an escaped surrogate
    "null: 1\n",                   # an empty key
    "a: x\u2028y\n",               # a Unicode line break
    "a:\n  - x\n  b: 1\n",          # a key among items
    "a: " + "x" * 100_001 + "\n",  # a value over the size limit
], ids=["tab", "alias", "duplicate", "block-scalar", "open-quote", "top-list", "two-documents", "two-keys",
        "flow-over-lines", "after-quote", "surrogate", "null-key", "unicode-break", "key-among-items", "too-long"])
def test_scan_leaves_these_to_libyaml(text: str):
    assert scan(text, YMap, YSeq) == (None, False)


# -- what validate.py builds on it ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written, code", [
    ('"Trump\\u200b sworn in"', "invisible-character"),  # made by an escape: the file's text holds none
    ('"Trump\\u202e sworn in"', "bidi-control"),
    ('"Tr\\u0443mp sworn in"', "mixed-script"),             # a Cyrillic u
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
    _, problems = validate.validate([loaded])
    assert code in {problem.code for problem in problems}


# -- the compiled reader ------------------------------------------------------------------------------------------

def test_the_compiled_reader_is_built_where_it_can_be():
    """setup.py builds it as optional: a failed build must not pass unnoticed on a machine that can build it."""
    can_build = shutil.which("cc") or shutil.which("gcc")
    headers = Path(sysconfig.get_paths()["include"], "Python.h").exists()
    if not (can_build and headers):
        pytest.skip("no C compiler or Python headers here: timeline uses the Python reader")
    assert scan_module._compiled is not None, "timeline/_scan.c was not built: reinstall with `pip install -e .`"


@pytest.mark.parametrize("seed", range(4))
def test_the_compiled_reader_reads_benchmark_shaped_files(seed: int):
    if scan_module._compiled is None:
        pytest.skip("not built here")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    text = generate(200, seed=seed)
    assert by_compiled(text) is not None
    assert check(text)
