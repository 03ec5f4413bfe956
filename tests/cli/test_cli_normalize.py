"""`timeline normalize` through CliRunner (stdout and stderr apart) and as a real process: exit codes, what is
written and what is not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from timeline.errors import ExitCode
from conftest import TESTS

MINIMAL_TEXT = (TESTS / "data" / "good" / "minimal.yaml").read_text(encoding="utf-8")
# The minimal fixture with its topics in flow style, an event key out of order and a comment: not canonical.
MESSY_TEXT = (MINIMAL_TEXT
              .replace("  ai-policy:\n    ja: AI政策\n    en: AI policy\n", "  ai-policy: {en: AI policy, ja: AI政策}\n")
              .replace("  - id: trump-inauguration\n    date: 2025-01-20\n",
                       "  # the inauguration\n  - date: '2025-01-20'\n    id: trump-inauguration\n"))
MESSY_FIXED = MINIMAL_TEXT.replace("  - id: trump-inauguration\n", "  # the inauguration\n  - id: trump-inauguration\n")
INVALID_TEXT = MESSY_TEXT.replace("[ai-policy]", "[ai-policies]")


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# -- rewriting in place -------------------------------------------------------------------------------------

def test_rewrites_in_place_and_reports_on_stderr(run_cli, tmp_path):
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    result = run_cli("normalize", path)
    assert result.exit_code == ExitCode.OK, result.output
    assert path.read_text(encoding="utf-8") == MESSY_FIXED
    assert result.stdout == ""
    assert f"reformatted {path}" in result.stderr


def test_a_canonical_file_is_not_written(run_cli, tmp_path):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # an old mtime: a rewrite could not keep it
    before = snapshot(path)
    result = run_cli("normalize", path)
    assert result.exit_code == 0, result.output
    assert snapshot(path) == before
    assert "reformatted" not in result.stderr and "1 file(s) already canonical" in result.stderr


def test_second_run_changes_nothing(run_cli, tmp_path):
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    assert run_cli("normalize", path).exit_code == 0
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(path)
    assert run_cli("normalize", "-f", path).exit_code == 0
    assert snapshot(path) == before


def test_default_file_is_events_yaml_in_the_working_directory(run_cli, tmp_path):
    write(tmp_path / "events.yaml", MESSY_TEXT)
    result = run_cli("normalize", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "events.yaml").read_text(encoding="utf-8") == MESSY_FIXED


def test_the_bundled_dataset_is_never_rewritten(run_cli, tmp_path):
    result = run_cli("normalize", cwd=tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert "no event file to normalize" in result.stderr


def test_symlink_stays_a_symlink_and_permissions_are_kept(run_cli, tmp_path):
    target = write(tmp_path / "real.yaml", MESSY_TEXT)
    os.chmod(target, 0o640)
    link = tmp_path / "events.yaml"
    link.symlink_to(target.name)
    result = run_cli("normalize", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == "real.yaml"
    assert target.read_text(encoding="utf-8") == MESSY_FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_crlf_and_bom_are_kept(run_cli, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY_TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("normalize", path).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + MESSY_FIXED.replace("\n", "\r\n").encode("utf-8")


def test_files_are_validated_together_and_each_rewritten(run_cli, tmp_path):
    registries, events = MESSY_TEXT.split("events:\n")
    first = write(tmp_path / "registries.yaml", registries)
    second = write(tmp_path / "events.yaml", "version: 1\nevents:\n" + events)
    result = run_cli("normalize", first, second)
    assert result.exit_code == 0, result.output
    assert "2 file(s) reformatted" in result.stderr
    assert first.read_text(encoding="utf-8") + "events:\n" + second.read_text(encoding="utf-8").removeprefix(
        "version: 1\nevents:\n") == MESSY_FIXED


# -- --check and --diff ---------------------------------------------------------------------------------------

def test_check_lists_files_that_would_change_and_writes_nothing(run_cli, tmp_path):
    registries, events = MINIMAL_TEXT.split("events:\n")
    canonical = write(tmp_path / "registries.yaml", registries)
    messy = write(tmp_path / "events.yaml", "version: 1\nevents:\n" + MESSY_TEXT.split("events:\n")[1])
    before = snapshot(messy), snapshot(canonical)
    result = run_cli("normalize", "--check", messy, "-f", canonical)
    assert result.exit_code == ExitCode.INVALID
    assert result.stdout == ""
    assert f"would reformat {messy}" in result.stderr.splitlines()
    assert f"would reformat {canonical}" not in result.stderr
    assert "1 file(s) would be reformatted, 1 file(s) already canonical" in result.stderr
    assert (snapshot(messy), snapshot(canonical)) == before


def test_check_passes_on_canonical_files(run_cli, tmp_path):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    result = run_cli("normalize", "--check", path)
    assert result.exit_code == 0, result.output
    assert "would reformat" not in result.stderr


def test_diff_prints_a_unified_diff_and_writes_nothing(run_cli, tmp_path):
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    before = snapshot(path)
    result = run_cli("normalize", "--diff", path)
    assert result.exit_code == 0, result.output
    name = path.as_posix().lstrip("/")
    assert result.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n@@ ")
    assert "-  ai-policy: {en: AI policy, ja: AI政策}\n" in result.stdout
    assert "+    ja: AI政策\n" in result.stdout
    assert f"would reformat {path}" in result.stderr
    assert snapshot(path) == before


def test_diff_applies_with_patch(run_subprocess, tmp_path):
    """The diff is a real patch: applied to the original it gives the canonical file."""
    import shutil
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("patch(1) is not installed")
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    result = run_subprocess("normalize", "--diff", "events.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    subprocess.run(["patch", "-p1", "-s"], input=result.stdout, text=True, cwd=tmp_path, check=True)
    assert path.read_text(encoding="utf-8") == MESSY_FIXED


def test_check_with_diff_exits_1(run_cli, tmp_path):
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    result = run_cli("normalize", "--check", "--diff", path)
    assert result.exit_code == ExitCode.INVALID
    assert result.stdout.startswith("--- a/")
    assert path.read_text(encoding="utf-8") == MESSY_TEXT


def test_diff_is_empty_for_a_canonical_file(run_cli, tmp_path):
    result = run_cli("normalize", "--diff", write(tmp_path / "events.yaml", MINIMAL_TEXT))
    assert result.exit_code == 0 and result.stdout == ""


# -- refusals ------------------------------------------------------------------------------------------------

def test_invalid_file_is_refused_with_validates_errors_and_left_untouched(run_cli, tmp_path):
    path = write(tmp_path / "events.yaml", INVALID_TEXT)
    before = snapshot(path)
    result = run_cli("normalize", path)
    assert result.exit_code == ExitCode.INVALID
    assert "error[unknown-topic]: unknown topic 'ai-policies'" in result.stderr
    assert "Error: the data is invalid" in result.stderr
    assert result.stdout == ""
    assert snapshot(path) == before
    validate = run_cli("validate", path)
    assert "error[unknown-topic]: unknown topic 'ai-policies'" in validate.stdout


def test_one_invalid_file_means_nothing_is_written(run_cli, tmp_path):
    messy, invalid = write(tmp_path / "a.yaml", MESSY_TEXT), write(tmp_path / "b.yaml", "version: 1\nevents: {}\n")
    before = snapshot(messy), snapshot(invalid)
    result = run_cli("normalize", messy, invalid)
    assert result.exit_code == ExitCode.INVALID
    assert (snapshot(messy), snapshot(invalid)) == before


def test_check_on_an_invalid_file_exits_1(run_cli, tmp_path):
    result = run_cli("normalize", "--check", write(tmp_path / "events.yaml", INVALID_TEXT))
    assert result.exit_code == ExitCode.INVALID
    assert "would reformat" not in result.stderr


def test_missing_file_exits_2(run_cli, tmp_path):
    result = run_cli("normalize", tmp_path / "missing.yaml")
    assert result.exit_code == ExitCode.USAGE
    assert "no such file" in result.stderr


def test_a_directory_exits_2(run_cli, tmp_path):
    assert run_cli("normalize", tmp_path).exit_code == ExitCode.USAGE


def test_write_failure_exits_2_and_leaves_the_file(run_limited, tmp_path):
    # A file-size limit below the rewrite's size (EFBIG, as a full disk): the file reads, its rewrite cannot be written.
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    result = run_limited("normalize", path, file_size=64)
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert b"cannot write" in result.stderr
    assert path.read_text(encoding="utf-8") == MESSY_TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_unreadable_file_exits_2(run_unprivileged, tmp_path):
    """A mode-000 file, for the real CLI in a process held to permission bits (conftest.run_unprivileged: as root
    too): exit 2, one error and nothing on stdout, the file as it was."""
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    before = snapshot(path)
    os.chmod(path, 0)
    try:
        done = run_unprivileged("normalize", path, env={"COLUMNS": "4000"})  # a long path is not wrapped
    finally:
        os.chmod(path, 0o644)
    assert done.returncode == ExitCode.USAGE, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert len([line for line in done.stderr.splitlines() if "Error" in line]) == 1, done.stderr
    assert str(path) in done.stderr
    assert snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.yaml"]


def test_real_process_exit_codes(run_subprocess, tmp_path):
    path = write(tmp_path / "events.yaml", MESSY_TEXT)
    assert run_subprocess("normalize", "--check", path).returncode == 1
    done = run_subprocess("normalize", path)
    assert done.returncode == 0 and done.stdout == ""
    assert run_subprocess("normalize", "--check", path).returncode == 0
    assert run_subprocess("normalize", "--check", tmp_path / "missing.yaml").returncode == 2


def test_help(run_cli):
    result = run_cli("normalize", "--help")
    assert result.exit_code == 0
    assert "--check" in result.stdout and "--diff" in result.stdout
