"""An event file as a git revision held it: the old side of `timeline diff REV` and `timeline diff --since DATE`.

git is run as a subprocess in the file's own checkout (checkout.py finds its top the way git does), with no
network, pager or prompt: `git rev-parse` turns the revision into a commit, `git cat-file blob COMMIT:PATH` reads
the file's bytes as `git show COMMIT:PATH` shows them (without a textconv filter). A file outside a checkout, a
revision git does not know, a file the revision did not have, or no git at all is a UsageError (exit 2).
"""

from __future__ import annotations

import datetime
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..checkout import checkout_top, repository_path
from ..errors import FileAccessError, TimelineError, UsageError, shown

__all__ = ["Revision", "at_revision", "before", "commit_day"]


@dataclass(frozen=True, slots=True)
class Revision:
    """A file's bytes at a commit; `name` is how messages call it: `HEAD~1:story/events.yaml`."""

    name: str
    commit: str
    data: bytes


def at_revision(file: str | os.PathLike, revision: str) -> Revision:
    """The bytes of `file` at `revision` (anything `git rev-parse` reads: HEAD~3, a tag, a commit)."""
    if not revision or revision.startswith("-"):
        raise UsageError(f"'{shown(revision)}' is not a revision", hint="name a commit, a tag or e.g. HEAD~1")
    top, path = _located(file)
    commit = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", what=revision)
    if not commit:
        raise UsageError(f"unknown revision '{shown(revision)}' in the git checkout {shown(str(top))}",
                         hint="`git log --oneline -- FILE` lists the commits of the file")
    return _read(top, path, commit, f"{revision}:{path}")


def names_a_revision(file: str | os.PathLike, word: str) -> bool:
    """Whether `word` is also a revision in `file`'s checkout (False outside a checkout or without git): `diff HEAD
    FILE` with a file named HEAD beside it must not pick one reading silently, as git refuses to."""
    if not word or word.startswith("-") or checkout_top(file) is None:
        return False
    try:
        top, _ = _located(file)
        return bool(_git(top, "rev-parse", "--verify", "--quiet", f"{word}^{{commit}}", what=word, quiet=True))
    except TimelineError:
        return False


def before(file: str | os.PathLike, day: datetime.date) -> Revision:
    """The bytes of `file` at the last commit that changed it before `day` began (committer time, local)."""
    top, path = _located(file)
    commit = _git(top, "rev-list", "-1", f"--before={day.isoformat()} 00:00:00", "HEAD", "--", path,
                  what="HEAD")
    if not commit:
        raise UsageError(f"{shown(path)} has no commit before {day.isoformat()}",
                         hint="`git log --format='%h %ci' -- FILE` lists when it was committed")
    return _read(top, path, commit, f"{path}@{day.isoformat()}")


def commit_day(file: str | os.PathLike, commit: str) -> datetime.date:
    """The day `commit` was committed (committer date, in the committer's own time zone, as `git log` shows it)."""
    top, _ = _located(file)
    return datetime.date.fromisoformat(_git(top, "show", "-s", "--format=%cs", commit, what=commit))


def _located(file: str | os.PathLike) -> tuple[Path, str]:
    top = checkout_top(file)
    if top is None:
        raise UsageError(f"{shown(str(file))} is not in a git checkout, so it has no revisions to compare with",
                         hint="compare two files instead: timeline diff OLD NEW")
    return Path(top), repository_path(str(file))


def _read(top: Path, path: str, commit: str, name: str) -> Revision:
    kind = _git(top, "cat-file", "-t", f"{commit}:{path}", what=name, quiet=True)
    if kind != "blob":
        raise UsageError(f"{shown(name)}: the file is not in that revision ({commit[:12]})",
                         hint="it may have had another name then; `git log --follow -- FILE` shows its history")
    data = _run(top, ["cat-file", "blob", f"{commit}:{path}"], what=name)
    return Revision(name, commit, data)


def _git(top: Path, *args: str, what: str, quiet: bool = False) -> str:
    """git's one-line answer, stripped; "" when git says no (an unknown revision, an empty answer)."""
    try:
        return _run(top, list(args), what=what, allowed=(1, 128) if quiet else (1,)).decode().strip()
    except UnicodeDecodeError:
        return ""


def _run(top: Path, args: list[str], *, what: str, allowed: tuple[int, ...] = ()) -> bytes:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(top), *args], capture_output=True, env=environment, check=False,
                              stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise UsageError("git is not installed (or not on PATH): it is needed to read a revision",
                         hint="compare two files instead: timeline diff OLD NEW") from None
    except OSError as error:
        raise FileAccessError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode == 0:
        return done.stdout
    if done.returncode in allowed:
        return b""
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    raise UsageError(f"git could not read {shown(what)}: {shown(said[-1] if said else f'exit {done.returncode}', 200)}")
