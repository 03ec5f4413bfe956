"""`timeline export timelinejs` and `timelinejs-csv`: dates at their precision, HTML escaping, the sheet's exact
18 columns. The JSON is also loaded into the real TimelineJS in tests/browser/test_timelinejs_export.py."""

from __future__ import annotations

import csv
import html
import io
import json

import pytest

from conftest import GOOD
from timeline.interchange.timelinejs import SHEET_COLUMNS

EXPORT = GOOD / "export.yaml"


def slides(run_cli, *args) -> dict[str, dict]:
    result = run_cli("export", "timelinejs", "-f", EXPORT, *args)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    return {"title": document["title"], **{slide["unique_id"]: slide for slide in document["events"]}}


def sheet(run_cli, *args) -> list[dict[str, str]]:
    result = run_cli("export", "timelinejs-csv", "-f", EXPORT, *args)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize(("event_id", "start", "end"), [
    ("day-event", {"year": 2025, "month": 1, "day": 20}, None),
    ("day-interval", {"year": 2025, "month": 1, "day": 20}, {"year": 2025, "month": 1, "day": 22}),
    ("month-event", {"year": 2025, "month": 2}, None),  # never an invented day
    ("season-event", {"year": 2025}, None),
    ("year-event", {"year": 2024}, None),
    ("open-start", {"year": 2025, "month": 1, "day": 19}, None),
    ("open-end", {"year": 2025, "month": 4, "day": 1}, None),
    ("month-interval", {"year": 2025, "month": 5}, {"year": 2025, "month": 6}),
])  # fmt: skip
def test_dates_hold_only_the_parts_we_know(run_cli, event_id, start, end):
    slide = slides(run_cli)[event_id]
    assert slide["start_date"] == start
    assert slide.get("end_date") == end


@pytest.mark.parametrize(("event_id", "lang", "display"), [
    ("season-event", "en", "Summer 2025"),
    ("season-event", "ja", "2025年夏"),
    ("approximate-day", "en", "c. Jan. 23, 2025"),
    ("uncertain-month", "en", "March 2025?"),
    ("open-start", "en", "until Jan. 19, 2025"),
    ("open-end", "en", "from April 1, 2025"),
    ("day-event", "en", None),  # TimelineJS formats an exact date itself
])  # fmt: skip
def test_display_date_says_what_the_parts_cannot(run_cli, event_id, lang, display):
    assert slides(run_cli, "--lang", lang)[event_id].get("display_date") == display


def test_id_group_and_title_slide(run_cli):
    by_id = slides(run_cli)
    assert by_id["day-event"]["group"] == "Tariffs"  # the first topic
    assert by_id["title"]["text"]["headline"] == html.escape("Export test: <b>bold</b> & #1; 100%")


@pytest.mark.parametrize(("args", "text"), [
    ([], "10 events · as of Dec. 1, 2025"),
    (["--lang", "ja"], "出来事10件・2025年12月1日時点"),
    (["--search", "three-day"], "1 event · as of Jan. 27, 2025"),  # as of the newest source it cites
])  # fmt: skip
def test_the_title_slide_counts_as_readers_write_it(run_cli, args, text):
    assert slides(run_cli, *args)["title"]["text"]["text"] == text


def test_headline_and_text_are_escaped_html_with_sources_as_links(run_cli):
    slide = slides(run_cli)["day-event"]
    assert slide["text"]["headline"] == html.escape("Trump: tariffs; <script>alert(1)</script> #hashtag %% not a comment")
    text = slide["text"]["text"]
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert '<a href="https://example.com/article?a=1&amp;b=2" target="_blank" rel="noopener">' in text
    assert "Example &lt;News&gt;: 関税政策の発表 &quot;quoted&quot; &amp; &lt;script&gt;" in text


def test_a_quote_in_a_url_cannot_leave_the_attribute(run_cli):
    text = slides(run_cli)["approximate-day"]["text"]["text"]
    assert 'href="https://example.org/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in text


def test_disputes_are_in_words(run_cli):
    assert ("Sources differ on the date: Example &lt;News&gt; says January 23; Other Paper says January 24."
            in slides(run_cli)["approximate-day"]["text"]["text"])


def test_the_sheet_has_exactly_the_18_template_columns(run_cli):
    result = run_cli("export", "timelinejs-csv", "-f", EXPORT)
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header == list(SHEET_COLUMNS) and len(header) == 18
    assert header[:4] == ["Year", "Month", "Day", "Time"] and header[-3:] == ["Type", "Group", "Background"]


def test_the_sheet_has_a_title_row_then_the_parts_we_know(run_cli):
    rows = sheet(run_cli)
    assert rows[0]["Type"] == "title" and rows[0]["Year"] == ""
    by_headline = {row["Headline"]: row for row in rows[1:]}
    month = by_headline["A February event"]
    assert (month["Year"], month["Month"], month["Day"], month["End Year"]) == ("2025", "2", "", "")
    interval = by_headline["May to June"]
    assert (interval["End Year"], interval["End Month"], interval["End Day"]) == ("2025", "6", "")
    assert by_headline["A summer event"]["Display Date"] == "Summer 2025"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_cell_never_starts_a_spreadsheet_formula(run_cli, tmp_path, start):
    hostile = tmp_path / "formula.yaml"
    typed = f'{start}HYPERLINK("http://evil.example")'
    hostile.write_text(EXPORT.read_text(encoding="utf-8").replace("en: A February event", f"en: '{typed}'"),
                       encoding="utf-8")
    result = run_cli("export", "timelinejs-csv", "-f", hostile)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
    # TimelineJS reads the cell as HTML, where the entity is the character itself: the headline reads as typed
    cell = next(row["Headline"] for row in rows if "HYPERLINK" in row["Headline"])
    assert html.unescape(cell) == typed


def test_the_title_slide_id_never_takes_an_event_id(run_cli, tmp_path):
    path = tmp_path / "title.yaml"
    path.write_text(EXPORT.read_text(encoding="utf-8").replace("id: day-event", "id: title"), encoding="utf-8")
    document = json.loads(run_cli("export", "timelinejs", "-f", path).stdout)
    ids = [document["title"]["unique_id"]] + [slide["unique_id"] for slide in document["events"]]
    assert document["title"]["unique_id"] == "title-2" and len(ids) == len(set(ids))
