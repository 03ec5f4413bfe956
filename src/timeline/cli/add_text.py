"""The texts of `timeline add`'s answers (cli/add_flow.py): each checked once, flag or prompt, by the character
rules validate applies to a file's text; and a time typed without a zone read in the target file's `timezone`."""

from __future__ import annotations

from ..errors import Severity, UsageError
from .add_words import words

__all__ = ["file_zone", "in_zone", "nonempty", "typed_text", "utf8_text"]


def nonempty(text: str, lang: str = "en") -> str:
    """A required text, trimmed; an empty one is refused (the caller names the flag, or the prompt is above)."""
    if not text.strip():
        raise UsageError(words("empty", lang))
    return text.strip()


def utf8_text(text: str, what: str, lang: str = "en") -> str:
    """`text` as typed, refused (UsageError naming `what`) when it holds bytes that are not UTF-8: Python makes each
    a lone surrogate (surrogateescape), which no output can encode. Any text a flag gives (--title, --search)."""
    bad = next((c for c in text if 0xD800 <= ord(c) <= 0xDFFF), None)
    if bad is not None:
        raise UsageError((f"{what}: " if what else "") + words("not-utf8", lang, byte=f"{ord(bad) & 0xFF:02X}"))
    return text


def typed_text(text: str, what: str, lang: str, *, one_line: bool = False, quote: bool = False) -> str:
    """`text` as typed (a flag's value or an answer), refused (UsageError naming `what`) when it is no text
    (bytes that are not UTF-8) or has a character validate refuses in a file: the one rule, validate's."""
    from ..load import load_text
    from ..validate.values import ValueChecks

    named = f"{what}: " if what else ""  # a prompt's answer is named by the prompt above it
    utf8_text(text, what, lang)
    if one_line and "\n" in text.strip():
        raise UsageError(named + words("one-line", lang))
    problems: list = []
    ValueChecks(load_text("", what or "<answer>"), problems).characters(text, (0, 0), words("the-text", lang),
                                                                      quote=quote)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise UsageError(named + errors[0].message, hint=errors[0].hint)
    return text


def file_zone(root: object) -> str | None:
    """The `timezone` of a file (its loaded root), when it is one validate accepts, else None."""
    from ..dates.clock import check_zone_name

    zone = root.get("timezone") if isinstance(root, dict) else None
    return zone.strip() if isinstance(zone, str) and check_zone_name(zone.strip()) is None else None


def in_zone(typed: str, zone: str) -> str | None:
    """A date-time typed without a zone, read in `zone` (EDTF with that day's offset), or None if it is none."""
    import dataclasses
    import unicodedata

    from ..dates import DateError
    from ..dates.human import read_date
    from ..dates.typed_times import split_time

    try:
        timed = split_time(unicodedata.normalize("NFKC", typed).strip(), typed)
        day = read_date(timed.day_text) if timed is not None and timed.zone is None and timed.day_text else None
    except DateError:
        return None
    point = None if day is None or day.date.is_interval else day.date.start
    if point is None or point.time is not None or point.approximate or point.uncertain or len(str(point)) != 10:
        return None
    return dataclasses.replace(timed, zone=zone, zone_typed=zone).edtf(str(point))  # messages name the file's zone
