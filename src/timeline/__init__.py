"""timeline: sourced, checkable chronologies from a YAML file of events.

The public API is a plain library; the `timeline` command is a thin layer over it::

    import timeline
    tl = timeline.load_timeline(["events.yaml"])        # raises InvalidDataError with every problem
    events = timeline.query(tl, timeline.Filter(topics=("ai-policy",)))
    print(timeline.render_markdown(tl, events, timeline.MarkdownOptions(lang="ja")))

Names are imported on first use, so `import timeline` (and `timeline --help`) stays fast.
"""

from __future__ import annotations

import sys

__version__ = "0.1.0"
# The name on PyPI. The import package and the command are `timeline`, but "timeline" on PyPI is an unrelated
# library: every install instruction (README, `timeline init`'s workflow, docs) names this one.
DISTRIBUTION = "newsroom-timeline"
REQUIREMENT = f"{DISTRIBUTION}=={__version__}"  # the exact pin `timeline init` writes into a newsroom's CI

# Every name, even the exceptions, is imported on first use: the console script imports this package before
# `__main__.run` can catch a Ctrl-C, so nothing slow may run here (errors.py imports dataclasses, ~40 ms).
_LAZY = {
    "ExitCode": "errors", "FileAccessError": "errors", "InvalidDataError": "errors", "Problem": "errors",
    "Severity": "errors", "TimelineError": "errors", "UsageError": "errors",
    "load_timeline": "pipeline", "load_files": "pipeline", "validate_paths": "pipeline", "validate": "validate",
    "Filter": "query", "query": "query", "resolve_filter": "query",
    "parse_edtf": "dates", "parse_human": "dates", "EventDate": "dates", "Precision": "dates",
    "Timeline": "model", "Event": "model", "Source": "model", "Citation": "model", "Dispute": "model",
    "verify_quotes": "verify",
    "render_markdown": "render.markdown", "MarkdownOptions": "render.markdown",
    "normalize_text": "normalize",
}


class _CallableModule(type(sys)):  # type(sys) is types.ModuleType, without importing types
    """A submodule named like the function the package exports from it (`timeline.query`, `timeline.validate`).
    Once anything imports the submodule (`from timeline.query import Filter`, as the html page does), Python binds
    `timeline.query` to the module, over the function: calling the module calls its function, so the documented
    `timeline.query(tl, ...)` works whatever was imported first, and `timeline.query.Filter` still does too."""

    def __call__(self, *args, **kwargs):
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def _callable(module_name: str) -> None:
    """Called at the end of such a submodule: see _CallableModule."""
    sys.modules[module_name].__class__ = _CallableModule


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["DISTRIBUTION", "REQUIREMENT", "__version__", *_LAZY]
