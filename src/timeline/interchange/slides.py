"""A TimelineJS slide (a sheet row or a JSON slide) -> an `Entry`: the mapping both TimelineJS imports share.

Headline and text are HTML, reduced to their text (htmltext.py); their http(s) links become candidate sources;
the display date's qualifiers become EDTF markers, its words kept in the notes (datecells.py); a slide with no
text at all is left out, and said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates.human import read_date
from ..errors import DateError
from .build import Entry, Report
from .datecells import qualified_by_display
from .htmltext import reduce_html

__all__ = ["Slide", "entry_of"]


@dataclass(frozen=True, slots=True)
class Slide:
    """What the mapping reads from one slide: its line, EDTF date, display date, HTML headline and text, group
    and unique_id; `columns` gives the column number of each role (`date`, `display`, `title`, `summary`) for a
    problem's position, `where` names the slide in a message (`events[3]`) where a line cannot."""

    line: int
    date: str
    display: str = ""
    headline: str = ""
    text: str = ""
    group: str = ""
    unique_id: str = ""
    columns: dict[str, int] = field(default_factory=dict)
    where: str = ""
    notes: tuple[tuple[str, str], ...] = ()


def entry_of(slide: Slide, report: Report, display_name: str = "Display Date") -> Entry | None:
    """The Entry of a slide, or None (reported) when it has neither headline nor text."""
    headline, text = reduce_html(slide.headline), reduce_html(slide.text)
    at = _at(slide)
    if not headline.text and not text.text:
        report.add(slide.line, slide.columns.get("title", 1), "import-dropped",
                   f"{at}no headline and no text: the slide is left out", "give it a headline to import it")
        report.skipped += 1
        return None
    title = headline.line or " ".join(text.text.split("\n", 1)[0].split())
    if not headline.text:
        report.gather(slide.line, "import-filled", "no headline: the title is the text's first line",
                      "write a short headline")
    if not text.text:
        report.gather(slide.line, "import-filled", "no text: the summary is the headline", "write a summary")
    if headline.had_markup or text.had_markup:
        report.gather(slide.line, "import-dropped", "HTML markup in the headline or text reduced to its text")
    for refused in (*headline.refused, *text.refused):
        report.add(slide.line, slide.columns.get("summary", 1), "import-dropped",
                   f"{at}a link that is not http(s) is left out: '{refused[:80]}'")
    date, notes = _display(slide, report, display_name, at)
    links = tuple(dict.fromkeys((*headline.links, *text.links)))
    if links:
        report.gather(slide.line, "import-links", "links listed in the event's notes as candidate sources",
                      "add each article to `sources` and cite it with a verbatim quote")
    return Entry(slide.line, date, title, text.text or title, slide.group, links, (*slide.notes, *notes),
                 slide.unique_id, slide.columns)


def _display(slide: Slide, report: Report, name: str, at: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The slide's date with its display date's qualifiers, and a note keeping the display text."""
    if not slide.display:
        return slide.date, ()
    qualified = qualified_by_display(slide.date, slide.display, report.shown_as)
    if qualified.edtf == slide.date and not qualified.change:
        if _same(slide.display, slide.date):
            return slide.date, ()
        return slide.date, ((f"{name} in the imported row: {slide.display}", f"取り込んだ行の表示日付: {slide.display}"),)
    report.add(slide.line, slide.columns.get("display", 1), "import-qualified-date",
               f"{at}{name} '{slide.display}' {qualified.change}; the original text is in the notes",
               "check the date against the sources (`timeline docs dates`: ~ approximate, ? uncertain, 21-24 seasons)")
    return qualified.edtf, ((f"{name} in the imported row: {slide.display}", f"取り込んだ行の表示日付: {slide.display}"),)


def _same(display: str, edtf: str) -> bool:
    """Whether the display text reads as exactly the date (a plain `January 20, 2025`: nothing to keep)."""
    try:
        return read_date(display).edtf == edtf
    except DateError:
        return False


def _at(slide: Slide) -> str:
    return f"{slide.where}: " if slide.where else ""
