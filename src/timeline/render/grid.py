"""What a table says (columns and rows of plain strings), and the plain aligned text of it for pipes.

Kept apart from table.py so that `timeline list | ...` over a large file never imports rich's Console and
Table: only `rich.cells`, a small module, to measure double-width Japanese text in terminal cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The one rich import outside table.py: only its cell-width table (no Console), so the plain path stays light
# and double-width Japanese lines up exactly as in the rich table.
from rich.cells import cell_len

from ..dates import EventDate
from ..model import Event, Timeline
from .corrections import corrected_mark, heading
from .dates import format_date
from .headline import untitled
from .text import ConsoleText, terminal_safe
from .usage import Usage

_LABELS = {
    "en": {"id": "ID", "date": "Date", "title": "Title", "topics": "Topics", "actors": "Actors", "sources": "Src",
           "status": "Status", "summary": "Summary", "citations": "Citations", "notes": "Notes",
           "disputes": "Disputes", "name": "Name", "kind": "Kind", "aliases": "Aliases", "events": "Events",
           "first": "First", "last": "Last", "publisher": "Publisher", "headline": "Headline",
           "published": "Published", "language": "Lang", "archive": "Archive", "after": "After",
           "corrections": heading("en"), "internal": "Internal"},
    "ja": {"id": "ID", "date": "日付", "title": "見出し", "topics": "トピック", "actors": "関係者", "sources": "出典数",
           "status": "状態", "summary": "概要", "citations": "出典", "notes": "注記", "disputes": "食い違い",
           "name": "名称", "kind": "種別", "aliases": "別名", "events": "件数", "first": "最初", "last": "最後",
           "publisher": "媒体", "headline": "記事見出し", "published": "掲載日", "language": "言語",
           "archive": "保存先", "after": "前の出来事",
           "corrections": heading("ja"), "internal": "社内メモ"},
}  # fmt: skip
STATUS = {"en": {"happened": "happened", "scheduled": "scheduled"}, "ja": {"happened": "発生済み", "scheduled": "予定"}}
_KINDS_JA = {"person": "人物", "company": "企業", "agency": "行政機関", "government": "政府", "organization": "団体"}


def label(key: str, lang: str) -> str:
    """A column's or a detail row's heading in `lang` (English for any other)."""
    return _LABELS["ja" if lang == "ja" else "en"][key]


def cell(value: str) -> str:
    """Data made safe and single-line for a table cell: tabs and line breaks become spaces, controls visible."""
    return terminal_safe(value.replace("\t", " ").replace("\r\n", " ").replace("\n", " "), one_line=True)


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
        Column(label("id", lang), "id", show_from=100, style="dim", no_wrap=True),
        Column(label("date", lang), "date", style="cyan", max_width=18),
        Column(label("title", lang), "title", below="id", ratio=1),
        Column(label("topics", lang), "topics", show_from=80, max_width=16),
        Column(label("actors", lang), "actors", show_from=120, max_width=22),
        Column(label("sources", lang), "sources", show_from=60, justify="right", no_wrap=True),
    )
    rows = tuple(
        {"id": e.id, "date": format_date(e.date, lang), "title": e.title.get(lang) + corrected_mark(e, lang),
         "topics": _names(e.topics, timeline.topics, lang), "actors": _names(e.actors, timeline.actors, lang),
         "sources": str(len(e.source_ids))}
        for e in events
    )  # fmt: skip
    return Grid(columns, rows)


def _names(ids: Sequence[str], registry: dict, lang: str) -> str:
    return joiner(lang).join(registry[i].name.get(lang) if i in registry else i for i in ids)


def joiner(lang: str) -> str:
    """What separates the names in a list: the ideographic comma in Japanese."""
    return "、" if lang == "ja" else ", "


def _date(date: EventDate | None, lang: str) -> str:
    return format_date(date, lang) if date else ""


def registry_grid(registry: str, entries: Sequence, usage: dict[str, Usage], lang: str) -> Grid:
    """The `timeline topics|actors|sources` table: each entry with its event count and first/last dates."""
    columns, rows = _REGISTRY_LAYOUTS[registry](entries, lang)
    first_from = 130 if registry == "sources" else 60  # sources have many columns of their own
    tail = (
        Column(label("events", lang), "events", justify="right", no_wrap=True),
        Column(label("first", lang), "first", show_from=first_from, style="cyan", max_width=18),
        Column(label("last", lang), "last", show_from=first_from, style="cyan", max_width=18),
    )
    for entry, row in zip(entries, rows):
        used = usage.get(entry.id, Usage())
        row.update(events=str(used.events), first=_date(used.first, lang), last=_date(used.last, lang))
    return Grid((*columns, *tail), tuple(rows))


def _topic_layout(entries: Sequence, lang: str) -> tuple[tuple[Column, ...], list[dict]]:
    columns = (
        Column(label("id", lang), "id", show_from=60, style="dim", no_wrap=True),
        Column(label("name", lang), "name", below="id"),
    )
    return columns, [{"id": t.id, "name": t.name.get(lang)} for t in entries]


def _actor_layout(entries: Sequence, lang: str) -> tuple[tuple[Column, ...], list[dict]]:
    columns = (
        Column(label("id", lang), "id", show_from=140, style="dim", no_wrap=True),
        Column(label("name", lang), "name", below="id", ratio=1),
        Column(label("kind", lang), "kind", show_from=90, no_wrap=True),
        Column(label("aliases", lang), "aliases", show_from=100, max_width=24),
    )
    rows = [{"id": a.id, "name": a.name.get(lang), "kind": _kind(a.kind, lang), "aliases": ", ".join(a.aliases)}
            for a in entries]  # fmt: skip
    return columns, rows


def _kind(kind: str | None, lang: str) -> str:
    """An actor's kind for people to read (JSON and CSV keep the code)."""
    return (_KINDS_JA.get(kind, kind) if lang == "ja" else kind) or ""


def _source_layout(entries: Sequence, lang: str) -> tuple[tuple[Column, ...], list[dict]]:
    columns = (
        Column(label("id", lang), "id", show_from=160, style="dim", no_wrap=True),
        Column(label("publisher", lang), "publisher", show_from=60, max_width=20),
        Column(label("headline", lang), "headline", below="id", ratio=1),
        Column(label("published", lang), "published", style="cyan", max_width=18),
        Column(label("language", lang), "language", show_from=90, no_wrap=True),
        Column(label("archive", lang), "archive", show_from=150, max_width=24),
    )
    rows = [{"id": s.id, "publisher": s.publisher, "headline": untitled(lang) if s.title is None else s.title,
             "published": format_date(s.published, lang), "language": s.language, "archive": s.archive or ""}
            for s in entries]  # fmt: skip
    return columns, rows


_REGISTRY_LAYOUTS = {"topics": _topic_layout, "actors": _actor_layout, "sources": _source_layout}


# --- plain aligned text, for pipes ---------------------------------------------------------------------


def plain_table(grid: Grid) -> ConsoleText:
    """Every column as aligned plain text, one line per row and no trailing spaces: fast, and made for grep.

    Widths are measured in terminal cells (rich.cells.cell_len), so Japanese text lines up. Every column is
    shown whatever the terminal's width. It is text for a person (ConsoleText): the CLI writes it in the
    console's encoding.
    """
    keys = [c.key for c in grid.columns]
    lines = [[cell(c.header) for c in grid.columns]]
    lines += [[cell(row[key]) for key in keys] for row in grid.rows]
    widths = [max(cell_len(line[i]) for line in lines) for i in range(len(keys))]
    right = [c.justify == "right" for c in grid.columns]
    return ConsoleText("".join(_plain_line(line, widths, right) for line in lines))


def _plain_line(values: list[str], widths: list[int], right: list[bool]) -> str:
    parts = []
    for value, width, to_right in zip(values, widths, right):
        padding = " " * (width - cell_len(value))
        parts.append(padding + value if to_right else value + padding)
    return "  ".join(parts).rstrip() + "\n"
