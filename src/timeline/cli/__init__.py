"""The `timeline` command: the only place that reads argv, prints or exits.

Each module here registers the commands of one area on the shared `app`; heavy imports (yaml, rich) happen
inside the commands, so `timeline --help` stays fast.
"""

from __future__ import annotations

# Importing a module registers its commands, in this order in --help.
from . import validate, verify, listing, chronology, normalize, init  # noqa: F401,I001
from .app import app, main

__all__ = ["app", "main"]
