"""Writing files so that a crash, a kill or a full disk never leaves a half-written or missing file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import FileAccessError


def write_atomic(path: str | Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same directory and an atomic rename.

    A symlink is followed, so the link stays a link and its target is replaced; the target's permission
    bits are kept. On any failure (a full disk, Ctrl-C, SIGTERM) the original is untouched and the temporary
    file is removed.

    `expected` is what the caller read from `path` before computing `data` (rewriting in place): when the file
    no longer holds exactly those bytes, someone saved it in between, and FileChangedError is raised with
    nothing written, rather than throwing their edit away. The check runs just before the rename, so the window
    left is the rename itself.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise FileAccessError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise FileAccessError(f"{path}: cannot write in {target.parent}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if expected is not None:
            _check_unchanged(path, target, expected)
        os.replace(temp, target)
    except BaseException as error:  # KeyboardInterrupt too: never leave the temporary file behind
        _remove(temp)
        if isinstance(error, OSError):
            raise FileAccessError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
    _sync_directory(target.parent)


class FileChangedError(FileAccessError):
    """The file changed on disk between being read and being rewritten; nothing was written."""


def _check_unchanged(path: str | Path, target: Path, expected: bytes) -> None:
    try:
        with open(target, "rb") as handle:
            current = handle.read(len(expected) + 1)
    except FileNotFoundError:
        current = None
    if current != expected:
        raise changed_since_read(path, "was deleted" if current is None else "changed")


def changed_since_read(path: str | Path, what: str = "changed") -> FileChangedError:
    """The error for a file that no longer holds what was read from it (`what`: "changed", "was deleted")."""
    return FileChangedError(f"{path}: the file {what} since it was read (saved in an editor?); "
                            "nothing was written: run the command again")


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, since some file systems refuse it."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _remove(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
