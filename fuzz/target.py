"""One fuzz input through everything a command does with a file, checking the CLI's promises on the way.

`check(data)` feeds bytes to the loader and validator the way `validate` does, then, when the data is valid,
through every renderer (`list` in every format, `show`, the registries, `chronology`) and `normalize`. It
raises AssertionError (a broken promise) or lets an unexpected exception through (a crash); a TimelineError
is an answer, not a failure. Used by fuzz_validate.py (atheris) and harness.py (hypothesis, no extra install).
"""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from timeline.errors import PROBLEM_CODES, InvalidDataError, Severity, TimelineError
from timeline import load
from timeline.load import load_bytes
from timeline.normalize import normalize_text
from timeline.query import Filter, query
from timeline.render import export
from timeline.render import problems as report
from timeline.render.markdown import MarkdownOptions, render_markdown
from timeline.render.table import (
    event_detail,
    event_grid,
    plain_table,
    plain_text,
    registry_grid,
)
from timeline.render.usage import usage_by
from timeline.validate import validate

# What a terminal or a CI log would obey if it reached them raw: C0/C1 controls (tab and newline aside),
# bidi controls, and workflow commands at the start of a line.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_PROBLEM_LINE = 400_000  # generous: the real bound is reported separately (see README.md, "What timeline promises")


# Crashes already reported and held by a strict xfail test, by (exception type, file, function) of the deepest
# frame inside the timeline package: the fuzzers count them and go on looking for new ones. Remove an entry when
# its bug is fixed.
KNOWN: dict[tuple[str, str, str], str] = {}  # (exception, module, function) -> the report, for known crashes


def known(error: BaseException) -> str | None:
    """The description of a known, reported crash, or None for a new finding."""
    ours = [frame for frame in traceback.extract_tb(error.__traceback__)
            if f"{os.sep}timeline{os.sep}" in frame.filename]
    if not ours:
        return None
    return KNOWN.get((type(error).__name__, Path(ours[-1].filename).name, ours[-1].name))


def seeds() -> list[Path]:
    """The seed corpus: the real dataset, the good fixtures, and every bad and hostile fixture."""
    data = ROOT / "tests" / "data"
    paths = [ROOT / "events.yaml", *sorted((data / "good").glob("*.yaml"))]
    return paths + sorted((data / "bad").glob("*.yaml")) + sorted((data / "hostile").glob("*.yaml")) + \
        sorted((data / "mistakes").glob("*.yaml"))


def check(data: bytes) -> None:
    """Everything the CLI does with one input file; raises on a crash or a broken promise."""
    loaded = load_bytes(data, "fuzz.yaml")
    _check_readers_agree(data, loaded)
    _check_recovery(loaded)
    timeline, problems = validate([loaded])
    _check_problems(problems)
    if timeline is None:
        assert any(p.severity is Severity.ERROR for p in problems), "no timeline and no error"
        return
    assert not any(p.severity is Severity.ERROR for p in problems), "a timeline despite errors"
    _check_outputs(timeline)
    _check_normalize(data)


def _snapshot(value: object) -> object:
    if isinstance(value, dict):
        return ("map", value.line, value.column, list(value._at), [(k, _snapshot(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, value.column, list(value._at), [_snapshot(v) for v in value])
    return value


def _check_readers_agree(data: bytes, loaded) -> None:
    """The block reader either gave the file to libyaml or read exactly what it reads (`loaded`: the file as
    load_bytes read it, with the block reader on)."""
    saved, load.BLOCK_READER = load.BLOCK_READER, False
    try:
        careful = load_bytes(data, "fuzz.yaml")
    finally:
        load.BLOCK_READER = saved
    assert (_snapshot(loaded.root), loaded.root_at, loaded.problems, loaded.complete) == \
        (_snapshot(careful.root), careful.root_at, careful.problems, careful.complete), \
        "the block reader and libyaml disagree"


def _check_recovery(loaded) -> None:
    """A file read but for its syntax errors (reader/recover.py) is never taken for whole, and every syntax error
    stands on one of its lines."""
    syntax = [p for p in loaded.problems if p.code == "syntax"]
    assert not (syntax and loaded.complete), "a syntax error in a file read whole"
    assert loaded.cut is None or not loaded.complete, "a file both whole and cut"
    last = len(re.split(r"\r\n|\r|\n", loaded.text))  # a lone CR ends a line to libyaml (and recovery is off then)
    assert all(p.line <= last for p in syntax), "a syntax error past the last line"


def _check_problems(problems) -> None:
    text = report.render_text(problems)
    github = report.render_github(problems)
    json.loads(report.render_json(problems, ["fuzz.yaml"]))
    for problem in problems:
        assert problem.code in PROBLEM_CODES, problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip(), problem
    assert not UNSAFE.search(text) and not UNSAFE.search(github), "a control character in a problem report"
    lines = text.splitlines()
    assert len(lines) == sum(2 if p.hint else 1 for p in problems), "a problem spans more lines than it should"
    assert all(len(line) < MAX_PROBLEM_LINE for line in lines)
    assert all(line.startswith("::") for line in github.splitlines())


def _check_outputs(timeline) -> None:
    events = query(timeline, Filter())
    for lang in ("ja", "en"):
        json.loads(export.render_events_json(events, lang))
        for line in export.render_events_jsonl(events, lang).splitlines():
            json.loads(line)
        export.render_events_csv(events, timeline, lang)
        table = plain_table(event_grid(events, timeline, lang))
        assert not UNSAFE.search(table), "a control character in the table"
        markdown = render_markdown(timeline, events, MarkdownOptions(lang=lang))
        assert not UNSAFE.search(markdown), "a control character in the chronology"
        for event in events[:3]:
            json.loads(export.render_event_json(event, timeline, lang))
            plain_text(event_detail(event, timeline, lang), 80)
        for registry in ("topics", "actors", "sources"):
            usage = usage_by(events, registry)
            entries = list(getattr(timeline, registry).values())
            plain_table(registry_grid(registry, entries, usage, lang))
            json.loads(export.render_registry_json(registry, entries, usage, lang))


def _check_normalize(data: bytes) -> None:
    text = data.decode("utf-8-sig")
    try:
        once = normalize_text(text, "fuzz.yaml")
    except InvalidDataError:
        raise AssertionError("normalize refused a file that validates") from None
    except TimelineError:
        return  # refused with a message (e.g. it would lose something): an answer, not a crash
    assert normalize_text(once, "fuzz.yaml") == once, "normalize is not idempotent"


def run_file(path: str) -> None:
    """Re-run one saved input (a crash file) and show the exception: `python fuzz/target.py crash-...`."""
    check(Path(path).read_bytes())
    print("no failure")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        run_file(argument)
    if len(sys.argv) == 1:
        print(f"{len(seeds())} seeds; usage: python fuzz/target.py FILE...", file=sys.stderr)
        sys.exit(int(os.environ.get("EXIT", "0")))
