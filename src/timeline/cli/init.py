"""`timeline init`: scaffold a newsroom repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import command, say


@command("init")
def init_command(
    directory: Annotated[Path, typer.Argument(help="Where to create the files (created if missing).",
                                              file_okay=False)] = Path("."),
    existing: Annotated[bool, typer.Option("--existing", help="In a folder that already has some of the files "
                                           "(a README.md, an events.yaml), add only the missing ones; nothing is "
                                           "ever overwritten.")] = False,
) -> None:
    """Create a starter events.yaml, an archive/ folder, pre-commit and GitHub Actions set-ups, and a README.

    Each feature of the format has an example event (a day, a month, a season interval, a dispute).
    All or nothing: if any file exists (or a folder they go in is a file), nothing is written and the exit code
    is 2, unless --existing, which writes only the missing files; a failure half-way removes what was written,
    so a second run starts afresh.
    """
    from ..scaffold import scaffold

    done = scaffold(directory, existing=existing)
    for path in done.added:
        say(f"created {path}")
    for path in done.kept:
        say(f"kept {path} (already there)")
    if not done.added:
        say("nothing to add: every starter file is already there")
        return
    say("next: edit events.yaml, then `timeline validate --strict` and `timeline verify --archive archive`")
