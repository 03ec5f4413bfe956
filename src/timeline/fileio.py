"""Writing files so that a crash, a kill or a full disk never leaves a half-written or missing file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import FileAccessError


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same directory and an atomic rename.

    A symlink is followed, so the link stays a link and its target is replaced; the target's permission
    bits are kept. On any failure the original is untouched and the temporary file is removed.
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
        os.replace(temp, target)
    except BaseException as error:  # KeyboardInterrupt too: never leave the temporary file behind
        _remove(temp)
        if isinstance(error, OSError):
            raise FileAccessError(f"{path}: cannot write: {error.strerror or error}") from None
        raise


def _remove(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
