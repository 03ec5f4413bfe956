"""Writing files: one output-path policy for every command that writes (STYLE.md habit 12).

`write_output` decides from what a path IS, not from what it is called, in this order:

1. `-` is standard output (written through `sys.stdout`).
2. A regular file that is one of the command's inputs (the same file by device and inode: through any
   symlink, hard link or spelling) is refused with nothing written; for `-`, stdout redirected into an input
   (`>> events.yaml`). A terminal or FIFO named as both holds no data to destroy, so is not refused.
3. A path that is this process's stdout or stderr by inode (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`, the
   tty itself, or the file stdout is redirected to) is written through that stream, where the stream stands
   (appending under `>>`): never truncated, never renamed over.
4. A path that is not a regular file is written into, never replaced: a character device (`/dev/null`, a
   terminal), a FIFO (opened without blocking first, so that no reader is an error rather than a hang), a Unix
   stream socket (connected to). A directory is refused; so is a block device (a disk) unless `force`.
5. An existing regular file is replaced atomically: the new bytes go to a temporary file in the same directory,
   which is fsynced, given the old file's owner, group and mode, and renamed over it; on any failure or
   signal (any BaseException) the temporary file is removed and the old file is untouched. A symlink stays a
   link (its target is replaced). Refused unless `force`: a read-only file, a file with other hard links
   (`replace_refusals` says why), a file whose owner cannot be kept.
6. A path that does not exist is created the same way (a dangling symlink: its target is created), never
   replacing a file that appears meanwhile.

A rewrite in place (`expected=` the bytes read before) applies to regular files only, and is refused when the
file no longer holds those bytes (an edit saved meanwhile). `create_files` is the same policy for a set of new
files, all or none (`timeline init`).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import FileAccessError, UsageError, WriteRefusedError, terminating_signals

STDOUT = "-"
STREAM, SPECIAL, REPLACE, CREATE = "stream", "special", "replace", "create"
_STREAM_NAMES = {1: "stdout", 2: "stderr"}


@dataclass(frozen=True, slots=True)
class Destination:
    """Where the policy puts the bytes for `path`: `kind` is STREAM (`fd` 1 or 2), SPECIAL (written into),
    REPLACE (an existing regular file, `status` as found) or CREATE; `target` is the file written (links resolved)."""

    path: str
    kind: str
    target: str
    fd: int | None = None
    status: os.stat_result | None = None


def output_destination(path: str | os.PathLike, *, inputs: Sequence[str | os.PathLike] = (), force: bool = False,
                       in_place: bool = False) -> Destination:
    """Apply the policy's rules (module docstring) to `path` without writing: the Destination, or the library
    error that `write_output` would raise (UsageError, WriteRefusedError, FileAccessError). Cheap: a command calls
    it before its work, to fail fast; `write_output` applies the rules again when it writes.

    `inputs` are the files the command reads; `in_place` means rewriting the file itself (normalize).
    """
    name = os.fspath(path)
    if not name:
        raise UsageError("the output path is empty: name a file, or `-` for stdout")
    if name == STDOUT and not in_place:
        _refuse_input(name, _identity_of_fd(1, regular=True), inputs)
        return Destination(name, STREAM, name, fd=1)
    try:
        found = os.stat(name)
    except FileNotFoundError:
        return _new_file(name, in_place)
    except OSError as error:
        raise _cannot(name, error) from None
    if stat.S_ISREG(found.st_mode):  # a terminal or a FIFO that is also an input holds no data to destroy
        _refuse_input(name, (found.st_dev, found.st_ino), inputs)
    if stat.S_ISDIR(found.st_mode):
        raise WriteRefusedError(f"{name}: is a directory: name a file in it")
    if stat.S_ISREG(found.st_mode):
        if not in_place and (fd := _stream_of(found)) is not None:
            return Destination(name, STREAM, name, fd=fd)
        refusals = [] if force else replace_refusals(name, found)
        if refusals:
            raise WriteRefusedError(refusals[0])
        return Destination(name, REPLACE, os.path.realpath(name), status=found)
    return _special(name, found, force, in_place)


def write_output(path: str | os.PathLike, data: bytes, *, inputs: Sequence[str | os.PathLike] = (),
                 force: bool = False, expected: bytes | None = None) -> Destination:
    """Write `data` to `path` by the policy (module docstring) and return where it went.

    `expected` is what the caller read from `path` before computing `data` (a rewrite in place): when the file no
    longer holds exactly those bytes, someone saved it in between, and FileChangedError is raised with nothing
    written. The check runs just before the rename, so the window left is the rename itself.
    """
    destination = output_destination(path, inputs=inputs, force=force, in_place=expected is not None)
    if destination.kind == STREAM:
        write_stream(destination.fd, data)
    elif destination.kind == SPECIAL:
        _write_into(destination, data)
    else:
        _write_replacing(destination, data, expected=expected, force=force)
    return destination


def write_atomic(path: str | Path, data: bytes, *, expected: bytes | None = None) -> None:
    """`write_output` with no inputs and no `force` (the name this module had before the policy)."""
    write_output(path, data, expected=expected)


def write_stream(fd: int, data: bytes) -> None:
    """Write bytes to stdout (fd 1) or stderr (2) through `sys.stdout`/`sys.stderr`, after what they hold."""
    name = _STREAM_NAMES[fd]
    stream = sys.stdout if fd == 1 else sys.stderr
    if stream is None:
        raise FileAccessError(f"cannot write to {name}: it is closed")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream (a test's StringIO)
            stream.write(data.decode("utf-8"))
            stream.flush()
            return
        stream.flush()
        buffer.write(data)
        buffer.flush()
    except OSError as error:
        raise FileAccessError(f"cannot write to {name}: {error.strerror or error}") from None


# -- rules 2 to 4 -------------------------------------------------------------------------------------------------

def _refuse_input(name: str, identity: tuple[int, int] | None, inputs: Sequence[str | os.PathLike]) -> None:
    if identity is None:
        return
    for given in inputs:
        try:
            found = os.stat(given)
        except OSError:
            continue  # an input that cannot be read is the reader's error to report
        if (found.st_dev, found.st_ino) == identity:
            if name == STDOUT:
                what = f"stdout is redirected to the input {os.fspath(given)}"
            elif os.fspath(given) == name:
                what = f"{name}: is an input of this command"
            else:
                what = f"{name}: is the same file as the input {os.fspath(given)}"
            raise UsageError(f"{what}: writing the output there would destroy it; nothing was written: "
                             "choose another output path")


def _identity_of_fd(fd: int, *, regular: bool = False) -> tuple[int, int] | None:
    """(device, inode) of what `fd` writes to (with `regular`: only when it is a regular file), else None."""
    try:
        found = os.fstat(fd)
    except OSError:
        return None
    return None if regular and not stat.S_ISREG(found.st_mode) else (found.st_dev, found.st_ino)


def _stream_of(found: os.stat_result) -> int | None:
    """1 or 2 when `found` is the file this process's stdout or stderr writes to."""
    for fd in _STREAM_NAMES:
        if _identity_of_fd(fd) == (found.st_dev, found.st_ino):
            return fd
    return None


def _special(name: str, found: os.stat_result, force: bool, in_place: bool) -> Destination:
    """Rule 3 and 4 for what is not a regular file or a directory."""
    if in_place:
        raise WriteRefusedError(f"{name}: is not a regular file, so it cannot be rewritten in place")
    if (fd := _stream_of(found)) is not None:
        return Destination(name, STREAM, name, fd=fd)
    if stat.S_ISBLK(found.st_mode) and not force:
        raise WriteRefusedError(f"{name}: is a block device (a disk): nothing was written; --force writes onto it")
    return Destination(name, SPECIAL, name, status=found)


def _new_file(name: str, in_place: bool) -> Destination:
    if in_place:
        raise changed_since_read(name, "was deleted")
    if name.endswith(os.sep):
        raise WriteRefusedError(f"{name}: names a folder that does not exist: name a file")
    target = os.path.realpath(name)  # a dangling symlink: its target is created, the link stays
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise FileAccessError(f"{name}: cannot write: the folder {folder} does not exist")
    return Destination(name, CREATE, target)


def replace_refusals(name: str, found: os.stat_result) -> list[str]:
    """Why replacing the regular file `found` would betray it (empty: it may be replaced); `force` overrides.

    - Read-only: the mode's write bit that applies to us is off (for root, whom the bits do not bind: no write
      bit at all). A rename needs only the folder's permission, so without this a mode-444 file is rewritten.
    - Hard links: a rename gives this name a new file and leaves the other names with the old content. Writing
      into the file in place instead would keep the links, but cannot keep the promise that matters more: a
      kill or a crash in the middle of that copy leaves a half-written file under every name, and no temporary
      file can undo it. So it is refused, saying why; --force replaces this name only (the other names keep the
      old content, whole). Break the link yourself to choose otherwise.
    - Owner: a new file is ours; when the old one belongs to another user and we cannot chown (not root, or root
      without CAP_CHOWN), the rewrite would take it from its owner.
    """
    refusals = []
    if not _mode_allows_writing(found):
        refusals.append(f"{name}: is read-only (mode {stat.S_IMODE(found.st_mode):04o}): nothing was written; "
                        "--force writes it anyway (the mode is kept)")
    if found.st_nlink > 1:
        refusals.append(f"{name}: has {found.st_nlink} hard links: replacing it would leave the other names with the "
                        "old content, and writing into it in place could leave a half-written file if interrupted; "
                        "nothing was written: write to another path, or --force replaces this name only")
    if found.st_uid != os.geteuid() and not _may_chown():
        refusals.append(_owner_refusal(name, found))
    return refusals


def _mode_allows_writing(found: os.stat_result) -> bool:
    mode, euid = found.st_mode, os.geteuid()
    if euid == 0:
        return bool(mode & 0o222)
    if found.st_uid == euid:
        return bool(mode & stat.S_IWUSR)
    if found.st_gid == os.getegid() or found.st_gid in os.getgroups():
        return bool(mode & stat.S_IWGRP)
    return bool(mode & stat.S_IWOTH)


def _may_chown() -> bool:
    """Whether this process may give a file to another user: root with CAP_CHOWN (bit 0 of CapEff)."""
    if os.geteuid() != 0:
        return False
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            effective = next(line for line in status if line.startswith("CapEff:"))
    except (OSError, StopIteration):
        return True  # no /proc: root as usual; the fchown itself decides
    return bool(int(effective.split()[1], 16) & 1)


def _owner_refusal(name: str, found: os.stat_result) -> str:
    return (f"{name}: belongs to {_owner(found)}, and a rewrite could not keep that owner (the new file would be "
            "yours): nothing was written; run as its owner, or --force writes it anyway")


def _owner(found: os.stat_result) -> str:
    try:
        import grp
        import pwd

        return f"{pwd.getpwuid(found.st_uid).pw_name}:{grp.getgrgid(found.st_gid).gr_name}"
    except (ImportError, KeyError):
        return f"{found.st_uid}:{found.st_gid}"


# -- writing ------------------------------------------------------------------------------------------------------

def _write_into(destination: Destination, data: bytes) -> None:
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
        raise _cannot(name, error) from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a regular file since: opened, but nothing written
            raise FileAccessError(f"{name}: changed while being written; nothing was written: run again")
        os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as error:
        raise _cannot(name, error) from None
    finally:
        os.close(fd)


def _send_to_socket(name: str, data: bytes) -> None:
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(name)
            connection.sendall(data)
            connection.shutdown(socket.SHUT_WR)
    except OSError as error:
        raise _cannot(name, error) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_replacing(destination: Destination, data: bytes, *, expected: bytes | None, force: bool) -> None:
    """Rules 5 and 6: a complete, fsynced temporary file beside the target, then a rename (or a link, for a new
    file, so that one created meanwhile is not replaced). Any BaseException removes the temporary file."""
    name, target, found = destination.path, Path(destination.target), destination.status
    temp = None
    try:
        with signals_held():  # a signal between creating the file and naming it here would leave it behind
            handle, temp = _temporary_beside(name, target)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            _take_over(out.fileno(), name, found, force)
            os.fsync(out.fileno())
        if expected is not None:
            _check_unchanged(name, target, expected)
        if found is None:
            _link_new(temp, target, name)
        else:
            os.replace(temp, target)
    except BaseException as error:  # KeyboardInterrupt and every signal too: never leave the temporary file
        if temp is not None:
            _remove(temp)
        if isinstance(error, OSError):
            raise _cannot(name, error) from None
        raise
    _sync_directory(target.parent)


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
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise FileAccessError(f"{name}: cannot write in {target.parent}: {error.strerror or error}") from None


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
                raise WriteRefusedError(_owner_refusal(name, found)) from None
    os.fchmod(fd, stat.S_IMODE(found.st_mode))


def _link_new(temp: str, target: Path, name: str) -> None:
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
    _remove(temp)


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}


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


# -- new files, all or none (timeline init) --------------------------------------------------------------------

def create_files(directory: str | Path, files: Mapping[str, bytes]) -> list[Path]:
    """Create `files` (relative path -> bytes) under `directory` (made if missing), all or none.

    Nothing existing is ever replaced: when any of the paths exists, or a folder on the way is a file, nothing is
    written (WriteRefusedError). The files are written and fsynced in a temporary folder inside `directory`, then
    each is linked into place (link() refuses an existing name, so one created meanwhile is not replaced); on any
    failure or signal, every file placed, every folder made and the temporary folder are removed.
    """
    root = Path(directory)
    _refuse_existing(root, files)
    made: list[Path] = []
    placed: list[tuple[Path, int]] = []
    staging = None
    try:
        _make_folders(root, made)
        with signals_held():
            staging = Path(tempfile.mkdtemp(prefix=".timeline-new.", dir=root))
        staged = {name: _stage(staging / name, data) for name, data in files.items()}
        for name, inode in staged.items():
            _make_folders((root / name).parent, made)
            with signals_held():  # placed and recorded as one step, so that the undo knows of every file placed
                _link_new(str(staging / name), root / name, str(root / name))
                placed.append((root / name, inode))
    except BaseException as error:
        _undo(placed, made, staging)
        if isinstance(error, OSError):
            raise _cannot(str(root), error) from None
        raise
    shutil.rmtree(staging, ignore_errors=True)
    for folder in {path.parent for path, _ in placed}:
        _sync_directory(folder)
    return [root / name for name in files]


def _refuse_existing(root: Path, files: Mapping[str, bytes]) -> None:
    targets = [root / name for name in files]
    existing = [str(path) for path in targets if os.path.lexists(path)]
    if existing:
        raise WriteRefusedError("refusing to overwrite existing files: " + ", ".join(existing))
    folders = {parent for path in targets for parent in [*path.parents][: len(path.relative_to(root).parts)]}
    blocking = sorted(str(folder) for folder in folders if os.path.lexists(folder) and not os.path.isdir(folder))
    if blocking:
        raise WriteRefusedError(f"refusing to overwrite existing files: {', '.join(blocking)} (a file where a "
                                "folder goes)")


def _make_folders(folder: Path, made: list[Path]) -> list[Path]:
    """Make `folder` and any missing parents, recording each one made in `made` (to undo)."""
    missing = [folder, *folder.parents]
    missing = missing[: next(i for i, path in enumerate(missing) if os.path.isdir(path) or path == path.parent)]
    for path in reversed(missing):
        try:
            with signals_held():  # made and recorded as one step, for the undo
                os.mkdir(path)
                made.append(path)
        except OSError as error:
            if isinstance(error, FileExistsError) and os.path.isdir(path):
                continue  # made meanwhile: not ours to remove
            raise FileAccessError(f"{path}: cannot create: {error.strerror or error}") from None
    return made


def _stage(path: Path, data: bytes) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        return os.fstat(fd).st_ino
    finally:
        os.close(fd)


def _undo(placed: list[tuple[Path, int]], made: list[Path], staging: Path | None) -> None:
    for path, inode in reversed(placed):
        try:
            if os.lstat(path).st_ino == inode:  # still the file we placed
                os.unlink(path)
        except OSError:
            pass
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
    for folder in reversed(made):
        try:
            os.rmdir(folder)  # only if empty: never someone else's file
        except OSError:
            pass


# -- small helpers ----------------------------------------------------------------------------------------------

def _cannot(name: str, error: OSError) -> FileAccessError:
    return FileAccessError(f"{name}: cannot write: {error.strerror or error}")


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
