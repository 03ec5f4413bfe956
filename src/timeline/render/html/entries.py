"""The list's entries, the overview's marks and the footnotes' quotes as markup: the parts of the page that
repeat 10 000 times.

The rest of the page is laid out by the Jinja2 templates; an entry (a mark) is written here, in f-strings,
because a template spends most of a long chronology's time looking up attributes and passing each of an entry's
forty values through its finalize hook (the page took twice as long as the Markdown chronology). Every value is
escaped as the templates escape it: the view's Markup as it is (view.py escaped it), any other text through
html_text, so nothing from the data becomes an element or an attribute here either. The marks, the bars and the
quotes come back as an Html (view.py), and an entry as text that the walk (view.chronology) joins into its section's
Html: the templates write an Html as it is inside `{% autoescape false %}`.

An entry is written as the walk reaches its event, in one pass: its footnote marks numbered, its date's line and
its texts escaped straight into its markup (a record of each entry's dozen parts, read again to lay them out, was a
tenth of the page's time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from markupsafe import Markup

from ...model import Correction, Event, Timeline
from ..footnotes import FootnoteRef
from .histogram import Bar
from .overview import Mark
from .view import Both, FootnoteView, Html, Walk, event_ids, html_text, plain, ref_html

__all__ = ["EntryWords", "bars_markup", "entry_markup", "marks_markup", "quotes_markup"]


class EntryWords(NamedTuple):  # a NamedTuple: as immutable as a frozen dataclass, a tenth of the cost to define
    """What every entry of one page writes the same way, made once per page."""

    permalink: str  # the permalink's aria-label, escaped
    note: str  # '<strong>Editor's note</strong>: ' in both languages
    internal: str  # '<strong>Internal</strong>: '
    tags: dict[str, str]  # topic id -> its tag, named in the page's language (the script relabels the tags)
    notice: Callable[[Correction], Markup]
    # Each set of ids (an event's topics, its actors) as an attribute's value, and each set of topics as its tags:
    # made once per set, as the entries meet them (10 000 events have a few hundred sets).
    sets: dict[tuple[str, ...], str]
    tag_lists: dict[tuple[str, ...], str]

    def ids(self, ids: Sequence[str]) -> str:
        """The ids, space-separated and escaped, for data-topics and data-actors."""
        key = ids if type(ids) is tuple else tuple(ids)  # a library caller's Event may hold a list
        value = self.sets.get(key)
        if value is None:
            value = self.sets[key] = html_text(" ".join(key))
        return value

    def tags_of(self, topics: Sequence[str]) -> str:
        """The topics' tags, in the event's order."""
        key = topics if type(topics) is tuple else tuple(topics)
        tags = self.tag_lists.get(key)
        if tags is None:
            tags = self.tag_lists[key] = "".join([self.tags[topic] for topic in key])
        return tags

    @classmethod
    def of(cls, timeline: Timeline, both: Both, lang: str, permalink: str, notice) -> EntryWords:
        colon = both("：", ": ")
        return cls(permalink=permalink,
                   note=f"<strong>{both.words('note')}</strong>{colon}",
                   internal=f"<strong>{both('社内メモ', 'Internal')}</strong>{colon}",
                   tags={t: f'<span class="tl-tag">{html_text(plain(topic.name.get(lang)))}</span>'
                         for t, topic in timeline.topics.items()},
                   notice=notice, sets={}, tag_lists={})


def entry_markup(walk: Walk, event: Event, ident: str, words: EntryWords) -> str:
    """The entry's `<li>`, followed by a line break, as the walk reaches it (`ident`: the event's id, escaped): the
    walk numbers its footnote marks and keeps each date's line."""
    both = walk.both
    scheduled = " tl-scheduled" if event.status == "scheduled" else ""
    refs = "".join([ref_html(ref, index > 0) for index, ref in enumerate(walk.sources(event, ident))])
    parts = [f'<li><article id="event-{ident}" class="tl-event{scheduled}" data-topics="{words.ids(event.topics)}" '
             f'data-actors="{words.ids(event.actors)}">\n'
             f'<p class="tl-date"><span class="tl-date-text">{walk.date(event.date)}</span></p>\n'
             f'<h4 class="tl-title"><span class="tl-title-text">{both.text_html(event.title)}{walk.scheduled(event)}'
             f'</span> '
             f'<a class="tl-permalink" href="#event-{ident}" aria-label="{words.permalink}">#</a></h4>\n'
             f'<p class="tl-summary">{both.text_html(event.summary)}{refs}</p>\n']
    if event.disputes:
        disputes = "".join([f'<p class="tl-dispute">{walk.dispute(ident, dispute)}</p>' for dispute in event.disputes])
        parts.append(f'<div class="tl-disputes">{disputes}</div>\n')
    note = "" if event.notes is None else both.text_html(event.notes)
    if note:  # notes with no words (a library caller's Text("", "")) are left out, not written empty
        parts.append(f'<p class="tl-notes">{words.note}{note}</p>\n')
    if event.corrections:
        notices = "".join([f'<p class="tl-correction">{words.notice(correction)}'
                           f'{_mark_of(walk.correction(ident, correction))}</p>' for correction in event.corrections])
        parts.append(f'<div class="tl-corrections">{notices}</div>\n')
    if event.internal:
        parts.append(f'<p class="tl-internal-note">{words.internal}{html_text(event.internal)}</p>\n')
    if event.topics:
        parts.append(f'<p class="tl-tags">{words.tags_of(event.topics)}</p>\n')
    parts.append("</article></li>\n")
    return "".join(parts)


def _mark_of(ref: FootnoteRef | None) -> str:
    return "" if ref is None else ref_html(ref)


def marks_markup(marks: Iterable[Mark]) -> Html:
    """The overview's marks, each a link to its entry (`<a>` with its `<title>`, its shape, its stubs) on a line."""
    return Html("".join([_mark(mark) for mark in marks]))


def _mark(mark: Mark) -> str:
    ident = mark.event_id  # escaped by the view (EntryView.id)
    kind = (" tl-mark-uncertain" if mark.uncertain else "") + (" tl-mark-open" if mark.open else "")
    shape = (f'<circle cx="{mark.x}" cy="{mark.y}" r="5"></circle>' if mark.shape == "circle" else
             f'<rect x="{mark.x}" y="{mark.y - 5}" width="{mark.width}" height="10" rx="3"></rect>')
    stubs = "".join([f'<line class="tl-stub" x1="{x1}" x2="{x2}" y1="{mark.y}" y2="{mark.y}"></line>'
                     for x1, x2 in mark.stubs])
    title = "" if mark.title is None else f"<title>{html_text(mark.title)}</title>"
    return (f'<a href="#event-{ident}" class="tl-mark{kind}" tabindex="-1" data-event="{ident}">'
            f'{title}{shape}{stubs}</a>\n')


def bars_markup(bars: Iterable[Bar], lang: str, toggle: bool = True) -> Html:
    """A long overview's bars, each a link to the first of its events, its title in `lang` and, for the script's
    language toggle (`toggle`: not in a fragment), in both (data-en, data-ja), its grey part a second rect, on a
    line."""
    return Html("".join([_bar(bar, lang, toggle) for bar in bars]))


def _bar(bar: Bar, lang: str, toggle: bool) -> str:
    ident = bar.event_id  # escaped by the view (EntryView.id)
    solid = round(bar.height - bar.grey, 1)
    parts = ([f'<rect x="{bar.x}" y="{round(bar.y + bar.grey, 1)}" width="{bar.width}" height="{solid}"></rect>']
             if solid > 0 else []) + \
        ([f'<rect class="tl-bar-grey" x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.grey}"></rect>']
         if bar.grey else [])
    more = f' data-more="{bar.more}"' if bar.more else ""
    return (f'<a href="#event-{ident}" class="tl-mark tl-bar" tabindex="-1" data-event="{ident}" '
            f'data-count="{bar.count}"{more}{_both(bar) if toggle else ""}><title>{html_text(bar.titles[lang])}</title>'
            f'{"".join(parts)}</a>\n')


def _both(bar: Bar) -> str:
    return f' data-en="{html_text(bar.titles["en"])}" data-ja="{html_text(bar.titles["ja"])}"'


def quotes_markup(note: FootnoteView, back: str) -> Html:
    """A footnote's quotes, each a `.tl-use` with its blockquote (if it quotes words), the note of its language and
    a back-link (`back`, escaped, is their label) to each mark that cites it, each on a line."""
    blockquote, said = f'<blockquote lang="{html_text(note.language)}">', f"{note.language_note} "
    parts = []
    for text, uses in note.quotes.items():
        if len(uses) == 1:  # most quotes, on a long chronology: one back-link, one event
            links, events = _backlink(uses[0].ref, back), uses[0].event_id  # ids escaped by the view (Use)
        else:
            links, events = "".join([_backlink(use.ref, back) for use in uses]), event_ids(uses)
        if text is None or note.withheld is not None:  # a notice's use, or a withheld quote: words, no blockquote
            said_instead = note.unquoted if text is None else note.withheld
            parts.append(f'<div class="tl-use" data-events="{events}"><p class="tl-use-meta">{said_instead} {links}'
                         f'</p></div>\n')
        else:
            parts.append(f'<div class="tl-use" data-events="{events}">{blockquote}{html_text(text)}'
                         f'</blockquote><p class="tl-use-meta">{said}{links}</p></div>\n')
    return Html("".join(parts))


def _backlink(ref: FootnoteRef, back: str) -> str:
    mark = f"{ref.number}-{ref.occurrence}"
    return f'<a class="tl-backref" href="#fnref-{mark}" aria-label="{back} ({mark})">↩</a>'
