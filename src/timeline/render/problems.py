"""Problem reports for `validate` and `verify`: text for people, JSON for programs, GitHub annotations."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from ..errors import Problem, Severity
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
    """GitHub Actions workflow commands, one annotation per problem."""
    lines = []
    for p in problems:
        title = _github_property(f"{p.severity.value}[{p.code}]")
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[p.severity]} file={_github_property(p.file)},line={p.line},col={p.column},"
                     f"title={title}::{_github_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
