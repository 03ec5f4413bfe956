"""`timeline validate`, `timeline schema`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import command
from .options import FilesOption, cache_store, resolve_files
from .report import FormatOption, MinSeverityOption, ShowNoticesOption, report


@command("validate")
def validate_command(
    files: Annotated[list[Path] | None, typer.Argument(help="Event files (merged). Default as for --file.",
                                                        show_default=False, dir_okay=False)] = None,
    file: FilesOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (notices never fail).")] = False,
    fmt: FormatOption = None,
    min_severity: MinSeverityOption = None,
    show_notices: ShowNoticesOption = False,
    codes: Annotated[bool, typer.Option("--codes", help="List every problem code and exit.")] = False,
) -> None:
    """Check event files and report every problem at once, each with file:line:column.

    Errors come first, then warnings, each by file and line; notices are counted in one line on stderr
    (--show-notices lists them). Exit 0 when valid, 1 when there are errors (or warnings under --strict), 2 when a file cannot be read.
    """
    if codes:
        from ..errors import codes_table

        sys.stdout.write(codes_table())
        return
    from ..pipeline import validate_paths

    paths = resolve_files(files, file)
    _, problems = validate_paths(paths, store=cache_store())
    report(problems, [str(p) for p in paths], fmt, strict, "validate", min_severity, show_notices)


@command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the event format (for yaml-language-server and check-jsonschema)."""
    from importlib.resources import files

    sys.stdout.write((files("timeline") / "schema.json").read_text(encoding="utf-8"))
