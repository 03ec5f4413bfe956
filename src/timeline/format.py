"""The event format, described once: every mapping's keys in their canonical order, which ones a file must give,
what each value is and means, and the rules for ids, language tags and the characters text may hold.

validate checks files against it, normalize writes keys in its order, and schema.py turns it into the published
JSON Schema (schema.json; tests/test_schema.py checks the file is what schema.py makes). A key's `about` is the
description editors see beside it (yaml-language-server reads the schema).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import ACTOR_KINDS, CORRECTION_KINDS, LANGUAGES, STATUSES

__all__ = [
    "ACTOR", "ACTOR_KEYS", "ACTOR_KINDS", "BIDI", "BIDI_CONTROLS", "BILINGUAL", "BILINGUAL_TEXT", "CITATION",
    "CITATION_KEYS", "CLAIM", "CLAIM_KEYS", "CLAIM_REQUIRED", "CONTROL", "CONTROL_CHARACTERS", "CORRECTION",
    "CORRECTION_KEYS", "CORRECTION_KINDS", "CORRECTION_REQUIRED", "DISPUTE",
    "DISPUTE_KEYS", "DISPUTE_REQUIRED", "EVENT", "EVENT_KEYS", "EVENT_REQUIRED", "INVISIBLE",
    "INVISIBLE_CHARACTERS", "Key", "LANGUAGE_TAG", "LINE_SEPARATOR", "LINE_SEPARATORS", "LOOK_ALIKE", "REFUSED_CHARACTERS",
    "LOOK_ALIKE_LETTERS", "MAX_ID_LENGTH", "MIN_CLAIMS", "Mapping", "NEXT_LINE", "OneOf", "SLUG", "SOURCE",
    "SOURCE_KEYS", "SOURCE_REQUIRED", "STATUSES", "SUSPICIOUS", "TEXT_KEYS", "TOP", "TOPIC", "TOP_KEYS", "TRUE",
    "VALUES", "VERSION",
    "character_class", "is_id", "mixed_script_word", "slug_of", "surrogate_half",
]

VERSION = "1"  # the one version this tool reads (`version: 1`)
BILINGUAL = LANGUAGES  # every text of our own is written in both, in this order

# -- ids and language tags ----------------------------------------------------------------------------------------

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_ID_LENGTH = 64
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


def is_id(value: object) -> bool:
    """True for a well-formed id: a lowercase slug of at most MAX_ID_LENGTH characters."""
    return isinstance(value, str) and len(value) <= MAX_ID_LENGTH and SLUG.match(value) is not None


def slug_of(text: str, limit: int = MAX_ID_LENGTH) -> str:
    """`text` as an id: NFKC, lowercased, every run of other characters one hyphen, at most `limit` long
    (`Trump Inaugurated!` -> `trump-inaugurated`); empty when the text has no ASCII letter or digit."""
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-")
    return slug[:limit].strip("-")


# -- characters that hide or disguise text --------------------------------------------------------------------------
# Sets of code points, so that the validator's patterns and the schema's text pattern are made from one list.

NEXT_LINE = 0x85  # NEL: valid text, but some tools show a line break there
CONTROL_CHARACTERS = frozenset((*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))) - {NEXT_LINE}
LINE_SEPARATORS = frozenset((NEXT_LINE, 0x2028, 0x2029))
BIDI_CONTROLS = frozenset((0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)))
INVISIBLE_CHARACTERS = frozenset((0x00AD, 0x180E, *range(0x200B, 0x200E), *range(0x2060, 0x2065), 0xFEFF,
                                  *range(0xE0000, 0xE0080)))
LOOK_ALIKE_LETTERS = frozenset(range(0x0370, 0x0530))  # Greek and Cyrillic, which copy Latin and katakana shapes


# Kana, kanji (with extension A and the supplementary planes), CJK punctuation and the width forms: text in which
# a line break is no space (`verify` compares quotes without one; YAML's folding of a broken line adds one).
JAPANESE = "\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef" \
           "\U00020000-\U0003134f"
_JAPANESE_CHARACTER = re.compile(f"[{JAPANESE}]")


def is_japanese(character: str) -> bool:
    """A kana, kanji, Japanese punctuation mark or width form (False for "")."""
    return _JAPANESE_CHARACTER.match(character) is not None


def character_class(points: frozenset[int], *, json: bool = False) -> str:
    """The inside of a regex character class matching `points`: runs of three or more as ranges. `json`:
    written for a JSON Schema pattern (only the Basic Multilingual Plane, which every schema dialect reads)."""
    ordered = sorted(point for point in points if not json or point <= 0xFFFF)
    parts, start = [], 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        low, high = ordered[start], ordered[end]
        parts.append(_escape(low) if high - low < 2 else f"{_escape(low)}-{_escape(high)}")
        if high - low == 1:
            parts.append(_escape(high))
        start = end + 1
    return "".join(parts)


def _escape(point: int) -> str:
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def surrogate_half(escape: str) -> str:
    """What `\\ud83d` written alone is, in YAML's double quotes or in JSON: no character, and none that a file holds
    (a str with it cannot be encoded), so a reader refuses it with these words."""
    return f"`{escape}` is half of a surrogate pair (how JSON writes a character beyond U+FFFF), not a character"


CONTROL = re.compile(f"[{character_class(CONTROL_CHARACTERS)}]")  # C0 (but tab and newline), DEL, C1 but NEL
LINE_SEPARATOR = re.compile(f"[{character_class(LINE_SEPARATORS)}]")
BIDI = re.compile(f"[{character_class(BIDI_CONTROLS)}]")  # embeddings, overrides and isolates
INVISIBLE = re.compile(f"[{character_class(INVISIBLE_CHARACTERS)}]")
LOOK_ALIKE = re.compile(f"[{character_class(LOOK_ALIKE_LETTERS)}]")
# The characters a text may not hold, each with the code the validator reports it under, in the order it looks:
# the file's texts (validate) and a title typed on the command line (--title) alike.
REFUSED_CHARACTERS = ((CONTROL, "control-character"), (BIDI, "bidi-control"), (INVISIBLE, "invisible-character"),
                      (LINE_SEPARATOR, "line-separator"))
# Any character that one of the text checks (or the mixed-script check) looks at: text without one needs no
# further look, which is nearly all text. The validator's fast path relies on it.
_WORD = re.compile(r"[^\s\d\W_]+(?:['’-][^\s\d\W_]+)*")  # letters only: scripts mix within a word, not across
_SCRIPTS = (  # (name, ranges); enough to catch look-alike letters, not a full Unicode script table
    ("Latin", ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F))),
    ("Greek", ((0x370, 0x3FF),)),
    ("Cyrillic", ((0x400, 0x52F),)),
    ("Japanese", ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF66, 0xFF9F))),
)


def mixed_script_word(text: str) -> tuple[str, list[str]] | None:
    """The first word mixing Cyrillic or Greek letters with another alphabet, and the alphabets, if any."""
    if not LOOK_ALIKE.search(text):  # nearly all text: one regex scan instead of a per-letter walk
        return None
    for word in _WORD.findall(text):
        scripts = {_script(ch) for ch in word} - {None}
        if len(scripts) > 1 and scripts & {"Cyrillic", "Greek"}:
            return word, sorted(scripts)
    return None


def _script(char: str) -> str | None:
    code = ord(char)
    for name, ranges in _SCRIPTS:
        if any(low <= code <= high for low, high in ranges):
            return name
    return None


_LOOKED_AT = CONTROL_CHARACTERS | LINE_SEPARATORS | BIDI_CONTROLS | INVISIBLE_CHARACTERS | LOOK_ALIKE_LETTERS
SUSPICIOUS = re.compile(f"[{character_class(_LOOKED_AT)}]")


# -- the mappings and their keys ------------------------------------------------------------------------------------
# A key's value is one of these kinds; schema.py says what each is in JSON Schema.
VALUES = ("version", "text", "url", "archive", "language", "bilingual", "slug", "quote", "date", "point", "choice",
          "ids", "event-ids", "texts", "list", "registry", "flag")
TRUE = frozenset(("true", "True", "TRUE"))  # how a flag is written: YAML's `true` (the 1.2 core schema's spellings)


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a mapping: its name, what its value is (one of VALUES), what it means, and whether every such
    mapping must give it. A list's or registry's items are `of` (a Mapping's name), or described by `item`;
    a list `required` holds at least `least` items; a choice is one of `choices`."""

    name: str
    value: str
    about: str
    required: bool = False
    of: str = ""
    item: str = ""
    least: int = 1
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.value not in VALUES:
            raise ValueError(f"{self.name}: {self.value!r} is not a kind of value (format.VALUES)")


@dataclass(frozen=True, slots=True)
class OneOf:
    """Keys of which a mapping gives exactly one (a key left empty counts as not given), e.g. a source's `title`
    or `untitled: true`. `missing` and `both` are the hints when none or more than one is given."""

    keys: tuple[str, ...]
    missing: str
    both: str


@dataclass(frozen=True, slots=True)
class Mapping:
    """A mapping of the format: its name (the JSON Schema definition's), what it is, its keys in order, and the
    groups of keys of which it gives exactly one."""

    name: str
    about: str
    keys: tuple[Key, ...]
    one_of: tuple[OneOf, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every key, in canonical order (the order normalize writes them)."""
        return tuple(key.name for key in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        """The keys every such mapping must give, in canonical order."""
        return tuple(key.name for key in self.keys if key.required)

    def key(self, name: str) -> Key:
        """The key called `name` (KeyError if the mapping has none)."""
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(f"{self.name} has no key {name!r}")


def _pair(name: str, about: str, ja: str, en: str, *more: Key) -> Mapping:
    """A mapping of a text or name in both languages (and `more` keys)."""
    return Mapping(name, about, (Key("ja", "text", ja, True), Key("en", "text", en, True), *more))


BILINGUAL_TEXT = _pair("bilingual", "The same text in Japanese (`ja`) and English (`en`); both are required.",
                       "The Japanese text.", "The English text.")
TOPIC = _pair("topic", "A topic's name in both languages, e.g. `{ja: AI政策, en: AI policy}`.",
              "The topic's name in Japanese.", "The topic's name in English.")
ACTOR = _pair(
    "actor", "A person or organisation that events name.",
    "The name in Japanese, as Japanese media write it.", "The name in English.",
    Key("kind", "choice", "What the actor is: person, company, agency, government or organization.",
        choices=ACTOR_KINDS),
    Key("aliases", "texts", "Other names the actor goes by (short names, former names, names in other scripts); "
        "`--actor` accepts them and `show` lists them.", item="Another name for the actor."),
)
SOURCE = Mapping("source", "One published article.", (
    Key("publisher", "text", "The outlet, as it names itself, e.g. `日本経済新聞` or `Reuters`.", True),
    Key("title", "text", "The headline exactly as published, in the article's own language. An article without a "
        "headline gives `untitled: true` instead."),
    Key("untitled", "flag", "`true` when the article has no headline, instead of `title`; outputs then say "
        "\"untitled article\" (「見出しなし」), never a made-up headline."),
    Key("published", "point", "The date the article was published (not the date of the events it reports); "
        'phrases such as "this summer" in the article are read against it.', True),
    Key("language", "language", "The article's language as a BCP 47 code: `ja`, `en`, `zh-Hant`.", True),
    Key("url", "url", "The article's web address; `http://` or `https://` only."),
    Key("archive", "archive", "File name of the saved copy of the article, relative to the folder given to "
        "`timeline verify --archive`; it may not leave that folder (no leading `/`, no `..`, no backslashes)."),
    Key("author", "text", "The byline, when the article gives one."),
    Key("private", "flag", "`true` for an unnamed or confidential source: every output withholds its identity "
        "(publisher, headline, address, byline, archive file, id and the words quoted from it) and says \"unnamed "
        "source\" (「匿名の情報源」) instead, unless run with `--internal` (`timeline docs internal`)."),
    Key("internal", "text", "A note for the newsroom only (how we know the source, who to call, what not to "
        "print); never published: every output leaves it out unless run with `--internal`."),
), one_of=(OneOf(("title", "untitled"), missing="if the article has no headline, write `untitled: true`",
                 both="keep `title` for the headline, or `untitled: true` if the article has none, not both"),))
CITATION = Mapping("citation", "One source that supports the event, with the words from it that do.", (
    Key("source", "slug", "The id of the article, from `sources`.", True),
    Key("quote", "quote", "The supporting words, copied exactly from the article including its typos: a clause or "
        "a sentence, short but enough to support the event.", True),
))
CLAIM = Mapping("claim", "What one source says about the disputed point, with its quote.", (
    Key("says", "bilingual", "What this source says, in both languages, e.g. `{ja: 5年間, en: over five years}`.",
        True),
    Key("source", "slug", "The id of the article making this claim, from `sources`.", True),
    Key("quote", "quote", "The words from that article, copied exactly.", True),
    Key("date", "date", "When the disagreement is about the date: the date this source gives, in EDTF."),
))
DISPUTE = Mapping("dispute", "A point on which sources disagree, each side recorded with its own citation.", (
    Key("about", "slug", "What is disputed, as a slug: `date`, `amount`, `duration`, `count`, ...", True),
    Key("note", "bilingual", "Optional: what we did about the disagreement, in both languages."),
    Key("claims", "list", "Each source's version, at least two.", True, of="claim", least=2),
))
CORRECTION = Mapping("correction", "A correction, clarification or update published after the event was first "
                     "reported, shown to readers after the entry.", (
    Key("date", "point", "The day the correction was published, in EDTF: `2025-02-03`.", True),
    Key("kind", "choice", "`correction` (something we said was wrong), `clarification` (right but unclear or "
        "incomplete) or `update` (news since).", True, choices=CORRECTION_KINDS),
    Key("text", "bilingual", "What was wrong and what is right, in both languages, as readers will see it: "
        "`{ja: ..., en: An earlier version of this entry gave the date as Jan. 22. It was Jan. 20.}`", True),
    Key("source", "slug", "Optional: the id of the article that prompted it, from `sources`."),
))
EVENT = Mapping("event", "One thing that happened (or is scheduled), dated and cited.", (
    Key("id", "slug", "The event's id, unique across all files: a lowercase slug such as `trump-inauguration`.",
        True),
    Key("date", "date", "When it happened, in EDTF at the precision the sources give: `2025-01-20`, `2025-01`, "
        "`2025`, `2025-22` (summer), `2025-01-21/2029-01` (an interval). Never write a day the source does not "
        "give.", True),
    Key("status", "choice", "`happened` (the default) or `scheduled`: a date announced for the future, as of the "
        "source.", choices=STATUSES),
    Key("title", "bilingual", "A short headline in both languages: past tense, neutral.", True),
    Key("summary", "bilingual", "One to three sentences in both languages.", True),
    Key("topics", "ids", "The event's topic ids, from `topics`; at least one.", True,
        item="A topic id, from `topics`."),
    Key("actors", "ids", "The ids of the actors involved, from `actors`; may be empty.",
        item="An actor id, from `actors`."),
    Key("after", "event-ids", "The event or events this one comes after, when the dates alone cannot say: "
        "`after: trump-inauguration` or `after: [a, b]`. Every output places the event after them (`timeline docs "
        "order`); an event certainly earlier than one it is after is an error.", item="An event id."),
    Key("citations", "list", "The sources that support the event, each with a verbatim quote; at least one.", True,
        of="citation"),
    Key("notes", "bilingual", "Editorial notes in both languages, e.g. where the date comes from knowledge beyond "
        "the cited articles."),
    Key("disputes", "list", "Points on which the sources disagree (a date, an amount, a duration, ...).",
        of="dispute"),
    Key("corrections", "list", "Corrections, clarifications and updates readers have been told of, oldest first; "
        "every output shows them after the entry.", of="correction"),
    Key("internal", "text", "A note for the newsroom only, in any language (doubts, who to call, what not to "
        "print); never published: every output leaves it out unless run with `--internal`."),
))
# Per file only `version` is required: registries, title and events may come from another file (`-f a -f b`).
TOP = Mapping("file", "One chronology file for `timeline`: registries of topics, actors and sources, and the "
              "dated, cited events that use them.", (
    Key("version", "version", "Format version. Always `version: 1`.", True),
    Key("title", "bilingual", "The name of this chronology, in Japanese (`ja`) and English (`en`). When several "
        "files are read together, at least one of them must give it."),
    Key("timezone", "text", "The zone of the times this file's dates give without one, as an IANA name such as "
        "`America/New_York` or `Asia/Tokyo`: `2025-10-10T15:05:00` is then 3:05 p.m. in that zone. Without it a time "
        "must carry its zone (`2025-10-10T15:05:00-04:00`, `...Z`); a time with no zone names no moment."),
    Key("topics", "registry", "The topics a desk can filter by: each key is a topic id (a lowercase slug such as "
        "`ai-policy`), each value its name in both languages. Events list topic ids under `topics`.", of="topic"),
    Key("actors", "registry", "The people and organisations events name: each key is an actor id (a lowercase slug "
        "such as `donald-trump`), each value the actor's names.", of="actor"),
    Key("sources", "registry", "The articles events cite: each key is a source id (a lowercase slug such as "
        "`nikkei-2025-01-24`), each value describes one published article.", of="source"),
    Key("events", "list", "The events of the chronology, in any order (every output puts them in the one order: "
        "`timeline docs order`).", of="event"),
))

# The key tables by name, for the validator and normalize.
TOP_KEYS = TOP.names
EVENT_KEYS, EVENT_REQUIRED = EVENT.names, EVENT.required
SOURCE_KEYS, SOURCE_REQUIRED = SOURCE.names, SOURCE.required
ACTOR_KEYS = ACTOR.names
CITATION_KEYS = CITATION.names
DISPUTE_KEYS, DISPUTE_REQUIRED = DISPUTE.names, DISPUTE.required
CLAIM_KEYS, CLAIM_REQUIRED = CLAIM.names, CLAIM.required
CORRECTION_KEYS, CORRECTION_REQUIRED = CORRECTION.names, CORRECTION.required
MIN_CLAIMS = DISPUTE.key("claims").least  # a dispute records at least two sources that disagree
# Every key whose value is free text (a name, title, summary, quote ...), in any mapping.
TEXT_KEYS = tuple(dict.fromkeys(key.name for mapping in (BILINGUAL_TEXT, TOPIC, ACTOR, SOURCE, CITATION, CLAIM,
                                                         DISPUTE, CORRECTION, EVENT, TOP)
                                for key in mapping.keys if key.value in ("text", "quote")))
