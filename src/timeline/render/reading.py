"""A date in words, for people: with its precision and qualifiers (`show`), and, for a date as typed, what it
was read as and what was assumed to read it (`timeline date`). Pure functions, in English or Japanese.
"""

from __future__ import annotations

import json

from ..dates import EventDate, Precision
from ..dates.edtf import day_point
from ..dates.human import Assumption, Reading
from .dates import format_date, format_precision

_QUALIFIER_WORDS = {
    "en": {"precision": "{} precision", "interval": "interval", "to": " to ", "approximate": "approximate",
           "uncertain": "uncertain", "open_start": "open start", "open_end": "open end",
           "unknown_start": "unknown start", "unknown_end": "unknown end", "sep": ", ", "wrap": " ({})",
           "time": "time of day"},
    "ja": {"precision": "精度：{}", "interval": "期間", "to": "～", "approximate": "おおよそ", "uncertain": "不確か",
           "open_start": "始期なし", "open_end": "終期なし", "unknown_start": "始期不明", "unknown_end": "終期不明",
           "sep": "、", "wrap": "（{}）", "time": "時刻"},
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
        "zone": "{typed} is the offset its zone had that day: {means}",
        "midnight": "midnight is the end of the day written (AP): {means} at 00:00",
        "moment": "the moment {instant} in UTC",
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
        "zone": "{typed} はその日の時差で {means} です",
        "midnight": "midnight（AP）は書かれた日の終わりです：{means} の午前0時",
        "moment": "協定世界時で {instant}",
    },
}  # fmt: skip


def describe_date(date: EventDate, lang: str) -> str:
    """A date with its precision and qualifiers: 'c. summer 2025 (season precision, approximate)'."""
    words = _QUALIFIER_WORDS["ja" if lang == "ja" else "en"]
    ends = [p for p in (date.start, date.end) if p is not None]
    precisions = list(dict.fromkeys(words["time"] if p.time is not None else format_precision(Precision(p.precision), lang)
                                    for p in ends))
    parts = [words["interval"]] if date.is_interval else []
    parts.append(words["precision"].format(words["to"].join(precisions)))
    flags = ("open_start", "open_end", "unknown_start", "unknown_end")
    parts += [words[flag] for flag in flags if getattr(date, flag)]
    parts += [words[q] for q in ("approximate", "uncertain") if getattr(date, q)]
    text = format_date(date, lang)
    closing = words["wrap"][-1]
    if text.endswith(closing):  # '1999 (month unknown)': one pair of parentheses, '1999 (month unknown, year ...)'
        return text[:-1] + words["sep"] + words["sep"].join(parts) + closing
    return text + words["wrap"].format(words["sep"].join(parts))


def explain_reading(reading: Reading, lang: str) -> list[str]:
    """How a typed date reads, one line each: what it is, its first and last day, what was assumed, and how to
    write it in an event file."""
    words = _READING_WORDS["ja" if lang == "ja" else "en"]
    lines = [words["reads"].format(typed=reading.typed.strip(), date=_mid_sentence(describe_date(reading.date, lang))),
             _bounds(reading.date, lang, words)]
    lines += [_assumed(assumption, words) for assumption in reading.assumed]
    instant = _instant(reading.date)
    if instant is not None:
        lines.append(words["moment"].format(instant=instant))
    lines.append(words["write"].format(edtf=reading.edtf))
    return lines


# Words format_date capitalises because its text usually starts a line; after "reads as" they are mid-sentence.
_INITIAL_CAPITALS = ("The ", "Noon", "Midnight", "Spring", "Summer", "Autumn", "Fall", "Winter")


def _mid_sentence(text: str) -> str:
    """'The 1990s' as it reads after other words: 'the 1990s' (a month or B.C. keeps its capital)."""
    return text[0].lower() + text[1:] if text.startswith(_INITIAL_CAPITALS) else text


def _bounds(date: EventDate, lang: str, words: dict[str, str]) -> str:
    first, last = (None if day is None else format_date(day_point(day), lang)
                   for day in (date.earliest, date.latest))
    if first is None:
        return words["until"].format(last=last)
    if last is None:
        return words["from"].format(first=first)
    return words["on" if first == last else "bounds"].format(first=first, last=last)


def _instant(date: EventDate) -> str | None:
    """The ISO instant in UTC of a single date with a time of day ('2025-10-10T19:05:00Z'), else None."""
    instant = None if date.is_interval or date.start is None else date.start.instant
    return None if instant is None else instant.isoformat().replace("+00:00", "Z")


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
        "instant": _instant(date),
        "assumed": [{"kind": a.kind, "typed": a.typed, "means": a.means} for a in reading.assumed],
        "explanation": explain_reading(reading, lang),
    }  # fmt: skip
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def unreadable_json(typed: str, message: str, hint: str) -> str:
    """`timeline date --format json` for a text that is not a date."""
    return json.dumps({"typed": typed, "edtf": None, "error": message, "hint": hint}, ensure_ascii=False,
                      indent=2) + "\n"
