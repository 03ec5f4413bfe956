"""The parsed cache (cache/store.py, through pipeline.py) is never wrong: what it returns is what validation returns, whatever happened to
the files, the cache directory or the program in between."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BAD, subprocess_environment

from timeline.cache import store
from timeline.cli.options import cache_store
from timeline.errors import InvalidDataError
from timeline.pipeline import load_files, load_timeline, validate_paths
from conftest import REPO

validate_module = importlib.import_module("timeline.validate")
ROOT = REPO
PACKAGE = Path(store.__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "data" / "good"
CORPUS = sorted({*ROOT.glob("tests/data/good/*.yaml"), *ROOT.glob("tests/data/bad/*.yaml"), ROOT / "events.yaml"})


@pytest.fixture(autouse=True)
def key_path(tmp_path, monkeypatch) -> Path:
    """The secret key that signs entries: this test's own, never the developer's (subprocesses inherit it)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "timeline" / "cache-key"


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "timeline"


def truth(paths, editorial=True) -> tuple:
    """What validation says, uncached, with every position (repr leaves positions out)."""
    return everything(validate_module.validate(load_files(paths), editorial=editorial))


def through_cache(paths, editorial=True) -> tuple:
    """What a command gets: the pipeline with the CLI's store (none under TIMELINE_NO_CACHE)."""
    return validate_paths(paths, editorial=editorial, store=cache_store())


def everything(result) -> tuple:
    timeline, problems = result
    if timeline is None:
        return None, problems
    wheres = [(e.where, e.order, [c.where for c in e.all_citations()], [d.where for d in e.disputes])
              for e in timeline.events]
    registries = [(kind, key, entry.where) for kind in ("topics", "actors", "sources")
                  for key, entry in getattr(timeline, kind).items()]
    return repr(timeline), timeline.files, wheres, registries, problems


def copy(tmp_path: Path, source: Path, name: str = "events.yaml") -> Path:
    target = tmp_path / name
    target.write_bytes(source.read_bytes())
    return target


def fill(paths, editorial=True) -> tuple:
    """Read the files twice, as a second run stores the entry; what the second run returned."""
    through_cache(paths, editorial=editorial)
    return everything(through_cache(paths, editorial=editorial))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_a_hit_gives_exactly_what_validation_gives(path, cache_home):
    first = everything(through_cache([path]))
    assert not list(cache_home.glob("*.json")), "a first run only leaves a marker"
    second = everything(through_cache([path]))
    assert list(cache_home.glob("*.json")), "the second run stores an entry"
    third = everything(through_cache([path]))  # from the entry
    assert first == second == third == truth([path])


def test_a_one_off_run_writes_no_entry(tmp_path, cache_home, key_path):
    """What every CI job on a fresh machine does: one marker, no entry, and no key."""
    path = copy(tmp_path, GOOD / "full.yaml")
    through_cache([path])
    (marker,) = cache_home.iterdir()
    assert marker.name.startswith("timeline-") and marker.suffix == ".seen"
    assert marker.read_bytes() == f"timeline-cache {store.FORMAT} seen\n".encode()
    assert not key_path.parent.exists()


def test_several_files_and_both_kinds_of_entry(cache_home):
    paths = [GOOD / "full.yaml", GOOD / "minimal.yaml"]
    assert fill(paths, editorial=False) == truth(paths, editorial=False)
    assert everything(through_cache(paths, editorial=False)) == truth(paths, editorial=False)
    assert everything(through_cache(paths)) == truth(paths)  # an errors-only entry cannot serve warnings
    assert everything(through_cache(paths, editorial=False)) == truth(paths, editorial=False)
    with pytest.raises(InvalidDataError) as uncached:
        load_timeline(paths)  # the two files define the same ids
    with pytest.raises(InvalidDataError) as cached:
        load_timeline(paths, store=cache_store())
    assert cached.value.problems == uncached.value.problems
    assert load_timeline([GOOD / "full.yaml"], store=cache_store()) == load_timeline([GOOD / "full.yaml"])


def test_the_entry_is_really_used(cache_home, monkeypatch):
    path = GOOD / "full.yaml"
    expected = truth([path])
    fill([path])
    monkeypatch.setattr(validate_module, "validate", lambda *a, **k: pytest.fail("parsed again"))
    assert everything(through_cache([path])) == expected


def test_a_changed_file_is_read_again(tmp_path, cache_home):
    path = copy(tmp_path, GOOD / "full.yaml")
    before = fill([path])
    path.write_text(path.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1), encoding="utf-8")
    after = everything(through_cache([path]))
    assert after == truth([path]) != before


def test_same_size_and_same_mtime_is_not_the_same_file(tmp_path, cache_home):
    path = copy(tmp_path, GOOD / "full.yaml")
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    fill([path])
    changed = text.replace("2025-01-20", "2025-01-21", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert everything(through_cache([path])) == truth([path])


def test_the_name_a_file_is_given_by_is_part_of_the_key(tmp_path, cache_home, monkeypatch):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    monkeypatch.chdir(tmp_path)
    relative = Path("events.yaml")
    assert everything(through_cache([relative])) == truth([relative])  # problems say "events.yaml:..."


def test_another_timeline_version_or_code_does_not_read_the_entry(tmp_path, cache_home, monkeypatch):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    entries = set(cache_home.glob("*.json"))
    expected = truth([path])
    monkeypatch.setattr(store, "_fingerprint", [b"another version of the code"])
    monkeypatch.setattr(validate_module, "validate", _counting(validate_module.validate))
    assert fill([path]) == expected
    assert validate_module.validate.calls == 2
    assert set(cache_home.glob("*.json")) > entries  # a new entry beside the old one


def test_the_size_cap_is_part_of_the_key(tmp_path, cache_home, monkeypatch):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    monkeypatch.setenv("TIMELINE_MAX_BYTES", "100")
    assert [p.code for p in through_cache([path])[1]] == ["too-large"]


def _counting(function):
    def counted(*args, **kwargs):
        counted.calls += 1
        return function(*args, **kwargs)

    counted.calls = 0
    return counted


@pytest.mark.parametrize("damage", ["empty", "truncated", "truncated-by-one", "garbage", "flipped", "header-only",
                                    "foreign-key", "valid-json-wrong-shape", "no-newline", "format-1"])
def test_a_damaged_entry_is_ignored_and_replaced(tmp_path, cache_home, key_path, damage):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    (entry,) = cache_home.glob("*.json")
    data = entry.read_bytes()
    header, payload = data.split(b"\n", 1)
    key = entry.name.split("-", 1)[1].split(".")[0]
    label = store._label(key, True)
    damaged = {
        "empty": b"",
        "truncated": data[: len(data) // 2],
        "truncated-by-one": data[:-1],
        "garbage": os.urandom(len(data)),
        "flipped": header + b"\n" + payload.replace(b"full", b"fuli", 1),
        "header-only": header + b"\n",
        "foreign-key": header.replace(key.encode(), b"0" * 64) + b"\n" + payload,
        # signed with the user's own key, so only the shape is wrong: still a miss, never an error
        "valid-json-wrong-shape": label + sign(secret_in(key_path), label, b"[]") + b"\n[]",
        "no-newline": header + payload,
        "format-1": b'{"format": 1, "key": "%s", "editorial": true, "sha256": "%s"}\n' % (
            key.encode(), hashlib.sha256(payload).hexdigest().encode()) + payload,
    }[damage]
    entry.write_bytes(damaged)
    assert everything(through_cache([path])) == truth([path])
    assert everything(through_cache([path])) == truth([path])
    assert entry.read_bytes() == data  # rewritten whole


def test_a_read_only_cache_directory_only_means_no_cache(run_unprivileged, tmp_path, monkeypatch):
    """The real CLI, in a process held to permission bits (conftest.run_unprivileged: as root too), says exactly
    what it says uncached, run after run, and leaves the read-only directory empty."""
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    path = copy(tmp_path, GOOD / "full.yaml")
    cache_home = tmp_path / "xdg" / "timeline"
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o500)
    try:
        for command in (("validate", path), ("list", "-f", path, "--format", "json")):
            uncached = run_unprivileged(*command, env={"TIMELINE_NO_CACHE": "1"})
            assert uncached.returncode == 0, uncached.stderr
            for _ in range(3):  # a marker, then an entry, would have been written
                result = run_unprivileged(*command, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
                assert (result.returncode, result.stdout, result.stderr) == \
                    (uncached.returncode, uncached.stdout, uncached.stderr), command
        assert not list(cache_home.iterdir())
    finally:
        cache_home.chmod(0o700)


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(30, "Read-only file system"),
                                   OSError(28, "No space left on device"), MemoryError()])
def test_a_failing_write_only_means_no_cache(tmp_path, cache_home, monkeypatch, error):
    """The same as a read-only directory, a full disk or a lack of memory, for a user (root) whom chmod won't stop."""

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    path = copy(tmp_path, GOOD / "full.yaml")
    assert everything(through_cache([path])) == truth([path])
    assert everything(through_cache([path])) == truth([path])
    assert not list(cache_home.glob("*.json"))


def test_an_unwritable_cache_location_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = copy(tmp_path, GOOD / "full.yaml")
    assert everything(through_cache([path])) == truth([path])
    assert everything(through_cache([path])) == truth([path])


def test_no_cache_when_turned_off(tmp_path, cache_home, key_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    path = copy(tmp_path, GOOD / "full.yaml")
    assert everything(through_cache([path])) == truth([path])
    assert everything(through_cache([path])) == truth([path])
    assert not cache_home.exists() and not key_path.parent.exists()


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    assert store.cache_dir() == tmp_path / ".cache" / "timeline"


def test_old_entries_are_pruned(tmp_path, cache_home):
    for number in range(store.MAX_ENTRIES + 3):
        path = copy(tmp_path, GOOD / "minimal.yaml", f"f{number}.yaml")
        fill([path])
    assert len(list(cache_home.glob("*.json"))) == store.MAX_ENTRIES


def test_invalid_data_raises_the_same_errors(tmp_path, cache_home):
    path = copy(tmp_path, ROOT / "tests/data/bad/unknown-topic.yaml")
    with pytest.raises(InvalidDataError) as uncached:
        load_timeline([path])
    for _ in range(3):
        with pytest.raises(InvalidDataError) as cached:
            load_timeline([path], store=cache_store())
        assert cached.value.problems == uncached.value.problems


def test_a_missing_file_is_still_a_file_error(tmp_path, cache_home):
    from timeline.errors import FileAccessError

    with pytest.raises(FileAccessError):
        through_cache([tmp_path / "absent.yaml"])


def test_the_cli_says_the_same_with_and_without_the_cache(run_subprocess, tmp_path):
    path = copy(tmp_path, GOOD / "listing.yaml")
    commands = [("validate", str(path)), ("validate", "--format", "json", str(path)), ("list", "-f", str(path)),
                ("list", "-f", str(path), "--format", "json"), ("chronology", "-f", str(path), "--lang", "ja"),
                ("topics", "-f", str(path)), ("show", "-f", str(path), _first_event_id(path))]
    home = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    for command in commands:
        uncached = run_subprocess(*command, env={"TIMELINE_NO_CACHE": "1"})
        runs = [run_subprocess(*command, env=home) for _ in range(3)]  # marker, entry written, entry read
        for result in runs:
            assert (result.returncode, result.stdout, result.stderr) == \
                (uncached.returncode, uncached.stdout, uncached.stderr), command
    assert list((tmp_path / "xdg" / "timeline").glob("*.json"))


def test_validate_from_the_cache_still_judges_what_the_entry_does_not_hold(run_subprocess, tmp_path):
    """A cached `validate` reads problems and facts, not the events (checked.py): a correction after --as-of (the
    day is never stored), a problem inside a private source (withheld, or shown with --internal) and an unchanged
    file must say exactly what an uncached run says."""
    corrections = copy(tmp_path, GOOD / "corrections.yaml")
    private = tmp_path / "private.yaml"
    private.write_text((GOOD / "corrections.yaml").read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n  hidden-2025:\n    publisher: Hidden\n    title: Memo\n    published: 2025-13-01\n"
        "    language: en\n    private: true\n", 1), encoding="utf-8")
    commands = [("validate", corrections, "--as-of", "2025-02-02"), ("validate", corrections, "--as-of", "2030-01-01"),
                ("validate", private), ("validate", private, "--internal"), ("validate", private, "--format", "json")]
    home = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    for command in commands:
        uncached = run_subprocess(*command, env={"TIMELINE_NO_CACHE": "1"})
        for result in [run_subprocess(*command, env=home) for _ in range(3)]:  # marker, entry written, entry read
            assert (result.returncode, result.stdout, result.stderr) == \
                (uncached.returncode, uncached.stdout, uncached.stderr), command
    said = {command: run_subprocess(*command, env=home).stdout for command in commands}
    assert "correction-in-future" in said[commands[0]] and "correction-in-future" not in said[commands[1]]
    assert "withheld" in said[commands[2]] and "Hidden" not in said[commands[2]] and "hidden-2025" in said[commands[3]]
    assert len(list((tmp_path / "xdg" / "timeline").glob("*.json"))) == 2


def _first_event_id(path: Path) -> str:
    return load_timeline([path]).events[0].id


def test_every_module_that_decides_a_result_is_part_of_the_key(tmp_path):
    """The code fingerprint must cover every timeline module that loading and validating run (else a change to
    one, such as a reader, could be answered from an entry made by the old code), the compiled reader included."""
    script = ("import sys; from timeline.pipeline import validate_paths; from timeline.cache.store import Store; "
              "[validate_paths([path], store=Store.for_user()) for path in sys.argv[1:]]; "
              "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('timeline')))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "TIMELINE_NO_CACHE": ""}
    files = [PACKAGE / "data" / "events.yaml", *sorted(BAD.glob("syntax-*.yaml"))]  # hints too
    done = subprocess.run([sys.executable, "-c", script, *map(str, files)],
                          capture_output=True, text=True, env=env, check=True)
    used = {Path(line).resolve().relative_to(PACKAGE) for line in done.stdout.split()}
    compiled = {path for path in used if path.suffix != ".py"}  # the compiled block reader
    deciding = {Path(name) for name in store._DECIDING}
    missing = {path for path in used - compiled if path not in deciding and not deciding & set(path.parents)}
    assert not missing, f"modules missing from cache.store._DECIDING: {sorted(map(str, missing))}"
    assert all((PACKAGE / path).exists() for path in deciding), "cache.store._DECIDING names a module that is gone"
    assert compiled <= {path.relative_to(PACKAGE) for path in store._compiled(PACKAGE)}
    assert store._code_fingerprint() is not None


# -- what an entry can be trusted for: the trust boundary (README "Speed and the cache") ---------------------------
# The cache directory is untrusted (a CI cache restored from another branch is as untrusted as a pull request); the
# secret key in $XDG_STATE_HOME/timeline/cache-key is not. Whether a real process parsed its input is seen in
# `python -X importtime`: validation runs, and imports timeline.validate, only when no entry was used.


def sign(secret: bytes, label: bytes, payload: bytes) -> bytes:
    """An entry's MAC, computed as cache/store.py computes it, under `secret`."""
    return hmac.new(secret, label + payload, "sha256").hexdigest().encode("ascii")


def secret_in(key_file: Path) -> bytes:
    return bytes.fromhex(key_file.read_text(encoding="ascii"))


def timeline(*args, env: dict[str, str] | None = None) -> tuple[tuple[int, str, str], bool]:
    """`timeline ARGS` as a real process -> ((exit status, stdout, stderr), whether it parsed and validated)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "timeline", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=subprocess_environment(env), timeout=60,
                          check=False)
    lines = done.stderr.splitlines(keepends=True)
    parsed = any(line.startswith("import time:") and line.rstrip().endswith("| timeline.validate") for line in lines)
    stderr = "".join(line for line in lines if not line.startswith("import time:"))
    return (done.returncode, done.stdout, stderr), parsed


def user(tmp_path: Path, name: str) -> dict[str, str]:
    """The environment of one user (or one CI job): a cache directory and a place for the key of their own."""
    return {"XDG_CACHE_HOME": str(tmp_path / name / "cache"), "XDG_STATE_HOME": str(tmp_path / name / "state"),
            "TIMELINE_NO_CACHE": ""}


UNCACHED = {"TIMELINE_NO_CACHE": "1"}


@pytest.mark.parametrize("command", [("validate",), ("list", "-f")], ids=["validate", "list"])
def test_a_normal_repeated_command_is_served_from_the_cache(tmp_path, command):
    path = copy(tmp_path, GOOD / "listing.yaml")
    me = user(tmp_path, "me")
    expected, _ = timeline(*command, path, env=UNCACHED)
    runs = [timeline(*command, path, env=me) for _ in range(4)]
    assert [output for output, _ in runs] == [expected] * 4
    assert [parsed for _, parsed in runs] == [True, True, False, False]  # marker, entry written, entry read twice
    key = tmp_path / "me" / "state" / "timeline" / "cache-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_uid == os.geteuid()
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert not list((tmp_path / "me" / "cache").rglob("*key*")), "the key is never in the cache directory"


FORGERIES = ["sha256", "mac-under-another-key", "mac-under-an-empty-key", "mac-under-a-zero-key",
             "genuine-entry-of-the-valid-file", "genuine-entry-relabelled"]


@pytest.mark.parametrize("command", [("validate",), ("list", "-f")], ids=["validate", "list"])
def test_a_forged_entry_never_makes_invalid_data_ok(tmp_path, command):
    """Whoever can write the cache directory takes the real entry of an invalid file and rewrites it to say the file
    is valid (the payload of the same file when it was valid), recomputing the MAC every way open to them. The
    command still reports the file invalid, exactly as without a cache, and replaces the forgery."""
    me = user(tmp_path, "me")
    entries = tmp_path / "me" / "cache" / "timeline"
    path = copy(tmp_path, GOOD / "listing.yaml")
    for _ in range(2):
        timeline(*command, path, env=me)
    (valid_entry,) = entries.glob("timeline-*.json")
    path.write_text(path.read_text(encoding="utf-8").replace("version: 1", "version: 7", 1), encoding="utf-8")
    expected, _ = timeline(*command, path, env=UNCACHED)
    assert expected[0] == 1 and ("FAILED" in expected[2] or "Error" in expected[2]), expected
    for _ in range(2):
        timeline(*command, path, env=me)
    (invalid_entry,) = set(entries.glob("timeline-*.json")) - {valid_entry}
    genuine = invalid_entry.read_bytes()
    for forgery in FORGERIES:
        invalid_entry.write_bytes(forge(invalid_entry, valid_entry, forgery))
        assert invalid_entry.read_bytes() != genuine
        assert timeline(*command, path, env=me) == (expected, True), forgery
        assert invalid_entry.read_bytes() == genuine, f"{forgery}: the forgery is replaced by the true entry"
    assert timeline(*command, path, env=me) == (expected, False)


def forge(invalid_entry: Path, valid_entry: Path, forgery: str) -> bytes:
    """The invalid file's entry, made to carry the valid file's payload."""
    label = invalid_entry.read_bytes().split(b"\n", 1)[0][:-64]
    valid = valid_entry.read_bytes()
    payload = valid.split(b"\n", 1)[1]
    if forgery == "genuine-entry-of-the-valid-file":
        return valid  # a real MAC under the user's own key, but for another key
    if forgery == "genuine-entry-relabelled":
        return label + valid.split(b"\n", 1)[0][-64:] + b"\n" + payload
    if forgery == "sha256":
        return label + hashlib.sha256(label + payload).hexdigest().encode() + b"\n" + payload
    other = {"mac-under-another-key": os.urandom(32), "mac-under-an-empty-key": b"", "mac-under-a-zero-key": bytes(32)}
    return label + sign(other[forgery], label, payload) + b"\n" + payload


def test_an_entry_from_another_users_cache_never_hits(tmp_path):
    """A cache restored from another machine, job or user (actions/cache) is a miss under this user's key: the
    command parses, says what it says uncached, and rewrites the entry under its own key."""
    path = copy(tmp_path, GOOD / "listing.yaml")
    command = ("list", "-f", path, "--format", "json")
    expected, _ = timeline(*command, env=UNCACHED)
    them, me = user(tmp_path, "them"), user(tmp_path, "me")
    for _ in range(2):
        assert timeline(*command, env=them)[0] == expected
    assert timeline(*command, env=them) == (expected, False)  # their cache hits for them
    for _ in range(2):  # I have a key of my own (written with my first entry)
        timeline("topics", "-f", GOOD / "full.yaml", env=me)
    assert (tmp_path / "me" / "state" / "timeline" / "cache-key").read_bytes() != \
        (tmp_path / "them" / "state" / "timeline" / "cache-key").read_bytes()
    shutil.rmtree(tmp_path / "me" / "cache")
    shutil.copytree(tmp_path / "them" / "cache", tmp_path / "me" / "cache")  # markers and entries: all of it
    restored = {p.name: p.read_bytes() for p in (tmp_path / "me" / "cache" / "timeline").glob("*.json")}
    assert timeline(*command, env=me) == (expected, True)
    rewritten = {p.name: p.read_bytes() for p in (tmp_path / "me" / "cache" / "timeline").glob("*.json")}
    assert rewritten.keys() == restored.keys() and rewritten != restored
    assert timeline(*command, env=me) == (expected, False)


def test_a_fresh_ci_job_never_hits_a_restored_cache(tmp_path):
    """Every CI job starts with no key, so a cache directory restored into it only costs a miss."""
    path = copy(tmp_path, GOOD / "listing.yaml")
    expected, _ = timeline("validate", path, env=UNCACHED)
    for job in range(3):
        env = {**user(tmp_path, f"job{job}"), "XDG_CACHE_HOME": str(tmp_path / "restored")}
        assert timeline("validate", path, env=env) == (expected, True)
    assert list((tmp_path / "restored" / "timeline").glob("*.json"))  # the second job wrote one, under its key


def _other_owner(monkeypatch) -> None:
    uid = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: uid + 1)


KEY_PROBLEMS = {
    "readable-by-the-group": lambda key, cache_home, monkeypatch: key.chmod(0o640),
    "readable-by-anyone": lambda key, cache_home, monkeypatch: key.chmod(0o644),
    "writable-by-the-group": lambda key, cache_home, monkeypatch: key.chmod(0o620),
    "owned-by-someone-else": lambda key, cache_home, monkeypatch: _other_owner(monkeypatch),
    "a-link-to-a-private-key": lambda key, cache_home, monkeypatch: (
        key.rename(key.with_name("elsewhere")), key.symlink_to(key.with_name("elsewhere"))),
    "a-fifo": lambda key, cache_home, monkeypatch: (key.unlink(), os.mkfifo(key, 0o600)),
    "a-directory": lambda key, cache_home, monkeypatch: (key.unlink(), key.mkdir(0o700)),
    "too-short": lambda key, cache_home, monkeypatch: key.write_bytes(key.read_bytes()[:20] + b"\n"),
    "empty": lambda key, cache_home, monkeypatch: key.write_bytes(b""),
    "in-the-cache-directory": lambda key, cache_home, monkeypatch: monkeypatch.setenv(
        "XDG_STATE_HOME", str(cache_home.parent)),
    "under-xdg-cache-home": lambda key, cache_home, monkeypatch: monkeypatch.setenv(
        "XDG_STATE_HOME", str(cache_home.parent / "state")),
}


@pytest.mark.parametrize("problem", KEY_PROBLEMS)
def test_a_key_that_is_not_this_users_own_private_file_means_no_cache(tmp_path, run_cli, cache_home, key_path,
                                                                       monkeypatch, problem):
    """Refused, never repaired or replaced, and never an error: every run parses and says what it says uncached."""
    path = copy(tmp_path, GOOD / "listing.yaml")
    expected = run_cli("validate", path, env={"TIMELINE_NO_CACHE": "1"})
    for where in (key_path, cache_home / "cache-key", cache_home.parent / "state" / "timeline" / "cache-key"):
        where.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        where.write_bytes(os.urandom(32).hex().encode() + b"\n")
        where.chmod(0o600)
    KEY_PROBLEMS[problem](key_path, cache_home, monkeypatch)
    before = sorted((p.name, p.lstat().st_mode) for p in key_path.parent.iterdir())
    monkeypatch.setattr(validate_module, "validate", _counting(validate_module.validate))
    for _ in range(3):  # a marker, an entry, a hit: had the key been used
        result = run_cli("validate", path)
        assert (result.exit_code, result.stdout, result.stderr) == \
            (expected.exit_code, expected.stdout, expected.stderr)
    assert validate_module.validate.calls == 3
    assert not list(cache_home.glob("timeline-*"))
    assert sorted((p.name, p.lstat().st_mode) for p in key_path.parent.iterdir()) == before


def test_a_key_open_to_others_means_no_cache_in_a_real_process(tmp_path):
    """The same, as the command runs for real: a key anyone can read (and, as root, a private key that another
    user owns) is left as it is, and every run parses."""
    path = copy(tmp_path, GOOD / "listing.yaml")
    expected, _ = timeline("list", "-f", path, env=UNCACHED)
    me = user(tmp_path, "me")
    key = tmp_path / "me" / "state" / "timeline" / "cache-key"
    key.parent.mkdir(parents=True, mode=0o700)
    key.write_bytes(os.urandom(32).hex().encode() + b"\n")
    changes = [lambda: key.chmod(0o644)]
    if os.geteuid() == 0:
        changes.append(lambda: (key.chmod(0o600), os.chown(key, 65534, 65534)))
    for change in changes:
        change()
        before = key.stat()
        assert [timeline("list", "-f", path, env=me) for _ in range(3)] == [(expected, True)] * 3
        assert not list((tmp_path / "me" / "cache").rglob("timeline-*"))
        assert (key.stat().st_mode, key.stat().st_uid, key.stat().st_mtime_ns) == \
            (before.st_mode, before.st_uid, before.st_mtime_ns)


def test_a_link_or_fifo_in_place_of_an_entry_is_never_followed(tmp_path, cache_home):
    """An entry name may be anything in an untrusted directory: a link to a genuine entry is still not one, and a
    FIFO cannot make the command wait."""
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    (entry,) = cache_home.glob("timeline-*.json")
    genuine = entry.read_bytes()
    entry.rename(tmp_path / "genuine.json")
    entry.symlink_to(tmp_path / "genuine.json")
    assert everything(through_cache([path])) == truth([path])
    assert not entry.is_symlink() and entry.read_bytes() == genuine  # replaced by a file of its own
    assert (tmp_path / "genuine.json").read_bytes() == genuine
    entry.unlink()
    os.mkfifo(entry)
    assert everything(through_cache([path])) == truth([path])


def test_pruning_removes_only_files_that_are_ours(tmp_path, cache_home, run_cli, monkeypatch):
    """Beyond the newest entries and markers, only files whose name and first bytes are both ours are removed:
    another program's files, look-alikes, links (and what they point to), FIFOs and directories all stay, even
    when they are the oldest files there."""
    monkeypatch.setattr(store, "MAX_MARKERS", 3)  # markers are pruned too, here after 3
    cache_home.mkdir(parents=True)
    hexkey = "ab" * 32
    outside = tmp_path / "outside.json"
    outside.write_bytes(b"timeline-cache 2 full " + hexkey.encode() + b" " + b"0" * 64 + b"\nnot yours")
    foreign = {
        "notes.json": b'{"mine": true}',
        "other-tool.seen": b"",
        f"{hexkey}.full.json": b'{"format": 1, "key": "not the name"}\n',  # a format-1 name, not a format-1 header
        f"timeline-{hexkey}.full.json": b'{"timeline": "a file that only borrows the name"}',
        f"timeline-{'cd' * 32}.seen": b"",
        f"timeline-{'dc' * 32}.seen": b"not a marker of ours",
        ".timeline-abcdefgh.tmp": b"someone else's temporary file",
        "timeline-cache-notes.txt": b"timeline-cache 2 full: a name we never use",
    }
    for name, data in foreign.items():
        (cache_home / name).write_bytes(data)
    (cache_home / f"timeline-{'ef' * 32}.errors.json").symlink_to(outside)
    (cache_home / f"timeline-{'12' * 32}.full.json").mkdir()
    os.mkfifo(cache_home / f"timeline-{'34' * 32}.full.json")
    ours_stale = cache_home / ".timeline-zzzzzzzz.tmp"
    ours_stale.write_bytes(f"timeline-cache {store.FORMAT} full ".encode() + hexkey.encode() + b" " + b"0" * 64 + b"\n{")
    format_1 = cache_home / f"{'56' * 32}.errors.json"
    format_1.write_bytes(b'{"format": 1, "key": "' + b"56" * 32 + b'", "editorial": false, "sha256": "00"}\n{}')
    old = time.time() - 10 * 24 * 3600
    for item in cache_home.iterdir():
        os.utime(item, (old, old), follow_symlinks=False)
    for number in range(store.MAX_ENTRIES + 3):
        path = copy(tmp_path, GOOD / "minimal.yaml", f"f{number}.yaml")
        for _ in range(2):
            assert run_cli("validate", path).exit_code == 0
    assert {name: (cache_home / name).read_bytes() for name in foreign} == foreign
    assert (cache_home / f"timeline-{'ef' * 32}.errors.json").is_symlink() and outside.read_bytes().endswith(b"yours")
    assert (cache_home / f"timeline-{'12' * 32}.full.json").is_dir()
    assert stat.S_ISFIFO((cache_home / f"timeline-{'34' * 32}.full.json").stat().st_mode)
    assert not ours_stale.exists() and not format_1.exists()
    ours = [p for p in cache_home.glob("timeline-*") if p.name not in foreign
            and not p.is_symlink() and p.is_file() and p.read_bytes().startswith(f"timeline-cache {store.FORMAT} ".encode())]
    assert sorted(p.suffix for p in ours) == [".json"] * store.MAX_ENTRIES + [".seen"] * 3
