"""Validation results kept on disk, keyed by the files' exact content, so that repeated commands skip YAML.

Editors run `timeline list` and `timeline chronology` many times on a file that has not changed; parsing and
checking tens of thousands of events each time is most of the run. The first run stores what validation found
(the timeline and every problem) in `$XDG_CACHE_HOME/timeline/` (else `~/.cache/timeline/`); a later run on
byte-identical files reads it back at about the speed of loading JSON. `TIMELINE_NO_CACHE=1` turns it off.

Never stale, never wrong, never forged:
- the key is a SHA-256 over the bytes of every file and the name it is shown by, the size cap in force, and a
  fingerprint of the code that decides the result (this package's loader, validator, model and checks, its
  version, and the PyYAML in use): editing a file, even to the same size within the same second, or upgrading
  timeline or PyYAML, gives another key;
- the cache directory is not trusted: whoever can write it (a CI cache restored from another job or branch,
  a synced or shared folder) can put any bytes there. An entry is used only when it carries an HMAC-SHA256, made
  with this user's secret key, of its format, kind, key and payload. The key (32 random bytes) lives outside the
  cache, in `$XDG_STATE_HOME/timeline/cache-key` (else `~/.local/state/timeline/`), made (mode 0600, complete
  before it is linked into place, never replacing one) when the first entry is written. A key that is not a
  regular file of this user's, is open to anyone else, or lies under `$XDG_CACHE_HOME` (where a restored
  cache would bring it) is refused, which means no cache, never an error. A forged, damaged, copied or other
  user's entry is a miss: ignored, never decoded, and replaced;
- the payload is JSON, not pickle: reading a cache can never run code;
- only files that are ours are ever removed: a name of our pattern (`timeline-<key>...`) and our first bytes;
  entries, markers and the key are opened without following links or blocking;
- writing is best effort (a temporary file renamed into place): a read-only or full disk only means no cache.
An entry is written the second time the same files are read (the first leaves a marker, and creates no key):
writing one costs a third of a parse, which a one-off run, such as every CI job, would pay for nothing. A CI
job on a fresh machine has no key, so a cache restored into it never hits: no speed, and no risk.
Only the CLI uses it; the library functions (`load_timeline`, `validate`) never touch the disk.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import stat
import time
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

FORMAT = 2  # bump when the entry's layout changes
MAGIC = "timeline-cache"  # the first bytes of every file this module writes in the cache directory
MAX_ENTRIES = 8  # entries kept; older ones are removed when a new one is written
MAX_MARKERS = 64  # "seen once" markers kept
STALE_SECONDS = 3600  # a temporary file older than this was left by a run that died: removed
SECRET_BYTES = 32
# The modules whose code decides what validation returns: a change to any of them is a new cache key.
_DECIDING = ("__init__.py", "cache.py", "dates.py", "editorial.py", "errors.py", "hints.py", "load.py", "model.py", "scan.py",
             "validate.py")
_ENTRY = re.compile(r"timeline-[0-9a-f]{64}\.(full|errors)\.json")
_MARKER = re.compile(r"timeline-[0-9a-f]{64}\.seen")
_TEMPORARY = re.compile(r"\.timeline-[a-z0-9_]+\.tmp")
_FORMAT_1 = re.compile(r"([0-9a-f]{64})\.(full|errors)\.json")  # timeline 0.1.0's entries: never readable now
_OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off (TIMELINE_NO_CACHE set to anything but 0 or empty)."""
    if os.environ.get("TIMELINE_NO_CACHE", "") not in ("", "0"):
        return None
    return _xdg("XDG_CACHE_HOME", ".cache")


def key_file() -> Path | None:
    """Where the secret key that signs entries lives: outside the cache directory, never shared with it."""
    return _xdg("XDG_STATE_HOME", ".local/state", "cache-key")


def _xdg(variable: str, default: str, *names: str) -> Path | None:
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is ignored
        try:
            base = str(Path.home() / default)
        except RuntimeError:  # no home directory
            return None
    return Path(base, "timeline", *names)


def validated(paths: Sequence[str | Path], *, editorial: bool = True) -> tuple[Timeline | None, list[Problem]]:
    """`validate(load_files(paths), editorial=...)`, from the cache when the files are unchanged.

    Raises FileAccessError as load_files does, before anything else.
    """
    from .load import read_bytes

    names = [str(path) for path in paths]
    datas = [read_bytes(path) for path in paths]
    store = _Store.open(names, datas)
    if store is not None:
        found = store.read(editorial)
        if found is not None:
            return found
    from .load import load_bytes
    from .validate import validate

    loaded = [load_bytes(datas.pop(0), name) for name in names]  # popped: load_bytes holds each file's only copy
    result = validate(loaded, editorial=editorial)
    del loaded  # the YAML values go before the entry is encoded: peak memory stays that of validation
    if store is not None and store.seen_before():
        store.write(editorial, result)
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
    package = Path(spec.origin)  # type: ignore[arg-type]
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


# -- the secret key: outside the cache directory, this user's only ----------------------------------------------


class _Refused(Exception):
    """The key cannot be trusted, or cannot be made: no cache for this run."""


def _secret(path: Path, *, create: bool) -> bytes | None:
    """The key; None when there is none yet and `create` is false. Raises _Refused when it cannot be used."""
    try:
        return _read_secret(path)
    except FileNotFoundError:
        if not create:
            return None
    try:
        return _make_secret(path)
    except OSError:
        raise _Refused from None


def _read_secret(path: Path) -> bytes:
    """The key file's 32 bytes (64 hex digits and a newline), if it is a regular file of ours that only we can use."""
    try:
        descriptor = os.open(path, _OPEN)  # a link is refused (ELOOP), a FIFO cannot block
    except FileNotFoundError:
        raise
    except OSError:
        raise _Refused from None
    try:
        info = os.fstat(descriptor)
        text = os.read(descriptor, 2 * SECRET_BYTES + 2)
    except OSError:
        raise _Refused from None
    finally:
        os.close(descriptor)
    if (not stat.S_ISREG(info.st_mode) or info.st_uid != _uid() or info.st_mode & 0o077
            or re.fullmatch(rb"[0-9a-f]{%d}\n" % (2 * SECRET_BYTES), text) is None):
        raise _Refused
    return bytes.fromhex(text[:-1].decode("ascii"))


def _uid() -> int:
    if not hasattr(os, "geteuid"):  # no owner to check (Windows): no cache rather than an unchecked key
        raise _Refused
    return os.geteuid()


def _make_secret(path: Path) -> bytes:
    """A new random key, written whole to a private temporary file, then linked into place: never replacing a
    key another run made first (that one is used), and never seen half-written."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".cache-key.{os.getpid()}.{os.urandom(8).hex()}")
    descriptor = os.open(temporary, _CREATE, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(os.urandom(SECRET_BYTES).hex().encode("ascii") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
    return _read_secret(path)


def _inside(path: Path, directory: Path) -> bool:
    """True when `path` is `directory` or lies under it, once links are resolved."""
    resolved, container = Path(os.path.realpath(path)), Path(os.path.realpath(directory))
    return resolved == container or container in resolved.parents


# -- the store: entries signed with the key, markers, pruning --------------------------------------------------
# An entry's first line is `timeline-cache 2 full|errors KEY MAC`, then the payload. MAC is the HMAC-SHA256, under the
# user's key, of the line up to it (the label) followed by the payload.


class _Store:
    """The cache for one set of files: where its entries go, their key, and the secret key that signs them."""

    def __init__(self, directory: Path, key: str, secret_path: Path, secret: bytes | None) -> None:
        self.directory, self.key, self.secret_path, self.secret = directory, key, secret_path, secret

    @classmethod
    def open(cls, names: list[str], datas: list[bytes]) -> _Store | None:
        """The store for these files, or None when there is no cache: turned off, no code fingerprint, no place
        for the key, or a key that cannot be trusted. A key under the cache's base directory (`$XDG_CACHE_HOME`)
        would travel with a restored cache: refused."""
        directory, secret_path = cache_dir(), key_file()
        if directory is None or secret_path is None or _inside(secret_path.parent, directory.parent):
            return None
        key = _key(names, datas)
        if key is None:
            return None
        try:
            return cls(directory, key, secret_path, _secret(secret_path, create=False))
        except _Refused:
            return None

    def entry(self, editorial: bool) -> Path:
        return self.directory / f"timeline-{self.key}.{'full' if editorial else 'errors'}.json"

    def read(self, editorial: bool) -> tuple[Timeline | None, list[Problem]] | None:
        """The stored result, or None when there is none that can be trusted (any doubt is a miss)."""
        if self.secret is None:  # no key yet: nothing this user wrote can be here
            return None
        # Entries made with the editorial checks serve callers that do not want them (the timeline is the same;
        # load_timeline looks at errors only), not the other way round.
        for candidate in ((True,) if editorial else (False, True)):
            try:
                found = self._read(candidate)
            except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss, never an error
                continue
            if found is not None:
                return found
        return None

    def _read(self, editorial: bool) -> tuple[Timeline | None, list[Problem]] | None:
        label = _label(self.key, editorial)
        with os.fdopen(os.open(self.entry(editorial), _OPEN), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            header = handle.readline(len(label) + 65)
            if not header.startswith(label):  # not an entry for these files: the rest is not even read
                return None
            payload = handle.read()
            mac = _mac(self.secret, label)  # type: ignore[arg-type]
            mac.update(payload)
            if not hmac.compare_digest(header, label + mac.hexdigest().encode("ascii") + b"\n"):
                return None
            result = _decode(json.loads(payload))  # only now: a payload is decoded only once it is known to be ours
            try:
                os.utime(handle.fileno())  # recently used: kept longest
            except (OSError, NotImplementedError):
                pass
        return result

    def seen_before(self) -> bool:
        """True when these files were read before; else remember that they now were (a marker file)."""
        marker = self.directory / f"timeline-{self.key}.seen"
        if os.path.lexists(marker):
            return True
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            with os.fdopen(os.open(marker, _CREATE, 0o600), "wb") as handle:
                handle.write(f"{MAGIC} {FORMAT} seen\n".encode("ascii"))
            _prune(self.directory, _MARKER, MAX_MARKERS)
        except OSError:
            pass
        return False

    def write(self, editorial: bool, result: tuple[Timeline | None, list[Problem]]) -> None:
        """Store the result; any failure (no key, read-only, full disk, out of memory) only means no cache."""
        import tempfile

        temporary = None
        try:
            secret = self.secret or _secret(self.secret_path, create=True)
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".timeline-", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                _write_entry(handle, _label(self.key, editorial), secret, result)  # type: ignore[arg-type]
            os.replace(temporary, self.entry(editorial))
            temporary = None
            _prune(self.directory, _ENTRY, MAX_ENTRIES)
        except (_Refused, OSError, MemoryError, ValueError, TypeError, RecursionError):
            pass
        finally:
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass


def _label(key: str, editorial: bool) -> bytes:
    """An entry's first line up to its MAC: what it is (magic, format), its kind and its key."""
    return f"{MAGIC} {FORMAT} {'full' if editorial else 'errors'} {key} ".encode("ascii")


def _mac(secret: bytes, label: bytes) -> hmac.HMAC:
    return hmac.new(secret, label, "sha256")


def _write_entry(handle, label: bytes, secret: bytes, result: tuple[Timeline | None, list[Problem]]) -> None:
    """The payload is written as it is encoded, event by event (the whole of it as one string would cost several
    times the file at 100k events); its MAC then replaces the placeholder, a line of the same length."""
    handle.write(label + b"0" * 64 + b"\n")
    mac = _mac(secret, label)
    for chunk in _payload(*result):
        data = chunk.encode("utf-8")
        mac.update(data)
        handle.write(data)
    handle.seek(0)
    handle.write(label + mac.hexdigest().encode("ascii") + b"\n")


def _prune(directory: Path, names: re.Pattern, keep: int) -> None:
    """Remove all but the `keep` most recently used of our files named like `names`, and any stale temporary file
    or format-1 entry of ours. A file is ours only when its name and its first bytes both say so: anything else
    in the directory (another program's *.json, a link, a directory) is never touched."""
    with os.scandir(directory) as found:
        listed = [item.name for item in found]
    recent = sorted(((when, name) for name in listed if names.fullmatch(name)
                     and (when := _our_mtime(directory / name)) is not None), reverse=True)
    remove = [name for _, name in recent[keep:]]
    stale = time.time() - STALE_SECONDS
    remove += [name for name in listed if _TEMPORARY.fullmatch(name) and _older(directory / name, stale)]
    if names is _ENTRY:  # timeline 0.1.0's entries, which no run reads any more
        remove += [name for name in listed if _is_format_1(directory, name)]
    for name in remove:
        try:
            os.unlink(directory / name)
        except OSError:
            pass


def _is_format_1(directory: Path, name: str) -> bool:
    """An entry of format 1: `KEY.full.json` or `KEY.errors.json` whose header starts by naming that same KEY."""
    match = _FORMAT_1.fullmatch(name)
    header = b'{"format": 1, "key": "%s", ' % match[1].encode() if match else b""
    return match is not None and _our_mtime(directory / name, header) is not None


def _older(path: Path, than: float) -> bool:
    when = _our_mtime(path)
    return when is not None and when < than


def _our_mtime(path: Path, start: bytes = MAGIC.encode("ascii") + b" ") -> float | None:
    """The modification time of a regular file that starts with `start`; None for anything else."""
    try:
        descriptor = os.open(path, _OPEN)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or os.read(descriptor, len(start)) != start:
            return None
        return info.st_mtime
    except OSError:
        return None
    finally:
        os.close(descriptor)


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
