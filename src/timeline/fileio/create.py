"""New files, all or none (`timeline init`): nothing existing is ever replaced, and a failure or a signal
leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import FileAccessError, WriteRefusedError
from .policy import cannot_write
from .write import link_new, signals_held, sync_directory, write_all


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
                link_new(str(staging / name), root / name, str(root / name))
                placed.append((root / name, inode))
    except BaseException as error:
        _undo(placed, made, staging)
        if isinstance(error, OSError):
            raise cannot_write(str(root), error) from None
        raise
    shutil.rmtree(staging, ignore_errors=True)
    for folder in {path.parent for path, _ in placed}:
        sync_directory(folder)
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
        write_all(fd, data)
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
