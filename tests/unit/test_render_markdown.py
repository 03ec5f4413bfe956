"""Tests for timeline.render.markdown: the Markdown chronology, checked as text and as rendered HTML.

Golden files live in tests/golden/; regenerate them with `UPDATE_GOLDEN=1 pytest tests/unit/test_render_markdown.py`
and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from timeline.dates import parse_edtf, parse_point
from timeline.model import Citation, Claim, Dispute, Event, Source, Text, Timeline, Topic
from timeline.order import chronological
from timeline.query import Filter, query
from timeline.render.markdown import GROUPINGS, MarkdownOptions, as_of, escape_markdown, render_markdown
from timeline.pipeline import load_timeline
from conftest import TESTS

HERE = TESTS
FIXTURE = HERE / "data" / "good" / "chronology.yaml"
GOLDEN = HERE / "golden"
LANGS = ("en", "ja")


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME, or (re)write it when UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: review the output, then run with UPDATE_GOLDEN=1 to write it")
    assert text == path.read_bytes().decode("utf-8")


def markdown_parser() -> MarkdownIt:
    """CommonMark with the GFM extensions a chronology may meet: tables, strikethrough, footnotes."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)


def gfm_parser() -> MarkdownIt:
    """GFM as markdown-it-py has it (tables, strikethrough, linkify), with footnotes, and linkify at its most
    eager: fuzzy links, e-mails and IPs on, and `.example`/`.test` (RFC 2606) known as top-level domains."""
    md = MarkdownIt("gfm-like", {"linkify": True}).use(footnote_plugin)
    md.linkify.set({"fuzzy_link": True, "fuzzy_email": True, "fuzzy_ip": True})
    md.linkify.tlds(["example", "test"], True)
    return md


def as_html(text: str) -> str:
    """Text as markdown-it writes it in HTML (its escapeHtml: & < > and ")."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def flat_tokens(tokens):
    for token in tokens:
        yield token
        yield from flat_tokens(token.children or ())


@pytest.fixture(scope="module")
def fixture_timeline() -> Timeline:
    return load_timeline([FIXTURE])


def render(timeline: Timeline, **options) -> str:
    return render_markdown(timeline, list(timeline.events), MarkdownOptions(**options))


# -- golden files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_golden(fixture_timeline, lang):
    check_golden(f"chronology.{lang}.md", render(fixture_timeline, lang=lang))


@pytest.mark.parametrize("lang", LANGS)
def test_render_is_deterministic(lang):
    first = render(load_timeline([FIXTURE]), lang=lang)
    second = render(load_timeline([FIXTURE]), lang=lang)
    assert first.encode("utf-8") == second.encode("utf-8")


# -- the Markdown is well formed -----------------------------------------------------------------------------


@pytest.mark.parametrize("summaries", [True, False])
@pytest.mark.parametrize("group_by", GROUPINGS)
@pytest.mark.parametrize("lang", LANGS)
def test_footnotes_resolve_and_no_html_survives(fixture_timeline, lang, group_by, summaries):
    text = render(fixture_timeline, lang=lang, group_by=group_by, summaries=summaries)
    env: dict = {}
    tokens = list(flat_tokens(markdown_parser().parse(text, env)))
    html = markdown_parser().render(text)

    refs = [t.meta["label"] for t in tokens if t.type == "footnote_ref"]
    defined = {label[1:]: used for label, used in env["footnotes"]["refs"].items()}
    assert len(refs) == len(re.findall(r"\[\^\d+\](?!:)", text)), "a footnote reference did not resolve"
    assert set(refs) == set(defined) and all(used >= 0 for used in defined.values()), "a definition is unused"
    assert list(dict.fromkeys(refs)) == [str(n) for n in range(1, len(defined) + 1)], "not numbered by first use"
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    assert "<script" not in html
    assert "[^" not in "".join(t.content for t in tokens if t.type == "text")


@pytest.mark.parametrize("lang", LANGS)
def test_real_dataset_is_well_formed(lang):
    """The curated events.yaml, when present and valid: footnotes resolve, no HTML, text as typed."""
    dataset = load_timeline([HERE.parent / "events.yaml"])
    text = render(dataset, lang=lang)
    env: dict = {}
    tokens = list(flat_tokens(markdown_parser().parse(text, env)))
    refs = {t.meta["label"] for t in tokens if t.type == "footnote_ref"}
    assert refs == {label[1:] for label in env["footnotes"]["refs"]}
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    html = markdown_parser().render(text)
    for event in dataset.events:
        assert as_html(event.title.get(lang)) in html


@pytest.mark.parametrize("lang", LANGS)
def test_user_text_renders_as_typed(fixture_timeline, lang):
    html = markdown_parser().render(render(fixture_timeline, lang=lang))
    texts = [e.title.get(lang) for e in fixture_timeline.events] + [e.summary.get(lang) for e in fixture_timeline.events]
    texts += [s.title for s in fixture_timeline.sources.values()] + [fixture_timeline.title.get(lang)]
    for text in texts:
        assert as_html(text) in html, text


def test_hostile_titles_are_in_the_fixture(fixture_timeline):
    """The fixture must keep exercising every hostile pattern the issue names."""
    titles = " ".join(e.title.en for e in fixture_timeline.events)
    for hostile in ("|", "*", "_", "#", "[x](", "<script>", "1. "):
        assert hostile in titles
    assert any(e.title.en.startswith("1.") for e in fixture_timeline.events)


# -- escaping -----------------------------------------------------------------------------------------------

HOSTILE = [
    "|a|b|", "*bold* and **strong**", "_under_ snake_case", "# heading", "## two #", "[x](y)", "![img](x.png)",
    "<script>alert(1)</script>", "<https://evil.example>", "&amp; &copy; &#60;", "AT&T", "`code` ``x``",
    "~~strike~~ ~one~", "1. item", "1) item", "2025. year", "- item", "+ item", "* item", "> quote", "---",
    "===", "***", "___", "[^1]", "[ref]: https://x.example", "a\\", "\\*not bold\\*", "$x^2$", "{.class}",
    ": definition", "    indented code", "```fence", "~~~fence", "<!-- comment -->", "a  b", "tab\there",
    "trailing  ", "見出し「*強調*」｜表", "wow![^1]", "https://evil.example/x", "www.evil.example",
    "someone@evil.example", "mailto:a@evil.example", "xmpp:a@evil.example", "ftp://evil.example", "evil.com",
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_markdown_renders_as_typed(text):
    expected = as_html(" ".join(text.split()))
    for parser in (markdown_parser(), gfm_parser()):
        assert parser.render(escape_markdown(text)) == f"<p>{expected}</p>\n"
        assert parser.render("# " + escape_markdown(text)) == f"<h1>{expected}</h1>\n"
        assert parser.render("- **x**: " + escape_markdown(text)) == f"<ul>\n<li><strong>x</strong>: {expected}</li>\n</ul>\n"


@pytest.mark.parametrize(("text", "shown"), [
    ("line\nbreak", "line break"),
    ("a\n# not a heading", "a # not a heading"),
    ("a\r\n\r\n- not a list", "a - not a list"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("bell\x07", "bell\\x07"),
    ("rtl\u202eevil", "rtl\\u202eevil"),
])  # fmt: skip
def test_escape_markdown_flattens_lines_and_shows_controls(text, shown):
    assert "\n" not in escape_markdown(text)
    assert markdown_parser().render(escape_markdown(text)) == f"<p>{as_html(shown)}</p>\n"


def test_the_printable_shortcut_changes_nothing_the_full_escape_would():
    """escape_markdown skips folding and control escapes for printable text without double spaces: true only while
    every character they change, but the space, is one Python calls unprintable. Checked over all of Unicode."""
    from timeline.render.markdown import _BREAKS
    from timeline.render.text import controls_shown

    changed = [c for c in map(chr, range(0x110000)) if c != " " and (_BREAKS.sub(" ", c) != c or controls_shown(c) != c)]
    assert "\n" in changed and "\u202e" in changed and not [c for c in changed if c.isprintable()]


_ALPHABET = st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("日本語「」（）：、。ー～　é")


@given(st.text(_ALPHABET, max_size=40))
@example("##[error]forged")  # found by this test in a fresh clone
@example(":: a :: b")
@example("見出し\u3000::")
@example("Trump said :: nothing")  # a CI-log defuse (`\\x3a:`) once leaked into the document here
@example("www.evil.example someone@evil.example https://evil.example")
def test_escape_markdown_property(text):
    """Any text renders as typed (spaces collapsed), and its Markdown still cannot forge a CI workflow command: no
    line of it starts with `::` and none holds `##[` (Markdown's own escapes, `\\:` and `\\#`, do that)."""
    collapsed = re.sub(" +", " ", text).strip()
    escaped = escape_markdown(text)
    assert not escaped.lstrip().startswith("::") and "##[" not in escaped
    for parser in (markdown_parser(), gfm_parser()):
        rendered = parser.render(escaped)
        assert rendered == (f"<p>{as_html(collapsed)}</p>\n" if collapsed else "")


# -- structure ----------------------------------------------------------------------------------------------


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def test_month_grouping_places_coarse_dates(fixture_timeline):
    assert headings(render(fixture_timeline)) == [
        "# US AI \\& crypto policy in 2025 \\| chronology",
        "## 2024", "### November",
        "## 2025", "### January", "### March", "### July", "### Summer", "### October", "### During 2025",
        "## 2026", "### January",
        "## Sources",
    ]  # fmt: skip


def test_japanese_headings(fixture_timeline):
    assert headings(render(fixture_timeline, lang="ja"))[1:] == [
        "## 2024年", "### 11月", "## 2025年", "### 1月", "### 3月", "### 7月", "### 夏", "### 10月", "### 2025年中",
        "## 2026年", "### 1月", "## 出典",
    ]  # fmt: skip


def test_year_grouping(fixture_timeline):
    text = render(fixture_timeline, group_by="year")
    assert headings(text)[1:] == ["## 2024", "## 2025", "## 2026", "## Sources"]
    # a year-only entry closes its year, as in `timeline list`: the one order (order.py)
    assert text.index("**Jan. 2025**:") < text.index("**2025**:")


def test_no_grouping(fixture_timeline):
    text = render(fixture_timeline, group_by="none")
    assert headings(text)[1:] == ["## Sources"]
    dates = re.findall(r"^- \*\*(.+?)\*\*", text, flags=re.MULTILINE)
    # the one order: where each can be sure to have begun, so an open start sits at its end and a month or a year
    # after its days
    assert dates == ["Nov. 5, 2024", "Jan. 20, 2025 – Jan. 20, 2029", "Jan. 21–22, 2025", "Jan. 2025",
                     "until March 2025", "from July 2025", "Summer 2025", "Oct. 10, 2025", "2025", "Jan. 2026"]


def test_reversed_events_reverse_the_sections(fixture_timeline):
    events = query(fixture_timeline, Filter(reverse=True))
    text = render_markdown(fixture_timeline, events, MarkdownOptions())
    assert headings(text)[1:] == [
        "## 2026", "### January",
        "## 2025", "### During 2025", "### October", "### Summer", "### July", "### March", "### January",
        "## 2024", "### November",
        "## Sources",
    ]  # fmt: skip


def test_no_summaries_moves_the_markers_to_the_title(fixture_timeline):
    text = render(fixture_timeline, summaries=False)
    for event in fixture_timeline.events:
        assert event.summary.en not in text
    assert "- **Nov. 5, 2024**: Trump wins the presidential election[^1]\n" in text
    assert "**Sources differ on the date**" in text  # disputes and notes are about sourcing: they stay
    assert "**Editor's note**" in text


def test_title_option_overrides_and_is_escaped(fixture_timeline):
    text = render(fixture_timeline, title="Crypto *desk* <b>")
    assert text.startswith("# Crypto \\*desk\\* &lt;b\\>\n")


def test_as_of_line(fixture_timeline):
    assert "\n\nAs of Oct. 10, 2025\n\n" in render(fixture_timeline)
    assert "\n\n2025年10月10日時点\n\n" in render(fixture_timeline, lang="ja")


def test_one_footnote_per_source_in_order_of_first_use(fixture_timeline):
    text = render(fixture_timeline)
    definitions = re.findall(r"^\[\^(\d+)\]: (.*)$", text, flags=re.MULTILINE)
    assert [number for number, _ in definitions] == ["1", "2"]
    assert definitions[0][1] == "経済新報: “暗号資産政策、転換点に” (Sept. 2025)"
    assert definitions[1][1] == ("Example News: “Crypto \\*week\\* \\& the \\[GENIUS\\] act” (Oct. 10, 2025) "
                                 "<https://example.com/news/crypto_week?id=1&src=rss>")


def test_dispute_cites_both_sides(fixture_timeline):
    en, ja = render(fixture_timeline), render(fixture_timeline, lang="ja")
    assert "  **Sources differ on the date**: Example News says Jan. 21[^2]; 経済新報 says Jan. 22[^1]. We give both days.\n" in en
    assert "  **出典により日付が異なる**：Example Newsは1月21日[^2]、経済新報は1月22日[^1]としている。日付は両日を含む期間とした。\n" in ja


# -- small timelines built in code ------------------------------------------------------------------------------

SOURCE = Source("src", "Pub", "Headline", parse_point("2025-12-31"), "en", "https://example.com/x")


def event(event_id: str, date: str, status: str = "happened", **fields) -> Event:
    return Event(event_id, parse_edtf(date), Text(f"{event_id} ja", event_id), Text("要約。", "Summary."), ("t",), (),
                 (Citation("src", "quote"),), status, **fields)


def timeline_of(*events: Event, sources: tuple[Source, ...] = (SOURCE,)) -> Timeline:
    ordered = tuple(chronological(replace(e, order=i) for i, e in enumerate(events)))
    return Timeline(Text("年表", "Chronology"), {"t": Topic("t", Text("t", "t"))}, {}, {s.id: s for s in sources}, ordered)


@pytest.mark.parametrize(("dates", "expected"), [
    (("2025-12-05", "2025-24"), ["## 2025", "### December", "## 2026", "### Winter 2025"]),  # after its February
    (("2025-21", "2025-05-31", "2025-06-01"), ["## 2025", "### May", "### Spring", "### June"]),
    (("2025-23", "2025-12", "2025-11"), ["## 2025", "### November", "### Autumn", "### December"]),
    (("2025", "2025-01-01", "2025-24"), ["## 2025", "### January", "### During 2025", "## 2026", "### Winter 2025"]),
    (("2025/2026", "2025-03"), ["## 2025", "### March", "### 2025–2026"]),  # a span over years says so
    (("2025-22/2026", "2025-08"), ["## 2025", "### August", "### Summer"]),
    (("/2025-07", "2025-07-04"), ["## 2025", "### July"]),
    (("../2026-02-10", "2025-12-31/.."), ["## 2025", "### December", "## 2026", "### February"]),
    (("2025-06~", "2025-06-30?"), ["## 2025", "### June"]),
])  # fmt: skip
def test_placement_never_invents_a_month(dates, expected):
    chronology = timeline_of(*(event(f"e{i}", date) for i, date in enumerate(dates)))
    text = render_markdown(chronology, list(chronology.events), MarkdownOptions())
    assert headings(text)[1:-1] == expected


def test_interval_shows_the_whole_interval_under_its_start():
    chronology = timeline_of(event("term", "2025-01-20/2029-01"))
    text = render_markdown(chronology, list(chronology.events), MarkdownOptions())
    assert "### January\n\n- **Jan. 20, 2025 – Jan. 2029**: term\n" in text


def test_as_of_ignores_scheduled_events_and_clock():
    early = replace(SOURCE, published=parse_point("2025-03"))
    chronology = timeline_of(event("past", "2025-02-01"), event("plan", "2027-01", "scheduled"), sources=(early,))
    assert str(as_of(chronology, list(chronology.events))) == "2025-03"
    assert as_of(chronology, []) is None


def test_no_events():
    chronology = timeline_of(event("a", "2025-01"))
    assert render_markdown(chronology, [], MarkdownOptions()) == "# Chronology\n\nNo events.\n"
    assert render_markdown(chronology, [], MarkdownOptions(lang="ja")) == "# 年表\n\n該当する出来事はありません。\n"


def test_scheduled_events_are_marked():
    chronology = timeline_of(event("plan", "2027-01", "scheduled"))
    assert "- **Jan. 2027**: plan (scheduled)\n" in render_markdown(chronology, list(chronology.events), MarkdownOptions())
    ja = render_markdown(chronology, list(chronology.events), MarkdownOptions(lang="ja"))
    assert "- **2027年1月**\u3000plan ja（予定）\n" in ja


@pytest.mark.parametrize(("url", "link"), [
    ("https://example.com/a_b?x=1&y=2", "<https://example.com/a_b?x=1&y=2>"),
    ("http://example.com/<script>", "<http://example.com/%3Cscript%3E>"),
    ("javascript:alert(1)", None),
    ("ftp://example.com/file", None),
    ("mailto:desk@example.com", None),
    ("xmpp:desk@example.com", None),
    ("HTTPS://EXAMPLE.COM/A", "<HTTPS://EXAMPLE.COM/A>"),
    (None, None),
])  # fmt: skip
def test_only_http_urls_become_links(url, link):
    source = replace(SOURCE, url=url)
    chronology = timeline_of(event("a", "2025-01"), sources=(source,))
    text = render_markdown(chronology, list(chronology.events), MarkdownOptions())
    definition = text.splitlines()[-1]
    assert definition.startswith("[^1]: Pub: “Headline” (Dec. 31, 2025)")
    assert (definition.endswith(f" {link}") if link else definition.endswith(")"))
    assert "<script" not in markdown_parser().render(text)


def test_dispute_about_other_things_and_unknown_slugs():
    other = replace(SOURCE, id="other", publisher="Other")
    claims = (Claim(Text("4年間", "over four years"), Citation("src", "q")),
              Claim(Text("5年間", "over five years"), Citation("other", "q")))  # fmt: skip
    disputed = event("a", "2025-01", disputes=(Dispute("duration", claims), Dispute("head-count", claims)))
    chronology = timeline_of(disputed, sources=(SOURCE, other))
    en = render_markdown(chronology, list(chronology.events), MarkdownOptions())
    ja = render_markdown(chronology, list(chronology.events), MarkdownOptions(lang="ja"))
    assert "**Sources differ on the duration**: Pub says over four years[^1]; Other says over five years[^2]." in en
    assert "**Sources differ on the head count**:" in en
    assert "**出典により期間が異なる**：Pubは4年間[^1]、Otherは5年間[^2]としている。" in ja
    assert "**出典により記述が異なる**：" in ja


def test_control_characters_in_hand_built_data_are_visible():
    chronology = timeline_of(replace(event("a", "2025-01"), title=Text("x", "evil\x1b[2Jtitle\nnext")))
    text = render_markdown(chronology, list(chronology.events), MarkdownOptions())
    assert "\x1b" not in text
    assert "- **Jan. 2025**: evil\\\\x1b\\[2Jtitle next\n" in text


@pytest.mark.parametrize("options", [{"lang": "fr"}, {"group_by": "week"}])
def test_options_are_checked(options):
    with pytest.raises(ValueError):
        MarkdownOptions(**options)
