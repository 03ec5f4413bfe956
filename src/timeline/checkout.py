"""Where a file is in its git checkout: the path CI annotations and code scanning find it by.

GitHub reads an annotation's `file=` and a SARIF result's relative `uri` (base `%SRCROOT%`) from the top level
of the repository, whatever directory the step ran in: `story/events.yaml`, never the `events.yaml` a command
run inside `story/` was given. The top level is found the way git finds it, without running git: the nearest
directory, from the file's own upwards, that holds a `.git` directory (a clone) or `.git` file (a worktree or
a submodule). A file in no checkout keeps the name it was given.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import PurePath

from .errors import Problem

__all__ = ["checkout_top", "in_checkout", "repository_path"]


def _located(file: str | os.PathLike) -> PurePath:
    """`file` with its folders' links resolved (`lnk -> repo/story` names `repo/story/...`, as git sees it) and its
    own name kept (a tracked symbolic link is annotated where it stands)."""
    absolute = os.path.abspath(file)
    return PurePath(os.path.realpath(os.path.dirname(absolute))) / os.path.basename(absolute)


def checkout_top(file: str | os.PathLike) -> PurePath | None:
    """The top level of the git checkout holding `file`, or None: the nearest folder above it holding `.git`."""
    path = _located(file)
    for directory in path.parents:
        if os.path.exists(directory / ".git"):  # False, not an error, for a folder it may not look into
            return directory
    return None


def repository_path(file: str) -> str:
    """`file` relative to the top level of its checkout, with `/` separators; unchanged outside one."""
    top = checkout_top(file)
    if top is None:
        return file
    return _located(file).relative_to(top).as_posix()


def in_checkout(problems: Sequence[Problem], files: Iterable[str] = ()) -> tuple[list[Problem], list[str]]:
    """The problems and file names as GitHub locates them: every file named by its `repository_path`.
    Each distinct file is looked up once, however many problems it has."""
    names: dict[str, str] = {}

    def name(file: str) -> str:
        if file not in names:
            names[file] = repository_path(file)
        return names[file]

    located = [problem if name(problem.file) == problem.file else replace(problem, file=name(problem.file))
               for problem in problems]
    return located, [name(file) for file in files]
