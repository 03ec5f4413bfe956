"""`timeline add` as a real process on a pseudo-terminal (the `pty` module): it asks because stdin is a terminal,
re-asks a refused answer, and a Ctrl-C typed at any question leaves the file byte for byte as it was."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from timeline.errors import ExitCode
from conftest import subprocess_environment
from test_add import ANSWERS, COMMENTED, event_ids, only_inserted, write

PROMPTS = ("Date", "Title in Japanese", "Title in English", "Summary in Japanese", "Summary in English", "Topics",
           "Actors", "Source", "Quote")
WAIT = 30.0  # seconds for one prompt to appear: generous for a loaded machine; a hang fails, it does not block


class Terminal:
    """`python -m timeline ARGS` with a pseudo-terminal as its controlling terminal and stdin/stdout/stderr."""

    def __init__(self, *args: str | os.PathLike, cwd: Path):
        env = subprocess_environment({"TERM": "dumb", "COLUMNS": "100"})
        command = [sys.executable, "-m", "timeline", *(str(arg) for arg in args)]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: a new session whose controlling terminal is the pty (pty.fork made it so)
            try:
                os.chdir(cwd)
                os.execve(sys.executable, command, env)
            finally:
                os._exit(127)
        self.seen = ""

    def wait_for(self, text: str) -> None:
        """Read until `text` has appeared since the last wait."""
        deadline = time.monotonic() + WAIT
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no {text!r} after {WAIT} s; the terminal shows: {self.seen!r}"
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:  # EIO: the child has gone
                    chunk = b""
                assert chunk, f"the process ended before {text!r}; the terminal shows: {self.seen!r}"
                self.seen += chunk.decode("utf-8", "replace")
        self.seen = self.seen[self.seen.index(text) + len(text):]

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def wait_reading(self) -> None:
        """Wait until the process sleeps (blocked reading the answer), as it is when a person presses a key: a Ctrl-C
        typed in the microseconds between the prompt's write and the read can be lost inside the interpreter's own
        read loop (CPython's input(), before it waits), which no person's hand is quick enough to hit."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            with open(f"/proc/{self.pid}/stat", encoding="ascii", errors="replace") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "S":
                    return
            time.sleep(0.01)

    def finish(self) -> int:
        """Read the rest of the output until the process ends; its exit status (a hang fails after WAIT)."""
        deadline = time.monotonic() + WAIT
        while True:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            self._drain(0.1)
            if done:
                self.pid = 0
                return os.waitstatus_to_exitcode(status)
            assert time.monotonic() < deadline, f"still running after {WAIT} s; the terminal shows: {self.seen!r}"

    def _drain(self, timeout: float) -> None:
        while select.select([self.fd], [], [], timeout)[0]:
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # EIO: the child has gone
                return
            if not chunk:
                return
            self.seen += chunk.decode("utf-8", "replace")
            timeout = 0

    def close(self) -> None:
        os.close(self.fd)


@pytest.fixture
def terminal():
    opened: list[Terminal] = []

    def start(*args, cwd: Path) -> Terminal:
        opened.append(Terminal(*args, cwd=cwd))
        return opened[-1]

    yield start
    for one in opened:
        if one.pid:  # a test that failed before the process ended
            os.kill(one.pid, signal.SIGKILL)
            os.waitpid(one.pid, 0)
        one.close()


def answer_every_question(session) -> None:
    """Answer each question in turn, the first (the date) already asked."""
    for prompt, answer in zip(PROMPTS, ANSWERS):
        if prompt != "Date":
            session.wait_for(prompt)
        session.type(answer + "\r")


def test_on_a_terminal_every_missing_field_is_asked_and_a_refused_answer_again(tmp_path, terminal):
    path = write(tmp_path / "events.yaml", COMMENTED)
    session = terminal("add", "-f", path, cwd=tmp_path)
    session.wait_for("Date")
    session.type("next blursday\r")
    session.wait_for("Date")  # asked again, after saying why
    answer_every_question(session)  # the date question is already on the screen
    assert session.finish() == ExitCode.OK, session.seen
    assert "added event 'a-new-thing'" in session.seen
    assert event_ids(path) == ["early", "a-new-thing", "trump-inauguration", "late"]
    assert "  - id: a-new-thing\n" in only_inserted(COMMENTED, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("at", PROMPTS)
def test_ctrl_c_at_each_question_leaves_the_file_byte_for_byte(tmp_path, terminal, at):
    path = write(tmp_path / "events.yaml", COMMENTED)
    before = path.read_bytes()
    session = terminal("add", "-f", path, cwd=tmp_path)
    for prompt, answer in zip(PROMPTS, ANSWERS):
        session.wait_for(prompt)
        if prompt == at:
            session.wait_reading()
            session.type("\x03")  # the terminal turns it into SIGINT for the foreground process
            break
        session.type(answer + "\r")
    assert session.finish() == ExitCode.INTERRUPTED, session.seen
    assert "Interrupted." in session.seen
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["events.yaml"]  # no temporary file either


def test_ctrl_d_at_a_question_is_the_same_as_ctrl_c(tmp_path, terminal):
    path = write(tmp_path / "events.yaml", COMMENTED)
    session = terminal("add", "-f", path, cwd=tmp_path)
    session.wait_for("Date")
    session.type("\x04")
    assert session.finish() == ExitCode.INTERRUPTED, session.seen
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_a_file_saved_by_someone_else_while_answering_is_not_overwritten(tmp_path, terminal):
    path = write(tmp_path / "events.yaml", COMMENTED)
    session = terminal("add", "-f", path, cwd=tmp_path)
    session.wait_for("Date")
    theirs = COMMENTED.replace("# end of the file", "# saved in an editor meanwhile")
    write(path, theirs)
    answer_every_question(session)  # the date question is already on the screen
    assert session.finish() == ExitCode.USAGE, session.seen
    assert "changed" in session.seen
    assert path.read_text(encoding="utf-8") == theirs


def test_bytes_that_are_no_utf8_typed_at_a_prompt_are_refused_and_asked_again(tmp_path, terminal):
    path = write(tmp_path / "events.yaml", COMMENTED)
    session = terminal("add", "-f", path, cwd=tmp_path)
    for prompt, answer in zip(PROMPTS, ANSWERS):
        session.wait_for(prompt)
        if prompt == "Title in Japanese":
            os.write(session.fd, b"\xff\xfe\r")
            session.wait_for("not UTF-8")
            session.wait_for(prompt)  # asked again
        session.type(answer + "\r")
    assert session.finish() == ExitCode.OK, session.seen
    assert "Traceback" not in session.seen
    assert event_ids(path) == ["early", "a-new-thing", "trump-inauguration", "late"]
