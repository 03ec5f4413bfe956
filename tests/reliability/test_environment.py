"""When the environment misbehaves, `timeline` still ends with one line and the right exit code (issue #7).

The reader of stdout leaves (`| head -1`), Ctrl-C or SIGTERM arrive, stdout or stdin or stderr is closed, the
disk refuses the write, a file changes between read and write. Real processes (`python -m timeline`, the same
entry point as the console script), except where a failure must be injected at an exact point, which is done
in-process through CliRunner. The read-only and missing `-o` directories are covered by
test_cli_chronology.py (test_read_only_directory_exits_2_and_leaves_nothing, test_unwritable_destination_...).
"""

from __future__ import annotations

import datetime
import importlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import BAD, CLI_ENVIRONMENT, MINIMAL, limits

from timeline.errors import FileAccessError, FileChangedError
from timeline.fileio import write_atomic

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
REGISTRIES, EVENT = MINIMAL_TEXT.split("events:\n")
NOISE = ("Traceback", "BrokenPipeError", "Exception ignored", "Errno")


def many_events(count: int) -> str:
    """A valid file of `count` events (distinct ids, dates and titles), generated in milliseconds."""
    day = datetime.date(2000, 1, 1)
    parts = [REGISTRIES, "events:\n"]
    for index in range(count):
        date = (day + datetime.timedelta(days=index)).isoformat()
        parts.append(EVENT.replace("trump-inauguration", f"event-{index}").replace("2025-01-20", date)
                     .replace("47th president", f"47th president, take {index}"))
    return "".join(parts)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """3,000 events: a table and a chronology of several hundred kilobytes, more than a pipe holds."""
    path = tmp_path_factory.mktemp("big") / "events-3k.yaml"
    path.write_text(many_events(3000), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def slow_file(tmp_path_factory) -> Path:
    """20,000 events: several seconds of work, so that a signal lands in the middle of it."""
    path = tmp_path_factory.mktemp("slow") / "events-20k.yaml"
    path.write_text(many_events(20_000), encoding="utf-8")
    return path


def environment(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k not in CLI_ENVIRONMENT}, **extra}


def timeline(*args, close: int | None = None) -> list[str]:
    """`python -m timeline ARGS` started by bash under 1 GiB and 30 CPU seconds, with fd `close` closed (`>&-`).

    The shell sets the limits rather than a preexec_fn, which is unsafe when tests start processes from threads.
    """
    setup = "ulimit -v 1048576 -t 30; " + (f"exec {close}>&-; " if close is not None else "")
    return ["bash", "-c", setup + 'exec "$0" "$@"', sys.executable, "-m", "timeline", *(str(arg) for arg in args)]


def clean(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert not any(noise in text for noise in NOISE), text[-2000:]
    return text


# -- the reader leaves: `timeline ... | head -1` -------------------------------------------------------------------

def with_a_closed_pipe(args: list[str]) -> tuple[int, bytes]:
    """Run with stdout a pipe whose reader is gone before the first write (EPIPE on every write)."""
    process = subprocess.Popen(timeline(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment())
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


PIPED = {
    "list": (["list"], 0), "list-json": (["list", "--format", "json"], 0), "list-csv": (["list", "--format", "csv"], 0),
    "list-jsonl-big": (["list", "--format", "jsonl", "-f", "{big}"], 0), "list-big": (["list", "-f", "{big}"], 0),
    "chronology": (["chronology"], 0), "chronology-big": (["chronology", "-f", "{big}"], 0),
    "validate": (["validate"], 0), "validate-invalid": (["validate", str(BAD / "unknown-topic.yaml")], 1),
    "show": (["show", "trump-inauguration", "-f", str(MINIMAL)], 0), "topics": (["topics"], 0),
    "schema": (["schema"], 0), "help": (["--help"], 0), "normalize-diff": (["normalize", "--diff", "{big}"], 0),
}


def in_parallel(check, cases: dict) -> dict[str, str]:
    """Run `check(case)` for every case two at a time (each is a process); the failures by name."""
    def one(name):
        try:
            check(cases[name])
        except AssertionError as error:
            return name, str(error)[:400]
        return name, None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return {name: error for name, error in pool.map(one, sorted(cases)) if error}


def test_a_reader_that_leaves_is_not_an_error(big_file):
    def check(case):
        args, expected = case
        code, stderr = with_a_closed_pipe([arg.format(big=big_file) for arg in args])
        clean(stderr)
        assert code == expected, code  # the command's own exit status: `validate` still says the data is invalid

    assert in_parallel(check, PIPED) == {}


@pytest.mark.parametrize("command", ["list", "chronology"])
@pytest.mark.parametrize("data", ["bundled", "big"])
def test_head_1(big_file, command, data):
    file_args = "" if data == "bundled" else f"-f '{big_file}'"
    script = f"'{sys.executable}' -m timeline {command} {file_args} | head -1; echo \"status=${{PIPESTATUS[0]}}\" >&2"
    done = subprocess.run(["bash", "-c", script], capture_output=True, env=environment(), timeout=60, check=False)
    stderr = clean(done.stderr)
    assert stderr.splitlines()[-1] == "status=0"
    assert len(done.stdout.splitlines()) == 1
    assert len(stderr.splitlines()) == 2  # the count line, then the status


# -- Ctrl-C and SIGTERM -------------------------------------------------------------------------------------------

def signal_mid_run(args: list, sig: int, cwd: Path) -> tuple[int, bytes, bytes]:
    """Start the command, wait until it is deep in its work (reading 20,000 events), send `sig`."""
    process = subprocess.Popen(timeline(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(),
                               cwd=cwd)
    deadline = time.monotonic() + 5
    status = Path(f"/proc/{process.pid}/status")
    while time.monotonic() < deadline and process.poll() is None:
        # Past the imports and into the data: resident memory well above the ~40 MB an idle start-up needs.
        rss = [line for line in status.read_text().splitlines() if line.startswith("VmRSS")] if status.exists() else []
        if rss and int(rss[0].split()[1]) > 100_000:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the command finished before the signal: use a larger file"
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stdout, stderr


needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to see the run progress")
SIGNALS = {"SIGINT": (signal.SIGINT, 130, "Interrupted.\n"), "SIGTERM": (signal.SIGTERM, 143, "Terminated.\n")}


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SIGNALS))
def test_a_signal_while_writing_a_chronology_leaves_no_file(slow_file, tmp_path, name):
    sig, expected, message = SIGNALS[name]
    (tmp_path / "old.md").write_text("the previous chronology\n", encoding="utf-8")
    for target in ("new.md", "old.md") if sig == signal.SIGINT else ("old.md",):
        code, stdout, stderr = signal_mid_run(["chronology", "-f", slow_file, "-o", target], sig, tmp_path)
        assert (code, stdout, clean(stderr)) == (expected, b"", message)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["old.md"]  # no partial file, no temporary file
        assert (tmp_path / "old.md").read_text(encoding="utf-8") == "the previous chronology\n"


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize("command", ["list", "validate", "normalize"])
def test_ctrl_c_is_130_and_one_line(slow_file, tmp_path, command):
    target = tmp_path / "events.yaml"
    target.write_bytes(slow_file.read_bytes())
    args = [command, target] if command != "list" else [command, "-f", target]
    code, stdout, stderr = signal_mid_run(args, signal.SIGINT, tmp_path)
    assert (code, stdout, clean(stderr)) == (130, b"", "Interrupted.\n")
    assert target.read_bytes() == slow_file.read_bytes() and sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]


def test_ctrl_c_during_the_final_write_keeps_the_old_file(run_cli, tmp_path, monkeypatch):
    target = tmp_path / "chronology.md"
    target.write_text("the previous chronology\n", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr("timeline.fileio.write.os.fsync", interrupted)
    result = run_cli("chronology", "-f", MINIMAL, "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "Interrupted.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["chronology.md"]
    assert target.read_text(encoding="utf-8") == "the previous chronology\n"


def run_script(body: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(body), *args], capture_output=True, text=True,
                          env=environment(), timeout=60, check=False)


def test_ctrl_c_while_typer_parses_the_command_line():
    # The default of --lang is computed while typer parses options; Ctrl-C lands there.
    done = run_script("""
        import sys
        import timeline.cli.options as options
        def interrupted():
            raise KeyboardInterrupt
        options._default_lang = interrupted
        from timeline.cli import main
        sys.argv = ["timeline", "list"]
        main()
    """)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "Interrupted.\n")


def test_ctrl_c_during_the_imports():
    done = run_script("""
        import runpy, sys
        class Interrupt:  # Ctrl-C arriving while Python imports typer
            def find_spec(self, name, path=None, target=None):
                if name == "typer":
                    raise KeyboardInterrupt
        sys.meta_path.insert(0, Interrupt())
        sys.argv = ["timeline", "list"]
        runpy.run_module("timeline", run_name="__main__")
    """)
    assert (done.returncode, done.stderr) == (130, "Interrupted.\n")


@pytest.mark.parametrize("command", ["validate", "list", "chronology", "show"])
def test_running_out_of_memory_is_one_line_and_exit_1(run_cli, monkeypatch, command):
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(importlib.import_module("timeline.load"), "load_bytes", exhausted)
    args = [command, MINIMAL] if command == "validate" else [command, "-f", MINIMAL]
    result = run_cli(*args, *(["trump-inauguration"] if command == "show" else []), env={"TIMELINE_NO_CACHE": "1"})
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: out of memory: ") and result.stderr.count("\n") == 1


# -- standard streams closed or full --------------------------------------------------------------------------------

def run_with(args: list, close: int | None = None, stdout=subprocess.PIPE, cwd=None) -> tuple[int, bytes, str]:
    done = subprocess.run(timeline(*args, close=close), stdout=stdout, stderr=subprocess.PIPE, env=environment(),
                          cwd=cwd, timeout=60, check=False)
    return done.returncode, done.stdout or b"", done.stderr.decode("utf-8", "replace")


STDOUT_COMMANDS = {" ".join(args): args for args in (
    ["list"], ["chronology"], ["validate", "--show-notices"], ["show", "trump-inauguration", "-f", str(MINIMAL)],
    ["schema"], ["--version"], ["--help"], ["validate", "--codes"])}


def test_a_full_disk_on_stdout_is_exit_2_and_one_line():
    def check(args):
        with open("/dev/full", "wb") as full:
            code, _, stderr = run_with(args, stdout=full)
        assert (code, stderr) == (2, "Error: cannot write to stdout: No space left on device\n")

    assert in_parallel(check, STDOUT_COMMANDS) == {}


def test_a_closed_stdout_is_exit_2_and_one_line():
    def check(args):
        code, _, stderr = run_with(args, close=1, stdout=None)
        assert (code, stderr) == (2, "Error: cannot write to stdout: it is closed\n")

    assert in_parallel(check, STDOUT_COMMANDS) == {}


def test_a_closed_stdout_does_not_matter_when_nothing_goes_there(tmp_path):
    code, _, stderr = run_with(["chronology", "-o", tmp_path / "out.md"], close=1, stdout=None)
    assert code == 0 and stderr.startswith("chronology: wrote ")
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# ")


def test_stdin_is_never_read_so_closing_it_changes_nothing():
    code, stdout, stderr = run_with(["list", "-f", MINIMAL], close=0)
    assert code == 0 and b"trump-inauguration" in stdout and stderr == "1 of 1 events\n"


STDERR_CASES = {"list": (["list"], 0), "invalid": (["validate", BAD / "unknown-topic.yaml"], 1),
                "missing": (["validate", "absent.yaml"], 2), "usage": (["list", "--bogus"], 2)}


def test_a_closed_or_full_stderr_keeps_the_exit_status(tmp_path):
    def check(case):
        args, expected = case
        code, _, _ = run_with(args, close=2, cwd=tmp_path)
        assert code == expected, ("closed", code)
        with open("/dev/full", "wb") as full:
            done = subprocess.run(timeline(*args), stdout=subprocess.PIPE, stderr=full, env=environment(),
                                  cwd=tmp_path, timeout=60, check=False)
        assert done.returncode == expected, ("full", done.returncode)

    assert in_parallel(check, STDERR_CASES) == {}


# -- a disk that refuses the write of -o ------------------------------------------------------------------------------

def test_a_file_size_limit_on_o_is_exit_2_and_leaves_the_old_file(tmp_path):
    target = tmp_path / "chronology.md"
    target.write_text("the previous chronology\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "timeline", "chronology", "-o", str(target)], capture_output=True,
                          env=environment(), timeout=60, preexec_fn=limits(file_size=4096), check=False)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode() == f"Error: {target}: cannot write: File too large\n"
    assert [p.name for p in tmp_path.iterdir()] == ["chronology.md"]
    assert target.read_text(encoding="utf-8") == "the previous chronology\n"


@pytest.fixture
def tiny_disk(tmp_path):
    """A 16 KiB tmpfs (root only); the chronology of the bundled data is about 30 KB."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], capture_output=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_on_o_is_exit_2_and_leaves_the_old_file(tiny_disk):
    target = tiny_disk / "chronology.md"
    target.write_text("the previous chronology\n", encoding="utf-8")
    done = subprocess.run(timeline("chronology", "-o", target), capture_output=True, env=environment(), timeout=60,
                          check=False)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode() == f"Error: {target}: cannot write: No space left on device\n"
    assert [p.name for p in tiny_disk.iterdir()] == ["chronology.md"]
    assert target.read_text(encoding="utf-8") == "the previous chronology\n"


def test_a_full_disk_on_normalize_leaves_the_file(tiny_disk):
    target = tiny_disk / "events.yaml"
    ugly = MINIMAL_TEXT.replace("topics: [ai-policy]", "topics:\n      - ai-policy") + "#" * 12_000 + "\n"
    target.write_text(ugly, encoding="utf-8")
    done = subprocess.run(timeline("normalize", target), capture_output=True, env=environment(), timeout=60,
                          check=False)
    assert done.returncode == 2 and done.stderr.decode().startswith("Error: ")
    assert done.stderr.decode().count("\n") == 1
    assert [p.name for p in tiny_disk.iterdir()] == ["events.yaml"] and target.read_text(encoding="utf-8") == ugly


# -- a file that changes between read and write -------------------------------------------------------------------------

def test_write_atomic_refuses_to_replace_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(b"as read\n")
    write_atomic(path, b"new\n", expected=b"as read\n")
    assert path.read_bytes() == b"new\n"
    path.write_bytes(b"saved by an editor meanwhile\n")
    with pytest.raises(FileChangedError, match="changed since it was read"):
        write_atomic(path, b"newer\n", expected=b"new\n")
    assert path.read_bytes() == b"saved by an editor meanwhile\n"
    path.unlink()
    with pytest.raises(FileAccessError, match="was deleted"):
        write_atomic(path, b"newer\n", expected=b"new\n")
    assert list(tmp_path.iterdir()) == []


def test_normalize_does_not_overwrite_an_edit_saved_while_it_ran(run_cli, tmp_path, monkeypatch):
    from timeline import normalize

    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL_TEXT.replace("topics: [ai-policy]", "topics:\n      - ai-policy"), encoding="utf-8")
    edited = MINIMAL_TEXT.replace("47th president", "47th president (edited)")
    write = normalize._write

    def editor_saves_meanwhile(loaded):
        path.write_text(edited, encoding="utf-8")
        return write(loaded)

    monkeypatch.setattr(normalize, "_write", editor_saves_meanwhile)
    result = run_cli("normalize", path)
    assert result.exit_code in (1, 2) and "changed" in result.stderr
    assert path.read_text(encoding="utf-8") == edited
