"""Shared test fixtures: where the test data lives, and two ways to run the command line.

`run_cli` runs the Typer app in-process (fast, stdout and stderr kept apart); `run_subprocess` runs
`python -m timeline` for real (exit codes, environment, what a shell or CI sees). Both start from an
environment without the variables that change the CLI's defaults, so a developer's shell or a CI runner
cannot change what a test sees; pass `env=` to set them on purpose.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).parent
REPO = TESTS.parent
DATA = TESTS / "data"
GOOD = DATA / "good"
BAD = DATA / "bad"
MINIMAL = GOOD / "minimal.yaml"
GOLDEN = TESTS / "golden"

# Tests are laid out by layer (unit, cli, reliability, oracles, project); a few share helpers across layers
# (the reliability tests reuse the unit tests' comment checks), so every layer folder is importable by module
# name, as the flat folder was.
for _layer in ("unit", "cli", "reliability", "oracles", "project"):
    if str(TESTS / _layer) not in sys.path:
        sys.path.insert(0, str(TESTS / _layer))


def _load_script(name: str, path: Path):
    """A script of the repository (not a package) as a module, without touching sys.path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(count: int, seed: int = 1) -> str:
    """The benchmarks' generated event file (benchmarks/generate.py): same count and seed, same text."""
    return _load_script("timeline_benchmark_generate", REPO / "benchmarks" / "generate.py").generate(count, seed)


def fuzz_target():
    """fuzz/target.py, the fuzzing target the property tests share."""
    if "target" not in sys.modules:
        sys.modules["target"] = _load_script("target", REPO / "fuzz" / "target.py")
    return sys.modules["target"]


@pytest.fixture
def generated_file(tmp_path) -> Callable[..., Path]:
    """generated_file(count, seed=1): a generated event file of `count` events in tmp_path."""

    def make(count: int, seed: int = 1) -> Path:
        path = tmp_path / f"generated-{count}-{seed}.yaml"
        path.write_text(generate(count, seed), encoding="utf-8")
        return path

    return make


# Variables that change the CLI's defaults: removed unless a test sets them.
CLI_ENVIRONMENT = ("GITHUB_ACTIONS", "TIMELINE_FILE", "TIMELINE_LANG", "TIMELINE_MAX_BYTES", "NO_COLOR", "FORCE_COLOR")


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
        return subprocess.run(
            [sys.executable, "-m", "timeline", *(str(arg) for arg in args)],
            capture_output=True, text=True, encoding="utf-8", errors="replace",
            env=subprocess_environment(env), cwd=cwd, timeout=timeout, check=False,
        )

    return run


def subprocess_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """A child's environment: this one without CLI_ENVIRONMENT, plus `env`."""
    environment = {key: value for key, value in os.environ.items() if key not in CLI_ENVIRONMENT}
    environment.update(env or {})
    return environment


# -- the reliability suite (issue #7): real processes under limits ------------------------------------------------

GIB = 1 << 30


def pytest_configure(config):
    # A test run started as a background job (`pytest &`, some CI runners) inherits SIGINT and SIGQUIT ignored, as
    # POSIX shells do without job control, and every process the tests start would inherit that too. The tests
    # model a terminal, where Ctrl-C and Ctrl-\ reach the program: a handler (unlike SIG_IGN) is reset to the
    # default in a child at exec.
    import signal

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if signal.getsignal(signal.SIGQUIT) is signal.SIG_IGN:
        signal.signal(signal.SIGQUIT, signal.SIG_DFL)
    config.addinivalue_line(
        "markers", "slow: a few seconds each (real processes under limits, large generated inputs); runs by default, "
        "skip with -m 'not slow'")


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """Every core for a run of more than one file: the suite, a layer or several files run as `-n auto` (pytest-xdist,
    one worker per core), so the README's `python -m pytest -q` is parallel; one file, or tests of one file, run in
    this process, where `-x`, `-s` and breakpoints behave as they always have. `-n N` chooses, `-n0` or
    `-p no:xdist` turns it off, `-s`, `--pdb` and `--trace` keep one process. Runs before xdist's own hook (a
    conftest's tryfirst hook is called before an installed plugin's), which turns "auto" into the count."""
    if getattr(config.option, "numprocesses", 0) is not None:  # xdist absent (0) or -n given
        return
    if hasattr(config, "workerinput") or os.environ.get("PYTEST_XDIST_WORKER"):
        return  # a worker runs this hook too: choosing workers there would spawn workers of workers without end
    if config.option.capture == "no" or config.option.usepdb or config.option.trace or not _several_files(config):
        return
    config.option.numprocesses = "auto"
    if config.option.dist == "no":
        # worksteal: each worker starts on its own half of the files and takes tests from the other's queue when it
        # runs out, so one slow file at the end does not leave a core idle.
        config.option.dist = "worksteal"


def _several_files(config) -> bool:
    """True when the run spans folders (the default `testpaths`, a layer) or more than one test file."""
    files = set()
    for argument in config.args:
        path = Path(config.invocation_params.dir, argument.split("::", 1)[0])
        if path.is_dir():
            return True
        files.add(path)
    return len(files) > 1


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
        popen.setdefault("stdout", subprocess.PIPE)
        popen.setdefault("stderr", subprocess.PIPE)
        return subprocess.run(
            [sys.executable, "-m", "timeline", *(str(arg) for arg in args)], env=subprocess_environment(env), cwd=cwd,
            timeout=timeout, check=False, preexec_fn=limits(memory, cpu, file_size), **popen,
        )

    return run


# -- the parsed cache (issue #8) ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _signal_dispositions_restored():
    """The CLI run in-process (run_cli) ignores Ctrl-C and the terminating signals once it reports one, as the
    real process does for its goodbye; that must not outlive the test, or every process started later would
    inherit SIGINT ignored and the signal tests would see nothing."""
    import signal

    from timeline.errors import terminating_signals

    numbers = [signal.SIGINT, *terminating_signals()]
    saved = {number: signal.getsignal(number) for number in numbers}
    yield
    for number, handler in saved.items():
        if handler is not None and signal.getsignal(number) is not handler:
            signal.signal(number, handler)


@pytest.fixture(autouse=True, scope="session")
def _private_cache_directory(tmp_path_factory):
    """The CLI keeps validation results in $XDG_CACHE_HOME/timeline: never the developer's own during tests
    (in-process runs and subprocesses alike read os.environ)."""
    # The cache's signing key lives in $XDG_STATE_HOME/timeline: never the developer's own either.
    saved = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME")}
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("xdg-state"))
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


# -- permission bits, as root too ---------------------------------------------------------------------------------
#
# Some promises hold only where permission bits apply: an unreadable input, a read-only cache or output directory.
# Root ignores those bits through its capabilities (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), and CI runs as root,
# so these tests run the real CLI in a process that has none: root keeps its uid (it still owns tmp_path, its
# home and the interpreter) but loses every capability, which leaves it bound by permission bits like any user.
# Not uid 65534: the interpreter under test may live where only root can read it (a pyenv Python in root's mode-0700
# home directory, as on CI's machine), so "nobody" could not run it, or would run another Python's libpython.


def _drop_capabilities(last_capability: int) -> Callable[[], None]:
    """A preexec_fn emptying the bounding, ambient and inheritable sets (what setpriv does below): a program
    exec'd after it starts with no capability, even as uid 0."""
    import ctypes

    def drop() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_capbset_drop, pr_cap_ambient, pr_cap_ambient_clear_all = 24, 47, 4
        for capability in range(last_capability + 1):
            if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), f"prctl(PR_CAPBSET_DROP, {capability})")
        libc.prctl(pr_cap_ambient, pr_cap_ambient_clear_all, 0, 0, 0)  # fails harmlessly before Linux 4.3
        header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
        sets = (ctypes.c_uint32 * 6)()  # (effective, permitted, inheritable) for capabilities 0-31, then 32-63
        if libc.capget(header, sets) != 0:
            raise OSError(ctypes.get_errno(), "capget")
        sets[2] = sets[5] = 0
        if libc.capset(header, sets) != 0:
            raise OSError(ctypes.get_errno(), "capset")

    return drop


def without_root_powers(*, setpriv: bool = True) -> tuple[list[str], Callable[[], None] | None]:
    """(command prefix, preexec_fn) starting a program that permission bits apply to.

    As root: `setpriv --bounding-set=-all --inh-caps=-all` (util-linux), else (or with setpriv=False) a preexec_fn
    doing the same with prctl and capset. Otherwise: the current user as it is ([], None).
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return [], None
    found = shutil.which("setpriv") if setpriv else None
    if found is not None:
        return [found, "--bounding-set=-all", "--inh-caps=-all"], None
    return [], _drop_capabilities(int(Path("/proc/sys/kernel/cap_last_cap").read_text(encoding="ascii")))


PERMISSION_PROBE = """\
import sys
for path, mode in ((sys.argv[1], "r"), (sys.argv[2] + "/new", "w")):
    try:
        open(path, mode).close()
        print(f"open({path!r}, {mode!r}) was allowed")
    except PermissionError:
        pass
"""


def check_permission_bits_apply(prefix: list[str], preexec_fn: Callable[[], None] | None, place: Path) -> str | None:
    """None when a process started this way is refused a mode-000 file and a mode-0500 directory, else why not."""
    how = " ".join(prefix) or ("a preexec_fn dropping capabilities" if preexec_fn else "no drop (not root)")
    secret, locked = place / "secret", place / "locked"
    secret.write_text("x", encoding="ascii")
    locked.mkdir()
    secret.chmod(0)
    locked.chmod(0o500)
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", PERMISSION_PROBE, str(secret), str(locked)],
                              capture_output=True, text=True, timeout=60, preexec_fn=preexec_fn, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return f"{how}: cannot start a process: {error}"
    finally:
        secret.chmod(0o600)
        locked.chmod(0o700)
    if done.returncode != 0 or done.stdout:
        return f"{how}: exit {done.returncode}: " + "; ".join((done.stdout + done.stderr).strip().splitlines())
    return None


@pytest.fixture(scope="session")
def _without_root_powers(tmp_path_factory):
    """without_root_powers(), checked once: where the drop does not hold, a test that needs permission bits
    fails with the reason; it never skips."""
    prefix, preexec_fn = without_root_powers()
    failure = check_permission_bits_apply(prefix, preexec_fn, tmp_path_factory.mktemp("permission-probe"))
    if failure is not None:
        pytest.fail(f"permission bits do not apply to the processes this test starts, so it cannot test what it "
                    f"should ({failure}). As root this needs setpriv (util-linux) or the right to drop capabilities "
                    f"(CAP_SETPCAP); as another user, one without capabilities.", pytrace=False)
    return prefix, preexec_fn


@pytest.fixture
def run_unprivileged(_without_root_powers):
    """`python -m timeline ARGS` as a process held to permission bits (see above), with run_subprocess's
    environment rules -> CompletedProcess (text, UTF-8). As root it is root without capabilities: files the test
    makes in tmp_path are its own, so their mode decides. `python_args` replaces `-m timeline` (e.g. `-c CODE`)
    for a test of the library."""
    prefix, preexec_fn = _without_root_powers

    def run(*args: str | os.PathLike, env: dict[str, str] | None = None, cwd: str | os.PathLike | None = None,
            timeout: float = 60, python_args: tuple[str, ...] = ("-m", "timeline")) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*prefix, sys.executable, *python_args, *(str(arg) for arg in args)],
            capture_output=True, text=True, encoding="utf-8", errors="replace",
            env=subprocess_environment(env), cwd=cwd, timeout=timeout, check=False, preexec_fn=preexec_fn,
        )

    return run


# -- every skip and xfail, with its reason, at the end of every run --------------------------------------------

ARTIFACT = "browser-artifact"  # a screenshot or PDF a browser test kept (tests/browser/conftest.py), on its report


def pytest_terminal_summary(terminalreporter):
    """A section listing each skipped or xfailed test and why, one line each, so none passes unnoticed; then the
    folders the browser tests kept screenshots and PDFs in."""
    lines = [f"SKIPPED {report.nodeid} - {_why(report)}" for report in terminalreporter.stats.get("skipped", [])]
    lines += [f"XFAIL {report.nodeid} - {_why(report)}" for report in terminalreporter.stats.get("xfailed", [])]
    terminalreporter.write_sep("=", "skips and xfails")
    for line in lines or ["no test was skipped or xfailed"]:
        terminalreporter.write_line(line)
    folders = sorted({str(Path(value).parent) for reports in terminalreporter.stats.values() for report in reports
                      for name, value in getattr(report, "user_properties", ()) if name == ARTIFACT})
    if folders:  # from the reports, not the browser module's state: an xdist worker's never reaches this process
        terminalreporter.write_sep("=", "browser artifacts")
        for folder in folders:
            terminalreporter.write_line(f"screenshots and PDFs: {folder}")


def _why(report) -> str:
    """The first line of a skip's or an xfail's reason."""
    if hasattr(report, "wasxfail"):
        reason = report.wasxfail
    elif isinstance(report.longrepr, tuple):  # (file, line, "Skipped: reason")
        reason = report.longrepr[2].removeprefix("Skipped: ")
    else:
        reason = str(report.longrepr)
    return (reason.strip().splitlines() or ["(no reason given)"])[0]
