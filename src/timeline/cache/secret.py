"""The secret key that signs the cache's entries: outside the cache directory, this user's only.

`$XDG_STATE_HOME/timeline/cache-key` (store.key_file): 64 hex digits and a newline, made with mode 0600, complete
before it is linked into place, and never replacing one. A key that is not a regular file of this user's, or that
anyone else may read or write, is refused (Refused), which means no cache, never an error.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

SECRET_BYTES = 32
# How the cache's files are opened (never through a link, never waiting on a FIFO) and created (never over one).
OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """The key cannot be trusted, or cannot be made: no cache for this run."""


def signing_key(path: Path, *, create: bool) -> bytes | None:
    """The key; None when there is none yet and `create` is false. Raises Refused when it cannot be used."""
    try:
        return _read_secret(path)
    except FileNotFoundError:
        if not create:
            return None
    try:
        return _make_secret(path)
    except OSError:
        raise Refused from None


def _read_secret(path: Path) -> bytes:
    """The key file's 32 bytes (64 hex digits and a newline), if it is a regular file of ours that only we can use."""
    try:
        descriptor = os.open(path, OPEN)  # a link is refused (ELOOP), a FIFO cannot block
    except FileNotFoundError:
        raise
    except OSError:
        raise Refused from None
    try:
        info = os.fstat(descriptor)
        text = os.read(descriptor, 2 * SECRET_BYTES + 2)
    except OSError:
        raise Refused from None
    finally:
        os.close(descriptor)
    if (not stat.S_ISREG(info.st_mode) or info.st_uid != _uid() or info.st_mode & 0o077
            or re.fullmatch(rb"[0-9a-f]{%d}\n" % (2 * SECRET_BYTES), text) is None):
        raise Refused
    return bytes.fromhex(text[:-1].decode("ascii"))


def _uid() -> int:
    if not hasattr(os, "geteuid"):  # no owner to check (Windows): no cache rather than an unchecked key
        raise Refused
    return os.geteuid()


def _make_secret(path: Path) -> bytes:
    """A new random key, written whole to a private temporary file, then linked into place: never replacing a
    key another run made first (that one is used), and never seen half-written."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".cache-key.{os.getpid()}.{os.urandom(8).hex()}")
    descriptor = os.open(temporary, CREATE, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(os.urandom(SECRET_BYTES).hex().encode("ascii") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
    return _read_secret(path)
