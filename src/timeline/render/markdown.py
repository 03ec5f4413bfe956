"""Markdown chronologies for publication, in Japanese or English, with GitHub-flavoured footnotes.

The output is CommonMark plus GFM footnotes (`[^1]`), so it pastes into GitHub, GitLab, most wikis and
any CMS built on markdown-it or cmark-gfm. It is a pure function of the data and the options: no clock,
no locale, no I/O, so the same input gives byte-identical output.

Layout::

    # Title
    As of Oct. 10, 2025            <- the latest source or event date in the selection, never today
    ## 2025                        <- --group-by year or month
    ### January                    <- --group-by month
    - **Jan. 20, 2025**: Title
      Summary.[^1]
      **Sources differ on the date**: A says ...[^1]; B says ...[^2].
      **Editor's note**: ...
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
text. The event's own citations are marked after its summary (after its title with --no-summaries);
a dispute's claims are marked where the dispute is described.

User text is data, not markup: every title, summary, note, dispute, publisher and headline goes through
`escape_markdown`, so none of it becomes markup, HTML or a link, under CommonMark or GFM's autolinks. The
only links are the sources' own http(s) addresses, written as `<https://...>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..dates import EventDate, Point, Precision
from ..model import Dispute, Event, Source, Timeline
from ..order import deciding_point, position
from .dates import format_date
from .headline import untitled
from .text import terminal_safe

__all__ = ["GROUPINGS", "MarkdownOptions", "as_of", "escape_markdown", "render_markdown"]

GROUPINGS = ("month", "year", "none")

_WORDS = {
    "en": {
        "as_of": "As of {date}",
        "year": "{year}",
        "during": "During {year}",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),  # fmt: skip
        "seasons": {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"},
        "winter": "Winter {year}",
        "after_date": ": ",
        "scheduled": " (scheduled)",
        "note": "**Editor's note**: ",
        "sources": "Sources",
        "no_events": "No events.",
    },
    "ja": {
        "as_of": "{date}時点",
        "year": "{year}年",
        "during": "{year}年中",
        "months": tuple(f"{month}月" for month in range(1, 13)),
        "seasons": {21: "春", 22: "夏", 23: "秋", 24: "冬"},
        "winter": "{year}年冬",
        "after_date": "\u3000",  # ideographic space, as Japanese chronologies set a date off from its text
        "scheduled": "（予定）",
        "note": "**編注**：",
        "sources": "出典",
        "no_events": "該当する出来事はありません。",
    },
}
# What a dispute is `about`, as a reader would name it; unknown slugs read as words in English and as
# a neutral 記述 ("account") in Japanese rather than as an English slug in Japanese copy.
_ABOUT_JA = {"date": "日付", "amount": "金額", "duration": "期間", "count": "数", "number": "数", "place": "場所",
             "location": "場所", "name": "名称", "time": "時刻", "title": "肩書き", "reason": "理由", "content": "内容",
             "scope": "範囲", "period": "期間", "figure": "数字", "cause": "原因"}  # fmt: skip
# A section is (year, slot): month m is slot 2m, a season the slot after its last month's, a year-only date the
# slot after December's. The season of each odd slot (winter ends in February of the year after its own):
_SEASON_OF_SLOT = {11: 21, 17: 22, 23: 23, 5: 24}
_YEAR_SLOT = 100


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
_LINK_ANCHORS = (
    r"@",
    r"(?<=[A-Za-z]):(?=\S)",
    r"/(?=/)",
    r"(?<=[Ww]{3})\.",
    r"\.(?=[^\W\d_]{2})",
    r"(?<=\d)\.(?=\d{1,3}\.\d{1,3}\.\d)",
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
    flat = terminal_safe(_BREAKS.sub(" ", text).strip(), one_line=True)
    return _LEADING.sub(_escape_leading, _INLINE.sub(_escape_inline, flat))


def _autolink(url: str | None) -> str | None:
    """`<url>` for an http(s) address, else None; characters an autolink cannot hold are %-encoded."""
    if not url or urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    safe = "".join(f"%{ord(c):02X}" if c in " <>" or ord(c) < 0x20 or ord(c) == 0x7F else c for c in url)
    return f"<{safe}>"


# -- footnotes ----------------------------------------------------------------------------------------------


class _Footnotes:
    """Numbers sources in order of first use: one footnote per article, however often it is cited."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def mark(self, source_id: str) -> str:
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        return f"[^{number}]"

    def marks(self, source_ids) -> str:
        return "".join(self.mark(source_id) for source_id in dict.fromkeys(source_ids))


def _definition(number: int, source: Source, lang: str) -> str:
    """`[^n]: Publisher: “Headline” (date) <url>`; the headline stays in its original language. An article
    without one reads `Publisher: untitled article (date)` / `Publisher、見出しなし（date）`, unquoted."""
    publisher, date = escape_markdown(source.publisher), format_date(source.published, lang)
    if source.title is None:
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


def _section_key(date: EventDate, group_by: str) -> tuple[int, int]:
    """(year, slot) of the section a date belongs to (see _SEASON_OF_SLOT); sections compare in the one order."""
    day, precision = position(date), deciding_point(date).precision
    if group_by == "year":
        return (day.year, 0)
    if precision is Precision.YEAR:
        return (day.year, _YEAR_SLOT)
    return (day.year, 2 * day.month + (precision is Precision.SEASON))


def _sections(timeline: Timeline, events: list[Event], group_by: str) -> list[tuple[tuple[int, int], list[Event]]]:
    """The events in runs under one heading each. Walked oldest first, a heading starts where an event's own
    section comes after the current one; newest first (`--reverse`), the same runs come in reverse."""
    newest_first = _newest_first(timeline, events)
    sections: list[tuple[tuple[int, int], list[Event]]] = []
    for event in reversed(events) if newest_first else events:
        own = _section_key(event.date, group_by)
        if not sections or own > sections[-1][0]:
            sections.append((own, []))
        sections[-1][1].append(event)
    return [(key, members[::-1]) for key, members in reversed(sections)] if newest_first else sections


def _newest_first(timeline: Timeline, events: list[Event]) -> bool:
    """Whether `events` run against the timeline's order (`--reverse`)."""
    if len(events) < 2:
        return False
    place = {event.id: index for index, event in enumerate(timeline.events)}
    first, last = place.get(events[0].id), place.get(events[-1].id)
    return first is not None and last is not None and first > last


def _subheading(key: tuple[int, int], lang: str) -> str:
    year, slot = key
    words = _WORDS[lang]
    if slot == _YEAR_SLOT:
        return f"### {words['during'].format(year=year)}"
    if slot % 2:
        season = _SEASON_OF_SLOT[slot]
        if season == 24:  # winter is headed in the year after its own: name its own year
            return f"### {words['winter'].format(year=year - 1)}"
        return f"### {words['seasons'][season]}"
    return f"### {words['months'][slot // 2 - 1]}"


def _body(timeline: Timeline, events: list[Event], options: MarkdownOptions, footnotes: _Footnotes) -> list[str]:
    if options.group_by == "none":
        return [_entry(timeline, event, options, footnotes) for event in events]
    blocks, current_year = [], None
    for key, members in _sections(timeline, events, options.group_by):
        if key[0] != current_year:
            current_year = key[0]
            blocks.append(f"## {_WORDS[options.lang]['year'].format(year=current_year)}")
        if options.group_by == "month":
            blocks.append(_subheading(key, options.lang))
        blocks.extend(_entry(timeline, event, options, footnotes) for event in members)
    return blocks


# -- entries ------------------------------------------------------------------------------------------------


def _about(about: str, lang: str) -> str:
    if lang == "ja":
        return f"出典により{_ABOUT_JA.get(about, '記述')}が異なる"
    # A validated `about` is a slug, but the renderer takes any Timeline: escaped like all data.
    return f"Sources differ on the {escape_markdown(about.replace('-', ' '))}"


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
    marks = footnotes.marks(citation.source for citation in event.citations)
    paragraphs = []
    if options.summaries:
        paragraphs.append(escape_markdown(event.summary.get(lang)) + marks)
    else:
        head += marks
    paragraphs += [_dispute(timeline, dispute, lang, footnotes) for dispute in event.disputes]
    if event.notes is not None:
        paragraphs.append(words["note"] + escape_markdown(event.notes.get(lang)))
    return "\n\n".join([head, *(f"  {paragraph}" for paragraph in paragraphs)])


# -- the document -------------------------------------------------------------------------------------------


def render_markdown(timeline: Timeline, events: list[Event], options: MarkdownOptions = MarkdownOptions()) -> str:
    """The chronology of `events` (already selected and ordered) as Markdown, ending in one newline."""
    words, footnotes = _WORDS[options.lang], _Footnotes()
    title = options.title if options.title is not None else timeline.title.get(options.lang)
    blocks = [f"# {escape_markdown(title)}"]
    latest = as_of(timeline, events)
    if latest is not None:
        blocks.append(words["as_of"].format(date=format_date(latest, options.lang)))
    blocks += _body(timeline, events, options, footnotes) if events else [words["no_events"]]
    blocks += _sources_section(timeline, footnotes, options.lang)
    return "\n\n".join(blocks) + "\n"
