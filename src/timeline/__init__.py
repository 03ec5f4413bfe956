"""timeline: sourced, checkable chronologies from a YAML file of events.

The public API is a plain library; the `timeline` command is a thin layer over it::

    import timeline
    tl = timeline.load_timeline(["events.yaml"])      # raises InvalidDataError with every problem
    events = timeline.query(tl, timeline.Filter(topics=("ai-policy",)))
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ExitCode, FileAccessError, InvalidDataError, Problem, Severity, TimelineError, UsageError

__all__ = [
    "ExitCode",
    "FileAccessError",
    "InvalidDataError",
    "Problem",
    "Severity",
    "TimelineError",
    "UsageError",
    "__version__",
]
