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
) -> None:
    """Create a starter events.yaml, an archive/ folder, pre-commit and GitHub Actions set-ups, and a README.

    Each feature of the format has an example event (a day, a month, a season interval, a dispute).
    All or nothing: if any file exists (or a folder they go in is a file), nothing is written and the exit code
    is 2; a failure half-way removes what was written, so a second run starts afresh.
    """
    from ..scaffold import scaffold

    for path in scaffold(directory):
        say(f"created {path}")
    say("next: edit events.yaml, then `timeline validate --strict` and `timeline verify --archive archive`")
