"""Reading an archived article: only a regular file inside the archive folder, bounded, and UTF-8 only, else
what encoding it seems to be in (`NotUtf8`), so that the message can say how to convert it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path


class OutsideArchive(Exception):
    """An archive name that resolves (through a symbolic link) to a place outside the archive folder, or that is
    a hard link (its content may live anywhere)."""


class NotUtf8(Exception):
    """Archive bytes that are not UTF-8: `found` says what they look like, `source` is iconv's name for that
    encoding (None when nothing fits), `damaged` is true for UTF-8 with a few bytes that are not."""

    def __init__(self, found: str, source: str | None = None, damaged: bool = False):
        super().__init__(found)
        self.found, self.source, self.damaged = found, source, damaged


def read_archived(folder: Path, name: str) -> bytes:
    """The bytes of the archived article `name`, read only from a regular file inside `folder`.

    The boundary matters because `verify` prints passages of what it reads, and runs on pull requests: an
    archive entry that is a link to `/proc/self/environ` or `../.git/config` would put secrets in a public log.
    Links are resolved and must stay inside the folder; what is read must be a regular file (a FIFO or a device
    could block or never end; it is opened non-blocking and refused); and at most the size cap is read.
    """
    from ..load import max_bytes

    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, target]) != root:
        raise OutsideArchive(name)
    handle = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as opened:
        found = os.fstat(opened.fileno())
        if not stat.S_ISREG(found.st_mode):
            raise OSError(0, "not a regular file (archived articles are plain text files)")
        if found.st_nlink > 1:
            # A hard link is another name for a file that may live anywhere (`ln ../secret.txt archive/a.txt`):
            # its path is inside the folder, its content need not be. Git never makes one; a copy does as well.
            raise OutsideArchive(name)
        data = opened.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise OSError(0, f"larger than the size cap of {max_bytes()} bytes (TIMELINE_MAX_BYTES)")
    return data


def decode_archive(data: bytes) -> str:
    """The text of an archived article: UTF-8, with or without a byte-order mark, else `NotUtf8` naming the
    encoding the bytes seem to be in (UTF-16/32 by their mark or their NUL bytes, ISO-2022-JP by its escapes,
    Shift_JIS/CP932 or EUC-JP by which one decodes cleanly into the most Japanese characters)."""
    for mark, found, source in _MARKS:
        if data.startswith(mark):
            raise NotUtf8(f"it looks like {found}", source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_utf8(data, error.start) from None
    # UTF-16 of plain ASCII is valid UTF-8 (a NUL after every letter), and so is 7-bit ISO-2022-JP
    if "\x00" in text and (utf16 := _utf16_by_nuls(data)):
        raise utf16
    if "\x1b$" in text and _decodes(data, "iso2022_jp") is not None:
        raise NotUtf8("it looks like ISO-2022-JP (JIS)", "ISO-2022-JP")
    return text


_MARKS = [(b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with a byte-order mark)", "UTF-32"),
          (b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with a byte-order mark)", "UTF-32"),
          (b"\xfe\xff", "UTF-16 (big-endian, with a byte-order mark)", "UTF-16"),
          (b"\xff\xfe", "UTF-16 (little-endian, with a byte-order mark)", "UTF-16")]
_JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff60]")  # kana, kanji, CJK and full-width punctuation
_KANA = re.compile(r"[\u3041-\u30ff]")
_LEGACY = [("cp932", "Shift_JIS (CP932)", "CP932"), ("euc_jp", "EUC-JP", "EUC-JP")]


def _not_utf8(data: bytes, first_bad: int) -> NotUtf8:
    """What bytes that failed to decode as UTF-8 at `first_bad` seem to be."""
    utf16 = _utf16_by_nuls(data)
    if utf16:
        return utf16
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    if len(text) - len(text.encode("ascii", "ignore")) - bad >= 4 * bad:
        return NotUtf8(f"it is UTF-8 but for {bad} byte sequence(s), the first at byte {first_bad}", damaged=True)
    japanese, sure = _japanese(data)
    if sure:
        return japanese
    return _western(data) or japanese or NotUtf8(f"byte {first_bad} is the first that is not, and it is not "
                                                 "UTF-16, Shift_JIS, EUC-JP or Windows-1252 either")


def _japanese(data: bytes) -> tuple[NotUtf8 | None, bool]:
    """Shift_JIS (CP932) or EUC-JP, whichever decodes cleanly into the most Japanese characters (EUC-JP read as
    CP932 is mostly half-width katakana, which do not count), and whether that is sure: without kana, the bytes
    may as well be Chinese or Korean."""
    scored = [(_JAPANESE.subn("", decoded)[1], _KANA.subn("", decoded)[1], found, source)
              for codec, found, source in _LEGACY if (decoded := _decodes(data, codec)) is not None]
    if not scored:
        return None, False
    japanese, kana, found, source = max(scored, key=lambda item: item[0])  # the first listed on a tie
    if kana * 20 >= japanese:
        return NotUtf8(f"it looks like {found}", source), True
    return NotUtf8(f"it may be {found}, or a Chinese or Korean encoding (it decodes as {found} with hardly any "
                   "kana)", source), False


def _western(data: bytes) -> NotUtf8 | None:
    """Windows-1252 (a superset of Latin-1): English text with a few curly quotes or accented letters."""
    high = len(data) - len(data.decode("latin-1").encode("ascii", "ignore"))
    if high * 3 <= len(data) and _decodes(data, "cp1252") is not None:
        return NotUtf8("it looks like Windows-1252 (Latin-1)", "WINDOWS-1252")
    return None


def _utf16_by_nuls(data: bytes) -> NotUtf8 | None:
    """UTF-16 without a byte-order mark: ASCII in it is a NUL beside every letter, and Japanese text still
    has its line breaks, spaces and digits, so NULs sit on one side of the byte pairs and not the other."""
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    whole = data[: len(data) // 2 * 2]
    for nuls, other, codec, found, source in ((odd, even, "utf-16-le", "little-endian", "UTF-16LE"),
                                              (even, odd, "utf-16-be", "big-endian", "UTF-16BE")):
        if nuls > 4 * other and nuls * 400 >= len(sample) and _decodes(whole, codec) is not None:
            return NotUtf8(f"it looks like UTF-16 ({found}, no byte-order mark)", source)
    return None


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None
