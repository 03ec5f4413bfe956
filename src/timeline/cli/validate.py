"""`timeline validate`, `timeline schema`."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode, Problem, Severity
from .app import command, say
from .options import FilesOption, resolve_files


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


def failed(problems: list[Problem], strict: bool) -> bool:
    """Errors always fail; warnings only under --strict; notices never."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(p.severity in failing for p in problems)


def report(problems: list[Problem], files: list[str], fmt: ReportFormat | None, strict: bool, noun: str) -> None:
    """Print problems to stdout in the chosen format and a summary line to stderr; exit 1 on failure."""
    from ..render import problems as render

    fmt = fmt or _default_format()
    if fmt is ReportFormat.json:
        sys.stdout.write(render.render_json(problems, files, strict=strict))
    elif fmt is ReportFormat.github:
        from ..checkout import in_checkout  # annotations name files from the checkout's top, as GitHub does

        sys.stdout.write(render.render_github(in_checkout(problems)[0]))
    elif fmt is ReportFormat.sarif:
        from .. import __version__
        from ..checkout import in_checkout

        located, names = in_checkout(problems, files)
        sys.stdout.write(render.render_sarif(located, names, version=__version__))
    else:
        sys.stdout.write(render.render_text(problems))
    total = render.counts(problems)
    verdict = "FAILED" if failed(problems, strict) else "ok"
    say(f"{noun} {', '.join(files)}: {verdict} ({total['errors']} error(s), {total['warnings']} warning(s), "
        f"{total['notices']} notice(s))")
    if failed(problems, strict):
        raise typer.Exit(int(ExitCode.INVALID))


@command("validate")
def validate_command(
    files: Annotated[list[Path] | None, typer.Argument(help="Event files (merged). Default as for --file.",
                                                        show_default=False, dir_okay=False)] = None,
    file: FilesOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (notices never fail).")] = False,
    fmt: FormatOption = None,
    codes: Annotated[bool, typer.Option("--codes", help="List every problem code and exit.")] = False,
) -> None:
    """Check event files and report every problem at once, each with file:line:column.

    Exit 0 when valid, 1 when there are errors (or warnings under --strict), 2 when a file cannot be read.
    """
    if codes:
        from ..errors import codes_table

        sys.stdout.write(codes_table())
        return
    from ..cache import validated  # validate(load_files(paths)), kept on disk for unchanged files

    paths = resolve_files(files, file)
    _, problems = validated(paths)
    report(problems, [str(p) for p in paths], fmt, strict, "validate")


@command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the event format (for yaml-language-server and check-jsonschema)."""
    from importlib.resources import files

    sys.stdout.write((files("timeline") / "schema.json").read_text(encoding="utf-8"))
