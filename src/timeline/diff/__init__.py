"""`timeline diff`: what changed between two versions of a timeline, by id and by value, never by line.

`compare(old, new)` is pure and returns a `TimelineDiff` of frozen records (result.py); revisions.py reads an
old side from git; corrections.py finds the changes readers are owed a correction for (`--draft-corrections`,
`validate --since REV`). The CLI (cli/diff.py) loads both sides through pipeline and renders with render/diff*.py.
"""

from __future__ import annotations

from .compare import REGISTRIES, compare, compare_records
from .result import Change, Changed, RegistryDiff, Renamed, TimelineDiff

__all__ = ["REGISTRIES", "Change", "Changed", "RegistryDiff", "Renamed", "TimelineDiff", "compare", "compare_records"]
