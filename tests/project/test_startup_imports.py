"""What a start imports: the everyday commands never pay for the heavy libraries of the rare ones (issue 22).

`timeline html` (jinja2), `timeline export` (icalendar, sqlite3), typed dates (dateutil's parser) and YAML's
Python side (PyYAML, needed only when the block reader gives a file up) are imported inside the code that needs
them. Checked in a real process with `python -X importtime`, which names every module the interpreter imports.
difflib is not on the list: typer imports it at start for its own "did you mean" suggestions.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import subprocess_environment

HEAVY = ("jinja2", "icalendar", "sqlite3", "_sqlite3", "dateutil.parser", "yaml")
IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)\s*$", re.M)


def imported_modules(*args: str) -> set[str]:
    """Every module `timeline ARGS` imports, on the bundled data (run from a folder without events.yaml)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "timeline", *args], capture_output=True,
                            text=True, encoding="utf-8", errors="replace", cwd="/",
                            env=subprocess_environment({"TIMELINE_NO_CACHE": "1"}), timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set(IMPORTED.findall(result.stderr))
    assert "timeline" in modules  # the -X importtime report was read
    return modules


@pytest.mark.parametrize("args", [["--help"], ["validate"], ["list", "--topic", "administration"], ["chronology"]],
                         ids=" ".join)
def test_everyday_commands_import_nothing_heavy(args):
    heavy = sorted(name for name in imported_modules(*args) if name.startswith(HEAVY))
    assert heavy == []
