"""Problem reports for `validate` and `verify`: text for people, JSON for programs, GitHub annotations, and
SARIF for code scanning."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from urllib.parse import quote

from ..errors import PROBLEM_CODES, Problem, Severity
from ..pipeline import failed
from .text import controls_shown, terminal_safe

REPORT_VERSION = 1  # bump when the JSON shape changes incompatibly


def counts(problems: Sequence[Problem]) -> dict[str, int]:
    """How many errors, warnings and notices, always all three keys."""
    found = Counter(p.severity.value for p in problems)
    return {severity.value + "s": found[severity.value] for severity in Severity}


# -- what a report lists, and in what order ----------------------------------------------------------------------

RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}  # most serious first


def report_order(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then warnings, then notices; each by file, line, column and code."""
    return sorted(problems, key=lambda problem: (RANK[problem.severity], *problem.sort_key()))


def at_least(problems: Iterable[Problem], threshold: Severity) -> list[Problem]:
    """The problems as serious as `threshold` or more (`--min-severity`)."""
    return [problem for problem in problems if RANK[problem.severity] <= RANK[threshold]]


def left_out(problems: Sequence[Problem], threshold: Severity) -> list[str]:
    """One line for each severity a report at `threshold` leaves out, counting them by code (most first):
    `46 notices not shown (single-source: 46); --show-notices lists them`."""
    lines = []
    for severity in Severity:
        if RANK[severity] <= RANK[threshold]:
            continue
        found = Counter(problem.code for problem in problems if problem.severity is severity)
        if not found:
            continue
        total = sum(found.values())
        codes = ", ".join(f"{code}: {count}" for code, count in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
        how = "--show-notices" if severity is Severity.NOTICE else f"--min-severity {severity.value}"
        lines.append(f"{total} {severity.value}{'' if total == 1 else 's'} not shown ({codes}); {how} lists them")
    return lines


# -- text ---------------------------------------------------------------------------------------------------------

# SGR codes for a colour terminal: the severity word of each problem, and the CLI's `Error:`.
_STYLE = {"error": "1;31", "warning": "1;33", "notice": "36", "code": "2"}


def paint(text: str, style: str, colour: bool) -> str:
    """`text` in the colour of `style` ("error", "warning", "notice") when `colour`, else as it is. Only for our
    own words: data is made terminal-safe first, so it can hold no escape of its own."""
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if colour else text


def render_text(problems: Sequence[Problem], *, colour: bool = False) -> str:
    """`file:line:col: severity[code]: message` lines, each followed by an indented hint, in the order given
    (`report_order` for a report). With `colour`, each severity in its colour (errors red, warnings yellow,
    notices cyan)."""
    lines = []
    for problem in problems:
        where = terminal_safe(f"{problem.file}:{problem.line}:{problem.column}:", one_line=True)
        severity = paint(problem.severity.value, problem.severity.value, colour)
        message = terminal_safe(f"[{problem.code}]: {problem.message}", one_line=True)
        lines.append(f"{where} {severity}{message}")
        if problem.hint:
            lines.append("  hint: " + terminal_safe(problem.hint, one_line=True))
    return "\n".join(lines) + ("\n" if lines else "")


def render_json(problems: Sequence[Problem], files: Sequence[str], *, strict: bool = False,
                summary: dict[str, int] | None = None) -> str:
    """A versioned JSON document (README "JSON report"). `summary` counts every problem found when `problems`
    are only those a --min-severity lets through (by default, the counts of `problems`)."""
    summary = summary or counts(problems)
    document = {
        "version": REPORT_VERSION,
        "files": list(files),
        "valid": not failed(problems, strict),
        "summary": summary,
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity.value, "code": p.code,
             "message": p.message, "hint": p.hint}
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# GitHub's workflow-command escaping (actions/toolkit packages/core/src/command.ts, which the runner undoes): in a
# message %, CR and LF; in a property also `:` and `,`, which end a property or the properties. Nothing else: the
# runner reads `file=` back to a path in the repository, so any other change (a `::` defused as for a log line)
# names a file that is not there. After the escaping the command is one line, and only a line's start can begin
# a command, so no `::` in it needs defusing.
_GITHUB_MESSAGE = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_GITHUB_PROPERTY = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def _github_data(text: str) -> str:
    """A message: escaped for the runner, with the other control characters of the data shown, not obeyed."""
    return controls_shown(text.translate(_GITHUB_MESSAGE))


def _github_property(text: str) -> str:
    """A property value (a file name, a title): escaped for the runner, and nothing else."""
    return text.translate(_GITHUB_PROPERTY)


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def render_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands, one annotation per problem.

    GitHub reads a relative `file=` from the top level of the repository, so the caller names each file as
    `timeline.checkout.in_checkout` does; a renderer reads no file to find out."""
    lines = []
    for p in problems:
        title = _github_property(f"{p.severity.value}[{p.code}]")
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[p.severity]} file={_github_property(p.file)},line={p.line},col={p.column},"
                     f"title={title}::{_github_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


# -- SARIF 2.1.0 (GitHub code scanning: github/codeql-action/upload-sarif) ------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}


def render_sarif(problems: Sequence[Problem], files: Sequence[str], *, version: str) -> str:
    """One SARIF run: every problem code a rule (in a fixed order, so rule indexes are stable), every problem a
    result on its file, line and column. Texts stay data: SARIF's `text` fields are plain, never Markdown.

    A relative file is written relative to `%SRCROOT%`, which code scanning takes as the top level of the
    checkout: the caller names files as `timeline.checkout.in_checkout` does (relative to the current
    directory only outside a checkout)."""
    rules = list(PROBLEM_CODES)
    index = {code: number for number, code in enumerate(rules)}
    run = {
        "tool": {"driver": {
            "name": "timeline", "version": version, "semanticVersion": version,
            "rules": [_sarif_rule(code) for code in rules],
        }},
        "artifacts": [{"location": _sarif_location(file)} for file in files],
        "invocations": [{"executionSuccessful": True}],  # it ran; whether the data passed is in the results
        "columnKind": "unicodeCodePoints",  # a column counts characters, as every report does (SARIF's default is UTF-16)
        "results": [_sarif_result(problem, index) for problem in problems],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _sarif_rule(code: str) -> dict:
    severity, meaning = PROBLEM_CODES[code]
    return {"id": code, "name": code, "shortDescription": {"text": meaning},
            "defaultConfiguration": {"level": _SARIF_LEVEL[severity]}}


def _sarif_result(problem: Problem, index: dict[str, int]) -> dict:
    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    physical: dict = {"artifactLocation": _sarif_location(problem.file)}
    if problem.line >= 1:  # a problem about a whole file has no region
        physical["region"] = {"startLine": problem.line, "startColumn": max(problem.column, 1)}
    return {"ruleId": problem.code, "ruleIndex": index[problem.code], "level": _SARIF_LEVEL[problem.severity],
            "message": {"text": message}, "locations": [{"physicalLocation": physical}]}


def _sarif_location(file: str) -> dict:
    """A file as a URI reference: relative to `%SRCROOT%` (what code scanning matches) or an absolute file URI."""
    path = PurePath(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}
