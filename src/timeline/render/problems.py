"""Problem reports for `validate` and `verify`: text for people, JSON for programs, GitHub annotations, and
SARIF for code scanning."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote

from ..errors import PROBLEM_CODES, Problem, Severity
from .text import terminal_safe

REPORT_VERSION = 1  # bump when the JSON shape changes incompatibly


def counts(problems: Sequence[Problem]) -> dict[str, int]:
    """How many errors, warnings and notices, always all three keys."""
    found = Counter(p.severity.value for p in problems)
    return {severity.value + "s": found[severity.value] for severity in Severity}


def render_text(problems: Sequence[Problem]) -> str:
    """`file:line:col: severity[code]: message` lines, each followed by an indented hint."""
    lines = []
    for problem in problems:
        lines.append(terminal_safe(str(problem), one_line=True))
        if problem.hint:
            lines.append("  hint: " + terminal_safe(problem.hint, one_line=True))
    return "\n".join(lines) + ("\n" if lines else "")


def render_json(problems: Sequence[Problem], files: Sequence[str], *, strict: bool = False) -> str:
    """A versioned JSON document (README "JSON report")."""
    summary = counts(problems)
    document = {
        "version": REPORT_VERSION,
        "files": list(files),
        "valid": summary["errors"] == 0 and not (strict and summary["warnings"]),
        "summary": summary,
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity.value, "code": p.code,
             "message": p.message, "hint": p.hint}
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _github_data(text: str) -> str:
    # The escaping GitHub's runner undoes for a command's message; without it a newline in the data would
    # end the annotation and could start a forged `::error::` or `::add-mask::` command on the next line.
    return terminal_safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"), one_line=True)


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


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
