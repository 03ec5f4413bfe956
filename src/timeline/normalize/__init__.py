"""Event files -> the one canonical YAML form (`timeline docs normalize`), idempotent, keeping every comment.

Nothing is trusted: the output must validate to the same timeline as the input (up to the documented
NFC), keep every comment and normalize to itself, or `UnsafeNormalizeError` is raised and nothing is written.

The work goes in three steps, so that a large file is held in one form at a time (on 100 000 events the
peak is that of `timeline validate`, under half of what a plain `yaml.load` of the file takes):
1. read and validate the files (errors only: editorial warnings never stop a rewrite);
2. write each file's canonical text from its values, event by event, compared with the input as it goes
   (nothing is kept while they match, the usual case in CI); each file's values go once it is written;
3. only when a text changed: fingerprint the model (check.py) and let it go, read the texts back, validate
   them and compare fingerprints, then write each again, which must give the same text.

Layout: scalars.py (how a value is written), build.py (the canonical order of the units), comments.py
(where each comment goes), write.py (the text), check.py (what "the same" means); document.py (plain values ->
a canonical file, for import), entry.py (one event written into its place in a file, for add).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidDataError, Severity, UnsafeNormalizeError
from ..fileio import changed_since_read, output_destination, write_output
from ..load import LoadedFile, collector_paused, load_bytes, load_text, read_bytes
from ..model import Timeline
from ..validate import validate
from .check import canonical_timeline, fingerprint
from .scalars import format_scalar, is_plain_safe
from .write import rewrite

__all__ = ["Change", "canonical_timeline", "format_scalar", "is_plain_safe", "normalize_files",
           "normalize_text", "unified_diff", "write_changes"]


_BUG = "the file is left untouched (a bug in timeline normalize: please report it)"


# -- the public API ----------------------------------------------------------------------------------------

def normalize_text(text: str, file: str = "<text>") -> str:
    """The canonical form of one event file's text (a leading BOM and the line-ending style are kept).

    Raises InvalidDataError with validate's errors when the text is not a valid event file, and
    UnsafeNormalizeError if the result would not read back the same (a bug, never expected).
    """
    bom = text.startswith("\ufeff")
    loaded = load_text(text[1:] if bom else text, file)
    loaded.bom = bom
    canonical = _normalize([loaded])[0]
    return text if canonical is None else canonical


@dataclass(frozen=True, slots=True)
class Change:
    """One file's bytes as read and in canonical form; `changed` when they differ."""

    path: Path
    before: bytes
    after: bytes

    @property
    def changed(self) -> bool:
        return self.before != self.after


def normalize_files(paths: Sequence[str | Path]) -> list[Change]:
    """Normalize files in memory, validated together (ids and references may span files). Writes nothing.

    Raises FileAccessError (unreadable file), FileChangedError (a file saved meanwhile), InvalidDataError
    (validate's errors) or UnsafeNormalizeError.
    """
    loaded, digests = [], []
    for path in paths:
        data = [read_bytes(path)]
        digests.append(hashlib.sha256(data[0]).digest())
        loaded.append(load_bytes(data.pop(), str(path)))  # the loader gets the only reference to the bytes
    texts = _normalize(loaded)
    changes = []
    for index, (path, digest) in enumerate(zip(paths, digests)):
        after = None if texts[index] is None else texts[index].encode("utf-8")
        texts[index] = None  # encoded: the text goes before the bytes are read again (peak memory)
        # The bytes are read again rather than kept throughout (a large file would be held twice); they must
        # be those read at first, or an edit saved meanwhile would be lost.
        before = read_bytes(path)
        if hashlib.sha256(before).digest() != digest:
            raise changed_since_read(path)
        changes.append(Change(Path(path), before, before if after is None else after))
    return changes


def write_changes(changes: Sequence[Change], *, force: bool = False) -> list[Change]:
    """Rewrite each changed file in place by the write policy (fileio/); return those written.

    Each is replaced atomically, keeping its owner, group, mode and symlink. Every file is checked first, so a
    refusal (a read-only or hard-linked file, an owner that cannot be kept: `force` overrides; not a regular
    file) writes none of them. A file that no longer holds the bytes it was normalized from (saved in an editor
    meanwhile) is not overwritten: FileChangedError (exit 2), with the files before it written and those after
    it not.
    """
    written = [change for change in changes if change.changed]
    for change in written:
        output_destination(change.path, force=force, in_place=True)
    for change in written:
        write_output(change.path, change.after, force=force, expected=change.before)
    return written


_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")  # only \n ends a line, as in editors and patch


def unified_diff(change: Change) -> str:
    """A unified diff (a/ and b/ prefixes, like git) from the file as read to its canonical form."""
    name = change.path.as_posix().lstrip("/")
    before = _LINES.findall(change.before.decode("utf-8-sig"))
    after = _LINES.findall(change.after.decode("utf-8-sig"))
    lines = []
    for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


# -- the three steps ---------------------------------------------------------------------------------------

def _normalize(loaded: list[LoadedFile]) -> list[str | None]:
    """Each file's canonical text (BOM and line-ending style kept), or None where the file is canonical.

    Takes the caller's references: `loaded` is emptied as the files are written, so each file's values can go.
    """
    # The model is kept while the files are written (the values, held anyway, weigh more) and fingerprinted only
    # when a text changed: a canonical file, what CI checks on every commit, needs no fingerprint.
    timeline = _validated(loaded)
    written = [_write(loaded.pop(0)) for _ in range(len(loaded))]
    if not any(item.changed for item in written):
        return [None] * len(written)
    expected = fingerprint(timeline, nfc=True)
    del timeline  # fingerprinted: the model goes before the texts are read back (peak memory)
    texts = _checked(written, expected)
    return [_as_input(text, item) if item.changed else None for text, item in zip(texts, written)]


def _validated(loaded: list[LoadedFile]) -> Timeline:
    with collector_paused():
        timeline, problems = validate(loaded, editorial=False)  # editorial checks only warn: not normalize's
    # Not only "no errors": a file read but for its syntax errors (cut out, load.LoadedFile.unread) is never written
    # back as if whole, whatever the problems say.
    if timeline is None or not all(file.complete for file in loaded):
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR])
    return timeline


@dataclass(slots=True, eq=False)
class _Written:
    """One file's canonical text (\\n line breaks, no BOM) and what checking it needs."""

    file: str
    bom: bool
    crlf: bool
    changed: bool
    text: str | None  # the canonical text, when it is the input's (until checked)
    encoded: bytearray | None  # else the canonical text in UTF-8 (until checked)
    comments: int  # the comments it will read back as


class _Compared:
    """Takes the pieces of a canonical text, comparing them with `text`: nothing is kept while they match.

    Once they differ, the text is kept in UTF-8 (a third of a Python string holding an emoji, which takes four
    bytes a character) in one buffer, which is decoded without a copy of it being joined first.
    """

    def __init__(self, text: str, same: bool = True):
        self.text, self.same, self.position = text, same, 0
        self.encoded = bytearray()

    def take(self, piece: str) -> None:
        if self.same:
            if self.text.startswith(piece, self.position):
                self.position += len(piece)
                return
            self.differ()
        self.encoded += piece.encode("utf-8")

    def differ(self) -> None:
        self.same = False
        self.encoded += self.text[:self.position].encode("utf-8")  # what matched so far

    def finish(self) -> bool:
        """Whether the canonical text is `text`."""
        if self.same and self.position != len(self.text):
            self.differ()
        return self.same


def _write(loaded: LoadedFile) -> _Written:
    """Write one valid file. Takes the caller's only reference, so its values go as soon as they are written."""
    file, bom, text, root = loaded.file, loaded.bom, loaded.text, loaded.root
    del loaded
    first_break = text.find("\n")
    crlf = first_break > 0 and text[first_break - 1] == "\r"
    same = True
    if "\r" in text:  # positions and comment scanning assume \n line breaks; YAML reads \r\n and \r the same
        same = crlf and text.count("\r\n") == text.count("\r") == text.count("\n")  # \r\n only: kept as it is
        text, root = text.replace("\r\n", "\n").replace("\r", "\n"), None
        root = load_text(text, file).root
    output = _Compared(text, same)
    _, comments = rewrite(text, root, output.take)
    if output.finish():
        return _Written(file, bom, crlf, False, text, None, comments)
    return _Written(file, bom, crlf, True, None, output.encoded, comments)


def _checked(written: list[_Written], expected: bytes) -> list[str]:
    """The canonical texts, once they are known to validate to the input's timeline, keep every comment and
    are their own canonical form; else UnsafeNormalizeError."""
    files = [item.file for item in written]
    texts = []
    for item in written:
        texts.append(item.encoded.decode("utf-8") if item.changed else item.text)
        item.text = item.encoded = None
    reloaded = [load_text(text, file) for text, file in zip(texts, files)]
    after = _revalidated(reloaded, files)
    if fingerprint(after, nfc=False) != expected:
        raise UnsafeNormalizeError(f"{', '.join(files)}: the normalized text would not mean the same; {_BUG}")
    del after  # compared: from here only the texts and their values are needed (peak memory)
    for loaded, item in zip(reloaded, written):
        again = _Compared(loaded.text)
        found, _ = rewrite(loaded.text, loaded.root, again.take)
        loaded.root = None
        if found != item.comments:
            raise UnsafeNormalizeError(f"{loaded.file}: the normalized text would have {found} comment(s) instead "
                                       f"of {item.comments}; {_BUG}")
        if not again.finish():
            raise UnsafeNormalizeError(f"{loaded.file}: normalizing twice would not give the same text; {_BUG}")
    return texts


def _revalidated(reloaded: list[LoadedFile], files: list[str]) -> Timeline:
    with collector_paused():
        after, problems = validate(reloaded)
    if after is None:
        first = next(p for p in problems if p.severity is Severity.ERROR)
        raise UnsafeNormalizeError(f"{', '.join(files)}: the normalized text would not validate ({first}); {_BUG}")
    return after


def _as_input(text: str, written: _Written) -> str:
    """A canonical text with the input's line breaks and BOM."""
    if written.crlf:
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if written.bom else text
