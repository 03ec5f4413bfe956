"""Every signal whose default action ends the process is handled like SIGTERM.

`Terminated` is raised where the program stands, so that `finally` and `except BaseException` blocks run (fileio
removes its temporary file and the old file stays); app.run_contract then says one line and exits 128 + N. Not
handled: SIGINT, which is Python's KeyboardInterrupt (130, "Interrupted."); SIGPIPE and SIGXFSZ, which Python
ignores so that writes fail with EPIPE and EFBIG, handled as such; and the faults (SIGSEGV, SIGBUS, SIGFPE,
SIGILL, SIGABRT, SIGTRAP, SIGSYS), which say that the process itself went wrong: a core dump serves better than
clean-up code running in a broken process.
"""

from __future__ import annotations

import signal
import sys

from ..errors import terminating_signals

_handled: set[int] = set()
_first: list[int] = []  # the signal that ends the program, once one has come


def handle_terminating_signals() -> None:
    """Handle each terminating signal left at its default; one the parent ignores stays ignored (`nohup` ignores
    SIGHUP so that the command survives the terminal), and one a profiler or debugger handles stays theirs."""
    _first.clear()  # a new command (tests run many in one process)
    for signum in terminating_signals():
        try:
            if signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, _terminate)
                _handled.add(signum)
        except (OSError, ValueError):  # a number the C library reserves for itself
            pass


def ignore_signals() -> None:
    """From the first signal on, the program is ending: a second one (or a Ctrl-C) must not interrupt the
    clean-up or the goodbye, which take milliseconds.

    They go to a handler that does nothing, not to SIG_IGN: a signal that arrived while the first was being
    handled is still pending in Python, and Python, finding it ignored when it comes to it, prints a traceback
    ("Signal 15 ignored due to race condition", a hostile review sending SIGHUP then SIGTERM)."""
    for signum in (*_handled, signal.SIGINT):
        try:
            signal.signal(signum, _ignore)
        except (OSError, ValueError):
            pass


def _ignore(signum, frame) -> None:
    """A signal after the first: the program is already ending."""


class Terminated(BaseException):
    """A terminating signal, raised where the program stands so that `finally` blocks run (no temporary file is
    left); `signum` says which."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminate(signum, frame) -> None:
    if _first:  # a second signal whose handler ran inside the first's, before it could set the others aside
        return
    _first.append(signum)
    ignore_signals()
    if isinstance(sys.exc_info()[1], KeyboardInterrupt):
        # A Ctrl-C is unwinding (fileio removing its temporary file): raising here would cut that clean-up short.
        # The program is ending anyway, with the Ctrl-C's one line.
        return
    raise Terminated(signum)


def signal_name(signum: int) -> str:
    """SIGHUP, SIGRTMIN+3, or `signal 99` for a number without a name."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        pass
    if hasattr(signal, "SIGRTMIN") and signal.SIGRTMIN < signum < signal.SIGRTMAX:
        return f"SIGRTMIN+{signum - signal.SIGRTMIN}"
    return f"signal {signum}"
