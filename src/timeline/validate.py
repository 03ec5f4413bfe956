"""Loaded YAML values -> a `Timeline` and every problem found. Never prints, never exits.

The checks are written out rather than generated from the JSON Schema so that each message can say what
is wrong in an editor's words, where, and how to fix it; `tests/test_schema.py` keeps the two in step.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import repeat
from pathlib import Path, PureWindowsPath
from urllib.parse import urlsplit

from .dates import DateError, parse_edtf, parse_point
from .editorial import mixed_script_word
from .errors import InvalidDataError, PROBLEM_CODES, Problem, ProblemLog, Severity, shown
from .load import LoadedFile, YMap, YSeq, collector_paused, distinct_files, empty_sequence, load_file, unpack_position
from .model import (
    ACTOR_KINDS,
    STATUSES,
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

TOP_KEYS = ("version", "title", "topics", "actors", "sources", "events")
EVENT_KEYS = ("id", "date", "status", "title", "summary", "topics", "actors", "citations", "notes", "disputes")
EVENT_REQUIRED = ("id", "date", "title", "summary", "topics", "citations")
SOURCE_KEYS = ("publisher", "title", "published", "language", "url", "archive", "author")
SOURCE_REQUIRED = ("publisher", "title", "published", "language")
ACTOR_KEYS = ("ja", "en", "kind", "aliases")
BILINGUAL = ("ja", "en")
CITATION_KEYS = ("source", "quote")
DISPUTE_KEYS = ("about", "note", "claims")
CLAIM_KEYS = ("says", "source", "quote", "date")

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
# C0 (but tab and newline), DEL and C1 controls; bidi embeddings, overrides and isolates; invisible marks.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
LINE_SEPARATOR = re.compile(r"[\x85\u2028\u2029]")  # valid text, but some tools show a line break there
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f]")
# Any character that one of the text checks above (or the mixed-script check) looks at: text without one needs
# no further look, which is nearly all text. The fast path for plainly valid events relies on it.
SUSPICIOUS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0370-\u052f\u061c\u180e\u200b-\u200f"
                        r"\u2028-\u202e\u2060-\u2069\ufeff\U000e0000-\U000e007f]")
EVENT_KEY_SET = frozenset(EVENT_KEYS)
PAIR_KEYS = frozenset(BILINGUAL)
CITATION_KEY_SET = frozenset(CITATION_KEYS)
FAST_PATH = True  # tests turn it off to compare both paths


def _found(value: object) -> str:
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    return "nothing" if value is None else f"'{shown(value)}'"


class _Checker:
    """Checks one file's values and builds model objects; problems accumulate in `problems`."""

    def __init__(self, loaded: LoadedFile, problems: list[Problem]):
        self.file = loaded.file
        self.problems = problems
        # (registry, id, where), resolved later; `where` is (line, column) or, from the fast path, a packed
        # position (load.py) that is unpacked only if the reference turns out to be unknown.
        self.references: list[tuple[str, str, tuple[int, int] | int]] = []
        self.event_ids: list[tuple[str, Where]] = []  # every event id seen, valid event or not
        self.defined: dict[str, set[str]] = {"topic": set(), "actor": set(), "source": set()}  # valid or not
        # (kind, value, where, what) of a topic or actor listed by something that is no id: reported once every
        # registry is read, so that the hint can name the entry when the value is one of its names or aliases.
        self.misnamed: list[tuple[str, object, tuple[int, int], str]] = []
        # No value can hold a hidden or look-alike character when the file has none and no escape made one:
        # the fast path then skips the per-value look (one scan of the file instead of one per value).
        self.clean = loaded.verbatim and not SUSPICIOUS.search(loaded.text)

    def add(self, at: tuple[int, int], code: str, message: str, hint: str = "", severity: Severity | None = None):
        severity = severity or PROBLEM_CODES[code][0]
        self.problems.append(Problem(self.file, at[0], at[1], code, message, hint, severity))

    def where(self, at: tuple[int, int]) -> Where:
        return Where(self.file, at[0], at[1])

    # -- shapes -------------------------------------------------------------------------------------------

    def mapping(self, value: object, at: tuple[int, int], what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.add(at, "wrong-type", f"{what} must be a mapping of keys, found {_found(value)}",
                 "indent the keys under it, one `key: value` per line")
        return None

    def sequence(self, value: object, at: tuple[int, int], what: str) -> YSeq | None:
        if isinstance(value, YSeq):
            return value
        if value is None:
            return empty_sequence(at)
        self.add(at, "wrong-type", f"{what} must be a list, found {_found(value)}",
                 "write a list: `[a, b]` or one `- item` per line")
        return None

    def keys(self, node: YMap, allowed: Sequence[str], required: Sequence[str], what: str) -> None:
        for key, at in node.keys_at.items():
            if key not in allowed:
                from difflib import get_close_matches  # only for a key that is wrong

                close = get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
                self.add(at, "unknown-key", f"unknown key '{key}' in {what}", hint)
        for key in required:
            if node.get(key) is None:
                at = node.keys_at.get(key, (node.line, node.column))
                self.add(at, "missing-key", f"{what} has no '{key}'", f"add `{key}:` (see `timeline docs format`)")

    # -- values -------------------------------------------------------------------------------------------

    def mixed_script(self, value: str, at: tuple[int, int], what: str) -> None:
        word = mixed_script_word(value)
        if word is not None:
            self.add(at, "mixed-script", f"{what}: the word '{word[0]}' mixes {' and '.join(word[1])} letters",
                     "retype it: look-alike letters from another alphabet break search and sorting")

    def text(self, node: YMap, key: str, what: str, *, quote: bool = False, own: bool = True,
             one_line: bool = False) -> str | None:
        """A required or optional non-empty text; checks its characters."""
        value = node.get(key)
        if value is None:
            return None
        at = node.values_at[key]
        if not isinstance(value, str):
            self.add(at, "wrong-type", f"{what} must be text, found {_found(value)}", "write it on one line after the key")
            return None
        if not value.strip():
            self.add(at, "empty-text", f"{what} is empty", "write the text, or remove the key if it is optional")
            return None
        self.characters(value, at, what, quote=quote, own=own)
        if one_line and "\n" in value.strip():
            # A title is one line everywhere it is shown; a break would split table rows and log lines.
            self.add(at, "control-character", f"{what} contains a line break", "write the title on one line")
        return value.strip()

    def characters(self, value: str, at: tuple[int, int], what: str, *, quote: bool = False, own: bool = True) -> None:
        """Flag characters that hide or disguise text; in our own text (not quotes, not headlines) also words
        that mix alphabets, such as Cyrillic letters inside a katakana name."""
        if not SUSPICIOUS.search(value):  # nearly all text: one scan instead of five
            return
        if own and not quote:
            self.mixed_script(value, at, what)
        checks = ((CONTROL, "control-character"), (BIDI, "bidi-control"), (INVISIBLE, "invisible-character"),
                  (LINE_SEPARATOR, "line-separator"))
        for pattern, code in checks:
            found = pattern.search(value)
            if not found:
                continue
            if quote and code == "invisible-character":
                code = "invisible-in-quote"
            name = unicodedata.name(found.group(), "control character")
            self.add(at, code, f"{what} contains U+{ord(found.group()):04X} {name} at character {found.start() + 1}",
                     "delete it (it is invisible in most editors)" + ("; if the article has it, keep it" if quote else ""))

    def bilingual(self, node: YMap, key: str, what: str, required: bool = True, one_line: bool = False) -> Text | None:
        value = node.get(key)
        if value is None:
            return None
        mapping = self.mapping(value, node.values_at[key], what)
        if mapping is None:
            return None
        self.keys(mapping, BILINGUAL, BILINGUAL if required else (), what)
        ja = self.text(mapping, "ja", f"{what} (ja)", one_line=one_line)
        en = self.text(mapping, "en", f"{what} (en)", one_line=one_line)
        return Text(ja, en) if ja is not None and en is not None else None

    def slug(self, value: object, at: tuple[int, int], what: str, kind: str | None = None) -> str | None:
        """`value` when it is a well-formed id, else None and a problem (for a reference to a `kind` of
        registry entry, once every registry is known: see `misnamed`)."""
        if not isinstance(value, str):
            self.add(at, "wrong-type", f"{what} must be text, found {_found(value)}", "use a lowercase slug like `ai-policy`")
            return None
        if not SLUG.match(value) or len(value) > 64:
            if kind is not None:
                self.misnamed.append((kind, value, at, what))
            else:
                self.add(at, "bad-id", f"{what} '{shown(value)}' is not a lowercase slug", _slug_hint(value))
            return None
        return value

    def choice(self, node: YMap, key: str, allowed: Sequence[str], what: str) -> str | None:
        value = self.text(node, key, what)
        if value is not None and value not in allowed:
            self.add(node.values_at[key], "bad-value", f"{what} '{shown(value)}' is not one of: {', '.join(allowed)}",
                     f"use one of: {', '.join(allowed)}")
            return None
        return value

    def date(self, node: YMap, key: str, what: str, point: bool = False):
        value = self.text(node, key, what)
        if value is None:
            return None
        at = node.values_at[key]
        try:
            return parse_point(value) if point else parse_edtf(value)
        except DateError as error:
            message, hint = error.message, error.hint or "see `timeline docs dates`"
            if len(value) > 60:  # the parser quotes the whole text; a message quotes only its start
                message, hint = message.replace(repr(value), repr(shown(value))), hint.replace(value, shown(value))
            self.add(at, "bad-date", f"{what}: {message}", hint)
            return None

    def id_list(self, node: YMap, key: str, what: str) -> list[tuple[str, tuple[int, int]]]:
        items = self.sequence(node.get(key), node.values_at.get(key, (node.line, node.column)), what)
        if items is None:
            return []
        refs = []
        for item, at in zip(items, items.items_at):
            ref = self.slug(item, at, f"{what} entry", kind=key.removesuffix("s"))
            if ref is not None and any(ref == seen for seen, _ in refs):
                self.add(at, "duplicate-reference", f"{what} lists '{ref}' twice", "list it once")
            elif ref is not None:
                refs.append((ref, at))
        return refs

    # -- registries and events ----------------------------------------------------------------------------

    def registry(self, root: YMap, key: str, build) -> dict:
        node = root.get(key)
        if node is None:
            return {}
        node = self.mapping(node, root.values_at[key], f"'{key}'")
        if node is None:
            return {}
        entries = {}
        for entry_id, value in node.items():
            at = node.keys_at[entry_id]
            if self.slug(entry_id, at, f"{key} id") is None:
                continue
            self.defined[key[:-1]].add(entry_id)  # a reference to a broken entry is not also "unknown"
            entry = self.mapping(value, node.values_at[entry_id], f"{key} '{entry_id}'")
            if entry is not None:
                built = build(entry_id, entry, at)
                if built is not None:
                    entries[entry_id] = built
        return entries

    def topic(self, topic_id: str, node: YMap, at) -> Topic | None:
        self.keys(node, BILINGUAL, BILINGUAL, f"topic '{topic_id}'")
        name = Text(self.text(node, "ja", f"topic '{topic_id}' (ja)"), self.text(node, "en", f"topic '{topic_id}' (en)"))
        return Topic(topic_id, name, self.where(at)) if name.ja and name.en else None

    def actor(self, actor_id: str, node: YMap, at) -> Actor | None:
        what = f"actor '{actor_id}'"
        self.keys(node, ACTOR_KEYS, BILINGUAL, what)
        name = Text(self.text(node, "ja", f"{what} (ja)"), self.text(node, "en", f"{what} (en)"))
        kind = self.choice(node, "kind", ACTOR_KINDS, f"{what} kind")
        aliases = self.sequence(node.get("aliases"), node.values_at.get("aliases", at), f"{what} aliases") or ()
        names = []
        for alias, alias_at in zip(aliases, getattr(aliases, "items_at", ())):
            if isinstance(alias, str) and alias.strip():
                self.characters(alias, alias_at, f"{what} alias")
                names.append(alias.strip())
            else:
                self.add(alias_at, "wrong-type", f"{what} alias must be text, found {_found(alias)}", "write the name")
        return Actor(actor_id, name, kind, tuple(names), self.where(at)) if name.ja and name.en else None

    def source(self, source_id: str, node: YMap, at) -> Source | None:
        what = f"source '{source_id}'"
        self.keys(node, SOURCE_KEYS, SOURCE_REQUIRED, what)
        fields = {key: self.text(node, key, f"{what} {key}", own=False) for key in ("publisher", "title", "author")}
        published = self.date(node, "published", f"{what} published", point=True)
        language = self.text(node, "language", f"{what} language")
        if language and not LANGUAGE_TAG.match(language):
            self.add(node.values_at["language"], "bad-value", f"{what} language '{language}' is not a language code",
                     "use a BCP 47 code such as `ja` or `en`")
            language = None
        url = self.url(node, what)
        archive = self.archive(node, what)
        if None in (fields["publisher"], fields["title"], published, language):
            return None
        return Source(source_id, fields["publisher"], fields["title"], published, language, url, archive,
                      fields["author"], self.where(at))

    def url(self, node: YMap, what: str) -> str | None:
        url = self.text(node, "url", f"{what} url")
        if url is None:
            return None
        try:
            parts = urlsplit(url)
        except ValueError:  # 'https://[host': an unclosed IPv6 bracket
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
            self.add(node.values_at["url"], "bad-url", f"{what} url '{shown(url)}' is not an http(s) address",
                     "use the article's full https:// address")
            return None
        return url

    def archive(self, node: YMap, what: str) -> str | None:
        name = self.text(node, "archive", f"{what} archive")
        if name is None:
            return None
        path = Path(name)
        if path.is_absolute() or PureWindowsPath(name).drive or ".." in path.parts or "\\" in name:
            self.add(node.values_at["archive"], "bad-archive", f"{what} archive '{shown(name)}' leaves the archive folder",
                     "give a file name relative to the --archive folder")
            return None
        return name

    def citation(self, node: object, at, what: str) -> Citation | None:
        node = self.mapping(node, at, what)
        if node is None:
            return None
        self.keys(node, CITATION_KEYS, CITATION_KEYS, what)
        return self.cited(node, what)

    def cited(self, node: YMap, what: str) -> Citation | None:
        """The `source` + `quote` pair shared by citations and dispute claims."""
        source = node.get("source")
        source = self.slug(source, node.values_at["source"], f"{what} source") if source is not None else None
        quote = self.text(node, "quote", f"{what} quote", quote=True)
        if source is not None:
            self.references.append(("source", source, node.values_at["source"]))
        if source is None or quote is None:
            return None
        return Citation(source, quote, self.where(node.values_at["quote"]))

    def event(self, node: YMap, order: int) -> Event | None:
        start = (node.line, node.column)
        event_id = self.slug(node["id"], node.values_at["id"], "event id") if node.get("id") is not None else None
        if event_id is not None:
            self.event_ids.append((event_id, self.where(node.values_at["id"])))
        what = f"event '{event_id or '?'}'"
        self.keys(node, EVENT_KEYS, EVENT_REQUIRED, what)
        date = self.date(node, "date", f"{what} date")
        status = self.choice(node, "status", STATUSES, f"{what} status") or "happened"
        title = self.bilingual(node, "title", f"{what} title", one_line=True)
        summary = self.bilingual(node, "summary", f"{what} summary")
        notes = self.bilingual(node, "notes", f"{what} notes")
        topics = self.id_list(node, "topics", f"{what} topics")
        if isinstance(node.get("topics"), YSeq) and not node["topics"]:
            self.add(node.values_at["topics"], "missing-key", f"{what} has no topics", "list at least one topic id")
        actors = self.id_list(node, "actors", f"{what} actors")
        citations = self.citations(node, what)
        disputes = self.disputes(node, what)
        self.references.extend((kind, ref, at) for kind, refs in (("topic", topics), ("actor", actors)) for ref, at in refs)
        if None in (event_id, date, title, summary) or citations is None or disputes is None:
            return None
        return Event(event_id, date, title, summary, tuple(r for r, _ in topics), tuple(r for r, _ in actors),
                     citations, status, notes, disputes, self.where(start), order)

    # -- the fast path ----------------------------------------------------------------------------------

    def plain_event(self, node: YMap, order: int) -> Event | None:
        """The event, built with no check reported, when it is plainly valid; else None, and `event` then
        checks it from scratch and says what is wrong.

        Nearly every event of a real file is valid, and `event` spends most of its time preparing messages
        it will not need. This accepts only what `event` accepts without a single problem (error, warning or
        notice), builds the same Event and records the same ids and references; anything unusual (disputes,
        a suspicious character, a duplicate reference, a key out of place) makes it give up before changing
        any state. tests/test_fastpath.py checks the two paths agree.
        """
        get, clean = node.get, self.clean
        if not EVENT_KEY_SET.issuperset(node):  # a loaded mapping's keys are those of keys_at
            return None
        event_id, date_text = get("id"), get("date")
        if event_id.__class__ is not str or not SLUG.match(event_id) or len(event_id) > 64:
            return None
        date_text = _plain_text(date_text, clean)
        if date_text is None:
            return None
        try:
            date = parse_edtf(date_text)
        except DateError:
            return None
        status = get("status")
        if status is not None:
            status = _plain_text(status, clean)
            if status not in STATUSES:
                return None
        title, summary, notes = _plain_pair(get("title"), clean), _plain_pair(get("summary"), clean), get("notes")
        if title is None or summary is None or (notes is not None and (notes := _plain_pair(notes, clean)) is None):
            return None
        if "\n" in title.ja or "\n" in title.en:  # `event` reports a line break in a title
            return None
        topics_node, actors_node = get("topics"), get("actors")
        topics = _plain_ids(topics_node)
        if not topics or (actors_node is not None and (actors := _plain_ids(actors_node)) is None):
            return None
        disputes = get("disputes")
        if disputes is not None and (disputes.__class__ is not YSeq or disputes):
            return None
        citations = get("citations")
        if citations.__class__ is not YSeq or not citations:
            return None
        built = []
        for citation in citations:
            if citation.__class__ is not YMap or len(citation) != 2 or not CITATION_KEY_SET.issuperset(citation):
                return None
            source, quote = citation["source"], _plain_text(citation["quote"], clean)
            if source.__class__ is not str or not SLUG.match(source) or len(source) > 64 or quote is None:
                return None
            built.append((source, quote, citation))
        # Valid: record what `event` would have recorded, in the same order (positions packed: see references).
        file, references = self.file, self.references
        self.event_ids.append((event_id, _where(file, node, "id")))
        references.extend([("source", source, cited.packed("source")[1]) for source, _, cited in built])
        references.extend(zip(repeat("topic"), topics, topics_node.packed))
        if actors_node:
            references.extend(zip(repeat("actor"), actors, actors_node.packed))
        cited = tuple([Citation(source, quote, _where(file, node, "quote")) for source, quote, node in built])
        return Event(event_id, date, title, summary, topics, tuple(actors_node) if actors_node else (), cited,
                     status or "happened", notes, (), Where(file, node.line, node.column), order)

    def citations(self, node: YMap, what: str) -> tuple[Citation, ...] | None:
        items = self.sequence(node.get("citations"), node.values_at.get("citations", (node.line, node.column)),
                              f"{what} citations")
        if items is None:
            return None
        if not items and node.get("citations") is not None:
            self.add(node.values_at["citations"], "no-citations", f"{what} cites no source",
                     "add `- source: ID` and `quote: ...` copied from the article")
        built = [self.citation(item, at, f"{what} citation {i}") for i, (item, at) in enumerate(zip(items, items.items_at), 1)]
        return None if None in built or not built else tuple(built)

    def disputes(self, node: YMap, what: str) -> tuple[Dispute, ...] | None:
        items = self.sequence(node.get("disputes"), node.values_at.get("disputes", (node.line, node.column)),
                              f"{what} disputes")
        if items is None:
            return None
        built = [self.dispute(item, at, f"{what} dispute {i}") for i, (item, at) in enumerate(zip(items, items.items_at), 1)]
        return None if None in built else tuple(built)

    def dispute(self, node: object, at, what: str) -> Dispute | None:
        node = self.mapping(node, at, what)
        if node is None:
            return None
        self.keys(node, DISPUTE_KEYS, ("about", "claims"), what)
        about = self.slug(node["about"], node.values_at["about"], f"{what} about") if node.get("about") is not None else None
        note = self.bilingual(node, "note", f"{what} note")
        claims_node = self.sequence(node.get("claims"), node.values_at.get("claims", at), f"{what} claims")
        if claims_node is None:
            return None
        if "claims" in node and len(claims_node) < 2:
            self.add(node.values_at["claims"], "too-few-claims", f"{what} has {len(claims_node)} claim(s)",
                     "a dispute records at least two sources that disagree, each with its quote")
        claims = [self.claim(c, c_at, f"{what} claim {i}") for i, (c, c_at) in enumerate(zip(claims_node, claims_node.items_at), 1)]
        if about is None or None in claims or len(claims) < 2:
            return None
        return Dispute(about, tuple(claims), note, self.where(at))

    def claim(self, node: object, at, what: str) -> Claim | None:
        node = self.mapping(node, at, what)
        if node is None:
            return None
        self.keys(node, CLAIM_KEYS, ("says", "source", "quote"), what)
        says = self.bilingual(node, "says", f"{what} says", one_line=True)
        date = self.date(node, "date", f"{what} date")
        citation = self.cited(node, what) if "source" in node and "quote" in node else None
        if says is None or citation is None or ("date" in node and date is None):
            return None
        return Claim(says, citation, date)

    # -- the whole document -------------------------------------------------------------------------------

    def document(self, root: object, root_at: tuple[int, int], first_order: int) -> dict | None:
        if not isinstance(root, YMap):
            self.add(root_at, "not-a-mapping", f"the top level must be a mapping of keys, found {_found(root)}",
                     "start with `version: 1`, then title, topics, actors, sources, events")
            return None
        self.keys(root, TOP_KEYS, (), "the file")
        if "title" in root and root["title"] is None:  # other files may give the title, but not an empty one
            self.add(root.values_at["title"], "missing-key", "'title' has no value", "add `ja:` and `en:` under it")
        if root.get("version") is None:
            self.add(root.keys_at.get("version", (root.line, root.column)), "bad-version", "the file has no 'version'",
                     "add `version: 1` as the first line")
        elif root["version"] != "1":
            self.add(root.values_at["version"], "bad-version", f"version {_found(root['version'])} is not supported",
                     "this timeline reads `version: 1`")
        events_node = self.sequence(root.get("events"), root.values_at.get("events", (1, 1)), "'events'") or ()
        events = []
        for order, (node, at) in enumerate(zip(events_node, getattr(events_node, "items_at", ())), first_order):
            built = self.plain_event(node, order) if FAST_PATH and node.__class__ is YMap else None
            if built is not None:
                events.append(built)
                continue
            node = self.mapping(node, at, "an event")
            if node is not None:
                events.append(self.event(node, order))
        return {
            "title": self.bilingual(root, "title", "the timeline title", one_line=True),
            "title_at": root.keys_at.get("title"),
            "topics": self.registry(root, "topics", self.topic),
            "actors": self.registry(root, "actors", self.actor),
            "sources": self.registry(root, "sources", self.source),
            "events": events,
            "size": len(events_node),
        }


def _plain_text(value: object, clean: bool) -> str | None:
    """The stripped text when `text` would accept it without a word (in any of its modes), else None.
    `clean`: the file is known to hold no character the text checks look for (_Checker.clean)."""
    if value.__class__ is not str:
        return None
    stripped = value.strip()
    if not stripped or (not clean and SUSPICIOUS.search(value)):
        return None
    return stripped


def _plain_pair(value: object, clean: bool) -> Text | None:
    """The Text when `bilingual` would accept the mapping without a word, else None."""
    if value.__class__ is not YMap or len(value) != 2 or not PAIR_KEYS.issuperset(value):
        return None
    ja, en = _plain_text(value["ja"], clean), _plain_text(value["en"], clean)
    return None if ja is None or en is None else Text(ja, en)


def _where(file: str, node: YMap, key: str) -> Where:
    """The Where of the value of `key` (without building the mapping's values_at)."""
    line, column = unpack_position(node.packed(key)[1])
    return Where(file, line, column)


def _plain_ids(value: object) -> tuple[str, ...] | None:
    """The ids when `id_list` would accept the list without a word, else None."""
    if value.__class__ is not YSeq:
        return None
    for item in value:
        if item.__class__ is not str or not SLUG.match(item) or len(item) > 64:
            return None
    ids = tuple(value)
    return ids if len(set(ids)) == len(ids) else None


def validate(loaded_files: Sequence[LoadedFile], *, editorial: bool = True) -> tuple[Timeline | None, list[Problem]]:
    """Check loaded files together (ids are unique across them) and build the timeline.

    Returns the timeline (None when an error makes it unusable) and every problem, errors and warnings,
    in file order. `editorial=False` leaves out the editorial checks (editorial.py), which only ever warn or
    notify: for a caller that needs the timeline and its errors alone.
    """
    with collector_paused():  # the model is a large acyclic graph too (see load.collector_paused)
        return _validate(loaded_files, editorial)


# `key: plain text #more`: YAML ends a plain value at ` #`, so the rest of what the editor typed becomes a
# comment. Legitimate in most places, but in a title, summary or quote it silently cuts the text.
_TEXT_KEYS = ("ja", "en", "quote", "publisher", "title", "author")
_CUT_BY_COMMENT = re.compile(r"^\s*(?:-\s+)?(?:%s):[ \t]+[^\s'\"|>\[{&*!%%@`#][^\n]*?([ \t]+#)" % "|".join(_TEXT_KEYS))
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(?:#.*)?$")


_BLOCK_SCALAR_ANYWHERE = re.compile(_BLOCK_SCALAR.pattern, re.MULTILINE)  # finds every line _BLOCK_SCALAR finds
_HASH_AFTER_SPACE = re.compile(r"[ \t]#")


def comments_cutting_text(loaded: LoadedFile) -> list[Problem]:
    """A warning for each text value that a ` #` on its line cut short."""
    text = loaded.text
    if " #" not in text and "\t#" not in text:  # nearly every file: one scan
        return []
    # Without a block scalar no line is inside one, and only a line holding ` #` can be cut: look at those
    # lines alone rather than at every line of a large file (the same lines, numbers and problems).
    lines = _lines_with_a_hash(text) if not _BLOCK_SCALAR_ANYWHERE.search(text) else _lines_outside_blocks(text)
    found = []
    for number, line in lines:
        match = _CUT_BY_COMMENT.match(line)
        if match:
            column = match.end(1)  # the `#`, 1-based
            found.append(Problem(loaded.file, number, column, "comment-in-text",
                                 f"' #' ends this value: the text after it, '{shown(line[column:].strip())}', is read "
                                 "as a comment", "put the whole value in double quotes to keep it",
                                 PROBLEM_CODES["comment-in-text"][0]))
    return found


def _lines_outside_blocks(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of every line not inside a literal or folded block, where `#` is text."""
    block_indent = None
    for number, line in enumerate(text.split("\n"), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip() or indent > block_indent):
            continue
        block_indent = indent if _BLOCK_SCALAR.search(line) else None
        yield number, line


def _lines_with_a_hash(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of every line holding ` #` or a tab and `#`, in order."""
    number, counted, line_end = 1, 0, -1
    for hit in _HASH_AFTER_SPACE.finditer(text):
        position = hit.start()
        if position < line_end:
            continue  # a second ` #` on a line already given
        number += text.count("\n", counted, position)
        counted = position
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = len(text)
        yield number, text[line_start:line_end]


def _validate(loaded_files: Sequence[LoadedFile], editorial: bool) -> tuple[Timeline | None, list[Problem]]:
    problems = ProblemLog()
    checkers, parts, order = [], [], 0
    for loaded in loaded_files:
        problems.extend(loaded.problems)
        problems.extend(getattr(loaded.problems, "overflow", list)())
        if loaded.complete:
            problems.extend(comments_cutting_text(loaded))
        if not loaded.complete or loaded.root is None:
            continue
        checker = _Checker(loaded, problems)
        part = checker.document(loaded.root, loaded.root_at, order)
        if part is not None:
            checkers.append(checker)
            parts.append(part)
            order += part["size"]
    # A file read in part or not at all (a syntax error, a merge conflict, not UTF-8) may define what the others
    # refer to: their references and the title cannot be judged until it reads, so they are not reported as missing.
    whole = all(loaded.complete for loaded in loaded_files)
    timeline = _merge(loaded_files, checkers, parts, problems, whole)
    if timeline is not None and editorial:
        from .editorial import editorial_problems

        problems.extend(editorial_problems(timeline, ((kind, ref) for c in checkers for kind, ref, _ in c.references)))
    problems = [*problems, *problems.overflow()]
    problems.sort(key=Problem.sort_key)
    failed = any(p.severity is Severity.ERROR for p in problems)
    return (None if failed else timeline), problems


def _merge(loaded_files, checkers, parts, problems, whole: bool = True) -> Timeline | None:
    """Join the files' registries and events, reporting ids defined twice and, when every file was read `whole`,
    references that dangle and a missing title."""
    if not parts:
        return None
    registries = {}
    for name in ("topics", "actors", "sources"):
        registries[name] = _union(name, [p[name] for p in parts], problems)
    _unique_event_ids([entry for checker in checkers for entry in checker.event_ids], problems)
    events = [e for p in parts for e in p["events"] if e is not None]
    defined = {kind: set().union(*(c.defined[kind] for c in checkers)) for kind in ("topic", "actor", "source")}
    names = _names(registries)
    for checker in checkers:
        _resolve(checker, defined, names, whole)
    title = next((p["title"] for p in parts if p["title"] is not None), None)
    if title is None:
        if whole and all(p["title_at"] is None for p in parts):
            problems.append(Problem(parts and checkers[0].file, 1, 1, "missing-key", "no file gives the timeline a 'title'",
                                    "add `title: {ja: ..., en: ...}`"))
        return None
    events.sort(key=_sort_key())
    return Timeline(title, registries["topics"], registries["actors"], registries["sources"], tuple(events),
                    tuple(f.file for f in loaded_files))


def _sort_key():
    """Event.sort_key, with each distinct date's part worked out once (a large file repeats its dates)."""
    dates: dict[str, tuple] = {}

    def key(event: Event) -> tuple:
        date = dates.get(event.date.text)
        if date is None:
            date = dates[event.date.text] = event.date.sort_key()
        return (*date, event.order)

    return key


def _union(name: str, registries: list[dict], problems: list[Problem]) -> dict:
    merged: dict = {}
    for registry in registries:
        for entry_id, entry in registry.items():
            if entry_id in merged:
                first = merged[entry_id].where
                problems.append(Problem(entry.where.file, entry.where.line, entry.where.column, "duplicate-id",
                                        f"{name} id '{entry_id}' is defined twice (first at {first.file}:{first.line})",
                                        "ids are unique across all files: rename one or remove the copy"))
            else:
                merged[entry_id] = entry
    return merged


def _unique_event_ids(event_ids: list[tuple[str, Where]], problems: list[Problem]) -> None:
    seen: dict[str, Where] = {}
    for event_id, where in event_ids:
        key = unicodedata.normalize("NFC", event_id)
        if key in seen:
            first = seen[key]
            problems.append(Problem(where.file, where.line, where.column, "duplicate-id",
                                    f"event id '{event_id}' is used twice (first at {first.file}:{first.line})",
                                    "give each event its own id"))
        else:
            seen[key] = where


def _resolve(checker: _Checker, defined: dict[str, set[str]], names: dict[str, dict[str, str]],
             whole: bool = True) -> None:
    """Report references by something that is no id (`_Checker.misnamed`) and, when every file was read `whole`,
    references to no entry."""
    for kind, value, at, what in checker.misnamed:
        checker.add(at, "bad-id", f"{what} '{shown(value)}' is not a lowercase slug",
                    _named(kind, value, names) or _slug_hint(value))
    if not whole:
        return
    for kind, ref, at in checker.references:
        known = defined[kind]
        if ref in known:
            continue
        if at.__class__ is int:
            at = unpack_position(at)
        from difflib import get_close_matches  # only for an id that is wrong

        close = get_close_matches(ref, list(known), n=1, cutoff=0.6)
        listing = ", ".join(sorted(known)[:15]) + (", ..." if len(known) > 15 else "") if known else "none defined"
        hint = _named(kind, ref, names) or (f"did you mean '{close[0]}'? " if close else "") + f"known {kind}s: {listing}"
        checker.add(at, f"unknown-{kind}", f"unknown {kind} '{ref}'", hint)


def _names(registries: dict[str, dict]) -> dict[str, dict[str, str]]:
    """For topics and actors: each name and alias, case-folded, to the id of its entry (the first one's)."""
    names: dict[str, dict[str, str]] = {"topic": {}, "actor": {}}
    for kind, registry in (("topic", registries["topics"]), ("actor", registries["actors"])):
        for entry in registry.values():
            for name in (entry.name.ja, entry.name.en, *getattr(entry, "aliases", ())):
                names[kind].setdefault(name.casefold(), entry.id)
    return names


def _named(kind: str, value: str, names: dict[str, dict[str, str]]) -> str:
    """A hint naming the entry `value` is a name or alias of (editors list `Trump` for `donald-trump`), or ""."""
    entry = names.get(kind, {}).get(value.strip().casefold())
    return f"'{shown(value)}' is a name of {kind} '{entry}': list it by its id, e.g. [{entry}]" if entry else ""


def _slug_hint(value: str) -> str:
    suggestion = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", value).lower()).strip("-")[:64].strip("-")
    return f"use lowercase letters, digits and single hyphens, e.g. '{suggestion}'" if suggestion else \
        "use lowercase letters, digits and single hyphens"


def load_files(paths: Sequence[str | Path]) -> list[LoadedFile]:
    """Read and parse each file once (FileAccessError if one cannot be read): the same file under two names, or
    through a link, is one file (load.distinct_files)."""
    return [load_file(path) for path in distinct_files(paths)]


def load_timeline(paths: Sequence[str | Path]) -> Timeline:
    """Load, validate and return the timeline, or raise InvalidDataError with every problem."""
    timeline, problems = validate(load_files(paths), editorial=False)  # warnings cannot make it fail
    if timeline is None:
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR])
    return timeline
