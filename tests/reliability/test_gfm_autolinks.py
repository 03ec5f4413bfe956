"""Data never becomes a link in the Markdown chronology, under CommonMark or GitHub-flavoured Markdown.

GFM's autolinks extension (github.github.com/gfm, "Autolinks (extension)") links text that has no markup at all:
`www.`, `http://` and `https://` (and `ftp://` in cmark-gfm, GitHub's renderer), e-mail addresses, `mailto:` and
`xmpp:`. markdown-it's linkify, which CMSs built on markdown-it switch on, also links `//host`, bare domains
(`example.com`) and, with fuzzy IPs, `192.0.2.1`. The oracle is markdown-it-py with linkify-it-py, every fuzzy
rule on and `.example` a known top-level domain; `test_the_oracle_links_every_address_typed_bare` checks that it
does link each address of the corpus when it is not escaped, so the tests can fail.

GitHub's own renderer, cmark-gfm (the `cmarkgfm` package), is a second oracle where it is installed. It joins
the text back together before it looks for e-mail addresses, so no escape keeps one from becoming a `mailto:`
link there: that finding is held by a strict xfail until it can be fixed without changing the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from conftest import GOOD, MINIMAL, TESTS
from hypothesis import example, given
from hypothesis import strategies as st
from test_render_markdown import SOURCE, as_html, event, flat_tokens, gfm_parser, markdown_parser, timeline_of

from timeline.model import Citation, Claim, Dispute, Text
from timeline.render.markdown import MarkdownOptions, escape_markdown, render_markdown
from timeline.pipeline import load_timeline

GFM = gfm_parser()

# Each is linked by the oracle when typed bare (checked below); together they cover every kind of autolink.
ADDRESSES = [
    "https://evil.example/x", "http://evil.example", "HTTPS://EVIL.EXAMPLE/Login", "ftp://evil.example/file",
    "www.evil.example", "WWW.EVIL.EXAMPLE", "www.evil.example/path?q=1&r=2", "someone@evil.example",
    "someone+tag@mail.evil.example", "mailto:someone@evil.example", "xmpp:someone@evil.example/phone",
    "evil.com", "nikkei.com", "example.co.jp", "//evil.example/x", "//localhost:8080/admin", "192.0.2.1",
    "https://user:pass@evil.example", "тест.рф", "xn--80ak6aa92e.com", "http://127.0.0.1:8000/",
    "(www.evil.example)", "*www.evil.example*", "_www.evil.example_", "「www.evil.example」",
    "See https://evil.example/x, then www.evil.example.", "Mail tips@evil.example today",
    "Click here: https://evil.example", "<someone@evil.example>", "[www.evil.example]", "www.1.example",
    "mailto:desk@localhost", "http://localhost/admin", "a@192.0.2.1",
]  # fmt: skip
# GFM's own forms (the spec's extended www, url, email and protocol autolinks), each linked by cmark-gfm when
# typed bare, `~www.` among them, which linkify does not link.
GFM_FORMS = [
    "https://evil.example/x", "HTTPS://EVIL.EXAMPLE/Login", "ftp://evil.example/file", "www.evil.example",
    "(www.evil.example)", "*www.evil.example*", "_www.evil.example_", "~www.evil.example~", "www.x", "www.1.example",
    "See https://evil.example/x, then www.evil.example.", "http://localhost", "someone@evil.example", "a@b.c",
    "mailto:someone@evil.example", "xmpp:someone@evil.example/phone", "Mail tips@evil.example today",
]  # fmt: skip

# Linked by cmark-gfm from any escaped form: it joins the text back together before looking for an e-mail
# address (autolink.c postprocess: cmark_consolidate_text_nodes, then a scan around each `@`).
EMAILS = ["someone@evil.example", "someone+tag@mail.evil.example", "mailto:someone@evil.example",
          "xmpp:someone@evil.example/phone", "Mail tips@evil.example today", "https://user:pass@evil.example",
          "<someone@evil.example>", "a@b.c"]


def links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*>", html)


@pytest.mark.parametrize("text", ADDRESSES)
def test_the_oracle_links_every_address_typed_bare(text):
    assert links(GFM.render(text)), f"the GFM oracle does not link {text!r}: the test below could not fail"


@pytest.mark.parametrize("text", ADDRESSES)
def test_an_address_renders_as_typed_and_never_as_a_link(text):
    escaped, typed = escape_markdown(text), as_html(text)
    for parser in (GFM, markdown_parser()):
        assert parser.render(escaped) == f"<p>{typed}</p>\n"
        assert parser.render("# " + escaped) == f"<h1>{typed}</h1>\n"
        assert parser.render("- **x**: " + escaped) == f"<ul>\n<li><strong>x</strong>: {typed}</li>\n</ul>\n"
        assert parser.render("[^1]: " + escaped + "\n\nx[^1]").count("<a ") == 2  # the footnote's two links only


@pytest.mark.parametrize(("text", "shown"), [
    ("U.S. e.g. Inc. 12:30 3.5% v1.2", "U.S. e.g. Inc. 12:30 3.5% v1.2"),
    ("Reuters: a report", "Reuters: a report"),
    ("見出し：www", "見出し：www"),
])  # fmt: skip
def test_ordinary_punctuation_is_left_alone(text, shown):
    """Only what could start an address is escaped: the Markdown stays readable."""
    assert escape_markdown(text) == shown


# Pieces that autolinkers look for, to be put together in any order by hypothesis.
FRAGMENTS = ["www", ".", "..", "http", "https", "ftp", "mailto", "xmpp", ":", "/", "//", "@", "evil", "example",
             "com", "co", "jp", "рф", "xn--p1ai", "127", "0", "1", " ", "-", "_", "+", "(", ")", "*", "~", "a",
             "\\", "&", "#", ";", "<", ">", "[", "]", "!", "?", ",", "localhost", "8080", "日本", "。"]  # fmt: skip


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join))
@example("http://www.evil.example")
@example("a@b.co")
@example("www.x.co//a@b.co")
def test_no_arrangement_of_address_parts_becomes_a_link(text):
    collapsed = re.sub(" +", " ", text).strip()
    expected = f"<p>{as_html(collapsed)}</p>\n" if collapsed else ""  # as typed, `::` and `##[` included
    escaped = escape_markdown(text)
    assert GFM.render(escaped) == expected
    assert markdown_parser().render(escaped) == expected


# -- the whole chronology --------------------------------------------------------------------------------------

HOSTILE_SOURCE = replace(SOURCE, publisher="www.evil.example",
                         title="Write to desk@evil.example or https://evil.example")


def hostile_timeline(text: str):
    """Every piece of data the chronology prints holds `text`: titles, summaries, notes, both sides of a
    dispute and its note, each source's publisher and headline, and the document's title."""
    other = replace(HOSTILE_SOURCE, id="other", url="http://other.example/article")
    claims = (Claim(Text(text, text), Citation("src", "q")), Claim(Text(text, text), Citation("other", "q")))
    disputed = replace(event("a", "2025-01"), title=Text(text, text), summary=Text(text, text),
                       notes=Text(text, text), disputes=(Dispute("date", claims, Text(text, text)),))
    timeline = timeline_of(disputed, event("b", "2025-02"), sources=(HOSTILE_SOURCE, other))
    return replace(timeline, title=Text(text, text))


def data_links(markdown: str, sources) -> list[str]:
    """The links the GFM oracle makes that are not a source's own `<https://...>` or a footnote."""
    urls = {GFM.normalizeLink(source.url) for source in sources.values() if source.url}
    found = []
    for token in flat_tokens(GFM.parse(markdown)):
        if token.type == "link_open" and not (token.markup == "autolink" and token.attrs["href"] in urls):
            found.append(f"{token.markup}: {token.attrs['href']}")
    return found


@pytest.mark.parametrize("summaries", [True, False])
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("text", ["https://evil.example/x www.evil.example someone@evil.example",
                                  "mailto:a@evil.example xmpp:a@evil.example ftp://evil.example //evil.example/x",
                                  "evil.com 192.0.2.1 тест.рф"])
def test_no_data_in_the_chronology_becomes_a_link(text, lang, summaries):
    timeline = hostile_timeline(text)
    markdown = render_markdown(timeline, list(timeline.events), MarkdownOptions(lang=lang, summaries=summaries))
    assert data_links(markdown, timeline.sources) == []
    html = GFM.render(markdown)
    # as typed: heading, title, summary, both sides of the dispute and its note, the editor's note
    assert html.count(as_html(text)) == (7 if summaries else 6)
    assert as_html(HOSTILE_SOURCE.title) in html and as_html(HOSTILE_SOURCE.publisher) in html


def test_the_sources_own_links_stay_links_and_only_http():
    sources = (replace(SOURCE, url="https://example.com/a"), replace(SOURCE, id="ftp", url="ftp://example.com/f"),
               replace(SOURCE, id="mail", url="mailto:desk@example.com"),
               replace(SOURCE, id="xmpp", url="xmpp:desk@example.com"))
    cites = tuple(Citation(source.id, "q") for source in sources)
    timeline = timeline_of(replace(event("a", "2025-01"), citations=cites), sources=sources)
    html = GFM.render(render_markdown(timeline, list(timeline.events), MarkdownOptions()))
    assert [link for link in links(html) if 'href="#' not in link] == ['<a href="https://example.com/a">']
    assert "ftp://example.com/f" not in html and "mailto:" not in html  # not printed, so not linked either


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_fixture_and_the_dataset_make_no_link_but_their_sources(lang):
    for path in (GOOD / "chronology.yaml", TESTS.parent / "events.yaml"):
        timeline = load_timeline([path])
        markdown = render_markdown(timeline, list(timeline.events), MarkdownOptions(lang=lang))
        assert data_links(markdown, timeline.sources) == [], path


def test_the_chronology_command_prints_no_link_made_from_data(run_cli, tmp_path):
    text = "www.evil.example https://evil.example/x someone@evil.example"
    source = MINIMAL.read_text(encoding="utf-8")
    hostile = (source.replace("en: Trump sworn in as 47th president", f"en: '{text}'")
               .replace("en: Donald Trump was sworn in as the 47th president of the United States.", f"en: '{text}'")
               .replace("publisher: Example News", "publisher: www.evil.example"))
    path = tmp_path / "events.yaml"
    path.write_text(hostile, encoding="utf-8")
    result = run_cli("chronology", "-f", path, "--lang", "en", "--title", text)
    assert result.exit_code == 0, result.stderr
    html = GFM.render(result.stdout)
    assert [link for link in links(html) if 'href="#' not in link] == ['<a href="https://example.com/article">']
    assert html.count(as_html(text)) == 3  # heading, title, summary


# -- GitHub's own renderer, where it is installed -------------------------------------------------------------


def cmark_gfm(markdown: str) -> str:
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmark-gfm (GitHub's renderer) is the second oracle: "
                                   "pip install cmarkgfm")
    return cmarkgfm.github_flavored_markdown_to_html(markdown)


def test_github_links_every_gfm_form_typed_bare():
    assert [text for text in GFM_FORMS if not links(cmark_gfm(text))] == [], "the tests below could not fail"


def test_github_renders_every_address_but_an_email_as_typed():
    addresses = [text for text in dict.fromkeys(ADDRESSES + GFM_FORMS) if text not in EMAILS]
    assert [text for text in addresses if cmark_gfm(escape_markdown(text)) != f"<p>{as_html(text)}</p>\n"] == []


@pytest.mark.xfail(strict=True, reason="cmark-gfm joins the text back together before it looks for an e-mail "
                   "address, so a backslash or an entity cannot stop the mailto: link; only a change to the text "
                   "(an invisible U+2060 before the @) or raw HTML could")
def test_github_renders_an_email_address_as_typed():
    assert [text for text in EMAILS if cmark_gfm(escape_markdown(text)) != f"<p>{as_html(text)}</p>\n"] == []
