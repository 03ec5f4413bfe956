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
    Importing the submodule (`from timeline.query import Filter`, as the html page does) binds `timeline.query` to
    the module, so the name is always the module, and calling it calls its function: `timeline.query(tl, ...)`,
    `timeline.query.Filter` and `import timeline.query as q` all work, whatever was imported first."""

    def __call__(self, *args, **kwargs):
        return self._function()(*args, **kwargs)

    @property
    def __signature__(self):  # what help() and inspect show: the function's, not (*args, **kwargs)
        import inspect

        return inspect.signature(self._function())

    def _function(self):
        return getattr(self, self.__name__.rpartition(".")[2])


def _callable(module_name: str) -> None:
    """Called at the end of such a submodule: see _CallableModule."""
    sys.modules[module_name].__class__ = _CallableModule


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    from importlib import import_module

    module = import_module(f".{_LAZY[name]}", __name__)
    if _LAZY[name] == name:  # query, validate: the module, callable as its function (_CallableModule), bound here
        return module  # by the import itself, so that `import timeline.query as q` still gives the module
    value = getattr(module, name)
    globals()[name] = value
    return value


__all__ = ["DISTRIBUTION", "REQUIREMENT", "__version__", *_LAZY]
