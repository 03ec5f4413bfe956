"""The standard streams of a real process, guarded: closed, full, or read by someone who leaves (`| head`), and
in any encoding. Installed by app.run_contract; CliRunner tests see the plain streams.
"""

from __future__ import annotations

import codecs
import errno
import os
from collections.abc import Callable

from ..errors import FileAccessError
from ..render.text import ConsoleText, console_encoder


def reserve_standard_descriptors() -> None:
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
    """A standard stream whose failures end in one clean outcome, and that never fails to encode, installed by
    `app.run_contract` over stdout and stderr.

    The reader leaving (EPIPE, `timeline list | head -1`) is no error: the rest of the output is discarded and
    the command ends with its own exit code. Any other failure on stdout (a closed descriptor, a full disk)
    raises OutputError once, which the command reports in one line with exit 2. stderr only carries talk, so
    its failures are ignored. After a failure the descriptor points at /dev/null, so that nothing is retried,
    not even Python's own flush at exit (which would print "Exception ignored ..." and exit 120).

    Encodings: data (JSON, JSON Lines, CSV, Markdown, SARIF, the schema, a diff: any plain str written here) goes
    out as UTF-8 whatever the locale, so a file or a program gets the same bytes everywhere. Text drawn for a
    person goes out in the console's own encoding (PYTHONIOENCODING, the locale), with look-alikes and escapes
    for what that encoding cannot show (render.text.console_encoder): a ConsoleText (tables and `show` in a
    pipe), whatever rich draws (tables, `show` and --help on a terminal, through rich's `rich_proxied_file`
    hook), and everything on stderr. `encoding` is "utf-8" because any str may be written: click would
    otherwise wrap an ASCII stream in a UTF-8 one of its own, past this guard.
    """

    encoding = "utf-8"

    def __init__(self, stream, fd: int, name: str):
        self._closed = stream is None  # Python found the descriptor closed at start-up (`>&-`)
        self._stream = stream if stream is not None else open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        self._fd = fd
        self._name = name
        self._failed = False
        self.failure: OutputError | None = None  # the stdout failure, reported by app.fail or at the final flush
        self.console_encoding = _codec_name(getattr(self._stream, "encoding", None))
        self._console = console_encoder(self.console_encoding)
        self._binary = getattr(self._stream, "buffer", None)
        # Talk on stderr shows at once; on a terminal, stdout shows line by line (what the text layer did).
        self._line_by_line = name == "stderr" or bool(getattr(self._stream, "line_buffering", False))
        self.rich_proxied_file = _ConsoleFile(self)

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            self._guard(self._stream.write, text)  # click probes a stream with bytes, for the TypeError
            return len(text)
        if not text:
            return 0  # click probes a stream with write(""), which a full disk already refuses
        if self._name == "stderr" or isinstance(text, ConsoleText):
            self.write_console(text)
        else:
            self._put(_utf8(text), text)
        return len(text)

    def write_console(self, text: str) -> None:
        """Text for a person, in the console's encoding; never an encoding error."""
        self._put(self._console.encode(text, final=True), text)

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

    def _put(self, data: bytes, text: str) -> None:
        if self._binary is None:  # a text-only stream (none in a real process): it encodes
            self._guard(self._stream.write, text)
        else:
            self._guard(self._send, data)

    def _send(self, data: bytes) -> None:
        """All of `data` to the byte layer, which is unbuffered under PYTHONUNBUFFERED (`python -u`), where one
        write may take only part of it."""
        view = memoryview(data)
        while view:
            written = self._binary.write(view)
            if written is None:  # a non-blocking descriptor that is full: wait until it takes more
                import select

                select.select([], [self._binary], [])
                continue
            view = view[written:]
        if self._line_by_line:
            self._binary.flush()

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


def _codec_name(encoding: str | None) -> str:
    """The codec of a stream's `encoding` (`ANSI_X3.4-1968` is ascii); UTF-8 when it names none."""
    try:
        return codecs.lookup(encoding or "utf-8").name
    except LookupError:
        return "utf-8"


def _utf8(text: str) -> bytes:
    """Data as UTF-8, always valid. A lone surrogate is a byte of a file name that os.fsdecode could not decode:
    a UTF-8 name under the C locale gets its own bytes back; a name that is not UTF-8 at all gets `\\udcff`
    escapes, which in JSON read back as the same string."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    raw = text.encode("utf-8", "surrogateescape")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return text.encode("utf-8", "backslashreplace")
    return raw


class _ConsoleFile:
    """What rich draws on (it looks for `rich_proxied_file`): the same stream, in the console's own encoding,
    which rich also reads to choose ASCII boxes where the encoding has no line-drawing characters."""

    def __init__(self, owner: GuardedStream):
        self._owner = owner

    @property
    def encoding(self) -> str:
        return self._owner.console_encoding

    def write(self, text: str) -> int:
        if text:
            self._owner.write_console(text)
        return len(text)

    def flush(self) -> None:
        self._owner.flush()

    def __getattr__(self, name: str):
        return getattr(self._owner, name)


class _GuardedBuffer:
    """`sys.stdout.buffer` under the same guard, for commands that write bytes."""

    def __init__(self, owner: GuardedStream):
        self._owner = owner

    def write(self, data: bytes) -> int:
        self._owner._guard(self._owner._send, data)
        return len(data)

    def flush(self) -> None:
        self._owner._guard(self._owner._stream.buffer.flush)

    def __getattr__(self, name: str):
        return getattr(self._owner._stream.buffer, name)
