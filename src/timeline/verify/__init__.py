"""Checking every quote against the archived text of its source article.

A quote must appear in the article as compared (normal.py; `timeline docs verify`): NFC, width forms folded,
white space ignored next to Japanese and one space elsewhere, invisible characters dropped, and nothing else.
No case folding and no quotation-mark folding: a verbatim quote keeps the article's own characters, typos and
odd letters included.

Archives are read as UTF-8 only (a UTF-8 byte-order mark is fine). Anything else is reported once, at the
source, with the encoding it seems to be in and how to convert it, and its quotes are not checked: a guessed
decoding would make every quote a miss and every "closest passage" garbage.

A miss is reported with the closest passage, found in time near-linear in the article's length, as the archive
has it, with what differs marked (`[-article-]{+quote+}`) and named when it is a common case.

Layout: archive.py (reading an archive: the folder boundary, the size cap, UTF-8 or the encoding named),
normal.py (the compared form, and the way back to the archive's text), passage.py (the closest passage),
alignment.py (the quote aligned against it), explain.py (the marked passage and the reasons); here, the check and
its problems.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import PROBLEM_CODES, Problem, UsageError, shown
from ..model import Citation, Source, Timeline, Where
from .alignment import align
from .archive import NotUtf8, OutsideArchive, decode_archive, read_archived
from .explain import marked, reasons, slide
from .normal import Folded, fold, normalize_quote_text
from .passage import SHOWN, Article, excerpt

__all__ = ["ENCODING_CODE", "NotUtf8", "decode_archive", "fold", "normalize_quote_text", "read_archived",
           "verify_quotes"]

# An archive that is not UTF-8: one problem for the archive, naming the encoding it seems to be in.
ENCODING_CODE = "archive-encoding"
_MARKS = "[-…-] is the article's text, {+…+} the quote's"


class _Empty(Exception):
    """An archive holding no text."""


def _read_article(folder: Path, name: str) -> Article:
    folded = fold(decode_archive(read_archived(folder, name)))
    if not folded.text:
        raise _Empty(name)  # a download that failed: every quote would be a miss with nothing to show
    return Article(Path(name).name, folded.text, folded)


def _problem(where: Where, code: str, message: str, hint: str) -> Problem:
    return Problem(where.file, where.line, where.column, code, message, hint, PROBLEM_CODES[code][0])


def verify_quotes(timeline: Timeline, archive_dir: str | Path) -> list[Problem]:
    """Every citation (events and dispute claims) whose quote is not in its archived article; an archive that
    cannot be read is one problem at its source, and its quotes are not checked."""
    if Path(archive_dir).is_symlink():
        # A link named like the archive folder could point anywhere (`archive -> /`), and verify prints what it
        # reads; a pull request can add such a link. Whoever really keeps the articles elsewhere names that folder.
        raise UsageError(f"the archive folder {archive_dir} is a symbolic link; give the folder it points to "
                         "instead (--archive DIR)")
    opened: dict[str, Article | Problem] = {}  # by source: each source's own problem, at its own line
    read: dict[str, Article | Exception] = {}  # by archive file: two sources citing one file share one index
    problems: list[Problem] = []
    for event in timeline.events:
        for citation in event.all_citations():
            source = timeline.sources[citation.source]
            if source.id not in opened:
                opened[source.id] = _open(source, Path(archive_dir), read)
                if isinstance(opened[source.id], Problem):
                    problems.append(opened[source.id])
            article = opened[source.id]
            if isinstance(article, Article):
                problems += _check(citation, article)
    return problems


def _open(source: Source, archive_dir: Path, read: dict[str, Article | Exception]) -> Article | Problem:
    if source.archive is None:
        return _problem(source.where, "no-archive", f"source '{shown(source.id)}' has no archive file, so its "
                        "quotes cannot be verified", "save a copy of the article and name it in `archive:`")
    if source.archive not in read:
        try:
            read[source.archive] = _read_article(archive_dir, source.archive)
        except (OutsideArchive, _Empty, NotUtf8, OSError) as error:
            read[source.archive] = error
    result = read[source.archive]
    return result if isinstance(result, Article) else _unreadable(source, archive_dir / source.archive, result)


def _unreadable(source: Source, path: Path, error: Exception) -> Problem:
    what = f"source '{shown(source.id)}': archive {shown(str(path), 160)}"
    if isinstance(error, OutsideArchive):
        return _problem(source.where, "bad-archive", f"{what} leads outside the archive folder (a symbolic link, or "
                        "a hard link: another name for a file kept elsewhere)",
                        "keep a copy of the article itself, as a file of its own, in the archive folder")
    if isinstance(error, _Empty):
        return _problem(source.where, "archive-missing", f"{what} is empty (or only white space), so its quotes "
                        "are not checked", "save the article's text in it again")
    if isinstance(error, NotUtf8):
        return _problem(source.where, ENCODING_CODE, f"{what} is not UTF-8: {error.found}; its quotes are not "
                        "checked", _conversion_hint(error, path))
    assert isinstance(error, OSError)  # what _open catches
    return _problem(source.where, "archive-missing", f"{what}: cannot read it: {error.strerror or error}",
                    "check --archive DIR and the `archive:` file name")


def _conversion_hint(error: NotUtf8, path: Path) -> str:
    # the path goes into a command to copy and paste: only when it needs no quoting for a shell
    name = str(path) if re.fullmatch(r"[\w./+-]{1,80}", str(path), re.ASCII) else "FILE"
    if error.damaged:
        return (f"fix or remove the bytes that are not UTF-8 (`iconv -c -f UTF-8 -t UTF-8 {name} > {name}.utf8` "
                "drops them), then check the quotes near them")
    source = error.source or "ENCODING"
    return (f"archived articles are read as UTF-8: convert it, e.g. `iconv -f {source} -t UTF-8 {name} > "
            f"{name}.utf8 && mv {name}.utf8 {name}`" + ("" if error.source else ", with the encoding it was saved in"))


def _check(citation: Citation, article: Article) -> list[Problem]:
    quote = fold(citation.quote)
    if not quote.text.strip():
        # Only characters the comparison ignores (U+00AD, U+2060, white space): "" is in every article, and a
        # quote that shows nothing must never pass as found.
        return [_problem(citation.where, "quote-not-found",
                         f"the quote has nothing to look for in {shown(article.name)}: it is only invisible or "
                         "white-space characters", "copy the passage from the article")]
    if quote.text in article.text:
        return []
    message, hint = _miss(quote, article)
    return [_problem(citation.where, "quote-not-found",
                     f"quote not found in {shown(article.name)}: \"{shown(_as_typed(quote), 80)}\"; {message}", hint)]


def _as_typed(quote: Folded) -> str:
    """The quote as the data has it (its width forms and all), on one line."""
    return quote.source_text(0, len(quote.text))


def _miss(quote: Folded, article: Article) -> tuple[str, str]:
    """What a quote that is not in the article is told: what differs in the closest passage, marked and named,
    or, when no passage is even half the same, the closest passage as it is."""
    found = article.closest(quote.text)
    if not found.likeness:
        return "no passage of the article shares a character with it", _HINT
    alignment = align(quote.text, article.text, found)
    if not alignment.changes or 2 * alignment.equal < alignment.reached:
        return (f"closest passage ({found.likeness:.0%} alike): "
                f"\"{excerpt(article.text, found, source=article.source)}\"", _HINT)
    changes = slide(alignment, quote.text, article.text)
    named = reasons(changes, quote.text, article.text, alignment.complete)
    passage, left = marked(changes, quote, article.source, SHOWN)
    more = " (more differences further on)" if not alignment.complete else \
        f" ({left} more difference(s) further on)" if left else ""
    message = "; ".join(reason.message for reason in named)
    hint = "; ".join(dict.fromkeys(reason.hint for reason in named))
    return f"{message}; closest passage: \"{passage}\"{more}", f"{hint} ({_MARKS})"


_HINT = "copy the passage from the article again, character for character"
