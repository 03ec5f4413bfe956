"""The problem report shared by `validate` and `verify`: --format, the problems on stdout, the verdict on stderr."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated

import typer

from ..errors import ExitCode, Problem, Severity, UsageError
from .app import say, wants_colour


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def _default_format() -> ReportFormat:
    # In GitHub Actions, annotations show the problem on the pull request's diff.
    return ReportFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ReportFormat.text


FormatOption = Annotated[
    ReportFormat | None,
    typer.Option("--format", help="Report as text, json (versioned), github annotations, or sarif (GitHub code "
                 "scanning). Default: github when GITHUB_ACTIONS=true, else text.", show_default=False),
]


class MinSeverity(str, Enum):
    error = "error"
    warning = "warning"
    notice = "notice"


MinSeverityOption = Annotated[
    MinSeverity | None,
    typer.Option("--min-severity", help="List problems this serious or more, in text and as GitHub annotations "
                 "alike; those left out are counted in one line on stderr. Default: warning for text and github, "
                 "notice (everything) for json and sarif. What fails the run (errors; warnings too under --strict) "
                 "is always listed.", show_default=False),
]
ShowNoticesOption = Annotated[
    bool, typer.Option("--show-notices", help="List notices too (the same as --min-severity notice).")
]


def threshold(min_severity: MinSeverity | None, show_notices: bool, fmt: ReportFormat, strict: bool) -> Severity:
    """The least serious severity the report lists (`--min-severity`, `--show-notices`, the format's default),
    lowered to what makes the run fail: a report never fails on a problem it does not show."""
    if show_notices and min_severity not in (None, MinSeverity.notice):
        raise UsageError(f"--show-notices and --min-severity {min_severity.value} ask for different things",
                         hint="give one of them")
    if show_notices:
        chosen = Severity.NOTICE
    elif min_severity is not None:
        chosen = Severity(min_severity.value)
    else:
        chosen = Severity.NOTICE if fmt in (ReportFormat.json, ReportFormat.sarif) else Severity.WARNING
    from ..pipeline import failing_severities
    from ..render.problems import RANK

    return max(chosen, *failing_severities(strict), key=RANK.__getitem__)


def report(problems: list[Problem], files: list[str], fmt: ReportFormat | None, strict: bool, noun: str,
           min_severity: MinSeverity | None = None, show_notices: bool = False) -> None:
    """Print the problems as serious as the threshold to stdout in the chosen format, errors first; then, on
    stderr, a line for each severity left out and the verdict. Exit 1 on failure."""
    from ..render import problems as render

    fmt = fmt or _default_format()
    least = threshold(min_severity, show_notices, fmt, strict)
    shown = render.at_least(render.report_order(problems), least)
    if fmt is ReportFormat.json:
        sys.stdout.write(render.render_json(shown, files, strict=strict, summary=render.counts(problems)))
    elif fmt is ReportFormat.github:
        from ..checkout import in_checkout  # annotations name files from the checkout's top, as GitHub does

        sys.stdout.write(render.render_github(in_checkout(shown)[0]))
    elif fmt is ReportFormat.sarif:
        from .. import __version__
        from ..checkout import in_checkout

        located, names = in_checkout(shown, files)
        sys.stdout.write(render.render_sarif(located, names, version=__version__))
    else:
        sys.stdout.write(render.render_text(shown, colour=wants_colour(sys.stdout)))
    for line in render.left_out(problems, least):
        say(line)
    _verdict(problems, files, strict, noun)


def _verdict(problems: list[Problem], files: list[str], strict: bool, noun: str) -> None:
    """The last line on stderr: ok, or FAILED (in red on a colour terminal), and the counts; exit 1 on FAILED."""
    from ..pipeline import failed
    from ..render.problems import counts, paint
    from ..render.text import terminal_safe

    total = counts(problems)
    failing = failed(problems, strict)
    verdict = paint("FAILED", "error", wants_colour(sys.stderr)) if failing else "ok"
    named = terminal_safe(f"{noun} {', '.join(files)}: ", one_line=True)  # file names are data
    say(f" ({total['errors']} error(s), {total['warnings']} warning(s), {total['notices']} notice(s))",
        prefix=named + verdict)
    if failing:
        raise typer.Exit(int(ExitCode.INVALID))
