"""Checking every quote against the archived text of its source article.

A quote must appear in the article after Unicode NFC and whitespace normalisation (runs of spaces, tabs,
line breaks and ideographic spaces count as one space), and nothing else: no case folding, no width
folding, because a verbatim quote keeps the article's own characters, typos and odd letters included.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from .errors import PROBLEM_CODES, Problem, UsageError
from .model import Citation, Source, Timeline, Where

_SPACE = re.compile(r"\s+")
CONTEXT = 20  # characters shown around the closest passage


def normalize_quote_text(text: str) -> str:
    """The form in which quotes and articles are compared."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass
class _Archive:
    """One article's normalised text, with a matcher indexed once for closest-passage searches."""

    name: str
    text: str
    matcher: SequenceMatcher

    @classmethod
    def read(cls, folder: Path, name: str) -> _Archive:
        text = normalize_quote_text(read_archived(folder, name).decode("utf-8", "replace"))
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        return cls(Path(name).name, text, matcher)

    def closest(self, quote: str) -> tuple[str, float]:
        """The passage of the article most like the quote, and how alike they are (0..1)."""
        self.matcher.set_seq1(quote)
        match = self.matcher.find_longest_match(0, len(quote), 0, len(self.text))
        start = max(0, match.b - match.a)
        passage = self.text[start:start + len(quote)]
        return passage, SequenceMatcher(None, quote, passage, autojunk=False).ratio()


def _problem(where: Where, code: str, message: str, hint: str) -> Problem:
    return Problem(where.file, where.line, where.column, code, message, hint, PROBLEM_CODES[code][0])


def verify_quotes(timeline: Timeline, archive_dir: str | Path) -> list[Problem]:
    """Every citation (events and dispute claims) whose quote is not in its archived article."""
    if Path(archive_dir).is_symlink():
        # A link named like the archive folder could point anywhere (`archive -> /`), and verify prints what it
        # reads; a pull request can add such a link. Whoever really keeps the articles elsewhere names that folder.
        raise UsageError(f"the archive folder {archive_dir} is a symbolic link; give the folder it points to "
                         "instead (--archive DIR)")
    archives: dict[str, _Archive | Problem | None] = {}
    problems: list[Problem] = []
    for event in timeline.events:
        for citation in event.all_citations():
            source = timeline.sources[citation.source]
            if source.id not in archives:
                archives[source.id] = _open(source, Path(archive_dir))
                if isinstance(archives[source.id], Problem):
                    problems.append(archives[source.id])
            archive = archives[source.id]
            if isinstance(archive, _Archive):
                problems += _check(citation, archive)
    return problems


def _open(source: Source, archive_dir: Path) -> _Archive | Problem:
    if source.archive is None:
        return _problem(source.where, "no-archive", f"source '{source.id}' has no archive file, so its quotes "
                        "cannot be verified", "save a copy of the article and name it in `archive:`")
    path = archive_dir / source.archive
    try:
        return _Archive.read(archive_dir, source.archive)
    except _OutsideArchive:
        return _problem(source.where, "bad-archive", f"source '{source.id}': archive {path} leads outside the "
                        "archive folder (a symbolic link)", "keep the article itself, as a file, in the archive folder")
    except OSError as error:
        return _problem(source.where, "archive-missing", f"source '{source.id}': cannot read archive {path}: "
                        f"{error.strerror or error}", "check --archive DIR and the `archive:` file name")


class _OutsideArchive(Exception):
    """An archive name that resolves (through a symbolic link) to a place outside the archive folder."""


def read_archived(folder: Path, name: str) -> bytes:
    """The bytes of the archived article `name`, read only from a regular file inside `folder`.

    The boundary matters because `verify` prints passages of what it reads, and runs on pull requests: an
    archive entry that is a link to `/proc/self/environ` or `../.git/config` would put secrets in a public log.
    Links are resolved and must stay inside the folder; what is read must be a regular file (a FIFO or a device
    could block or never end; it is opened non-blocking and refused); and at most the size cap is read.
    """
    import os
    import stat

    from .load import max_bytes

    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, target]) != root:
        raise _OutsideArchive(name)
    handle = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as opened:
        if not stat.S_ISREG(os.fstat(opened.fileno()).st_mode):
            raise OSError(0, "not a regular file (archived articles are plain text files)")
        data = opened.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise OSError(0, f"larger than the size cap of {max_bytes()} bytes (TIMELINE_MAX_BYTES)")
    return data


def _check(citation: Citation, archive: _Archive) -> list[Problem]:
    quote = normalize_quote_text(citation.quote)
    if quote in archive.text:
        return []
    passage, likeness = archive.closest(quote)
    start = archive.text.find(passage)
    before = archive.text[max(0, start - CONTEXT):start]
    return [_problem(citation.where, "quote-not-found",
                     f"quote not found in {archive.name}: \"{_shorten(quote)}\"; closest passage "
                     f"({likeness:.0%} alike): \"…{before}{passage}…\"",
                     "copy the passage from the article again, character for character")]


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
