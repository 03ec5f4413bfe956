"""The page's corrections, clarifications and updates: each notice after its entry, and the header's "Updated" line
with the list of notices linking to their entries. The wording is the one every output uses (render/corrections.py);
this module only lays it out in both languages (Both) with `<time>` where HTML can state the date."""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup, escape

from ...model import Correction, Event
from .. import corrections as notices
from ..dates import format_date
from .view import LANGS, Both, html_text, plain, stamp

__all__ = ["CorrectionsView", "corrections_view", "notice_markup"]


def _label(correction: Correction, both: Both) -> Markup:
    """'<strong>Correction</strong> (<time>Dec. 3, 2025</time>)' in both languages, from the one wording."""
    machine, texts = stamp(correction.date), []
    for lang in LANGS:
        date = escape(format_date(correction.date, lang))
        if machine is not None:
            date = Markup('<time datetime="{}">{}</time>').format(machine, date)
        kind = Markup("<strong>{}</strong>").format(notices.kind_word(correction.kind, lang))
        texts.append(escape(notices.words(lang)["label"]).format(kind=kind, date=date))
    return both(*texts)


def notice_markup(correction: Correction, both: Both) -> Markup:
    """One notice after the entry: its label, then what was wrong and what is right."""
    return _label(correction, both) + both(notices.separator("ja"), notices.separator("en")) + both.text(
        correction.text)


class CorrectionsView(NamedTuple):  # a NamedTuple: immutable, and a tenth of a frozen dataclass's cost to define
    """The header's 'Updated <date>' and its list: (label, event id escaped, event title) newest first."""

    updated: Markup
    heading: Markup
    items: tuple[tuple[Markup, Markup, Markup], ...]


def corrections_view(events: list[Event], both: Both) -> CorrectionsView | None:
    """What the header says of the notices in `events`, or None when there are none."""
    found = notices.corrected(events)
    if not found:
        return None
    updated = both(*(notices.updated(events, lang) or "" for lang in LANGS))
    heading = both(*(notices.words(lang)["list"] for lang in LANGS))
    items = tuple((both(*(notices.label(c, lang) for lang in LANGS)), Markup(html_text(event.id)),
                   both(plain(event.title.ja), plain(event.title.en))) for c, event in found)
    return CorrectionsView(updated, heading, items)
