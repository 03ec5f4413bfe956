"""The one output-path policy (fileio/, STYLE.md habit 12) through the real command line.

`chronology -o`, `normalize` and `init` write through it: `-` is stdout; a standard stream named by a path is
written through the stream (appending, never truncated); a device, FIFO or socket is written into, never
replaced; an input is never an output; an existing file is replaced atomically keeping owner, group and mode, and
a read-only or hard-linked file is refused without --force; any exception or signal leaves no temporary file;
`init` is all or nothing. In-process through CliRunner where stdout and stderr are compared apart, as real
processes where a descriptor or a redirection is the point.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD, MINIMAL, REPO, subprocess_environment

FIXTURE = GOOD / "chronology.yaml"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
MESSY_TEXT = MINIMAL_TEXT.replace("topics: [ai-policy]", "topics:\n      - ai-policy")
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root (CI runs as root)")


@pytest.fixture(scope="module")
def expected() -> bytes:
    """The chronology of FIXTURE as stdout carries it."""
    done = subprocess.run([sys.executable, "-m", "timeline", "chronology", "-f", str(FIXTURE)], capture_output=True,
                          env=subprocess_environment(), check=True, timeout=60)
    return done.stdout


def one_error(result, *fragments: str) -> str:
    """Exit 2, nothing on stdout, one `Error:` line holding each fragment (and perhaps a `hint:` line); the line."""
    stderr = result.stderr
    assert (result.exit_code if hasattr(result, "exit_code") else result.returncode) == 2, stderr
    assert result.stdout == "" and stderr.startswith("Error: "), stderr
    assert stderr.count("\n") == 1 or (stderr.count("\n") == 2 and "\n  hint: " in stderr), stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    return stderr


def listing(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder` with what it is: a changed byte, inode, link or temporary file shows."""
    found = {}
    for path in sorted(folder.rglob("*")):
        status = path.lstat()
        content = os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else None
        found[str(path.relative_to(folder))] = (stat.S_IFMT(status.st_mode), status.st_ino, content)
    return found


# -- rule 1: `-` is stdout --------------------------------------------------------------------------------------

def test_dash_is_stdout_and_creates_no_file_named_dash(run_cli, tmp_path, expected):
    result = run_cli("chronology", "-f", FIXTURE, "-o", "-", cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout_bytes == expected
    assert result.stderr == "chronology: 10 event(s), 2 source(s)\n"
    assert list(tmp_path.iterdir()) == []


def test_dot_slash_dash_is_a_file_named_dash(run_cli, tmp_path, expected):
    result = run_cli("chronology", "-f", FIXTURE, "-o", "./-", cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["-"] and (tmp_path / "-").read_bytes() == expected


# -- rule 2: an input is never an output ----------------------------------------------------------------------

INPUT_AS_OUTPUT = {  # name -> (arguments after `chronology`, environment), run in a folder holding e.yaml
    "the same name": (["-f", "e.yaml", "-o", "e.yaml"], {}),
    "another spelling": (["-f", "e.yaml", "-o", "./sub/../e.yaml"], {}),
    "an absolute path": (["-f", "e.yaml", "-o", "{cwd}/e.yaml"], {}),
    "a symlink to the input": (["-f", "e.yaml", "-o", "link.yaml"], {}),
    "the input given as a symlink": (["-f", "link.yaml", "-o", "e.yaml"], {}),
    "a hard link to the input": (["-f", "e.yaml", "-o", "hard.yaml"], {}),
    "a symlinked folder": (["-f", "e.yaml", "-o", "folder-link/e.yaml"], {}),
    "the default ./events.yaml": (["-o", "events.yaml"], {}),
    "$TIMELINE_FILE": (["-o", "e.yaml"], {"TIMELINE_FILE": "e.yaml"}),
    "one of two inputs": (["-f", "other.yaml", "-f", "e.yaml", "-o", "e.yaml"], {}),
    "the input given under two names": (["-f", "e.yaml", "-f", "link.yaml", "-o", "hard.yaml"], {}),
}


@pytest.fixture
def story(tmp_path) -> Path:
    """A folder with an event file under several names: e.yaml, link.yaml -> e.yaml, hard.yaml (a hard link),
    folder-link -> ., events.yaml (another file, the default input), other.yaml (another event file)."""
    (tmp_path / "e.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("e.yaml")
    os.link(tmp_path / "e.yaml", tmp_path / "hard.yaml")
    (tmp_path / "folder-link").symlink_to(".")
    (tmp_path / "sub").mkdir()
    (tmp_path / "events.yaml").write_text(MINIMAL_TEXT, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(MINIMAL_TEXT.replace("trump-inauguration", "other-event"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("case", sorted(INPUT_AS_OUTPUT))
def test_an_input_is_never_the_output(run_cli, story, case):
    args, env = INPUT_AS_OUTPUT[case]
    before = listing(story)
    result = run_cli("chronology", *(arg.format(cwd=story) for arg in args), env=env, cwd=story)
    one_error(result, "input", "nothing was written")
    assert listing(story) == before


@pytest.mark.parametrize("output", [[], ["-o", "-"], ["-o", "/dev/stdout"]], ids=["no -o", "-o -", "-o /dev/stdout"])
def test_stdout_appended_to_an_input_is_refused(tmp_path, output):
    events = tmp_path / "e.yaml"
    events.write_text(MINIMAL_TEXT, encoding="utf-8")
    with open(events, "ab") as appending:  # timeline chronology -f e.yaml >> e.yaml
        done = subprocess.run([sys.executable, "-m", "timeline", "chronology", "-f", str(events), *output],
                              stdout=appending, stderr=subprocess.PIPE, env=subprocess_environment(), timeout=60,
                              check=False)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert "input" in stderr and events.read_text(encoding="utf-8") == MINIMAL_TEXT


def test_the_input_is_refused_before_the_work_even_when_invalid(run_cli, tmp_path):
    events = tmp_path / "e.yaml"
    events.write_text("version: 1\nevents: [oops\n", encoding="utf-8")
    one_error(run_cli("chronology", "-f", events, "-o", events), "input")
    assert events.read_text(encoding="utf-8") == "version: 1\nevents: [oops\n"


# -- rule 3: a standard stream named by a path is written through the stream ------------------------------------

@pytest.mark.parametrize("path", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "LOG"])
def test_a_path_to_redirected_stdout_appends_never_truncates(tmp_path, expected, path):
    log = tmp_path / "log.txt"
    log.write_bytes(b"an earlier line\n")
    with open(log, "ab") as appending:  # timeline chronology -o /dev/stdout >> log.txt
        done = subprocess.run([sys.executable, "-m", "timeline", "chronology", "-f", str(FIXTURE), "-o",
                               str(log) if path == "LOG" else path], stdout=appending, stderr=subprocess.PIPE,
                              env=subprocess_environment(), timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert log.read_bytes() == b"an earlier line\n" + expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]


def test_a_path_to_redirected_stderr_appends_after_the_messages(tmp_path, expected):
    log = tmp_path / "log.txt"
    log.write_bytes(b"an earlier line\n")
    with open(log, "ab") as appending:
        done = subprocess.run([sys.executable, "-m", "timeline", "chronology", "-f", str(FIXTURE), "-o", "/dev/stderr"],
                              stdout=subprocess.PIPE, stderr=appending, env=subprocess_environment(), timeout=60,
                              check=False)
    assert done.returncode == 0 and done.stdout == b""
    assert log.read_bytes() == b"an earlier line\n" + expected + b"chronology: wrote /dev/stderr (10 event(s), 2 source(s))\n"


def test_a_path_to_stdout_as_a_pipe_is_the_chronology(run_subprocess, expected):
    done = run_subprocess("chronology", "-f", FIXTURE, "-o", "/dev/stdout")
    assert done.returncode == 0 and done.stdout.encode() == expected


# -- rule 4: devices, FIFOs and sockets are written into, never replaced --------------------------------------

@pytest.fixture
def device(tmp_path):
    """A private twin of a memory device (`device("null")`: major 1, minor 3; "full": 1, 7), so that a regression
    replaces a node in tmp_path, never the machine's own /dev/null (which `-o /dev/null` as root once did)."""

    def make(name: str) -> Path:
        path = tmp_path / name
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, {"null": 3, "full": 7}[name]))
        except PermissionError as error:
            pytest.skip(f"cannot make a device node here ({error.strerror}): needs root with CAP_MKNOD, as on CI")
        return path

    return make


def test_a_null_device_is_written_into_never_replaced(run_cli, device):
    null = device("null")
    before = null.stat()
    result = run_cli("chronology", "-f", FIXTURE, "-o", null)
    assert result.exit_code == 0 and result.stdout == "", result.stderr
    after = null.stat()
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert [p.name for p in null.parent.iterdir()] == ["null"]


def test_a_full_device_is_exit_2_and_stays_a_device(run_cli, device):
    full = device("full")
    one_error(run_cli("chronology", "-f", FIXTURE, "-o", full), f"{full}: cannot write: No space left")
    assert stat.S_ISCHR(full.stat().st_mode) and [p.name for p in full.parent.iterdir()] == ["full"]


def test_a_fifo_nobody_reads_is_exit_2_not_a_hang(run_subprocess, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = run_subprocess("chronology", "-f", FIXTURE, "-o", fifo, timeout=30)
    one_error(done, "FIFO that nobody is reading", "nothing was written")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_fifo_with_a_reader_receives_the_chronology(run_cli, tmp_path, expected):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run_cli("chronology", "-f", FIXTURE, "-o", fifo)
        received = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert received == expected and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_unix_socket_receives_the_chronology(run_cli, tmp_path, expected):
    path = tmp_path / "socket"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)
        server.settimeout(30)  # a regression that replaced the socket file fails here rather than hangs
        result = run_cli("chronology", "-f", FIXTURE, "-o", path)  # the backlog and buffer hold it until accepted
        connection, _ = server.accept()
        with connection:
            received = b"".join(iter(lambda: connection.recv(65536), b""))
    assert result.exit_code == 0, result.stderr
    assert received == expected and stat.S_ISSOCK(os.stat(path).st_mode)


# `timeline html` writes its page as some two thousand pieces, one after another (fileio.write_output takes them
# as they are made): each kind of destination must still receive the page whole, byte for byte as a file holds it.

STORY = REPO / "events.yaml"  # the bundled story: a page of some 250 kB, more than a pipe or a socket holds at once


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> bytes:
    """The page of STORY as `-o FILE` writes it."""
    out = tmp_path_factory.mktemp("page") / "page.html"
    subprocess.run([sys.executable, "-m", "timeline", "html", "-f", str(STORY), "-o", str(out)],
                   capture_output=True, env=subprocess_environment(), check=True, timeout=60)
    return out.read_bytes()


def test_a_page_in_pieces_reaches_a_pipe_whole(page):
    done = subprocess.run([sys.executable, "-m", "timeline", "html", "-f", str(STORY)], capture_output=True,
                          env=subprocess_environment(), check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(page) > 1 << 17 and done.stdout == page


def _drain(fd: int, into: list[bytes]) -> None:
    while chunk := os.read(fd, 1 << 16):
        into.append(chunk)


def test_a_page_in_pieces_reaches_a_fifo_whole(run_cli, tmp_path, page):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    keeper = os.open(fifo, os.O_WRONLY)  # a writer held open, so that the reader waits for the page, not EOF
    os.set_blocking(reader, True)
    received: list[bytes] = []
    thread = threading.Thread(target=_drain, args=(reader, received), daemon=True)
    thread.start()
    try:
        result = run_cli("html", "-f", STORY, "-o", fifo)
    finally:
        os.close(keeper)
        thread.join(30)
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert b"".join(received) == page and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_page_in_pieces_reaches_a_socket_whole(run_cli, tmp_path, page):
    import threading

    path = tmp_path / "socket"
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)
        server.settimeout(30)

        def serve() -> None:
            connection, _ = server.accept()
            with connection:
                received.extend(iter(lambda: connection.recv(65536), b""))

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        result = run_cli("html", "-f", STORY, "-o", path)
        thread.join(30)
    assert result.exit_code == 0, result.stderr
    assert b"".join(received) == page


def test_a_page_in_pieces_on_a_full_device_is_exit_2(run_cli, device):
    full = device("full")
    one_error(run_cli("html", "-f", STORY, "-o", full), f"{full}: cannot write: No space left")
    assert stat.S_ISCHR(full.stat().st_mode)


class Unfinished(Exception):
    """What a failing renderer raises between two pieces."""


def failing_after(pieces: list[bytes], made: list[bytes] | None = None):
    """The pieces, then Unfinished, as a renderer that fails midway; each piece is noted in `made` as it is made."""
    for piece in pieces:
        if made is not None:
            made.append(piece)
        yield piece
    raise Unfinished


@pytest.mark.parametrize("existing", [True, False])
def test_a_renderer_failing_midway_leaves_the_old_file_and_no_temporary_file(tmp_path, existing):
    """A regular file takes pieces as they are made (fileio.write_output): the failure comes after the first
    pieces are in the temporary file, which goes; the old file is as it was, and a new one is never made."""
    from timeline.fileio import write_output

    out = tmp_path / "page.html"
    if existing:
        out.write_bytes(b"months of work")
    before = listing(tmp_path)
    with pytest.raises(Unfinished):
        write_output(out, failing_after([b"<html>", b"<body>"]))
    assert listing(tmp_path) == before


@pytest.mark.parametrize("into", ["stdout", "fifo"])
def test_a_renderer_failing_midway_writes_nothing_to_a_stream_or_a_special_file(tmp_path, capfdbinary, into):
    """A stream or a special file cannot take back what it was given: every piece is made before the first is
    written, so a failure midway gives it nothing at all (not half a page)."""
    from timeline.fileio import STDOUT, write_output

    received, made = [], []
    if into == "fifo":
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that opening it to write would succeed
        try:
            with pytest.raises(Unfinished):
                write_output(fifo, failing_after([b"<html>", b"<body>"], made))
            try:
                received.append(os.read(reader, 1 << 16))
            except BlockingIOError:  # nothing in the pipe
                pass
        finally:
            os.close(reader)
    else:
        with pytest.raises(Unfinished):
            write_output(STDOUT, failing_after([b"<html>", b"<body>"], made))
        received.append(capfdbinary.readouterr().out)
    assert made == [b"<html>", b"<body>"] and b"".join(received) == b""


def test_pieces_reach_a_regular_file_as_they_are_made_not_all_held_first(tmp_path):
    """What a long page needs: 64 pieces of 1 MiB, each made only when the one before is written, so writing
    them holds a few MiB at a time, not 64 (measured with tracemalloc, which sees every allocation)."""
    import tracemalloc

    from timeline.fileio import write_output

    out = tmp_path / "big"
    pieces = (bytes([65 + n % 26]) * (1 << 20) for n in range(64))
    tracemalloc.start()
    try:
        write_output(out, pieces)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.stat().st_size == 64 << 20 and out.read_bytes()[(1 << 20) * 63:] == b"L" * (1 << 20)
    assert peak < 8 << 20, peak


def test_a_socket_nobody_listens_on_is_exit_2_and_stays_a_socket(run_cli, tmp_path):
    path = tmp_path / "socket"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))  # bound, never listening: the file stays, connections are refused
    one_error(run_cli("chronology", "-f", FIXTURE, "-o", path), "cannot write")
    assert stat.S_ISSOCK(os.stat(path).st_mode)


@pytest.mark.parametrize("name", ["folder", "folder/", "missing/", ""])
def test_a_folder_or_an_empty_path_is_refused(run_cli, tmp_path, name):
    (tmp_path / "folder").mkdir()
    one_error(run_cli("chronology", "-f", FIXTURE, "-o", name, cwd=tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["folder"] and list((tmp_path / "folder").iterdir()) == []


def test_a_path_in_a_missing_folder_names_the_folder(run_cli, tmp_path):
    one_error(run_cli("chronology", "-f", FIXTURE, "-o", tmp_path / "missing" / "out.md"),
              f"the folder {tmp_path / 'missing'} does not exist")
    assert list(tmp_path.iterdir()) == []


# -- rule 5: an existing file is replaced atomically, keeping owner, group and mode ----------------------------

def rewrite(run_cli, command: str, path: Path, *options: str):
    """`chronology -o PATH` or `normalize PATH` (PATH holding a messy event file for normalize)."""
    if command == "normalize":
        return run_cli("normalize", path, *options)
    return run_cli("chronology", "-f", FIXTURE, "-o", path, *options)


@needs_root
@pytest.mark.parametrize("command", ["chronology", "normalize"])
def test_replacing_keeps_owner_group_and_mode(run_cli, tmp_path, command):
    path = tmp_path / "file"
    path.write_text(MESSY_TEXT, encoding="utf-8")
    os.chown(path, 65534, 65534)  # nobody:nogroup
    os.chmod(path, 0o640)
    result = rewrite(run_cli, command, path)
    assert result.exit_code == 0, result.stderr
    after = path.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (65534, 65534, 0o640)
    assert path.read_text(encoding="utf-8") != MESSY_TEXT and [p.name for p in tmp_path.iterdir()] == ["file"]


@pytest.mark.parametrize("command", ["chronology", "normalize"])
def test_a_read_only_file_is_refused_without_force(run_cli, tmp_path, command):
    """Mode 444 as root too: root is not bound by the bits, so the policy reads them as the owner's wish."""
    path = tmp_path / "file"
    path.write_text(MESSY_TEXT, encoding="utf-8")
    path.chmod(0o444)
    one_error(rewrite(run_cli, command, path), "read-only (mode 0444)", "--force")
    assert path.read_text(encoding="utf-8") == MESSY_TEXT
    result = rewrite(run_cli, command, path, "--force")
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") != MESSY_TEXT and stat.S_IMODE(path.stat().st_mode) == 0o444


@needs_root
@pytest.mark.parametrize(("mode", "refused"), [(0o444, True), (0o464, True), (0o644, False)],
                         ids=["0444", "0464", "0644"])
def test_for_another_user_the_owners_write_bit_decides(run_cli, tmp_path, monkeypatch, mode, refused):
    """As uid 1000 (seen by the policy; the process stays root, so the chown back to 1000 is allowed)."""
    path = tmp_path / "file"
    path.write_text("old\n", encoding="utf-8")
    os.chown(path, 1000, 1000)
    path.chmod(mode)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(os, "getegid", lambda: 1000)
    monkeypatch.setattr(os, "getgroups", lambda: [1000])
    result = run_cli("chronology", "-f", FIXTURE, "-o", path)
    if refused:
        one_error(result, "read-only")
        assert path.read_text(encoding="utf-8") == "old\n"
    else:
        assert result.exit_code == 0, result.stderr
        assert (path.stat().st_uid, stat.S_IMODE(path.stat().st_mode)) == (1000, mode)


def test_an_owner_that_cannot_be_kept_is_refused_without_force(run_unprivileged, tmp_path):
    """A process without CAP_CHOWN (root without capabilities, as conftest.run_unprivileged starts it) cannot
    give the new file to the old one's owner: refused, unless --force, which then makes it the writer's."""
    path = tmp_path / "theirs.md"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o666)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    owner = path.stat().st_uid
    if owner == os.geteuid():
        pytest.skip("needs a file that belongs to another user: run as root (CI does)")
    done = run_unprivileged("chronology", "-f", FIXTURE, "-o", path, env={"COLUMNS": "4000"})
    one_error(done, "belongs to", "--force")
    assert path.read_text(encoding="utf-8") == "old\n" and path.stat().st_uid == owner
    done = run_unprivileged("chronology", "-f", FIXTURE, "-o", path, "--force")
    assert done.returncode == 0, done.stderr
    assert path.read_text(encoding="utf-8").startswith("# ") and path.stat().st_uid == os.geteuid()
    assert [p.name for p in tmp_path.iterdir()] == ["theirs.md"]


@pytest.mark.parametrize("command", ["chronology", "normalize"])
def test_a_file_with_other_hard_links_is_refused_and_no_name_changes(run_cli, tmp_path, command):
    path, other = tmp_path / "file", tmp_path / "other-name"
    path.write_text(MESSY_TEXT, encoding="utf-8")
    os.link(path, other)
    before = listing(tmp_path)
    one_error(rewrite(run_cli, command, path), "2 hard links", "--force replaces this name only")
    assert listing(tmp_path) == before


@pytest.mark.parametrize("command", ["chronology", "normalize"])
def test_force_replaces_only_this_name_of_a_hard_linked_file(run_cli, tmp_path, command):
    path, other = tmp_path / "file", tmp_path / "other-name"
    path.write_text(MESSY_TEXT, encoding="utf-8")
    os.link(path, other)
    result = rewrite(run_cli, command, path, "--force")
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") != MESSY_TEXT and other.read_text(encoding="utf-8") == MESSY_TEXT
    assert path.stat().st_nlink == other.stat().st_nlink == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "other-name"]


def test_a_symlink_output_stays_a_link_and_its_target_is_replaced(run_cli, tmp_path, expected):
    (tmp_path / "site").mkdir()
    target = tmp_path / "site" / "chronology.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "chronology.md"
    link.symlink_to("site/chronology.md")
    assert run_cli("chronology", "-f", FIXTURE, "-o", link).exit_code == 0
    assert os.readlink(link) == "site/chronology.md" and target.read_bytes() == expected
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["chronology.md"]


def test_a_dangling_symlink_output_creates_its_target_and_stays_a_link(run_cli, tmp_path, expected):
    link = tmp_path / "chronology.md"
    link.symlink_to("published.md")
    assert run_cli("chronology", "-f", FIXTURE, "-o", link).exit_code == 0
    assert os.readlink(link) == "published.md" and (tmp_path / "published.md").read_bytes() == expected


def test_a_dangling_symlink_into_a_missing_folder_is_exit_2(run_cli, tmp_path):
    link = tmp_path / "chronology.md"
    link.symlink_to("gone/published.md")
    one_error(run_cli("chronology", "-f", FIXTURE, "-o", link), "does not exist")
    assert [p.name for p in tmp_path.iterdir()] == ["chronology.md"]


@pytest.mark.parametrize("name", ["c" * 255, "年" * 85], ids=["255 ascii bytes", "85 japanese characters"])
def test_an_output_name_as_long_as_a_name_may_be_is_written_and_replaced(run_cli, tmp_path, expected, name):
    """The temporary file beside the output is named after it: a name of the longest legal length (255 bytes) still
    gives a legal temporary name (it was 14 bytes too long, and the write refused)."""
    assert len(os.fsencode(name)) == 255
    for _ in range(2):  # made, then replaced
        result = run_cli("chronology", "-f", FIXTURE, "-o", tmp_path / name, "--force")
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_bytes() == expected and [p.name for p in tmp_path.iterdir()] == [name]


def test_normalize_rewrites_a_file_whose_name_is_as_long_as_a_name_may_be(run_cli, tmp_path):
    path = tmp_path / ("n" * 250 + ".yaml")
    path.write_text(MESSY_TEXT, encoding="utf-8")
    result = run_cli("normalize", path)
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == MINIMAL_TEXT and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_new_file_is_made_with_the_umask_mode(run_cli, tmp_path):
    mask = os.umask(0o027)
    try:
        assert run_cli("chronology", "-f", FIXTURE, "-o", tmp_path / "new.md").exit_code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_a_new_file_is_placed_on_a_file_system_without_hard_links(run_cli, tmp_path, monkeypatch, expected):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("timeline.fileio.write.os.link", no_links)
    assert run_cli("chronology", "-f", FIXTURE, "-o", tmp_path / "new.md").exit_code == 0
    assert (tmp_path / "new.md").read_bytes() == expected and [p.name for p in tmp_path.iterdir()] == ["new.md"]


# -- normalize ------------------------------------------------------------------------------------------------

def test_normalize_refuses_before_writing_any_file(run_cli, tmp_path):
    registries, events = MESSY_TEXT.split("events:\n")
    first = tmp_path / "registries.yaml"
    first.write_text(registries.replace("  ai-policy:\n", "  # topics\n  ai-policy:\n"), encoding="utf-8")
    second = tmp_path / "events.yaml"
    second.write_text("version: 1\nevents:\n" + events, encoding="utf-8")
    second.chmod(0o444)
    before = listing(tmp_path)
    one_error(run_cli("normalize", first, second), "read-only")
    assert listing(tmp_path) == before


def test_normalize_rewrites_a_file_given_under_two_names_once(run_cli, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(MESSY_TEXT, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("events.yaml")
    result = run_cli("normalize", path, tmp_path / "link.yaml", f"{tmp_path}/./events.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"reformatted {path}\n1 file(s) reformatted\n"
    assert (tmp_path / "link.yaml").is_symlink() and path.read_text(encoding="utf-8") != MESSY_TEXT


def test_normalize_refuses_a_fifo_before_reading_it(run_subprocess, tmp_path):
    fifo = tmp_path / "events.yaml"
    os.mkfifo(fifo)
    one_error(run_subprocess("normalize", fifo, timeout=30), "not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# -- signals: any BaseException while writing leaves no temporary file -----------------------------------------

class Hangup(BaseException):
    """What a terminating signal's handler raises (SIGHUP, SIGUSR1, ... as SIGTERM does): it unwinds."""


@pytest.mark.parametrize("case", ["new file", "existing file", "forced hard link", "normalize"])
def test_a_signal_while_writing_leaves_the_old_file_and_no_temporary(run_cli, tmp_path, monkeypatch, case):
    path = tmp_path / "file"
    if case != "new file":
        path.write_text(MESSY_TEXT, encoding="utf-8")
    if case == "forced hard link":
        os.link(path, tmp_path / "other-name")
    before = listing(tmp_path)

    def signalled(fd):
        raise Hangup

    monkeypatch.setattr("timeline.fileio.write.os.fsync", signalled)
    with pytest.raises(Hangup):
        if case == "normalize":
            run_cli("normalize", path)
        else:
            run_cli("chronology", "-f", FIXTURE, "-o", path, *(["--force"] if case == "forced hard link" else []))
    assert listing(tmp_path) == before


# A signal that comes once the new file has its name (here, while its folder is synced) ends the command with the
# signal's exit status, and its last line says that the file was written in full, not "Interrupted." alone.
AFTER_THE_RENAME = """
import os, runpy, signal, sys
import timeline.fileio.write as write
synced, signum = write.sync_directory, getattr(signal, sys.argv.pop(1))
def sync_then_signal(folder):
    synced(folder)
    os.kill(os.getpid(), signum)
write.sync_directory = sync_then_signal
sys.argv[0] = "timeline"
runpy.run_module("timeline", run_name="__main__")
"""


@pytest.mark.parametrize(("signame", "code", "said"), [("SIGINT", 130, "Interrupted"), ("SIGTERM", 143, "Terminated"),
                                                       ("SIGHUP", 129, "Terminated by SIGHUP")])
def test_a_signal_after_the_new_file_is_in_place_says_it_was_written(tmp_path, signame, code, said):
    out = tmp_path / "out.html"
    out.write_text("the old page", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", AFTER_THE_RENAME, signame, "html", "-f", str(FIXTURE), "-o", str(out)],
                          capture_output=True, text=True, env=subprocess_environment(), timeout=60, check=False)
    assert done.returncode == code, done.stderr
    assert done.stderr.endswith(f"{said} after {out} was written in full.\n"), done.stderr
    assert "Traceback" not in done.stderr and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


# -- init: all or nothing -------------------------------------------------------------------------------------

@pytest.mark.parametrize("blocker", [".github", ".github/workflows", "archive"])
def test_init_where_a_folder_is_a_file_writes_nothing_and_a_rerun_works(run_cli, tmp_path, blocker):
    desk = tmp_path / "desk"
    (desk / blocker).parent.mkdir(parents=True, exist_ok=True)
    (desk / blocker).write_text("in the way\n", encoding="utf-8")
    before = listing(desk)
    one_error(run_cli("init", desk), "refusing to overwrite", blocker)
    assert listing(desk) == before
    (desk / blocker).unlink()
    result = run_cli("init", desk)
    assert result.exit_code == 0, result.stderr
    assert (desk / "events.yaml").is_file() and (desk / ".github/workflows/timeline.yml").is_file()
    assert not [p for p in desk.iterdir() if p.name.startswith(".timeline-")]


@pytest.mark.parametrize("existing", ["README.md", "archive/example-daily-2025-03-14.txt", "dangling-events"])
def test_init_refuses_any_existing_file_writing_nothing(run_cli, tmp_path, existing):
    desk = tmp_path / "desk"
    desk.mkdir()
    if existing == "dangling-events":
        (desk / "events.yaml").symlink_to("nowhere.yaml")
    else:
        (desk / existing).parent.mkdir(parents=True, exist_ok=True)
        (desk / existing).write_text("my work\n", encoding="utf-8")
    before = listing(desk)
    one_error(run_cli("init", desk), "refusing to overwrite existing files")
    assert listing(desk) == before


@pytest.mark.parametrize("failure", ["disk full", "signal"])
@pytest.mark.parametrize("where", ["existing folder", "new nested folder"])
def test_init_failing_half_way_removes_everything_it_wrote(run_cli, tmp_path, monkeypatch, failure, where):
    desk = tmp_path / "desk" if where == "existing folder" else tmp_path / "new" / "desk"
    if where == "existing folder":
        desk.mkdir()
        (desk / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = listing(tmp_path)
    link, calls = os.link, []

    def fails_on_the_fourth(source, target, **kwargs):
        calls.append(target)
        if len(calls) == 4:  # three files are in place, among them the first in a new folder
            raise Hangup if failure == "signal" else OSError(errno.ENOSPC, "No space left on device")
        return link(source, target, **kwargs)

    monkeypatch.setattr("timeline.fileio.write.os.link", fails_on_the_fourth)
    if failure == "signal":
        with pytest.raises(Hangup):
            run_cli("init", desk)
    else:
        one_error(run_cli("init", desk), "No space left on device")
    assert listing(tmp_path) == before
    monkeypatch.setattr("timeline.fileio.write.os.link", link)
    assert run_cli("init", desk).exit_code == 0
