"""The INTERNAL mark: what an output made with `--internal` says at its top, in its own form.

The renderers render what they are given; when that includes newsroom-only data (`--internal`), the command
marks the rendered output with one of these, so that it cannot be mistaken for a publishable one
(`timeline docs internal` lists the form per format). Each takes the rendered text or bytes and returns them
marked; none changes anything else.
"""

from __future__ import annotations

import csv
import html
import io
import re

from ..internal import BANNER

__all__ = ["banner", "mark_csv", "mark_html", "mark_ics", "mark_json", "mark_markdown", "mark_mermaid",
           "mark_sqlite", "mark_text"]


def banner(lang: str) -> str:
    """'INTERNAL — not for publication' / '社内用・公開不可'."""
    return BANNER.get(lang, BANNER["en"])


def mark_text(text: str, lang: str) -> str:
    """A terminal table or plain text: a first line saying it."""
    return f"*** {banner(lang)} ***\n{text}"


def mark_markdown(text: str, lang: str) -> str:
    """Markdown: a block quote in bold before everything else."""
    return f"> **{banner(lang)}**\n\n{text}"


def mark_json(text: str) -> str:
    """A JSON object: `"internal": true` as its first key (the document's own indentation kept); an array becomes
    `{"internal": true, "items": [...]}`, since an array has no place for a flag."""
    if text.lstrip().startswith("["):
        return '{"internal": true, "items": ' + text.strip() + "}\n"
    match = re.match(r"\s*\{(\s*)", text)
    if match is None:
        raise ValueError("not a JSON object or array")
    space = match.group(1)
    if text[match.end():match.end() + 1] == "}":  # an empty object
        return f'{text[:match.end()]}"internal": true{text[match.end():]}'
    return f'{text[:match.end()]}"internal": true,{space or " "}{text[match.end():]}'


def mark_csv(text: str, lang: str) -> str:
    """CSV: a first column whose header is the banner and whose every cell says INTERNAL (a row copied alone
    still says it)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    terminator = "\r\n" if "\r\n" in text else "\n"
    writer = csv.writer(out, lineterminator=terminator)
    for number, row in enumerate(rows):
        writer.writerow([banner(lang) if number == 0 else "INTERNAL", *row])
    return out.getvalue()


def mark_html(page: str, lang: str) -> str:
    """A page: a banner paragraph first in <body>, in both languages as the page's text is (the language toggle
    switches it); a fragment: the paragraph before it, in its language (a fragment has no toggle). The body is the
    one after `</head>`: the inline stylesheet or script may say `<body>` in a comment (page.css did, and the banner
    went into the stylesheet, which then styled nothing)."""
    match = re.search(r"</head>\s*<body[^>]*>\n?", page)
    if match is None:
        return _html_note(html.escape(banner(lang))) + page
    from .html.view import LANGS, Both  # the page's own way of writing a text in both languages

    note = _html_note(Both(lang, fragment=False).html(*(banner(each) for each in LANGS)))
    return page[:match.end()] + note + page[match.end():]


def _html_note(words: str) -> str:
    return f'<p class="tl-internal" role="alert"><strong>{words}</strong></p>\n'


def mark_ics(data: bytes, lang: str) -> bytes:
    """iCalendar: `X-TIMELINE-INTERNAL:TRUE` and the banner as the calendar's description, after VERSION."""
    lines = f"X-TIMELINE-INTERNAL:TRUE\r\nX-WR-CALDESC:{banner(lang)}\r\n".encode()
    head = b"BEGIN:VCALENDAR\r\n"
    if not data.startswith(head):
        raise ValueError("not an iCalendar stream")
    return head + lines + data[len(head):]


def mark_mermaid(text: str, lang: str) -> str:
    """A Mermaid timeline: the banner at the start of its title (a new title line when it has none)."""
    match = re.search(r"^(\s*title )", text, re.MULTILINE)
    if match is None:
        first = text.find("\n") + 1
        return f"{text[:first]}    title {banner(lang)}\n{text[first:]}"
    return f"{text[:match.end()]}{banner(lang)} · {text[match.end():]}"


def mark_sqlite(data: bytes, lang: str) -> bytes:
    """A SQLite database: a table `internal_notice` holding the banner."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        connection.execute("CREATE TABLE internal_notice (notice TEXT NOT NULL)")
        connection.execute("INSERT INTO internal_notice VALUES (?)", (banner(lang),))
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()
