"""Loaded YAML values -> a `Timeline` and every problem found. Never prints, never exits.

The modules, by job: values.py checks one value (shape, keys, text, ids, dates), checker.py one file's
registries and events, fastpath.py builds a plainly valid event without preparing messages, comments.py finds
a ` #` cutting a text short in the raw text, and merge.py joins the files (unique ids, references resolved).
The format's keys and character rules come from format.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import _callable
from ..errors import Problem, ProblemLog, Severity
from ..format import TOP_KEYS
from ..load import LoadedFile, collector_paused
from ..model import Timeline
from .checker import Checker
from .comments import comments_cutting_text
from .corrections import correction_problems
from .merge import merge
from .splits import with_split_hints

__all__ = ["comments_cutting_text", "validate"]


def validate(loaded_files: Sequence[LoadedFile], *, editorial: bool = True) -> tuple[Timeline | None, list[Problem]]:
    """Check loaded files together (ids are unique across them) and build the timeline.

    Returns the timeline (None when an error makes it unusable) and every problem, errors and warnings,
    in file order. `editorial=False` leaves out the editorial checks (editorial.py), which only ever warn or
    notify: for a caller that needs the timeline and its errors alone.
    """
    with collector_paused():  # the model is a large acyclic graph too (see load.collector_paused)
        return _validate(loaded_files, editorial)


def _validate(loaded_files: Sequence[LoadedFile], editorial: bool) -> tuple[Timeline | None, list[Problem]]:
    problems = ProblemLog()
    checkers, parts, order = [], [], 0
    for loaded in loaded_files:
        problems.extend(loaded.problems)
        problems.extend(getattr(loaded.problems, "overflow", list)())
        readable = loaded.complete or loaded.cut is not None  # read whole, or but for its syntax errors
        if readable:
            problems.extend(comments_cutting_text(loaded))
        if not readable or loaded.root is None:
            continue
        checker = Checker(loaded, problems)
        part = checker.document(loaded.root, loaded.root_at, order)
        if part is not None:
            checkers.append(checker)
            parts.append(part)
            order += part["size"]
    # A file read in part or not at all (a syntax error, a merge conflict, not UTF-8) may define what the others
    # refer to: their references and the title cannot be judged until it reads, so they are not reported as missing.
    # A file whose syntax errors were cut out lost only the top-level keys its `cut` names (its checker knows the
    # registry entries that went).
    unread = frozenset().union(*(TOP_KEYS if loaded.cut is None else loaded.cut.keys
                                 for loaded in loaded_files if not loaded.complete))
    timeline = merge(loaded_files, checkers, parts, problems, unread)
    if timeline is not None and not unread:  # a correction's article may be in a file that did not read
        problems.extend(correction_problems(timeline))
    if timeline is not None and editorial and not unread:  # usage and near-duplicates are judged on whole files
        from ..editorial import editorial_problems

        problems.extend(editorial_problems(timeline, ((kind, ref) for c in checkers for kind, ref, _ in c.references)))
    problems = with_split_hints([*problems, *problems.overflow()], loaded_files)
    problems.sort(key=Problem.sort_key)
    failed = any(p.severity is Severity.ERROR for p in problems)
    return (None if failed else timeline), problems


_callable(__name__)  # `timeline.validate(...)` calls validate() even once this package is bound to that name
