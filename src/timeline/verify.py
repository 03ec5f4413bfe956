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

from .errors import PROBLEM_CODES, Problem
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
    def read(cls, path: Path) -> _Archive:
        text = normalize_quote_text(path.read_bytes().decode("utf-8", "replace"))
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        return cls(path.name, text, matcher)

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
        return _Archive.read(path)
    except OSError as error:
        return _problem(source.where, "archive-missing", f"source '{source.id}': cannot read archive {path}: "
                        f"{error.strerror or error}", "check --archive DIR and the `archive:` file name")


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
