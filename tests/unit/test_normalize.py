"""The canonical form and the library API of `timeline.normalize`: hand-written before/after fixtures."""

from __future__ import annotations

import os
import stat
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from timeline.errors import InvalidDataError, Severity
from timeline.load import load_text
from timeline.normalize import (Change, canonical_timeline, format_scalar, is_plain_safe, normalize_files,
                                normalize_text, unified_diff, write_changes)
from timeline.validate import validate
from conftest import TESTS

GOOD = TESTS / "data" / "good"
MINIMAL_TEXT = (GOOD / "minimal.yaml").read_text(encoding="utf-8")


def timeline_of(text: str):
    """The validated timeline of one file's text (fails the test if invalid)."""
    timeline, problems = validate([load_text(text.removeprefix("\ufeff"), "t.yaml")])
    assert timeline is not None, [str(p) for p in problems]
    return timeline


def comments_of(text: str) -> list[str]:
    """Every comment in `text`, found by PyYAML's pure-Python scanner (an oracle independent of ours)."""
    found: list[str] = []

    class Scanner(yaml.SafeLoader):
        def scan_to_next_token(self):  # PyYAML's own loop, noting each comment it skips
            if self.index == 0 and self.peek() == "\ufeff":
                self.forward()
            while True:
                while self.peek() == " ":
                    self.forward()
                if self.peek() == "#":
                    start = self.pointer  # a str input is one buffer, never trimmed
                    while self.peek() not in "\0\r\n\x85\u2028\u2029":
                        self.forward()
                    found.append(self.buffer[start:self.pointer].rstrip(" \t"))
                if not self.scan_line_break():
                    return
                if not self.flow_level:
                    self.allow_simple_key = True

        def scan_block_scalar_ignored_line(self, start_mark):  # the comment after a `|` or `>` header
            while self.peek() == " ":
                self.forward()
            if self.peek() == "#":
                start = self.pointer
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    self.forward()
                found.append(self.buffer[start:self.pointer].rstrip(" \t"))
            return super().scan_block_scalar_ignored_line(start_mark)

    list(yaml.scan(text, Loader=Scanner))
    return found


def check_roundtrip(before: str) -> str:
    """Normalize, and check what every normalization must guarantee; return the canonical text."""
    after = normalize_text(before, "t.yaml")
    assert normalize_text(after, "t.yaml") == after
    assert timeline_of(after) == canonical_timeline(timeline_of(before))
    assert_comments_kept(before, after)
    return after


def assert_comments_kept(before: str, after: str) -> None:
    """Every comment of `before` is in `after`, whole; several after one value share its line, two spaces apart."""
    old, new = comments_of(before), comments_of(after)
    assert all(any(comment in written for written in new) for comment in old), (old, new)
    assert sum(map(len, new)) == sum(map(len, old)) + 2 * (len(old) - len(new))


# -- key order and sorting -------------------------------------------------------------------------------

ORDER_BEFORE = """\
events:
  - title: {en: Second, ja: 二番目}
    id: second
    summary: {en: B., ja: B。}
    citations:
      - quote: q2
        source: src-b
    date: 2025-02-01
    topics: [ai]
  - id: tie-b
    date: 2025-03
    title: {ja: 同月B, en: Same month B}
    summary: {ja: B。, en: B.}
    topics: [ai]
    citations: [{source: src-b, quote: q}]
  - id: year-only
    date: '2025'
    title: {ja: 年, en: Year}
    summary: {ja: 年。, en: Year.}
    topics: [ai]
    citations: [{source: src-a, quote: q}]
  - id: tie-a
    date: 2025-03
    title: {ja: 同月A, en: Same month A}
    summary: {ja: A。, en: A.}
    topics: [ai]
    citations: [{source: src-a, quote: q}]
  - id: first
    date: 2025-01-20
    status: happened
    title: {ja: 一番目, en: First}
    summary: {ja: A。, en: A.}
    topics: [crypto, ai]
    actors: []
    citations: [{source: src-a, quote: q1}]
sources:
  src-b:
    language: en
    published: 2025-02-01
    title: B headline
    publisher: B News
  src-a:
    url: https://example.com/a
    publisher: A News
    title: A headline
    published: 2025-01
    language: ja
actors: {}
topics:
  crypto: {en: Crypto, ja: 暗号資産}
  ai: {ja: AI, en: AI}
title: {en: T, ja: T}
version: 1
"""

ORDER_AFTER = """\
version: 1
title:
  ja: T
  en: T
topics:
  ai:
    ja: AI
    en: AI
  crypto:
    ja: 暗号資産
    en: Crypto
actors: {}
sources:
  src-a:
    publisher: A News
    title: A headline
    published: 2025-01
    language: ja
    url: https://example.com/a
  src-b:
    publisher: B News
    title: B headline
    published: 2025-02-01
    language: en
events:
  - id: first
    date: 2025-01-20
    status: happened
    title:
      ja: 一番目
      en: First
    summary:
      ja: A。
      en: A.
    topics: [crypto, ai]
    actors: []
    citations:
      - source: src-a
        quote: q1
  - id: second
    date: 2025-02-01
    title:
      ja: 二番目
      en: Second
    summary:
      ja: B。
      en: B.
    topics: [ai]
    citations:
      - source: src-b
        quote: q2
  - id: tie-b
    date: 2025-03
    title:
      ja: 同月B
      en: Same month B
    summary:
      ja: B。
      en: B.
    topics: [ai]
    citations:
      - source: src-b
        quote: q
  - id: tie-a
    date: 2025-03
    title:
      ja: 同月A
      en: Same month A
    summary:
      ja: A。
      en: A.
    topics: [ai]
    citations:
      - source: src-a
        quote: q
  - id: year-only
    date: 2025
    title:
      ja: 年
      en: Year
    summary:
      ja: 年。
      en: Year.
    topics: [ai]
    citations:
      - source: src-a
        quote: q
"""


def test_key_order_registries_by_id_events_in_the_one_order_ties_in_file_order():
    assert check_roundtrip(ORDER_BEFORE) == ORDER_AFTER


def test_canonical_text_is_returned_unchanged():
    assert normalize_text(ORDER_AFTER, "t.yaml") == ORDER_AFTER


def test_the_documented_example_is_canonical():
    assert normalize_text(MINIMAL_TEXT, "minimal.yaml") == MINIMAL_TEXT


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.yaml")), ids=lambda p: p.name)
def test_every_good_fixture_normalizes_to_the_same_data(path):
    check_roundtrip(path.read_text(encoding="utf-8"))


# -- values: dates, trimming, NFC, nulls --------------------------------------------------------------------

def minimal_with(**replacements: str) -> str:
    text = MINIMAL_TEXT
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_values_are_trimmed_and_nfc():
    before = minimal_with(**{"en: Trump sworn in as 47th president": 'en: "  Cafe\u0301 opens  "'})
    after = check_roundtrip(before)
    assert "      en: Caf\u00e9 opens\n" in after
    assert timeline_of(after).events[0].title.en == "Caf\u00e9 opens"


def test_nfc_is_the_only_change_to_the_data():
    before = minimal_with(**{"ja: トランプ氏が第47代大統領に就任": "ja: ト\u3099ナルト\u3099"})
    assert timeline_of(before) != timeline_of(normalize_text(before, "t.yaml"))
    assert canonical_timeline(timeline_of(before)) == timeline_of(normalize_text(before, "t.yaml"))
    assert "ja: ドナルド\n" in normalize_text(before, "t.yaml")


@pytest.mark.parametrize(("written", "canonical"), [
    ("2025-01-20", "2025-01-20"), ("'2025-01-20'", "2025-01-20"), ('"2025"', "2025"), ("2025-22", "2025-22"),
    ("' 2025-01~ '", "2025-01~"), ('"2025-01-21/2029-01"', "2025-01-21/2029-01"), ("../2025-07", "../2025-07"),
    ("2025-07/", "2025-07/"), ("'2025-01%'", "2025-01%"),
])
def test_dates_are_written_plain_in_canonical_edtf(written, canonical):
    after = check_roundtrip(minimal_with(**{"date: 2025-01-20": f"date: {written}"}))
    assert f"    date: {canonical}\n" in after


def test_null_values_are_written_empty_and_explicit_defaults_are_kept():
    before = minimal_with(**{
        "    archive: example.txt\n": "    archive: example.txt\n    author: ~\n",
        "    actors: [donald-trump]\n": "    actors: [donald-trump]\n    notes: null\n    status: happened\n",
        "    kind: person\n": "    kind:\n",
    })
    after = check_roundtrip(before)
    assert "    archive: example.txt\n    author:\n" in after
    assert "    date: 2025-01-20\n    status: happened\n" in after
    assert "        quote: 2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し\n    notes:\n" in after
    assert "    en: Donald Trump\n    kind:\n    aliases: [Trump, トランプ]\n" in after


def test_id_lists_are_flow_and_keep_their_order():
    before = minimal_with(**{"    topics: [ai-policy]\n": "    topics:\n      - ai-policy\n",
                             "    aliases: [Trump, トランプ]\n": "    aliases:\n    - トランプ\n    - 'Trump, Donald'\n"})
    after = check_roundtrip(before)
    assert "    topics: [ai-policy]\n" in after
    assert '    aliases: [トランプ, "Trump, Donald"]\n' in after


def test_multi_line_text_is_one_line_with_escapes_never_folded():
    long = "A very long sentence that goes on " * 10
    before = minimal_with(**{"      en: Donald Trump was sworn in as the 47th president of the United States.\n":
                             "      en: |-\n        first line\n        second line\n",
                             "      en: Trump sworn in as 47th president\n":
                             f"      en: >\n        {long}\n"})
    after = check_roundtrip(before)
    assert '      en: "first line\\nsecond line"\n' in after
    assert f"      en: {long.strip()}\n" in after


def test_document_markers_and_directives_are_dropped():
    after = check_roundtrip("%YAML 1.1\n--- # about the file\n" + MINIMAL_TEXT + "...\n")
    assert after == "# about the file\n" + MINIMAL_TEXT


# -- quoting ------------------------------------------------------------------------------------------------

QUOTED = [
    # YAML 1.1 and 1.2 readers take these for null, booleans, numbers or timestamps
    "", "~", "null", "Null", "NULL", "no", "No", "NO", "yes", "on", "On", "off", "OFF", "y", "Y", "n", "N", "true",
    "False", "2025", "1.10", "0755", "0o17", "0x1F", "0b101", "12:30", "1:20:30.5", "1e3", "1.5e-3", ".5", "1.",
    "-1", "+1", "1_000", ".inf", "-.Inf", ".nan", "2025-01-20", "2025-1-2", "2025-01-20 10:00:00", "=", "<<",
    # indicators and comment or mapping markers
    "- a", "-a", "?a", ": a", ",a", "[a]", "]a", "{a}", "}a", "#a", "&a", "*a", "!a", "|a", ">a", "'a'", '"a"',
    "%a", "@a", "`a", "a: b", "a:", "a #b", "---", "---a", "...", "...a",
    # whitespace at the ends, line breaks, controls, invisible characters
    " a", "a ", "\ta", "a\tb", "a\nb", "a\rb", "a\x85b", "a\u2028b", "a\u2029b", "a\x07b", "a\x00b", "a\x7fb",
    "a\u200bb", "a\ufeffb", "a\u200eb", "a\u00adb",
]
PLAIN = ["plain text", "a:b", "a#b", "it's", 'say "hi"', "back\\slash", "a [b] {c}", "a, b", "a | b", "100%",
         "2025-01", "2025年1月20日", "日本語", "😀 emoji", "「引用」", "１２:３０", "https://example.com/a?b=c#d",
         "a - b", "e", "nan", "Trump's", "a\u00a0b", "a\u3000b"]


@pytest.mark.parametrize("value", QUOTED, ids=repr)
def test_values_other_readers_would_misread_are_double_quoted(value):
    written = format_scalar(value)
    assert written.startswith('"') and written.endswith('"')
    assert yaml.safe_load(f"key: {written}") == {"key": value}
    assert load_text(f"key: {written}\n", "t").root == {"key": value}


@pytest.mark.parametrize("value", PLAIN, ids=repr)
def test_values_every_reader_reads_alike_are_plain(value):
    assert format_scalar(value) == value
    assert yaml.safe_load(f"key: {value}") == {"key": value}
    assert load_text(f"key: {value}\n", "t").root == {"key": value}


@pytest.mark.parametrize(("value", "written"), [
    ("a\tb", '"a\\tb"'), ("a\nb", '"a\\nb"'), ('a: "b" \\c', '"a: \\"b\\" \\\\c"'), ("\x00", '"\\0"'),
    ("\x85", '"\\N"'), ("\u2028", '"\\L"'), ("\u2029", '"\\P"'), ("\x1b", '"\\x1B"'), ("\u200b", '"\\u200B"'), ("\U000e0067", '"\\U000E0067"'),
    ("no 😀", "no 😀"), ("😀: x", '"😀: x"'),
])
def test_escapes(value, written):
    assert format_scalar(value) == written


@pytest.mark.parametrize("value", ["a, b", "a]", "a[", "{a", "a}", "a:b", "a#b", "0?"])
def test_flow_list_items_quote_flow_indicators(value):
    written = format_scalar(value, flow=True)
    assert written.startswith('"')
    assert yaml.safe_load(f"key: [{written}]") == {"key": [value]}


def test_every_invisible_or_control_character_is_escaped():
    """Cc, Cf, Zl, Zp of the running Python's Unicode are never written raw (the list in normalize/scalars.py is kept up to date)."""
    missed = [f"U+{code:04X}" for code in range(0x110000)
              if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp") and is_plain_safe(f"a{chr(code)}b")]
    assert missed == []


def test_registry_ids_that_would_be_misread_are_quoted():
    before = minimal_with(**{"  ai-policy:\n": '  "no":\n', "[ai-policy]": '["no"]'})
    after = check_roundtrip(before)
    assert '  "no":\n' in after and '    topics: ["no"]\n' in after
    assert "no" in yaml.safe_load(after)["topics"]


# -- comments -----------------------------------------------------------------------------------------------

COMMENTS_BEFORE = """\
# yaml-language-server: $schema=./timeline.schema.json
# second header line

version: 1  # format version
title:  # the chronology's name
  ja: T
  en: T
# registries follow
topics:
  # crypto comes second after sorting
  crypto: {ja: 暗号資産, en: Crypto}  # after the last value on the line
  ai:
    ja: AI
    en: AI
actors: {}
sources:
  src-a:
    publisher: A News
    title: "Quoted # not a comment"
    published: 2025-01
    language: ja
    url: https://example.com/a#section  # fragment kept
events:
  # the later event
  - id: later
    date: 2025-02
    title:
      ja: 後
      en: Later
    summary:
      ja: |
        本文 # not a comment
        # not a comment either
      en: Later.   # end of line, after a scalar
    topics: [
      ai,  # inside a flow list
      crypto,
    ]
    citations:
      # the only citation
      - source: src-a
        quote: 'it''s # text'
  # the earlier event
  - date: 2025-01   # on a key that moves
    # above the id
    id: earlier
    title: {ja: 前, en: Earlier}
    summary: {ja: 前。, en: Earlier.}
    topics: [ai]
    citations: [{source: src-a, quote: q}]
# end of events

# last words
"""

COMMENTS_AFTER = """\
# yaml-language-server: $schema=./timeline.schema.json
# second header line
version: 1  # format version
title:  # the chronology's name
  ja: T
  en: T
# registries follow
topics:
  ai:
    ja: AI
    en: AI
  # crypto comes second after sorting
  crypto:
    ja: 暗号資産
    en: Crypto  # after the last value on the line
actors: {}
sources:
  src-a:
    publisher: A News
    title: "Quoted # not a comment"
    published: 2025-01
    language: ja
    url: https://example.com/a#section  # fragment kept
events:
  # the earlier event
  # above the id
  - id: earlier
    date: 2025-01  # on a key that moves
    title:
      ja: 前
      en: Earlier
    summary:
      ja: 前。
      en: Earlier.
    topics: [ai]
    citations:
      - source: src-a
        quote: q
  # the later event
  - id: later
    date: 2025-02
    title:
      ja: 後
      en: Later
    summary:
      ja: "本文 # not a comment\\n# not a comment either"
      en: Later.  # end of line, after a scalar
    topics: [ai, crypto]  # inside a flow list
    citations:
      # the only citation
      - source: src-a
        quote: "it's # text"
# end of events
# last words
"""


def test_comments_stay_with_what_they_belong_to():
    assert check_roundtrip(COMMENTS_BEFORE) == COMMENTS_AFTER


def test_comment_oracle_agrees_on_the_fixture():
    assert len(comments_of(COMMENTS_BEFORE)) == 17
    assert "# not a comment" not in comments_of(COMMENTS_BEFORE)


DISPUTE_BEFORE = minimal_with(**{"        quote: 2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し\n": """\
        quote: 2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し
    disputes:
      # the one dispute
      - claims:
          - source: example-2025-01-27  # first claim
            says: {ja: 4年間, en: four years}
            quote: 4年間
          # second claim
          - says:  # what it says
              en: five years
              ja: 5年間
            date: 2025-01-21
            quote: 5年間
            source: example-2025-01-27
        about: duration  # what is disputed
        note: {en: Articles differ., ja: 記事により異なる。}
"""})

DISPUTE_AFTER_TAIL = """\
    disputes:
      # the one dispute
      - about: duration  # what is disputed
        note:
          ja: 記事により異なる。
          en: Articles differ.
        claims:
          - says: {ja: 4年間, en: four years}
            source: example-2025-01-27  # first claim
            quote: 4年間
          # second claim
          - says: {ja: 5年間, en: five years}  # what it says
            source: example-2025-01-27
            quote: 5年間
            date: 2025-01-21
"""


def test_disputes_and_claims_keep_their_comments():
    after = check_roundtrip(DISPUTE_BEFORE)
    assert after.endswith(DISPUTE_AFTER_TAIL)


def test_says_is_one_flow_line_with_flow_quoting_and_its_comments():
    before = DISPUTE_BEFORE.replace("says: {ja: 4年間, en: four years}",
                                    "says:\n              ja: 4年間  # ja\n              # before en\n"
                                    "              en: 'four years, or {so}'")
    after = check_roundtrip(before)
    assert ('          # before en\n          - says: {ja: 4年間, en: "four years, or {so}"}  # ja\n'
            "            source: example-2025-01-27  # first claim\n") in after


def test_block_scalar_header_comment_and_indentation_indicator():
    before = minimal_with(**{"        quote: 2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し\n":
                             "        quote: |2-  # on the header\n            indented # text\n"
                             "          # text too: deeper than the key\n        # a real comment\n"})
    after = check_roundtrip(before)
    assert after.endswith('        quote: "indented # text\\n# text too: deeper than the key"  # on the header\n'
                          "# a real comment\n")


def test_a_comment_less_indented_than_block_text_ends_it():
    before = minimal_with(**{"        quote: 2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し\n":
                             "        quote: >\n            folded\n            text\n          # deeper than the key, "
                             "shallower than the text\n    notes: {ja: 注, en: Note}\n"})
    after = check_roundtrip(before)
    assert after.endswith("        quote: folded text\n    # deeper than the key, shallower than the text\n"
                          "    notes:\n      ja: 注\n      en: Note\n")


def test_a_block_scalar_item_does_not_hide_later_comments():
    before = minimal_with(**{"    aliases: [Trump, トランプ]\n": "    aliases:\n      - |\n        Trump # text\n"
                                                                 "      - トランプ  # a real comment\n"})
    after = check_roundtrip(before)
    assert '    aliases: ["Trump # text", トランプ]  # a real comment\n' in after


def test_comments_in_multi_line_flow_collections():
    before = minimal_with(**{
        "  ai-policy:\n    ja: AI政策\n    en: AI policy\n":
            "  ai-policy: {ja: AI政策,  # the Japanese name\n    en: AI policy}  # the English name\n",
        "    topics: [ai-policy]\n": "    topics: [\n      # the main topic\n      ai-policy,\n    ]  # after the bracket\n",
    })
    after = check_roundtrip(before)
    assert "    ja: AI政策  # the Japanese name\n    en: AI policy  # the English name\n" in after
    assert "    # the main topic\n    topics: [ai-policy]\n    # after the bracket\n    actors:" in after


# -- bytes: line endings, BOM --------------------------------------------------------------------------------

def test_crlf_is_kept():
    before = ORDER_BEFORE.replace("\n", "\r\n")
    after = normalize_text(before, "t.yaml")
    assert after == ORDER_AFTER.replace("\n", "\r\n")
    assert "\n" not in after.replace("\r\n", "")


def test_crlf_with_comments_and_a_bom():
    before = "\ufeff" + COMMENTS_BEFORE.replace("\n", "\r\n")
    assert normalize_text(before, "t.yaml") == "\ufeff" + COMMENTS_AFTER.replace("\n", "\r\n")


def test_a_bom_is_kept():
    assert normalize_text("\ufeff" + ORDER_BEFORE, "t.yaml") == "\ufeff" + ORDER_AFTER


def test_a_final_newline_is_added():
    assert normalize_text(MINIMAL_TEXT.rstrip("\n"), "t.yaml") == MINIMAL_TEXT


# -- invalid input -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("before", [
    MINIMAL_TEXT.replace("[ai-policy]", "[ai-policies]"),
    MINIMAL_TEXT.replace("date: 2025-01-20", "date: 2025-02-30"),
    MINIMAL_TEXT + "unknown: 1\n",
    "version: 1\ntitle: [unclosed\n",
    MINIMAL_TEXT.replace("kind: person\n", "kind: person\u2028# after a raw line separator\n"),
], ids=["unknown-topic", "bad-date", "unknown-key", "syntax", "raw-line-separator"])
def test_invalid_text_raises_validates_errors(before):
    with pytest.raises(InvalidDataError) as raised:
        normalize_text(before, "t.yaml")
    _, problems = validate([load_text(before, "t.yaml")])
    assert raised.value.problems == [p for p in problems if p.severity is Severity.ERROR]
    assert raised.value.problems


# -- files ---------------------------------------------------------------------------------------------------

def test_normalize_files_validates_files_together(tmp_path):
    registries, events = MINIMAL_TEXT.split("events:\n")
    first = tmp_path / "registries.yaml"
    first.write_text(registries.replace("topics:\n", "# the registries\ntopics:\n"), encoding="utf-8")
    second = tmp_path / "events.yaml"
    second.write_text("version: 1\nevents:\n" + events.replace("  - id:", "  - date: 2025-01-20\n    id:", 1)
                      .replace("    date: 2025-01-20\n    title", "    title"), encoding="utf-8")
    changes = normalize_files([first, second])
    assert [change.changed for change in changes] == [False, True]
    assert changes[1].after.decode() == "version: 1\nevents:\n" + events


def test_write_changes_writes_only_changed_files_through_symlinks(tmp_path):
    canonical, messy = tmp_path / "canonical.yaml", tmp_path / "messy.yaml"
    canonical.write_text(MINIMAL_TEXT, encoding="utf-8")
    messy.write_text(ORDER_BEFORE, encoding="utf-8")
    os.chmod(messy, 0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(messy.name)
    before_ns = canonical.stat().st_mtime_ns
    written = write_changes(normalize_files([canonical, link]))
    assert [change.path for change in written] == [link]
    assert link.is_symlink() and messy.read_text(encoding="utf-8") == ORDER_AFTER
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert canonical.stat().st_mtime_ns == before_ns


def test_a_file_saved_meanwhile_is_not_overwritten(tmp_path):
    from timeline.errors import FileChangedError

    path = tmp_path / "events.yaml"
    path.write_text(ORDER_BEFORE, encoding="utf-8")
    changes = normalize_files([path])
    path.write_text(ORDER_BEFORE + "# saved by an editor\n", encoding="utf-8")
    with pytest.raises(FileChangedError):
        write_changes(changes)
    assert path.read_text(encoding="utf-8") == ORDER_BEFORE + "# saved by an editor\n"


def test_unified_diff():
    change = Change(Path("dir/events.yaml"), b"version: 1\nb: 2", b"version: 1\na: 1\n")
    assert unified_diff(change) == (
        "--- a/dir/events.yaml\n+++ b/dir/events.yaml\n@@ -1,2 +1,2 @@\n version: 1\n-b: 2\n"
        "\\ No newline at end of file\n+a: 1\n"
    )
    assert unified_diff(Change(Path("x.yaml"), b"same\n", b"same\n")) == ""


def test_unified_diff_does_not_split_at_unicode_line_separators():
    change = Change(Path("/abs/x.yaml"), "a: \"x\u2028y\"\n".encode(), "a: \"x\\u2028y\"\n".encode())
    assert unified_diff(change).splitlines()[:2] == ["--- a/abs/x.yaml", "+++ b/abs/x.yaml"]
    assert unified_diff(change).count("\n") == 5


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_permissions_are_kept(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(ORDER_BEFORE, encoding="utf-8")
    os.chmod(path, 0o600)
    write_changes(normalize_files([path]))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8") == ORDER_AFTER
