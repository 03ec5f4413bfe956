"""`timeline date TEXT`: how a date as typed reads, and its EDTF spelling for an event file."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from ..errors import ExitCode
from .app import command, report_error, say
from .options import LangOption, TzOption


class DateFormat(str, Enum):
    text = "text"
    json = "json"


# ignore_unknown_options: `timeline date -2025` is a date typed with a sign (refused in plain words), not an
# unknown option `-2`.
@command("date", context_settings={"ignore_unknown_options": True})
def date_command(
    text: Annotated[str, typer.Argument(help="A date as typed: 'Q3 2025', 令和7年5月, '2025-03-28 (approx)', "
                                             "'May 2025', 2025年夏, ...", metavar="TEXT", show_default=False)],
    lang: LangOption = ...,  # type: ignore[assignment]  # the default comes from LangOption's factory
    tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
    fmt: Annotated[DateFormat, typer.Option("--format", help="text: the EDTF on stdout, how it reads on stderr; "
                                            "json: both on stdout.")] = DateFormat.text,
) -> None:
    """Show the EDTF of a date as people type it, and how it reads.

    Reads what --from and --to read: EDTF, written dates, quarters (Q3 2025 is the interval 2025-07/2025-09),
    Japanese dates and era years (令和7年5月), and c., approx., 頃, ごろ as ~ and ?, 推定 as ?; what it prints types
    back (500 B.C., 紀元前500年, the 1990s, 1990年代). A time needs its zone: ET, PT, JST take the offset their
    zone had that day; EDT, EST, BST are their fixed offset and are refused out of season (BST in January); a time
    daylight saving skipped or repeated is refused. A year typed with a minus (-2025) is refused as a likely slip:
    type 2026 B.C. (EDTF's padded -0499 is read). The EDTF goes to
    stdout, ready for an event file; its precision, first and last day and what was assumed go to stderr in
    --lang. Exit 1 when the text cannot be read as a date, with why (in --lang) and the forms that can.
    """
    from ..dates import DateError
    from ..dates.human import read_date
    from ..dates.messages import in_language
    from ..render import reading as words

    try:
        reading = read_date(text)
    except DateError as error:
        message, hint = in_language(error, lang.value, text)
        if fmt is DateFormat.json:
            sys.stdout.write(words.unreadable_json(text, message, hint))
        report_error(message, hint)
        raise typer.Exit(int(ExitCode.INVALID)) from None
    if fmt is DateFormat.json:
        sys.stdout.write(words.reading_json(reading, lang.value))
        return
    sys.stdout.write(reading.edtf + "\n")
    for line in words.explain_reading(reading, lang.value):
        say(line)
