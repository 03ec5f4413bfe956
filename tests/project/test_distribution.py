"""What we tell newsrooms to install is us: the wheel, installed the way `timeline init`'s workflow says.

The wheel is built from this checkout; the steps come from the workflow file `timeline init` writes (not a copy
of them) and run as a CI runner would run them, in a fresh virtualenv whose pip sees only that wheel
(`--find-links`, no index: no network in tests). The dependencies are this environment's own installed
distributions, put on the fresh virtualenv's path one by one, so that nothing else of this checkout (its
editable install of `timeline`) can stand in for the wheel.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import timeline
from timeline.cli import app
from conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


def test_the_distribution_name_is_ours_and_named_once():
    """The name pip installs is the one the code names everywhere, and not PyPI's unrelated "timeline"."""
    assert PYPROJECT["project"]["name"] == timeline.DISTRIBUTION == "newsroom-timeline"
    assert timeline.REQUIREMENT == f"newsroom-timeline=={timeline.__version__}"
    assert PYPROJECT["project"]["scripts"] == {"timeline": "timeline.__main__:run"}


def test_no_install_instruction_names_the_other_projects_package():
    """`pip install timeline` installs someone else's 2019 library: no instruction we ship may say it."""
    offenders = []
    for path in _shipped_text_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(_names_pypi_timeline(requirement) for requirement in _pip_install_arguments(line)):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def _pip_install_arguments(line: str) -> list[str]:
    """The words after each `pip install` in a line, up to the end of that shell command."""
    words = []
    for match in re.finditer(r"pip3? install\b([^\n`&;|#)]*)", line):
        words += [word.strip("\"'") for word in match.group(1).split() if not word.startswith("-")]
    return words


def _names_pypi_timeline(requirement: str) -> bool:
    return re.fullmatch(r"timeline(\[[^\]]*\])?([=<>~!]=?.*)?", requirement) is not None


def test_init_pins_this_exact_version_in_the_workflow(tmp_path, run_cli):
    assert run_cli("init", tmp_path / "desk").exit_code == 0
    workflow = yaml.safe_load((tmp_path / "desk/.github/workflows/timeline.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["TIMELINE_SPEC"] == f"newsroom-timeline=={timeline.__version__}"
    for name in ("README.md", ".pre-commit-config.yaml"):
        text = (tmp_path / "desk" / name).read_text(encoding="utf-8")
        assert f"pip install \"newsroom-timeline=={timeline.__version__}\"" in text and "@" + "REQUIREMENT@" not in text


def test_the_scaffolded_workflow_installs_the_wheel_and_its_checks_pass(tmp_path, run_cli):
    wheels = _build_wheel(tmp_path / "wheels")
    venv = _fresh_virtualenv(tmp_path / "venv")
    assert run_cli("init", tmp_path / "desk").exit_code == 0
    workflow = yaml.safe_load((tmp_path / "desk/.github/workflows/timeline.yml").read_text(encoding="utf-8"))
    steps = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    assert any("pip install" in step for step in steps) and sum("timeline " in step for step in steps) >= 3
    env = {**_isolated_pip_env(tmp_path, wheels), **{k: str(v) for k, v in workflow.get("env", {}).items()},
           "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path), "NO_COLOR": "1"}
    for step in steps:
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", step], cwd=tmp_path / "desk", env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"workflow step {step!r} failed:\n{done.stdout}\n{done.stderr}"
    installed = _run(venv / "bin/python", "-c", "import timeline, sys; print(timeline.__file__)", env=env)
    assert Path(installed).resolve().is_relative_to(venv.resolve()), "the wheel's timeline was not the one run"
    version = _run(venv / "bin/timeline", "--version", env=env)
    assert version.startswith(f"timeline {timeline.__version__} (installed as newsroom-timeline;")
    shown = _run(venv / "bin/python", "-m", "pip", "show", "newsroom-timeline", env=env)
    assert f"Version: {timeline.__version__}" in shown
    # A check that fails in the workflow fails with the installed tool too: it is really checking.
    events = tmp_path / "desk/events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("topics: [local-government]", "topics: [nope]", 1),
                      encoding="utf-8")
    check = next(step for step in steps if "validate" in step)
    failed = subprocess.run(["bash", "-eo", "pipefail", "-c", check], cwd=tmp_path / "desk", env=env,
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1 and "unknown-topic" in failed.stdout


def test_the_sdist_installs_without_a_compiler_and_reads_with_libyaml(tmp_path):
    """Where no wheel fits and no C compiler works, `pip install` of the sdist still succeeds: the compiled block
    reader is optional, and every file is read by libyaml, with the same results (here: the bundled data valid)."""
    sdist = _build_sdist(tmp_path / "sdist")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        assert any(name.endswith("/src/timeline/reader/_block.c") for name in names)
        assert any(name.endswith("/src/timeline/_similar.c") for name in names)  # the near-duplicate bounds
    venv = _fresh_virtualenv(tmp_path / "venv", extra=["setuptools"])
    env = {**_isolated_pip_env(tmp_path, sdist.parent), "CC": "false", "HOME": str(tmp_path), "NO_COLOR": "1"}
    # The build runs in the fresh virtualenv without isolation, with this environment's setuptools (the one
    # pyproject.toml asks for): the virtualenv's own, older one would shadow it.
    _run(venv / "bin/python", "-m", "pip", "uninstall", "-q", "-y", "setuptools", env=env)
    _run(venv / "bin/python", "-m", "pip", "install", "-q", "--no-index", "--no-build-isolation", sdist, env=env)
    empty = tmp_path / "empty"  # no events.yaml here: validate checks the bundled data
    empty.mkdir()
    version = _run(venv / "bin/timeline", "--version", env=env)
    assert "YAML: libyaml only (no C compiler at install)" in version, version
    assert "near-duplicate check: in Python (no C compiler at install)" in version, version
    done = subprocess.run([str(venv / "bin/timeline"), "validate"], cwd=empty, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "data/events.yaml: ok (0 error(s), 0 warning(s)" in done.stderr
    bounds = _run(venv / "bin/python", "-c", "from timeline import editorial; print(editorial._compiled_candidates)",
                  env=env)
    assert bounds.strip() == "None"  # titles bounded in Python, the same warnings (tests/oracles/test_near_duplicates.py)


# -- helpers ------------------------------------------------------------------------------------------------------


def _shipped_text_files() -> list[Path]:
    """Every file a user reads install instructions in: README, docs, templates, hooks, the package's texts."""
    names = ["README.md", ".pre-commit-hooks.yaml", *(str(p.relative_to(REPO)) for p in (REPO / "src").rglob("*")
                                                       if p.suffix in {".md", ".py", ".yml", ".yaml", ".json"})]
    return [REPO / name for name in names if (REPO / name).is_file()]


def _build_wheel(out: Path) -> Path:
    """The wheel, built from a copy of the sources (the build writes egg-info and build/ next to them)."""
    source = _copy_sources(out.parent / "source")
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1"}
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(source)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = list(out.glob("newsroom_timeline-*.whl"))
    assert len(wheels) == 1, f"expected one newsroom_timeline wheel, found {os.listdir(out)}"
    return out


def _copy_sources(source: Path) -> Path:
    """What a build reads, copied from this checkout without what an earlier build left in it."""
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "*.egg-info", "build", "dist")
    shutil.copytree(REPO / "src", source / "src", ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO / name, source / name)
    return source


def _build_sdist(out: Path) -> Path:
    """The sdist, built offline from a copy of the sources by setuptools' own build backend."""
    source = _copy_sources(out.parent / "sdist-source")
    out.mkdir()
    script = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    done = subprocess.run([sys.executable, "-c", script, str(out)], cwd=source, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / done.stdout.split()[-1]


def _fresh_virtualenv(path: Path, extra: list[str] = ()) -> Path:
    """A new virtualenv (with pip) that sees the dependencies of `newsroom-timeline` (and the distributions `extra`
    names) and nothing else of ours."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, capture_output=True, timeout=300)
    deps = path / "offline-dependencies"
    deps.mkdir()
    for dist in _dependency_closure([*PYPROJECT["project"]["dependencies"], *extra]):
        for top in {Path(str(file)).parts[0] for file in dist.files or () if not str(file).startswith("..")}:
            if not (deps / top).exists():
                (deps / top).symlink_to(dist.locate_file(top))
    site = next(path.glob("lib/python*/site-packages"))
    (site / "offline-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    return path


def _dependency_closure(requirements: list[str]):
    """The installed distributions `requirements` need, transitively (extras and other platforms' markers left out)."""
    found, todo = {}, [Requirement(text) for text in requirements]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in found or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        try:
            found[name] = distribution(name)
        except PackageNotFoundError:
            pytest.fail(f"{name} is a dependency of newsroom-timeline but is not installed in the test environment")
        todo.extend(Requirement(text) for text in found[name].requires or ())
    return list(found.values())


def _isolated_pip_env(tmp_path: Path, wheels: Path) -> dict[str, str]:
    """pip as the workflow runs it, except that its only index is the folder holding our wheel."""
    keep = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    return {**keep, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}


def _run(*command: str | Path, env: dict[str, str]) -> str:
    done = subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()
