"""A date in words, for people: with its precision and qualifiers (`show`), and, for a date as typed, what it
was read as and what was assumed to read it (`timeline date`). Pure functions, in English or Japanese.
"""

from __future__ import annotations

import json

from ..dates import EventDate, Precision, parse_edtf
from ..dates.human import Assumption, Reading
from .dates import format_date, format_precision

_QUALIFIER_WORDS = {
    "en": {"precision": "{} precision", "interval": "interval", "to": " to ", "approximate": "approximate",
           "uncertain": "uncertain", "open_start": "open start", "open_end": "open end",
           "unknown_start": "unknown start", "unknown_end": "unknown end", "sep": ", ", "wrap": " ({})"},
    "ja": {"precision": "精度：{}", "interval": "期間", "to": "～", "approximate": "おおよそ", "uncertain": "不確か",
           "open_start": "始期なし", "open_end": "終期なし", "unknown_start": "始期不明", "unknown_end": "終期不明",
           "sep": "、", "wrap": "（{}）"},
}  # fmt: skip

_READING_WORDS = {
    "en": {
        "reads": "{typed} reads as {date}",
        "bounds": "from {first} to {last}", "on": "on {first}", "from": "from {first} on", "until": "until {last}",
        "write": "in an event file, write {edtf}",
        "quarter": "a quarter is not an EDTF date: {typed} is written as the interval of its months, {means}",
        "months": "{typed} is the interval of those months, {means}",
        "era": "{typed} is the year {means}",
        "season": "EDTF writes a season as 21-24 after the year: {typed} is {means}",
        "approximate": "'{typed}' is EDTF's ~ (approximate)",
        "uncertain": "'{typed}' is EDTF's ? (uncertain)",
    },
    "ja": {
        "reads": "{typed} は {date}",
        "bounds": "{first}から{last}まで", "on": "{first}", "from": "{first}以降", "until": "{last}まで",
        "write": "イベントファイルには {edtf} と書きます",
        "quarter": "四半期はEDTFの書式にないため、{typed} はその3か月の期間 {means} と書きます",
        "months": "{typed} は月の期間 {means} です",
        "era": "{typed} は{means}年です",
        "season": "EDTFは季節を年のあとに21～24で書きます：{typed} は {means}",
        "approximate": "「{typed}」はEDTFの ~（おおよそ）です",
        "uncertain": "「{typed}」はEDTFの ?（不確か）です",
    },
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


def explain_reading(reading: Reading, lang: str) -> list[str]:
    """How a typed date reads, one line each: what it is, its first and last day, what was assumed, and how to
    write it in an event file."""
    words = _READING_WORDS["ja" if lang == "ja" else "en"]
    lines = [words["reads"].format(typed=reading.typed.strip(), date=describe_date(reading.date, lang)),
             _bounds(reading.date, lang, words)]
    lines += [_assumed(assumption, words) for assumption in reading.assumed]
    lines.append(words["write"].format(edtf=reading.edtf))
    return lines


def _bounds(date: EventDate, lang: str, words: dict[str, str]) -> str:
    first, last = (None if day is None else format_date(parse_edtf(day.isoformat()), lang)
                   for day in (date.earliest, date.latest))
    if first is None:
        return words["until"].format(last=last)
    if last is None:
        return words["from"].format(first=first)
    return words["on" if first == last else "bounds"].format(first=first, last=last)


def _assumed(assumption: Assumption, words: dict[str, str]) -> str:
    return words[assumption.kind].format(typed=assumption.typed, means=assumption.means)


def reading_json(reading: Reading, lang: str) -> str:
    """`timeline date --format json`: the EDTF, its precision and bounds, and what was assumed, with the words
    of the text output in `lang`."""
    date = reading.date
    document = {
        "typed": reading.typed, "edtf": reading.edtf, "reads_as": format_date(date, lang),
        "precision": format_precision(date.precision, "en"), "interval": date.is_interval,
        "approximate": date.approximate, "uncertain": date.uncertain,
        "earliest": None if date.earliest is None else date.earliest.isoformat(),
        "latest": None if date.latest is None else date.latest.isoformat(),
        "assumed": [{"kind": a.kind, "typed": a.typed, "means": a.means} for a in reading.assumed],
        "explanation": explain_reading(reading, lang),
    }  # fmt: skip
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def unreadable_json(typed: str, message: str, hint: str) -> str:
    """`timeline date --format json` for a text that is not a date."""
    return json.dumps({"typed": typed, "edtf": None, "error": message, "hint": hint}, ensure_ascii=False,
                      indent=2) + "\n"
