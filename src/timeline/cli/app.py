"""The Typer app, the version flag, and the one place errors become messages and exit codes.

`command` holds the contract inside a command (what CliRunner tests see): a library error is one `Error:` line
and its exit code, Ctrl-C is "Interrupted." and 130, running out of memory is a message and 1. `main` adds what
only a real process has: standard streams that may be closed, full or read by someone who leaves (`| head`),
signals, and the final flush. README.md, "What timeline promises" lists the guarantees and the tests that keep them.
"""

from __future__ import annotations

import errno
import functools
import os
import signal
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from .. import DISTRIBUTION, __version__
from ..errors import ExitCode, FileAccessError, InvalidDataError, TimelineError

app = typer.Typer(
    name="timeline",
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
_state = {"interrupt_reported": False}  # so that `main` says "Interrupted." once, whoever caught the Ctrl-C


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
        if isinstance(error, OutputError):
            error.reported = True  # `main` reports a stdout failure that nobody else did
    return typer.Exit(int(error.exit_code))


def command(*args, **kwargs) -> Callable[[F], F]:
    """`app.command` plus the error contract: TimelineError -> message + exit code, Ctrl-C -> 130."""

    def register(func: F) -> F:
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


def _contract(func: Callable, call_args: tuple, call_kwargs: dict):
    try:
        return func(*call_args, **call_kwargs)
    except TimelineError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        raise interrupted() from None


def interrupted() -> typer.Exit:
    """Ctrl-C: one line, exit 130. A partial `-o` file is never left (fileio.write_atomic cleans up)."""
    _state["interrupt_reported"] = True
    say("Interrupted.")
    return typer.Exit(int(ExitCode.INTERRUPTED))


def out_of_memory() -> typer.Exit:
    """MemoryError: the input is too large for the memory this process may use; a message, not a traceback."""
    say("Error: out of memory: the input is too large to process; split it into smaller files "
        "(TIMELINE_MAX_BYTES sets the size cap)")
    return typer.Exit(int(ExitCode.INVALID))


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # resilient: a shell completing `timeline -V <Tab>`, not a request
        from ..load import PARSER_NAME
        from ..scan import READER_NAME

        typer.echo(f"timeline {__version__} (installed as {DISTRIBUTION}; YAML: {READER_NAME}, then {PARSER_NAME}; "
                   f"Python {sys.version.split()[0]})")
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
    130 interrupted (Ctrl-C), 143 terminated.
    """


def main() -> None:
    """Console-script entry point: the process-wide contract around `app` (README.md, "What timeline promises").

    Exit codes are README's: 0, 1, 2, 130 for Ctrl-C, and 143 when terminated (SIGTERM). Whatever happens, the
    last word is one line on stderr, never a traceback for something outside the program's control.
    """
    _reserve_standard_descriptors()
    sys.stdout = GuardedStream(sys.stdout, 1, "stdout")
    sys.stderr = GuardedStream(sys.stderr, 2, "stderr")
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = _finish(_run_app())
    except KeyboardInterrupt:  # between typer's handlers, or while flushing
        code = _after_interrupt()
    except _Terminated:
        code = _terminated()
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
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the goodbye
    if not _state["interrupt_reported"]:
        interrupted()
    return int(ExitCode.INTERRUPTED)


class _Terminated(BaseException):
    """SIGTERM, raised where the program stands so that `finally` blocks run (no temporary file is left)."""


def _terminate(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise _Terminated


def _terminated() -> int:
    say("Terminated.")
    return 128 + signal.SIGTERM


def _reserve_standard_descriptors() -> None:
    """Open /dev/null on a closed 0, 1 or 2, so that no file this process opens can take their number.

    Python then still sees the stream as closed (sys.stdout is None), which GuardedStream reports.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


class OutputError(FileAccessError):
    """stdout cannot be written (closed, disk full, I/O error); exit 2 like any file that cannot be written."""

    reported = False


class GuardedStream:
    """A standard stream whose failures end in one clean outcome, installed by `main` over stdout and stderr.

    The reader leaving (EPIPE, `timeline list | head -1`) is no error: the rest of the output is discarded and
    the command ends with its own exit code. Any other failure on stdout (a closed descriptor, a full disk)
    raises OutputError once, which the command reports in one line with exit 2. stderr only carries talk, so
    its failures are ignored. After a failure the descriptor points at /dev/null, so that nothing is retried,
    not even Python's own flush at exit (which would print "Exception ignored ..." and exit 120).
    """

    def __init__(self, stream, fd: int, name: str):
        self._closed = stream is None  # Python found the descriptor closed at start-up (`>&-`)
        self._stream = stream if stream is not None else open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        self._fd = fd
        self._name = name
        self._failed = False
        self.failure: OutputError | None = None  # the stdout failure, reported by `fail` or at the final flush

    def write(self, text: str) -> int:
        if isinstance(text, str) and not text:
            return 0  # click probes a stream with write(""), which a full disk already refuses
        self._guard(self._stream.write, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    @property
    def buffer(self):
        return _GuardedBuffer(self)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def _guard(self, operation: Callable, *data) -> None:
        if self._failed:
            return
        try:
            operation(*data)  # a TypeError (bytes to a text stream) passes: click probes streams that way
        except OSError as error:
            self._fail(error)
            return
        if self._closed and data and data[0] and self._name == "stdout":
            self._failed = True
            self.failure = OutputError("cannot write to stdout: it is closed")
            raise self.failure

    def _fail(self, error: OSError) -> None:
        self._failed = True
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._fd)
            os.close(null)
        except OSError:
            pass
        if self._name == "stdout" and error.errno != errno.EPIPE:
            self.failure = OutputError(f"cannot write to stdout: {error.strerror or error}")
            raise self.failure from None


class _GuardedBuffer:
    """`sys.stdout.buffer` under the same guard, for commands that write bytes."""

    def __init__(self, owner: GuardedStream):
        self._owner = owner

    def write(self, data: bytes) -> int:
        self._owner._guard(self._owner._stream.buffer.write, data)
        return len(data)

    def flush(self) -> None:
        self._owner._guard(self._owner._stream.buffer.flush)

    def __getattr__(self, name: str):
        return getattr(self._owner._stream.buffer, name)
