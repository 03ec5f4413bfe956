"""What the page shows, computed in Python before the templates lay it out: every text in both languages (the
page's language shown, the other one `hidden` for the language toggle), dates in words with `<time>` where
HTML allows, footnote marks numbered by the shared walk (footnotes.py), sections by the shared rule
(sections.py). Data is escaped here (markupsafe) or by the templates' autoescape: nothing from the data ever
becomes an element or an attribute.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
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


def _replaced(text: str) -> str:
    """markupsafe's five references by str.replace: where its one-pass C escaper is not at hand."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;") \
        .replace('"', "&#34;")


# markupsafe's C escaper without the Markup around its result (a third of the time of five str.replace scans over
# the page's 5 MB of text). It is markupsafe's own name, not its promise: any markupsafe without it (before 3.0, or a
# later one that renames it) gets the same references from _replaced, and a test holds the two to the same output.
try:
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - markupsafe < 3.0
    _escape_inner = _replaced


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

    markupsafe's own five references, without `escape`'s Markup per text (a long chronology escapes 100 000 texts:
    making those objects was a fifth of the page's time)."""
    if type(value) is str:
        html = _escape_inner(value)
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


class Later(Html):
    """An Html whose text is made when the template writes it (chronology's sections), by `make`."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    @property
    def text(self) -> str:
        return self._make()


def _escaped(value: str | Markup) -> str:
    """Text as HTML (html_text, without building a Markup per piece); Markup stays as it is."""
    return str(value) if isinstance(value, Markup) else html_text(value)


@dataclass(frozen=True, slots=True)
class Both:
    """Writes a text in both languages: the page's shown, the other `hidden` for the toggle (CSS shows the
    language on <html data-timeline-lang>). A fragment (no script) carries only its own language."""

    lang: str
    fragment: bool
    # The two spans' opening tags, the other language's `hidden`: made once, written 50 000 times a page.
    opening: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        hide_ja, hide_en = (" hidden", "") if self.lang == "en" else ("", " hidden")
        object.__setattr__(self, "opening", (f'<span class="tl-l-ja" lang="ja"{hide_ja}>',
                                             f'<span class="tl-l-en" lang="en"{hide_en}>'))

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
        open_ja, open_en = self.opening
        return (f"{open_ja}{ja}</span>" if ja else "") + (f"{open_en}{en}</span>" if en else "")

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


def _time(text: str, machine: str | None) -> str:
    """Words as HTML, in a <time> with the `machine` stamp when there is one."""
    return html_text(text) if machine is None else f'<time datetime="{machine}">{html_text(text)}</time>'


def _stamps(date: EventDate) -> tuple[str | None, str | None]:
    """The stamps of the date's start and end (one for a single date: its start is its end)."""
    start = stamp(date.start)
    return start, start if date.end is date.start else stamp(date.end)


def date_markup(date: EventDate, lang: str, text: str | None = None,
                stamps: tuple[str | None, str | None] | None = None) -> str:
    """format_date's words (`text`, when the caller has them), as HTML, with each end that HTML can state in a
    <time>: one for a date, two for an interval (`stamps`: the ends' stamps, when the caller has them)."""
    text = format_date(date, lang) if text is None else text
    start, end = _stamps(date) if stamps is None else stamps
    if not date.is_interval:
        return _time(text, start)
    if date.start is not None and date.end is not None:
        for separator in _SEPARATORS:
            if separator in text:
                head, tail = text.split(separator, 1)
                return _time(head, start) + separator + _time(tail, end)
        return _time(text, start)  # both ends the same date: written once
    known, machine = (date.start, start) if date.start is not None else (date.end, end)
    own = format_date(known, lang)  # type: ignore[arg-type]  # one end always exists
    if own not in text:
        return html_text(text)
    before, after = text.split(own, 1)
    return html_text(before) + _time(own, machine) + html_text(after)


# What a reader needs beyond the date in words ("July 2025" already says its precision): an approximate or
# uncertain date, and an unknown end where the words only write "?", said naturally. An open end is not unknown:
# `2025-07/..` is still going on, and "from July 2025" / 2025年7月以降 says so, as in the Markdown chronology.
# The overview's marks say the same words.
_READER_WORDS = {
    "en": {"approximate": "approximate", "uncertain": "uncertain", "wrap": " ({})", "sep": ", ",
           "start": "; start unknown", "end": "; end unknown"},
    "ja": {"approximate": "頃", "uncertain": "不確か", "wrap": "（{}）", "sep": "、"},
}  # fmt: skip


def reader_words(date: EventDate, lang: str, text: str | None = None) -> str:
    """' (approximate)', '; start unknown' / '（不確か）': what the date in words (`text`, when the caller has
    them) does not already say."""
    approximate, uncertain = date.approximate, date.uncertain
    if not (approximate or uncertain or date.unknown_start or date.unknown_end):
        return ""  # most dates: nothing to add (a page asks this of every distinct date, in both languages)
    words, text = _READER_WORDS[lang], format_date(date, lang) if text is None else text
    qualifiers = [words[q] for q, said in (("approximate", approximate), ("uncertain", uncertain))
                  if said and words[q] not in text]
    said = words["wrap"].format(words["sep"].join(qualifiers)) if qualifiers else ""
    if lang == "ja":  # 不明～2025年7月 says an unknown end itself
        return said
    return said + (words["start"] if date.unknown_start else "") + (words["end"] if date.unknown_end else "")


def date_line(date: EventDate, both: Both) -> str:
    """The date line in both languages: the words with their <time>s, and what they do not already say."""
    stamps = _stamps(date)  # the same in both languages
    return both.markup(_date_words(date, "ja", stamps), _date_words(date, "en", stamps))


def _date_words(date: EventDate, lang: str, stamps: tuple[str | None, str | None]) -> str:
    text = format_date(date, lang)
    more = reader_words(date, lang, text)
    words = date_markup(date, lang, text, stamps)
    return words + html_text(more) if more else words


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
    """One use of a footnote: its mark (the back-link's target) and the event (its id escaped, as EntryView.id)."""

    ref: FootnoteRef
    event_id: str


class EntryView(NamedTuple):  # a NamedTuple: one per event
    """One entry of the list, as the overview links to it: its event, and its id escaped once (it is written in the
    entry, its permalink, its marks and its quotes' back-links)."""

    event: Event
    id: str


# The page's records are NamedTuples: a frozen dataclass costs half a millisecond to define (every page pays its
# import), a NamedTuple a tenth of that, and is as immutable.
class SectionView(NamedTuple):
    heading: Markup
    entries: Html  # the section's `<li>`s, written by entries.py when the template writes them (a Later)


class YearView(NamedTuple):
    year: int
    heading: Markup
    sections: list[SectionView]


class FootnoteView(NamedTuple):
    number: int
    text: Markup
    href: str | None
    host: str
    language: str
    # Each distinct quote (None: the uses that quote nothing), in order of first use, and every use that rests on
    # it: the same words quoted by two events are listed once, with a back-link to each.
    quotes: dict[str | None, list[Use]]
    language_note: Markup  # its .tl-quote-lang span: "(in Japanese)" where the quotes' language is not the page's
    unquoted: Markup  # what the uses that quote nothing say (a notice's): "Cited by a correction or update"
    withheld: Markup | None  # a private source in the public view: "quote withheld", said instead of its quotes


def event_ids(uses: list[Use]) -> str:
    """The events of a quote's uses, each once, for its data-events."""
    return " ".join(dict.fromkeys(use.event_id for use in uses))


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
    """The address if it is http(s), else None: the page links nowhere else. A backslash is refused too: browsers read
    it as '/', so the host the link names could be another than the one it leads to (validate refuses both)."""
    try:
        parts = urlsplit(url) if url and "\\" not in url else None
    except ValueError:  # 'https://[host': an unclosed IPv6 bracket
        parts = None
    return url if parts is not None and parts.scheme.lower() in ("http", "https") and parts.netloc else None


def ref_markup(ref: FootnoteRef) -> Markup:
    """The footnote mark in the text, with the id its back-link returns to."""
    return Markup(ref_html(ref))


def ref_html(ref: FootnoteRef, follows: bool = False) -> str:
    """ref_markup as a plain str, for the entries joined as text (entries.py). `follows`: right after another mark,
    which the stylesheet separates from it by a comma ("1,2", never "12")."""
    sup = '<sup class="tl-next">' if follows else "<sup>"
    return (f'{sup}<a href="#fn-{ref.number}" id="fnref-{ref.number}-{ref.occurrence}" '
            f'class="tl-fnref">{ref.number}</a></sup>')


class Walk:
    """Walks the events in order, numbering footnotes as the Markdown chronology does and noting each use."""

    def __init__(self, timeline: Timeline, both: Both) -> None:
        self.timeline, self.both = timeline, both
        self.footnotes = Footnotes()
        self.quoted: dict[int, dict[str | None, list[Use]]] = {}  # per footnote: FootnoteView.quotes, as walked
        # Each date's line, made once per page: 10 000 entries have a few thousand dates, each worth ~30 µs of
        # words (a bounded lru_cache smaller than that thrashed). A dict per walk: the reader's zone (--tz) and
        # the page's language are fixed for it.
        self.dates: dict[EventDate, str] = {}
        self.after_title: dict[str, str] = {}  # status -> what follows the title (scheduled_words), made once

    def _cite(self, ref: FootnoteRef, event_id: str, quotes: Sequence[str]) -> None:
        """Notes a use of footnote `ref.number` under each quote it rests on (under None when it quotes none)."""
        groups = self.quoted.get(ref.number)
        if groups is None:
            groups = self.quoted[ref.number] = {}
        use = Use(ref, event_id)
        for quote in quotes or (None,):
            uses = groups.get(quote)
            if uses is None:
                groups[quote] = [use]
            else:
                uses.append(use)

    def sources(self, event: Event, ident: str) -> list[FootnoteRef]:
        """The marks after the event's summary: its own sources, numbered, each use noted with its quotes."""
        refs = self.footnotes.cite_all(cited_by_event(event))
        quotes: dict[str, list[str]] = {}  # each source's quotes, in the order the event cites them
        for citation in event.citations:
            quotes.setdefault(citation.source, []).append(plain(citation.quote))
        for ref in refs:
            self._cite(ref, ident, quotes[ref.source])
        return refs

    def date(self, date: EventDate) -> str:
        """The date's line (date_line), made once per date."""
        line = self.dates.get(date)
        if line is None:
            line = self.dates[date] = date_line(date, self.both)
        return line

    def scheduled(self, event: Event) -> str:
        """What follows the title (scheduled_words) in both languages, made once per status."""
        words = self.after_title.get(event.status)
        if words is None:
            words = self.after_title[event.status] = self.both.html(*(scheduled_words(event, lang) for lang in LANGS))
        return words

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
        note, hidden = language_note(source.language, self.both), None
        if withheld(source):
            from ...internal import QUOTE_WITHHELD  # as headline.unnamed does: the page rarely has one

            # A private source in the public view: its quotes are the placeholder words (internal.py), in neither
            # the source's language nor the page's other one: its uses say "quote withheld" in the language shown.
            note, hidden = Markup(""), self.both(*(QUOTE_WITHHELD[lang] for lang in LANGS))
        return FootnoteView(number, self._citation_text(source), href, urlsplit(href).hostname or href if href else "",
                            source.language, self.quoted.get(number, {}), note,
                            self.both.words("cited_by_notice"), hidden)

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
            cite = Markup(f'<cite lang="{html_text(source.language)}">{html_text(plain(source.title))}</cite>')
            texts.append(Markup(f"{publisher}: “{cite}” ({date})" if lang == "en" else f"{publisher}「{cite}」（{date}）"))
        return self.both(*texts)


def chronology(timeline: Timeline, events: list[Event], both: Both, entry: Callable[[Walk, Event, str], str]
               ) -> tuple[list[YearView], list[EntryView], Sequence[FootnoteView]]:
    """The years, their sections and entries, the entries in the list's order, and the footnotes, in the one order.

    `entry(walk, event, id)` writes an entry's markup (entries.py), numbering its marks. Each section's entries are
    written when the template writes them (a Later): the list of 100 000 entries is 130 million characters, mostly
    four bytes each (a section with one emoji), and holding all of it until the page was written was half a
    gigabyte. So the template writes a section, the page's writer lets it go, and the next is made. The footnotes,
    numbered by that walk, are listed once it is over (Notes)."""
    grouped = [(key, [EntryView(event, html_text(event.id)) for event in members])
               for key, members in sections(timeline, events, "month")]
    written = _Written(Walk(timeline, both), entry, [members for _, members in grouped])
    years: list[YearView] = []
    for index, (key, members) in enumerate(grouped):
        if not years or years[-1].year != key[0]:
            years.append(YearView(key[0], both(*(year_heading(key[0], lang) for lang in LANGS)), []))
        heading = both(*(section_heading(key, lang) for lang in LANGS))
        years[-1].sections.append(SectionView(heading, Later(functools.partial(written.section, index))))
    return years, [view for _, members in grouped for view in members], Notes(written)


class _Written:
    """The sections' entries, written in the list's order (the walk numbers footnotes as it goes) and each given
    once. A section asked for before its turn has those before it written first and kept until asked for: the
    page is the same whatever order its template asks in; only the memory it needs is not."""

    def __init__(self, walk: Walk, entry: Callable[[Walk, Event, str], str],
                 sections: list[list[EntryView]]) -> None:
        self.walk, self._entry, self._sections = walk, entry, sections
        self._next = 0  # the first section not yet written
        self._ahead: dict[int, str] = {}  # written, not yet asked for

    def section(self, index: int) -> str:
        self._write_until(index + 1)
        try:
            return self._ahead.pop(index)
        except KeyError:
            raise RuntimeError(f"section {index} of the list was asked for twice: it is written once") from None

    def finished(self) -> Walk:
        """The walk, over every section (the footnotes are numbered once it is)."""
        self._write_until(len(self._sections))
        return self.walk

    def _write_until(self, end: int) -> None:
        walk, entry = self.walk, self._entry
        while self._next < end:
            self._ahead[self._next] = "".join([entry(walk, view.event, view.id) for view in self._sections[self._next]])
            self._next += 1


class Notes(Sequence):
    """The footnotes, made once the walk is over: the first look at them (the template's, after the list) ends
    the walk if it is not over yet."""

    def __init__(self, written: _Written) -> None:
        self._written, self._notes = written, None

    def _all(self) -> list[FootnoteView]:
        if self._notes is None:
            walk = self._written.finished()
            self._notes = [walk.footnote(source_id, number) for source_id, number in walk.footnotes.numbers.items()]
        return self._notes

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self):
        return iter(self._all())


def as_of_markup(timeline: Timeline, events: list[Event], both: Both) -> Markup | None:
    latest = as_of(timeline, events)
    if latest is None:
        return None
    return both(*(WORDS[lang]["as_of"].format(date=format_date(latest, lang)) for lang in LANGS))
