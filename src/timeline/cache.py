"""Validation results kept on disk, keyed by the files' exact content, so that repeated commands skip YAML.

Editors run `timeline list` and `timeline chronology` many times on a file that has not changed; parsing and
checking tens of thousands of events each time is most of the run. The first run stores what validation found
(the timeline and every problem) in `$XDG_CACHE_HOME/timeline/` (else `~/.cache/timeline/`); a later run on
byte-identical files reads it back at about the speed of loading JSON. `TIMELINE_NO_CACHE=1` turns it off.

Never stale, never wrong:
- the key is a SHA-256 over the bytes of every file and the name it is shown by, the size cap in force, and a
  fingerprint of the code that decides the result (this package's loader, validator, model and checks, its
  version, and the PyYAML in use): editing a file, even to the same size within the same second, or upgrading
  timeline or PyYAML, gives another key;
- an entry holds its key and a SHA-256 of its own payload, and is used only when both match, so a truncated,
  corrupt or foreign file is ignored (and replaced), never believed;
- the payload is JSON, not pickle: reading a cache can never run code;
- writing is best effort (a temporary file renamed into place): a read-only or full disk only means no cache.
An entry is written the second time the same files are read (the first leaves an empty marker): writing one
costs a third of a parse, which a one-off run, such as every CI job, would pay for nothing.
Only the CLI uses it; the library functions (`load_timeline`, `validate`) never touch the disk.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__
from .dates import parse_edtf, parse_point
from .errors import InvalidDataError, Problem, Severity
from .model import (
    Actor,
    Citation,
    Claim,
    Dispute,
    Event,
    Source,
    Text,
    Timeline,
    Topic,
    Where,
)

FORMAT = 1  # bump when the payload's layout changes
MAX_ENTRIES = 8  # entries kept; older ones are removed when a new one is written
MAX_MARKERS = 64  # "seen once" markers kept
# The modules whose code decides what validation returns: a change to any of them is a new cache key.
_DECIDING = ("__init__.py", "cache.py", "dates.py", "editorial.py", "errors.py", "hints.py", "load.py", "model.py", "scan.py",
             "validate.py")


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off (TIMELINE_NO_CACHE set to anything but 0 or empty)."""
    if os.environ.get("TIMELINE_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory
            return None
    return Path(base) / "timeline"


def validated(paths: Sequence[str | Path], *, editorial: bool = True) -> tuple[Timeline | None, list[Problem]]:
    """`validate(load_files(paths), editorial=...)`, from the cache when the files are unchanged.

    Raises FileAccessError as load_files does, before anything else.
    """
    from .load import read_bytes

    names = [str(path) for path in paths]
    datas = [read_bytes(path) for path in paths]
    directory = cache_dir()
    key = _key(names, datas) if directory is not None else None
    if key is not None:
        found = _read(directory, key, editorial)  # type: ignore[arg-type]
        if found is not None:
            return found
    from .load import load_bytes
    from .validate import validate

    loaded = [load_bytes(datas.pop(0), name) for name in names]  # popped: load_bytes holds each file's only copy
    result = validate(loaded, editorial=editorial)
    del loaded  # the YAML values go before the entry is encoded: peak memory stays that of validation
    if key is not None and _seen_before(directory, key):  # type: ignore[arg-type]
        _write(directory, key, editorial, result)  # type: ignore[arg-type]
    return result


def load_timeline(paths: Sequence[str | Path]) -> Timeline:
    """`validate.load_timeline` through the cache: the timeline, or InvalidDataError with every error."""
    timeline, problems = validated(paths, editorial=False)
    if timeline is None:
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR])
    return timeline


# -- keys ---------------------------------------------------------------------------------------------------


_fingerprint: list[bytes] = []


def _code_fingerprint() -> bytes | None:
    """A digest of the code that decides validation results; None (no caching) if it cannot be read."""
    if not _fingerprint:
        digest = hashlib.sha256(f"timeline {__version__} cache {FORMAT}".encode())
        try:
            here = Path(__file__).resolve().parent
            for name in _DECIDING:
                digest.update((here / name).read_bytes())
            for compiled in sorted(here.glob("_scan*")):  # the compiled reader (_scan.c and what was built from it)
                digest.update(compiled.name.encode() + compiled.read_bytes())
            digest.update(_yaml_identity())
        except (OSError, ImportError, AttributeError, ValueError):
            return None
        _fingerprint.append(digest.digest())
    return _fingerprint[0]


def _yaml_identity() -> bytes:
    """PyYAML's version (its __init__.py) and its libyaml extension (name and size), found without importing."""
    from importlib.util import find_spec

    spec = find_spec("yaml")
    package = Path(spec.origin)  # type: ignore[arg-type, union-attr]
    identity = package.read_bytes()
    for extension in sorted(package.parent.glob("_yaml*")):
        identity += f"{extension.name}:{extension.stat().st_size}".encode()
    return identity


def _key(names: list[str], datas: list[bytes]) -> str | None:
    fingerprint = _code_fingerprint()
    if fingerprint is None:
        return None
    from .load import max_bytes

    digest = hashlib.sha256(fingerprint)
    digest.update(f"cap {max_bytes()} files {len(names)}".encode())
    for name, data in zip(names, datas):
        encoded = os.fsencode(name)
        digest.update(len(encoded).to_bytes(8, "little") + encoded)
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


# -- entries: a header line (key, payload digest), then the payload --------------------------------------------


def _entry(directory: Path, key: str, editorial: bool) -> Path:
    return directory / f"{key}.{'full' if editorial else 'errors'}.json"


def _read(directory: Path, key: str, editorial: bool) -> tuple[Timeline | None, list[Problem]] | None:
    """The stored result, or None when there is none that can be trusted (any doubt is a miss)."""
    # Entries made with the editorial checks serve callers that do not want them (the timeline is the same;
    # load_timeline looks at errors only), not the other way round.
    for candidate in ((True,) if editorial else (False, True)):
        path = _entry(directory, key, candidate)
        try:
            with open(path, "rb") as handle:
                header = json.loads(handle.readline())
                payload = handle.read()
            if (header.get("format") != FORMAT or header.get("key") != key or header.get("editorial") != candidate
                    or header.get("sha256") != hashlib.sha256(payload).hexdigest()):
                continue
            result = _decode(json.loads(payload))
        except FileNotFoundError:
            continue
        except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss, never an error
            continue
        try:
            os.utime(path)  # recently used: kept longest
        except OSError:
            pass
        return result
    return None


def _seen_before(directory: Path, key: str) -> bool:
    """True when these files were read before; else remember that they now were (an empty marker file)."""
    marker = directory / f"{key}.seen"
    if marker.exists():
        return True
    try:
        directory.mkdir(parents=True, exist_ok=True)
        marker.touch()
        _prune(directory, "*.seen", MAX_MARKERS)
    except OSError:
        pass
    return False


def _write(directory: Path, key: str, editorial: bool, result: tuple[Timeline | None, list[Problem]]) -> None:
    """Store the result; any failure (read-only, full disk, out of memory) only means no cache."""
    import tempfile

    temporary = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
        with os.fdopen(descriptor, "wb") as handle:
            # The payload is written as it is encoded, event by event (the whole of it as one string would
            # cost several times the file at 100k events); its digest then replaces the placeholder.
            handle.write(_header(key, editorial, "0" * 64))
            digest = hashlib.sha256()
            for chunk in _payload(*result):
                data = chunk.encode("utf-8")
                digest.update(data)
                handle.write(data)
            handle.seek(0)
            handle.write(_header(key, editorial, digest.hexdigest()))
        os.replace(temporary, _entry(directory, key, editorial))
        temporary = None
        _prune(directory, "*.json", MAX_ENTRIES)
    except (OSError, MemoryError, ValueError, TypeError, RecursionError):
        pass
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _prune(directory: Path, pattern: str, keep: int) -> None:
    """Remove all but the `keep` most recently used files matching `pattern`."""
    entries = []
    for path in directory.glob(pattern):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        try:
            path.unlink()
        except OSError:
            pass


# -- the payload: the model and the problems as JSON lists ------------------------------------------------------


class _Files:
    """File names stored once; positions refer to them by number."""

    def __init__(self) -> None:
        self.names: dict[str, int] = {}

    def where(self, where: Where) -> list:
        return [self.number(where.file), where.line, where.column]

    def number(self, name: str) -> int:
        number = self.names.get(name)
        if number is None:
            number = self.names[name] = len(self.names)
        return number


def _header(key: str, editorial: bool, sha256: str) -> bytes:
    """The entry's first line. A placeholder digest (64 zeros) and the real one give lines of one length."""
    return json.dumps({"format": FORMAT, "key": key, "editorial": editorial, "sha256": sha256}).encode("ascii") + b"\n"


def _payload(timeline: Timeline | None, problems: list[Problem]) -> Iterator[str]:
    """The entry's JSON text in pieces: {"timeline": ..., "problems": [...], "files": [...]}, events one by one.

    File names are stored once and referred to by number; the list of them comes last, when all are known.
    """
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    files = _Files()
    if timeline is None:
        yield '{"timeline":null'
    else:
        event = _event_encoder(files)
        yield '{"timeline":{"events":['
        for number, item in enumerate(timeline.events):
            yield ("," if number else "") + dumps(event(item))
        yield "],"
        yield dumps(_registries(timeline, files))[1:]  # the rest of the timeline's object, its `}` included
    yield ',"problems":' + dumps([[files.number(p.file), p.line, p.column, p.code, p.message, p.hint,
                                   p.severity.value] for p in problems])
    yield ',"files":' + dumps(list(files.names)) + "}"


def _event_encoder(files: _Files):
    where = files.where

    def citation(c: Citation) -> list:
        return [c.source, c.quote, where(c.where)]

    def dispute(d: Dispute) -> list:
        claims = [[_pair(c.says), citation(c.citation), c.date.text if c.date else None] for c in d.claims]
        return [d.about, claims, _pair(d.note), where(d.where)]

    def event(e: Event) -> list:
        return [e.id, e.date.text, _pair(e.title), _pair(e.summary), list(e.topics), list(e.actors),
                [citation(c) for c in e.citations], e.status, _pair(e.notes), [dispute(d) for d in e.disputes],
                where(e.where), e.order]

    return event


def _registries(timeline: Timeline, files: _Files) -> dict:
    where = files.where
    return {
        "title": _pair(timeline.title),
        "topics": [[t.id, _pair(t.name), where(t.where)] for t in timeline.topics.values()],
        "actors": [[a.id, _pair(a.name), a.kind, list(a.aliases), where(a.where)] for a in timeline.actors.values()],
        "sources": [[s.id, s.publisher, s.title, str(s.published), s.language, s.url, s.archive, s.author,
                     where(s.where)] for s in timeline.sources.values()],
        "timeline_files": [files.number(name) for name in timeline.files],
    }


def _pair(text: Text | None) -> list | None:
    return None if text is None else [text.ja, text.en]


def _decode(payload: dict) -> tuple[Timeline | None, list[Problem]]:
    names = payload["files"]
    problems = [Problem(names[f], line, column, code, message, hint, Severity(severity))
                for f, line, column, code, message, hint, severity in payload["problems"]]
    encoded = payload["timeline"]
    return (None if encoded is None else _decode_timeline(encoded, names)), problems


def _decode_timeline(encoded: dict, names: list[str]) -> Timeline:
    wheres: dict[tuple, Where] = {}

    def where(at: list) -> Where:
        key = (at[0], at[1], at[2])
        found = wheres.get(key)
        if found is None:
            found = wheres[key] = Where(names[at[0]], at[1], at[2])
        return found

    def citation(c: list) -> Citation:
        return Citation(c[0], c[1], where(c[2]))

    def dispute(d: list) -> Dispute:
        claims = tuple(Claim(Text(*says), citation(cited), None if date is None else parse_edtf(date))
                       for says, cited, date in d[1])
        return Dispute(d[0], claims, _text(d[2]), where(d[3]))

    events = tuple(
        Event(e[0], parse_edtf(e[1]), Text(*e[2]), Text(*e[3]), tuple(e[4]), tuple(e[5]),
              tuple(citation(c) for c in e[6]), e[7], _text(e[8]), tuple(dispute(d) for d in e[9]), where(e[10]), e[11])
        for e in encoded["events"])
    return Timeline(
        Text(*encoded["title"]),
        {t[0]: Topic(t[0], Text(*t[1]), where(t[2])) for t in encoded["topics"]},
        {a[0]: Actor(a[0], Text(*a[1]), a[2], tuple(a[3]), where(a[4])) for a in encoded["actors"]},
        {s[0]: Source(s[0], s[1], s[2], parse_point(s[3]), s[4], s[5], s[6], s[7], where(s[8])) for s in encoded["sources"]},
        events,
        tuple(names[f] for f in encoded["timeline_files"]),
    )


def _text(pair: list | None) -> Text | None:
    return None if pair is None else Text(*pair)
