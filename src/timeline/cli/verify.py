"""`timeline verify`: quotes against the archived articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .app import command
from .options import FilesOption, InternalOption, cache_store, resolve_files
from .report import FormatOption, MinSeverityOption, ShowNoticesOption, report
from .validate import withheld_problems


@command("verify")
def verify_command(
    archive: Annotated[Path | None, typer.Option("--archive", help="Folder holding the archived articles named by "
                                                 "each source's `archive:`. Default: ./archive when it exists "
                                                 "(as `timeline init` lays it out).", show_default=False)] = None,
    files: Annotated[list[Path] | None, typer.Argument(help="Event files (merged). Default as for --file.",
                                                        show_default=False, dir_okay=False)] = None,
    file: FilesOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (a source with no archive).")] = False,
    fmt: FormatOption = None,
    min_severity: MinSeverityOption = None,
    show_notices: ShowNoticesOption = False,
    internal: InternalOption = False,
) -> None:
    """Check every citation's quote against the archived text of its source.

    Quotes must appear verbatim; line breaks, runs of white space and full-width forms do not count as
    differences (`timeline docs verify`). Each miss shows the closest passage with what differs marked:
    [-article-]{+quote+}. Exit codes as for validate.
    """
    from ..pipeline import load_timeline
    from ..verify import verify_quotes

    archive = _archive_folder(archive)
    paths = resolve_files(files, file)
    timeline = load_timeline(paths, store=cache_store())
    problems = withheld_problems(verify_quotes(timeline, archive), timeline, paths, internal)
    report(problems, [str(p) for p in paths], fmt, strict, "verify", min_severity, show_notices)


def _archive_folder(given: Path | None) -> Path:
    """The folder given, else ./archive: the published pre-commit hook runs `timeline verify` with no arguments."""
    if given is None:
        if Path("archive").is_dir():
            return Path("archive")
        raise UsageError("--archive DIR is needed: there is no ./archive folder here to default to")
    if not given.is_dir():
        raise UsageError(f"--archive {given}: no such folder")
    return given
