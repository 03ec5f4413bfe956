"""Checking every quote against the archived text of its source article.

A quote must appear in the article after Unicode NFC and whitespace normalisation (runs of spaces, tabs,
line breaks and ideographic spaces count as one space), and nothing else: no case folding, no width
folding, because a verbatim quote keeps the article's own characters, typos and odd letters included.

Archives are read as UTF-8 only (a UTF-8 byte-order mark is fine). Anything else is reported once, at the
source, with the encoding it seems to be in and how to convert it, and its quotes are not checked: a guessed
decoding would make every quote a miss and every "closest passage" garbage.

A miss is reported with the closest passage. The search is near-linear in the article's length: an index of
the article's character trigrams, built once per archive on its first miss, finds the few places sharing
most trigrams with the quote (each shared trigram votes for the start the quote would have there), and only
those few passages are aligned (difflib's ratio, 100 characters at a time). Aligning the quote against the
whole article, as before, took 37 s for a 2,000-character quote in a 600 KB article (benchmarks/bench_verify.py).
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

from .errors import PROBLEM_CODES, Problem, UsageError, shown
from .model import Citation, Source, Timeline, Where

_SPACE = re.compile(r"\s+")
CONTEXT = 20  # characters of the article shown before the closest passage
SHOWN = 200  # at most this many characters of a passage are shown, around the run it shares with the quote
GRAM = 3  # the index's n-grams: characters, so that one kanji or kana is enough to tell places apart
VOTE_BUDGET, VOTES_PER_CHARACTER = 150_000, 250  # index positions looked at per quote (fewer for a short one)
REGIONS = 8  # places aligned per quote, at most
ALIGN, ALIGN_PIECES = 100, 60  # difflib aligns 100 characters at a time (its worst case is cubic), 60 times a quote
PIECES, PIECE_PLACES = 32, 50  # whole pieces of a quote looked for, and how often one may occur to count
FEW = 32  # characters of the quote looked for by pairs and one by one when it shares too few trigrams
# An archive that is not UTF-8: one problem for the archive, naming the encoding it seems to be in.
ENCODING_CODE = "archive-encoding"


def normalize_quote_text(text: str) -> str:
    """The form in which quotes and articles are compared."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


# -- reading an archive: inside the folder, a regular file, bounded, UTF-8 ------------------------------------

class _OutsideArchive(Exception):
    """An archive name that resolves (through a symbolic link) to a place outside the archive folder, or that is
    a hard link (its content may live anywhere)."""


class _Empty(Exception):
    """An archive holding no text."""


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
    from .load import max_bytes

    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, target]) != root:
        raise _OutsideArchive(name)
    handle = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "rb") as opened:
        found = os.fstat(opened.fileno())
        if not stat.S_ISREG(found.st_mode):
            raise OSError(0, "not a regular file (archived articles are plain text files)")
        if found.st_nlink > 1:
            # A hard link is another name for a file that may live anywhere (`ln ../secret.txt archive/a.txt`):
            # its path is inside the folder, its content need not be. Git never makes one; a copy does as well.
            raise _OutsideArchive(name)
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


# -- the closest passage ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Closest:
    """The passage of an article most like a quote: `text[start:end]`, how alike the two are (difflib's
    ratio, 0..1), `focus`, the middle of the longest run they share (an excerpt is centred there), and the
    work the search took: index positions looked at (`votes`), and pieces of ALIGN characters aligned."""

    start: int
    end: int
    likeness: float
    focus: int
    votes: int = 0
    aligned: int = 0


class _Archive:
    """One article's normalised text, and its trigram index once a quote has missed."""

    def __init__(self, name: str, text: str):
        self.name, self.text = name, text
        self._index: dict[str, list[int]] | None = None

    @classmethod
    def read(cls, folder: Path, name: str) -> _Archive:
        text = normalize_quote_text(decode_archive(read_archived(folder, name)))
        if not text:
            raise _Empty(name)  # a download that failed: every quote would be a miss with nothing to show
        return cls(Path(name).name, text)

    def index(self) -> dict[str, list[int]]:
        """Where each trigram of the text occurs (built on first use: most archives never miss a quote)."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            text, get = self.text, index.get
            for position in range(len(text) - GRAM + 1):
                gram = text[position:position + GRAM]
                found = get(gram)
                if found is None:
                    index[gram] = [position]
                else:
                    found.append(position)
            self._index = index
        return self._index

    def closest(self, quote: str) -> Closest:
        """The passage of the article most like the quote: of the same length, at one of the few starts that
        share the most trigrams with it, the one difflib finds most alike. At most ALIGN_PIECES alignments are
        made, the first start always; a start whose passage has too few characters in common with the quote
        to beat the best so far is skipped."""
        starts, votes = self.starts(quote)
        characters, best, aligned = Counter(quote), None, 0
        pieces = min(ALIGN_PIECES, -(-len(quote) // ALIGN))
        for start in starts:
            passage = self.text[start:start + len(quote)]
            if best is not None:
                if aligned + pieces > ALIGN_PIECES:
                    break
                common = 2 * sum((characters & Counter(passage)).values()) / (len(quote) + len(passage))
                if common <= best.likeness:
                    continue
            likeness, focus = _align(quote, self.text, start, pieces)
            aligned += pieces
            if best is None or likeness > best.likeness:
                best = Closest(start, start + len(passage), likeness, focus)
        assert best is not None  # starts() gives at least one start
        return replace(best, votes=votes, aligned=aligned)

    def starts(self, quote: str) -> tuple[list[int], int]:
        """Where in the article the quote might start, best first, and the positions looked at to find out:
        the best-voted start of each of the REGIONS places sharing the most trigrams and pieces with it, and
        where too few are shared (a short quote, or one unlike the article), the places sharing most pairs,
        then single characters, of its first FEW characters."""
        starts: list[int] = []
        looked = 0
        for size in (GRAM, 2, 1):
            lookup = self.index().get if size == GRAM else lambda gram: _occurrences(self.text, gram)
            votes = _Votes(quote if size == GRAM else quote[:FEW], size, lookup)
            if size == GRAM:
                votes.add_pieces(quote, self.text)
            places = votes.best_places(REGIONS)
            starts += [start for place, _ in places if (start := votes.best_start(place)) not in starts]
            looked += votes.spent
            if (places and places[0][1] >= 2) or len(starts) >= REGIONS:
                break
        return starts[:REGIONS] or [0], looked


def _align(quote: str, text: str, start: int, pieces: int) -> tuple[float, int]:
    """How alike the quote is to the text from `start` (difflib's ratio: twice the characters matched over
    both lengths), and where in the text the longest run they share is centred.

    difflib's worst case is cubic (a 2,000-character quote alternating three letters took 73 s against its
    anagram), so it aligns ALIGN characters at a time: a quote that long is aligned exactly; a longer one
    piece by piece, each against the text where the previous piece's last match says the quote goes on (a
    character added or dropped does not throw the rest off), and beyond `pieces` pieces on that many, spread
    over the quote."""
    count = -(-len(quote) // ALIGN)
    matched = lengths = drift = 0
    longest = (0, 0)
    for at in range(0, count * ALIGN, ALIGN * max(1, -(-count // pieces))):
        piece, low = quote[at:at + ALIGN], min(max(0, start + at + drift), len(text))
        blocks = SequenceMatcher(None, piece, text[low:low + len(piece)], autojunk=False).get_matching_blocks()
        matched, lengths = matched + sum(block.size for block in blocks), lengths + len(piece) + blocks[-1].b
        longest = max([longest] + [(block.size, -(low + block.b + block.size // 2)) for block in blocks])
        if len(blocks) > 1:
            drift += blocks[-2].b - blocks[-2].a
    return 2 * matched / lengths, -longest[1]


class _Votes:
    """For each start the quote could have in the article, how many of its n-grams are found there: counted
    by place (`width` starts at a time), rarest n-gram first, within a budget of positions (an n-gram found
    everywhere says little about where the quote is). `lookup` gives an n-gram's positions, in order."""

    def __init__(self, quote: str, size: int, lookup: Callable[[str], list[int] | None]):
        offsets: dict[str, list[int]] = {}
        for at in range(len(quote) - size + 1):
            offsets.setdefault(quote[at:at + size], []).append(at)
        found = {gram: positions for gram in offsets if (positions := lookup(gram))}
        budget = min(VOTE_BUDGET, VOTES_PER_CHARACTER * len(quote))
        self.width = width = max(8, len(quote) // 4)
        self.places: Counter[int] = Counter()
        self.used: list[tuple[list[int], list[int]]] = []
        self.spent = 0  # positions looked at: the work done, which tests bound
        for cost, gram in sorted((len(found[gram]) * len(offsets[gram]), gram) for gram in found):
            if self.spent + cost > budget and self.places:
                break
            positions, ats = found[gram], offsets[gram]
            if cost > budget:  # the rarest one may still be everywhere: some of its places, spread out
                ats = ats[::-(-len(ats) * len(positions) // budget)] if len(positions) < budget else ats[:1]
                positions = positions[::-(-len(positions) * len(ats) // budget)]
            self.spent += len(positions) * len(ats)
            self.used.append((positions, ats))
            for at in ats:
                self.places.update([(position - at) // width for position in positions])

    def add_pieces(self, quote: str, text: str) -> None:
        """Votes for where whole pieces of the quote are in the article (up to PIECES of them, found with
        `str.find`, each worth the trigrams it holds): a quote of common words with a typo still has whole
        pieces where it is, wherever that is in the article, even when its trigrams are too common to count."""
        length = min(16, max(GRAM * 2, len(quote) // 8))
        pieces = range(0, len(quote) - length + 1, length)
        for at in pieces[::max(1, -(-len(pieces) // PIECES))]:
            found = _occurrences(text, quote[at:at + length], PIECE_PLACES + 1)
            if 0 < len(found) <= PIECE_PLACES:  # a piece found everywhere says nothing
                self.used.append((found, [at]))
                self.spent += len(found)
                for position in found:
                    self.places[(position - at) // self.width] += length - GRAM + 1

    def best_places(self, count: int) -> list[tuple[int, int]]:
        """The `count` places with the most votes, each taken with the next one (a quote whose votes straddle
        two places is not split), none next to another, best first, with their votes."""
        votes = self.places
        leading = [place for place, _ in votes.most_common(4 * count)]
        paired = {place: votes.get(place, 0) + votes.get(place + 1, 0)
                  for place in leading + [place - 1 for place in leading]}
        chosen: list[tuple[int, int]] = []
        for place in sorted(paired, key=lambda place: (-paired[place], place)):
            if len(chosen) == count:
                break
            if not any(abs(place - other) <= 1 for other, _ in chosen):
                chosen.append((place, paired[place]))
        return chosen

    def best_start(self, place: int) -> int:
        """The start with the most votes in `place` and the next one (found again in the sorted positions)."""
        low, high = place * self.width, (place + 2) * self.width
        starts: Counter[int] = Counter()
        for positions, offsets in self.used:
            for at in offsets:
                found = positions[bisect_left(positions, low + at):bisect_left(positions, high + at)]
                starts.update([position - at for position in found])
        return max(0, max(starts, key=lambda start: (starts[start], -start)))


def _occurrences(text: str, gram: str, limit: int = VOTE_BUDGET // FEW) -> list[int]:
    """Where `gram` occurs in `text`, the first `limit` places at most."""
    found: list[int] = []
    at = text.find(gram)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(gram, at + 1)
    return found


def _problem(where: Where, code: str, message: str, hint: str) -> Problem:
    return Problem(where.file, where.line, where.column, code, message, hint, PROBLEM_CODES[code][0])


def verify_quotes(timeline: Timeline, archive_dir: str | Path) -> list[Problem]:
    """Every citation (events and dispute claims) whose quote is not in its archived article; an archive that
    cannot be read is one problem at its source, and its quotes are not checked."""
    if Path(archive_dir).is_symlink():
        # A link named like the archive folder could point anywhere (`archive -> /`), and verify prints what it
        # reads; a pull request can add such a link. Whoever really keeps the articles elsewhere names that folder.
        raise UsageError(f"the archive folder {archive_dir} is a symbolic link; give the folder it points to "
                         "instead (--archive DIR)")
    opened: dict[str, _Archive | Problem] = {}  # by source: each source's own problem, at its own line
    read: dict[str, _Archive | Exception] = {}  # by archive file: two sources citing one file share one index
    problems: list[Problem] = []
    for event in timeline.events:
        for citation in event.all_citations():
            source = timeline.sources[citation.source]
            if source.id not in opened:
                opened[source.id] = _open(source, Path(archive_dir), read)
                if isinstance(opened[source.id], Problem):
                    problems.append(opened[source.id])
            archive = opened[source.id]
            if isinstance(archive, _Archive):
                problems += _check(citation, archive)
    return problems


def _open(source: Source, archive_dir: Path, read: dict[str, _Archive | Exception]) -> _Archive | Problem:
    if source.archive is None:
        return _problem(source.where, "no-archive", f"source '{shown(source.id)}' has no archive file, so its "
                        "quotes cannot be verified", "save a copy of the article and name it in `archive:`")
    if source.archive not in read:
        try:
            read[source.archive] = _Archive.read(archive_dir, source.archive)
        except (_OutsideArchive, _Empty, NotUtf8, OSError) as error:
            read[source.archive] = error
    result = read[source.archive]
    return result if isinstance(result, _Archive) else _unreadable(source, archive_dir / source.archive, result)


def _unreadable(source: Source, path: Path, error: Exception) -> Problem:
    what = f"source '{shown(source.id)}': archive {shown(str(path), 160)}"
    if isinstance(error, _OutsideArchive):
        return _problem(source.where, "bad-archive", f"{what} leads outside the archive folder (a symbolic link, or "
                        "a hard link: another name for a file kept elsewhere)",
                        "keep a copy of the article itself, as a file of its own, in the archive folder")
    if isinstance(error, _Empty):
        return _problem(source.where, "archive-missing", f"{what} is empty (or only white space), so its quotes "
                        "are not checked", "save the article's text in it again")
    if isinstance(error, NotUtf8):
        return _problem(source.where, ENCODING_CODE, f"{what} is not UTF-8: {error.found}; its quotes are not "
                        "checked", _conversion_hint(error, path))
    assert isinstance(error, OSError)  # what _open catches
    return _problem(source.where, "archive-missing", f"{what}: cannot read it: {error.strerror or error}",
                    "check --archive DIR and the `archive:` file name")


def _conversion_hint(error: NotUtf8, path: Path) -> str:
    # the path goes into a command to copy and paste: only when it needs no quoting for a shell
    name = str(path) if re.fullmatch(r"[\w./+-]{1,80}", str(path), re.ASCII) else "FILE"
    if error.damaged:
        return (f"fix or remove the bytes that are not UTF-8 (`iconv -c -f UTF-8 -t UTF-8 {name} > {name}.utf8` "
                "drops them), then check the quotes near them")
    source = error.source or "ENCODING"
    return (f"archived articles are read as UTF-8: convert it, e.g. `iconv -f {source} -t UTF-8 {name} > "
            f"{name}.utf8 && mv {name}.utf8 {name}`" + ("" if error.source else ", with the encoding it was saved in"))


def _check(citation: Citation, archive: _Archive) -> list[Problem]:
    quote = normalize_quote_text(citation.quote)
    if quote in archive.text:
        return []
    found = archive.closest(quote)
    closest = (f"closest passage ({found.likeness:.0%} alike): \"{excerpt(archive.text, found)}\"" if found.likeness
               else "no passage of the article shares a character with it")
    return [_problem(citation.where, "quote-not-found",
                     f"quote not found in {shown(archive.name)}: \"{shown(quote, 80)}\"; {closest}",
                     "copy the passage from the article again, character for character")]


def excerpt(text: str, found: Closest, limit: int = SHOWN) -> str:
    """The closest passage as shown: with CONTEXT characters before it, at most `limit` characters around
    the run it shares with the quote, and `…` wherever the article goes on."""
    start, end = max(0, found.start - CONTEXT), found.end
    if end - start > limit:
        start = max(start, min(found.focus - limit // 2, end - limit))
        end = start + limit
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")
