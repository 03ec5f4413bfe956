"""`timeline init`: a newsroom repository ready for CI-checked event data."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import FileAccessError
from .fileio import write_atomic

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

    Refuses, writing nothing, when any of the files already exists: an editor's work is never overwritten.
    """
    root = Path(directory)
    targets = {root / name: template for name, template in TEMPLATES.items()}
    existing = [str(path) for path in targets if path.exists() or path.is_symlink()]
    if existing:
        raise FileAccessError("refusing to overwrite existing files: " + ", ".join(existing))
    source = files("timeline") / "templates" / "newsroom"
    for path, template in targets.items():
        _make_dirs(path.parent)
        write_atomic(path, _filled((source / template).read_bytes()))
    return list(targets)


def _filled(template: bytes) -> bytes:
    """A template with the install requirement written in: the PyPI name (not "timeline", which is another
    project) pinned to this version, so a newsroom's CI installs exactly the tool that scaffolded it."""
    from . import DISTRIBUTION, REQUIREMENT

    return template.replace(b"@REQUIREMENT@", REQUIREMENT.encode()).replace(b"@DISTRIBUTION@", DISTRIBUTION.encode())


def _make_dirs(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileAccessError(f"{directory}: cannot create: {error.strerror or error}") from None
