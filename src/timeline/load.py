"""Bytes -> YAML values with the position of every key and value: the front door of the reader layer (reader/).

A file is decoded (reader.decode), looked at for merge-conflict markers (reader.conflicts), then read by the
compiled block reader when it can (reader.compiled), else by libyaml (reader.libyaml, the only module that parses
YAML with PyYAML). Either way the values are the same plain strings, None, YMap and YSeq (reader.nodes), with the
same positions and problems: a file is valid or not whatever reads it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem, ProblemLog
from .reader.compiled import READER_NAME, read_block
from .reader.conflicts import merge_conflicts
from .reader.decode import decoded, distinct_files, max_bytes, read_bytes, too_large
from .reader.nodes import MAX_DEPTH, MAX_SCALAR, YMap, YSeq, collector_paused, empty_sequence, unpack_position

if TYPE_CHECKING:  # reader.libyaml and reader.stops are imported only when libyaml reads a file (start-up time)
    from .reader.stops import Cut

# What the layers above import from here: this module is their one way in to the reader layer.
__all__ = [
    "MAX_DEPTH", "MAX_SCALAR", "READER_NAME", "LoadedFile", "YMap", "YSeq", "collector_paused", "distinct_files",
    "empty_sequence", "load_bytes", "load_file", "load_text", "max_bytes", "read_bytes", "unpack_position",
]

BLOCK_READER = True  # read plainly valid block YAML with the compiled block reader; tests turn it off for libyaml


def __getattr__(name: str):
    if name == "PARSER_NAME":  # "PyYAML 6.0.3 with libyaml 0.2.5", for --version: imports yaml, so only when asked
        from .reader import libyaml

        return libyaml.parser_name()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(slots=True)
class LoadedFile:
    """One file read and parsed: its root value (None when it has none) and the problems found.

    `complete` is False when parsing stopped early (syntax error, second document): the root then holds
    only part of the file and must not be validated further, or every later key would look missing; except when
    `cut` is not None: the syntax errors were cut out and the rest read (reader/recover.py), and the root may be
    validated, knowing what was cut (so that nothing it held is reported missing). The file still fails: each
    syntax error is a problem.
    """

    file: str
    text: str
    root: object = None
    problems: list[Problem] = field(default_factory=ProblemLog)
    bom: bool = False
    complete: bool = True
    root_at: tuple[int, int] = (1, 1)
    cut: Cut | None = None
    # Every character of every value is one of `text`'s (or a space or line break that folding made): no escape
    # made one. A check for hidden characters can then look at `text` once instead of at every value.
    verbatim: bool = False


def load_file(path: str | Path, display: str | None = None) -> LoadedFile:
    """Read and parse one event file. Raises FileAccessError only when the file cannot be read."""
    return load_bytes(read_bytes(path), display or str(path))


def load_bytes(data: bytes, file: str) -> LoadedFile:
    """Decode UTF-8 (reporting the position of a bad byte) and parse."""
    problem = too_large(data, file)
    if problem is not None:
        return LoadedFile(file, "", problems=ProblemLog([problem]), complete=False)
    bom = data.startswith(codecs.BOM_UTF8)
    text = decoded(data, file)
    if isinstance(text, Problem):  # not UTF-8 text
        return LoadedFile(file, "", problems=ProblemLog([text]), bom=bom, complete=False)
    # From here the text is the reference: the bytes go, so a large file is not held twice while it is read
    # (the caller passes its only reference, as cache.validated does).
    del data
    loaded = load_text(text, file)
    loaded.bom = bom
    return loaded


def load_text(text: str, file: str) -> LoadedFile:
    """Parse YAML text into YMap/YSeq/str/None values with positions, collecting every problem.

    With the block reader when it can, else with libyaml; not at all when the text holds a merge conflict.
    """
    conflicts = merge_conflicts(text, file)
    if conflicts:
        # Two versions interleaved: whatever parses is a mix of both sides, and what does not is reported at a
        # marker line as a YAML error. The markers are the one thing to fix, so they are all that is reported.
        loaded = LoadedFile(file, text, complete=False)
        loaded.problems.extend(conflicts)  # through append: at most ProblemLog.limit of them, the rest counted
        return loaded
    if BLOCK_READER:
        with collector_paused():
            read = read_block(text)
            # Unpacked, and the pair dropped, before the collector is back: the pair is made after every node, and
            # while it alone held the root, the collector's next pass would move every node twice (~40 ms at 10k).
            root, verbatim = read or (None, False)
            del read
        if root is not None:
            return LoadedFile(file, text, root=root, root_at=(root.line, root.column), verbatim=verbatim)
    from .reader import libyaml  # the block reader could not read it: rare, and libyaml's side is heavy to import

    loaded = LoadedFile(file, text)
    read = libyaml.read(text, file, loaded.problems)
    loaded.root, loaded.root_at, loaded.complete, loaded.cut = read.root, read.root_at, read.complete, read.cut
    if loaded.root is None and not loaded.problems:
        loaded.problems.append(Problem(file, 1, 1, "empty-file", "the file has no content",
                                       "start from `timeline init`, or see `timeline docs format`"))
    return loaded
