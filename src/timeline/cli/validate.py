"""`timeline validate`, `timeline schema`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import command
from .options import FilesOption, InternalOption, cache_store, internal_notice, resolve_files
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
    since: Annotated[str | None, typer.Option(
        "--since", metavar="REV", show_default=False,
        help="Also warn for each event whose date, a figure or title changed since the git revision REV of the file "
             "with no correction dated on or after REV's commit day (`timeline docs corrections`).")] = None,
    internal: InternalOption = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DAY", show_default=False,
        help="The day taken as today: a correction dated after it is a warning (default: today).")] = None,
) -> None:
    """Check event files and report every problem at once, each with file:line:column.

    Errors come first, then warnings, each by file and line; notices are counted in one line on stderr
    (--show-notices lists them). Exit 0 when valid, 1 when there are errors (or warnings under --strict), 2 when a file cannot be read.
    """
    if codes:
        from ..errors import codes_table

        sys.stdout.write(codes_table())
        return
    from ..pipeline import check_paths

    paths = resolve_files(files, file)
    if since is not None and len(paths) != 1:
        from ..errors import UsageError

        raise UsageError("--since REV compares one file with its git history: name one file",
                         hint="timeline validate --since HEAD~1 events.yaml")
    from .options import as_of_day

    today = as_of_day(as_of)
    checked = check_paths(paths, store=cache_store())
    problems = [*checked.problems, *_future_problems(checked, today)]
    if since is not None:
        problems = [*problems, *_since_problems(paths, since, checked.timeline())]
    if checked.facts.internal or not checked.valid:  # else nothing to withhold: no need to build the timeline
        problems = withheld_problems(problems, checked.timeline(), paths, internal)
    else:
        internal_notice(internal)
    report(problems, [str(p) for p in paths], fmt, strict, "validate", min_severity, show_notices)


def _future_problems(checked, today) -> list:
    """Corrections dated after `today`; judged here, not in the cached validation, since the day changes."""
    latest = checked.facts.latest_correction
    if latest is None or latest <= today:  # none: the timeline need not be built to know it
        return []
    from ..validate.corrections import future_corrections

    return sorted(future_corrections(checked.timeline().events, today), key=lambda p: p.sort_key())


def _since_problems(paths: list[Path], revision: str, timeline) -> list:
    """--since REV: the changes since REV without a correction (none while the file itself has errors)."""
    if timeline is None:
        return []
    from ..diff.corrections import since_problems

    return since_problems(paths[0], revision, timeline)


def withheld_problems(problems: list, timeline, paths: list[Path], internal: bool) -> list:
    """The problems as the report may show them: without --internal, none quotes an internal note or a private
    source, nor says anything of a place inside one (internal.withhold, as for every command's invalid data)."""
    internal_notice(internal)
    if internal:
        return problems
    from ..internal import withhold

    return withhold(problems, timeline, files=[str(path) for path in paths])


@command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the event format (for yaml-language-server and check-jsonschema)."""
    from importlib.resources import files

    sys.stdout.write((files("timeline") / "schema.json").read_text(encoding="utf-8"))
