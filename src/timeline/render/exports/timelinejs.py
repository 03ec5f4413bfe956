"""TimelineJS: the JSON a `TL.Timeline` loads, and the 18-column Google Sheet (`timeline docs export`).

The shapes (columns, keys, date parts) come from interchange/timelinejs.py, shared with the import. Dates
keep their precision: a month gives `{year, month}`, never an invented day. What TimelineJS cannot hold
(seasons, `~`/`?`, open ends) is said in `display_date` in the output language and reported as a Loss.
Headline and text are HTML in TimelineJS, so every data text is HTML-escaped; links are http(s) only. A slide
is for readers: it lists the sources, as the chronology does, not the verbatim quotes (a Loss).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence

from ...interchange import timelinejs as tljs
from ...model import Event, Timeline
from ..dates import format_date
from ..markdown import as_of
from .losses import Exported, Loss
from .words import event_lines, events_and_as_of, headline, source_label, source_link, words

_FORMULA_STARTS = ("=", "+", "-", "@")  # a spreadsheet runs a cell that starts so as a formula


def _escape(text: str) -> str:
    """Data text as HTML text (TimelineJS inserts headline, text and display_date as HTML)."""
    return html.escape(text, quote=True)


def _sources_html(timeline: Timeline, event: Event, lang: str) -> str:
    items = []
    for source_id in event.source_ids:
        source = timeline.sources.get(source_id)
        if source is None:
            continue
        label, url = _escape(source_label(source, lang)), source_link(source)
        link = f'<a href="{_escape(url)}" target="_blank" rel="noopener">{label}</a>' if url else label
        items.append(f"<li>{link}</li>")
    if not items:
        return ""
    return f"<p>{_escape(words(lang)['sources'])}</p><ul>{''.join(items)}</ul>"


def slide_text(timeline: Timeline, event: Event, lang: str) -> str:
    """The slide's body: summary, disputes in words, note and actors as paragraphs, then the sources as links."""
    paragraphs = "".join(f"<p>{_escape(line)}</p>" for line in event_lines(timeline, event, lang))
    return paragraphs + _sources_html(timeline, event, lang)


def _group(timeline: Timeline, event: Event, lang: str) -> str | None:
    if not event.topics:
        return None
    topic = timeline.topics.get(event.topics[0])
    return topic.name.get(lang) if topic else event.topics[0]


def _losses(event: Event, lost: Sequence[str]) -> list[Loss]:
    found = [Loss(event.id, f"{what} (said only in display_date)") for what in lost]
    if len(event.topics) > 1:
        found.append(Loss(event.id, "topics after the first (a slide has one group)"))
    if event.citations or event.disputes:
        found.append(Loss(event.id, "the quotes (a slide lists the sources, not what they say verbatim)"))
    return found


def event_slide(timeline: Timeline, event: Event, lang: str) -> tuple[dict, list[Loss]]:
    """One TimelineJS slide and what it lost."""
    start, end, lost = tljs.event_parts(event.date)
    slide: dict = {"start_date": start.as_json()}  # type: ignore[union-attr]  # a date always has one end
    if end is not None:
        slide["end_date"] = end.as_json()
    if lost:
        slide["display_date"] = _escape(format_date(event.date, lang))
    slide["text"] = {"headline": _escape(headline(event, lang)), "text": slide_text(timeline, event, lang)}
    group = _group(timeline, event, lang)
    if group is not None:
        slide["group"] = _escape(group)
    slide["unique_id"] = event.id
    return slide, _losses(event, lost)


def _title_text(timeline: Timeline, events: Sequence[Event], lang: str) -> str:
    latest = as_of(timeline, list(events))
    return _escape(events_and_as_of(len(events), None if latest is None else format_date(latest, lang), lang))


def _title_id(events: Sequence[Event]) -> str:
    """`title`, or `title-2`, ... when an event already has that id (TimelineJS needs every id unique)."""
    taken = {event.id for event in events}
    return next(name for n in range(1, len(taken) + 2) if (name := "title" if n == 1 else f"title-{n}") not in taken)


def render_timelinejs(timeline: Timeline, events: Sequence[Event], lang: str) -> Exported:
    """The TimelineJS JSON document: a title slide and one slide per event, in the one order."""
    slides, losses = [], []
    for event in events:
        slide, lost = event_slide(timeline, event, lang)
        slides.append(slide)
        losses.extend(lost)
    title = {"text": {"headline": _escape(timeline.title.get(lang)), "text": _title_text(timeline, events, lang)},
             "unique_id": _title_id(events)}
    document = {"title": title, "events": slides}
    data = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return Exported(data.encode("utf-8"), tuple(losses))


# -- the Google Sheet -------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """An HTML cell a spreadsheet will not run: a leading = + - @ becomes its HTML entity, which TimelineJS shows
    as the character itself."""
    if text.startswith(_FORMULA_STARTS):
        return f"&#{ord(text[0])};{text[1:]}"
    return text


def sheet_row(timeline: Timeline, event: Event, lang: str) -> tuple[dict[str, str], list[Loss]]:
    """One row of the template, keyed by its column names, and what it lost."""
    slide, losses = event_slide(timeline, event, lang)
    start, end, _ = tljs.event_parts(event.date)
    row = dict.fromkeys(tljs.SHEET_COLUMNS, "")
    row["Year"], row["Month"], row["Day"] = start.as_cells()  # type: ignore[union-attr]
    row["Time"] = start.time_cell()  # type: ignore[union-attr]
    if end is not None:
        row["End Year"], row["End Month"], row["End Day"] = end.as_cells()
    row["Display Date"] = _cell(slide.get("display_date", ""))
    row["Headline"], row["Text"] = _cell(slide["text"]["headline"]), _cell(slide["text"]["text"])
    row["Group"] = _cell(slide.get("group", ""))
    return row, losses


def render_timelinejs_csv(timeline: Timeline, events: Sequence[Event], lang: str) -> Exported:
    """Knight Lab's sheet template, exactly its 18 columns: a title row, then one row per event."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=tljs.SHEET_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    title = dict.fromkeys(tljs.SHEET_COLUMNS, "")
    title.update({"Headline": _cell(_escape(timeline.title.get(lang))), "Text": _cell(_title_text(timeline, events, lang)),
                  "Type": tljs.TYPE_TITLE})
    writer.writerow(title)
    losses = [Loss(event.id, "id (the sheet has no id column)") for event in events]
    for event in events:
        row, lost = sheet_row(timeline, event, lang)
        writer.writerow(row)
        losses.extend(lost)
    return Exported(buffer.getvalue().encode("utf-8"), tuple(losses))
