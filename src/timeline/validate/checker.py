"""One file's values -> its registries and events (model objects), every problem reported on the way.

The checks are written out rather than generated from the JSON Schema so that each message can say what is
wrong in an editor's words, where, and how to fix it; the keys come from format.py, as the schema's do.
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath
from urllib.parse import urlsplit

from ..errors import shown
from ..format import (ACTOR_KEYS, ACTOR_KINDS, BILINGUAL, CITATION_KEYS, CLAIM_KEYS, CLAIM_REQUIRED, CORRECTION_KEYS,
                      CORRECTION_KINDS, CORRECTION_REQUIRED, DISPUTE_KEYS, DISPUTE_REQUIRED, EVENT_KEYS, EVENT_REQUIRED,
                      LANGUAGE_TAG, MIN_CLAIMS, SOURCE, SOURCE_KEYS, SOURCE_REQUIRED, STATUSES, TOP_KEYS, VERSION)
from ..load import YMap, YSeq
from ..model import Actor, Citation, Claim, Correction, Dispute, Event, Source, Text, Topic
from . import fastpath
from .corrections import publication_day
from .values import ValueChecks, found


class Checker(ValueChecks):
    """Checks one file's values and builds model objects; problems accumulate in `problems`."""

    # -- registries ---------------------------------------------------------------------------------------

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
        name = Text(self.text(node, "ja", f"topic '{topic_id}' (ja)", one_line=True),
                    self.text(node, "en", f"topic '{topic_id}' (en)", one_line=True))
        return Topic(topic_id, name, self.where(at)) if name.ja and name.en else None

    def actor(self, actor_id: str, node: YMap, at) -> Actor | None:
        what = f"actor '{actor_id}'"
        self.keys(node, ACTOR_KEYS, BILINGUAL, what)
        name = Text(self.text(node, "ja", f"{what} (ja)", one_line=True), self.text(node, "en", f"{what} (en)",
                                                                                      one_line=True))
        kind = self.choice(node, "kind", ACTOR_KINDS, f"{what} kind")
        aliases = self.sequence(node.get("aliases"), node.values_at.get("aliases", at), f"{what} aliases") or ()
        names = []
        for alias, alias_at in zip(aliases, getattr(aliases, "items_at", ())):
            if isinstance(alias, str) and alias.strip():  # a name: one line, as the actor's own
                names.append(self.text_value(alias, alias_at, f"{what} alias", one_line=True))
            else:
                self.add(alias_at, "wrong-type", f"{what} alias must be text, found {found(alias)}", "write the name")
        return Actor(actor_id, name, kind, tuple(names), self.where(at)) if name.ja and name.en else None

    def source(self, source_id: str, node: YMap, at) -> Source | None:
        what = f"source '{source_id}'"
        self.keys(node, SOURCE_KEYS, SOURCE_REQUIRED, what)
        self.one_of(node, SOURCE.one_of, what)
        fields = {key: self.text(node, key, f"{what} {key}", own=False, one_line=True)
                  for key in ("publisher", "title", "author")}
        untitled = self.flag(node, "untitled", f"{what} untitled")
        published = self.date(node, "published", f"{what} published", point=True)
        language = self.text(node, "language", f"{what} language", one_line=True)
        if language and not LANGUAGE_TAG.match(language):
            self.add(node.values_at["language"], "bad-value", f"{what} language '{language}' is not a language code",
                     "use a BCP 47 code such as `ja` or `en`")
            language = None
        url = self.url(node, what)
        archive = self.archive(node, what)
        private = self.flag(node, "private", f"{what} private")
        internal = self.text(node, "internal", f"{what} internal")
        if None in (fields["publisher"], published, language) or (fields["title"] is None) != untitled:
            return None  # a headline or `untitled: true`, exactly one (one_of above said which is wrong)
        return Source(source_id, fields["publisher"], fields["title"], published, language, url, archive,
                      fields["author"], self.where(at), internal, private)

    def url(self, node: YMap, what: str) -> str | None:
        url = self.text(node, "url", f"{what} url", one_line=True)
        if url is None or "\n" in url:  # a line break: `text` said so, where it is
            return None
        try:
            parts = urlsplit(url)
        except ValueError:  # 'https://[host': an unclosed IPv6 bracket
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
            self.add(node.values_at["url"], "bad-url", f"{what} url '{shown(url)}' is not an http(s) address",
                     "use the article's full https:// address")
            return None
        if "\\" in url:  # a browser reads it as '/', Python's urlsplit does not: a link could go elsewhere than it says
            self.add(node.values_at["url"], "bad-url", f"{what} url '{shown(url)}' holds a backslash, which browsers "
                     "read as '/' (so the link may lead to another site than it names)",
                     "copy the address from the browser's address bar, or write the backslash as %5C")
            return None
        return url

    def archive(self, node: YMap, what: str) -> str | None:
        name = self.text(node, "archive", f"{what} archive", one_line=True)
        if name is None or "\n" in name:  # `"C:\new"`: `text` said where the line break is, and why
            return None
        path = Path(name)
        if path.is_absolute() or PureWindowsPath(name).drive or ".." in path.parts or "\\" in name:
            self.add(node.values_at["archive"], "bad-archive", f"{what} archive '{shown(name)}' leaves the archive folder",
                     "give a file name relative to the --archive folder")
            return None
        return name

    # -- events -------------------------------------------------------------------------------------------

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
        after = self.after_ids(node, what)
        if event_id is not None:
            self.after.extend((event_id, ref, at) for ref, at in after)
        citations = self.citations(node, what)
        disputes = self.disputes(node, what)
        corrections = self.corrections(node, what)
        internal = self.text(node, "internal", f"{what} internal")
        self.references.extend((kind, ref, at) for kind, refs in (("topic", topics), ("actor", actors)) for ref, at in refs)
        if None in (event_id, date, title, summary) or citations is None or disputes is None or corrections is None:
            return None
        return Event(event_id, date, title, summary, tuple(r for r, _ in topics), tuple(r for r, _ in actors),
                     citations, status, notes, disputes, self.where(start), order, tuple(r for r, _ in after),
                     corrections, internal)

    def after_ids(self, node: YMap, what: str) -> list[tuple[str, tuple[int, int]]]:
        """The ids of `after: ID` or `after: [ID, ...]`, each with its position; whether they name events is
        judged once every file is read (after.py)."""
        value = node.get("after")
        if value is None:
            return []
        if isinstance(value, YMap):
            self.add(node.values_at["after"], "wrong-type", f"{what} after must be an event id or a list of them, "
                     "found a mapping", "write `after: EVENT_ID`, or `after: [ID, ID]` for several")
            return []
        if isinstance(value, str) and "," in value:  # `after: a, b` is one plain scalar, not two ids
            listed = ", ".join(part.strip() for part in value.split(",") if part.strip())
            self.add(node.values_at["after"], "bad-id", f"{what} after '{shown(value)}' is not an event id",
                     f"several ids go in a list: after: [{shown(listed)}]")
            return []
        items = zip(value, value.items_at) if isinstance(value, YSeq) else ((value, node.values_at["after"]),)
        return self.listed_once(((self.slug(item, at, f"{what} after"), at) for item, at in items), f"{what} after")

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
        self.keys(node, DISPUTE_KEYS, DISPUTE_REQUIRED, what)
        about = self.slug(node["about"], node.values_at["about"], f"{what} about") if node.get("about") is not None else None
        note = self.bilingual(node, "note", f"{what} note")
        claims_node = self.sequence(node.get("claims"), node.values_at.get("claims", at), f"{what} claims")
        if claims_node is None:
            return None
        if "claims" in node and len(claims_node) < MIN_CLAIMS:
            self.add(node.values_at["claims"], "too-few-claims", f"{what} has {len(claims_node)} claim(s)",
                     "a dispute records at least two sources that disagree, each with its quote")
        claims = [self.claim(c, c_at, f"{what} claim {i}") for i, (c, c_at) in enumerate(zip(claims_node, claims_node.items_at), 1)]
        if about is None or None in claims or len(claims) < MIN_CLAIMS:
            return None
        return Dispute(about, tuple(claims), note, self.where(at))

    def claim(self, node: object, at, what: str) -> Claim | None:
        node = self.mapping(node, at, what)
        if node is None:
            return None
        self.keys(node, CLAIM_KEYS, CLAIM_REQUIRED, what)
        says = self.bilingual(node, "says", f"{what} says", one_line=True)
        date = self.date(node, "date", f"{what} date")
        citation = self.cited(node, what) if "source" in node and "quote" in node else None
        if says is None or citation is None or ("date" in node and date is None):
            return None
        return Claim(says, citation, date)

    def corrections(self, node: YMap, what: str) -> tuple[Correction, ...] | None:
        items = self.sequence(node.get("corrections"), node.values_at.get("corrections", (node.line, node.column)),
                              f"{what} corrections")
        if items is None:
            return None
        built = [self.correction(item, at, f"{what} correction {i}")
                 for i, (item, at) in enumerate(zip(items, items.items_at), 1)]
        # A broken entry (already reported) does not drop the event: its other checks, and the cross-file ones of
        # its other corrections, still run, so every problem is reported at once (the file fails either way).
        return tuple(c for c in built if c is not None)

    def correction(self, node: object, at, what: str) -> Correction | None:
        """One `corrections:` entry: a day it was published, its kind, its bilingual text, perhaps its source.
        Whether it comes after the article it corrects is judged with every file read (not here), so an entry
        with a good date is kept (a bad kind or text already reported) for that check to run too."""
        node = self.mapping(node, at, what)
        if node is None:
            return None
        self.keys(node, CORRECTION_KEYS, CORRECTION_REQUIRED, what, "corrections")
        date = self.date(node, "date", f"{what} date")  # read as an event's, so an interval is named as one
        if date is not None and (wrong := publication_day(date)) is not None:
            self.add(node.values_at["date"], "bad-date", f"{what} date '{shown(str(date))}': {wrong[0]}", wrong[1])
        date = None if date is None or wrong is not None else date.start
        kind = self.choice(node, "kind", CORRECTION_KINDS, f"{what} kind")
        text = self.bilingual(node, "text", f"{what} text", docs="corrections")
        source = node.get("source")
        if source is not None:
            source = self.slug(source, node.values_at["source"], f"{what} source")
            if source is not None:
                self.references.append(("source", source, node.values_at["source"]))
        if date is None or ("source" in node and node.get("source") is not None and source is None):
            return None
        return Correction(date, kind or "correction", text or Text("", ""), source, self.where(at))

    # -- the whole document -------------------------------------------------------------------------------

    def document(self, root: object, root_at: tuple[int, int], first_order: int) -> dict | None:
        if not isinstance(root, YMap):
            self.add(root_at, "not-a-mapping", f"the top level must be a mapping of keys, found {found(root)}",
                     "start with `version: 1`, then title, topics, actors, sources, events")
            return None
        self.keys(root, TOP_KEYS, (), "the file")  # a missing version is its own problem, bad-version
        if "title" in root and root["title"] is None:  # other files may give the title, but not an empty one
            self.add(root.values_at["title"], "missing-key", "'title' has no value", "add `ja:` and `en:` under it")
        if root.get("version") is None:
            if "version" not in self.unread:  # not cut out with a syntax error (load.LoadedFile.cut)
                self.add(root.keys_at.get("version", (root.line, root.column)), "bad-version", "the file has no 'version'",
                         "add `version: 1` as the first line")
        elif root["version"] != VERSION:
            self.add(root.values_at["version"], "bad-version", f"version {found(root['version'])} is not supported",
                     "this timeline reads `version: 1`")
        self.timezone = self.default_zone(root)  # before the events: their times without a zone take it
        events, size = self.events(root, first_order)
        return {
            "title": self.bilingual(root, "title", "the timeline title", one_line=True),
            "title_at": root.keys_at.get("title"),
            "topics": self.registry(root, "topics", self.topic),
            "actors": self.registry(root, "actors", self.actor),
            "sources": self.registry(root, "sources", self.source),
            "events": events,
            "size": size,
        }

    def events(self, root: YMap, first_order: int) -> tuple[list[Event | None], int]:
        """The file's events (None for one that is not valid), numbered from `first_order`, and how many it
        lists; each plainly valid one comes from the fast path (fastpath.py), the others from `event`, which says
        what is wrong."""
        events_node = self.sequence(root.get("events"), root.values_at.get("events", (1, 1)), "'events'") or ()
        events: list[Event | None] = []
        for order, (node, at) in enumerate(zip(events_node, getattr(events_node, "items_at", ())), first_order):
            built = fastpath.plain_event(self, node, order) if fastpath.FAST_PATH and node.__class__ is YMap else None
            if built is not None:
                events.append(built)
                continue
            node = self.mapping(node, at, "an event")
            if node is not None:
                events.append(self.event(node, order))
        return events, len(events_node)
