"""`timeline export sqlite`: the database opened by real Datasette (in-process, its Python API, no network):
facets across the many-to-many tables, Japanese full-text search, the short-word fallback, the metadata."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sqlite3
import urllib.parse

import pytest

from conftest import GOOD

datasette_app = pytest.importorskip("datasette.app")
EXPORT = GOOD / "export.yaml"


@pytest.fixture
def database(run_cli, tmp_path):
    """The export of export.yaml in Japanese: (path of the .db, parsed metadata.json)."""
    path = tmp_path / "timeline.db"
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", path, "--lang", "ja")
    assert result.exit_code == 0, result.stderr
    return path, json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))


def get(database, path: str) -> dict:
    """GET a Datasette JSON page for the exported database, with its metadata, in-process."""
    db_path, metadata = database
    datasette = datasette_app.Datasette([str(db_path)], metadata=metadata)

    async def fetch():
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    # A thread of its own: Playwright's sync API (tests/browser, earlier in the same run) leaves an event loop
    # running in this one, where asyncio.run refuses to start another.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch()).result()


def test_datasette_facets_topics_across_the_many_to_many_table(database):
    page = get(database, "/timeline/events_topics.json?_facet=topics_id&_labels=on&_shape=objects")
    counts = {item["label"]: item["count"] for item in page["facet_results"]["topics_id"]["results"]}
    assert counts == {"関税": 5, "暗号資産": 6}  # labels from topics.name_ja through the foreign key


def test_datasette_filters_events_through_the_many_to_many_table(database):
    through = urllib.parse.quote(json.dumps({"table": "events_topics", "column": "topics_id", "value": "tariffs"}))
    page = get(database, f"/timeline/events.json?_through={through}&_facet=precision&_shape=objects")
    assert {row["id"] for row in page["rows"]} == {"day-event", "month-event", "uncertain-month", "open-end",
                                                   "month-interval"}
    precisions = {item["value"]: item["count"] for item in page["facet_results"]["precision"]["results"]}
    assert precisions == {"month": 3, "day": 2}


@pytest.mark.parametrize(("query", "expected"), [
    ("関税を発表", {"day-event"}),  # Japanese, no spaces: the trigram tokenizer finds it
    ("三日間", {"day-interval"}),
    ("meeting", {"day-interval"}),
])  # fmt: skip
def test_datasette_full_text_search_works_in_japanese(database, query, expected):
    page = get(database, f"/timeline/events.json?_search={urllib.parse.quote(query)}&_shape=objects")
    assert {row["id"] for row in page["rows"]} == expected


def test_quotes_are_searchable_too(database):
    page = get(database, f"/timeline/citations.json?_search={urllib.parse.quote('トランプ氏は関税')}&_shape=objects")
    assert [row["event_id"] for row in page["rows"]] == ["day-event"]


def test_two_character_words_use_the_documented_like_fallback(database):
    # A trigram needs three characters: 関税 alone finds nothing through FTS, the canned query finds it.
    assert get(database, f"/timeline/events.json?_search={urllib.parse.quote('関税')}&_shape=objects")["rows"] == []
    page = get(database, f"/timeline/short_search.json?q={urllib.parse.quote('関税')}&_shape=objects")
    assert [row["id"] for row in page["rows"]] == ["day-event"]


def test_metadata_gives_titles_and_hides_the_search_tables(database):
    page = get(database, "/timeline.json")
    tables = {table["name"]: table for table in page["tables"]}
    assert tables["events_fts"]["hidden"] and not tables["events"]["hidden"]
    assert get(database, "/-/metadata.json")["title"] == "書き出しの試験 <b>太字</b>"


def test_schema_has_foreign_keys_edtf_and_day_bounds(database):
    db = sqlite3.connect(database[0])
    row = db.execute("SELECT date, precision, earliest, latest FROM events WHERE id = 'season-event'").fetchone()
    assert row == ("2025-22", "season", "2025-06-01", "2025-08-31")
    assert db.execute("SELECT earliest, latest FROM events WHERE id = 'open-end'").fetchone() == ("2025-04-01", None)
    keys = {(fk[2], fk[3]) for fk in db.execute("PRAGMA foreign_key_list(events_topics)")}
    assert keys == {("events", "events_id"), ("topics", "topics_id")}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT alias FROM actor_aliases ORDER BY alias").fetchall() == [("Trump",), ("トランプ",)]
    claims = db.execute("SELECT says_en, claim_date FROM citations WHERE dispute_id IS NOT NULL ORDER BY id").fetchall()
    assert claims == [("January 23", "2025-01-23"), ("January 24", "2025-01-24")]


def test_hostile_text_is_stored_as_typed(database):
    db = sqlite3.connect(database[0])
    title = db.execute("SELECT title_en FROM events WHERE id = 'day-event'").fetchone()[0]
    assert title == "Trump: tariffs; <script>alert(1)</script> #hashtag %% not a comment"


def test_metadata_path_can_be_chosen(run_cli, tmp_path):
    chosen = tmp_path / "meta" / "datasette.json"
    chosen.parent.mkdir()
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", tmp_path / "x.db", "--metadata", chosen)
    assert result.exit_code == 0, result.stderr
    assert "x" in json.loads(chosen.read_text())["databases"] and not (tmp_path / "metadata.json").exists()


def test_the_metadata_credits_the_sources_not_one_outlet(run_cli, tmp_path):
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", tmp_path / "t.db")
    assert result.exit_code == 0, result.stderr
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["source"] == "2 news articles, listed in the sources table"
    assert not {"source_url", "license", "license_url", "about", "about_url"} & set(metadata)  # the data has none


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_an_existing_metadata_json_beside_the_database_needs_force(run_cli, tmp_path, force):
    mine = tmp_path / "metadata.json"
    mine.write_text('{"title": "my own"}\n')
    result = run_cli("export", "sqlite", "-f", EXPORT, "-o", tmp_path / "t.db", *force)
    if force:
        assert result.exit_code == 0, result.stderr
        assert "t" in json.loads(mine.read_text())["databases"]
    else:  # refused before anything is written: no database without its metadata
        assert result.exit_code == 2 and "metadata.json: exists already" in result.stderr and "--force" in result.stderr
        assert mine.read_text() == '{"title": "my own"}\n' and not (tmp_path / "t.db").exists()


@pytest.mark.parametrize("metadata", ["input", "database", "read-only"])
def test_the_metadata_file_follows_the_output_rules_before_anything_is_written(run_cli, tmp_path, metadata):
    data = tmp_path / "events.yaml"
    data.write_bytes(EXPORT.read_bytes())
    database_path, read_only = tmp_path / "t.db", tmp_path / "meta.json"
    read_only.write_text("{}\n")
    read_only.chmod(0o444)
    chosen = {"input": data, "database": database_path, "read-only": read_only}[metadata]
    result = run_cli("export", "sqlite", "-f", data, "-o", database_path, "--metadata", chosen)
    assert result.exit_code == 2, result.stderr
    assert not database_path.exists() and data.read_bytes() == EXPORT.read_bytes() and read_only.read_text() == "{}\n"
