"""Tables and the event detail view for the terminal: the only rich user outside the CLI.

Two outputs from the same rows. `*_table` builds a rich Table for a person at a terminal: columns that
matter less drop out at narrow widths, long text wraps, double-width Japanese aligns. `plain_table` writes
aligned text with one line per row, for pipes: a rich Table costs about a millisecond per row, which is
too slow for `timeline list | grep` over a large file, and grep wants one line per event anyway. The rows and
the plain text live in grid.py, which a pipe can use without importing rich's Console (re-exported here).

Every piece of data goes in as `rich.text.Text` after `terminal_safe`, never as markup, so a title holding
`[bold]`, `:fire:` or an escape sequence shows exactly as typed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from dataclasses import dataclass, replace

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..model import Citation, Claim, Correction, Dispute, Event, Timeline
from ..model import Text as Bilingual
from . import corrections as notices
from .dates import format_date
from .headline import untitled, withheld
from .grid import (  # noqa: F401 - re-exported: table.py stays the one place to import tables from
    STATUS,
    Column,
    Grid,
    cell,
    event_grid,
    joiner,
    label,
    plain_table,
    registry_grid,
)
from .reading import describe_date  # noqa: F401 - re-exported: `show` and its tests read dates through table.py
from .text import ConsoleText, terminal_safe, usable_width
from .wrap import column_widths, narrowest, widest, wrap
from .usage import Usage


def data(value: str, style: str = "") -> Text:
    """Data as a rich Text (never markup), control characters shown as visible escapes."""
    return Text(terminal_safe(value), style=style)


# --- drawing: rich for terminals, plain aligned text for pipes -------------------------------------------


# Between two columns: the padding right of the one and the box's space before the next (SIMPLE_HEAD, edges off).
GAP = 2


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a cell, on lines of its own: its text (plain, or a rich Text keeping its styles), its style,
    and whether it must stay whole (an id)."""

    text: str | Text
    style: str = ""
    whole: bool = False

    @property
    def plain(self) -> str:
        return self.text.plain if isinstance(self.text, Text) else self.text

    def lines(self, width: int) -> list[Text]:
        """The part's lines at `width` cells, each keeping the styles of the characters in it."""
        text = self.text if isinstance(self.text, Text) else Text(self.text, style=self.style)
        plain, at, lines = text.plain, 0, []
        for line in wrap(plain, width, whole=self.whole):
            start = plain.index(line, at) if line else at
            lines.append(text[start:start + len(line)])
            at = start + len(line)
        return lines


class Wrapped:
    """A cell broken into lines by wrap.py at the width its column gets: Japanese line-breaking rules (no line
    starts with `、` or `」`), words and ids whole. rich's own wrapping breaks only at spaces and chops the rest."""

    def __init__(self, parts: Sequence[Part]):
        self.parts = tuple(parts)

    def least(self) -> int:
        """The narrowest the cell can be without cutting a word or an id."""
        return max((narrowest(part.plain, whole=part.whole) for part in self.parts), default=0)

    def most(self) -> int:
        """The width of the cell unwrapped."""
        return max((widest(part.plain) for part in self.parts), default=0)

    def lines(self, width: int) -> Text:
        """The cell's lines at `width` cells."""
        return Text("\n", no_wrap=True).join(line for part in self.parts for line in part.lines(width))

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement(self.least(), max(self.least(), self.most())).with_maximum(options.max_width)

    def __rich_console__(self, console, options):
        yield self.lines(options.max_width)


def rich_table(grid: Grid, width: int) -> Table:
    """A rich Table of the columns that fit a `width`-column terminal (at least NARROWEST), long cells wrapped.

    Every column gets at least its widest word and its longest id, so that no id is ever broken (it can be copied
    into `timeline show`); the title takes what is left. When the ids do not fit beside the other columns, the
    columns that wrap go into the title's cell, above it. A console narrower than NARROWEST lays any table out in
    nothing (COLUMNS=0: every row dropped): plain_text never draws on one, and the CLI never makes one
    (cli/app.py, `usable_terminal`)."""
    width = usable_width(width)
    shown = [c for c in grid.columns if width >= c.show_from]
    hidden = {c.key for c in grid.columns if width < c.show_from}
    cells = [[_rich_cell(row, column, hidden) for column in shown] for row in grid.rows]
    widths = _widths(shown, cells, width)
    if widths is None:
        shown, cells = _stacked(shown, cells)
        widths = _widths(shown, cells, width) or [_least(column, cells, at) for at, column in enumerate(shown)]
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False, collapse_padding=True,
                  width=sum(widths) + GAP * (len(widths) - 1))
    for column, column_width in zip(shown, widths):
        table.add_column(Text(column.header), justify=column.justify, no_wrap=True, width=column_width)
    for row in cells:
        table.add_row(*row)
    return table


def _widths(shown: Sequence[Column], cells: list[list[Wrapped]], width: int) -> list[int] | None:
    """Each column's width (wrap.column_widths), or None when the columns cannot all keep their ids whole."""
    least = [_least(column, cells, at) for at, column in enumerate(shown)]
    most = [max([cell_len(column.header)] + [row[at].most() for row in cells]) for at, column in enumerate(shown)]
    most = [min(high, column.max_width) if column.max_width else high for high, column in zip(most, shown)]
    grows = [column.ratio is not None for column in shown]
    return column_widths(least, most, grows, width - GAP * (len(shown) - 1))


def _least(column: Column, cells: list[list[Wrapped]], at: int) -> int:
    return max([cell_len(column.header)] + [row[at].least() for row in cells])


def _stacked(shown: list[Column], cells: list[list[Wrapped]]) -> tuple[list[Column], list[list[Wrapped]]]:
    """The columns that wrap, moved into the cell of the one that holds the ids (`below`), above its text: a
    narrow terminal then gives the ids the whole width. Columns that do not wrap (counts) stay."""
    main = next((at for at, column in enumerate(shown) if column.below), None)
    if main is None:
        return shown, cells
    moved = [at for at, column in enumerate(shown) if at != main and not column.no_wrap]
    header = " / ".join(shown[at].header for at in sorted(moved + [main]))
    columns = [replace(shown[main], header=header) if at == main else column
               for at, column in enumerate(shown) if at not in moved]
    rows = [[Wrapped([part for at in sorted(moved + [main]) for part in row[at].parts]) if at == main else cell
             for at, cell in enumerate(row) if at not in moved] for row in cells]
    return columns, rows


def _soft_breaks(value: str, max_width: int | None) -> str:
    """Break a long Japanese date where a reader would: after `～`, before `（`."""
    if max_width is None or cell_len(value) <= max_width:
        return value
    return value.replace("～", "～\n").replace("（", "\n（")


def _rich_cell(row: dict[str, str], column: Column, hidden: set[str]) -> Wrapped:
    parts = [Part(_soft_breaks(cell(row[column.key]), column.max_width), column.style, column.no_wrap)]
    if column.below in hidden and row.get(column.below):
        parts.append(Part(cell(row[column.below]), "dim", whole=True))
    return Wrapped(parts)


def plain_text(renderable: RenderableType, width: int) -> ConsoleText:
    """A renderable as plain text `width` cells wide (at least NARROWEST, so that nothing is dropped), without
    styles or trailing spaces (pipes, golden files). Text for a person: the CLI writes it in the console's encoding."""
    console = Console(width=usable_width(width), color_system=None, file=io.StringIO(), emoji=False, markup=False,
                      highlight=False, force_terminal=False)  # fmt: skip
    with console.capture() as capture:
        console.print(renderable, crop=False)  # an id wider than the terminal stays whole
    return ConsoleText("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))


def event_table(events: Sequence[Event], timeline: Timeline, lang: str, width: int) -> Table:
    """The `timeline list` rich table for a `width`-column terminal."""
    return rich_table(event_grid(events, timeline, lang), width)


def registry_table(registry: str, entries: Sequence, usage: dict[str, Usage], lang: str, width: int) -> Table:
    """The `timeline topics|actors|sources` rich table for a `width`-column terminal."""
    return rich_table(registry_grid(registry, entries, usage, lang), width)


# --- one event in full -----------------------------------------------------------------------------------


def event_detail(event: Event, timeline: Timeline, lang: str) -> RenderableType:
    """Everything about one event, both languages, for `timeline show`."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in _detail_rows(event, timeline, lang):
        grid.add_row(Text(label(key, lang)), _flowed(value))
    # The id under the title, on a line of its own: whole at any width, so that it can be copied.
    return Group(_flowed(data(event.title.get(lang), style="bold")), Wrapped([Part(event.id, "dim", whole=True)]),
                 Text(""), grid)


def _flowed(value: RenderableType) -> RenderableType:
    """Text broken into lines as table cells are (Japanese line-breaking rules, ids and words whole)."""
    return Wrapped([Part(value)]) if isinstance(value, Text) else value


def _detail_rows(event: Event, timeline: Timeline, lang: str) -> list[tuple[str, RenderableType]]:
    rows: list[tuple[str, RenderableType]] = [
        ("title", _bilingual(event.title, lang)),
        ("date", Text.assemble(data(describe_date(event.date, lang)), ("  EDTF ", "dim"),
                               data(event.date.text, "dim"))),
        ("status", data(STATUS["ja" if lang == "ja" else "en"].get(event.status, event.status))),
        ("topics", data(_labelled(event.topics, timeline.topics, lang))),
        ("actors", data(_labelled(event.actors, timeline.actors, lang))),
        ("summary", _bilingual(event.summary, lang)),
        ("citations", _citations(event.citations, timeline, lang)),
    ]
    if event.after:  # the declared predecessors (`after:`), which the one order keeps before this event
        rows.insert(2, ("after", data(_predecessors(event.after, timeline, lang))))
    if event.notes is not None:
        rows.append(("notes", _bilingual(event.notes, lang)))
    if event.disputes:
        rows.append(("disputes", Group(*(_dispute(d, timeline, lang) for d in event.disputes))))
    if event.corrections:
        rows.append(("corrections", Group(*(_correction(c, timeline, lang) for c in event.corrections))))
    if event.internal is not None:  # only with --internal: the public view has none (internal.py)
        rows.append(("internal", data(event.internal)))
    return rows


def _correction(correction: Correction, timeline: Timeline, lang: str) -> Group:
    """'Correction (Dec. 3, 2025)' (and the article that prompted it), then its text in both languages."""
    heading = Text(notices.label(correction, lang), "bold")
    if correction.source is not None:
        heading.append("  ")
        heading.append(_source_line(correction.source, timeline, lang))
    return Group(_flowed(heading), _bilingual(correction.text, lang))


def _labelled(ids: Sequence[str], registry: dict, lang: str) -> str:
    """'Donald Trump (donald-trump), ...': the name to read and the id to filter by."""
    return joiner(lang).join(f"{registry[i].name.get(lang)} ({i})" if i in registry else i for i in ids) or "—"


def _predecessors(ids: Sequence[str], timeline: Timeline, lang: str) -> str:
    """'Title (id), ...' of the events named by `after:`: the title to read and the id to `show`."""
    found = {event.id: event for event in timeline.events if event.id in ids}
    return joiner(lang).join(f"{found[i].title.get(lang)} ({i})" if i in found else i for i in ids)


def _bilingual(text: Bilingual, lang: str) -> Table:
    """Both languages, the chosen one first, each tagged with its code."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for code in (lang, "en" if lang == "ja" else "ja"):
        grid.add_row(Text(code), _flowed(data(text.get(code))))
    return grid


def _quoted(quote: str, lang: str) -> Text:
    opening, closing = ("「", "」") if lang == "ja" else ("“", "”")
    return Text.assemble(opening, data(quote, "italic"), closing)


def _source_line(source_id: str, timeline: Timeline, lang: str) -> Text:
    """'Publisher, “Headline”, Jan. 27, 2025 [id]' (or just the id for a source the registry lacks); an article
    without a headline reads 'Publisher, untitled article, Jan. 27, 2025 [id]', the phrase unquoted."""
    source = timeline.sources.get(source_id)
    if source is None:
        return data(source_id)
    opening, closing = ("「", "」") if lang == "ja" else ("“", "”")
    sep = "、" if lang == "ja" else ", "
    headline = Text(untitled(lang), "dim") if source.title is None else \
        Text.assemble(opening, data(source.title), closing)
    named = (headline, sep) if not withheld(source) else ()  # a private source withheld (internal.py): no headline
    return Text.assemble(
        data(source.publisher), sep, *named,
        data(format_date(source.published, lang)), " [", data(source.id, "dim"), "]",
    )  # fmt: skip


def _citation(number: str, citation: Citation, timeline: Timeline, lang: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(number), _flowed(_source_line(citation.source, timeline, lang)))
    grid.add_row(Text(""), _flowed(_quoted(citation.quote, lang)))
    source = timeline.sources.get(citation.source)
    if source is not None and source.url:
        grid.add_row(Text(""), Wrapped([Part(terminal_safe(source.url), "dim", whole=True)]))  # a link copies whole
    return grid


def _citations(citations: Sequence[Citation], timeline: Timeline, lang: str) -> Group:
    return Group(*(_citation(f"{n}.", c, timeline, lang) for n, c in enumerate(citations, 1)))


def _dispute(dispute: Dispute, timeline: Timeline, lang: str) -> Group:
    heading = data(dispute.about, "bold")
    if dispute.note is not None:
        heading.append(": " if lang == "en" else "：")
        heading.append(terminal_safe(dispute.note.get(lang)))
    return Group(heading, *(_claim(claim, timeline, lang) for claim in dispute.claims))


def _claim(claim: Claim, timeline: Timeline, lang: str) -> Table:
    says = data(claim.says.get(lang))
    if claim.date is not None:
        says.append(f" ({format_date(claim.date, lang)})" if lang == "en" else f"（{format_date(claim.date, lang)}）")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("•"), _flowed(says))
    grid.add_row(Text(""), _citation("", claim.citation, timeline, lang))
    return grid
