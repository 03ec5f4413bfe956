"""Markdown chronologies for publication, in Japanese or English, with GitHub-flavoured footnotes.

The output is CommonMark plus GFM footnotes (`[^1]`), so it pastes into GitHub, GitLab, most wikis and
any CMS built on markdown-it or cmark-gfm. It is a pure function of the data and the options: no clock,
no locale, no I/O, so the same input gives byte-identical output.

Layout::

    # Title
    As of Oct. 10, 2025            <- the latest source or event date in the selection, never today
    Updated Dec. 3, 2025           <- the newest correction's date, then the list of them linking to entries
    ## 2025                        <- --group-by year or month
    ### January                    <- --group-by month
    - **Jan. 20, 2025**: Title
      Summary.[^1]
      **Sources differ on the date**: A says ...[^1]; B says ...[^2].
      **Editor's note**: ...
      **Correction** (Dec. 3, 2025): An earlier version ...   <- corrections.py words every output's notices
    ## Sources
    [^1]: Publisher: “Headline as published” (Jan. 27, 2025) <https://...>

Sections follow the one order (order.py; `timeline docs chronology` has the same rule for editors). An entry's
own section comes from its *anchor*, the point that places its date (its start, or its end when the start is
open or unknown: `../2025-07`, "until July 2025", is filed where it ends), and sits where the order puts it:

- day or month anchor: under its year and month;
- season anchor: a section of its own named after the season (`### Summer`, `### 夏`), after the last month
  the season spans (spring after May, summer after August, autumn after November, winter after February of
  the next year, headed with its own year there: `### Winter 2025`, `### 2025年冬`);
- year anchor: a section at the end of its year (`### During 2025`, `### 2025年中`), after December;
- an interval is filed by its anchor like any date; its bold date shows the whole interval.

The entries are walked in the order given: a heading starts when an entry's own section comes after the
current one; an entry that `after:` moved below later entries stays in the current section (its bold date
still shows its own date). So no heading repeats and no section is out of order. No entry is ever given a
month or day its date does not have. Under `--group-by year` only the year matters. With the events given
newest first (`--reverse`), the same sections run newest first.

Sources: one footnote per article, however often it is cited, numbered in order of first use in the
text. Both rules (sections.py, footnotes.py) are shared with the web page (render/html), so the two agree. The event's own citations are marked after its summary (after its title with --no-summaries);
a dispute's claims are marked where the dispute is described.

User text is data, not markup: every title, summary, note, dispute, publisher and headline goes through
`escape_markdown`, so none of it becomes markup, HTML or a link, under CommonMark or GFM's autolinks. The
only links are the sources' own http(s) addresses, written as `<https://...>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..dates import Point
from ..model import Dispute, Event, Source, Timeline
from ..order import deciding_point
from . import corrections as notices
from .dates import format_date
from .disputes import differ_on
from .footnotes import Footnotes, cited_by_event, correction_source
from .headline import untitled, withheld
from .sections import is_span, section_heading, sections, year_heading
from .text import controls_shown

__all__ = ["GROUPINGS", "MarkdownOptions", "as_of", "escape_markdown", "render_markdown"]

GROUPINGS = ("month", "year", "none")

_WORDS = {
    "en": {
        "as_of": "As of {date}",
        "after_date": ": ",
        "scheduled": " (scheduled)",
        "note": "**Editor's note**: ",
        "sources": "Sources",
        "no_events": "No events.",
    },
    "ja": {
        "as_of": "{date}時点",
        "after_date": "\u3000",  # ideographic space, as Japanese chronologies set a date off from its text
        "scheduled": "（予定）",
        "note": "**編注**：",
        "sources": "出典",
        "no_events": "該当する出来事はありません。",
    },
}


@dataclass(frozen=True, slots=True)
class MarkdownOptions:
    """How to render: language (`en`, `ja`), grouping (`month`, `year`, `none`), summaries, a title override."""

    lang: str = "en"
    group_by: str = "month"
    summaries: bool = True
    title: str | None = None  # None: the dataset's title in `lang`

    def __post_init__(self) -> None:
        if self.lang not in _WORDS:
            raise ValueError(f"unsupported language {self.lang!r}: use 'en' or 'ja'")
        if self.group_by not in GROUPINGS:
            raise ValueError(f"unsupported grouping {self.group_by!r}: use one of {', '.join(GROUPINGS)}")


# -- escaping -----------------------------------------------------------------------------------------------

# Line breaks and tabs become one space: a newline in a summary could otherwise start a heading or a list.
_BREAKS = re.compile(r"[\t\n\v\f\r \u2028\u2029]+")
# Characters that can open markup anywhere in a line (emphasis, code, links, images, footnotes, autolinks,
# entities, tables, strikethrough, GitHub math, attribute lists, headings' closing #s).
_MARKUP = r"[\\`*_\[\]{}<>#|~^$&!]"
# What turns plain text into a link without any markup: GFM's extended autolinks (`www.`, `http://`,
# `https://`, `ftp://` in cmark-gfm, e-mail addresses, `mailto:` and `xmpp:`) and linkify as markdown-it
# enables it (also `//host`, bare domains such as `example.com`, and with fuzzy IPs `192.0.2.1`). Each needs
# one of these characters unbroken in a run of text: an `@`, a colon after a scheme's letter, `//`, the dot
# of `www.` or before a top-level domain (two letters at least), a dotted quad's first dot. A backslash
# there renders as the character itself and splits the run where the linker looks. One exception no escape
# can reach: cmark-gfm joins the text back together before it looks for e-mail addresses (see README).
# Each starts with the character it escapes, its context checked after it (`(?<=...)` includes that character):
# a pattern whose every branch starts with a known character lets the regex engine skip ahead to the next one
# instead of trying every branch at every position (twice as fast over a chronology's text).
_LINK_ANCHORS = (
    r"@",
    r":(?<=[A-Za-z]:)(?=\S)",
    r"/(?=/)",
    r"\.(?<=[Ww]{3}\.)",
    r"\.(?=[^\W\d_]{2})",
    r"\.(?<=\d\.)(?=\d{1,3}\.\d{1,3}\.\d)",
)
_INLINE = re.compile("|".join((_MARKUP, *_LINK_ANCHORS)))
# Characters that open a block only at the start of a line (lists, setext underline, definition lists),
# and ordered-list numbers ("1." or "1)").
_LEADING = re.compile(r"\A(?:[-+=:]|\d{1,9}(?=[.)]))")


def _escape_inline(match: re.Match) -> str:
    char = match.group()
    return "&lt;" if char == "<" else "\\" + char  # &lt; also survives renderers that skip backslash escapes


def _escape_leading(match: re.Match) -> str:
    text = match.group()
    return "\\" + text if not text[0].isdigit() else text + "\\"  # "1." -> "1\." keeps the number readable


def escape_markdown(text: str) -> str:
    """User text as Markdown that renders to exactly that text, on one line, never as markup or HTML.

    Whitespace runs (newlines included) become one space and the ends are trimmed; control and bidi
    characters are shown as visible escapes (`\\x1b`); characters that can start markup, and those an
    autolinker reads as part of an address (`@`, `https:`, `//`, `www.`, `.com`), are backslash-escaped and
    `<` becomes `&lt;`. Safe anywhere in a line, including its start, under CommonMark and GFM.
    """
    # Only the controls are shown as escapes: Markdown is data, and the CI-log defuse of terminal_safe (`::` ->
    # `\x3a:`) would print in the document. A workflow command needs `::` at the start of a line, which this text
    # never is but at its own start, where `_LEADING` escapes a `:` as `\:` (CommonMark renders it `:`).
    if text.isprintable() and "  " not in text:
        # Nearly every text: nothing to fold and no control to show, since every character _BREAKS or
        # controls_shown changes but the space is one Python calls unprintable (tests/unit/test_markdown_escape.py).
        flat = text.strip()
    else:
        flat = controls_shown(_BREAKS.sub(" ", text).strip())
    return _LEADING.sub(_escape_leading, _INLINE.sub(_escape_inline, flat))


def _autolink(url: str | None) -> str | None:
    """`<url>` for an http(s) address, else None; characters an autolink cannot hold are %-encoded."""
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    safe = "".join(f"%{ord(c):02X}" if c in " <>" or ord(c) < 0x20 or ord(c) == 0x7F else c for c in url)
    return f"<{safe}>"


# -- footnotes ----------------------------------------------------------------------------------------------


class _Footnotes(Footnotes):
    """The shared numbering (footnotes.py) written as GFM marks."""

    def mark(self, source_id: str) -> str:
        return f"[^{self.cite(source_id).number}]"

    def marks(self, source_ids) -> str:
        return "".join(f"[^{ref.number}]" for ref in self.cite_all(source_ids))


def _definition(number: int, source: Source, lang: str) -> str:
    """`[^n]: Publisher: “Headline” (date) <url>`; the headline stays in its original language. An article
    without one reads `Publisher: untitled article (date)` / `Publisher、見出しなし（date）`, unquoted."""
    publisher, date = escape_markdown(source.publisher), format_date(source.published, lang)
    if withheld(source):  # a private source, withheld (internal.py): "Unnamed source (date)"
        text = f"{publisher} ({date})" if lang == "en" else f"{publisher}（{date}）"
    elif source.title is None:
        phrase = untitled(lang)
        text = f"{publisher}: {phrase} ({date})" if lang == "en" else f"{publisher}、{phrase}（{date}）"
    else:
        headline = escape_markdown(source.title)
        text = f"{publisher}: “{headline}” ({date})" if lang == "en" else f"{publisher}「{headline}」（{date}）"
    link = _autolink(source.url)
    return f"[^{number}]: {text}" + (f" {link}" if link else "")


def _sources_section(timeline: Timeline, footnotes: _Footnotes, lang: str) -> list[str]:
    if not footnotes.numbers:
        return []
    definitions = [_definition(n, timeline.sources[s], lang) for s, n in footnotes.numbers.items()]
    return [f"## {_WORDS[lang]['sources']}", *definitions]


# -- the "as of" date ---------------------------------------------------------------------------------------


def as_of(timeline: Timeline, events: list[Event]) -> Point | None:
    """The date the selection is current to: the latest publication date of a cited source, or the
    latest anchor of an event that has happened (scheduled events and interval ends look ahead, so they
    are left out). None for no events. Never today's date, so the output is reproducible.
    """
    points = [timeline.sources[s].published for event in events for s in event.source_ids]
    points += [deciding_point(event.date) for event in events if event.status == "happened"]
    return max(points, key=lambda p: (p.earliest, p.precision, p.latest), default=None)


# -- sections -----------------------------------------------------------------------------------------------


def _body(timeline: Timeline, events: list[Event], options: MarkdownOptions, footnotes: _Footnotes) -> list[str]:
    if options.group_by == "none":
        return [_entry(timeline, event, options, footnotes) for event in events]
    blocks, current_year = [], None
    for key, members in sections(timeline, events, options.group_by):
        if key[0] != current_year:
            current_year = key[0]
            blocks.append(f"## {year_heading(current_year, options.lang)}")
        if options.group_by == "month" or is_span(key):  # a span is never headed by one year alone
            blocks.append(f"### {section_heading(key, options.lang)}")
        blocks.extend(_entry(timeline, event, options, footnotes) for event in members)
    return blocks


# -- entries ------------------------------------------------------------------------------------------------


def _about(about: str, lang: str) -> str:
    # A validated `about` is a slug, but the renderer takes any Timeline: escaped like all data.
    return escape_markdown(differ_on(about, lang))


def _dispute(timeline: Timeline, dispute: Dispute, lang: str, footnotes: _Footnotes) -> str:
    """One line citing every side: 'Sources differ on the date: A says X[^1]; B says Y[^2].'"""
    sides = []
    for claim in dispute.claims:
        publisher = escape_markdown(timeline.sources[claim.citation.source].publisher)
        says, mark = escape_markdown(claim.says.get(lang)), footnotes.mark(claim.citation.source)
        sides.append(f"{publisher} says {says}{mark}" if lang == "en" else f"{publisher}は{says}{mark}")
    if lang == "en":
        text = f"**{_about(dispute.about, lang)}**: {'; '.join(sides)}."
    else:
        text = f"**{_about(dispute.about, lang)}**：{'、'.join(sides)}としている。"
    if dispute.note is not None:
        text += (" " if lang == "en" else "") + escape_markdown(dispute.note.get(lang))
    return text


def _entry(timeline: Timeline, event: Event, options: MarkdownOptions, footnotes: _Footnotes) -> str:
    """A list item: bold date and title, then summary, disputes and notes as indented paragraphs.

    The space or colon after the closing `**` keeps the bold valid when a date ends in punctuation
    (“2025年1月（不確か）”): CommonMark only closes emphasis there if whitespace or punctuation follows.
    """
    lang, words = options.lang, _WORDS[options.lang]
    head = f"- **{format_date(event.date, lang)}**{words['after_date']}{escape_markdown(event.title.get(lang))}"
    if event.status == "scheduled":
        head += words["scheduled"]
    marks = footnotes.marks(cited_by_event(event))
    paragraphs = []
    if options.summaries:
        paragraphs.append(escape_markdown(event.summary.get(lang)) + marks)
    else:
        head += marks
    paragraphs += [_dispute(timeline, dispute, lang, footnotes) for dispute in event.disputes]
    if event.notes is not None:
        paragraphs.append(words["note"] + escape_markdown(event.notes.get(lang)))
    paragraphs += [_notice(timeline, correction, lang, footnotes) for correction in event.corrections]
    if event.internal is not None:  # only with --internal: the public view has none (internal.py)
        paragraphs.append(("**社内メモ**：" if lang == "ja" else "**Internal:** ") + escape_markdown(event.internal))
    if event.corrections and _ANCHORABLE.match(event.id):  # the header's list of corrections links here
        head = f'- <a id="event-{event.id}"></a>' + head[2:]
    return "\n\n".join([head, *(f"  {paragraph}" for paragraph in paragraphs)])


# -- corrections --------------------------------------------------------------------------------------------

_ANCHORABLE = re.compile(r"[a-z0-9-]+\Z")  # a validated id; any other is data, never written into an attribute


def _notice(timeline: Timeline, correction, lang: str, footnotes: _Footnotes) -> str:
    """'**Correction** (Dec. 3, 2025): text[^3]' / '**訂正**（2025年12月3日）：text[^3]', after the entry; the mark
    is the article that prompted it (its `source`), in the shared footnote walk (footnotes.py)."""
    kind = notices.kind_word(correction.kind, lang)
    label = notices.label(correction, lang).replace(kind, f"**{escape_markdown(kind)}**", 1)
    source = correction_source(correction, timeline.sources)
    mark = "" if source is None else footnotes.mark(source)
    return label + notices.separator(lang) + escape_markdown(correction.text.get(lang)) + mark


def _corrections_list(events: list[Event], lang: str) -> list[str]:
    """'Updated Dec. 3, 2025' and the list of notices, newest first, each linking to its entry."""
    found = notices.corrected(events)
    if not found:
        return []
    items = []
    for correction, event in found:
        title = escape_markdown(event.title.get(lang))
        target = f"[{title}](#event-{event.id})" if _ANCHORABLE.match(event.id) else title
        items.append(f"- {escape_markdown(notices.label(correction, lang))}{notices.separator(lang)}{target}")
    heading = notices.words(lang)["list"] + notices.separator(lang).rstrip()  # 'Corrections and updates:'
    return [notices.updated(events, lang), heading, "\n".join(items)]


# -- the document -------------------------------------------------------------------------------------------


def render_markdown(timeline: Timeline, events: list[Event], options: MarkdownOptions = MarkdownOptions()) -> str:
    """The chronology of `events` (already selected and ordered) as Markdown, ending in one newline."""
    words, footnotes = _WORDS[options.lang], _Footnotes()
    title = options.title if options.title is not None else timeline.title.get(options.lang)
    blocks = [f"# {escape_markdown(title)}"]
    latest = as_of(timeline, events)
    if latest is not None:
        blocks.append(words["as_of"].format(date=format_date(latest, options.lang)))
    blocks += _corrections_list(events, options.lang)
    blocks += _body(timeline, events, options, footnotes) if events else [words["no_events"]]
    blocks += _sources_section(timeline, footnotes, options.lang)
    return "\n\n".join(blocks) + "\n"
