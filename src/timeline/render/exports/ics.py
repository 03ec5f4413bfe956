"""iCalendar (RFC 5545) through the `icalendar` library, imported here only (`timeline docs export`).

An event with a time of day is a timed VEVENT at its instant in UTC (`DTSTART:20251010T190500Z`, no end: a moment),
its zone as written said in the description. A calendar holds days: an event known to the day is an all-day VEVENT (`DTSTART;VALUE=DATE`, `DTEND` the day
after its last, as RFC 5545 makes it exclusive). A coarser date (a month, a season, a year) has no day: left out
and reported, or with `include_imprecise` spanning every day it may fall on, the precision said in the
description. An open or unknown side ('until July 2025') cannot be spanned at all: always left out, reported. `UID` is `{event-id}@{calendar id}` so a subscribed calendar updates, not duplicates;
`DTSTAMP` is the data's "as of" date, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from ...format import slug_of
from ...model import Event, Timeline
from ..dates import format_date
from ..markdown import as_of
from .losses import Exported, Loss, moment_loss, moment_outside
from .words import (event_lines, headline, imprecise_note, is_day_precise, quoted, quotes_by_source, source_label,
                    source_link, words)

PRODID = "-//newsroom-timeline//timeline export//EN"
_EPOCH = datetime.date(1970, 1, 1)  # DTSTAMP of an empty selection: there is no as-of date to take


def calendar_id(timeline: Timeline) -> str:
    """The right-hand side of every UID: the English title as a slug ('us-ai-and-crypto-policy-in-2025')."""
    return slug_of(timeline.title.en) or "timeline"


def _description(timeline: Timeline, event: Event, lang: str, imprecise: bool) -> str:
    lines = [imprecise_note(event, lang)] if imprecise else []
    if not imprecise and (event.date.approximate or event.date.uncertain or _timed(event)):
        lines.append(format_date(event.date, lang))  # what the DATE cannot say; a moment's zone as written
    lines += event_lines(timeline, event, lang)
    quotes = {s: q for s, q in quotes_by_source(event).items() if s in timeline.sources}
    if quotes:
        lines.append(words(lang)["sources"] + ":")
    for source_id, said in quotes.items():
        source = timeline.sources[source_id]
        lines.append(f"- {source_label(source, lang)}" + (f" {source_link(source)}" if source_link(source) else ""))
        lines += [f"  {quoted(quote, lang)}" for quote in said]
    return "\n".join(lines)


def _timed(event: Event) -> bool:
    return not event.date.is_interval and event.date.start.time is not None  # type: ignore[union-attr]


def fold(line: bytes) -> bytes:
    """RFC 5545 line folding: at most 75 octets a line, never inside a UTF-8 character; a continuation line starts
    with a space. (icalendar's own folder walks every character; this cuts at byte offsets, ~20x faster at 100k.)"""
    if len(line) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while len(line) - start > limit:
        end = start + limit
        while line[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        parts.append(line[start:end])
        start, limit = end, 74  # the leading space counts
    parts.append(line[start:])
    return b"\r\n ".join(parts)


def _vevent(timeline: Timeline, event: Event, lang: str, stamp: bytes, uid_domain: str, imprecise: bool) -> list[bytes]:
    """A VEVENT's content lines, each value encoded by icalendar's own types (escaping is theirs)."""
    from icalendar.prop import vCategory, vText

    lines = [b"BEGIN:VEVENT", b"UID:" + vText(f"{event.id}@{uid_domain}").to_ical(), b"DTSTAMP:" + stamp,
             *_when(event), b"SUMMARY:" + vText(headline(event, lang)).to_ical(),
             b"DESCRIPTION:" + vText(_description(timeline, event, lang, imprecise)).to_ical()]
    names = [timeline.topics[t].name.get(lang) for t in event.topics if t in timeline.topics]
    if names:
        lines.append(b"CATEGORIES:" + vCategory(names).to_ical())
    lines += [b"TRANSP:TRANSPARENT", b"END:VEVENT"]  # TRANSPARENT: a news event does not make anyone busy
    return lines


def _when(event: Event) -> list[bytes]:
    """DTSTART and DTEND: a moment (a time of day) is a timed event starting at its instant in UTC, with no end
    (RFC 5545: it ends where it starts), its zone as written said in the description; a day or days are all-day."""
    from icalendar.prop import vDate, vDatetime

    instant = None if event.date.is_interval else event.date.start.instant  # type: ignore[union-attr]
    if instant is not None:
        return [b"DTSTART:" + vDatetime(instant).to_ical()]
    earliest, latest = (day.to_date() for day in event.date.known_bounds)  # Days: a DATE holds years 1 to 9999
    return [b"DTSTART;VALUE=DATE:" + vDate(earliest).to_ical(),
            b"DTEND;VALUE=DATE:" + vDate(latest + datetime.timedelta(days=1)).to_ical()]


def _stamp(timeline: Timeline, events: Sequence[Event]) -> bytes:
    """DTSTAMP's value: the as-of day at 00:00 UTC."""
    from icalendar.prop import vDatetime

    latest = as_of(timeline, list(events))
    day = latest.latest if latest is not None and latest.latest.in_date_range else _EPOCH
    return vDatetime(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)).to_ical()


def open_sides(event: Event) -> list[str]:
    """The sides with no date, by name: 'open start' ('../X'), 'unknown end' ('X/'), ..."""
    date = event.date
    found = [("open start", date.open_start), ("unknown start", date.unknown_start), ("open end", date.open_end),
             ("unknown end", date.unknown_end)]
    return [name for name, present in found if present]


def _loss(event: Event, include_imprecise: bool) -> Loss:
    sides = open_sides(event)
    if sides:  # 'until July 2025' may have begun any time before: no day range is honest, so never spanned
        return Loss(event.id, f"{' and '.join(sides)}: left out, a calendar cannot span a side with no date "
                              "(not even with --include-imprecise)")
    coarsest = min(end.precision for end in (event.date.start, event.date.end) if end is not None).name.lower()
    if include_imprecise:
        return Loss(event.id, f"{coarsest} precision: spans every day it may fall on (precision said in the "
                              "description)")
    return Loss(event.id, f"{coarsest} precision: left out, a calendar holds days (--include-imprecise to span them)")


def _far_end_loss(event_id: str) -> Loss:
    """DTEND is the day after the last one, and 9999-12-31 has none: a DATE has four digits of year."""
    return Loss(event_id, "a last day of 9999-12-31: left out, a calendar's end is the day after, which has no date")


def _year_loss(event_id: str) -> Loss:
    """A DATE holds the years 0001 to 9999 (RFC 5545): 500 B.C. or Y170000002 has no calendar day."""
    return Loss(event_id, "a year outside 0001-9999: left out, a calendar date has four digits of year from 0001")


def render_ics(timeline: Timeline, events: Sequence[Event], lang: str, *, include_imprecise: bool = False,
               uid_domain: str | None = None) -> Exported:
    """One VCALENDAR in `lang`: an all-day VEVENT per day-precise event (and, if asked, per coarser one)."""
    from icalendar.prop import vText

    lines = [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:" + vText(PRODID).to_ical(), b"CALSCALE:GREGORIAN",
             b"X-WR-CALNAME:" + vText(timeline.title.get(lang)).to_ical()]
    stamp, domain, losses, written = _stamp(timeline, events), uid_domain or calendar_id(timeline), [], 0
    for event in events:
        exact = is_day_precise(event)
        if exact and (event.date.approximate or event.date.uncertain):
            losses.append(Loss(event.id, "~ or ? (a DATE has no qualifier; said in the description)"))
        left_out = not exact and (not include_imprecise or open_sides(event))
        if moment_outside(event):  # its day as written is in range, its UTC moment is not: no DTSTART holds it
            losses.append(moment_loss(event.id, "left out, a calendar's UTC time has four digits of year from 0001"))
            continue
        if not left_out and event.date.known_bounds[1] == datetime.date.max:
            losses.append(_far_end_loss(event.id))
            continue
        if not left_out and not all(day.in_date_range for day in event.date.known_bounds):
            losses.append(_year_loss(event.id))
            continue
        if not exact:
            losses.append(_loss(event, include_imprecise))
            if left_out:
                continue
        lines += _vevent(timeline, event, lang, stamp, domain, imprecise=not exact)
        written += 1
    lines.append(b"END:VCALENDAR")
    return Exported(b"".join(fold(line) + b"\r\n" for line in lines), tuple(losses), written)
