"""A Mermaid `timeline` diagram (`timeline docs export`): a section per year and a period per month (the default:
a news year holds dozens of events, which one period per year stacks into one tall column), or a period per
year; each event is one `: text` entry.

Mermaid reads `:` as the start of an entry, `;` and newlines as line ends, `#` as a comment or an entity and
`%%` as a comment, `<`/`>`/`&` as HTML. Data text is written with Mermaid's entity codes (`#58;`), `#` first so the
entities written are not escaped again. A diagram shows only a date and a title: the rest is a Loss.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...dates import Precision, parse_point
from ...dates.eventdate import year_text
from ...model import Event, Timeline
from ...order import deciding_point
from ..corrections import corrected_mark
from ..dates import format_date
from .losses import Exported, Loss
from ..eras import year_en, year_ja
from .words import headline

_ENTITIES = {"#": "#35;", ":": "#58;", ";": "#59;", "<": "#60;", ">": "#62;", "%": "#37;", "{": "#123;", "}": "#125;",
             "&": "#38;"}  # Mermaid shows a label as HTML: `&amp;` typed must not become `&`


def escape_mermaid(text: str) -> str:
    """Data text as Mermaid text: one line, the characters Mermaid reads as syntax as entity codes."""
    text = " ".join(text.split())  # a newline would end the entry; runs of spaces mean nothing in a diagram
    return "".join(_ENTITIES.get(char, char) for char in text)


def _period(event: Event, by: str, lang: str) -> str:
    """'2025' or 'Jan. 2025' / '2025年1月': the period an event is drawn under."""
    point = deciding_point(event.date)
    if by == "month" and point.precision >= Precision.MONTH:
        return format_date(parse_point(f"{year_text(point.year, False)}-{point.month:02d}"), lang)
    return year_en(point.year) if lang != "ja" else year_ja(point.year)  # 500 B.C. / 紀元前500年


def _entry(event: Event, lang: str) -> str:
    """'Jan. 20: Trump took office' with the exact date, so a period of a month or year still shows it; a corrected
    event says so and when ('(corrected Dec. 3, 2025)'): the notice itself is a Loss."""
    return f"{format_date(event.date, lang)} - {headline(event, lang)}{corrected_mark(event, lang)}"


def render_mermaid(timeline: Timeline, events: Sequence[Event], lang: str, *, by: str = "month") -> Exported:
    """The diagram: `timeline`, its title, then periods (under a section per year when `by` is 'month')."""
    lines = ["timeline", f"    title {escape_mermaid(timeline.title.get(lang))}"]
    section, period = None, None
    for event in events:
        year = deciding_point(event.date).year
        if by == "month" and year != section:
            section, period = year, None
            lines.append(f"    section {escape_mermaid(year_en(year) if lang != 'ja' else year_ja(year).removesuffix('年'))}")
        this_period = _period(event, by, lang)
        if this_period != period:
            period = this_period
            lines.append(f"        {escape_mermaid(period)}")
        lines.append(f"            : {escape_mermaid(_entry(event, lang))}")
    losses = [Loss(event.id, "summary, sources, disputes, topics and actors (a diagram shows date and title)")
              for event in events]
    losses += [Loss(event.id, "the corrections' text (the entry says only that it was corrected, and when)")
               for event in events if event.corrections]
    return Exported(("\n".join(lines) + "\n").encode("utf-8"), tuple(losses))
