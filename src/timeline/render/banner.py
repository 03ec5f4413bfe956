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
    """The banner paragraph first inside the chronology's `<div class="tl-chronology">`, so that it takes the
    chronology's styles and language toggle (in both languages on a page, in its own on a fragment, which has no
    toggle), and a fragment pasted into a CMS carries it; a page's `<title>` starts with it too (a browser tab, a
    bookmark). Looked for after `</head>`: the inline stylesheet or script may say `<body>` or the div's name in a
    comment (page.css did, and the banner went into the stylesheet, which then styled nothing)."""
    from .html.view import LANGS, Both  # the page's own way of writing a text in both languages

    head = page.find("</head>")
    fragment = head < 0
    note = (f'<p class="tl-internal" role="alert"><strong>'
            f'{Both(lang, fragment).html(*(banner(each) for each in LANGS))}</strong></p>\n')
    match = _CHRONOLOGY.search(page, max(head, 0))
    at = match.end() if match else 0
    page = page[:at] + note + page[at:]
    if not fragment:
        page = page[:head].replace("<title>", f"<title>{html.escape(banner(lang))} · ", 1) + page[head:]
    return page


_CHRONOLOGY = re.compile(r'<div class="tl-chronology"[^>]*>\n?')


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
