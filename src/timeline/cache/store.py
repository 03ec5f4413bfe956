"""Validation results kept on disk, keyed by the files' exact content, so that repeated commands skip YAML.

Editors run `timeline list` and `timeline chronology` many times on a file that has not changed; parsing and
checking tens of thousands of events each time is most of the run. The first run stores what validation found
(the timeline and every problem) in `$XDG_CACHE_HOME/timeline/` (else `~/.cache/timeline/`); a later run on
byte-identical files reads it back at about the speed of loading JSON. `TIMELINE_NO_CACHE=1` turns it off.

A plain store: `key` names a set of files, `get` and `put` read and write what validation found for them
(pipeline.py decides when to ask; codec.py turns the result into JSON and back; secret.py keeps the key that
signs entries).

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
Only the CLI uses it; the library functions (`load_timeline`, `validate_paths`) never touch the disk unless a
store is handed to them.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..checked import Checked
from . import codec
from .secret import CREATE, OPEN, Refused, signing_key

FORMAT = 3  # bump when the entry's layout changes (3: the problems after the timeline, read without it)
MAGIC = "timeline-cache"  # the first bytes of every file this module writes in the cache directory
MAX_ENTRIES = 8  # entries kept; older ones are removed when a new one is written
MAX_MARKERS = 64  # "seen once" markers kept
STALE_SECONDS = 3600  # a temporary file older than this was left by a run that died: removed
# The code that decides what validation returns, as paths inside the package (a folder: every .py file in it):
# a change to any of them is a new cache key.
_DECIDING = ("__init__.py", "cache", "checked.py", "dates", "editorial.py", "errors.py", "format.py", "internal.py", "load.py", "model.py",
             "names.py", "order.py", "pipeline.py", "reader", "validate")
_ENTRY = re.compile(r"timeline-[0-9a-f]{64}\.(full|errors)\.json")
_MARKER = re.compile(r"timeline-[0-9a-f]{64}\.seen")
_TEMPORARY = re.compile(r"\.timeline-[a-z0-9_]+\.tmp")
_FORMAT_1 = re.compile(r"([0-9a-f]{64})\.(full|errors)\.json")  # timeline 0.1.0's entries: never readable now


def cache_dir() -> Path | None:
    """Where entries live: `$XDG_CACHE_HOME/timeline`, else `~/.cache/timeline`; None when there is no home."""
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


# -- keys ---------------------------------------------------------------------------------------------------


_fingerprint: list[bytes] = []


def _code_fingerprint() -> bytes | None:
    """A digest of the code that decides validation results; None (no caching) if it cannot be read."""
    if not _fingerprint:
        digest = hashlib.sha256(f"timeline {__version__} cache {FORMAT}".encode())
        try:
            package = Path(__file__).resolve().parent.parent
            for name in _DECIDING:
                for path in _sources(package / name):
                    digest.update(path.read_bytes())
            for compiled in _compiled(package):
                digest.update(compiled.name.encode() + compiled.read_bytes())
            digest.update(_yaml_identity())
        except (OSError, ImportError, AttributeError, ValueError):
            return None
        _fingerprint.append(digest.digest())
    return _fingerprint[0]


def _sources(path: Path) -> list[Path]:
    """A module, or every module of a folder (in a fixed order); OSError when there is neither."""
    if path.is_dir():
        return sorted(path.rglob("*.py"))
    return [path]


def _compiled(package: Path) -> list[Path]:
    """The compiled parts' C sources and what was built from them (the block reader, the near-duplicate bound), in
    a fixed order."""
    return sorted((package / "reader").glob("_block*")) + sorted(package.glob("_similar*"))


def _yaml_identity() -> bytes:
    """PyYAML's version (its __init__.py) and its libyaml extension (name and size), found without importing."""
    from importlib.util import find_spec

    spec = find_spec("yaml")
    package = Path(spec.origin)  # type: ignore[arg-type]
    identity = package.read_bytes()
    for extension in sorted(package.parent.glob("_yaml*")):
        identity += f"{extension.name}:{extension.stat().st_size}".encode()
    return identity


def _key(names: Sequence[str], datas: Sequence[bytes]) -> str | None:
    fingerprint = _code_fingerprint()
    if fingerprint is None:
        return None
    from ..load import max_bytes

    digest = hashlib.sha256(fingerprint)
    digest.update(f"cap {max_bytes()} files {len(names)}".encode())
    for name, data in zip(names, datas):
        encoded = os.fsencode(name)
        digest.update(len(encoded).to_bytes(8, "little") + encoded)
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def _inside(path: Path, directory: Path) -> bool:
    """True when `path` is `directory` or lies under it, once links are resolved."""
    resolved, container = Path(os.path.realpath(path)), Path(os.path.realpath(directory))
    return resolved == container or container in resolved.parents


# -- the store: entries signed with the key, markers, pruning --------------------------------------------------
# An entry's first line is `timeline-cache FORMAT full|errors KEY MAC`, then the payload. MAC is the HMAC-SHA256, under the
# user's key, of the line up to it (the label) followed by the payload.


@dataclass(frozen=True, slots=True)
class Store:
    """A cache directory and the secret key that signs its entries: `key` names a set of files, `get` and `put`
    read and write what validation found for them. Every failure is a miss (get) or nothing written (put)."""

    directory: Path
    secret_path: Path

    @classmethod
    def for_user(cls) -> Store | None:
        """This user's store (cache_dir, key_file), or None when there is none: no place for it or for the key,
        or a key under the cache's base directory (`$XDG_CACHE_HOME`), which would travel with a restored cache."""
        directory, secret_path = cache_dir(), key_file()
        if directory is None or secret_path is None or _inside(secret_path.parent, directory.parent):
            return None
        return cls(directory, secret_path)

    def key(self, names: Sequence[str], datas: Sequence[bytes]) -> str | None:
        """The key of these files (each name and its bytes), or None when the code cannot be fingerprinted."""
        return _key(names, datas)

    def get(self, key: str, editorial: bool) -> Checked | None:
        """The stored result, or None when there is none that can be trusted (any doubt is a miss)."""
        secret = self._secret()
        if secret is None:  # no key yet (nothing this user wrote can be here), or one that cannot be trusted
            return None
        # Entries made with the editorial checks serve callers that do not want them (the timeline is the same;
        # load_timeline looks at errors only), not the other way round.
        for candidate in ((True,) if editorial else (False, True)):
            try:
                found = self._read(key, candidate, secret)
            except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss, never an error
                continue
            if found is not None:
                return found
        return None

    def put(self, key: str, editorial: bool, result: Checked) -> None:
        """Store the result the second time these files are seen (the first leaves a marker). Any failure (a key
        that cannot be trusted or made, read-only, full disk, out of memory) only means no cache."""
        try:
            signing_key(self.secret_path, create=False)
        except Refused:
            return
        if self._seen_before(key):
            self._write(key, editorial, result)

    def _secret(self) -> bytes | None:
        try:
            return signing_key(self.secret_path, create=False)
        except Refused:
            return None

    def _entry(self, key: str, editorial: bool) -> Path:
        return self.directory / f"timeline-{key}.{'full' if editorial else 'errors'}.json"

    def _read(self, key: str, editorial: bool, secret: bytes) -> Checked | None:
        label = _label(key, editorial)
        with os.fdopen(os.open(self._entry(key, editorial), OPEN), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            header = handle.readline(len(label) + 65)
            if not header.startswith(label):  # not an entry for these files: the rest is not even read
                return None
            payload = handle.read()
            mac = _mac(secret, label)
            mac.update(payload)
            if not hmac.compare_digest(header, label + mac.hexdigest().encode("ascii") + b"\n"):
                return None
            result = codec.decode(payload)  # only now: a payload is decoded only once it is known to be ours
            try:
                os.utime(handle.fileno())  # recently used: kept longest
            except (OSError, NotImplementedError):
                pass
        return result

    def _seen_before(self, key: str) -> bool:
        """True when these files were read before; else remember that they now were (a marker file)."""
        marker = self.directory / f"timeline-{key}.seen"
        if os.path.lexists(marker):
            return True
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            with os.fdopen(os.open(marker, CREATE, 0o600), "wb") as handle:
                handle.write(f"{MAGIC} {FORMAT} seen\n".encode("ascii"))
            _prune(self.directory, _MARKER, MAX_MARKERS)
        except OSError:
            pass
        return False

    def _write(self, key: str, editorial: bool, result: Checked) -> None:
        import tempfile

        temporary = None
        try:
            secret = signing_key(self.secret_path, create=True)
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".timeline-", suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                _write_entry(handle, _label(key, editorial), secret, result)  # type: ignore[arg-type]
            os.replace(temporary, self._entry(key, editorial))
            temporary = None
            _prune(self.directory, _ENTRY, MAX_ENTRIES)
        except (Refused, OSError, MemoryError, ValueError, TypeError, RecursionError):
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


def _write_entry(handle, label: bytes, secret: bytes, result: Checked) -> None:
    """The payload is written as it is encoded, event by event (the whole of it as one string would cost several
    times the file at 100k events); its MAC then replaces the placeholder, a line of the same length."""
    handle.write(label + b"0" * 64 + b"\n")
    mac = _mac(secret, label)
    for chunk in codec.encode(result.timeline(), result.problems, result.facts):
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
        descriptor = os.open(path, OPEN)
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
