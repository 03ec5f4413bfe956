"""The page's templates compiled ahead of time: Python modules, made from the .j2 files beside this folder by
this project's jinja2, that Jinja loads as they are (jinja2.ModuleLoader) instead of compiling the .j2 files on
every run (20 ms, a tenth of a 1,000-event page's time).

Made by `python -m timeline.render.html.compiled` (run it after editing a template; tests/cli/test_html.py fails
until it is run). `_made.py` records what they were made from: the jinja2 version and each template's sha256.
They are used only while both still hold: an edited template or another jinja2 (which may compile differently)
and the page compiles its .j2 files as before, with the same result (tests/cli/test_html.py checks both ways).
Like schema.json, they are generated files kept in the repository: one description (the .j2 files), and a test
that the copy is current.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_HERE = Path(__file__).parent


def fingerprint(templates: Path) -> dict[str, str]:
    """Each template's sha256, by name: what the modules are made from."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(templates.glob("*.j2"))}


def loader(templates: Path):
    """A loader of the compiled modules, or None when they were not made from these templates by this jinja2."""
    import jinja2

    try:
        from ._made import JINJA2, SOURCES
    except ImportError:  # not made yet
        return None
    try:
        if JINJA2 != jinja2.__version__ or SOURCES != fingerprint(templates):
            return None
    except OSError:
        return None
    return jinja2.ModuleLoader(str(_HERE))


def write(environment, templates: Path, folder: Path = _HERE) -> None:
    """Compile every template of `environment` (the page's, loading the .j2 files of `templates`) into `folder`,
    replacing what is there, and record what they were made from."""
    import jinja2

    for old in folder.glob("tmpl_*.py"):
        old.unlink()
    environment.compile_templates(str(folder), zip=None, filter_func=lambda name: name.endswith(".j2"),
                                  log_function=lambda _: None)
    (folder / "_made.py").write_text(
        '"""What the compiled templates were made from (written by `python -m timeline.render.html.compiled`)."""\n\n'
        f"JINJA2 = {jinja2.__version__!r}\nSOURCES = {fingerprint(templates)!r}\n", encoding="utf-8")
