"""The `timeline` command: the only place that reads argv, prints or exits.

Each module here registers the commands of one area on the shared `app`; heavy imports (yaml, rich) happen
inside the commands, so `timeline --help` stays fast.
"""

from __future__ import annotations

import gc
import os
import sys

# Importing a module registers its commands, in this order in --help.
from . import validate, verify, listing, chronology, normalize, init, docs  # noqa: F401,I001
from . import date  # noqa: F401,I001
from . import export  # noqa: F401,I001
from . import import_  # noqa: F401,I001
from . import html  # noqa: F401,I001
from . import diff  # noqa: F401,I001
from . import add  # noqa: F401,I001
from .app import app, run_contract

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point (through __main__.run): `app.run_contract` (every exit-code and stream promise),
    run for speed.

    The cyclic garbage collector stays off: a command builds one large graph of values and model objects
    that holds no cycles, so a collection only walks it again (at 100k events that was a second or more).
    Once `run_contract` has flushed and chosen the exit code, the process ends with `os._exit`, skipping the
    interpreter's teardown of that graph (about two seconds at 100k events); nothing is left to run then (no
    atexit handler, no open file: `-o` files are written and closed by fileio). If the final flush fails, the
    ordinary exit runs instead, so that such a failure is handled exactly as before.
    """
    gc.disable()
    try:
        run_contract()
    except SystemExit as done:
        if not isinstance(done.code, int):
            raise
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - whatever it is, the interpreter's own exit deals with it
            raise done from None
        os._exit(done.code)
