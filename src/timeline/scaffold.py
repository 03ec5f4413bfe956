"""`timeline init`: a newsroom repository ready for CI-checked event data."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .errors import WriteRefusedError
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


@dataclass(frozen=True, slots=True)
class Scaffolded:
    """What `scaffold` did: the files it wrote and, with `existing`, those already there that it kept."""

    added: tuple[Path, ...]
    kept: tuple[Path, ...] = ()


def scaffold(directory: str | Path, *, existing: bool = False) -> Scaffolded:
    """Write the starter files into `directory` (created if needed).

    All or nothing (fileio.create_files): a failure half-way (a full disk, a signal) removes whatever was put in
    place, so that running it again starts from where it started, and nothing existing is ever overwritten. When
    any of the files exists, nothing is written (WriteRefusedError) unless `existing`: then only the missing files
    are written and the others kept as they are (a folder that holds only a README.md gets everything else).
    """
    root = Path(directory)
    present = [name for name in TEMPLATES if os.path.lexists(root / name)]
    if present and not existing:
        raise WriteRefusedError("refusing to overwrite existing files: " + ", ".join(str(root / n) for n in present),
                                hint=f"`timeline init --existing {root}` adds only the missing files and keeps these")
    _refuse_links(root, present, [name for name in TEMPLATES if name not in present])
    source = files("timeline") / "templates" / "newsroom"
    contents = {name: _filled((source / template).read_bytes()) for name, template in TEMPLATES.items()
                if name not in present}
    added = create_files(root, contents) if contents else []
    return Scaffolded(tuple(added), tuple(root / name for name in present))


def _refuse_links(root: Path, present: list[str], missing: list[str]) -> None:
    """Refuse what `--existing` cannot honestly keep or add: a starter file that is a link to nothing (kept, it
    would be reported "already there" when nothing is), and a folder a missing file goes in that is a symbolic
    link (the file would be written wherever it points; `verify` refuses a linked archive folder for that reason).
    Nothing is written then."""
    dangling = [root / name for name in present if not os.path.exists(root / name)]
    if dangling:
        raise WriteRefusedError(
            "refusing to keep a link to nothing: " + ", ".join(f"{path} -> {os.readlink(path)}" for path in dangling),
            hint="remove the link, or put the file it points to in place, then run `timeline init --existing` again")
    folders = {folder for name in missing for folder in (root / name).parents if root in folder.parents}
    linked = sorted(str(folder) for folder in folders if folder.is_symlink())
    if linked:
        raise WriteRefusedError(
            "refusing to write through a symbolic link: " + ", ".join(f"{path} -> {os.readlink(path)}" for path in linked),
            hint="a starter file goes into the folder itself, and `timeline verify` refuses a linked archive folder: "
                 "replace the link with a folder (or name the real folder with --archive DIR), then run again")


def _filled(template: bytes) -> bytes:
    """A template with the install requirement written in: the PyPI name (not "timeline", which is another
    project) pinned to this version, so a newsroom's CI installs exactly the tool that scaffolded it."""
    from . import DISTRIBUTION, REQUIREMENT

    return template.replace(b"@REQUIREMENT@", REQUIREMENT.encode()).replace(b"@DISTRIBUTION@", DISTRIBUTION.encode())
