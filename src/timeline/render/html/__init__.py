"""The web chronology: one self-contained HTML page (or a fragment for a CMS), in Japanese or English.

`render_html(timeline, events, HtmlOptions(...)) -> str` is pure: no clock, no I/O, the same data gives the same
bytes. The page works without JavaScript (headings, entries, footnotes, the overview); its one inline script adds
filters, search, the language toggle and the URL state. The stylesheet and the script are inlined and allowed by
their sha256 in a Content-Security-Policy, which forbids everything else: no network, no other script.

Templates are Jinja2 with autoescape on and StrictUndefined (jinja2 is imported here only, and this package
only by `timeline html`). The sections and footnote numbers are the Markdown chronology's (sections.py,
footnotes.py), so the page and the Markdown never disagree. `timeline docs html` describes the page's hooks.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from ...model import Event, Timeline
from ...names import fold
from ...query import Filter
from .entries import EntryWords, bars_markup, entry_markup, marks_markup, quotes_markup
from .notices import corrections_view, notice_markup
from .overview import overview
from .selection import describe_selection, is_selection
from .view import LANGS, Both, Html, Later, as_of_markup, chronology, html_text, plain
from .words import SCRIPT_WORDS, WORDS

__all__ = ["HtmlOptions", "html_pieces", "render_html"]


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """Language shown first (`ja`, `en`), a title override, whether to write only the fragment, and the filter
    (resolved, as `query` applied it) that chose the events: a selection is said in the header."""

    lang: str = "en"
    title: str | None = None  # None: the dataset's title
    fragment: bool = False
    selection: Filter | None = None  # None or a filter that leaves nothing out: the whole chronology

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"unsupported language {self.lang!r}: use 'en' or 'ja'")


# The templates, the stylesheet and the script, beside this file (FileSystemLoader reads a folder, so the package is
# installed as files: importlib.resources would add its import, and zipfile's, to every page for nothing).
_HERE = Path(__file__).parent


@functools.cache
def _environment(compiled: bool = True):
    """The templates' environment: with `compiled`, the templates compiled ahead of time (compiled/: Python modules,
    byte-compiled at install like any other) while they are what this jinja2 makes of the .j2 files; else, and
    with compiled=False, Jinja compiles the .j2 files as it loads them (20 ms a run)."""
    import jinja2

    from .compiled import loader

    found = loader(_HERE) if compiled else None
    environment = jinja2.Environment(loader=found or jinja2.FileSystemLoader(str(_HERE)), autoescape=True,
                                     finalize=_escaped, undefined=jinja2.StrictUndefined, trim_blocks=False,
                                     keep_trailing_newline=True)
    environment.policies["json.dumps_function"] = _json_for_a_page
    return environment


def _json_for_a_page(value, **options) -> str:
    """`|tojson` for the script's data island: JSON, with `[` after `##` written `\\u005b` (the same string to the
    script) so that a page printed into a CI log forges no `##[` workflow command (html_text does it for the text;
    `::` cannot start a line of the island, which is one line)."""
    import json

    return json.dumps(value, **options).replace("##[", "##\\u005b")


_HTML = (Html, Later)


def _escaped(value):
    """Every `{{ value }}` passes here first: text that is not already Markup (or the Html entries.py wrote) is
    escaped. So the parts that repeat thousands of times may switch autoescape off (`{% autoescape false %}`: an
    Html is then written as it is, with no copy) and still never write data unescaped."""
    if type(value) in _HTML:
        return value.text  # a plain str: autoescape off writes it with no copy (view.Html says why)
    if isinstance(value, (Markup, int, float)):
        return value
    return Markup(html_text(value))


@functools.cache
def asset(name: str) -> str:
    """page.css or page.js, as inlined (and hashed)."""
    return (_HERE / name).read_text(encoding="utf-8").strip()


def csp_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy() -> str:
    """Nothing but the page's own style and script: no network, no other script, no plug-in, no form target."""
    return (f"default-src 'none'; script-src {csp_hash(asset('page.js'))}; style-src {csp_hash(asset('page.css'))}; "
            "base-uri 'none'; form-action 'none'")


def _overview_title(axis, count: int, lang: str) -> str:
    """'Overview: 10 events by topic, 2024–2029' (the SVG's accessible name)."""
    if axis is None:
        return ""
    from ..sections import year_span  # years as the text writes them: 500 B.C. – A.D. 2025, 紀元前500年～2025年

    span = year_span(axis.first, axis.last, lang)
    return WORDS[lang]["overview_one" if count == 1 else "overview"].format(count=count, span=span)


def render_html(timeline: Timeline, events: list[Event], options: HtmlOptions = HtmlOptions()) -> str:
    """The chronology of `events` (already selected and ordered) as one HTML page, or the fragment."""
    return "".join(html_pieces(timeline, events, options))


def html_pieces(timeline: Timeline, events: list[Event], options: HtmlOptions = HtmlOptions()) -> Iterator[str]:
    """render_html's text in the pieces the template writes, in order; everything is worked out before the first.

    `timeline html` encodes them one by one: the page as one str is 20 million characters at 10k events, and a
    single character beyond U+FFFF (an emoji in a title) makes every character of a str four bytes, so 80 MB
    for one copy; allocating it cost a third of a second in page faults (a third of the command's time above
    `chronology`'s), the encoded bytes are 23 MB."""
    lang, both = options.lang, Both(options.lang, options.fragment)
    titles = {l: plain(options.title if options.title is not None else timeline.title.get(l)) for l in LANGS}
    # A tag is in the page's language only: the script relabels it from data.topics (10 000 entries' tags in two
    # languages were a fifth of the page's elements).
    words = EntryWords.of(timeline, both, lang, escape(WORDS[lang]["permalink"]),
                          functools.partial(notice_markup, both=both))
    years, entries, footnotes = chronology(timeline, events, both, functools.partial(entry_markup, words=words))
    axis = overview(timeline, entries, lang)
    used_topics = set().union(*(event.topics for event in events))
    used_actors = set().union(*(event.actors for event in events))
    topics = [t for t in timeline.topics if t in used_topics]  # registry order
    # A reader looks for a name in the actor list, not an id: in the order of their names in the page's language.
    actors = sorted((a for a in timeline.actors if a in used_actors),
                    key=lambda actor: fold(timeline.actors[actor].name.get(lang)))
    selected = is_selection(options.selection)
    count_key = "count_selected" if selected else "count"
    context = {
        "lang": lang, "langs": LANGS, "fragment": options.fragment, "ui": both,
        "title": both(titles["ja"], titles["en"]), "document_title": titles[lang],
        "as_of": as_of_markup(timeline, events, both),
        "corrections": corrections_view(events, both),
        "selection": both(*(describe_selection(timeline, options.selection, len(events), l) for l in LANGS))
        if selected else None,
        "years": years, "footnotes": footnotes,
        "overview": axis, "marks": marks_markup, "quotes": quotes_markup,
        "bars": functools.partial(bars_markup, lang=lang, toggle=not options.fragment),
        "overview_title": {l: _overview_title(axis, len(events), l) for l in LANGS},
        "topics": [(t, both.text(timeline.topics[t].name)) for t in topics],
        "actors": [(a, plain(timeline.actors[a].name.get(lang))) for a in actors],
        "all_actors": WORDS[lang]["all_actors"],
        "back": escape(WORDS[lang]["back"]),
        "switch_to": WORDS[lang]["switch_to"], "switch_label": WORDS[lang]["switch_label"],
        "css": Markup(asset("page.css")), "script": Markup(asset("page.js")), "csp": content_security_policy(),
        "data": {"lang": lang, "title": titles,
                 "words": {l: {key: WORDS[l][count_key if key == "count" else key] for key in SCRIPT_WORDS}
                           for l in LANGS},
                 "actors": {a: {l: plain(timeline.actors[a].name.get(l)) for l in LANGS} for a in actors},
                 "topics": {t: {l: plain(timeline.topics[t].name.get(l)) for l in LANGS} for t in topics}},
    }
    template = "fragment.html.j2" if options.fragment else "page.html.j2"
    return _environment().get_template(template).generate(context)
