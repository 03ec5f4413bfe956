"""Where the bytes for a path go, decided without writing: rules 1 to 6 of the output-path policy (fileio/),
the refusals, and the errors every writer raises.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FileAccessError, FileChangedError, UsageError, WriteRefusedError

STDOUT = "-"
STREAM, SPECIAL, REPLACE, CREATE = "stream", "special", "replace", "create"
STREAM_NAMES = {1: "stdout", 2: "stderr"}


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
        raise cannot_write(name, error) from None
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
    for fd in STREAM_NAMES:
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
        refusals.append(owner_refusal(name, found))
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


def owner_refusal(name: str, found: os.stat_result) -> str:
    """Why a file of another user is not rewritten: the new file would be ours."""
    return (f"{name}: belongs to {_owner(found)}, and a rewrite could not keep that owner (the new file would be "
            "yours): nothing was written; run as its owner, or --force writes it anyway")


def _owner(found: os.stat_result) -> str:
    try:
        import grp
        import pwd

        return f"{pwd.getpwuid(found.st_uid).pw_name}:{grp.getgrgid(found.st_gid).gr_name}"
    except (ImportError, KeyError):
        return f"{found.st_uid}:{found.st_gid}"


# -- the errors every writer raises -------------------------------------------------------------------------------

def cannot_write(name: str, error: OSError) -> FileAccessError:
    """The error for an OSError while writing `name` (missing folder, permissions, disk full)."""
    return FileAccessError(f"{name}: cannot write: {error.strerror or error}")


def changed_since_read(path: str | Path, what: str = "changed") -> FileChangedError:
    """The error for a file that no longer holds what was read from it (`what`: "changed", "was deleted")."""
    return FileChangedError(f"{path}: the file {what} since it was read (saved in an editor?); "
                            "nothing was written: run the command again")
