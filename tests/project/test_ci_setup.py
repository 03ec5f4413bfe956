"""CI set-ups for newsroom repositories: published pre-commit hooks, `timeline init`, the script in `timeline docs ci`."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from timeline.cli import app
from conftest import REPO

GOOD = REPO / "tests" / "data" / "good" / "minimal.yaml"
BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a command as pre-commit or a CI shell would: through PATH, in the repository folder."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def newsroom(tmp_path) -> Path:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "desk")])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "desk"


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}


def test_published_hooks_cover_validate_normalize_and_verify():
    published = hooks()
    assert set(published) == {"timeline-validate", "timeline-normalize", "timeline-verify"}
    for hook in published.values():
        assert hook["language"] == "python" and hook["entry"].startswith("timeline ")
        pattern = re.compile(hook["files"])
        assert pattern.search("events.yaml") and pattern.search("data/events-2025.yml")
        assert not pattern.search("notes.yaml") and not pattern.search("events.yaml.bak")


def hook_command(hook: dict, changed: list[str]) -> list[str]:
    """The command pre-commit runs for `hook` when `changed` files are staged (its `files` pattern and
    `pass_filenames` decide which names it appends)."""
    pattern = re.compile(hook["files"])
    names = [name for name in changed if pattern.search(name)]
    return shlex.split(hook["entry"]) + list(hook.get("args", [])) + (names if hook.get("pass_filenames", True) else [])


@pytest.mark.parametrize("hook_id", ["timeline-validate", "timeline-verify"])
def test_check_hooks_pass_good_files_and_fail_bad_ones(newsroom, hook_id):
    hook = hooks()[hook_id]
    command = hook_command(hook, ["events.yaml"])
    assert run(command, newsroom).returncode == 0
    events = newsroom / "events.yaml"
    text = events.read_text(encoding="utf-8")
    # A bad file for each hook: an unknown topic for validate, a quote that is not in the article for verify.
    broken = text.replace("topics: [local-government]", "topics: [local-govt]", 1) if hook_id == "timeline-validate" \
        else text.replace("市は昨年1月に改修の検討を始めていた。", "市は昨年2月に改修の検討を始めていた。")
    assert broken != text
    events.write_text(broken, encoding="utf-8")
    failed = run(command, newsroom)
    assert failed.returncode == 1
    assert re.search(r"^events\.yaml:\d+:\d+: error\[(unknown-topic|quote-not-found)\]", failed.stdout, re.M)
    assert "\x1b[" not in failed.stdout + failed.stderr  # readable in a CI log without colour


def test_the_verify_hook_runs_when_an_archived_article_changes_and_finds_the_archive_itself(newsroom):
    """An edited article breaks a quote as surely as an edited event: the published hook runs on either, with
    no --archive argument (./archive is the default), and fails the commit when a quote is no longer there."""
    hook = hooks()["timeline-verify"]
    article = "archive/example-daily-2025-03-14.txt"
    command = hook_command(hook, [article])
    assert re.compile(hook["files"]).search(article) and "--archive" not in command
    assert run(command, newsroom).returncode == 0
    path = newsroom / article
    text = path.read_text(encoding="utf-8")
    assert "市は昨年1月に改修の検討を始めていた。" in text
    path.write_text(text.replace("市は昨年1月に改修の検討を始めていた。", "市は昨年2月に改修の検討を始めた。"), encoding="utf-8")
    failed = run(command, newsroom)
    assert failed.returncode == 1 and "quote-not-found" in failed.stdout


def test_verify_without_an_archive_folder_says_what_to_give(tmp_path):
    (tmp_path / "events.yaml").write_bytes(GOOD.read_bytes())
    done = run(["timeline", "verify"], tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == "Error: --archive DIR is needed: there is no ./archive folder here to default to"


def test_init_makes_a_repository_whose_checks_pass(newsroom):
    expected = {"events.yaml", "README.md", ".pre-commit-config.yaml", ".github/workflows/timeline.yml",
                "archive/example-daily-2025-03-14.txt", "archive/example-weekly-2025-03-20.txt"}
    made = {str(p.relative_to(newsroom)) for p in newsroom.rglob("*") if p.is_file()}
    assert made == expected
    assert run(["timeline", "validate", "--strict"], newsroom).returncode == 0
    assert run(["timeline", "verify", "--archive", "archive"], newsroom).returncode == 0


def test_init_starter_shows_each_feature_of_the_format(newsroom):
    from timeline.dates import Precision
    from timeline.pipeline import load_timeline

    timeline = load_timeline([newsroom / "events.yaml"])
    precisions = {event.date.precision for event in timeline.events}
    assert {Precision.DAY, Precision.MONTH, Precision.SEASON} <= precisions
    assert any(event.date.is_interval for event in timeline.events)
    assert any(event.disputes for event in timeline.events)
    assert any(event.status == "scheduled" for event in timeline.events)


def test_init_never_overwrites(newsroom):
    events = newsroom / "events.yaml"
    events.write_text("# my work\n", encoding="utf-8")
    (newsroom / "README.md").unlink()
    result = CliRunner().invoke(app, ["init", str(newsroom)])
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr and "events.yaml" in result.stderr
    assert events.read_text(encoding="utf-8") == "# my work\n"
    assert not (newsroom / "README.md").exists()  # nothing at all is written when anything exists


def test_init_template_hooks_and_workflow_run_the_three_checks(newsroom):
    config = yaml.safe_load((newsroom / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert entries == ["timeline validate --strict", "timeline normalize", "timeline verify --archive archive"]
    workflow = yaml.safe_load((newsroom / ".github/workflows/timeline.yml").read_text())
    steps = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any("timeline validate --strict" in s for s in steps)
    assert any("timeline normalize --check" in s for s in steps)
    assert any("timeline verify --archive archive" in s for s in steps)


def ci_shell_block() -> str:
    text = (REPO / "src" / "timeline" / "docs" / "ci.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- ci-shell:.*?-->\n```sh\n(.*?)```", text, re.S)
    assert match, "`timeline docs ci` lost its ci-shell block"
    return match.group(1)


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_documented_shell_ci_passes_then_fails_on_a_bad_quote(newsroom):
    script = newsroom / "ci.sh"
    script.write_text(ci_shell_block(), encoding="utf-8")
    done = run(["sh", str(script)], newsroom)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "event data OK" in done.stdout
    events = newsroom / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("賛成多数で可決した。\n", "全会一致で可決した。\n"),
                      encoding="utf-8")
    failed = run(["sh", str(script)], newsroom)
    assert failed.returncode != 0 and "event data OK" not in failed.stdout


def test_normalize_hook_rewrites_a_messy_file_and_leaves_a_canonical_one_alone(newsroom):
    """As pre-commit runs it: the hook fails the commit by changing the file; a canonical file is untouched."""
    command = shlex.split(hooks()["timeline-normalize"]["entry"])
    events = newsroom / "events.yaml"
    before = events.stat().st_mtime_ns
    assert run(command + ["events.yaml"], newsroom).returncode == 0
    assert events.stat().st_mtime_ns == before  # the starter file is already canonical: not even rewritten
    messy = events.read_text(encoding="utf-8").replace("  city-council:\n    ja: 市議会\n    en: City council\n",
                          "  city-council:\n    en: City council\n    ja: 市議会\n")  # keys out of canonical order
    assert messy != events.read_text(encoding="utf-8")
    events.write_text(messy, encoding="utf-8")
    done = run(command + ["events.yaml"], newsroom)
    assert done.returncode == 0 and events.read_text(encoding="utf-8") != messy  # changed: pre-commit fails
    assert run(["timeline", "normalize", "--check", "events.yaml"], newsroom).returncode == 0
    assert run(["timeline", "validate", "--strict", "events.yaml"], newsroom).returncode == 0


# -- .ci/run and the browser tests ------------------------------------------------------------------------------------

def test_ci_installs_what_the_browser_tests_drive():
    """tests/browser needs Debian's Chromium and ChromeDriver, Japanese fonts for its screenshots and PDFs, and npm for
    axe-core from tests/browser/package-lock.json: .ci/run installs each where it is missing, then `npm ci` there."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    wanted = {"chromium", "chromium-driver", "fonts-noto-cjk", "nodejs", "npm"}
    queued = set(re.findall(r"browser_packages\+=\(([^)]*)\)", script))
    assert wanted == {package for entry in queued for package in entry.split()}
    assert 'apt_install "${browser_packages[@]}"' in script
    assert re.search(r"\(cd tests/browser && npm ci\b", script)
    assert "playwright install" not in script  # never a browser of Playwright's own: it would be downloaded
    lock = (REPO / "tests" / "browser" / "package-lock.json").read_text(encoding="utf-8")
    assert '"node_modules/axe-core"' in lock


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_without_chromium_the_browser_tests_skip_except_in_ci_where_they_fail(monkeypatch, ci, outcome):
    """A CI run must never pass by skipping the browser: the one place the browser tests give up decides."""
    from browser.chromium import unavailable

    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="/usr/bin/chromium is missing"):
        unavailable("/usr/bin/chromium is missing")
