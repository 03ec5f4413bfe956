"""Tests for `timeline html` without a browser: the page's structure (the DOM contract the browser tests use,
tests/browser), escaping of hostile text, the CSP hashes, the same content as the Markdown chronology, the
fragment, the output-path rules and determinism. The page is parsed with the standard library's html.parser.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from conftest import GOOD, REPO

FIXTURE = GOOD / "chronology.yaml"  # every date shape, a dispute, notes, a scheduled event, markup in titles
DATASET = REPO / "events.yaml"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# -- a small DOM -----------------------------------------------------------------------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list[Node]:
        return [n for n in self.walk() if (tag is None or n.tag == tag)
                and (cls is None or cls in n.attrs.get("class", "").split())
                and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def one(self, *args, **kwargs) -> Node:
        found = self.all(*args, **kwargs)
        assert len(found) == 1, (args, kwargs, len(found))
        return found[0]

    def text(self, visible: bool = True) -> str:
        """The text a reader sees without the script: elements marked `hidden` (the other language) left out."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (visible and "hidden" in child.attrs):
                parts.append(child.text(visible))
        return "".join(parts)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"</{tag}> closes nothing"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def parse(text: str) -> Node:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    assert builder.current is builder.root, "an element is not closed"
    assert builder.comments == []
    return builder.root


def html(run_cli, *args: str) -> str:
    result = run_cli("html", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def signature(root: Node) -> list[tuple[str, tuple[str, ...]]]:
    """Every element and the names of its attributes, in order: what data must never add to."""
    return [(node.tag, tuple(sorted(node.attrs))) for node in root.walk()]


# -- the page's hooks (tests/browser rely on them) ---------------------------------------------------------------


def test_the_actor_list_is_in_the_order_of_the_names_a_reader_looks_for(run_cli):
    # By id, "US Department of Commerce" (commerce-department) stood among the Cs.
    from timeline.names import fold
    from timeline.pipeline import load_timeline

    timeline = load_timeline([REPO / "events.yaml"])
    root = parse(html(run_cli, "-f", REPO / "events.yaml", "--lang", "en"))
    options = root.one("select", id="tl-actor").all("option")[1:]
    names = [option.text() for option in options]
    assert len(names) > 10 and names == sorted(names, key=fold)
    assert [option.attrs["value"] for option in options] == sorted(
        {actor for event in timeline.events for actor in event.actors}, key=lambda a: fold(timeline.actors[a].name.en))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_page_has_the_hooks_of_the_contract(run_cli, lang):
    root = parse(html(run_cli, "-f", FIXTURE, "--lang", lang))
    page = root.one("html")
    assert page.attrs["lang"] == page.attrs["data-timeline-lang"] == lang
    assert root.one("header", cls="tl-header").one("h1").text()
    assert root.one("p", cls="tl-asof").text() == {"en": "As of Oct. 10, 2025", "ja": "2025年10月10日時点"}[lang]
    form = root.one("form", cls="tl-controls")
    assert "hidden" in form.attrs and form.attrs["role"] == "search"
    assert form.one("label", for_="tl-q") and form.one("input", id="tl-q").attrs["type"] == "search"
    topics = root.one("fieldset", id="tl-topics").all("input", name="topic")
    assert [box.attrs["value"] for box in topics] == ["ai-policy", "crypto-policy"]
    options = root.one("select", id="tl-actor").all("option")
    assert [option.attrs["value"] for option in options] == ["", "donald-trump"]
    assert root.one("button", id="tl-lang").attrs["type"] == "button"
    assert root.one("button", id="tl-clear").attrs["type"] == "reset"
    count = root.one("p", id="tl-count")
    assert (count.attrs["role"], count.attrs["aria-live"]) == ("status", "polite")
    svg = root.one("figure", cls="tl-overview").one("svg", id="tl-axis")
    assert svg.attrs["role"] == "group" and root.one(id=svg.attrs["aria-labelledby"]).text()
    articles = root.all("article", cls="tl-event")
    assert len(articles) == 10 and all(a.parent.tag == "li" and a.parent.parent.tag == "ol" for a in articles)
    for article in articles:
        event_id = article.attrs["id"].removeprefix("event-")
        assert article.one("a", cls="tl-permalink").attrs["href"] == f"#event-{event_id}"
        assert article.one("h4", cls="tl-title") and article.one("p", cls="tl-summary")
        assert svg.all("a", cls="tl-mark", href=f"#event-{event_id}")
    assert root.one("script", type="application/json", id="tl-data")
    assert json.loads(root.one("script", id="tl-data").text())["lang"] == lang


def test_footnote_marks_and_back_links_point_at_each_other(run_cli):
    root = parse(html(run_cli, "-f", FIXTURE))
    refs = root.all("a", cls="tl-fnref")
    assert refs and all(root.one(id=ref.attrs["href"][1:]).tag == "li" for ref in refs)
    back = root.one("section", cls="tl-sources").all("a", cls="tl-backref")
    assert sorted(b.attrs["href"][1:] for b in back) == sorted(ref.attrs["id"] for ref in refs)
    for quote in root.one("section", cls="tl-sources").all("blockquote"):
        assert quote.attrs["lang"] in ("ja", "en")


def test_dates_carry_time_elements_only_where_html_allows(run_cli):
    root = parse(html(run_cli, "-f", FIXTURE, "--lang", "en"))
    stamps = {a.attrs["id"][6:]: [t.attrs["datetime"] for t in a.one("p", cls="tl-date").all("time")
                                  if "hidden" not in t.parent.attrs]
              for a in root.all("article")}
    assert all(re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", s) for values in stamps.values() for s in values)
    assert stamps["election"] == ["2024-11-05"]
    assert stamps["term"] == ["2025-01-20", "2029-01-20"]  # an interval: one per end
    assert stamps["crypto-week"] == []  # a season: HTML has no way to say it
    assert stamps["stablecoin-priority"] == ["2025"]
    assert stamps["old-rules"] == ["2025-03"]  # open start: only the known end
    dates = {a.attrs["id"][6:]: a.one("p", cls="tl-date").text() for a in root.all("article")}
    assert dates["old-rules"] == "until March 2025"  # an open start: the words say it (not an unknown one)
    assert dates["election"] == "Nov. 5, 2024"


APPROXIMATE = """\
version: 1
title: {ja: 年表, en: Chronology}
topics: {t: {ja: 話題, en: Topic}}
sources: {s: {publisher: P, title: H, published: 2025-03-01, language: en, url: "https://example.com/a"}}
events:
"""


# The date line is for readers: the date in words already says its precision ("July 2025"), so only what the
# words do not say is added (approximate, uncertain, an unknown end). The overview's <title> says the same words
# (the script retitles a mark from its entry after the language toggle: the tooltip never changes its wording).
@pytest.mark.parametrize("date, words, uncertain", [
    ("2025-01-20~", {"en": "c. Jan. 20, 2025 (approximate)", "ja": "2025年1月20日頃"}, True),
    ("2025-01?", {"en": "Jan. 2025? (uncertain)", "ja": "2025年1月（不確か）"}, True),
    ("2025-01-20", {"en": "Jan. 20, 2025", "ja": "2025年1月20日"}, False),
    ("2025-07", {"en": "July 2025", "ja": "2025年7月"}, False),
    # An open end is still going on (`timeline docs dates`), not unknown: the words say it, as the Markdown's do.
    ("../2025-07", {"en": "until July 2025", "ja": "2025年7月まで"}, False),
    ("2025-07/..", {"en": "from July 2025", "ja": "2025年7月以降"}, False),
    ("/2025-07", {"en": "? – July 2025; start unknown", "ja": "不明～2025年7月"}, False),
    ("2025-07/", {"en": "July 2025 – ?; end unknown", "ja": "2025年7月～不明"}, False),
    ("2025-01/2025-03", {"en": "Jan.–March 2025", "ja": "2025年1月～3月"}, False),
])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_uncertain_and_approximate_dates_are_said_in_words_in_the_list_and_the_overview(
        run_cli, tmp_path, date, words, uncertain, lang):
    path = tmp_path / "events.yaml"
    path.write_text(APPROXIMATE + f"  - {{id: e, date: '{date}', title: {{ja: 出来事, en: Event}}, summary: {{ja: 要約, "
                    f"en: Summary}}, topics: [t], citations: [{{source: s, quote: q}}]}}\n", encoding="utf-8")
    root = parse(html(run_cli, "-f", path, "--lang", lang))
    line = root.one("article").one("p", cls="tl-date").text()
    assert line == words[lang]
    assert not re.search(r"precision|interval|open start|精度|期間|始期", line)
    mark = root.one("a", cls="tl-mark")
    assert ("tl-mark-uncertain" in mark.attrs["class"].split()) is uncertain
    assert mark.one("title").text() == f"{words[lang]} — {'出来事' if lang == 'ja' else 'Event'}"


@pytest.mark.parametrize("lang, other", [("en", "ja"), ("ja", "en")])
def test_without_javascript_the_page_is_in_lang_and_carries_the_other_for_the_toggle(run_cli, lang, other):
    root = parse(html(run_cli, "-f", FIXTURE, "--lang", lang))
    main = root.one("main")
    assert all("hidden" in span.attrs for span in main.all(cls=f"tl-l-{other}"))
    assert not any("hidden" in span.attrs for span in main.all(cls=f"tl-l-{lang}"))
    title = {"en": "Trump wins the presidential election", "ja": "トランプ氏が大統領選で勝利"}
    shown = root.one("article", id="event-election").text()
    assert title[lang] in shown and title[other] not in shown
    assert title[other] in root.one("article", id="event-election").text(visible=False)


# -- the same content as the Markdown chronology -----------------------------------------------------------------


def _unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("&lt;", "<"))


def markdown_outline(text: str) -> list[tuple]:
    """Headings, entries (date, title, footnote numbers) and footnotes (number, address) of a chronology."""
    outline, body = [], text.split("\n\n## Sources\n\n")[0].split("\n\n## 出典\n\n")[0]
    for block in body.split("\n\n")[2:]:
        if block.startswith("## ") or block.startswith("### "):
            outline.append(("h2" if block.startswith("## ") else "h3", block.split(" ", 1)[1]))
        elif block.startswith("- **"):
            date, title = re.match(r"- \*\*(.+?)\*\*(?:: |\u3000)(.*)", block).groups()
            outline.append(["entry", date, _unescape_markdown(title), []])
        if outline and outline[-1][0] == "entry":
            outline[-1][3] += [int(n) for n in re.findall(r"\[\^(\d+)\]", block)]
    notes = [(int(n), url) for n, url in re.findall(r"^\[\^(\d+)\]: .*?(?: <(https?://\S+)>)?$", text, re.M)]
    return [(x[0], x[1], x[2], tuple(x[3])) if x[0] == "entry" else x for x in outline] + notes


def html_outline(text: str) -> list[tuple]:
    root = parse(text)
    outline = []
    for node in root.one("div", id="tl-list").walk():
        if node.tag in ("h2", "h3"):
            outline.append((node.tag, node.text()))
        elif node.tag == "article":
            date = node.one("span", cls="tl-date-text").text()
            outline.append(("entry", date, node.one("span", cls="tl-title-text").text(),
                            tuple(int(ref.text()) for ref in node.all("a", cls="tl-fnref"))))
    for note in root.all("li", cls=None):
        if note.attrs.get("id", "").startswith("fn-"):
            link = note.all("a", cls="tl-source-link")
            outline.append((int(note.attrs["id"][3:]), link[0].attrs["href"] if link else ""))
    return outline


def assert_same_content(page: list[tuple], markdown: list[tuple]) -> None:
    assert len(page) == len(markdown)
    for mine, theirs in zip(page, markdown, strict=True):
        if mine[0] == "entry":  # the page adds the precision in words after the date
            assert mine[1].startswith(theirs[1]) and mine[2:] == theirs[2:]
        else:
            assert mine == theirs


@pytest.mark.parametrize("filters", [[], ["--topic", "crypto-policy"], ["--reverse"], ["--search", "trump"],
                                     ["--from", "2025-06"], ["--actor", "donald-trump", "--reverse"],
                                     ["--limit", "3"]])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_same_headings_events_order_and_footnotes_as_the_markdown_chronology(run_cli, filters, lang):
    args = ["-f", str(FIXTURE), "--lang", lang, *filters]
    assert_same_content(html_outline(html(run_cli, *args)), markdown_outline(run_cli("chronology", *args).stdout))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_bundled_chronology_matches_its_markdown(run_cli, lang):
    args = ["-f", str(DATASET), "--lang", lang]
    assert_same_content(html_outline(html(run_cli, *args)), markdown_outline(run_cli("chronology", *args).stdout))


# -- hostile text ------------------------------------------------------------------------------------------------

HOSTILE = {
    "title": ("</title><script>alert(1)</script>", "\" onload=\"alert(1)"),
    "topic": ("<b>トピック</b>", "</text><script>alert(2)</script>"),
    "actor": ("</option><script>alert(3)</script>", "' onfocus='alert(3)"),
    "publisher": ("<img src=x onerror=alert(4)>", "<img src=x onerror=alert(4)>"),
    "headline": ("</cite>\"'&amp;<iframe>", "</cite>\"'&amp;<iframe>"),
    "event": ("</script><script>alert(6)</script>", "<a href=\"javascript:alert(7)\">x</a>"),
    "summary": ("{{ 7*7 }} {% raw %} <!-- x -->", "]]> <![CDATA[ x ]]> &lt;b&gt;"),
    "note": ("<style>*{display:none}</style>", "<svg onload=alert(8)>"),
    "quote": ("</blockquote><script>alert(9)</script>", "</blockquote><script>alert(99)</script>"),  # two quotes
    "says": ("<i onclick=alert(10)>x</i>", "<math><mi xlink:href=javascript:alert(11)>"),
}
BENIGN = {key: (f"plain {key} ja", f"plain {key} en") for key in HOSTILE}


def dataset(texts: dict[str, tuple[str, str]]) -> str:
    """A valid event file with `texts` in every text the page shows (JSON strings are YAML strings)."""
    q = json.dumps

    def both(key):
        return f"{{ja: {q(texts[key][0])}, en: {q(texts[key][1])}}}"

    return f"""version: 1
title: {both("title")}
topics: {{t: {both("topic")}}}
actors: {{a: {both("actor")}}}
sources:
  s1: {{publisher: {q(texts["publisher"][0])}, title: {q(texts["headline"][0])}, published: 2025-01-27, language: en,
        url: "https://example.com/a?b=%22c%22&d=1"}}
  s2: {{publisher: P2, title: {q(texts["headline"][1])}, published: 2025-02, language: ja}}
events:
  - id: e1
    date: 2025-01-20~
    title: {both("event")}
    summary: {both("summary")}
    notes: {both("note")}
    topics: [t]
    actors: [a]
    citations: [{{source: s1, quote: {q(texts["quote"][0])}}}]
    disputes:
      - about: date
        note: {both("note")}
        claims:
          - {{says: {both("says")}, source: s1, quote: {q(texts["quote"][1])}}}
          - {{says: {both("says")}, source: s2, quote: q2}}
"""


@pytest.mark.parametrize("fragment", [[], ["--fragment"]])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_hostile_text_never_becomes_an_element_or_an_attribute(run_cli, tmp_path, lang, fragment):
    pages = {}
    for name, texts in (("benign", BENIGN), ("hostile", HOSTILE)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(dataset(texts), encoding="utf-8")
        pages[name] = html(run_cli, "-f", path, "--lang", lang, *fragment)
    hostile = parse(pages["hostile"])
    assert signature(hostile) == signature(parse(pages["benign"]))  # the same elements and attributes, in order
    assert not any(name.startswith("on") for node in hostile.walk() for name in node.attrs)
    for key, (ja, en) in HOSTILE.items():
        if key in ("title", "event", "summary", "note"):
            assert {"ja": ja, "en": en}[lang].strip() in hostile.text(), key  # shown as typed
    scripts = hostile.all("script")
    assert len(scripts) == (0 if fragment else 2)
    assert "</script" not in "".join(s.text() for s in scripts).lower()


def test_the_templates_write_only_their_own_markup_unescaped():
    """The page's repeated parts reach the templates as view.Html and are written as they are where autoescape is
    off: an Html where autoescape is on, and any other text where it is off, is still escaped (shown, not obeyed)."""
    from markupsafe import Markup

    from timeline.render.html import _environment
    from timeline.render.html.view import Html

    template = _environment().from_string("{{ x }}|{% autoescape false %}{{ x }}{% endautoescape %}")
    assert template.render(x=Html("<b>1</b>")) == "&lt;b&gt;1&lt;/b&gt;|<b>1</b>"
    assert template.render(x="<b>1</b>") == "&lt;b&gt;1&lt;/b&gt;|&lt;b&gt;1&lt;/b&gt;"
    assert template.render(x=Markup("<b>1</b>")) == "<b>1</b>|<b>1</b>"


def test_the_compiled_templates_are_what_this_jinja2_makes_of_the_templates(tmp_path):
    """compiled/ holds the templates as `python -m timeline.render.html.compiled` makes them: byte for byte, when
    this is the jinja2 they were made with; with any other, the page does not use them (it compiles the .j2 files)."""
    import jinja2

    from timeline.render.html import _HERE, _environment
    from timeline.render.html.compiled import _made, write

    folder = _HERE / "compiled"
    if jinja2.__version__ == _made.JINJA2:
        write(_environment(compiled=False), _HERE, tmp_path)
        made = sorted(path.name for path in tmp_path.glob("*.py"))
        assert made == sorted(path.name for path in folder.glob("*.py") if path.name.startswith(("tmpl_", "_made")))
        assert all((tmp_path / name).read_bytes() == (folder / name).read_bytes() for name in made), \
            "a template changed: run `python -m timeline.render.html.compiled`"
        assert isinstance(_environment().loader, jinja2.ModuleLoader)
    else:
        assert isinstance(_environment().loader, jinja2.FileSystemLoader), (jinja2.__version__, _made.JINJA2)


def test_an_edited_template_is_compiled_from_its_file_not_taken_from_compiled(tmp_path):
    import shutil

    import jinja2

    from timeline.render.html import _HERE
    from timeline.render.html.compiled import _made, loader

    for template in _HERE.glob("*.j2"):
        shutil.copy(template, tmp_path / template.name)
    assert isinstance(loader(tmp_path), jinja2.ModuleLoader) is (jinja2.__version__ == _made.JINJA2)
    (tmp_path / "page.html.j2").write_text((tmp_path / "page.html.j2").read_text(encoding="utf-8") + "<!-- x -->\n",
                                           encoding="utf-8")
    assert loader(tmp_path) is None


@pytest.mark.parametrize("fragment", [False, True])
def test_a_page_from_the_compiled_templates_is_the_page_jinja_compiles_from_the_files(tmp_path, monkeypatch, fragment):
    from timeline.pipeline import load_timeline
    from timeline.render import html as page
    from timeline.render.html import HtmlOptions, render_html

    path = tmp_path / "hostile.yaml"
    path.write_text(dataset(HOSTILE), encoding="utf-8")
    pages, environment = [], page._environment
    for compiled in (True, False):
        monkeypatch.setattr(page, "_environment", functools.partial(environment, compiled))
        pages.append([render_html(timeline, list(timeline.events), HtmlOptions(lang=lang, fragment=fragment))
                      for timeline in (load_timeline([FIXTURE]), load_timeline([DATASET]), load_timeline([path]))
                      for lang in ("en", "ja")])
    assert pages[0] == pages[1]


ESCAPABLE = ["", "plain", "<>&'\"", "&amp;", "a::b ##[x] ::", "日本語<b>「引用」</b>", "😀<😀>",
             "\u202e\"\u2066", "x" * 70_000 + "<"]


@pytest.mark.parametrize("text", ESCAPABLE)
def test_text_is_escaped_as_markupsafe_escapes_it_with_either_escaper(text):
    """html_text uses markupsafe's one-pass C escaper where markupsafe has it, else str.replace (view._replaced):
    both give markupsafe's references, and `::`/`##[` are written as references for CI logs."""
    from markupsafe import escape

    from timeline.render.html.view import _replaced, html_text

    expected = str(escape(text))
    assert _replaced(text) == expected
    assert html_text(text) == expected.replace("::", "&#58;:").replace("##[", "#&#35;[")


def test_the_hostile_page_is_the_same_whichever_escaper_markupsafe_offers(tmp_path, monkeypatch):
    """A markupsafe without its C escaper (before 3.0, or one that renames it) gets the very same page."""
    from timeline.pipeline import load_timeline
    from timeline.render.html import HtmlOptions, render_html
    from timeline.render.html import view

    path = tmp_path / "hostile.yaml"
    path.write_text(dataset(HOSTILE), encoding="utf-8")
    timeline = load_timeline([path])
    pages = []
    for escaper in (view._escape_inner, view._replaced):
        monkeypatch.setattr(view, "_escape_inner", escaper)
        pages.append([render_html(timeline, list(timeline.events), HtmlOptions(lang=lang)) for lang in ("en", "ja")])
    assert pages[0] == pages[1]
    assert "&lt;/script&gt;&lt;script&gt;" in pages[0][0]


def test_only_http_links_and_bidi_controls_are_shown_not_obeyed():
    """The renderer takes any Timeline (validate refuses both, but a library caller may not validate)."""
    from timeline.pipeline import load_timeline
    from timeline.render.html import HtmlOptions, render_html

    timeline = load_timeline([FIXTURE])
    sources = {key: dataclasses.replace(source, url="javascript:alert(1)") if key.startswith("example") else source
               for key, source in timeline.sources.items()}
    first = timeline.events[0]
    evil = dataclasses.replace(first, title=dataclasses.replace(first.title, en="abc\u202edef\u2066"))
    timeline = dataclasses.replace(timeline, sources=sources, events=(evil, *timeline.events[1:]))
    root = parse(render_html(timeline, list(timeline.events), HtmlOptions(lang="en")))
    hrefs = [node.attrs["href"] for node in root.walk() if "href" in node.attrs]
    assert hrefs and all(h.startswith("#") or re.match(r"https?://", h) for h in hrefs)
    assert not any("javascript" in h for h in hrefs)
    title = root.one("article", id=f"event-{first.id}").one("span", cls="tl-title-text").text()
    assert title == "abc\\u202edef\\u2066"  # as the Markdown chronology shows them: visible, inert


def test_a_link_whose_host_a_browser_would_read_otherwise_is_not_linked():
    """`https://evil.example\\@good.example/` names good.example to Python and leads to evil.example in a browser
    (a backslash is a slash there): validate refuses it, and a library caller's is shown without a link."""
    from timeline.pipeline import load_timeline
    from timeline.render.html import HtmlOptions, render_html

    timeline = load_timeline([FIXTURE])
    sources = {key: dataclasses.replace(source, url="https://evil.example\\@good.example/story")
               for key, source in timeline.sources.items()}
    timeline = dataclasses.replace(timeline, sources=sources)
    root = parse(render_html(timeline, list(timeline.events), HtmlOptions(lang="en")))
    assert root.all("li", id="fn-1") and not root.all("a", cls="tl-source-link")
    assert not any("\\" in node.attrs.get("href", "") for node in root.walk())


def test_a_library_callers_event_with_lists_and_wordless_notes_renders_as_before():
    """A hostile review: the one-pass entries keyed a cache on the event's topics and actors, so a list (a library
    caller's Event; validate makes tuples) raised TypeError, and notes with no words were written as an empty note."""
    from timeline.model import Text
    from timeline.pipeline import load_timeline
    from timeline.render.html import HtmlOptions, render_html

    timeline = load_timeline([FIXTURE])
    first = next(event for event in timeline.events if event.topics and event.actors)
    odd = dataclasses.replace(first, topics=list(first.topics), actors=list(first.actors), notes=Text("", " "))
    timeline = dataclasses.replace(timeline, events=tuple(odd if e is first else e for e in timeline.events))
    article = parse(render_html(timeline, list(timeline.events), HtmlOptions(lang="en"))).one(
        "article", id=f"event-{first.id}")
    assert article.attrs["data-topics"] == " ".join(first.topics)
    assert article.attrs["data-actors"] == " ".join(first.actors)
    assert len(article.all(cls="tl-tag")) == len(first.topics)
    assert not article.all(cls="tl-notes")


def test_a_withheld_quote_and_a_notices_citation_say_what_they_are(run_cli, tmp_path):
    """A new-user review: a private source's withheld quote was a `<blockquote lang="ja">quote withheld</blockquote>`
    labelled "(in Japanese)", and a source cited only by a correction's notice left a bare "↩" in the sources."""
    from conftest import MINIMAL

    text = MINIMAL.read_text(encoding="utf-8").replace(
        "    archive: example.txt\n", "    archive: example.txt\n    private: true\n  wire:\n    publisher: Wire\n"
        "    title: Wire story\n    published: 2025-02-01\n    language: en\n  tip:\n    publisher: Tipster\n"
        "    title: Tip\n    published: 2025-02-03\n    language: ja\n    private: true\n")
    text += ("      - source: wire\n        quote: sworn in\n    corrections:\n      - date: 2025-02-02\n"
             "        kind: correction\n        text: {ja: 訂正, en: Corrected}\n        source: wire\n"
             "      - date: 2025-02-04\n        kind: update\n        text: {ja: 更新, en: Updated}\n        source: tip\n")
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    for lang in ("en", "ja"):
        root = parse(html(run_cli, "-f", path, "--lang", lang))
        notes = [node for node in root.all("li") if node.attrs.get("id", "").startswith("fn-")]
        withheld, tip = [node for node in notes if "Unnamed source" in node.text(False)]
        assert not withheld.all("blockquote") and not withheld.all(cls="tl-quote-lang")
        (use,) = withheld.all("div", cls="tl-use")
        shown = {"en": "quote withheld", "ja": "引用は非公開"}[lang]
        assert use.one("p", cls="tl-use-meta").text().strip().startswith(shown)
        assert "quote withheld" in use.text(False) and "引用は非公開" in use.text(False)  # both, for the toggle
        # a source cited only by a notice, public or private (the re-check review: the private one said "withheld")
        notice = {"en": "Cited by a correction or update", "ja": "訂正・更新の出典"}[lang]
        for source in (next(node for node in notes if "Wire story" in node.text(False)), tip):
            unquoted = [u for u in source.all("div", cls="tl-use") if not u.all("blockquote")]
            assert [u.one("p", cls="tl-use-meta").text().strip().rstrip("↩").strip() for u in unquoted] == [notice]


# -- CSP, no network ---------------------------------------------------------------------------------------------


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_the_csp_allows_exactly_the_inline_script_and_style(run_cli):
    root = parse(html(run_cli, "-f", FIXTURE))
    policy = root.one("meta", http_equiv="Content-Security-Policy").attrs["content"]
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    script = [s for s in root.all("script") if "type" not in s.attrs]
    styles = root.all("style")
    assert len(script) == 1 and len(styles) == 1
    assert rules["default-src"] == "'none'"
    assert rules["script-src"] == _sha256(script[0].text())
    assert rules["style-src"] == _sha256(styles[0].text())
    assert not any("style" in node.attrs for node in root.walk())  # a style attribute would need unsafe-inline


def test_nothing_is_fetched_no_web_font_no_external_resource(run_cli):
    text = html(run_cli, "-f", DATASET)
    root = parse(text)
    assert not root.all("link") and not root.all("img") and not root.all("iframe")
    assert not any("src" in node.attrs for node in root.walk())
    style = root.one("style").text()
    assert "@import" not in style and "url(" not in style and "@font-face" not in style
    assert "Hiragino" in style and "Noto Sans JP" in style and "Yu Gothic" in style
    script = [s for s in root.all("script") if "type" not in s.attrs][0].text()
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|https?://", script)


# -- fragment, output, determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_fragment_is_the_chronology_div_with_a_scoped_style_and_no_script(run_cli, lang):
    text = html(run_cli, "-f", FIXTURE, "--lang", lang, "--fragment")
    assert text.startswith('<div class="tl-chronology"') and text.rstrip().endswith("</div>")
    root = parse(text)
    assert not root.all("html") and not root.all("script") and not root.all("meta")
    assert not root.all(cls="tl-l-ja") and not root.all(cls="tl-l-en")  # one language only
    # its own language and direction, whatever the host page's (a review pasted it into a right-to-left page)
    assert (root.one("div", cls="tl-chronology").attrs["lang"], root.one("div", cls="tl-chronology").attrs["dir"]) \
        == (lang, "ltr")
    style = root.one("style").text()
    selectors = re.findall(r"(?:^|})\s*([^{}@]+?)\s*\{", re.sub(r"/\*.*?\*/", "", style, flags=re.S))
    for group in selectors:
        for selector in group.split(","):
            selector = selector.strip()
            assert (".tl-" in selector or selector in ("from", "to")) and not selector.startswith(("body", "*")), selector
    assert html_outline(text) == html_outline(html(run_cli, "-f", FIXTURE, "--lang", lang))


def test_output_file_is_stdout_and_follows_the_output_rules(run_cli, tmp_path):
    events = tmp_path / "events.yaml"
    events.write_bytes(FIXTURE.read_bytes())
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    result = run_cli("html", "-f", events, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"html: wrote {out} (10 event(s), 2 source(s))\n"
    assert out.read_text(encoding="utf-8") == html(run_cli, "-f", events)
    refused = run_cli("html", "-f", events, "-o", events)
    assert refused.exit_code == 2 and refused.stderr.startswith("Error: ")
    assert events.read_bytes() == FIXTURE.read_bytes()
    assert run_cli("html", "-f", events, "-o", "-").stdout == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fragment", [[], ["--fragment"]])
@pytest.mark.parametrize("internal", [False, True])
def test_the_file_written_is_the_library_page_byte_for_byte(run_subprocess, tmp_path, fragment, internal):
    """The command encodes the page piece by piece as the template writes it (render/html: one str of a long
    page was 80 MB once an emoji made it four bytes a character): the file is render_html's text in UTF-8 all
    the same, characters beyond U+FFFF and hostile text included, and under --internal marked as mark_html
    marks the whole text: the banner first in the chronology's div, of a page or a fragment."""
    from timeline.cli.options import load_selected
    from timeline.query import Filter
    from timeline.render import banner
    from timeline.render.html import HtmlOptions, render_html

    path, out = tmp_path / "events.yaml", tmp_path / "page.html"
    text = dataset(dict(HOSTILE, event=("絵文字 🗳️ 𠮷野家", "emoji 🗳️ 𝒳 </script>")))
    # json.dumps writes a character beyond U+FFFF as a surrogate pair, which YAML does not have: the character
    path.write_text(re.sub(r"\\u(d[89ab]..)\\u(d[c-f]..)", lambda pair: (chr(int(pair[1], 16)) + chr(int(pair[2], 16)))
                           .encode("utf-16", "surrogatepass").decode("utf-16"), text), encoding="utf-8")
    done = run_subprocess("html", "-f", path, "--lang", "ja", "-o", out, *fragment,
                          *(["--internal"] if internal else []))
    assert done.returncode == 0, done.stderr
    timeline, events = load_selected([path], Filter(), internal=internal, lang="ja")
    page = render_html(timeline, events, HtmlOptions(lang="ja", fragment=bool(fragment)))
    expected = banner.mark_html(page, "ja") if internal else page
    assert out.read_bytes() == expected.encode("utf-8")
    assert "🗳️ 𠮷野家" in out.read_text(encoding="utf-8")
    if internal:
        div = re.search(r'<div class="tl-chronology"[^>]*>\n', expected)
        assert expected[div.end():].startswith('<p class="tl-internal" role="alert">')


def test_a_long_page_is_written_a_section_at_a_time_not_held_whole(generated_file, tmp_path):
    """`timeline html` hands the page to the file piece by piece as the template writes it, and the template has
    each section's entries written as it reaches them: writing a page of 4 000 events holds less than one copy of
    the page at a time, not the whole list as text plus the whole page as bytes (3.4 times the page before). At
    100 000 events the page is 220 MB: that was two gigabytes of memory, and its page faults a fifth of the
    command's time (benchmarks/bench_html.py)."""
    import tracemalloc

    from timeline.cli.chronology import publish
    from timeline.cli.options import load_selected
    from timeline.query import Filter
    from timeline.render.html import HtmlOptions, html_pieces

    timeline, events = load_selected([generated_file(4000)], Filter())
    out = tmp_path / "page.html"
    tracemalloc.start()
    try:
        publish("html", html_pieces(timeline, events, HtmlOptions()), events, str(out), inputs=(), force=False,
                internal=False, lang="en")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = out.stat().st_size
    assert size > 8 << 20 and out.read_text(encoding="utf-8").count('<article id="event-') == 4000
    assert peak < 1.5 * size, (peak, size)


def test_the_page_is_the_same_whatever_order_its_template_asks_for_its_parts():
    """The walk numbers footnotes as it writes the entries, section by section as the template asks: a template
    that asked for the sources first, or for the sections out of order, gets the same sections and sources."""
    import functools

    from timeline.cli.options import load_selected
    from timeline.query import Filter
    from timeline.render.html import WORDS, EntryWords, escape, notice_markup
    from timeline.render.html.entries import entry_markup
    from timeline.render.html.view import Both, chronology

    timeline, events = load_selected([DATASET], Filter())
    both = Both("en", False)

    def parts(footnotes_first: bool):
        words = EntryWords.of(timeline, both, "en", escape(WORDS["en"]["permalink"]),
                              functools.partial(notice_markup, both=both))
        years, _, footnotes = chronology(timeline, events, both, functools.partial(entry_markup, words=words))
        sections = [section for year in years for section in year.sections]
        notes = list(footnotes) if footnotes_first else None
        order = range(len(sections) - 1, -1, -1) if footnotes_first else range(len(sections))
        texts = {index: sections[index].entries.text for index in order}
        return [texts[index] for index in range(len(sections))], notes if footnotes_first else list(footnotes)

    in_order, asked_otherwise = parts(False), parts(True)
    assert len(in_order[0]) > 10 and len(in_order[1]) == 5
    assert in_order == asked_otherwise


@pytest.mark.parametrize(("path", "menu"), [(GOOD / "order.yaml", False), (DATASET, True)])
def test_the_actor_menu_is_offered_only_where_there_are_actors(run_cli, path, menu):
    """A new-user review: a file without actors offered an Actor menu holding only "All actors"."""
    field = parse(html(run_cli, "-f", path)).one("div", cls="tl-actor")
    assert ("hidden" in field.attrs) is not menu
    assert (len(field.all("option")) > 1) is menu  # "All actors", and each actor where there are some


def test_no_events_is_a_page_that_says_so(run_cli):
    root = parse(html(run_cli, "-f", FIXTURE, "--search", "no such words anywhere"))
    assert not root.all("article") and not root.all("form") and not root.all("svg")
    assert "No events." in root.one("main").text()


def test_output_is_deterministic_across_processes(run_subprocess):
    first, second = (run_subprocess("html", "-f", DATASET, "--lang", "ja") for _ in range(2))
    assert first.returncode == 0 and first.stdout == second.stdout


def test_jinja2_is_imported_only_by_the_html_command(run_subprocess):
    probe = ("import sys, timeline.cli, timeline.render.markdown; "
             "print('jinja2' in sys.modules, 'timeline.render.html' in sys.modules)")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


# -- what a newsroom reader sees: sources, quote languages, selections, the overview's open ends -----------------

SHARED_QUOTE = """\
version: 1
title: {ja: 年表, en: Chronology}
topics: {t: {ja: 話題, en: Topic}, u: {ja: 別の話題, en: Other topic}}
actors: {x: {ja: 甲, en: Kō, kind: person}}
sources:
  news-ja: {publisher: 新報, title: 見出し, published: 2025-03-01, language: ja, url: "https://example.com/ja"}
  news-en: {publisher: News, title: Headline, published: 2025-03-02, language: en, url: "https://example.com/en"}
events:
  - {id: first, date: 2025-01-20, title: {ja: 一, en: One}, summary: {ja: 要約, en: Summary}, topics: [t],
     actors: [x], citations: [{source: news-en, quote: "said it"}, {source: news-ja, quote: 同じ言葉},
                              {source: news-ja, quote: 別の言葉}]}
  - {id: second, date: 2025-02-03, title: {ja: 二, en: Two}, summary: {ja: 要約, en: Summary}, topics: [u],
     citations: [{source: news-ja, quote: 同じ言葉}, {source: news-en, quote: "said it"}]}
  - {id: third, date: ../2025-07, title: {ja: 三, en: Three}, summary: {ja: 要約, en: Summary}, topics: [t],
     citations: [{source: news-ja, quote: 三つ目}]}
"""


@pytest.fixture
def shared_quote(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(SHARED_QUOTE, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_quote_two_events_share_is_listed_once_with_a_back_link_to_each(run_cli, shared_quote, lang):
    root = parse(html(run_cli, "-f", shared_quote, "--lang", lang))
    note = root.one("li", id="fn-2")  # news-ja: cited by the first and the second event with the same words
    quotes = [q.text() for q in note.all("blockquote")]
    assert quotes == ["同じ言葉", "別の言葉", "三つ目"]
    shared = [use for use in note.all("div", cls="tl-use") if use.one("blockquote").text() == "同じ言葉"][0]
    assert shared.attrs["data-events"] == "first second"
    assert [a.attrs["href"] for a in shared.all("a", cls="tl-backref")] == ["#fnref-2-1", "#fnref-2-2"]
    refs = {ref.attrs["id"] for ref in root.all("a", cls="tl-fnref")}
    backs = {a.attrs["href"][1:] for a in root.one("section", cls="tl-sources").all("a", cls="tl-backref")}
    assert refs == backs  # every mark still has its way back (from each of the quotes it rests on)


@pytest.mark.parametrize("lang, note_ja, note_en", [("en", "", "(in Japanese)"), ("ja", "（英語）", "")])
def test_a_quote_in_another_language_than_the_page_says_so_and_is_not_translated(
        run_cli, shared_quote, lang, note_ja, note_en):
    root = parse(html(run_cli, "-f", shared_quote, "--lang", lang))
    sources = root.one("section", cls="tl-sources")
    said = {q.one("blockquote").attrs["lang"]: q.one("span", cls="tl-quote-lang").text() for q in sources.all("div", cls="tl-use")}
    assert said == {"ja": note_en, "en": note_ja}  # the page's language visible, the other waits for the toggle
    assert {q.text() for q in sources.all("blockquote")} == {"said it", "同じ言葉", "別の言葉", "三つ目"}
    fragment = parse(html(run_cli, "-f", shared_quote, "--lang", lang, "--fragment"))
    assert fragment.all("span", cls="tl-quote-lang")[0].text() in (note_ja + note_en, "")


def test_the_marks_of_one_place_are_in_ascending_order(run_cli, shared_quote):
    root = parse(html(run_cli, "-f", shared_quote))
    for summary in root.all("p", cls="tl-summary"):
        numbers = [int(ref.text()) for ref in summary.all("a", cls="tl-fnref")]
        assert numbers == sorted(numbers)
    second = root.one("article", id="event-second").one("p", cls="tl-summary")
    assert [ref.text() for ref in second.all("a", cls="tl-fnref")] == ["1", "2"]  # cites 2 then 1


@pytest.mark.parametrize("args, en, ja", [
    (["--topic", "t"], "Topic: Topic · 2 events", "トピック：話題 · 2件"),
    (["--actor", "x"], "Actor: Kō · 1 event", "関係者：甲 · 1件"),
    (["--topic", "t", "--topic", "u", "--from", "2025-02"], "Topics: Topic or Other topic · From Feb. 2025 · 2 events",
     "トピック：話題または別の話題 · 2025年2月以降 · 2件"),
    (["--search", "two", "--to", "2025-03"], "Until March 2025 · Search: “two” · 1 event", "2025年3月まで · 検索：「two」 · 1件"),
])
def test_a_filtered_page_says_which_selection_it_shows(run_cli, shared_quote, args, en, ja):
    for lang, words in (("en", en), ("ja", ja)):
        root = parse(html(run_cli, "-f", shared_quote, "--lang", lang, *args))
        assert root.one("header", cls="tl-header").one("p", cls="tl-selection").text() == words
        count = json.loads(root.one("script", id="tl-data").text())["words"][lang]["count"]
        assert count != {"en": "{shown} of {total} events", "ja": "{total}件中{shown}件"}[lang]  # not "all of all"
    whole = parse(html(run_cli, "-f", shared_quote, "--reverse"))  # the order alone leaves nothing out
    assert not whole.all("p", cls="tl-selection")
    assert json.loads(whole.one("script", id="tl-data").text())["words"]["en"]["count"] == "{shown} of {total} events"


@pytest.mark.parametrize("lang, year", [("en", "2025"), ("ja", "2025年")])
def test_an_open_start_is_a_short_dotted_stub_in_the_overview_and_the_legend(run_cli, shared_quote, lang, year):
    root = parse(html(run_cli, "-f", shared_quote, "--lang", lang))
    svg = root.one("svg", id="tl-axis")
    width = float(svg.attrs["viewbox"].split()[2])
    mark = svg.one("a", cls="tl-mark", data_event="third")
    assert "tl-mark-open" in mark.attrs["class"].split()
    stub = mark.one("line", cls="tl-stub")
    rect = mark.one("rect")
    assert float(stub.attrs["x2"]) == float(rect.attrs["x"])  # it leads into the known end (July 2025)
    assert 0 < float(stub.attrs["x2"]) - float(stub.attrs["x1"]) < width / 10  # short: not to the axis's start
    legend = root.one("figure", cls="tl-overview").one("figcaption")
    assert legend.one("span", cls="tl-key-open")
    assert {"en": "start or end unknown or still open", "ja": "始まりか終わりが不明、または定まっていない"}[lang] \
        in legend.text()
    months = {"en": ["April", "July", "Oct."], "ja": ["4月", "7月", "10月"]}[lang]  # a year alone names its quarters
    assert [label.text() for label in svg.all("text", cls="tl-tick-label")] == [year, *months]


def test_the_fragment_has_no_h1_and_its_headings_resist_a_host_page_style(run_cli):
    text = html(run_cli, "-f", FIXTURE, "--fragment")
    root = parse(text)
    assert not root.all("h1") and root.one("header", cls="tl-header").one("h2", cls="tl-heading").text()
    style = root.one("style").text()
    rule = re.search(r"\.tl-chronology h1, \.tl-chronology h2, \.tl-chronology h3, \.tl-chronology h4 \{([^}]*)\}", style)
    assert rule and all(f"{key}:" in rule.group(1) for key in ("color", "font-family", "margin", "font-weight"))
    # the hint to scroll the overview sideways comes with the overview, and only with it
    assert root.all("figure", cls="tl-overview") and "scroll sideways" in root.one("figcaption").text()
    empty = parse(html(run_cli, "-f", FIXTURE, "--fragment", "--search", "no such words anywhere"))
    assert not empty.all("figure") and "scroll sideways" not in empty.one("div", cls="tl-chronology").text()
