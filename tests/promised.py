"""The tests README.md's "What timeline promises" names, read from the README itself (one description).

    python tests/promised.py      # prints them as pytest node ids: `make reliability` runs exactly these

tests/reliability/test_hostile_inputs.py::test_every_promise_names_tests_that_exist checks that every promise names
tests and that each exists.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def promises(readme: str | None = None) -> list[str]:
    """Each promise (a bullet of the section, from its `- `), in order."""
    text = readme if readme is not None else (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- promises -->\n(.*?)<!-- /promises -->", text, re.S).group(1)
    return [part for part in re.split(r"\n(?=- )", section.split("\n### ", 1)[1]) if part.startswith("- ")]


def promised_tests(readme: str | None = None) -> list[tuple[str, str]]:
    """(file, test name) for every test a promise names, each once, in the README's order."""
    return list(dict.fromkeys(found for promise in promises(readme) for found in REFERENCE.findall(promise)))


if __name__ == "__main__":
    print("\n".join(f"{file}::{name}" for file, name in promised_tests()))
