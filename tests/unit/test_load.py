"""timeline.load: bytes -> plain values with 1-based positions, and every refusal the loader makes."""

from __future__ import annotations

import codecs
import tracemalloc
from pathlib import Path

import pytest

import timeline.load as load
from timeline.reader import compiled, decode
from timeline.errors import ExitCode, FileAccessError, Severity
from timeline.load import MAX_DEPTH, MAX_SCALAR, PARSER_NAME, YMap, YSeq, load_bytes, load_file, load_text

from conftest import TESTS

MINIMAL = TESTS / "data" / "good" / "minimal.yaml"


def codes(loaded) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in loaded.problems]


# -- positions ----------------------------------------------------------------------------------------------

DOC = """\
version: 1
title:
  ja: 題名
  en: Title
events:
  - id: first
    topics: [ai-policy, crypto]
  - id: second
"""


def _check_doc_positions(root):
    assert (root.line, root.column) == (1, 1)
    assert root.keys_at == {"version": (1, 1), "title": (2, 1), "events": (5, 1)}
    assert root.values_at["version"] == (1, 10)
    title = root["title"]
    assert (title.line, title.column) == (3, 3)  # a block mapping starts at its first key
    assert title.keys_at == {"ja": (3, 3), "en": (4, 3)}
    assert title.values_at == {"ja": (3, 7), "en": (4, 7)}
    events = root["events"]
    assert (events.line, events.column) == (6, 3)  # a block sequence starts at its first '-'
    assert events.items_at == [(6, 5), (8, 5)]
    topics = events[0]["topics"]
    assert events[0].values_at["topics"] == (7, 13)
    assert topics.items_at == [(7, 14), (7, 25)]


def test_positions_of_keys_values_and_items_are_one_based():
    loaded = load_text(DOC, "doc.yaml")
    assert loaded.problems == [] and loaded.complete
    _check_doc_positions(loaded.root)
    assert type(loaded.root) is YMap and type(loaded.root["events"]) is YSeq


def test_positions_after_crlf_line_endings():
    loaded = load_bytes(DOC.replace("\n", "\r\n").encode("utf-8"), "crlf.yaml")
    assert loaded.problems == []
    _check_doc_positions(loaded.root)
    assert loaded.root["title"]["en"] == "Title"  # no stray \r in values


def test_positions_after_a_byte_order_mark():
    loaded = load_bytes(codecs.BOM_UTF8 + DOC.encode("utf-8"), "bom.yaml")
    assert loaded.problems == [] and loaded.bom
    _check_doc_positions(loaded.root)
    assert "version" in loaded.root  # the BOM is not part of the first key
    assert not load_bytes(DOC.encode("utf-8"), "plain.yaml").bom


def test_positions_count_characters_not_bytes():
    loaded = load_text('{a: "日本語😀", b: x}\n', "wide.yaml")
    assert loaded.root.keys_at["b"] == (1, 13)


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_unicode_line_breaks_inside_quoted_values_do_not_count_as_lines(brk):
    text = f'a: "one{brk}two"\nb: x\nc: [p, q]\n'
    loaded = load_text(text, "breaks.yaml")
    # The raw break itself is reported where it stands (YAML would fold it into a space); nothing else shifts.
    assert codes(loaded) == [(1, 8, "control-character")]
    root = loaded.root
    assert root.keys_at == {"a": (1, 1), "b": (2, 1), "c": (3, 1)}
    assert root.values_at["b"] == (2, 4)
    assert root["c"].items_at == [(3, 5), (3, 8)]


@pytest.mark.parametrize("brk", ["\x85", "\u2028"], ids=["NEL", "LS"])
def test_unicode_line_breaks_on_the_same_line_as_later_keys(brk):
    loaded = load_text(f'{{a: "p{brk}q", b: x}}\n', "flow.yaml")
    assert loaded.root.keys_at["b"] == (1, 12)


def test_unicode_line_breaks_with_crlf_and_a_problem_after_them():
    text = 'a: "one\u2028two"\r\nb: x\r\nc: [\r\n'
    loaded = load_bytes(text.encode("utf-8"), "mixed.yaml")
    # the bracket left open is on line 3 (libyaml notices at the end, on line 4): the lines are the editor's
    assert [(p.line, p.column, p.code) for p in loaded.problems] == [(1, 8, "control-character"), (3, 4, "syntax")]
    loaded = load_text('a: "one\u2028two"\nb: x\nb: y\n', "dup.yaml")
    assert codes(loaded) == [(1, 8, "control-character"), (3, 1, "duplicate-key")]


def test_a_line_separator_is_kept_in_a_quoted_value():
    loaded = load_text('a: "one\u2028two"\n', "ls.yaml")
    assert loaded.root["a"] == "one\u2028two"


# -- values stay text ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["2025-01-20", "2025", "2025-01", "no", "yes", "on", "off", "true", "0755", "0o17",
                                   "0x1F", "12:30", "1.10", "1e3", ".inf", ".nan", "1_000", "2025-01-20T10:00:00Z"])
def test_scalars_stay_the_text_typed(typed):
    loaded = load_text(f"a: {typed}\n{typed}: key\n", "text.yaml")
    assert loaded.problems == []
    assert loaded.root["a"] == typed and type(loaded.root["a"]) is str
    assert loaded.root[typed] == "key"


@pytest.mark.parametrize("typed", ["", "~", "null", "Null", "NULL"])
def test_empty_and_null_plain_values_are_none(typed):
    loaded = load_text(f"a: {typed}\nb: x\n", "null.yaml")
    assert loaded.problems == [] and loaded.root["a"] is None
    assert loaded.root.values_at["a"][0] in (1, 2)  # a missing value still has a position


@pytest.mark.parametrize("typed", ['""', "''", '"~"', "'null'"])
def test_quoted_empty_and_null_stay_text(typed):
    loaded = load_text(f"a: {typed}\n", "quoted.yaml")
    assert loaded.root["a"] == typed[1:-1]


def test_block_scalars_keep_their_text():
    loaded = load_text("a: |\n  line one\n  line two\nb: >\n  folded\n  text\n", "block.yaml")
    assert loaded.root == {"a": "line one\nline two\n", "b": "folded text\n"}


def test_a_tab_inside_a_value_is_fine():
    loaded = load_text('a: "x\ty"\n', "tab.yaml")
    assert loaded.problems == [] and loaded.root["a"] == "x\ty"


def test_non_specific_tag_is_allowed():
    loaded = load_text("a: ! 2025\n", "tag.yaml")
    assert loaded.problems == [] and loaded.root["a"] == "2025"


# -- refusals -------------------------------------------------------------------------------------------------

def test_duplicate_key_keeps_the_first_value_and_says_where_it_was():
    loaded = load_text("a: 1\nb: x\na: 2\n", "dup.yaml")
    assert codes(loaded) == [(3, 1, "duplicate-key")]
    assert loaded.root["a"] == "1" and loaded.root.values_at["a"] == (1, 4)
    assert "line 1" in loaded.problems[0].message
    assert loaded.complete  # the rest of the file is still read


def test_duplicate_key_with_a_mapping_value_is_parsed_but_dropped():
    loaded = load_text("a:\n  x: 1\na:\n  y: 2\nb: 3\n", "dup.yaml")
    assert codes(loaded) == [(3, 1, "duplicate-key")]
    assert loaded.root == {"a": {"x": "1"}, "b": "3"}


def test_anchor_and_alias_are_reported_and_never_expanded():
    loaded = load_text("a: &x [1, 2]\nb: *x\n", "alias.yaml")
    assert codes(loaded) == [(1, 4, "anchor"), (2, 4, "alias")]
    assert loaded.root["a"] == ["1", "2"] and loaded.root["b"] is None


def peak_memory(work):
    """work() and the most memory Python allocated while it ran, in bytes (tracemalloc)."""
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        return work(), tracemalloc.get_traced_memory()[1]
    finally:
        if not tracing:
            tracemalloc.stop()


def test_billion_laughs_is_cheap():
    """What bounds the work: one problem per anchor and alias written (10 + 9 * 9), `a9` is nine empty items, and
    the load allocates under 8 MiB; expanding `a9` would make 9 ** 10 items."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    loaded, peak = peak_memory(lambda: load_text("\n".join(lines) + "\n", "laughs.yaml"))
    assert [p.code for p in loaded.problems].count("anchor") == 10
    assert [p.code for p in loaded.problems].count("alias") == 9 * 9 and len(loaded.problems) == 10 + 9 * 9
    assert loaded.root["a9"] == [None] * 9
    assert peak < 8 << 20, peak


def test_merge_key_is_refused_and_not_merged():
    loaded = load_text("a: 1\n<<: {b: 2}\n", "merge.yaml")
    assert codes(loaded) == [(2, 1, "merge-key")]
    assert loaded.root == {"a": "1"}


@pytest.mark.parametrize("text, position", [("a: !!int 3\n", (1, 4)), ("a: !!binary aGk=\n", (1, 4)),
                                            ("a: !custom x\n", (1, 4)), ("!!map {a: 1}\n", (1, 1)),
                                            ("a: !!seq [x]\n", (1, 4))])
def test_tags_are_refused(text, position):
    loaded = load_text(text, "tag.yaml")
    assert codes(loaded) == [(*position, "tag")]


@pytest.mark.parametrize("text, position", [("? [a, b]\n: x\n", (1, 3)), ("? {a: b}\n: x\n", (1, 3)),
                                            ("? \n: x\n", (1, 2))])
def test_keys_must_be_plain_text(text, position):
    loaded = load_text(text, "key.yaml")
    assert [p.code for p in loaded.problems] == ["complex-key"]
    assert loaded.root == {}


def test_a_second_document_stops_the_load():
    loaded = load_text("a: 1\n---\nb: 2\n", "docs.yaml")
    assert codes(loaded) == [(2, 1, "multiple-documents")]
    assert not loaded.complete
    assert load_text("---\na: 1\n...\n", "one.yaml").problems == []  # explicit markers around one document


def test_syntax_error_marks_the_load_incomplete():
    loaded = load_text("a: 1\nb: [\n", "syntax.yaml")
    assert [p.code for p in loaded.problems] == ["syntax"] and not loaded.complete
    assert loaded.problems[0].hint


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n", "---\n"])
def test_nothing_to_load_is_empty_file(text):
    loaded = load_text(text, "empty.yaml")
    assert codes(loaded) == [(1, 1, "empty-file")]
    assert loaded.root is None


# -- characters and encodings ---------------------------------------------------------------------------------

def test_invalid_utf8_is_reported_at_its_character_column():
    loaded = load_bytes("a: 1\nb: あい".encode("utf-8") + b"\xff\n", "bad.yaml")
    assert codes(loaded) == [(2, 6, "encoding")]
    assert "ff" in loaded.problems[0].message and not loaded.complete


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-16-be", None), ("utf-32", "UTF-32")])
def test_utf16_and_utf32_files_are_reported(encoding, name):
    data = ("\ufeff" if name is None else "") + "a: 日本\n"
    loaded = load_bytes(data.encode(encoding), "wide.yaml")
    assert codes(loaded) == [(1, 1, "encoding")]
    assert ("UTF-16" if name is None else name) in loaded.problems[0].message


def test_utf16_without_a_bom_is_a_problem_not_a_crash():
    loaded = load_bytes("version: 1\ntitle: 日本\n".encode("utf-16-le"), "nobom.yaml")
    assert loaded.problems and loaded.problems[0].severity is Severity.ERROR
    assert loaded.problems[0].code in ("encoding", "control-character", "syntax")


def test_raw_control_character_is_reported_at_its_character_column():
    loaded = load_text("a: 1\nb: あい\x07\n", "bell.yaml")
    assert codes(loaded) == [(2, 6, "control-character")]
    assert "U+0007" in loaded.problems[0].message


def test_escaped_control_character_reaches_the_value():
    # libyaml accepts the escape; validate.py reports it (see tests/data/bad/control-escape.yaml).
    loaded = load_text('a: "x\\ay\\e"\n', "escape.yaml")
    assert loaded.problems == [] and loaded.root["a"] == "x\ay\x1b"


# -- limits ---------------------------------------------------------------------------------------------------

def _nested(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"  # the root mapping is one level, each bracket one more


def test_nesting_up_to_the_limit_loads():
    loaded = load_text(_nested(MAX_DEPTH - 1), "deep.yaml")
    assert loaded.problems == [] and loaded.complete


def test_nesting_past_the_limit_is_one_problem_at_the_container_that_crosses_it():
    loaded = load_text(_nested(MAX_DEPTH), "deep.yaml")
    assert codes(loaded) == [(1, 4 + MAX_DEPTH - 1, "too-deep")]
    assert not loaded.complete


def test_very_deep_nesting_stops_early():
    """What bounds the work: one problem, at the first container past the limit, and under 8 MiB allocated while
    loading (the 400 KB text's UTF-8 copy is most of it); building 200,000 nested lists takes about 40 MB."""
    loaded, peak = peak_memory(lambda: load_text(_nested(200_000), "deeper.yaml"))
    assert codes(loaded) == [(1, 4 + MAX_DEPTH - 1, "too-deep")]
    assert not loaded.complete
    assert peak < 8 << 20, peak


def test_deep_block_nesting():
    text = "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 5))
    loaded = load_text(text, "block.yaml")
    assert codes(loaded) == [(MAX_DEPTH + 1, 2 * MAX_DEPTH + 1, "too-deep")]  # container n starts on line n


def test_scalar_at_the_size_limit_loads():
    loaded = load_text(f"a: {'x' * MAX_SCALAR}\n", "big.yaml")
    assert loaded.problems == [] and len(loaded.root["a"]) == MAX_SCALAR


def test_scalar_over_the_size_limit_is_reported_and_truncated():
    loaded = load_text(f"a: 1\nb: \"{'あ' * (MAX_SCALAR + 1)}\"\nc: 2\n", "big.yaml")
    assert codes(loaded) == [(2, 4, "too-large")]
    assert len(loaded.root["b"]) == MAX_SCALAR and loaded.root["c"] == "2"  # the rest of the file is read


def test_key_over_the_size_limit_is_reported():
    # an explicit key: YAML itself limits implicit keys to 1024 characters (a syntax error)
    loaded = load_text(f"? {'k' * (MAX_SCALAR + 1)}\n: 1\n", "bigkey.yaml")
    assert codes(loaded) == [(1, 3, "too-large")]


def test_file_over_max_bytes_is_refused_before_parsing(monkeypatch, tmp_path):
    data = MINIMAL.read_bytes()
    monkeypatch.setattr(decode, "MAX_BYTES", len(data) - 1)
    loaded = load_file(MINIMAL)
    assert codes(loaded) == [(1, 1, "too-large")]
    assert str(len(data) - 1) in loaded.problems[0].message and "TIMELINE_MAX_BYTES" in loaded.problems[0].hint
    assert not loaded.complete and loaded.root is None
    assert codes(load_bytes(data, "in-memory.yaml")) == [(1, 1, "too-large")]


def test_file_of_exactly_max_bytes_loads(monkeypatch):
    data = MINIMAL.read_bytes()
    monkeypatch.setattr(decode, "MAX_BYTES", len(data))
    loaded = load_file(MINIMAL)
    assert loaded.problems == [] and loaded.complete


def test_read_bytes_reads_at_most_one_byte_past_the_limit(monkeypatch, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 10_000)
    monkeypatch.setattr(decode, "MAX_BYTES", 100)
    assert len(load.read_bytes(path)) == 101


# -- files that cannot be read ----------------------------------------------------------------------------------

def test_missing_file_is_file_access_error(tmp_path):
    with pytest.raises(FileAccessError, match="no such file") as caught:
        load_file(tmp_path / "absent.yaml")
    assert caught.value.exit_code is ExitCode.USAGE


def test_directory_is_file_access_error(tmp_path):
    with pytest.raises(FileAccessError, match="directory"):
        load_file(tmp_path)


def test_path_through_a_file_is_file_access_error(tmp_path):
    (tmp_path / "events.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(FileAccessError, match="cannot read"):
        load_file(tmp_path / "events.yaml" / "child.yaml")


LOAD_AND_REPORT = """\
import sys
from timeline.errors import FileAccessError
from timeline.load import load_file
try:
    load_file(sys.argv[1])
except FileAccessError as error:
    print(int(error.exit_code), error)
"""


def test_unreadable_file_is_file_access_error(run_unprivileged, tmp_path):
    """A mode-000 file, read by load_file in a process held to permission bits (conftest.run_unprivileged: as
    root too, where this process could read it)."""
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    try:
        done = run_unprivileged(path, python_args=("-c", LOAD_AND_REPORT))
    finally:
        path.chmod(0o600)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout == f"{int(ExitCode.USAGE)} {path}: cannot read: Permission denied\n"


def test_unreadable_file_is_file_access_error_in_process(tmp_path, monkeypatch):
    # The same EACCES from open(), in this process and on any platform: the exception itself, not its text.
    import builtins

    real_open = builtins.open

    def denied(file, *args, **kwargs):
        if str(file).endswith("secret.yaml"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", denied)
    with pytest.raises(FileAccessError, match="cannot read: Permission denied") as caught:
        load_file(tmp_path / "secret.yaml")
    assert caught.value.exit_code is ExitCode.USAGE


def test_display_name_is_used_in_problems(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    assert {p.file for p in load_file(path).problems} == {str(path)}
    assert {p.file for p in load_file(path, display="shown.yaml").problems} == {"shown.yaml"}


def test_parser_name_names_pyyaml():
    assert PARSER_NAME.startswith("PyYAML ")


def test_reader_name_says_which_reader_reads():
    """--version names the reader: the compiled block reader, or libyaml alone where no compiler built it."""
    expected = "block reader (compiled)" if compiled.COMPILED else "libyaml only (no C compiler at install)"
    assert load.READER_NAME == expected
