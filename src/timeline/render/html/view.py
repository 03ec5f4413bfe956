"""What the page shows, computed in Python before the templates lay it out: every text in both languages (the
page's language shown, the other one `hidden` for the language toggle), dates in words with `<time>` where
HTML allows, footnote marks numbered by the shared walk (footnotes.py), sections by the shared rule
(sections.py). Data is escaped here (markupsafe) or by the templates' autoescape: nothing from the data ever
becomes an element or an attribute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ...dates import EventDate, Point, Precision
from ...model import Correction, Dispute, Event, Source, Text, Timeline
from ..dates import format_date
from ..footnotes import FootnoteRef, Footnotes, cited_by_event, correction_source
from ..headline import unnamed, untitled, withheld
from ..disputes import differ_on
from ..markdown import as_of
from ..sections import section_heading, sections, year_heading
from ..text import controls_shown
from ..times import stamp_time
from .words import WORDS

LANGS = ("ja", "en")
_SPACES = re.compile(r"[\t\n\v\f\r \u2028\u2029]+")
# How format_date joins the two ends of an interval (dates.py): spaced en dash, en dash, full-width tilde.
_SEPARATORS = (" – ", "–", "～")


def plain(text: str) -> str:
    """Data text as the chronology shows it: one line, and control or bidi characters as visible escapes
    (`\\u202e`), exactly as the Markdown chronology shows them, so no text can reorder what follows it."""
    if text.isprintable() and "  " not in text and text == text.strip():
        return text  # the common case, and nothing below would change it: no control, bidi or line break
    # Only controls are shown as escapes: a page is no CI log, so `::` stays as typed (as in the Markdown).
    return controls_shown(_SPACES.sub(" ", text).strip())


def html_text(value: str) -> str:
    """Data text as HTML: markupsafe's escaping, and the pairs a CI log reads as a workflow command (`::` at a
    line start, `##[` anywhere) written as character references, so a page printed into a CI log forges nothing
    while a browser shows exactly the text typed.

    markupsafe's own five references, written by str.replace: `escape` wraps each result in a Markup, and a long
    chronology escapes 150 000 texts (a fifth of the page's time went to making those objects)."""
    if type(value) is str:
        html = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;") \
            .replace('"', "&#34;")
    else:  # Markup stays as it is, anything else is escaped as markupsafe does
        html = str(escape(value))
    if "::" in html or "##[" in html:
        html = html.replace("::", "&#58;:").replace("##[", "#&#35;[")
    return html


class Html:
    """Markup the page's own code wrote (entries.py: thousands of entries, marks, quotes), handed to the templates as
    a plain str. A Markup is a str subclass, and Jinja's escape() and str() copy one whole: the list of a long
    chronology is 15 MB, and most of its sections hold a character beyond U+FFFF (four bytes each). The templates'
    finalize hook writes an Html's text as it is, where autoescape is off; where it is on, the text would be
    escaped (shown, never obeyed): safe either way."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _escaped(value: str | Markup) -> str:
    """Text as HTML (html_text, without building a Markup per piece); Markup stays as it is."""
    return str(value) if isinstance(value, Markup) else html_text(value)


@dataclass(frozen=True, slots=True)
class Both:
    """Writes a text in both languages: the page's shown, the other `hidden` for the toggle (CSS shows the
    language on <html data-timeline-lang>). A fragment (no script) carries only its own language."""

    lang: str
    fragment: bool

    def __call__(self, ja: str | Markup, en: str | Markup) -> Markup:
        return Markup(self.html(ja, en))

    def html(self, ja: str | Markup, en: str | Markup) -> str:
        """What __call__ writes, as a plain str: an entry's parts are joined as text, not as Markup objects."""
        if self.fragment:
            return _escaped(ja if self.lang == "ja" else en)
        ja = str(ja) if isinstance(ja, Markup) else html_text(ja)  # _escaped, inline: called 50 000 times a page
        en = str(en) if isinstance(en, Markup) else html_text(en)
        return self.markup(ja, en)

    def markup(self, ja: str, en: str) -> str:
        """html's spans around two texts that are HTML already (escaped, or markup the view made)."""
        if self.fragment:
            return ja if self.lang == "ja" else en
        if ja == en:
            return ja
        # A side with no words ("(in Japanese)" has none on the Japanese side) is left out: an empty span per quote
        # was 20 000 elements on a long chronology, and shows nothing.
        hide_ja, hide_en = (" hidden", "") if self.lang == "en" else ("", " hidden")
        return ((f'<span class="tl-l-ja" lang="ja"{hide_ja}>{ja}</span>' if ja else "") +
                (f'<span class="tl-l-en" lang="en"{hide_en}>{en}</span>' if en else ""))

    def text(self, text: Text) -> Markup:
        return Markup(self.text_html(text))

    def text_html(self, text: Text) -> str:
        if self.fragment:
            return html_text(plain(text.get(self.lang)))
        return self.markup(html_text(plain(text.ja)), html_text(plain(text.en)))

    def words(self, key: str, **values) -> Markup:
        return self(*(WORDS[lang][key].format(**values) for lang in LANGS))


# -- dates ----------------------------------------------------------------------------------------------------


def stamp(point: Point | None) -> str | None:
    """The point as an HTML valid date string (YYYY, YYYY-MM, YYYY-MM-DD; a moment with its offset:
    2025-10-10T15:05:00-04:00), or None (a season, year 0 or less)."""
    if point is None or point.year < 1 or point.precision is Precision.SEASON or point.precision < Precision.YEAR:
        return None
    if point.precision is Precision.DAY:
        return f"{point.year:04d}-{point.month:02d}-{point.day:02d}" + stamp_time(point)
    if point.precision is Precision.MONTH:
        return f"{point.year:04d}-{point.month:02d}"
    return f"{point.year:04d}"


def _time(text: str, point: Point | None) -> str:
    machine = stamp(point)
    return html_text(text) if machine is None else f'<time datetime="{machine}">{html_text(text)}</time>'


def date_markup(date: EventDate, lang: str, text: str | None = None) -> str:
    """format_date's words (`text`, when the caller has them), as HTML, with each end that HTML can state in a
    <time>: one for a date, two for an interval."""
    text = format_date(date, lang) if text is None else text
    if not date.is_interval:
        return _time(text, date.start)
    if date.start is not None and date.end is not None:
        for separator in _SEPARATORS:
            if separator in text:
                head, tail = text.split(separator, 1)
                return _time(head, date.start) + separator + _time(tail, date.end)
        return _time(text, date.start)  # both ends the same date: written once
    known = date.start or date.end
    own = format_date(known, lang)  # type: ignore[arg-type]  # one end always exists
    if own not in text:
        return html_text(text)
    before, after = text.split(own, 1)
    return html_text(before) + _time(own, known) + html_text(after)


# What a reader needs beyond the date in words ("July 2025" already says its precision): an approximate or
# uncertain date, and an end that is not known, said naturally. The overview's marks say the same words.
_READER_WORDS = {
    "en": {"approximate": "approximate", "uncertain": "uncertain", "wrap": " ({})", "sep": ", ",
           "start": "; start unknown", "end": "; end unknown"},
    "ja": {"approximate": "頃", "uncertain": "不確か", "wrap": "（{}）", "sep": "、",
           "start": "始まりは不明", "end": "終わりは不明"},
}  # fmt: skip


def reader_words(date: EventDate, lang: str, text: str | None = None) -> str:
    """' (approximate); start unknown' / '（始まりは不明）': what the date in words (`text`, when the caller has
    them) does not already say."""
    approximate, uncertain = date.approximate, date.uncertain
    if not (approximate or uncertain or date.open_start or date.open_end or date.unknown_start or date.unknown_end):
        return ""  # most dates: nothing to add (a page asks this of every distinct date, in both languages)
    words, text = _READER_WORDS[lang], format_date(date, lang) if text is None else text
    qualifiers = [words[q] for q, said in (("approximate", approximate), ("uncertain", uncertain))
                  if said and words[q] not in text]
    start = date.open_start or date.unknown_start
    end = date.open_end or date.unknown_end
    if lang == "ja":  # 不明～2025年7月 already says an unknown end; 2025年7月まで does not
        start, end = date.open_start, date.open_end
        qualifiers += [words[side] for side, missing in (("start", start), ("end", end)) if missing]
        return words["wrap"].format(words["sep"].join(qualifiers)) if qualifiers else ""
    said = words["wrap"].format(words["sep"].join(qualifiers)) if qualifiers else ""
    return said + (words["start"] if start else "") + (words["end"] if end else "")


def date_line(date: EventDate, both: Both) -> str:
    """The date line in both languages: the words with their <time>s, and what they do not already say."""
    return both.markup(_date_words(date, "ja"), _date_words(date, "en"))


def _date_words(date: EventDate, lang: str) -> str:
    text = format_date(date, lang)
    more = reader_words(date, lang, text)
    return date_markup(date, lang, text) + html_text(more) if more else date_markup(date, lang, text)


def scheduled_words(event: Event, lang: str) -> str:
    """What follows a scheduled event's title, in the entry and in its mark's tooltip: ' (scheduled)', '（予定）'."""
    return WORDS[lang]["scheduled"] if event.status == "scheduled" else ""


def date_words(date: EventDate, lang: str) -> str:
    """The date line's words as text: what a mark's tooltip says of its date, as the script says it after the
    language toggle (from the entry's date line)."""
    text = format_date(date, lang)
    return text + reader_words(date, lang, text)


# -- the page's parts -----------------------------------------------------------------------------------------


class Use(NamedTuple):  # a NamedTuple: a long chronology makes one per citation
    """One use of a footnote: its mark's id, the event, the quotes it rests on."""

    ref: FootnoteRef
    event_id: str  # escaped, as EntryView.id
    quotes: tuple[str, ...]


@dataclass(slots=True)
class EntryView:
    """One entry, its texts already HTML (escaped here, joined as str: entries.py writes them as they are)."""

    event: Event
    id: str  # escaped once: it is written several times
    topics: str  # the ids, space-separated, for data-topics
    actors: str
    date: str
    title: str
    summary: str
    refs: list[FootnoteRef]
    disputes: list[Markup]
    note: str | None
    correction_refs: list[FootnoteRef | None] = field(default_factory=list)  # each notice's source, or None


@dataclass(slots=True)
class SectionView:
    heading: Markup
    entries: list[EntryView]


@dataclass(slots=True)
class YearView:
    year: int
    heading: Markup
    sections: list[SectionView] = field(default_factory=list)


# A NamedTuple: a long chronology makes one per quote (a frozen dataclass's __init__ is several times slower).
class QuoteView(NamedTuple):
    """One distinct quote of a footnote (None: the uses that quote nothing) and every use that cites it, so the
    same words quoted by two events are listed once, with a back-link to each."""

    text: str | None
    uses: tuple[Use, ...]

    @property
    def event_ids(self) -> str:
        return " ".join(dict.fromkeys(use.event_id for use in self.uses))


@dataclass(frozen=True, slots=True)
class FootnoteView:
    number: int
    text: Markup
    href: str | None
    host: str
    language: str
    quotes: tuple[QuoteView, ...]
    language_note: Markup  # its .tl-quote-lang span: "(in Japanese)" where the quotes' language is not the page's


def quote_groups(uses: list[Use]) -> tuple[QuoteView, ...]:
    """The footnote's distinct quotes in order of first use, each with the uses that quote it."""
    groups: dict[str | None, list[Use]] = {}
    for use in uses:
        for quote in use.quotes or (None,):
            group = groups.get(quote)
            if group is None:
                groups[quote] = [use]
            else:
                group.append(use)
    return tuple([QuoteView(text, tuple(members)) for text, members in groups.items()])


_LANGUAGE_NAMES = {"ja": {"ja": "日本語", "en": "Japanese"}, "en": {"ja": "英語", "en": "English"}}


def language_note(language: str, both: Both) -> Markup:
    """'(in Japanese)' / '（英語）' beside a verbatim quote in another language than the page's (never translated),
    as its `.tl-quote-lang` span. Where the page's language alone has words (a Japanese quote on an English page)
    that side's span is the `.tl-quote-lang` itself, not wrapped in another: one element per quote instead of two,
    on a page that may list 20 000 quotes."""
    names = _LANGUAGE_NAMES.get(language.split("-")[0].lower(), {"ja": language, "en": language})
    ja, en = (WORDS[lang]["quote_language"].format(name=names[lang]) if not language.lower().startswith(lang)
              else "" for lang in LANGS)
    if both.fragment or not (ja if both.lang == "ja" else en) or (ja and en):
        return Markup('<span class="tl-quote-lang">') + both(ja, en) + Markup("</span>")
    lang = both.lang  # the visible side alone: a hidden one keeps its wrapper, which stays in the page
    return Markup(f'<span class="tl-quote-lang tl-l-{lang}" lang="{lang}">{html_text(ja or en)}</span>')


def http_url(url: str | None) -> str | None:
    """The address if it is http(s), else None: the page links nowhere else."""
    if not url or urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc:
        return None
    return url


def ref_markup(ref: FootnoteRef) -> Markup:
    """The footnote mark in the text, with the id its back-link returns to."""
    return Markup(ref_html(ref))


def ref_html(ref: FootnoteRef) -> str:
    """ref_markup as a plain str, for the entries joined as text (entries.py)."""
    return (f'<sup><a href="#fn-{ref.number}" id="fnref-{ref.number}-{ref.occurrence}" '
            f'class="tl-fnref">{ref.number}</a></sup>')


class Walk:
    """Walks the events in order, numbering footnotes as the Markdown chronology does and noting each use."""

    def __init__(self, timeline: Timeline, both: Both) -> None:
        self.timeline, self.both = timeline, both
        self.footnotes = Footnotes()
        self.uses: dict[int, list[Use]] = {}
        # Each date's line, made once per page: 10 000 entries have a few thousand dates, each worth ~30 µs of
        # words (a bounded lru_cache smaller than that thrashed). A dict per walk: the reader's zone (--tz) and
        # the page's language are fixed for it.
        self.dates: dict[EventDate, str] = {}
        self.after_title: dict[str, str] = {}  # status -> what follows the title (scheduled_words), made once

    def _cite(self, ref: FootnoteRef, event_id: str, quotes: tuple[str, ...]) -> None:
        self.uses.setdefault(ref.number, []).append(Use(ref, event_id, quotes))

    def entry(self, event: Event) -> EntryView:
        both, ident = self.both, html_text(event.id)
        refs = self.footnotes.cite_all(cited_by_event(event))
        quotes: dict[str, list[str]] = {}  # each source's quotes, in the order the event cites them
        for citation in event.citations:
            quotes.setdefault(citation.source, []).append(plain(citation.quote))
        for ref in refs:
            self._cite(ref, ident, tuple(quotes[ref.source]))
        scheduled = self.after_title.get(event.status)
        if scheduled is None:
            scheduled = self.after_title[event.status] = both.html(*(scheduled_words(event, lang) for lang in LANGS))
        date = self.dates.get(event.date)
        if date is None:
            date = self.dates[event.date] = date_line(event.date, both)
        return EntryView(
            event=event,
            id=ident,
            topics=" ".join(event.topics),
            actors=" ".join(event.actors),
            date=date,
            title=both.text_html(event.title) + scheduled,
            summary=both.text_html(event.summary),
            refs=refs,
            disputes=[self.dispute(ident, dispute) for dispute in event.disputes],
            note=None if event.notes is None else both.text_html(event.notes),
            correction_refs=[self.correction(ident, correction) for correction in event.corrections],
        )

    def correction(self, ident: str, correction: Correction) -> FootnoteRef | None:
        """The mark after a notice: the article that prompted it, numbered where the Markdown numbers it."""
        source = correction_source(correction, self.timeline.sources)
        if source is None:
            return None
        ref = self.footnotes.cite(source)
        self._cite(ref, ident, ())
        return ref

    def dispute(self, ident: str, dispute: Dispute) -> Markup:
        """'Sources differ on the date: A says X¹; B says Y².' with each side's mark outside the language spans,
        so each mark is in the page once."""
        both, about = self.both, dispute.about
        parts = [Markup("<strong>"), both(differ_on(about, "ja"), plain(differ_on(about, "en"))),
                 Markup("</strong>"), both("：", ": ")]
        for index, claim in enumerate(dispute.claims):
            publisher = plain(self.timeline.sources[claim.citation.source].publisher)
            if index:
                parts.append(both("、", "; "))
            parts.append(both(f"{publisher}は{plain(claim.says.ja)}", f"{publisher} says {plain(claim.says.en)}"))
            ref = self.footnotes.cite(claim.citation.source)
            self._cite(ref, ident, (plain(claim.citation.quote),))
            parts.append(ref_markup(ref))
        parts.append(both("としている。", "."))
        if dispute.note is not None:
            parts.append(both(plain(dispute.note.ja), " " + plain(dispute.note.en)))
        return Markup("").join(parts)

    def footnote(self, source_id: str, number: int) -> FootnoteView:
        source: Source = self.timeline.sources[source_id]
        href = http_url(source.url)
        return FootnoteView(number, self._citation_text(source), href, urlsplit(href).hostname or href if href else "",
                            source.language, quote_groups(self.uses.get(number, [])),
                            language_note(source.language, self.both))

    def _citation_text(self, source: Source) -> Markup:
        """`Publisher: “Headline” (date)` / `Publisher「Headline」（date）`, as the Markdown footnote reads."""
        publisher = Markup(html_text(plain(source.publisher)))
        texts = []
        for lang in LANGS:
            date = escape(format_date(source.published, lang))
            if withheld(source):  # a private source, withheld (internal.py): "Unnamed source (date)" in each language
                name = escape(unnamed(lang))
                texts.append(Markup(f"{name} ({date})" if lang == "en" else f"{name}（{date}）"))
                continue
            if source.title is None:
                phrase = escape(untitled(lang))
                texts.append(Markup(f"{publisher}: {phrase} ({date})" if lang == "en" else f"{publisher}、{phrase}（{date}）"))
                continue
            cite = Markup(f'<cite lang="{escape(source.language)}">{html_text(plain(source.title))}</cite>')
            texts.append(Markup(f"{publisher}: “{cite}” ({date})" if lang == "en" else f"{publisher}「{cite}」（{date}）"))
        return self.both(*texts)


def chronology(timeline: Timeline, events: list[Event], both: Both) -> tuple[list[YearView], list[FootnoteView]]:
    """The years, their sections and entries, and the footnotes, in the one order."""
    walk, years = Walk(timeline, both), []
    for key, members in sections(timeline, events, "month"):
        if not years or years[-1].year != key[0]:
            years.append(YearView(key[0], both(*(year_heading(key[0], lang) for lang in LANGS))))
        heading = both(*(section_heading(key, lang) for lang in LANGS))
        years[-1].sections.append(SectionView(heading, [walk.entry(event) for event in members]))
    notes = [walk.footnote(source_id, number) for source_id, number in walk.footnotes.numbers.items()]
    return years, notes


def as_of_markup(timeline: Timeline, events: list[Event], both: Both) -> Markup | None:
    latest = as_of(timeline, events)
    if latest is None:
        return None
    return both(*(WORDS[lang]["as_of"].format(date=format_date(latest, lang)) for lang in LANGS))
