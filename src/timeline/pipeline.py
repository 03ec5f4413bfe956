"""Files -> a validated Timeline and every problem: the one way every command (and any Python caller) gets there.

Read each file's bytes once, ask the store (if one is given) for what validation found for exactly those bytes,
else parse and validate, and offer the result to the store. Library callers pass no store and nothing touches
the disk but the files; the CLI passes the parsed cache (cache/store.py) unless TIMELINE_NO_CACHE is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import load  # called through the module, so that a test can replace a function of it (load_bytes failing)
from .checked import Checked, Facts, Result
from .errors import InvalidDataError, Problem, Severity

if TYPE_CHECKING:
    from .cache.store import Store
    from .load import LoadedFile
    from .model import Timeline


def failing_severities(strict: bool) -> tuple[Severity, ...]:
    """The pass/fail rule: errors always fail, warnings only under --strict, notices never."""
    return (Severity.ERROR, Severity.WARNING) if strict else (Severity.ERROR,)


def failed(problems: Sequence[Problem], strict: bool) -> bool:
    """Whether the problems fail the run (`failing_severities`)."""
    failing = failing_severities(strict)
    return any(p.severity in failing for p in problems)


def load_files(paths: Sequence[str | Path]) -> list[LoadedFile]:
    """Read and parse each file once (FileAccessError if one cannot be read): the same file under two names, or
    through a link, is one file (load.distinct_files)."""
    return [load.load_file(path) for path in load.distinct_files(paths)]


def validate_paths(paths: Sequence[str | Path], *, editorial: bool = True, store: Store | None = None) -> Result:
    """`validate(load_files(paths), editorial=...)`: the timeline (None when there are errors) and every problem,
    from `store` when it holds the result for these exact bytes.

    Raises FileAccessError, as load_files does, before anything is parsed.
    """
    return check_paths(paths, editorial=editorial, store=store).result()


def check_paths(paths: Sequence[str | Path], *, editorial: bool = True, store: Store | None = None) -> Checked:
    """`validate_paths` for a caller that may not need the timeline (`timeline validate`): from the store, the
    events are rebuilt only if it asks (checked.py)."""
    paths = load.distinct_files(paths)
    names = [str(path) for path in paths]
    datas = [load.read_bytes(path) for path in paths]
    if store is None or (key := store.key(names, datas)) is None:
        return _checked(_validate(names, datas, editorial))
    found = store.get(key, editorial)
    if found is not None:
        return found
    checked = _checked(_validate(names, datas, editorial))
    store.put(key, editorial, checked)
    return checked


def _checked(result: Result) -> Checked:
    """The result with the facts `timeline validate` reads in place of the timeline (checked.Facts)."""
    timeline = result[0]
    if timeline is None:
        return Checked.of(result, Facts())
    from .internal import has_internal
    from .validate.corrections import correction_day

    days = [day for event in timeline.events for correction in event.corrections
            if (day := correction_day(correction)) is not None]
    return Checked.of(result, Facts(has_internal(timeline), max(days, default=None)))


def load_timeline(paths: Sequence[str | Path], *, store: Store | None = None) -> Timeline:
    """Load, validate and return the timeline, or raise InvalidDataError with every error."""
    timeline, problems = validate_paths(paths, editorial=False, store=store)  # warnings cannot make it fail
    if timeline is None:
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR], [str(path) for path in paths])
    return timeline


def load_timeline_data(name: str, data: bytes) -> Timeline:
    """`load_timeline` for bytes that are no file on disk (an event file as a git revision held it: `diff REV`),
    called `name` in problems; no store, since such bytes are read once."""
    timeline, problems = _validate([name], [data], editorial=False)
    if timeline is None:
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR])
    return timeline


def _validate(names: list[str], datas: list[bytes], editorial: bool) -> Result:
    # Imported here: a result from the store needs neither the validator nor, through it, YAML.
    from .validate import validate

    loaded = [load.load_bytes(datas.pop(0), name) for name in names]  # popped: load_bytes holds each file's only copy
    result = validate(loaded, editorial=editorial)
    del loaded  # the YAML values go before the store encodes the result: peak memory stays that of validation
    return result
