"""`python -m timeline`, and the `timeline` console script's entry point.

The CLI is imported inside `run()` so that a Ctrl-C during the imports (typer and rich take a moment) ends
like a Ctrl-C anywhere else: one line and exit 130, not a traceback.
"""

import sys


def run() -> None:
    try:
        from timeline.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
