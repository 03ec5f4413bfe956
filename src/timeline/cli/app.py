"""The Typer app, the version flag, and the one place errors become messages and exit codes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from .. import __version__
from ..errors import ExitCode, InvalidDataError, TimelineError

app = typer.Typer(
    name="timeline",
    help="Build sourced, checkable chronologies from a YAML file of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # an unexpected exception is a bug report, not a colourful screen
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable)


def say(message: str) -> None:
    """A message for the person at the terminal: stderr, never mixed into data on stdout."""
    from ..render.text import terminal_safe

    # One line whatever the data holds: a newline in a file name must not start a line of its own, where a
    # CI runner could read it as a command (`::add-mask::`).
    typer.echo(terminal_safe(message, one_line=True), err=True)


def fail(error: TimelineError) -> typer.Exit:
    """Report a library error on stderr and return the Exit to raise."""
    if isinstance(error, InvalidDataError):
        from ..render.problems import render_text

        sys.stderr.write(render_text(error.problems))
        say(f"Error: the data is invalid ({len(error.problems)} error(s)); fix them or run `timeline validate` for details")
    else:
        say(f"Error: {error}")
    return typer.Exit(int(error.exit_code))


def command(*args, **kwargs) -> Callable[[F], F]:
    """`app.command` plus the error contract: TimelineError -> message + exit code, Ctrl-C -> 130."""

    def register(func: F) -> F:
        @functools.wraps(func)
        def guarded(*call_args, **call_kwargs):
            try:
                return func(*call_args, **call_kwargs)
            except TimelineError as error:
                raise fail(error) from None
            except KeyboardInterrupt:
                say("Interrupted.")
                raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

        app.command(*args, **kwargs)(guarded)
        return func

    return register


def _version(value: bool) -> None:
    if value:
        from ..load import PARSER_NAME

        typer.echo(f"timeline {__version__} (YAML parser: {PARSER_NAME}; Python {sys.version.split()[0]})")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and the YAML parser in use.")
    ] = False,
) -> None:
    """Build sourced, checkable chronologies from a YAML file of events.

    Files: -f/--file (repeatable), else $TIMELINE_FILE, else ./events.yaml, else the bundled dataset.
    Exit codes: 0 ok (also "no events matched"), 1 invalid data or a failed check, 2 usage or file error,
    130 interrupted.
    """


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="timeline")
    except BrokenPipeError:
        # `timeline list | head`: the reader left; that is not an error worth a traceback.
        sys.stderr.close()
        sys.exit(int(ExitCode.OK))
