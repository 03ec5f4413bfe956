"""Every signal that would end the process ends it like SIGTERM: no temporary file, the old file intact, one line on
stderr, exit 128 + N (README "Exit codes").

Real processes receiving real signals. Most runs hold the write open at the moment that matters: a small wrapper
(HOLD, below) starts the real entry point, `python -m timeline`, with `os.fsync` of the temporary file waiting
until the test has seen the temporary file in the directory and sent its signal, so the signal lands while the
write is in progress, every time. One run per signal goes without the wrapper, signalled mid-work on a large file.
"""

from __future__ import annotations

import datetime
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL, subprocess_environment

from timeline.cli.signals import signal_name
from timeline.errors import ExitCode, terminating_signals

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc (the hold reads fd names)")

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
OLD = "the previous chronology\n"
# Not in canonical form, so that `normalize` rewrites it.
UNNORMALIZED = MINIMAL_TEXT.replace("topics: [ai-policy]", "topics:\n      - ai-policy")

# Each signal, its exit status, and the one line: every terminating signal whatever the architecture numbers it.
SIGNALS = {
    "SIGHUP": (ExitCode.HANGUP, "Terminated by SIGHUP.\n"),
    "SIGINT": (ExitCode.INTERRUPTED, "Interrupted.\n"),
    "SIGQUIT": (ExitCode.QUIT, "Terminated by SIGQUIT.\n"),
    "SIGUSR1": (ExitCode.USER_SIGNAL_1, "Terminated by SIGUSR1.\n"),
    "SIGUSR2": (ExitCode.USER_SIGNAL_2, "Terminated by SIGUSR2.\n"),
    "SIGALRM": (ExitCode.ALARM, "Terminated by SIGALRM.\n"),
    "SIGTERM": (ExitCode.TERMINATED, "Terminated.\n"),
    "SIGXCPU": (ExitCode.CPU_LIMIT, "Terminated by SIGXCPU.\n"),
    "SIGVTALRM": (ExitCode.VIRTUAL_ALARM, "Terminated by SIGVTALRM.\n"),
    "SIGPROF": (ExitCode.PROFILING_ALARM, "Terminated by SIGPROF.\n"),
}
if hasattr(signal, "SIGPWR"):
    SIGNALS["SIGPWR"] = (128 + signal.SIGPWR, "Terminated by SIGPWR.\n")
if hasattr(signal, "SIGRTMIN"):
    SIGNALS["SIGRTMIN+3"] = (128 + signal.SIGRTMIN + 3, "Terminated by SIGRTMIN+3.\n")


def number(name: str) -> int:
    base, _, offset = name.partition("+")
    return int(getattr(signal, base)) + int(offset or 0)


# The real entry point, with the fsync of a temporary file (`.NAME.XXXX.tmp`) held until HOLD/release appears or
# 30 s pass (HOLD/writing says it started), and the removal of one held 0.5 s (HOLD/removing says it started), so
# that a second signal lands in the clean-up. time.sleep is where the signal's handler runs.
HOLD = """
import os, runpy, sys, time
hold = sys.argv.pop(1)
fsync, unlink = os.fsync, os.unlink

def temporary(name):
    return os.path.basename(name).startswith(".") and name.endswith(".tmp")

def held_fsync(fd):
    if temporary(os.readlink(f"/proc/self/fd/{fd}")):
        open(os.path.join(hold, "writing"), "w").close()
        deadline = time.monotonic() + 30
        while not os.path.exists(os.path.join(hold, "release")) and time.monotonic() < deadline:
            time.sleep(0.01)
    return fsync(fd)

def slow_unlink(path, *args, **kwargs):
    if temporary(os.fspath(path)):
        open(os.path.join(hold, "removing"), "w").close()
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            time.sleep(0.01)
    return unlink(path, *args, **kwargs)

os.fsync, os.unlink, os.remove = held_fsync, slow_unlink, slow_unlink
sys.argv = ["timeline", *sys.argv[1:]]
runpy.run_module("timeline", run_name="__main__", alter_sys=True)
"""


class Held:
    """A `timeline` run whose write is held open (HOLD); `wait_for("writing")`, send signals, `finish()`."""

    def __init__(self, tmp_path: Path, args: list, prefix: tuple[str, ...] = ()):
        self.hold = tmp_path / "hold"
        self.hold.mkdir()
        self.work = tmp_path / "work"
        self.process = subprocess.Popen(
            [*prefix, sys.executable, "-c", HOLD, str(self.hold), *map(str, args)], cwd=self.work,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_environment({"TIMELINE_NO_CACHE": "1"}))

    def wait_for(self, marker: str) -> None:
        deadline = time.monotonic() + 60
        while not (self.hold / marker).exists():
            assert self.process.poll() is None, f"ended before {marker}: {self.process.communicate()}"
            assert time.monotonic() < deadline, f"no {marker} within 60 s"
            time.sleep(0.005)

    def temporary_files(self) -> list[str]:
        return sorted(p.name for p in self.work.iterdir() if p.name.endswith(".tmp"))

    def send(self, sig: int) -> None:
        self.process.send_signal(sig)

    def release(self) -> None:
        (self.hold / "release").touch()

    def finish(self) -> tuple[int, bytes, str]:
        stdout, stderr = self.process.communicate(timeout=60)
        return self.process.returncode, stdout, stderr.decode("utf-8", "replace")


def chronology_over_an_old_file(tmp_path: Path) -> list:
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "out.md").write_text(OLD, encoding="utf-8")
    return ["chronology", "-f", MINIMAL, "-o", "out.md"]


def normalize_a_file(tmp_path: Path) -> list:
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "events.yaml").write_text(UNNORMALIZED, encoding="utf-8")
    return ["normalize", "events.yaml"]


WRITES = {"chronology -o": (chronology_over_an_old_file, {"out.md": OLD}),
          "normalize": (normalize_a_file, {"events.yaml": UNNORMALIZED})}


def contents(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.iterdir())}


@pytest.mark.slow
@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("name", sorted(SIGNALS))
def test_a_signal_during_a_write_leaves_the_old_file_and_no_temporary_file(tmp_path, name, write):
    prepare, before = WRITES[write]
    run = Held(tmp_path, prepare(tmp_path))
    run.wait_for("writing")
    assert len(run.temporary_files()) == 1  # the write is in progress
    run.send(number(name))
    expected, message = SIGNALS[name]
    assert run.finish() == (expected, b"", message)
    assert contents(run.work) == before  # no temporary file, the old file as it was


def many_events(count: int) -> str:
    """A valid file of `count` events, generated in milliseconds."""
    registries, event = MINIMAL_TEXT.split("events:\n")
    day = datetime.date(2000, 1, 1)
    parts = [registries, "events:\n"]
    for index in range(count):
        date = (day + datetime.timedelta(days=index)).isoformat()
        parts.append(event.replace("trump-inauguration", f"event-{index}").replace("2025-01-20", date)
                     .replace("47th president", f"47th president, take {index}"))
    return "".join(parts)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """20,000 events: seconds of work, so that a signal sent mid-run finds the command busy."""
    path = tmp_path_factory.mktemp("big") / "events-20k.yaml"
    path.write_text(many_events(20_000), encoding="utf-8")
    return path


def resident_kilobytes(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS")), 0)


def deep_in_its_work(big_file: Path, tmp_path: Path) -> subprocess.Popen:
    """The plain `python -m timeline chronology -f BIG -o out.md` over an old out.md, past its imports and into
    the data."""
    (tmp_path / "out.md").write_text(OLD, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "timeline", "chronology", "-f", big_file, "-o", "out.md"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=subprocess_environment({"TIMELINE_NO_CACHE": "1"}))
    deadline = time.monotonic() + 30
    while resident_kilobytes(process.pid) < 100_000 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the command finished before the signal: use a larger file"
    return process


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(set(SIGNALS) - {"SIGINT"}))
def test_a_signal_mid_run_without_any_hold(big_file, tmp_path, name):
    """The plain `python -m timeline chronology -f BIG -o out.md`, signalled once deep in its work."""
    process = deep_in_its_work(big_file, tmp_path)
    process.send_signal(number(name))
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr.decode()) == (SIGNALS[name][0], b"", SIGNALS[name][1])
    assert contents(tmp_path) == {"out.md": OLD}


@pytest.mark.slow
@pytest.mark.parametrize("second", ["SIGTERM", "SIGINT", "SIGALRM"])
def test_two_signals_at_once_end_the_run_with_the_first_ones_line_and_no_traceback(big_file, tmp_path, second):
    """A hostile review: SIGHUP and a second signal sent together. Both were pending when Python came to them; the
    first one's handler set the second to SIG_IGN, and Python, finding it ignored, printed a traceback ("Signal 15
    ignored due to race condition") above the goodbye."""
    process = deep_in_its_work(big_file, tmp_path)
    process.send_signal(signal.SIGHUP)
    process.send_signal(number(second))
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr.decode()) == (ExitCode.HANGUP, b"", "Terminated by SIGHUP.\n")
    assert contents(tmp_path) == {"out.md": OLD}


@pytest.mark.slow
def test_more_signals_during_the_clean_up_change_nothing(tmp_path):
    """A second signal (or a Ctrl-C) while the temporary file is being removed and the goodbye said: ignored."""
    run = Held(tmp_path, chronology_over_an_old_file(tmp_path))
    run.wait_for("writing")
    run.send(signal.SIGHUP)
    run.wait_for("removing")
    for second in (signal.SIGTERM, signal.SIGINT, signal.SIGUSR1, signal.SIGHUP):
        run.send(second)
    assert run.finish() == (ExitCode.HANGUP, b"", "Terminated by SIGHUP.\n")
    assert contents(run.work) == {"out.md": OLD}


@pytest.mark.slow
def test_a_sigterm_during_the_clean_up_of_a_ctrl_c_changes_nothing(tmp_path):
    run = Held(tmp_path, chronology_over_an_old_file(tmp_path))
    run.wait_for("writing")
    run.send(signal.SIGINT)
    run.wait_for("removing")
    run.send(signal.SIGTERM)
    assert run.finish() == (ExitCode.INTERRUPTED, b"", "Interrupted.\n")
    assert contents(run.work) == {"out.md": OLD}


@pytest.mark.slow
def test_a_signal_ignored_by_the_parent_stays_ignored(tmp_path):
    """`nohup timeline ...` ignores SIGHUP so that the command outlives the terminal: it must go on and finish."""
    run = Held(tmp_path, chronology_over_an_old_file(tmp_path), prefix=("bash", "-c", "trap '' HUP; exec \"$@\"", "-"))
    run.wait_for("writing")
    run.send(signal.SIGHUP)
    time.sleep(0.2)
    run.release()
    code, stdout, stderr = run.finish()
    assert (code, stdout) == (0, b"") and stderr.startswith("chronology: wrote out.md")
    assert set(contents(run.work)) == {"out.md"} and contents(run.work)["out.md"].startswith("# ")


def test_every_terminating_signal_is_handled_and_no_fault_is():
    handled = set(terminating_signals())
    assert {number(name) for name in SIGNALS if name != "SIGINT"} <= handled
    faults = {signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE, signal.SIGILL, signal.SIGABRT, signal.SIGTRAP}
    untouched = {signal.SIGINT, signal.SIGPIPE, signal.SIGXFSZ, signal.SIGCHLD, signal.SIGKILL, signal.SIGSTOP}
    assert not handled & (faults | untouched)


@pytest.mark.parametrize(("signum", "expected"), [
    (signal.SIGHUP, ExitCode.HANGUP), (signal.SIGTERM, ExitCode.TERMINATED), (signal.SIGINT, ExitCode.INTERRUPTED)])
def test_exit_codes_are_128_plus_the_signal(signum, expected):
    assert ExitCode.for_signal(signum) is expected and expected == 128 + signum


def test_a_signal_without_a_name_of_its_own_still_has_a_code_and_a_name():
    if not hasattr(signal, "SIGRTMIN"):
        pytest.skip("no real-time signals here")
    assert ExitCode.for_signal(signal.SIGRTMIN + 3) == 128 + signal.SIGRTMIN + 3
    assert signal_name(signal.SIGRTMIN + 3) == "SIGRTMIN+3" and signal_name(signal.SIGHUP) == "SIGHUP"
