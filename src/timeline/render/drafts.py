"""Draft correction notices for `timeline diff --draft-corrections`: what changed (diff/corrections.py) worded as
newsrooms word a correction, in both languages, as ready-to-paste `corrections:` entries for the editor to accept
or edit (`timeline docs corrections`). Nothing is written into the event file: drafting is for a person.

English follows AP and the Washington Post ("An earlier version of this chronology misstated the date of this
entry. It was Jan. 20, 2025, not Jan. 22, 2025."); Japanese the newspapers' 「…としていたのは、…の誤りでした。」.
A date made more precise within what it said before is drafted as an `update` (news since), anything else as a
`correction`. The date of the drafts is the day given (`--as-of`, else today: the CLI reads the clock, not this).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence

from ..diff import Change
from ..diff.corrections import Finding, Needed
from ..normalize.scalars import format_scalar
from .dates import format_date
from .diff import change_words
from .diff_formats import code_span
from .markdown import escape_markdown

__all__ = ["draft_kind", "draft_text", "render_drafts_json", "render_drafts_markdown", "render_drafts_yaml"]

# The one wording table of the drafts; `timeline docs corrections` quotes each sentence and a test checks they agree.
# `field` is 'headline'/'summary' (見出し/概要), or the other language's ('Japanese headline'/英語の見出し) when only
# that text changed. Each language says the same things, in the same order (_sentences).
_SENTENCES = {
    "en": {"date": "An earlier version of this chronology misstated the date of this entry. It was {new}, not {old}.",
           "time": "An earlier version of this chronology misstated the time of this entry. It was {new}, not {old}.",
           "refined": "This entry now gives the date as {new}; it said {old}.",
           "figure": "An earlier version of this chronology misstated {count} in this entry's {field}. "
                     "It is {new}, not {old}.",
           "title": "An earlier version of this entry's {field} read “{old}”. It is “{new}”.",
           "one": "a figure", "many": "figures", "join": ", ", "and": " and ", "none": "not given",
           "fields": {"title": "headline", "summary": "summary"},
           "other_fields": {"title": "Japanese headline", "summary": "Japanese summary"}},
    "ja": {"date": "この項目の日付を{old}としていたのは、{new}の誤りでした。",
           "time": "この項目の時刻を{old}としていたのは、{new}の誤りでした。",
           "refined": "日付を{old}から{new}に更新しました。",
           "figure": "この項目の{field}で{old}としていたのは、{new}の誤りでした。",
           "title": "{field}を「{old}」としていたのは、「{new}」の誤りでした。",
           "one": "", "many": "", "join": "、", "and": "と", "none": "（記載なし）",
           "fields": {"title": "見出し", "summary": "概要"},
           "other_fields": {"title": "英語の見出し", "summary": "英語の概要"}},
}


def draft_kind(needed: Needed) -> str:
    """'update' for a date made more precise and nothing else, else 'correction'."""
    return "update" if needed.refines_date else "correction"


def _field(finding: Finding, lang: str) -> str:
    words = _SENTENCES[lang]
    return words["fields" if finding.lang == lang else "other_fields"][finding.field]  # the other text's


def _figures(group: list[Finding], lang: str) -> str:
    """One sentence for the fields in `group`, whose figures changed alike: 'misstated a figure in this entry's
    headline and summary. It is 47, not 45.'"""
    words, first = _SENTENCES[lang], group[0]
    old = words["join"].join(first.old) or words["none"]
    new = words["join"].join(first.new) or words["none"]
    count = words["many"] if max(len(first.old), len(first.new)) > 1 else words["one"]
    field = words["and"].join(_field(f, lang) for f in group)
    return words["figure"].format(count=count, field=field, old=old, new=new)


def _date(finding: Finding, lang: str, refined: bool) -> str:
    key = "refined" if refined else finding.what  # 'date' or 'time' (diff/corrections.py tells them apart)
    return _SENTENCES[lang][key].format(old=format_date(finding.old, lang), new=format_date(finding.new, lang))


def _title(finding: Finding, lang: str) -> str:
    return _SENTENCES[lang]["title"].format(field=_field(finding, lang), old=finding.old, new=finding.new)


def _in(findings: Sequence[Finding], what: str, field: str, lang: str) -> Finding | None:
    """The finding of `what` in `field` as written in `lang`, else in the other language (the same fact: a figure
    is the same number in both texts), else None."""
    found = [f for f in findings if f.what == what and f.field == field]
    return next((f for f in found if f.lang == lang), found[0] if found else None)


def _sentences(needed: Needed, lang: str) -> list[str]:
    """What a notice in `lang` says, one sentence per fact, the same facts in the same order in both languages:
    the date; the figures (fields whose figures changed alike, in both languages, share one sentence); the
    title."""
    findings, said = needed.findings, []
    said += [_date(f, lang, needed.refines_date) for f in findings if f.what in ("date", "time")]
    fields = [field for field in ("title", "summary") if _in(findings, "figure", field, "en") is not None]
    chosen = {code: [_in(findings, "figure", field, code) for field in fields] for code in ("ja", "en")}
    alike = all(len({(f.old, f.new) for f in chosen[code]}) == 1 for code in chosen)  # true of the same fields
    groups = [chosen[lang]] if fields and alike else [[f] for f in chosen[lang]]
    said += [_figures(group, lang) for group in groups]
    title = _in(findings, "title", "title", lang)
    return said + ([_title(title, lang)] if title is not None else [])


def draft_text(needed: Needed, lang: str) -> str:
    """The notice's text in `lang`: one sentence per thing that changed."""
    return (" " if lang == "en" else "").join(_sentences(needed, lang))


def _reasons(needed: Needed, lang: str = "en") -> str:
    """What changed, in diff's own words: 'date moved from ...; title.en: “A” → “B”'."""
    parts = []
    for finding in needed.findings:
        path = finding.field if finding.lang is None else f"{finding.field}.{finding.lang}"
        if finding.what == "figure":
            parts.append(f"{path}: {', '.join(finding.old) or '-'} → {', '.join(finding.new) or '-'}")
        elif finding.what in ("date", "time"):  # 'date moved from ...' names its field already
            parts.append(change_words(Change(path, finding.old, finding.new), lang))
        else:
            parts.append(f"{path}: {change_words(Change(path, finding.old, finding.new), lang)}")
    return "; ".join(dict.fromkeys(parts))


def _entry_lines(needed: Needed, day: datetime.date, indent: str) -> list[str]:
    return [f"{indent}- date: {day.isoformat()}", f"{indent}  kind: {draft_kind(needed)}", f"{indent}  text:",
            f"{indent}    ja: {format_scalar(draft_text(needed, 'ja'))}",
            f"{indent}    en: {format_scalar(draft_text(needed, 'en'))}"]


def _comment(text: str) -> str:
    """Data in a YAML comment: one line, so nothing in it can end the comment and become YAML."""
    return " ".join(text.split())


def render_drafts_yaml(drafts: Sequence[Needed], day: datetime.date) -> str:
    """One block per event: a comment naming it and what changed, then `corrections:` with the drafted entry,
    indented as an event's keys are in the canonical file, to paste under the event (or, where it already has
    `corrections:`, its `- date:` item only)."""
    if not drafts:
        return "# No date, figure or title changed without a correction: nothing to draft.\n"
    blocks = ["# Draft corrections: edit each, then paste it under its event (timeline diff writes nothing)."]
    for needed in drafts:
        blocks.append("\n".join([f"# {_comment(needed.event.id)}: {_comment(_reasons(needed))}", "    corrections:",
                                 *_entry_lines(needed, day, "      ")]))
    return "\n\n".join(blocks) + "\n"


def render_drafts_markdown(drafts: Sequence[Needed], day: datetime.date, lang: str) -> str:
    """The drafts for an editor's email: a bullet per event with what changed, its YAML in a fenced block."""
    heading = "# Draft corrections" if lang == "en" else "# 訂正の下書き"
    lines = [heading, ""]
    for needed in drafts:
        lines += [f"- {code_span(needed.event.id)}: {escape_markdown(_reasons(needed, lang))}", "",
                  "  ```yaml", *("  " + line for line in _entry_lines(needed, day, "")), "  ```", ""]
    if not drafts:
        lines += ["Nothing to draft." if lang == "en" else "下書きする訂正はありません。", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_drafts_json(drafts: Sequence[Needed], day: datetime.date) -> str:
    """`[{id, changes, correction: {date, kind, text: {ja, en}}}]`."""
    document = [{"id": needed.event.id, "changes": _reasons(needed),
                 "correction": {"date": day.isoformat(), "kind": draft_kind(needed),
                                "text": {lang: draft_text(needed, lang) for lang in ("ja", "en")}}}
                for needed in drafts]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
