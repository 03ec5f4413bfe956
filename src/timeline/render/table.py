"""Tables and the event detail view for the terminal: the only rich user outside the CLI.

Two outputs from the same rows. `*_table` builds a rich Table for a person at a terminal: columns that
matter less drop out at narrow widths, long text wraps, double-width Japanese aligns. `plain_table` writes
aligned text with one line per row, for pipes: a rich Table costs about a millisecond per row, which is
too slow for `timeline list | grep` over a large file, and grep wants one line per event anyway.

Every piece of data goes in as `rich.text.Text` after `terminal_safe`, never as markup, so a title holding
`[bold]`, `:fire:` or an escape sequence shows exactly as typed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

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
from .text import terminal_safe

_LABELS = {
    "en": {"id": "ID", "date": "Date", "title": "Title", "topics": "Topics", "actors": "Actors", "sources": "Src",
           "status": "Status", "summary": "Summary", "citations": "Citations", "notes": "Notes",
           "disputes": "Disputes", "name": "Name", "kind": "Kind", "aliases": "Aliases", "events": "Events",
           "first": "First", "last": "Last", "publisher": "Publisher", "headline": "Headline",
           "published": "Published", "language": "Lang", "archive": "Archive"},
    "ja": {"id": "ID", "date": "日付", "title": "見出し", "topics": "トピック", "actors": "関係者", "sources": "出典数",
           "status": "状態", "summary": "概要", "citations": "出典", "notes": "注記", "disputes": "食い違い",
           "name": "名称", "kind": "種別", "aliases": "別名", "events": "件数", "first": "最初", "last": "最後",
           "publisher": "媒体", "headline": "記事見出し", "published": "掲載日", "language": "言語",
           "archive": "保存先"},
}  # fmt: skip
_STATUS = {"en": {"happened": "happened", "scheduled": "scheduled"}, "ja": {"happened": "発生済み", "scheduled": "予定"}}
_KINDS_JA = {"person": "人物", "company": "企業", "agency": "行政機関", "government": "政府", "organization": "団体"}


def _label(key: str, lang: str) -> str:
    return _LABELS["ja" if lang == "ja" else "en"][key]


def cell(value: str) -> str:
    """Data made safe and single-line for a table cell: tabs and line breaks become spaces, controls visible."""
    return terminal_safe(value.replace("\t", " ").replace("\r\n", " ").replace("\n", " "), one_line=True)


def data(value: str, style: str = "") -> Text:
    """Data as a rich Text (never markup), control characters shown as visible escapes."""
    return Text(terminal_safe(value), style=style)


# --- table content, independent of how it is drawn ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, the row key it shows, and the narrowest terminal it is shown on."""

    header: str
    key: str
    show_from: int = 0  # hidden on terminals narrower than this many columns
    justify: str = "left"
    style: str = ""
    below: str = ""  # key shown under this cell, dimmed, when its own column is hidden (keeps ids reachable)
    no_wrap: bool = False
    ratio: int | None = None  # share of the width left by the other columns; None keeps the content's width
    max_width: int | None = None  # wrap longer cells (at spaces, or at the breaks _soft_breaks adds)


@dataclass(frozen=True, slots=True)
class Grid:
    """What a table says: columns and rows of plain strings keyed by Column.key."""

    columns: tuple[Column, ...]
    rows: tuple[dict[str, str], ...]


def event_grid(events: Sequence[Event], timeline: Timeline, lang: str) -> Grid:
    """The `timeline list` table: id, date at its precision, title, topics, actors, number of sources."""
    columns = (
        Column(_label("id", lang), "id", show_from=100, style="dim", no_wrap=True),
        Column(_label("date", lang), "date", style="cyan", max_width=18),
        Column(_label("title", lang), "title", below="id", ratio=1),
        Column(_label("topics", lang), "topics", show_from=80, max_width=16),
        Column(_label("actors", lang), "actors", show_from=120, max_width=22),
        Column(_label("sources", lang), "sources", show_from=60, justify="right", no_wrap=True),
    )
    rows = tuple(
        {"id": e.id, "date": format_date(e.date, lang), "title": e.title.get(lang),
         "topics": _names(e.topics, timeline.topics, lang), "actors": _names(e.actors, timeline.actors, lang),
         "sources": str(len(e.source_ids))}
        for e in events
    )  # fmt: skip
    return Grid(columns, rows)


def _names(ids: Sequence[str], registry: dict, lang: str) -> str:
    return _joiner(lang).join(registry[i].name.get(lang) if i in registry else i for i in ids)


def _joiner(lang: str) -> str:
    return "、" if lang == "ja" else ", "


def _date(date: EventDate | None, lang: str) -> str:
    return format_date(date, lang) if date else ""


def registry_grid(registry: str, entries: Sequence, usage: dict[str, Usage], lang: str) -> Grid:
    """The `timeline topics|actors|sources` table: each entry with its event count and first/last dates."""
    columns, rows = _REGISTRY_LAYOUTS[registry](entries, lang)
    first_from = 130 if registry == "sources" else 60  # sources have many columns of their own
    tail = (
        Column(_label("events", lang), "events", justify="right", no_wrap=True),
        Column(_label("first", lang), "first", show_from=first_from, style="cyan", max_width=18),
        Column(_label("last", lang), "last", show_from=first_from, style="cyan", max_width=18),
    )
    for entry, row in zip(entries, rows):
        used = usage.get(entry.id, Usage())
        row.update(events=str(used.events), first=_date(used.first, lang), last=_date(used.last, lang))
    return Grid((*columns, *tail), tuple(rows))


def _topic_layout(entries: Sequence, lang: str) -> tuple[tuple[Column, ...], list[dict]]:
    columns = (
        Column(_label("id", lang), "id", show_from=60, style="dim", no_wrap=True),
        Column(_label("name", lang), "name", below="id"),
    )
    return columns, [{"id": t.id, "name": t.name.get(lang)} for t in entries]


def _actor_layout(entries: Sequence, lang: str) -> tuple[tuple[Column, ...], list[dict]]:
    columns = (
        Column(_label("id", lang), "id", show_from=140, style="dim", no_wrap=True),
        Column(_label("name", lang), "name", below="id", ratio=1),
        Column(_label("kind", lang), "kind", show_from=90, no_wrap=True),
        Column(_label("aliases", lang), "aliases", show_from=100, max_width=24),
    )
    rows = [{"id": a.id, "name": a.name.get(lang), "kind": _kind(a.kind, lang), "aliases": ", ".join(a.aliases)}
            for a in entries]  # fmt: skip
    return columns, rows


def _kind(kind: str | None, lang: str) -> str:
    """An actor's kind for people to read (JSON and CSV keep the code)."""
    return (_KINDS_JA.get(kind, kind) if lang == "ja" else kind) or ""


def _source_layout(entries: Sequence, lang: str) -> tuple[tuple[Column, ...], list[dict]]:
    columns = (
        Column(_label("id", lang), "id", show_from=160, style="dim", no_wrap=True),
        Column(_label("publisher", lang), "publisher", show_from=60, max_width=20),
        Column(_label("headline", lang), "headline", below="id", ratio=1),
        Column(_label("published", lang), "published", style="cyan", max_width=18),
        Column(_label("language", lang), "language", show_from=90, no_wrap=True),
        Column(_label("archive", lang), "archive", show_from=150, max_width=24),
    )
    rows = [{"id": s.id, "publisher": s.publisher, "headline": s.title, "published": format_date(s.published, lang),
             "language": s.language, "archive": s.archive or ""} for s in entries]  # fmt: skip
    return columns, rows


_REGISTRY_LAYOUTS = {"topics": _topic_layout, "actors": _actor_layout, "sources": _source_layout}


# --- drawing: rich for terminals, plain aligned text for pipes -------------------------------------------


def rich_table(grid: Grid, width: int) -> Table:
    """A rich Table of the columns that fit a `width`-column terminal; wraps long cells."""
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


def plain_table(grid: Grid) -> str:
    """Every column as aligned plain text, one line per row and no trailing spaces: fast, and made for grep.

    Widths are measured in terminal cells (rich.cells.cell_len), so Japanese text lines up.
    """
    keys = [c.key for c in grid.columns]
    lines = [[cell(c.header) for c in grid.columns]]
    lines += [[cell(row[key]) for key in keys] for row in grid.rows]
    widths = [max(cell_len(line[i]) for line in lines) for i in range(len(keys))]
    right = [c.justify == "right" for c in grid.columns]
    return "".join(_plain_line(line, widths, right) for line in lines)


def _plain_line(values: list[str], widths: list[int], right: list[bool]) -> str:
    parts = []
    for value, width, to_right in zip(values, widths, right):
        padding = " " * (width - cell_len(value))
        parts.append(padding + value if to_right else value + padding)
    return "  ".join(parts).rstrip() + "\n"


def plain_text(renderable: RenderableType, width: int) -> str:
    """A renderable as plain text `width` cells wide, without styles or trailing spaces (pipes, golden files)."""
    console = Console(width=width, color_system=None, file=io.StringIO(), emoji=False, markup=False,
                      highlight=False, force_terminal=False)  # fmt: skip
    with console.capture() as capture:
        console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in capture.get().splitlines())


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
