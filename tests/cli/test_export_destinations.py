"""`timeline export sqlite` writes two files, the database and its metadata: never one over the other (however it is
named: a symlink, a hard link), both or neither (a metadata file that cannot be written leaves the database as it
was), and never a binary database to a terminal, whatever its name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import GOOD

EXPORT = GOOD / "export.yaml"
OLD = b"the database as it was\n"


def _links(tmp_path, kind: str) -> tuple[str, str]:
    """(a name, another name of the same file x.db) in tmp_path."""
    (tmp_path / "x.db").write_bytes(OLD)
    other = tmp_path / "xl"
    if kind == "symlink":
        other.symlink_to("x.db")
    elif kind == "hard link":
        os.link(tmp_path / "x.db", other)
    else:  # another spelling of the same path
        other = tmp_path / "sub" / ".." / "x.db"
        (tmp_path / "sub").mkdir()
    return str(tmp_path / "x.db"), str(other)


@pytest.mark.parametrize("kind", ["symlink", "hard link", "spelling"])
@pytest.mark.parametrize("database_first", [True, False], ids=["-o-name", "-o-other-name"])
def test_the_database_and_its_metadata_are_never_the_same_file(run_cli, tmp_path, kind, database_first):
    name, other = _links(tmp_path, kind)
    output, metadata = (name, other) if database_first else (other, name)
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", output, "--metadata", metadata, "--force")
    assert result.exit_code == 2, result.stderr
    assert "same file" in result.stderr
    assert (tmp_path / "x.db").read_bytes() == OLD  # nothing written


def test_a_new_metadata_name_through_a_dangling_symlink_to_the_database_is_refused(run_cli, tmp_path):
    (tmp_path / "meta").symlink_to("new.db")  # neither exists yet: the resolved paths decide
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", tmp_path / "new.db", "--metadata", tmp_path / "meta")
    assert result.exit_code == 2 and "same file" in result.stderr
    assert not (tmp_path / "new.db").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_metadata_file_that_cannot_be_written_leaves_the_database_as_it_was(run_cli, tmp_path):
    (tmp_path / "x.db").write_bytes(OLD)
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", tmp_path / "x.db", "--metadata", "/dev/full", "--force")
    assert result.exit_code != 0 and "/dev/full" in result.stderr
    assert (tmp_path / "x.db").read_bytes() == OLD
    assert sorted(path.name for path in tmp_path.iterdir()) == ["x.db"]  # no staged file left behind


def test_both_files_are_written_and_nothing_else_is_left(run_cli, tmp_path):
    (tmp_path / "x.db").write_bytes(OLD)
    os.chmod(tmp_path / "x.db", 0o640)
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", tmp_path / "x.db", "--force")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "x.db").read_bytes().startswith(b"SQLite format 3")
    assert (tmp_path / "x.db").stat().st_mode & 0o777 == 0o640  # the old file's mode kept, as every replace
    assert sorted(path.name for path in tmp_path.iterdir()) == ["metadata.json", "x.db"]


@pytest.mark.parametrize("name", ["pts", "/dev/stdout"])
def test_sqlite_refuses_a_terminal_however_it_is_named(name):
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    output = os.ttyname(follower) if name == "pts" else name
    try:
        done = subprocess.run([sys.executable, "-m", "timeline", "export", "sqlite", "-f", str(EXPORT), "-o", output],
                              stdout=follower, stderr=subprocess.PIPE, text=True, timeout=60, check=False)
    finally:
        os.close(follower), os.close(leader)
    assert done.returncode == 2 and "terminal" in done.stderr, done.stderr
