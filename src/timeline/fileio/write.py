"""Writing by the policy (fileio/): into a stream, into a special file, or an atomic replace of a regular file
(a temporary file beside it, fsynced, given the old file's owner, group and mode, renamed over it) that no
failure or signal leaves half done.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import FileAccessError, WriteRefusedError, terminating_signals
from .policy import (SPECIAL, STREAM, STREAM_NAMES, Destination, cannot_write, changed_since_read, output_destination,
                     owner_refusal)


def write_output(path: str | os.PathLike, data: bytes | Iterable[bytes], *, inputs: Sequence[str | os.PathLike] = (),
                 force: bool = False, expected: bytes | None = None) -> Destination:
    """Write `data` to `path` by the policy (fileio/) and return where it went.

    `data` may be byte strings in pieces, written one after another: a long web page is 2 000 pieces and 23 MB
    (220 MB at 100k events), and joining them first was one more copy of it. A regular file takes each piece as
    it comes, so a piece can be made, written and let go while the next is made: the pieces go to the temporary
    file, which is named only once all of them are in it, so a failure while making one (any exception the
    iterator raises) leaves the old file as it was. A stream or a special file has no temporary file: there the
    pieces are all made before the first is written, so such a failure writes nothing there either.

    `expected` is what the caller read from `path` before computing `data` (a rewrite in place): when the file no
    longer holds exactly those bytes, someone saved it in between, and FileChangedError is raised with nothing
    written. The check runs just before the rename, so the window left is the rename itself.
    """
    destination = output_destination(path, inputs=inputs, force=force, in_place=expected is not None)
    if destination.kind in (STREAM, SPECIAL):
        data = _made_whole(data)
    if destination.kind == STREAM:
        write_stream(destination.fd, data)
        written.append(STREAM_NAMES[destination.fd])
    elif destination.kind == SPECIAL:
        _write_into(destination, data)
        written.append(destination.path)
    else:
        _write_replacing(destination, data, expected=expected, force=force)
    return destination


# Each output this process has written in full, in order (a regular file from the moment its new content has its
# name): a signal that ends the command after that, while the folder is synced or the last line said, is no longer
# a failure to write it, and the CLI's last line says so. The CLI empties it as a command starts; a library caller
# that writes on and on keeps the latest 64.
written: deque[str] = deque(maxlen=64)


def write_atomic(path: str | Path, data: bytes, *, expected: bytes | None = None) -> None:
    """`write_output` with no inputs and no `force` (the name this module had before the policy)."""
    write_output(path, data, expected=expected)


def write_stream(fd: int, data: bytes | Iterable[bytes]) -> None:
    """Write bytes to stdout (fd 1) or stderr (2) through `sys.stdout`/`sys.stderr`, after what they hold."""
    name = STREAM_NAMES[fd]
    stream = sys.stdout if fd == 1 else sys.stderr
    if stream is None:
        raise FileAccessError(f"cannot write to {name}: it is closed")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream (a test's StringIO)
            stream.write(b"".join(_chunks(data)).decode("utf-8"))
            stream.flush()
            return
        stream.flush()
        for chunk in _chunks(data):
            buffer.write(chunk)
        buffer.flush()
    except OSError as error:
        raise FileAccessError(f"cannot write to {name}: {error.strerror or error}") from None


# -- writing ------------------------------------------------------------------------------------------------------

def _chunks(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    return (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data


def _made_whole(data: bytes | Iterable[bytes]) -> Sequence[bytes]:
    """Every piece of `data`, made before any is written (see write_output)."""
    chunks = _chunks(data)
    return chunks if isinstance(chunks, Sequence) else tuple(chunks)


def _write_into(destination: Destination, data: bytes | Iterable[bytes]) -> None:
    """Rule 4: open the special file as it is (no O_CREAT, no O_TRUNC) and write; a FIFO without a reader fails."""
    name, found = destination.path, destination.status
    if stat.S_ISSOCK(found.st_mode):
        return _send_to_socket(name, data)
    try:
        fd = os.open(name, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ENXIO and stat.S_ISFIFO(found.st_mode):
            raise FileAccessError(f"{name}: is a FIFO that nobody is reading: nothing was written "
                                  "(start its reader first)") from None
        raise cannot_write(name, error) from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a regular file since: opened, but nothing written
            raise FileAccessError(f"{name}: changed while being written; nothing was written: run again")
        os.set_blocking(fd, True)
        for chunk in _chunks(data):
            write_all(fd, chunk)
    except OSError as error:
        raise cannot_write(name, error) from None
    finally:
        os.close(fd)


def _send_to_socket(name: str, data: bytes | Iterable[bytes]) -> None:
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(name)
            for chunk in _chunks(data):
                connection.sendall(chunk)
            connection.shutdown(socket.SHUT_WR)
    except OSError as error:
        raise cannot_write(name, error) from None


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to `fd` (os.write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_replacing(destination: Destination, data: bytes | Iterable[bytes], *, expected: bytes | None,
                     force: bool) -> None:
    """Rules 5 and 6: a complete, fsynced temporary file beside the target, then a rename (or a link, for a new
    file, so that one created meanwhile is not replaced). Any BaseException removes the temporary file."""
    name, target, found = destination.path, Path(destination.target), destination.status
    temp = None
    try:
        with signals_held():  # a signal between creating the file and naming it here would leave it behind
            handle, temp = _temporary_beside(name, target)
        with os.fdopen(handle, "wb") as out:
            for chunk in _chunks(data):
                out.write(chunk)
            out.flush()
            _take_over(out.fileno(), name, found, force)
            os.fsync(out.fileno())
        if expected is not None:
            _check_unchanged(name, target, expected)
        with signals_held():  # named and recorded as one step: a signal between them would misreport the write
            if found is None:
                link_new(temp, target, name)
            else:
                os.replace(temp, target)
            written.append(name)
    except BaseException as error:  # KeyboardInterrupt and every signal too: never leave the temporary file
        if temp is not None:
            remove_quietly(temp)
        if isinstance(error, OSError):
            raise cannot_write(name, error) from None
        raise
    sync_directory(target.parent)


@contextmanager
def signals_held():
    """Hold off Ctrl-C and the signals that end the process (errors.terminating_signals) for a few steps that
    create a file and record it for clean-up: one arriving in between would leave a file no one removes. A signal
    that comes meanwhile is delivered as the block ends, where the clean-up knows of the file."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, *terminating_signals()})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _temporary_beside(name: str, target: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=temporary_prefix(target.name), suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise FileAccessError(f"{name}: cannot write in {target.parent}: {error.strerror or error}") from None


NAME_MAX = 255  # bytes in one file name, on the file systems Linux and macOS use
_TEMPORARY_EXTRA = len("..") + 8 + len(".tmp")  # mkstemp's name: the prefix, 8 random characters, the suffix


def temporary_prefix(name: str) -> str:
    """`.NAME.` for the temporary file beside NAME, the name cut (never inside a UTF-8 character) so that the whole
    temporary name fits in NAME_MAX bytes: an output named with 242 to 255 bytes (81 Japanese characters) is a
    legal name, and its temporary file must be one too."""
    raw = os.fsencode(name)
    room = NAME_MAX - _TEMPORARY_EXTRA
    if len(raw) > room:
        raw = raw[:room]
        while raw and raw[-1] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character's first byte
            raw = raw[:-1]
        if raw and raw[-1] >= 0xC0:  # that first byte, now without the rest of its character
            raw = raw[:-1]
    return f".{os.fsdecode(raw)}."


def _take_over(fd: int, name: str, found: os.stat_result | None, force: bool) -> None:
    """Give the temporary file the old file's owner, group and mode (chown first: it clears set-id bits)."""
    if found is None:
        os.fchmod(fd, 0o666 & ~_umask())
        return
    mine = os.fstat(fd)
    uid = found.st_uid if found.st_uid != mine.st_uid else -1
    gid = found.st_gid if found.st_gid != mine.st_gid else -1
    if uid != -1 or gid != -1:
        try:
            os.fchown(fd, uid, gid)
        except PermissionError:
            if not force:
                raise WriteRefusedError(owner_refusal(name, found)) from None
    os.fchmod(fd, stat.S_IMODE(found.st_mode))


def link_new(temp: str, target: Path, name: str) -> None:
    """Put a new file in place without replacing one created meanwhile: link() fails on an existing name."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise WriteRefusedError(f"{name}: a file of that name appeared while writing; nothing was written: "
                                "run again") from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(target):
            raise WriteRefusedError(f"{name}: a file of that name appeared while writing; nothing was written: "
                                    "run again") from None
        os.replace(temp, target)  # a file system without hard links: checked just before
        return
    remove_quietly(temp)


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}


def _check_unchanged(path: str | Path, target: Path, expected: bytes) -> None:
    try:
        with open(target, "rb") as handle:
            current = handle.read(len(expected) + 1)
    except FileNotFoundError:
        current = None
    if current != expected:
        raise changed_since_read(path, "was deleted" if current is None else "changed")


# -- small helpers ----------------------------------------------------------------------------------------------

def sync_directory(directory: Path) -> None:
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


def remove_quietly(temp: str) -> None:
    """Remove a temporary file of ours, if it is still there."""
    try:
        os.unlink(temp)
    except OSError:
        pass


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
