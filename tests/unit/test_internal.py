"""Internal notes and private sources: their checks (validate), the public view (internal.py), the redaction of
problems, and the INTERNAL marks (render/banner.py)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from timeline.errors import Problem, Severity
from timeline.internal import (QUOTE_WITHHELD, UNNAMED_SOURCE, Withheld, has_internal, public, redact, secrets,
                               secrets_in_values, withhold)
from timeline.load import load_bytes
from timeline.render import banner
from timeline.validate import validate
from conftest import MINIMAL

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
SOURCE_LINE = "    archive: example.txt\n"


def _with(source: str = "", event: str = "") -> str:
    """The minimal file with `source` lines added to its source and `event` lines to its event."""
    text = MINIMAL_TEXT.replace(SOURCE_LINE, SOURCE_LINE + source)
    return text.rstrip("\n") + "\n" + event if event else text


def _validated(text: str):
    return validate([load_bytes(text.encode("utf-8"), "events.yaml")])


def _codes(text: str) -> list[str]:
    _, problems = _validated(text)
    return [p.code for p in problems if p.severity is not Severity.NOTICE]


CORRECTION = ("    corrections:\n      - date: 2025-02-01\n        kind: correction\n"
              "        text: {ja: 訂正, en: Corrected}\n")


@pytest.mark.parametrize(("source", "event", "codes"), [
    ("    private: true\n    internal: call the desk first\n", "    internal: hold until Friday\n", []),
    ("    private: yes\n", "", ["bad-value"]),
    ("    internal: ''\n", "", ["empty-text"]),
    ("", "    internal: [a, b]\n", ["wrong-type"]),
    ("", "    internals: x\n", ["unknown-key"]),
    ("", CORRECTION, []),
    ("", CORRECTION + "        source: example-2025-01-27\n", []),
    ("", CORRECTION + "        source: nowhere-2025\n", ["unknown-source"]),
    ("", CORRECTION.replace("kind: correction", "kind: erratum"), ["bad-value"]),
    ("", CORRECTION.replace("2025-02-01", "2025-02-01/2025-03"), ["bad-date"]),
    ("", CORRECTION.replace("{ja: 訂正, en: Corrected}", "{ja: 訂正}"), ["missing-key"]),
    ("", CORRECTION.replace("        kind: correction\n", ""), ["missing-key"]),
    ("", "    corrections: {date: 2025-02-01}\n", ["wrong-type"]),
    ("", CORRECTION + "        note: x\n", ["unknown-key"]),
], ids=["valid-notes", "private-not-true", "empty-note", "note-a-list", "misspelt", "correction",
        "correction-source", "correction-unknown-source", "correction-bad-kind", "correction-interval",
        "correction-one-language", "correction-no-kind", "corrections-a-mapping", "correction-unknown-key"])
def test_the_new_keys_are_checked(source, event, codes):
    assert _codes(_with(source, event)) == codes


def test_the_fields_reach_the_model():
    timeline, _ = _validated(_with("    private: true\n    internal: desk note\n",
                                   CORRECTION + "        source: example-2025-01-27\n    internal: hold\n"))
    source, event = timeline.sources["example-2025-01-27"], timeline.events[0]
    assert (source.private, source.internal, event.internal) == (True, "desk note", "hold")
    (correction,) = event.corrections
    assert (str(correction.date), correction.kind, correction.text.en, correction.source) == \
        ("2025-02-01", "correction", "Corrected", "example-2025-01-27")


@pytest.fixture
def secretive():
    timeline, problems = _validated(_with("    private: true\n    author: A. Writer\n    internal: desk note\n",
                                          CORRECTION + "        source: example-2025-01-27\n    internal: hold\n"))
    assert timeline is not None, problems
    return timeline


def test_public_strips_every_note_and_withholds_the_private_source(secretive):
    shown = public(secretive)
    assert not any(e.internal for e in shown.events) and not any(s.internal for s in shown.sources.values())
    (placeholder,) = shown.sources.values()
    assert placeholder == dataclasses.replace(placeholder, id="withheld-1", publisher=UNNAMED_SOURCE["en"],
                                              title=None, url=None, archive=None, author=None, private=True)
    assert placeholder.published == secretive.sources["example-2025-01-27"].published
    event = shown.events[0]
    assert [(c.source, c.quote) for c in event.citations] == [("withheld-1", QUOTE_WITHHELD["en"])]
    assert event.corrections[0].source == "withheld-1"
    hidden = secrets(secretive)
    assert hidden >= {"example-2025-01-27", "Example News", "A. Writer", "https://example.com/article", "example.txt",
                      "hold", "desk note", "見出しは原文のまま"}
    assert not any(text in repr(shown) for text in hidden)
    assert has_internal(secretive) and not has_internal(dataclasses.replace(shown, sources={}))
    assert public(secretive, lang="ja").sources["withheld-1"].publisher == "匿名の情報源"


def test_a_placeholder_never_takes_a_public_source_id():
    numbering = Withheld()
    numbering.taken = {"withheld-1", "withheld-3"}
    assert [numbering(name) for name in ("a", "b", "a")] == ["withheld-2", "withheld-4", "withheld-2"]


def test_redact_keeps_the_position_and_code():
    problems = [Problem("f.yaml", 3, 5, "bad-url", "source 'anon' url 'ftp://x' is not an http(s) address", "use"),
                Problem("f.yaml", 9, 1, "missing-key", "event 'e' has no 'title'", "add it")]
    redacted = redact(problems, None, {"ftp://x"})
    assert [(p.file, p.line, p.column, p.code, p.severity) for p in redacted] == \
        [(p.file, p.line, p.column, p.code, p.severity) for p in problems]
    assert "ftp://x" not in redacted[0].message + redacted[0].hint and redacted[1] == problems[1]


def test_secrets_from_raw_values_of_a_broken_file():
    root = {"sources": {"anon": {"private": "true", "publisher": "P", "url": "ftp://u", "language": "en",
                                 "published": "2025-01-21"}},
            "events": [{"internal": "note", "citations": [{"source": "anon", "quote": "said so"},
                                                          {"source": "other", "quote": "public words"}]}]}
    # Identifying fields only: its language and date are shown for a withheld source too.
    assert secrets_in_values([root]) == {"anon", "P", "ftp://u", "note", "said so"}


def test_a_short_or_partial_word_never_withholds():
    problem = Problem("f.yaml", 3, 5, "bad-date", "event 'e' date 'then' is not a date", "write 2025-01-20")
    assert redact([problem], None, {"en", "the"}) == [problem]  # "en" is too short, "the" only part of "then"


PLACED = """\
sources:
  open:
    publisher: Open
  anon:
    publisher: Hidden
    private: true
events:
  - id: e
    citations:
      - source: anon
        quote: said so
      - source: open
        quote: public words
    internal: |
      a note
      on two lines
    title: T
"""


@pytest.mark.parametrize(("line", "column", "withheld"), [
    (4, 3, True), (5, 16, True), (6, 5, True),  # the private source, from its id to its last line
    (2, 3, False), (3, 5, False), (7, 1, False),
    (10, 9, True), (11, 15, True), (12, 9, False), (13, 16, False),  # the citation of it; the public one
    (14, 5, True), (16, 7, True), (17, 5, False),  # an internal note to its last line (a block scalar's too)
])
def test_a_problem_inside_a_secret_is_withheld_by_position(line, column, withheld):
    problem = Problem("f.yaml", line, column, "comment-in-text", "the text after it, 'mole', is a comment", "quote")
    shown = withhold([problem], datas={"f.yaml": PLACED.encode()})
    assert (shown[0].message != problem.message) is withheld
    assert (shown[0].line, shown[0].column, shown[0].code) == (line, column, "comment-in-text")


@pytest.mark.parametrize(("text", "expected"), [
    ('{\n  "version": 1\n}\n', {"internal": True, "version": 1}),
    ('{"id":"e"}', {"internal": True, "id": "e"}),
    ("{}", {"internal": True}),
    ('[\n  {"a": 1}\n]\n', {"internal": True, "items": [{"a": 1}]}),
])
def test_the_json_mark_is_a_first_key(text, expected):
    marked = banner.mark_json(text)
    assert json.loads(marked) == expected and next(iter(json.loads(marked))) == "internal"


def test_the_csv_mark_is_a_first_column():
    marked = banner.mark_csv('id,title\r\ne,"two\nlines"\r\n', "ja")
    assert marked == '社内用・公開不可,id,title\r\nINTERNAL,e,"two\nlines"\r\n'


def test_the_ics_mark_parses_as_icalendar():
    icalendar = pytest.importorskip("icalendar")
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n"
    calendar = icalendar.Calendar.from_ical(banner.mark_ics(data, "en"))
    assert calendar["X-TIMELINE-INTERNAL"] == "TRUE" and "not for publication" in str(calendar["X-WR-CALDESC"])


def test_the_sqlite_mark_is_a_table():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE events (id TEXT)")
    marked = banner.mark_sqlite(connection.serialize(), "en")
    reopened = sqlite3.connect(":memory:")
    reopened.deserialize(marked)
    assert reopened.execute("SELECT notice FROM internal_notice").fetchall() == [("INTERNAL — not for publication",)]
    assert reopened.execute("SELECT count(*) FROM events").fetchone() == (0,)


@pytest.mark.parametrize(("text", "expected"), [
    ("timeline\n    title T\n    section 2025\n", "timeline\n    title INTERNAL — not for publication · T\n"),
    ("timeline\n    section 2025\n", "timeline\n    title INTERNAL — not for publication\n"),
])
def test_the_mermaid_mark_is_in_the_title(text, expected):
    assert banner.mark_mermaid(text, "en").startswith(expected)


CHRONOLOGY = '<div class="tl-chronology">\n<h1>T</h1>'


def test_the_html_mark_is_first_in_the_chronology_and_in_the_pages_title():
    page = banner.mark_html(f"<html><head><title>T</title></head>\n<body class='x'>\n<a>skip</a>\n{CHRONOLOGY}</div>"
                            "</body></html>", "en")
    assert page.index('<div class="tl-chronology">\n') + len('<div class="tl-chronology">\n') == \
        page.index('<p class="tl-internal"') < page.index("<h1>")
    assert "<title>INTERNAL — not for publication · T</title>" in page
    # On a page the banner is in both languages, as every text is: the language toggle switches it.
    assert '<span class="tl-l-ja" lang="ja" hidden>社内用・公開不可</span>' in page


def test_a_fragments_mark_is_inside_it_in_its_language():
    """A CMS editor copies the fragment's div: the banner goes with it, in the fragment's language (no toggle)."""
    page = banner.mark_html(f'<div class="tl-chronology" lang="ja">\n<style>x</style><h2>T</h2></div>', "ja")
    assert page.startswith('<div class="tl-chronology" lang="ja">\n<p class="tl-internal" role="alert"><strong>'
                           '社内用・公開不可</strong></p>')


@pytest.mark.parametrize("where", ["<style>/* first in <body> */</style>", "<script>// '<body>'</script>",
                                   '<style>/* <div class="tl-chronology"> */</style>'])
def test_the_html_mark_is_not_put_where_a_stylesheet_or_script_says_body(where):
    page = banner.mark_html(f"<html><head>{where}</head>\n<body>\n{CHRONOLOGY}</div></body></html>", "en")
    assert page.startswith(f"<html><head>{where}</head>\n<body>\n<div class=\"tl-chronology\">\n<p class=\"tl-internal\"")


def test_the_page_with_the_mark_keeps_its_stylesheet_whole(run_cli):
    """The real page under --internal: its <style> holds only page.css (the mark once landed in it)."""
    from timeline.render.html import asset

    page = run_cli("html", "--internal").stdout
    assert page.count("<style>") == 1 and f"<style>{asset('page.css')}</style>" in page
    assert page.index('<p class="tl-internal"') > page.index("</head>")


def test_a_private_entry_cut_out_withholds_only_what_identifies_it(run_cli, tmp_path):
    """The words of a private source's entry found in the text are its id and identifying values, never its keys,
    date or language: "title" or a date in a public problem's message once made it "details withheld"."""
    from conftest import TESTS

    text = (TESTS / "data" / "mistakes" / "valid.yaml").read_text(encoding="utf-8").replace(
        "    language: en\nevents:", '    language: en\n  tip:\n    publisher: "Desk C:\\qux"\n    title: Memo\n'
        "    published: 2025-01-20\n    language: en\n    private: true\nevents:", 1).replace(
        "    date: 2025-01-19\n", "    date: 2025-13-19\n", 1).replace("      en: Three\n", '      en: "Three \\q title"\n', 1)
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    said = run_cli("validate", path).stdout
    assert said.count("details withheld") == 1 and "Desk" not in said
    assert "date: '2025-13-19': month 13 is out of range" in said and "an escape YAML does not know" in said



@pytest.mark.parametrize("text", ["{source: [], version: null, quote: []}\n",
                                  "events:\n  - source: {a: 1}\n    quote: words\n"])
def test_a_source_that_is_no_id_beside_a_quote_is_a_problem_not_a_traceback(run_cli, tmp_path, text):
    """Found by the property test (tests/reliability/test_properties.py): withholding looked the citation's source
    up among the private ids as it was, a list, which no set can hold."""
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", path)
    assert result.exit_code == 1 and (result.exception is None or isinstance(result.exception, SystemExit))
