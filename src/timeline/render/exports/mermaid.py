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
from ...model import Event, Timeline
from ...order import deciding_point
from ..dates import format_date
from .losses import Exported, Loss
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
        return format_date(parse_point(f"{point.year:04d}-{point.month:02d}"), lang)
    return str(point.year) if lang != "ja" else f"{point.year}年"


def _entry(event: Event, lang: str) -> str:
    """'Jan. 20: Trump took office' with the exact date, so a period of a month or year still shows it."""
    return f"{format_date(event.date, lang)} - {headline(event, lang)}"


def render_mermaid(timeline: Timeline, events: Sequence[Event], lang: str, *, by: str = "month") -> Exported:
    """The diagram: `timeline`, its title, then periods (under a section per year when `by` is 'month')."""
    lines = ["timeline", f"    title {escape_mermaid(timeline.title.get(lang))}"]
    section, period = None, None
    for event in events:
        year = deciding_point(event.date).year
        if by == "month" and year != section:
            section, period = year, None
            lines.append(f"    section {year}")
        this_period = _period(event, by, lang)
        if this_period != period:
            period = this_period
            lines.append(f"        {escape_mermaid(period)}")
        lines.append(f"            : {escape_mermaid(_entry(event, lang))}")
    losses = [Loss(event.id, "summary, sources, disputes, topics and actors (a diagram shows date and title)")
              for event in events]
    return Exported(("\n".join(lines) + "\n").encode("utf-8"), tuple(losses))
