"""The list's entries, the overview's marks and the footnotes' quotes as markup: the parts of the page that
repeat 10 000 times.

The rest of the page is laid out by the Jinja2 templates; an entry (a mark) is written here, in f-strings,
because a template spends most of a long chronology's time looking up attributes and passing each of an entry's
forty values through its finalize hook (the page took twice as long as the Markdown chronology). Every value is
escaped as the templates escape it: the view's Markup as it is (view.py escaped it), any other text through
html_text, so nothing from the data becomes an element or an attribute here either. Each returns its markup as an
Html (view.py), which the templates write as it is inside `{% autoescape false %}`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ...model import Correction, Timeline
from ..footnotes import FootnoteRef
from .histogram import Bar
from .overview import Mark
from .view import Both, EntryView, FootnoteView, Html, html_text, plain, ref_html

__all__ = ["EntryWords", "bars_markup", "entries_markup", "marks_markup", "quotes_markup"]


@dataclass(frozen=True, slots=True)
class EntryWords:
    """What every entry of one page writes the same way, made once per page."""

    permalink: str  # the permalink's aria-label, escaped
    note: str  # '<strong>Editor's note</strong>: ' in both languages
    internal: str  # '<strong>Internal</strong>: '
    tags: dict[str, str]  # topic id -> its tag, named in the page's language (the script relabels the tags)
    notice: Callable[[Correction], Markup]

    @classmethod
    def of(cls, timeline: Timeline, both: Both, lang: str, permalink: str, notice) -> EntryWords:
        colon = both("：", ": ")
        return cls(permalink=permalink,
                   note=f"<strong>{both.words('note')}</strong>{colon}",
                   internal=f"<strong>{both('社内メモ', 'Internal')}</strong>{colon}",
                   tags={t: f'<span class="tl-tag">{html_text(plain(topic.name.get(lang)))}</span>'
                         for t, topic in timeline.topics.items()},
                   notice=notice)


def entries_markup(entries: Iterable[EntryView], words: EntryWords) -> Html:
    """The `<li>` of each entry, each followed by a line break."""
    return Html("".join([_entry(entry, words) for entry in entries]))


def _entry(entry: EntryView, words: EntryWords) -> str:
    event, ident = entry.event, entry.id
    scheduled = " tl-scheduled" if event.status == "scheduled" else ""
    refs = "".join([ref_html(ref) for ref in entry.refs])
    parts = [f'<li><article id="event-{ident}" class="tl-event{scheduled}" data-topics="{html_text(entry.topics)}" '
             f'data-actors="{html_text(entry.actors)}">\n'
             f'<p class="tl-date"><span class="tl-date-text">{entry.date}</span></p>\n'
             f'<h4 class="tl-title"><span class="tl-title-text">{entry.title}</span> <a class="tl-permalink" '
             f'href="#event-{ident}" aria-label="{words.permalink}">#</a></h4>\n'
             f'<p class="tl-summary">{entry.summary}{refs}</p>\n']
    if entry.disputes:
        disputes = "".join([f'<p class="tl-dispute">{dispute}</p>' for dispute in entry.disputes])
        parts.append(f'<div class="tl-disputes">{disputes}</div>\n')
    if entry.note:
        parts.append(f'<p class="tl-notes">{words.note}{entry.note}</p>\n')
    if event.corrections:
        notices = "".join([f'<p class="tl-correction">{words.notice(correction)}'
                           f'{ref_html(ref) if ref else ""}</p>'
                           for correction, ref in zip(event.corrections, entry.correction_refs, strict=True)])
        parts.append(f'<div class="tl-corrections">{notices}</div>\n')
    if event.internal:
        parts.append(f'<p class="tl-internal-note">{words.internal}{html_text(event.internal)}</p>\n')
    if event.topics:
        tags = "".join([words.tags[topic] for topic in event.topics])
        parts.append(f'<p class="tl-tags">{tags}</p>\n')
    parts.append("</article></li>\n")
    return "".join(parts)


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
    for quote in note.quotes:
        uses = quote.uses
        if len(uses) == 1:  # most quotes, on a long chronology: one back-link, one event
            links, events = _backlink(uses[0].ref, back), uses[0].event_id  # ids escaped by the view (Use)
        else:
            links, events = "".join([_backlink(use.ref, back) for use in uses]), quote.event_ids
        if quote.text is None:
            parts.append(f'<div class="tl-use" data-events="{events}"><p class="tl-use-meta">{links}</p></div>\n')
        else:
            parts.append(f'<div class="tl-use" data-events="{events}">{blockquote}{html_text(quote.text)}'
                         f'</blockquote><p class="tl-use-meta">{said}{links}</p></div>\n')
    return Html("".join(parts))


def _backlink(ref: FootnoteRef, back: str) -> str:
    mark = f"{ref.number}-{ref.occurrence}"
    return f'<a class="tl-backref" href="#fnref-{mark}" aria-label="{back} ({mark})">↩</a>'
