"""Corrections readers can see: every output shows an event's corrections after the entry, labelled with their kind
and date, in both languages, through the real CLI over tests/data/good/corrections.yaml (a correction naming its
source, a clarification with markup-like text, an update). The chronology and the page also say "Updated <date>"
with a list of the corrections linking to their entries.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from conftest import GOOD
from test_html import parse
from test_render_markdown import gfm_parser

FILE = GOOD / "corrections.yaml"
HOSTILE = "This entry now says the order revoked the previous administration's order. <b>|*x*"

NOTICES = {
    "en": ["Correction (Feb. 3, 2025): An earlier version of this chronology misstated the date of the inauguration. "
           "It was Jan. 20, not Jan. 22.",
           f"Clarification (March 1, 2025): {HOSTILE}",
           "Update (March 5, 2025): The agencies have since published guidance."],
    "ja": ["訂正（2025年2月3日）：この年表の以前の版で就任日を1月22日としていたのは、1月20日の誤りでした。",
           "補足（2025年3月1日）：大統領令が前政権の命令を撤回したことを補足しました。<b>",
           "更新（2025年3月5日）：関係機関が指針を公表しました。"],
}
UPDATED = {"en": "Updated March 5, 2025", "ja": "2025年3月5日更新"}
LIST_HEADING = {"en": "Corrections and updates", "ja": "訂正・補足・更新"}


def out(run_cli, *args) -> str:
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&lt;", "<").replace("&gt;", ">").replace(
        "&#39;", "'").replace("&quot;", '"').replace("&amp;", "&")


# -- the Markdown chronology --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_chronology_shows_each_notice_after_its_entry_and_the_updated_list(run_cli, lang):
    markdown = out(run_cli, "chronology", "-f", FILE, "--lang", lang)
    html = gfm_parser().render(markdown)
    shown = text_of(html)
    for notice in NOTICES[lang]:
        assert notice in shown  # markup-like text (`<b>|*x*`) comes out as typed
    assert "<b>" not in html.replace("<b>|", "")  # never an element
    # after its own entry, before the next one
    first, second = shown.index("Jan. 20, 2025" if lang == "en" else "2025年1月20日"), shown.index(NOTICES[lang][0])
    assert first < second < shown.index(NOTICES[lang][1])
    # the header: Updated, then the list, newest first, each linking to an anchor the entry carries
    assert shown.index(UPDATED[lang]) < shown.index(LIST_HEADING[lang]) < first
    links = re.findall(r'<a href="#(event-[a-z-]+)">', html)
    assert links == ["event-order-signed", "event-order-signed", "event-trump-inauguration"]
    assert {f'<a id="{target}"></a>' in html for target in links} == {True}


# -- the web page -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, other", [("en", "ja"), ("ja", "en")])
def test_the_page_shows_notices_in_both_languages_and_links_the_list_to_the_entries(run_cli, lang, other):
    root = parse(out(run_cli, "html", "-f", FILE, "--lang", lang))
    article = root.one("article", id="event-order-signed")
    notices = article.all("p", cls="tl-correction")
    assert [n.text() for n in notices] == NOTICES[lang][1:]
    assert [n.text(visible=False) for n in notices][0].count("March 1, 2025") == 1
    assert [t.attrs["datetime"] for t in notices[0].all("time")] == ["2025-03-01", "2025-03-01"]  # ja and en
    assert root.one(cls="tl-updated").text() == UPDATED[lang]
    items = root.one(cls="tl-corrections-list").all("li")
    assert [item.one("a").attrs["href"] for item in items] == ["#event-order-signed", "#event-order-signed",
                                                              "#event-trump-inauguration"]
    for item in items:
        assert root.all("article", id=item.one("a").attrs["href"][1:])  # each leads to its entry
    assert not root.all("b") and not root.all("img")  # the data's markup stayed text


# -- the source that prompted a notice: a footnote, numbered as every other one ----------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_notice_cites_the_article_that_prompted_it_in_the_chronology_and_the_page(run_cli, lang):
    markdown = out(run_cli, "chronology", "-f", FILE, "--lang", lang)
    notice = next(line for line in markdown.splitlines() if ("Correction**" if lang == "en" else "訂正**") in line)
    assert notice.endswith("[^2]")  # after the summary's [^1]: the shared walk's order
    definition = next(line for line in markdown.splitlines() if line.startswith("[^2]:"))
    assert "Inauguration date confirmed" in definition
    root = parse(out(run_cli, "html", "-f", FILE, "--lang", lang))
    first = root.one("article", id="event-trump-inauguration").one("p", cls="tl-correction")
    assert [a.attrs["href"] for a in first.all("a", cls="tl-fnref")] == ["#fn-2"]
    assert "Inauguration date confirmed" in root.one(id="fn-2").text(visible=False)
    later = root.one("article", id="event-order-signed").all("p", cls="tl-correction")
    assert [n.all("a", cls="tl-fnref") for n in later] == [[], []]  # they name no source: no mark


@pytest.mark.parametrize("command", ["chronology", "html"])
def test_the_count_of_sources_said_is_the_count_the_footnotes_list(run_cli, tmp_path, command):
    """`chronology: 2 event(s), 2 source(s)`: the article only a correction's notice cites is one of the sources
    listed (it was left out of the count, which then disagreed with the footnotes)."""
    result = run_cli(command, "-f", FILE, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "out").read_text(encoding="utf-8")
    listed = len(re.findall(r"^\[\^\d+\]:" if command == "chronology" else r'<li id="fn-\d+"', written, flags=re.M))
    assert listed == 2
    assert result.stderr == f"{command}: wrote {tmp_path / 'out'} (2 event(s), {listed} source(s))\n"


# -- show and list ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [("en", "Correction (Feb. 3, 2025)"), ("ja", "訂正（2025年2月3日）")])
def test_show_has_a_corrections_row_with_both_languages_and_the_source(run_cli, lang, text):
    shown = out(run_cli, "show", "trump-inauguration", "-f", FILE, "--lang", lang)
    assert re.search(rf"^{LIST_HEADING[lang]}\s+{re.escape(text)}", shown, re.M)  # the chronology's own heading
    assert "example-2025-02-03" in shown
    flat = " ".join(shown.split())
    assert "It was Jan. 20, not Jan. 22." in flat and "1月20日の誤りでした。" in flat.replace(" ", "")


@pytest.mark.parametrize("lang, marks", [
    ("en", ["(corrected Feb. 3, 2025)", "(updated March 5, 2025; 2 notices)"]),
    ("ja", ["（2025年2月3日訂正）", "（2025年3月5日更新、計2件）"]),
])
def test_list_marks_a_corrected_event_with_its_newest_notice_and_how_many(run_cli, lang, marks):
    """A later update does not hide an earlier clarification: the mark says how many notices there are."""
    listed = out(run_cli, "list", "-f", FILE, "--lang", lang)
    lines = [line for line in listed.splitlines() if "trump-inauguration" in line or "order-signed" in line]
    assert [mark in line for mark, line in zip(marks, lines)] == [True, True]


# -- JSON and CSV -------------------------------------------------------------------------------------------------

def test_json_carries_every_correction_with_both_languages_and_its_notice(run_cli):
    document = json.loads(out(run_cli, "list", "-f", FILE, "--format", "json", "--lang", "ja"))
    corrections = {event["id"]: event["corrections"] for event in document["events"]}
    first = corrections["trump-inauguration"][0]
    assert (first["kind"], first["date"]["text"], first["source"]) == ("correction", "2025-02-03", "example-2025-02-03")
    assert first["text"]["en"].startswith("An earlier version") and first["text"]["ja"].endswith("誤りでした。")
    assert [c["notice"] for c in corrections["order-signed"]] == NOTICES["ja"][1:]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_csv_ends_each_row_with_the_notices_one_a_line(run_cli, lang):
    rows = list(csv.DictReader(io.StringIO(out(run_cli, "list", "-f", FILE, "--format", "csv", "--lang", lang))))
    assert list(rows[0])[-1] == "corrections"
    assert [row["corrections"].split("\n") for row in rows] == [NOTICES[lang][:1], NOTICES[lang][1:]]


# -- exports ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
def test_ics_descriptions_end_with_the_notices(run_cli, tmp_path, lang):
    icalendar = pytest.importorskip("icalendar")
    path = tmp_path / "cal.ics"
    out(run_cli, "export", "ics", "-f", FILE, "-o", path, "--lang", lang)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    descriptions = {str(e["UID"]).split("@")[0]: str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")}
    assert NOTICES[lang][0] in descriptions["trump-inauguration"]
    assert all(notice in descriptions["order-signed"] for notice in NOTICES[lang][1:])


def test_timelinejs_slides_say_the_notices_as_escaped_text(run_cli, tmp_path):
    path = tmp_path / "timeline.json"
    out(run_cli, "export", "timelinejs", "-f", FILE, "-o", path)
    slides = {s["unique_id"]: s["text"]["text"] for s in json.loads(path.read_text(encoding="utf-8"))["events"]}
    assert "<p>Clarification (March 1, 2025): This entry now says the order revoked the previous " \
           "administration&#x27;s order. &lt;b&gt;|*x*</p>" in slides["order-signed"]


def test_sqlite_has_a_corrections_table_linked_to_events_and_sources(run_cli, tmp_path):
    path = tmp_path / "timeline.db"
    out(run_cli, "export", "sqlite", "-f", FILE, "-o", path, "--lang", "ja")
    with sqlite3.connect(path) as db:
        keys = {(row[3], row[2], row[4]) for row in db.execute("PRAGMA foreign_key_list(corrections)")}
        assert keys == {("event_id", "events", "id"), ("source_id", "sources", "id")}
        query = "SELECT event_id, date, kind, text_en, source_id, notice FROM corrections ORDER BY id"
        rows = db.execute(query).fetchall()
        assert [row[:3] for row in rows] == [("trump-inauguration", "2025-02-03", "correction"),
                                            ("order-signed", "2025-03-01", "clarification"),
                                            ("order-signed", "2025-03-05", "update")]
        assert rows[1][3] == HOSTILE and rows[0][4] == "example-2025-02-03"
        assert [row[5] for row in rows] == NOTICES["ja"]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_datasette_facets_corrections_by_kind_and_labels_their_events(run_cli, tmp_path):
    pytest.importorskip("datasette.app")
    from test_export_sqlite import get

    path = tmp_path / "timeline.db"
    out(run_cli, "export", "sqlite", "-f", FILE, "-o", path)
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    page = get((path, metadata), "/timeline/corrections.json?_shape=objects&_labels=on")  # facets from the metadata
    facets = {item["value"]: item["count"] for item in page["facet_results"]["kind"]["results"]}
    assert facets == {"correction": 1, "clarification": 1, "update": 1}
    linked = [row["event_id"]["value"] for row in page["rows"]]  # the foreign key, expanded by Datasette
    assert sorted(linked) == ["order-signed", "order-signed", "trump-inauguration"]


@pytest.mark.parametrize("lang, mark", [("en", "(corrected Feb. 3, 2025)"), ("ja", "（2025年2月3日訂正）")])
def test_mermaid_says_an_entry_was_corrected_and_reports_the_text_as_lost(run_cli, lang, mark):
    result = run_cli("export", "mermaid", "-f", FILE, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    entry = next(line for line in result.stdout.splitlines() if "47" in line)
    assert entry.endswith(mark.replace(":", "#58;"))
    assert "cannot hold the corrections' text" in result.stderr and "trump-inauguration, order-signed" in result.stderr


def test_a_real_process_writes_the_corrected_chronology_to_a_file(run_subprocess, tmp_path):
    path = tmp_path / "chronology-ja.md"
    done = run_subprocess("chronology", "-f", FILE, "--lang", "ja", "-o", path)
    assert done.returncode == 0, done.stderr
    written = path.read_text(encoding="utf-8")
    assert "2025年3月5日更新" in written and "**訂正**（2025年2月3日）：この年表の以前の版で" in written
