"""Files -> bytes -> text: the size cap, one read of each file, and the encodings refused before any YAML is read."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from ..errors import FileAccessError, Problem, UsageError

MAX_BYTES = 256 * 1024 * 1024  # default size cap; TIMELINE_MAX_BYTES overrides it per run
_WIDE = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def max_bytes() -> int:
    """The size cap in force: TIMELINE_MAX_BYTES when set, else MAX_BYTES."""
    value = os.environ.get("TIMELINE_MAX_BYTES", "").strip()
    if not value:
        return MAX_BYTES
    if not value.isdigit():
        raise UsageError(f"TIMELINE_MAX_BYTES={value!r} is not a whole number of bytes")
    return int(value)


# What was read from each name that is no regular file (a pipe: `-f <(git show HEAD:events.yaml)`), kept for the
# rest of the run: it cannot be read a second time, and internal.withhold must see the very bytes validation read
# to know which problems lie inside an internal note or a private source.
_STREAMED: dict[str, bytes] = {}


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS errors into `FileAccessError` and refusing absurd sizes up front.

    A named pipe is opened without waiting for a writer (which would wait forever when there is none): a pipe
    with a writer (`-f <(git show HEAD:events.yaml)`) is read as it comes, one without is a FileAccessError.
    What a pipe gave is kept for `read_again`.
    """
    try:
        with open(path, "rb", opener=_opener) as handle:
            data = handle.read(max_bytes() + 1)
            mode = os.fstat(handle.fileno()).st_mode
            if not data and stat.S_ISFIFO(mode):
                raise FileAccessError(f"{path}: a pipe (FIFO) with nothing in it: no program is writing to it")
            if not stat.S_ISREG(mode):
                _STREAMED[str(path)] = data
    except FileNotFoundError:
        raise FileAccessError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileAccessError(f"{path}: is a directory, not an event file") from None
    except OSError as error:
        raise FileAccessError(f"{path}: cannot read: {error.strerror or error}") from None
    return data


def read_again(name: str) -> bytes | None:
    """The bytes of the file shown as `name` once more: what a pipe gave when it was read, else the file read again
    if it is a regular file; None when neither can be had (anything else, or a file gone)."""
    data = _STREAMED.get(name)
    if data is None and Path(name).is_file():
        try:
            data = read_bytes(name)
        except FileAccessError:
            return None
    return data


def _opener(path: str, flags: int) -> int:
    """os.open without blocking on a FIFO that no one writes to; reads block again once it is open."""
    if not hasattr(os, "O_NONBLOCK"):  # Windows: no FIFOs to wait for
        return os.open(path, flags)
    descriptor = os.open(path, flags | os.O_NONBLOCK)
    try:
        os.set_blocking(descriptor, True)
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


def distinct_files(paths: Sequence[str | Path]) -> list:
    """`paths` without repeats of a file already listed, by device and inode: `m.yaml` and `$PWD/m.yaml`, a
    symlink or a hard link to it are one file, read once under the name first given (read twice, every id in it
    would be defined twice). A path that cannot be looked at is kept as it is: reading it says why."""
    seen, kept = set(), []
    for path in paths:
        try:
            status = os.stat(path)
            identity: tuple = (status.st_dev, status.st_ino) if status.st_ino else ("name", os.fspath(path))
        except (OSError, ValueError):  # missing, unreadable, a NUL in the name
            identity = ("name", os.fspath(path))
        if identity not in seen:
            seen.add(identity)
            kept.append(path)
    return kept


def too_large(data: bytes, file: str) -> Problem | None:
    """The problem to report when `data` is over the size cap in force, else None."""
    limit = max_bytes()
    if len(data) <= limit:
        return None
    return Problem(file, 1, 1, "too-large", f"file is larger than {limit} bytes",
                   "split the file, or raise TIMELINE_MAX_BYTES if this size is intended")


def decoded(data: bytes, file: str) -> str | Problem:
    """The text of UTF-8 `data` (without a BOM), or the problem to report when it is not UTF-8 text (one
    decoding for both: a large file is not decoded twice)."""
    for bom, name in _WIDE:
        if data.startswith(bom):
            return Problem(file, 1, 1, "encoding", f"file is {name}, not UTF-8", "save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = byte_position(data, nul)
        return Problem(file, line, column, "encoding", "the file contains NUL bytes: it is probably UTF-16 or binary",
                       "save the file as UTF-8 text")
    try:
        text = data.decode("utf-8")  # not utf-8-sig: its error offsets do not count the BOM
        return text[1:] if text.startswith("\ufeff") else text
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        bad = data[error.start:error.end].hex(" ")
        return Problem(file, line, column, "encoding", f"invalid UTF-8 byte(s) {bad}",
                       "save the file as UTF-8 (Shift_JIS and Latin-1 files must be converted)")


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of byte `offset` of UTF-8 `data`, counting characters, not bytes."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
