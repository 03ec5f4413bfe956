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

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..dates import EventDate, Precision
from ..model import Citation, Claim, Dispute, Event, Timeline
from ..model import Text as Bilingual
from .dates import format_date, format_precision
from .export import Usage
from .grid import (  # noqa: F401 - re-exported: table.py stays the one place to import tables from
    _STATUS,
    Column,
    Grid,
    _joiner,
    _label,
    cell,
    event_grid,
    plain_table,
    registry_grid,
)
from .text import ConsoleText, terminal_safe, usable_width


def data(value: str, style: str = "") -> Text:
    """Data as a rich Text (never markup), control characters shown as visible escapes."""
    return Text(terminal_safe(value), style=style)


# --- drawing: rich for terminals, plain aligned text for pipes -------------------------------------------


def rich_table(grid: Grid, width: int) -> Table:
    """A rich Table of the columns that fit a `width`-column terminal (at least NARROWEST); wraps long cells.

    A console narrower than NARROWEST lays any table out in nothing (COLUMNS=0: every row dropped): plain_text
    never draws on one, and the CLI never makes one (cli/app.py, `usable_terminal`)."""
    width = usable_width(width)
    shown = [c for c in grid.columns if width >= c.show_from]
    hidden = {c.key for c in grid.columns if width < c.show_from}
    # With ratios the table fills the terminal and the title gets most of what the fixed columns leave;
    # without them rich would shrink every wrapping column to the same width.
    expand = any(column.ratio for column in shown)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False, expand=expand,
                  collapse_padding=True)
    for column in shown:
        table.add_column(Text(column.header), justify=column.justify, no_wrap=column.no_wrap, overflow="fold",
                         ratio=column.ratio, max_width=column.max_width)  # fmt: skip
    for row in grid.rows:
        table.add_row(*(_rich_cell(row, column, hidden) for column in shown))
    return table


def _soft_breaks(value: str, max_width: int | None) -> str:
    """Break a long Japanese date where a reader would (rich breaks only at spaces, else mid-word)."""
    if max_width is None or cell_len(value) <= max_width:
        return value
    return value.replace("～", "～\n").replace("（", "\n（")


def _rich_cell(row: dict[str, str], column: Column, hidden: set[str]) -> Text:
    text = Text(_soft_breaks(cell(row[column.key]), column.max_width), style=column.style)
    if column.below in hidden and row.get(column.below):
        text.append("\n")
        text.append(cell(row[column.below]), style="dim")
    return text


def plain_text(renderable: RenderableType, width: int) -> ConsoleText:
    """A renderable as plain text `width` cells wide (at least NARROWEST, so that nothing is dropped), without
    styles or trailing spaces (pipes, golden files). Text for a person: the CLI writes it in the console's encoding."""
    console = Console(width=usable_width(width), color_system=None, file=io.StringIO(), emoji=False, markup=False,
                      highlight=False, force_terminal=False)  # fmt: skip
    with console.capture() as capture:
        console.print(renderable)
    return ConsoleText("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))


def event_table(events: Sequence[Event], timeline: Timeline, lang: str, width: int) -> Table:
    """The `timeline list` rich table for a `width`-column terminal."""
    return rich_table(event_grid(events, timeline, lang), width)


def registry_table(registry: str, entries: Sequence, usage: dict[str, Usage], lang: str, width: int) -> Table:
    """The `timeline topics|actors|sources` rich table for a `width`-column terminal."""
    return rich_table(registry_grid(registry, entries, usage, lang), width)


# --- one event in full -----------------------------------------------------------------------------------

_QUALIFIER_WORDS = {
    "en": {"precision": "{} precision", "interval": "interval", "to": " to ", "approximate": "approximate",
           "uncertain": "uncertain", "open_start": "open start", "open_end": "open end",
           "unknown_start": "unknown start", "unknown_end": "unknown end", "sep": ", ", "wrap": " ({})"},
    "ja": {"precision": "精度：{}", "interval": "期間", "to": "～", "approximate": "おおよそ", "uncertain": "不確か",
           "open_start": "始期なし", "open_end": "終期なし", "unknown_start": "始期不明", "unknown_end": "終期不明",
           "sep": "、", "wrap": "（{}）"},
}  # fmt: skip


def describe_date(date: EventDate, lang: str) -> str:
    """A date with its precision and qualifiers: 'c. summer 2025 (season precision, approximate)'."""
    words = _QUALIFIER_WORDS["ja" if lang == "ja" else "en"]
    ends = [p for p in (date.start, date.end) if p is not None]
    precisions = list(dict.fromkeys(format_precision(Precision(p.precision), lang) for p in ends))
    parts = [words["interval"]] if date.is_interval else []
    parts.append(words["precision"].format(words["to"].join(precisions)))
    flags = ("open_start", "open_end", "unknown_start", "unknown_end")
    parts += [words[flag] for flag in flags if getattr(date, flag)]
    parts += [words[q] for q in ("approximate", "uncertain") if getattr(date, q)]
    return format_date(date, lang) + words["wrap"].format(words["sep"].join(parts))


def event_detail(event: Event, timeline: Timeline, lang: str) -> RenderableType:
    """Everything about one event, both languages, for `timeline show`."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in _detail_rows(event, timeline, lang):
        grid.add_row(Text(_label(key, lang)), value)
    return Group(data(event.title.get(lang), style="bold"), Text(""), grid)


def _detail_rows(event: Event, timeline: Timeline, lang: str) -> list[tuple[str, RenderableType]]:
    rows: list[tuple[str, RenderableType]] = [
        ("id", data(event.id)),
        ("title", _bilingual(event.title, lang)),
        ("date", Text.assemble(data(describe_date(event.date, lang)), ("  EDTF ", "dim"),
                               data(event.date.text, "dim"))),
        ("status", data(_STATUS["ja" if lang == "ja" else "en"].get(event.status, event.status))),
        ("topics", data(_labelled(event.topics, timeline.topics, lang))),
        ("actors", data(_labelled(event.actors, timeline.actors, lang))),
        ("summary", _bilingual(event.summary, lang)),
        ("citations", _citations(event.citations, timeline, lang)),
    ]
    if event.notes is not None:
        rows.append(("notes", _bilingual(event.notes, lang)))
    if event.disputes:
        rows.append(("disputes", Group(*(_dispute(d, timeline, lang) for d in event.disputes))))
    return rows


def _labelled(ids: Sequence[str], registry: dict, lang: str) -> str:
    """'Donald Trump (donald-trump), ...': the name to read and the id to filter by."""
    return _joiner(lang).join(f"{registry[i].name.get(lang)} ({i})" if i in registry else i for i in ids) or "—"


def _bilingual(text: Bilingual, lang: str) -> Table:
    """Both languages, the chosen one first, each tagged with its code."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for code in (lang, "en" if lang == "ja" else "ja"):
        grid.add_row(Text(code), data(text.get(code)))
    return grid


def _quoted(quote: str, lang: str) -> Text:
    opening, closing = ("「", "」") if lang == "ja" else ("“", "”")
    return Text.assemble(opening, data(quote, "italic"), closing)


def _source_line(source_id: str, timeline: Timeline, lang: str) -> Text:
    """'Publisher, “Headline”, Jan. 27, 2025 [id]' (or just the id for a source the registry lacks)."""
    source = timeline.sources.get(source_id)
    if source is None:
        return data(source_id)
    opening, closing = ("「", "」") if lang == "ja" else ("“", "”")
    sep = "、" if lang == "ja" else ", "
    return Text.assemble(
        data(source.publisher), sep, opening, data(source.title), closing, sep,
        data(format_date(source.published, lang)), " [", data(source.id, "dim"), "]",
    )  # fmt: skip


def _citation(number: str, citation: Citation, timeline: Timeline, lang: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(number), _source_line(citation.source, timeline, lang))
    grid.add_row(Text(""), _quoted(citation.quote, lang))
    source = timeline.sources.get(citation.source)
    if source is not None and source.url:
        grid.add_row(Text(""), data(source.url, "dim"))
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
    grid.add_row(Text("•"), says)
    grid.add_row(Text(""), _citation("", claim.citation, timeline, lang))
    return grid
