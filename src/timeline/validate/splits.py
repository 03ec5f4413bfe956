"""A problem standing where a comma cut an unquoted `{...}` or `[...]` value in two gets a hint that says so.

`title: {en: about 30,000}` is well-formed YAML holding a key `000`; the check that reports it (an unknown key, an
id that is no id) knows nothing of commas. Once a file's problems are known, the raw line of each such problem is
looked at (reader/flow.py), so that every check that can meet half a value says what happened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..errors import Problem
from ..load import LoadedFile
from ..reader.flow import comma_split, split_hint

# The codes a half of a value can get: as a key of a mapping, as an item of a list of ids.
SPLITTABLE = frozenset({"unknown-key", "bad-id", "unknown-topic", "unknown-actor", "unknown-source", "unknown-event"})


def with_split_hints(problems: list[Problem], loaded_files: Sequence[LoadedFile]) -> list[Problem]:
    """`problems`, each standing after a comma that cut a value in two given the hint that says so."""
    texts = {loaded.file: loaded.text for loaded in loaded_files}
    lines: dict[str, list[str]] = {}  # split only for a file that has such a problem
    out = []
    for problem in problems:
        split = None
        if problem.code in SPLITTABLE and problem.file in texts and problem.column > 2:
            if problem.file not in lines:
                lines[problem.file] = texts[problem.file].split("\n")
            file_lines = lines[problem.file]
            if 0 < problem.line <= len(file_lines):
                split = comma_split(file_lines[problem.line - 1].rstrip("\r"), problem.column)
        out.append(problem if split is None else dataclasses.replace(problem, hint=split_hint(split)))
    return out
