"""The plain-text phrases exports write around the data (a dispute in words, a source line), in either language.

Plain text: each format escapes it its own way (HTML for TimelineJS, RFC 5545 by icalendar, Mermaid's
entities). The Japanese name of what is disputed comes from the Markdown chronology's table, so both outputs
say it alike.
"""

from __future__ import annotations

from ...dates import Precision
from ...model import Dispute, Event, Source, Timeline
from ..corrections import notice
from ..dates import format_date, format_precision
from ..headline import untitled, withheld
from ..disputes import differ_on

_WORDS = {
    "en": {"scheduled": " (scheduled)", "note": "Editor's note: ", "sources": "Sources", "actors": "Actors",
           "imprecise": "Date known only to the {precision}: {date}.", "as_of": "as of {date}",
           "events": "{count} events", "one_event": "1 event", "then": " · "},
    "ja": {"scheduled": "（予定）", "note": "編注：", "sources": "出典", "actors": "関係者",
           "imprecise": "日付は{precision}単位までしか分からない：{date}。", "as_of": "{date}時点",
           "events": "出来事{count}件", "one_event": "出来事1件", "then": "・"},
}  # fmt: skip


def words(lang: str) -> dict[str, str]:
    """The phrase table for `lang` ('ja' or English for anything else)."""
    return _WORDS["ja" if lang == "ja" else "en"]


def events_and_as_of(count: int, as_of: str | None, lang: str) -> str:
    """'58 events · as of Dec. 2025' / '出来事58件・2025年12月時点' (`as_of` already in words, or None)."""
    phrases = words(lang)
    text = phrases["one_event"] if count == 1 else phrases["events"].format(count=count)
    return text if as_of is None else text + phrases["then"] + phrases["as_of"].format(date=as_of)


def headline(event: Event, lang: str) -> str:
    """The event's title, with '(scheduled)' for a scheduled event."""
    suffix = words(lang)["scheduled"] if event.status == "scheduled" else ""
    return event.title.get(lang) + suffix


def dispute_text(timeline: Timeline, dispute: Dispute, lang: str) -> str:
    """'Sources differ on the date: A says X; B says Y.' / '出典により日付が異なる：AはX、BはYとしている。'"""
    sides = []
    for claim in dispute.claims:
        source = timeline.sources.get(claim.citation.source)
        publisher = source.publisher if source else claim.citation.source
        says = claim.says.get(lang)
        sides.append(f"{publisher} says {says}" if lang != "ja" else f"{publisher}は{says}")
    if lang == "ja":
        text = f"{differ_on(dispute.about, 'ja')}：{'、'.join(sides)}としている。"
    else:
        text = f"{differ_on(dispute.about, 'en')}: {'; '.join(sides)}."
    if dispute.note is not None:
        text += (" " if lang != "ja" else "") + dispute.note.get(lang)
    return text


def source_label(source: Source, lang: str) -> str:
    """'Publisher: Headline (Jan. 20, 2025)' for a list of sources."""
    if withheld(source):  # a private source, withheld (internal.py): no headline to name
        return f"{source.publisher} ({format_date(source.published, lang)})"
    title = source.title if source.title is not None else untitled(lang)
    return f"{source.publisher}: {title} ({format_date(source.published, lang)})"


def source_link(source: Source) -> str | None:
    """The article's address, or its archived copy; http(s) only (anything else is not a link)."""
    for url in (source.url, source.archive):
        if url and url.lower().startswith(("http://", "https://")):
            return url
    return None


def quoted(quote: str, lang: str) -> str:
    """A verbatim quote in the language's marks: “…” or 「…」."""
    return f"「{quote}」" if lang == "ja" else f"“{quote}”"


def quotes_by_source(event: Event) -> dict[str, list[str]]:
    """Every quote the event rests on (citations, then dispute claims), by source id, first use first."""
    found: dict[str, list[str]] = {}
    for citation in event.all_citations():
        quotes = found.setdefault(citation.source, [])
        if citation.quote not in quotes:
            quotes.append(citation.quote)
    return found


def imprecise_note(event: Event, lang: str) -> str:
    """'Date known only to the month: Jan. 2025.' for a date coarser than a day."""
    precision = format_precision(event.date.precision, lang)
    return words(lang)["imprecise"].format(precision=precision, date=format_date(event.date, lang))


def is_day_precise(event: Event) -> bool:
    """Whether both ends are known to the day (a calendar can place it exactly)."""
    ends = (event.date.start, event.date.end)
    return all(end is not None and end.precision == Precision.DAY for end in ends)


def event_lines(timeline: Timeline, event: Event, lang: str) -> list[str]:
    """The event's summary, disputes, note and actors as plain paragraphs, for a description, then its
    corrections, clarifications and updates ('Correction (Dec. 3, 2025): ...', render/corrections.py)."""
    phrases = words(lang)
    lines = [event.summary.get(lang)]
    lines += [dispute_text(timeline, dispute, lang) for dispute in event.disputes]
    if event.notes is not None:
        lines.append(phrases["note"] + event.notes.get(lang))
    names = [timeline.actors[a].name.get(lang) if a in timeline.actors else a for a in event.actors]
    if names:
        separator, comma = ("：", "、") if lang == "ja" else (": ", ", ")
        lines.append(phrases["actors"] + separator + comma.join(names))
    return lines + [notice(correction, lang) for correction in event.corrections]  # last: after the entry
