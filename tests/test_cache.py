"""The parsed cache (cache.py) is never wrong: what it returns is what validation returns, whatever happened to
the files, the cache directory or the program in between."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest
from conftest import BAD

from timeline import cache
from timeline.errors import InvalidDataError

validate_module = importlib.import_module("timeline.validate")
ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "data" / "good"
CORPUS = sorted({*ROOT.glob("tests/data/good/*.yaml"), *ROOT.glob("tests/data/bad/*.yaml"), ROOT / "events.yaml"})


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "timeline"


def truth(paths, editorial=True) -> tuple:
    """What validation says, uncached, with every position (repr leaves positions out)."""
    return everything(validate_module.validate(validate_module.load_files(paths), editorial=editorial))


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
    cache.validated(paths, editorial=editorial)
    return everything(cache.validated(paths, editorial=editorial))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_a_hit_gives_exactly_what_validation_gives(path, cache_home):
    first = everything(cache.validated([path]))
    assert not list(cache_home.glob("*.json")), "a first run only leaves a marker"
    second = everything(cache.validated([path]))
    assert list(cache_home.glob("*.json")), "the second run stores an entry"
    third = everything(cache.validated([path]))  # from the entry
    assert first == second == third == truth([path])


def test_a_one_off_run_writes_no_entry(tmp_path, cache_home):
    path = copy(tmp_path, GOOD / "full.yaml")
    cache.validated([path])
    assert [p.suffix for p in cache_home.iterdir()] == [".seen"]
    assert cache_home.joinpath(next(cache_home.iterdir()).name).stat().st_size == 0


def test_several_files_and_both_kinds_of_entry(cache_home):
    paths = [GOOD / "full.yaml", GOOD / "minimal.yaml"]
    assert fill(paths, editorial=False) == truth(paths, editorial=False)
    assert everything(cache.validated(paths, editorial=False)) == truth(paths, editorial=False)
    assert everything(cache.validated(paths)) == truth(paths)  # an errors-only entry cannot serve warnings
    assert everything(cache.validated(paths, editorial=False)) == truth(paths, editorial=False)
    with pytest.raises(InvalidDataError) as uncached:
        validate_module.load_timeline(paths)  # the two files define the same ids
    with pytest.raises(InvalidDataError) as cached:
        cache.load_timeline(paths)
    assert cached.value.problems == uncached.value.problems
    assert cache.load_timeline([GOOD / "full.yaml"]) == validate_module.load_timeline([GOOD / "full.yaml"])


def test_the_entry_is_really_used(cache_home, monkeypatch):
    path = GOOD / "full.yaml"
    expected = truth([path])
    fill([path])
    monkeypatch.setattr(validate_module, "validate", lambda *a, **k: pytest.fail("parsed again"))
    assert everything(cache.validated([path])) == expected


def test_a_changed_file_is_read_again(tmp_path, cache_home):
    path = copy(tmp_path, GOOD / "full.yaml")
    before = fill([path])
    path.write_text(path.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1), encoding="utf-8")
    after = everything(cache.validated([path]))
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
    assert everything(cache.validated([path])) == truth([path])


def test_the_name_a_file_is_given_by_is_part_of_the_key(tmp_path, cache_home, monkeypatch):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    monkeypatch.chdir(tmp_path)
    relative = Path("events.yaml")
    assert everything(cache.validated([relative])) == truth([relative])  # problems say "events.yaml:..."


def test_another_timeline_version_or_code_does_not_read_the_entry(tmp_path, cache_home, monkeypatch):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    entries = set(cache_home.glob("*.json"))
    expected = truth([path])
    monkeypatch.setattr(cache, "_fingerprint", [b"another version of the code"])
    monkeypatch.setattr(validate_module, "validate", _counting(validate_module.validate))
    assert fill([path]) == expected
    assert validate_module.validate.calls == 2
    assert set(cache_home.glob("*.json")) > entries  # a new entry beside the old one


def test_the_size_cap_is_part_of_the_key(tmp_path, cache_home, monkeypatch):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    monkeypatch.setenv("TIMELINE_MAX_BYTES", "100")
    assert [p.code for p in cache.validated([path])[1]] == ["too-large"]


def _counting(function):
    def counted(*args, **kwargs):
        counted.calls += 1
        return function(*args, **kwargs)

    counted.calls = 0
    return counted


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "flipped", "header-only", "foreign-key",
                                    "valid-json-wrong-shape"])
def test_a_damaged_entry_is_ignored_and_replaced(tmp_path, cache_home, damage):
    path = copy(tmp_path, GOOD / "full.yaml")
    fill([path])
    (entry,) = cache_home.glob("*.json")
    data = entry.read_bytes()
    header, payload = data.split(b"\n", 1)
    damaged = {
        "empty": b"",
        "truncated": data[: len(data) // 2],
        "garbage": os.urandom(len(data)),
        "flipped": header + b"\n" + payload.replace(b"full", b"fuli", 1),
        "header-only": header + b"\n",
        "foreign-key": header.replace(header[9:20], b"0" * 11) + b"\n" + payload,
        "valid-json-wrong-shape": header.replace(header[-66:-2], cache.hashlib.sha256(b"[]").hexdigest().encode())
        + b"\n[]",
    }[damage]
    entry.write_bytes(damaged)
    assert everything(cache.validated([path])) == truth([path])
    assert everything(cache.validated([path])) == truth([path])
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
    assert everything(cache.validated([path])) == truth([path])
    assert everything(cache.validated([path])) == truth([path])
    assert not list(cache_home.glob("*.json"))


def test_an_unwritable_cache_location_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = copy(tmp_path, GOOD / "full.yaml")
    assert everything(cache.validated([path])) == truth([path])
    assert everything(cache.validated([path])) == truth([path])


def test_no_cache_when_turned_off(tmp_path, cache_home, monkeypatch):
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    path = copy(tmp_path, GOOD / "full.yaml")
    assert everything(cache.validated([path])) == truth([path])
    assert not cache_home.exists()


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    assert cache.cache_dir() == tmp_path / ".cache" / "timeline"


def test_old_entries_are_pruned(tmp_path, cache_home):
    for number in range(cache.MAX_ENTRIES + 3):
        path = copy(tmp_path, GOOD / "minimal.yaml", f"f{number}.yaml")
        fill([path])
    assert len(list(cache_home.glob("*.json"))) == cache.MAX_ENTRIES


def test_invalid_data_raises_the_same_errors(tmp_path, cache_home):
    path = copy(tmp_path, ROOT / "tests/data/bad/unknown-topic.yaml")
    with pytest.raises(InvalidDataError) as uncached:
        validate_module.load_timeline([path])
    for _ in range(3):
        with pytest.raises(InvalidDataError) as cached:
            cache.load_timeline([path])
        assert cached.value.problems == uncached.value.problems


def test_a_missing_file_is_still_a_file_error(tmp_path, cache_home):
    from timeline.errors import FileAccessError

    with pytest.raises(FileAccessError):
        cache.validated([tmp_path / "absent.yaml"])


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


def _first_event_id(path: Path) -> str:
    return validate_module.load_timeline([path]).events[0].id


def test_every_module_that_decides_a_result_is_part_of_the_key(tmp_path):
    """The code fingerprint must cover every timeline module that loading and validating run (else a change to
    one, such as a reader, could be answered from an entry made by the old code), the compiled reader included."""
    import subprocess

    script = ("import sys, timeline.cache as c; [c.validated([path]) for path in sys.argv[1:]]; "
              "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('timeline')))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "TIMELINE_NO_CACHE": ""}
    files = [Path(cache.__file__).parent / "data" / "events.yaml", *sorted(BAD.glob("syntax-*.yaml"))]  # hints too
    done = subprocess.run([sys.executable, "-c", script, *map(str, files)],
                          capture_output=True, text=True, env=env, check=True)
    used = {Path(line).name for line in done.stdout.split()}
    compiled = {name for name in used if name.startswith("_scan") and not name.endswith(".py")}
    assert used - compiled <= set(cache._DECIDING), "modules missing from cache._DECIDING"
    fingerprinted = {path.name for path in Path(cache.__file__).parent.glob("_scan*")}
    assert compiled <= fingerprinted
