"""Shared test fixtures: where the test data lives, and two ways to run the command line.

`run_cli` runs the Typer app in-process (fast, stdout and stderr kept apart); `run_subprocess` runs
`python -m timeline` for real (exit codes, environment, what a shell or CI sees). Both start from an
environment without the variables that change the CLI's defaults, so a developer's shell or a CI runner
cannot change what a test sees; pass `env=` to set them on purpose.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"
MINIMAL = GOOD / "minimal.yaml"

# Variables that change the CLI's defaults: removed unless a test sets them.
CLI_ENVIRONMENT = ("GITHUB_ACTIONS", "TIMELINE_FILE", "TIMELINE_LANG", "TIMELINE_MAX_BYTES", "NO_COLOR", "FORCE_COLOR")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def good_dir() -> Path:
    return GOOD


@pytest.fixture
def bad_dir() -> Path:
    return BAD


@pytest.fixture
def minimal_file() -> Path:
    return MINIMAL


def _cli_env(env: dict[str, str] | None) -> dict[str, str | None]:
    """CliRunner's env: None unsets a variable for the duration of the call."""
    overrides: dict[str, str | None] = dict.fromkeys(CLI_ENVIRONMENT)
    overrides.update(env or {})
    return overrides


@pytest.fixture
def run_cli():
    """Run the app in-process: `run_cli("validate", path, env={...}, cwd=tmp_path)` -> click Result."""
    from timeline.cli import app

    def run(*args: str | os.PathLike, env: dict[str, str] | None = None, cwd: str | os.PathLike | None = None):
        runner = CliRunner()
        with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
            return runner.invoke(app, [str(arg) for arg in args], env=_cli_env(env))

    return run


@pytest.fixture
def run_subprocess():
    """Run `python -m timeline ARGS` as a real process -> CompletedProcess (text, UTF-8)."""

    def run(*args: str | os.PathLike, env: dict[str, str] | None = None, cwd: str | os.PathLike | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
        environment = {key: value for key, value in os.environ.items() if key not in CLI_ENVIRONMENT}
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "timeline", *(str(arg) for arg in args)],
            capture_output=True, text=True, encoding="utf-8", errors="replace",
            env=environment, cwd=cwd, timeout=timeout, check=False,
        )

    return run


# -- the reliability suite (issue #7): real processes under limits ------------------------------------------------

GIB = 1 << 30


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: a few seconds each (real processes under limits, large generated inputs); runs by default, "
        "skip with -m 'not slow'")


def limits(memory: int = GIB, cpu: int = 30, file_size: int | None = None):
    """A preexec_fn capping the child's address space, CPU seconds and (optionally) the size of files it writes.

    With RLIMIT_FSIZE the kernel sends SIGXFSZ on an oversized write; CPython ignores that signal at start-up,
    so the write fails with EFBIG, which is what a full disk looks like to the program.
    """
    import resource
    import signal

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        if file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return apply


@pytest.fixture
def run_limited():
    """`python -m timeline ARGS` under 1 GiB of memory, 30 CPU seconds and a wall-clock timeout (bytes out)."""

    def run(*args: str | os.PathLike, env: dict[str, str] | None = None, cwd: str | os.PathLike | None = None,
            memory: int = GIB, cpu: int = 30, timeout: float = 60, file_size: int | None = None,
            **popen) -> subprocess.CompletedProcess:
        environment = {key: value for key, value in os.environ.items() if key not in CLI_ENVIRONMENT}
        environment.update(env or {})
        popen.setdefault("stdout", subprocess.PIPE)
        popen.setdefault("stderr", subprocess.PIPE)
        return subprocess.run(
            [sys.executable, "-m", "timeline", *(str(arg) for arg in args)], env=environment, cwd=cwd,
            timeout=timeout, check=False, preexec_fn=limits(memory, cpu, file_size), **popen,
        )

    return run


# -- the parsed cache (issue #8) ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _private_cache_directory(tmp_path_factory):
    """The CLI keeps validation results in $XDG_CACHE_HOME/timeline: never the developer's own during tests
    (in-process runs and subprocesses alike read os.environ)."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved
