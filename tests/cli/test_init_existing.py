"""`timeline init --existing`: a folder that already holds some of the starter files (a README.md, its own
events.yaml) gets only the missing ones, all or nothing, and nothing there is ever overwritten."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from timeline.scaffold import TEMPLATES


def contents(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder`: a file's bytes, a link's target."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


@pytest.fixture
def desk(tmp_path) -> Path:
    """A folder holding only its own README.md."""
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "README.md").write_text("# Our desk\n", encoding="utf-8")
    return folder


def test_without_existing_a_folder_with_a_readme_is_refused_with_the_way_out(run_cli, desk):
    result = run_cli("init", desk)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"Error: refusing to overwrite existing files: {desk / 'README.md'}\n"
                             f"  hint: `timeline init --existing {desk}` adds only the missing files and keeps these\n")
    assert contents(desk) == {"README.md": b"# Our desk\n"}


def test_existing_adds_only_the_missing_files_and_says_which(run_cli, desk):
    result = run_cli("init", "--existing", desk)
    assert result.exit_code == 0, result.stderr
    assert (desk / "README.md").read_text(encoding="utf-8") == "# Our desk\n"
    for name in TEMPLATES:
        assert (desk / name).is_file(), name
    lines = result.stderr.splitlines()
    added = [name for name in TEMPLATES if name != "README.md"]
    assert lines[: len(added)] == [f"created {desk / name}" for name in added]
    assert lines[len(added)] == f"kept {desk / 'README.md'} (already there)"
    assert lines[-1].startswith("next: ")
    assert run_cli("validate", desk / "events.yaml").exit_code == 0  # the starter data is valid


def test_existing_keeps_an_editors_events_file_byte_for_byte(run_cli, desk):
    mine = b"version: 1\n# my own events, not valid yet\n"
    (desk / "events.yaml").write_bytes(mine)
    result = run_cli("init", "--existing", desk)
    assert result.exit_code == 0, result.stderr
    assert (desk / "events.yaml").read_bytes() == mine
    assert f"kept {desk / 'events.yaml'} (already there)" in result.stderr
    assert (desk / ".github/workflows/timeline.yml").is_file()


def test_existing_refuses_a_dangling_link_and_says_where_it_points(run_cli, desk):
    """A link to nothing is not a file "already there": said so, nothing written, the link left as it is."""
    (desk / "events.yaml").symlink_to("elsewhere.yaml")
    before = contents(desk)
    result = run_cli("init", "--existing", desk)
    assert result.exit_code == 2 and "kept" not in result.stderr
    assert result.stderr.startswith(f"Error: refusing to keep a link to nothing: {desk / 'events.yaml'} -> "
                                    "elsewhere.yaml\n  hint: remove the link, or put the file it points to in place")
    assert contents(desk) == before and not (desk / "elsewhere.yaml").exists()


def test_existing_keeps_a_link_to_a_file(run_cli, desk):
    (desk / "mine.yaml").write_text("version: 1\n", encoding="utf-8")
    (desk / "events.yaml").symlink_to("mine.yaml")
    result = run_cli("init", "--existing", desk)
    assert result.exit_code == 0, result.stderr
    assert f"kept {desk / 'events.yaml'} (already there)" in result.stderr
    assert (desk / "mine.yaml").read_text(encoding="utf-8") == "version: 1\n"


@pytest.mark.parametrize("folder", ["archive", ".github", ".github/workflows"])
def test_existing_never_writes_through_a_linked_folder(run_cli, desk, tmp_path, folder):
    """`verify` refuses an archive folder that is a link; init does not fill one (or any folder) through it."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (desk / folder).parent.mkdir(parents=True, exist_ok=True)
    (desk / folder).symlink_to(elsewhere)
    before = contents(desk)
    result = run_cli("init", "--existing", desk)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: refusing to write through a symbolic link: {desk / folder} -> "
                                    f"{elsewhere}\n"), result.stderr
    assert "verify` refuses a linked archive folder" in result.stderr
    assert contents(desk) == before and list(elsewhere.iterdir()) == []


def test_existing_twice_adds_nothing_the_second_time(run_cli, desk):
    assert run_cli("init", "--existing", desk).exit_code == 0
    before = contents(desk)
    again = run_cli("init", "--existing", desk)
    assert again.exit_code == 0
    assert again.stderr.splitlines()[-1] == "nothing to add: every starter file is already there"
    assert contents(desk) == before


def test_existing_in_a_new_folder_creates_everything(run_cli, tmp_path):
    result = run_cli("init", "--existing", tmp_path / "new")
    assert result.exit_code == 0 and "kept" not in result.stderr
    assert sorted(contents(tmp_path / "new")) == sorted(TEMPLATES)


def test_existing_where_a_folder_is_a_file_writes_nothing(run_cli, desk):
    (desk / ".github").write_text("in the way\n", encoding="utf-8")
    before = contents(desk)
    result = run_cli("init", "--existing", desk)
    assert result.exit_code == 2 and result.stderr.startswith("Error: refusing to overwrite")
    assert contents(desk) == before


def test_existing_failing_half_way_removes_only_what_it_wrote(run_cli, desk, monkeypatch):
    before = contents(desk)
    link, calls = os.link, []

    def fails_on_the_third(source, target, **kwargs):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return link(source, target, **kwargs)

    monkeypatch.setattr("timeline.fileio.write.os.link", fails_on_the_third)
    result = run_cli("init", "--existing", desk)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert contents(desk) == before  # the README is still there, nothing else is
    assert not [p for p in desk.iterdir() if p.name.startswith(".timeline-")]
    monkeypatch.setattr("timeline.fileio.write.os.link", link)
    assert run_cli("init", "--existing", desk).exit_code == 0


def test_help_explains_existing(run_cli):
    text = " ".join(run_cli("init", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "--existing" in text and "add only the missing ones" in text
