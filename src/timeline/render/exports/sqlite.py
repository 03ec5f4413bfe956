"""SQLite for Datasette, with the standard library's sqlite3 (`timeline docs export`).

Built in memory and returned as bytes (`Connection.serialize`), so the renderer stays pure and the CLI writes
the file atomically through fileio. Tables and many-to-many names follow sqlite-utils (`events_topics`,
`actors_events`, columns `<table>_id`) with foreign keys, so Datasette offers facets across them. Full-text
search is FTS5 with the trigram tokenizer (works for Japanese, which has no spaces); a trigram needs three
characters, so a two-character word (関税) is searched with LIKE: the canned query `short_search`.
Both languages go into the database: the language option picks only the metadata's words.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from ...model import Correction, Event, Timeline
from ..corrections import notice
from ..dates import format_date
from ..times import moment
from .losses import Exported, Loss, moment_loss, moment_outside

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE topics (id TEXT PRIMARY KEY, name_en TEXT, name_ja TEXT);
CREATE TABLE actors (id TEXT PRIMARY KEY, name_en TEXT, name_ja TEXT, kind TEXT);
CREATE TABLE actor_aliases (id INTEGER PRIMARY KEY, actor_id TEXT NOT NULL REFERENCES actors(id), alias TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, publisher TEXT, title TEXT, published TEXT, language TEXT, url TEXT,
                      archive TEXT, author TEXT);
CREATE TABLE events (id TEXT PRIMARY KEY, position INTEGER, date TEXT, date_display TEXT, precision TEXT,
                     earliest TEXT, latest TEXT, approximate INTEGER, uncertain INTEGER, status TEXT,
                     title_en TEXT, title_ja TEXT, summary_en TEXT, summary_ja TEXT, notes_en TEXT, notes_ja TEXT,
                     instant TEXT, zone TEXT);
CREATE TABLE disputes (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id), about TEXT,
                       note_en TEXT, note_ja TEXT);
CREATE TABLE citations (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id),
                        source_id TEXT REFERENCES sources(id), quote TEXT,
                        dispute_id INTEGER REFERENCES disputes(id), says_en TEXT, says_ja TEXT, claim_date TEXT);
CREATE TABLE corrections (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id), date TEXT,
                          date_display TEXT, earliest TEXT, kind TEXT, text_en TEXT, text_ja TEXT,
                          source_id TEXT REFERENCES sources(id), notice TEXT);
CREATE TABLE events_topics (events_id TEXT NOT NULL REFERENCES events(id),
                            topics_id TEXT NOT NULL REFERENCES topics(id), PRIMARY KEY (events_id, topics_id));
CREATE TABLE actors_events (actors_id TEXT NOT NULL REFERENCES actors(id),
                            events_id TEXT NOT NULL REFERENCES events(id), PRIMARY KEY (actors_id, events_id));
CREATE INDEX citations_event ON citations(event_id);
CREATE INDEX citations_source ON citations(source_id);
CREATE INDEX corrections_event ON corrections(event_id);
CREATE INDEX events_earliest ON events(earliest);
CREATE INDEX events_topics_topic ON events_topics(topics_id);
CREATE INDEX actors_events_event ON actors_events(events_id);
CREATE VIRTUAL TABLE events_fts USING fts5(title_en, title_ja, summary_en, summary_ja, content="events",
                                          tokenize="trigram");
CREATE VIRTUAL TABLE citations_fts USING fts5(quote, content="citations", tokenize="trigram");
"""
_FILL_FTS = """
INSERT INTO events_fts (rowid, title_en, title_ja, summary_en, summary_ja)
    SELECT rowid, title_en, title_ja, summary_en, summary_ja FROM events;
INSERT INTO citations_fts (rowid, quote) SELECT rowid, quote FROM citations;
"""
# Trigram FTS cannot match fewer than three characters; this canned query is the documented fallback.
SHORT_SEARCH = """select id, date, title_en, title_ja from events
where title_ja like '%' || :q || '%' or summary_ja like '%' || :q || '%'
   or title_en like '%' || :q || '%' or summary_en like '%' || :q || '%'
   or id in (select event_id from citations where quote like '%' || :q || '%')
order by position"""


def _registries(db: sqlite3.Connection, timeline: Timeline) -> None:
    db.executemany("INSERT INTO topics VALUES (?, ?, ?)", [(t.id, t.name.en, t.name.ja) for t in timeline.topics.values()])
    db.executemany("INSERT INTO actors VALUES (?, ?, ?, ?)",
                   [(a.id, a.name.en, a.name.ja, a.kind) for a in timeline.actors.values()])
    db.executemany("INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?)",
                   [(a.id, alias) for a in timeline.actors.values() for alias in a.aliases])
    db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(s.id, s.publisher, s.title, str(s.published), s.language, s.url, s.archive, s.author)
                    for s in timeline.sources.values()])


def _event_row(position: int, event: Event, lang: str) -> tuple:
    date = event.date
    return (event.id, position, str(date), format_date(date, lang), date.precision.name.lower(),
            date.earliest.isoformat() if date.earliest else None, date.latest.isoformat() if date.latest else None,
            int(date.approximate), int(date.uncertain), event.status, event.title.en, event.title.ja,
            event.summary.en, event.summary.ja, event.notes.en if event.notes else None,
            event.notes.ja if event.notes else None, *moment(date))


def _correction_row(event_id: str, correction: Correction, lang: str) -> tuple:
    """A correction, clarification or update; `notice` is its labelled text in `lang`, as the chronology shows it."""
    date = correction.date
    return (event_id, str(date), format_date(date, lang), date.earliest.isoformat() if date.earliest else None,
            correction.kind, correction.text.en, correction.text.ja, correction.source, notice(correction, lang))


def _events(db: sqlite3.Connection, events: Sequence[Event], lang: str) -> None:
    """Every event with its citations, disputes and links, one executemany per table (100k events stay fast)."""
    rows, citations, disputes, claims, topics, actors, corrections = [], [], [], [], [], [], []
    for position, event in enumerate(events):
        rows.append(_event_row(position, event, lang))
        citations += [(event.id, c.source, c.quote) for c in event.citations]
        for dispute in event.disputes:
            dispute_id, note = len(disputes) + 1, dispute.note
            disputes.append((dispute_id, event.id, dispute.about, note.en if note else None, note.ja if note else None))
            claims += [(event.id, c.citation.source, c.citation.quote, dispute_id, c.says.en, c.says.ja,
                        str(c.date) if c.date else None) for c in dispute.claims]
        corrections += [_correction_row(event.id, c, lang) for c in event.corrections]
        topics += [(event.id, topic) for topic in dict.fromkeys(event.topics)]
        actors += [(actor, event.id) for actor in dict.fromkeys(event.actors)]
    db.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 18)})", rows)
    db.executemany("INSERT INTO citations (event_id, source_id, quote) VALUES (?, ?, ?)", citations)
    db.executemany("INSERT INTO disputes VALUES (?, ?, ?, ?, ?)", disputes)
    db.executemany("INSERT INTO citations (event_id, source_id, quote, dispute_id, says_en, says_ja, claim_date) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", claims)
    db.executemany("INSERT INTO corrections (event_id, date, date_display, earliest, kind, text_en, text_ja, "
                   "source_id, notice) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", corrections)
    db.executemany("INSERT INTO events_topics VALUES (?, ?)", topics)
    db.executemany("INSERT INTO actors_events VALUES (?, ?)", actors)


def _year_losses(events: Sequence[Event]) -> tuple[Loss, ...]:
    """SQLite's date functions read the years 0000 to 9999: a bound beyond them is kept in ISO 8601's expanded form
    (-0499-01-01, +170000002-12-31), which they do not read and which does not sort as a date."""
    return tuple(Loss(event.id, "earliest/latest beyond 0000-9999 kept as ISO 8601 expanded years (-0499-01-01): "
                                "SQLite's date functions do not read them and text order is not date order; "
                                "order by position")
                 for event in events
                 if any(day is not None and not 0 <= day.year <= 9999 for day in (event.date.earliest, event.date.latest)))


def render_sqlite(timeline: Timeline, events: Sequence[Event], lang: str) -> Exported:
    """The database as bytes: every registry entry, the selected events, their citations and disputes."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        with db:
            _registries(db, timeline)
            _events(db, events, lang)
            db.executescript(_FILL_FTS)
        db.execute("VACUUM")  # compact, and the same data gives the same bytes
        moments = tuple(moment_loss(event.id, "instant left empty (NULL), the date and zone as written kept")
                        for event in events if moment_outside(event))
        return Exported(db.serialize(), _year_losses(events) + moments)
    finally:
        db.close()


def _sources_credit(timeline: Timeline, lang: str) -> str:
    """Datasette's database-level `source`: how many articles and where they are listed (every outlet is credited
    in the `sources` table, so no single one is named for the whole database)."""
    count = len(timeline.sources)
    if lang == "ja":
        return f"報道記事{count}件（一覧は sources テーブル）"
    articles = "1 news article" if count == 1 else f"{count} news articles"
    return f"{articles}, listed in the sources table"


def datasette_metadata(timeline: Timeline, database: str, lang: str) -> dict:
    """metadata.json for Datasette 0.x: titles, descriptions, the sources credited as a whole, facets and the
    short-word search."""
    tables = {
        "events": {"description": "One row per event; date is EDTF, earliest/latest the days it may cover; "
                   "instant (UTC, ISO 8601) and zone (as written) for a date with a time of day.",
                   "sort": "position", "facets": ["precision", "status"], "searchmode": "raw",
                   "fts_table": "events_fts"},
        "citations": {"description": "Verbatim quotes; a dispute's claims have dispute_id.", "fts_table": "citations_fts"},
        "corrections": {"description": "Corrections, clarifications and updates published after an event was first "
                                       "reported; event_id links to the event, source_id to the article that "
                                       "prompted it.", "sort_desc": "date", "facets": ["kind"]},
        "events_topics": {"description": "Which events are under which topic (many-to-many)."},
        "actors_events": {"description": "Which actors each event names (many-to-many)."},
        "sources": {"description": "The articles cited; url links to each.", "label_column": "publisher"},
        "topics": {"label_column": f"name_{'ja' if lang == 'ja' else 'en'}"},
        "actors": {"label_column": f"name_{'ja' if lang == 'ja' else 'en'}"},
    }
    for hidden in ("events_fts", "citations_fts"):
        tables[hidden] = {"hidden": True}
    return {
        "title": timeline.title.get(lang),
        "description": "Exported by `timeline export sqlite`; search works in Japanese for three or more characters "
                       "(the short_search query finds shorter words).",
        "source": _sources_credit(timeline, lang),  # the sources, not one outlet; no license or about: we have none
        "databases": {database: {"tables": tables, "queries": {
            "short_search": {"sql": SHORT_SEARCH, "title": "Search for a word of one or two characters (LIKE)"}}}},
    }


def render_metadata(timeline: Timeline, database: str, lang: str) -> bytes:
    """`datasette_metadata` as JSON bytes."""
    return (json.dumps(datasette_metadata(timeline, database, lang), ensure_ascii=False, indent=2) + "\n").encode()
