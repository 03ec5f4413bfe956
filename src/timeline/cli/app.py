"""The Typer app, the version flag, and the one place errors become messages and exit codes.

`command` holds the contract inside a command (what CliRunner tests see): a library error is one `Error:` line
(and the hint under it, when it has one) and its exit code, and click's own usage errors are told the same way
(`_Commands`); Ctrl-C is "Interrupted." and 130, running out of memory is a message and 1, a terminal narrower
than NARROWEST is drawn on as that wide. `run_contract` adds what only a real process has: standard
streams that may be closed, full, read by someone who leaves (`| head`) or in an encoding other than UTF-8
(streams.py), every terminating signal (signals.py), and the final flush. README.md, "What timeline promises"
lists the guarantees and the tests that keep them.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import re
import signal
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from .. import DISTRIBUTION, __version__
from ..errors import ExitCode, FileAccessError, InvalidDataError, Severity, TimelineError
from ..render.text import NARROWEST
from .signals import Terminated, handle_terminating_signals, ignore_signals, signal_name
from .streams import GuardedStream, OutputError, reserve_standard_descriptors
from .usage_errors import UsageCommand, UsageGroup, explain


class _Commands(UsageGroup):
    """typer's group of commands, with click's own usage errors (an unknown option or command, a bad option value,
    a missing argument) told in the one style of every error (`report_error`) and in plain words (usage_errors.py)
    instead of typer's boxed panel."""

    def make_context(self, *args, **kwargs):
        with _usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _usage_errors():
            return super().invoke(ctx)


app = typer.Typer(
    name="timeline",
    cls=_Commands,
    help="Build sourced, checkable chronologies from a YAML file of events.",
    no_args_is_help=True,
    # --install-completion / --show-completion, and the `_TIMELINE_COMPLETE` protocol of typer's shell scripts.
    # typer imports its completion code whatever this says; candidates are found only when a shell asks
    # (options.completer), so start-up is unchanged (benchmarks/README.md, "Completion").
    add_completion=True,
    pretty_exceptions_enable=False,  # an unexpected exception is a bug report, not a colourful screen
    context_settings={"help_option_names": ["-h", "--help"]},
)

_COMPLETE_VARIABLE = "_TIMELINE_COMPLETE"  # set by the shells' completion scripts (typer: _{PROG_NAME}_COMPLETE)
F = TypeVar("F", bound=Callable)
_state = {"interrupt_reported": False, "internal": False}  # internal: the running command's --internal  # so that `run_contract` says "Interrupted." once, whoever caught the Ctrl-C


def say(message: str, *, prefix: str = "") -> None:
    """A message for the person at the terminal: stderr, never mixed into data on stdout. `prefix` is ours, not
    data (a coloured `Error:`), and goes before it as it is."""
    from ..render.text import terminal_safe

    # One line whatever the data holds: a newline in a file name must not start a line of its own, where a
    # CI runner could read it as a command (`::add-mask::`).
    typer.echo(prefix + terminal_safe(message, one_line=True), err=True, color=bool(prefix) or None)


def wants_colour(stream) -> bool:
    """Whether to colour what goes to `stream` (sys.stdout or sys.stderr): never under NO_COLOR (set and not
    empty, as no-color.org says) or TERM=dumb, always under FORCE_COLOR (set and not empty, as rich reads it),
    else only when the stream is a terminal, so a pipe, a file or a CI log gets plain text."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def report_error(message: str, hint: str = "") -> None:
    """The one style of every error that is not a problem in the data (a usage or file error, a bad option value):
    `Error: message` on stderr, `Error:` in red on a colour terminal, then the hint, each of its lines indented
    as a problem's hint is."""
    from ..render.problems import paint

    say(message, prefix=paint("Error:", "error", wants_colour(sys.stderr)) + " ")
    for number, line in enumerate(hint.splitlines()):
        say(("  hint: " if number == 0 else "        ") + line)


def fail(error: TimelineError) -> typer.Exit:
    """Report a library error on stderr and return the Exit to raise."""
    if isinstance(error, InvalidDataError):
        from ..render.problems import render_text

        sys.stderr.write(render_text(shown_problems(error), colour=wants_colour(sys.stderr)))
        errors = sum(problem.severity is Severity.ERROR for problem in error.problems)
        # The problems are listed just above, so the line points at them rather than at another command.
        report_error(f"the data is invalid ({errors} error(s), listed above); fix them and run the command again")
    else:
        report_error(str(error), error.hint)
        if isinstance(error, OutputError):
            error.reported = True  # `run_contract` reports a stdout failure that nobody else did
    return typer.Exit(int(error.exit_code))


def shown_problems(error: InvalidDataError) -> list:
    """The one place invalid data becomes output, for every command: without --internal, a problem inside an
    internal note or a private source, or quoting one, says only that details were withheld (internal.withhold).
    `error.datas` holds the bytes of a side that is no file on disk (`diff REV`)."""
    if _state["internal"]:
        return list(error.problems)
    from ..internal import withhold

    return withhold(error.problems, datas=getattr(error, "datas", None), files=error.files)


@contextlib.contextmanager
def _usage_errors():
    """click's usage errors (ClickException, typer.BadParameter among them) in our style, with their exit code."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError  # typer's vendored click

    try:
        yield
    except NoArgsIsHelpError:
        raise  # `timeline` alone: typer prints the help
    except ClickException as error:
        report_error(*explain(error))
        raise typer.Exit(error.exit_code) from None


def command(*args, **kwargs) -> Callable[[F], F]:
    """`app.command` plus the error contract: TimelineError -> message + exit code, Ctrl-C -> 130; usage errors in
    plain words (a UsageCommand, unless `cls` says otherwise)."""
    kwargs.setdefault("cls", UsageCommand)

    def register(func: F) -> F:
        if func.__doc__ and "help" not in kwargs:
            kwargs["help"] = reflowed(func.__doc__)
        @functools.wraps(func)
        def guarded(*call_args, **call_kwargs):
            try:
                return _contract(func, call_args, call_kwargs)
            except MemoryError:
                pass  # report below, once this handler has let go of the frames that hold the data
            raise out_of_memory()

        app.command(*args, **kwargs)(guarded)
        return func

    return register


def reflowed(doc: str) -> str:
    """A docstring as `--help` shows it: each paragraph one line, which the help wraps to the terminal. Typer's rich
    help keeps a docstring's single line breaks, so source lines of 120 columns broke sentences in the middle on an
    80-column terminal. A line starting a list item (`- `) keeps its break."""
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(re.sub(r"\n(?!- )", " ", paragraph) for paragraph in paragraphs)


def _contract(func: Callable, call_args: tuple, call_kwargs: dict):
    usable_terminal()
    _state["internal"] = call_kwargs.get("internal") is True  # a command without --internal always withholds
    written = _written()
    if written is not None:
        written.clear()  # what an earlier command of this process wrote (a test's CliRunner) is not this one's
    try:
        return func(*call_args, **call_kwargs)
    except TimelineError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        raise interrupted() from None
    finally:
        _state["internal"] = False


def interrupted() -> typer.Exit:
    """Ctrl-C: one line, exit 130. A partial `-o` file is never left (fileio's writers clean up)."""
    ignore_signals()  # the command is ending: a SIGTERM now must not add a second goodbye
    _state["interrupt_reported"] = True
    say(f"Interrupted{_after_writing()}.")
    return typer.Exit(int(ExitCode.INTERRUPTED))


def _written():
    """fileio's record of the outputs written in full; None if this process never imported fileio (none was)."""
    module = sys.modules.get("timeline.fileio.write")
    return None if module is None else module.written


def _after_writing() -> str:
    """' after out.html was written in full': a signal that comes once the output is in place (while its folder
    is synced, or the last line said) must not read as a failure to write it."""
    names = list(_written() or ())
    if not names:
        return ""
    return f" after {', '.join(names)} {'was' if len(names) == 1 else 'were'} written in full"


def out_of_memory() -> typer.Exit:
    """MemoryError: the input is too large for the memory this process may use; a message, not a traceback."""
    say("Error: out of memory: the input is too large to process; split it into smaller files "
        "(TIMELINE_MAX_BYTES sets the size cap)")
    return typer.Exit(int(ExitCode.INVALID))


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # resilient: a shell completing `timeline -V <Tab>`, not a request
        from importlib.util import find_spec

        from ..load import PARSER_NAME
        from ..load import READER_NAME

        # Found, not imported: the near-duplicate check's compiled part (_similar.c) is built with the block reader.
        similar = "compiled" if find_spec("timeline._similar") else "in Python (no C compiler at install)"
        typer.echo(f"timeline {__version__} (installed as {DISTRIBUTION}; YAML: {READER_NAME}, then {PARSER_NAME}; "
                   f"near-duplicate check: {similar}; Python {sys.version.split()[0]})")
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
    130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 128+N ended by another signal N (129 SIGHUP).
    """


def run_contract() -> None:
    """The process-wide contract around `app` (README.md, "What timeline promises"); cli.main runs it.

    Exit codes are README's: 0, 1, 2, 130 for Ctrl-C, 143 when terminated (SIGTERM), 128+N for any other signal N
    that would end the process (SIGHUP, SIGQUIT, SIGUSR1, SIGALRM, ...). Whatever happens, the last word is one
    line on stderr, never a traceback for something outside the program's control.
    """
    reserve_standard_descriptors()
    sys.stdout = GuardedStream(sys.stdout, 1, "stdout")
    sys.stderr = GuardedStream(sys.stderr, 2, "stderr")
    handle_terminating_signals()
    usable_terminal()  # here too, for what typer draws before any command runs: --help, a usage error
    try:
        try:
            code = _finish(_run_app())
        except KeyboardInterrupt:  # between typer's handlers, or while flushing
            code = _after_interrupt()
    except Terminated as terminated:  # also while saying goodbye to a Ctrl-C, before its handler ignored signals
        code = _terminated(terminated.signum)
    ignore_signals()  # the exit status is chosen and the output flushed: nothing is left to clean up
    sys.exit(code)


def _run_app() -> int:
    try:
        app(prog_name="timeline")
        return 0
    except SystemExit as done:
        return _exit_status(done.code)
    except TimelineError as error:  # OutputError while typer itself printed (help, a usage error)
        return fail(error).exit_code
    except OSError as error:  # typer's own work: --install-completion writing a shell's start-up file
        where = f"{error.filename}: " if error.filename else ""
        return fail(FileAccessError(f"{where}cannot write: {error.strerror or error}")).exit_code
    except (KeyError, ValueError) as error:
        if not os.environ.get(_COMPLETE_VARIABLE):
            raise  # a bug: the traceback is the report
        # typer's completion protocol with variables a shell would never set (COMP_CWORD=x, no COMP_WORDS),
        # e.g. a stray exported _TIMELINE_COMPLETE: say so in one line instead of a traceback.
        say(f"Error: {_COMPLETE_VARIABLE} is set, but the shell-completion variables with it are not "
            f"usable ({type(error).__name__}: {error}); unset {_COMPLETE_VARIABLE}")
        return int(ExitCode.USAGE)
    except MemoryError:
        pass
    out_of_memory()
    return int(ExitCode.INVALID)


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    say(str(code))  # sys.exit("message"), as some libraries do
    return 1


def _finish(code: int) -> int:
    """Flush stdout while a failure can still be reported: a full disk is exit 2, not a lost ending."""
    if code == ExitCode.INTERRUPTED and not _state["interrupt_reported"]:
        return _after_interrupt()  # Ctrl-C during typer's own parsing: it exits 130 without a word
    try:
        sys.stdout.flush()
    except TimelineError:
        pass  # recorded as the stream's failure
    failure = getattr(sys.stdout, "failure", None)
    if failure is not None and not failure.reported:  # raised where someone swallowed it, or at this flush
        say(f"Error: {failure}")
        return int(failure.exit_code)
    return code


def _after_interrupt() -> int:
    ignore_signals()  # a second Ctrl-C, or a SIGTERM, must not interrupt the goodbye
    if not _state["interrupt_reported"]:
        interrupted()
    return int(ExitCode.INTERRUPTED)


def _terminated(signum: int) -> int:
    """One line, and 128 + N: "Terminated." for SIGTERM, as `kill` users expect, else the signal's name."""
    say(f"Terminated{_after_writing()}." if signum == signal.SIGTERM
        else f"Terminated by {signal_name(signum)}{_after_writing()}.")
    return int(ExitCode.for_signal(signum))


def usable_terminal() -> None:
    """A terminal narrower than NARROWEST columns is drawn on as NARROWEST wide, and wraps the lines.

    rich takes COLUMNS as it is (and the width the terminal reports, when COLUMNS is unset): at 0, 1 or 2 it lays
    every table out in nothing, so `list` printed an empty table, `show` nothing and `--help` nothing, all exit
    0, and a usage error no message at all. Raising COLUMNS reaches every Console, typer's included, and the
    pager. A terminal that reports 0 columns (a pseudo-terminal not yet sized) is left to rich, which reads 80.
    """
    columns = os.environ.get("COLUMNS")
    if columns is None:
        width = _reported_width()
    elif columns.strip().isdigit():
        width = int(columns)
    else:
        return  # rich ignores it too
    if width is not None and width < NARROWEST:
        os.environ["COLUMNS"] = str(NARROWEST)


def _reported_width() -> int | None:
    """The width the terminal reports, read as rich reads it (stdin, stdout, stderr: the first that is one)."""
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
        return width or None  # 0: not sized yet, rich's 80
    return None
