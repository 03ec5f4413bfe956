"""`timeline init`: a newsroom repository ready for CI-checked event data."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .fileio import create_files

# target path in the new repository -> template file shipped in the package (dotfiles are stored without
# their dot, because package-data globs skip hidden files)
TEMPLATES = {
    "events.yaml": "events.yaml",
    "README.md": "README.md",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/timeline.yml": "github-workflow/timeline.yml",
    "archive/example-daily-2025-03-14.txt": "archive/example-daily-2025-03-14.txt",
    "archive/example-weekly-2025-03-20.txt": "archive/example-weekly-2025-03-20.txt",
}


def scaffold(directory: str | Path) -> list[Path]:
    """Write the starter files into `directory` (created if needed) and return their paths.

    All or nothing (fileio.create_files): when any of the files exists, or a folder they go in is a file,
    nothing is written (WriteRefusedError), so an editor's work is never overwritten; a failure half-way (a full
    disk, a signal) removes whatever was put in place, so that running it again starts from where it started.
    """
    source = files("timeline") / "templates" / "newsroom"
    contents = {name: _filled((source / template).read_bytes()) for name, template in TEMPLATES.items()}
    return create_files(directory, contents)


def _filled(template: bytes) -> bytes:
    """A template with the install requirement written in: the PyPI name (not "timeline", which is another
    project) pinned to this version, so a newsroom's CI installs exactly the tool that scaffolded it."""
    from . import DISTRIBUTION, REQUIREMENT

    return template.replace(b"@REQUIREMENT@", REQUIREMENT.encode()).replace(b"@DISTRIBUTION@", DISTRIBUTION.encode())
