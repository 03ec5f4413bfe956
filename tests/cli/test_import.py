"""`timeline import`: TimelineJS sheets (Knight Lab's template, a messy sheet, a legacy sheet), TimelineJS JSON and
generic CSV into canonical event files whose only validate problems are the missing citations."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from conftest import DATA, REPO, subprocess_environment

from timeline.interchange.htmltext import reduce_html
from timeline.interchange.timelinejs import EXTRA_COLUMNS, SHEET_COLUMNS

IMPORT = DATA / "import"


def _validate_codes(run_cli, path) -> set[str]:
    result = run_cli("validate", "--format", "json", path)
    return {problem["code"] for problem in json.loads(result.stdout)["problems"]}


def _events(path) -> dict[str, dict]:
    return {event["id"]: event for event in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]}


@pytest.mark.parametrize("sheet", ["knightlab-template.csv", "messy-sheet.csv", "legacy-sheet.csv"])
def test_an_imported_sheet_is_canonical_and_lacks_only_citations(run_cli, tmp_path, sheet):
    out = tmp_path / "events.yaml"
    result = run_cli("import", "timelinejs-csv", IMPORT / sheet, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert _validate_codes(run_cli, out) == {"no-citations"}
    assert "import" in result.stderr and "event(s)" in result.stderr


def test_knight_lab_template_header_is_the_spec(run_cli, tmp_path):
    header = (IMPORT / "knightlab-template.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == (*SHEET_COLUMNS, *EXTRA_COLUMNS)
    out = tmp_path / "events.yaml"
    run_cli("import", "timelinejs-csv", IMPORT / "knightlab-template.csv", "-o", out)
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document["title"] == {"ja": "Crypto policy in 2025", "en": "Crypto policy in 2025"}
    dates = {event["id"]: str(event["date"]) for event in document["events"]}
    assert dates == {"2025-01-20-trump-sworn-in": "2025-01-20",
                     "2025-01-23-executive-order-on-digital-assets": "2025-01-23",
                     "2025-03-to-2025-05-stablecoin-bill-advances": "2025-03/2025-05",
                     "2025-agencies-review-ai-rules": "2025"}
    assert set(document["topics"]) == {"administration", "crypto-policy", "ai-policy"}
    order = _events(out)["2025-01-23-executive-order-on-digital-assets"]
    assert order["summary"]["en"] == "Signed in the Oval Office. Text"
    assert "https://www.whitehouse.gov/presidential-actions/" in order["notes"]["en"]


def test_messy_sheet_quirks_are_read_and_reported(run_cli, tmp_path):
    out = tmp_path / "events.yaml"
    result = run_cli("import", "timelinejs-csv", IMPORT / "messy-sheet.csv", "-o", out)
    assert result.exit_code == 0, result.stderr
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document["title"]["en"] == "Our timeline & more"
    events = _events(out)
    dates = {event_id: str(event["date"]) for event_id, event in events.items()}
    assert dates["1850-company-founded"] == "1850~"
    assert dates["2025-06-deal-reported"] == "2025-06?"
    assert dates["2025-22-summer-slowdown"] == "2025-22"
    assert "2025-01-20-trump-sworn-in" in events and "2025-01-20-trump-sworn-in-2" in events
    japanese = next(event for event in events.values() if event["title"]["ja"] == "日本で発表")
    assert str(japanese["date"]) == "2025~" and "2025年頃" in japanese["notes"]["ja"]
    assert events["1850-company-founded"]["summary"]["en"] == "Founded in a small shop.\nRecords are thin."
    assert "c. 1850" in events["1850-company-founded"]["notes"]["en"]
    stderr = result.stderr
    for expected in ("messy-sheet.csv:4:9: warning[import-qualified-date]", "messy-sheet.csv:9:4: warning[import-dropped]",
                     "Media: 2 cell(s) left out", "Background: 1 cell(s)", "Notes from intern: 1 cell(s)",
                     "an era row is left out", "javascript:alert(1)", "id '2025-01-20-trump-sworn-in-2'",
                     "no group: topic 'uncategorized' (lines 9, 10)"):
        assert expected in stderr, expected


def test_hostile_text_stays_text(run_cli, tmp_path):
    out = tmp_path / "events.yaml"
    run_cli("import", "timelinejs-csv", IMPORT / "messy-sheet.csv", "-o", out)
    event = _events(out)["2025-02-01-headline-with-pipe-bold-tick"]
    assert event["title"]["en"] == "Headline with | pipe [bold] & `tick`"  # the script element is no text
    assert event["summary"]["en"] == "Text: with # hash\nand a second line"


@pytest.mark.parametrize("cells, code, where", [
    ("2025,13,1,Bad month", "import-bad-date", ":2:2:"),
    ("2025,2,30,Impossible day", "import-bad-date", ":2:3:"),
    ("2025,May,1,Month as a name", "import-bad-date", ":2:2:"),
    (",,,No year", "import-bad-date", ":2:1:"),
    ("2025,,5,Day without month", "import-bad-date", ":2:1:"),
])
def test_a_row_that_cannot_be_dated_stops_the_import(run_cli, tmp_path, cells, code, where):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"Year,Month,Day,Headline\n{cells}\n", encoding="utf-8")
    result = run_cli("import", "timelinejs-csv", sheet, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert f"sheet.csv{where} error[{code}]" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("fmt, name, content, said", [
    ("timelinejs-csv", "sheet.csv", "Year,Month,Day,Headline\n2025,2,30,Impossible day\n",
     "sheet.csv:2:3: error[import-bad-date]: Day '30': February 2025 has 28 days"),
    ("timelinejs-csv", "sheet.csv", "Headline,Year,Month,Day\nLeap day,2023,2,29\n",
     "sheet.csv:2:4: error[import-bad-date]: Day '29': February 2023 has 28 days"),
    ("timelinejs-csv", "sheet.csv", "Headline,Year,Month\nBad month,2025,13\n",
     "sheet.csv:2:3: error[import-bad-date]: Month '13' is not a month"),
    ("timelinejs", "timeline.json", '{"events": [{"start_date": {"year": 2025, "month": 4, "day": 31}, '
     '"text": {"headline": "x"}}]}', "events[0].start_date.day '31': April 2025 has 30 days"),
])
def test_an_impossible_date_names_the_cell_that_is_wrong_and_why(run_cli, tmp_path, fmt, name, content, said):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    result = run_cli("import", fmt, source)
    assert result.exit_code == 1
    assert said in result.stderr, result.stderr


def test_left_out_media_are_reported_at_the_first_row_that_had_them(run_cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Year,Headline,Text,Media,Media Credit,Background\n2025,One,Text,,,\n"
                     "2025,Two,Text,https://m.example/a.png,AP,\n2025,Three,Text,https://m.example/b.png,,#fff\n",
                     encoding="utf-8")
    result = run_cli("import", "timelinejs-csv", sheet)
    assert result.exit_code == 0, result.stderr
    for expected in ("sheet.csv:3:4: warning[import-dropped]: Media: 2 cell(s) left out (timeline keeps no media or "
                     "backgrounds) (lines 3, 4)", "sheet.csv:3:5: warning[import-dropped]: Media Credit: 1 cell(s) "
                     "left out (timeline keeps no media or backgrounds) (line 3)",
                     "sheet.csv:4:6: warning[import-dropped]: Background: 1 cell(s)"):
        assert expected in result.stderr, expected
    assert "sheet.csv:1:" not in result.stderr.replace("sheet.csv:1:1: warning[import-filled]: no title", "")


def test_an_import_validates_once_its_articles_are_sources_and_cited(run_cli, tmp_path):
    """The path an editor follows: import, validate, cite (validate says how to add the source), validate."""
    out = tmp_path / "events.yaml"
    imported = run_cli("import", "timelinejs-csv", IMPORT / "knightlab-template.csv", "-o", out)
    assert "`sources:` (publisher, title, published, language, url)" in imported.stderr
    assert "`timeline docs format`" in imported.stderr
    assert _validate_codes(run_cli, out) == {"no-citations"}
    text = out.read_text(encoding="utf-8").replace("    citations: []\n", "    citations:\n      - source: "
                                                   "wh-2025\n        quote: Signed in the Oval Office.\n")
    out.write_text(text, encoding="utf-8")
    unknown = run_cli("validate", out)
    assert unknown.exit_code == 1 and "error[unknown-source]: unknown source 'wh-2025'" in unknown.stderr + \
        unknown.stdout
    said = unknown.stdout + unknown.stderr
    assert ("list the article under `sources:` as `wh-2025:` with its publisher, title (the headline), published, "
            "language and url (`timeline docs format` has an example)") in said
    out.write_text(text.replace("events:\n", "sources:\n  wh-2025:\n    publisher: The White House\n    title: "
                                "Presidential actions\n    published: 2025-05-30\n    language: en\n    url: "
                                "https://www.whitehouse.gov/presidential-actions/\nevents:\n", 1), encoding="utf-8")
    passed = run_cli("validate", out)
    assert passed.exit_code == 0, passed.stdout + passed.stderr


def test_an_existing_file_is_never_overwritten_without_force(run_cli, tmp_path):
    out = tmp_path / "events.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = run_cli("import", "timelinejs-csv", IMPORT / "legacy-sheet.csv", "-o", out)
    assert result.exit_code == 2 and "exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run_cli("import", "timelinejs-csv", IMPORT / "legacy-sheet.csv", "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("version: 1")


def test_legacy_slash_dates_read_month_first_as_timelinejs_or_day_first(run_cli, tmp_path):
    month_first = run_cli("import", "timelinejs-csv", IMPORT / "legacy-sheet.csv")
    day_first = run_cli("import", "timelinejs-csv", IMPORT / "legacy-sheet.csv", "--day-first")
    assert "date: 2025-01-05" in month_first.stdout and "date: 2025-05-01" in day_first.stdout
    assert "date: 2025-03/2025-04" in month_first.stdout


def test_missing_file_and_bad_options_are_usage_errors(run_cli, tmp_path):
    assert run_cli("import", "timelinejs-csv", tmp_path / "nope.csv").exit_code == 2
    both = run_cli("import", "csv", IMPORT / "legacy-sheet.csv", "--day-first", "--month-first")
    assert both.exit_code == 2
    assert run_cli("import", "csv", IMPORT / "legacy-sheet.csv", "--map", "colour=Tag").exit_code == 2
    assert run_cli("import", "timelinejs-csv", IMPORT / "legacy-sheet.csv", "--map", "date=X").exit_code == 2


# -- generic CSV -----------------------------------------------------------------------------------------------

def test_generic_csv_with_map_bom_and_unambiguous_dates(run_cli, tmp_path):
    sheet = tmp_path / "desk.csv"
    sheet.write_bytes("\ufeffWhen,What,Story,Link\r\n2025-01-20,Inauguration,Sworn in.,https://a.example/1\r\n"
                      "25/12/2025,Holiday,,\r\nc. 2024,Earlier,,\r\n".encode("utf-8"))
    out = tmp_path / "events.yaml"
    result = run_cli("import", "csv", sheet, "--map", "date=When", "--map", "title=What", "--map", "summary=Story",
                     "--map", "url=Link", "-o", out)
    assert result.exit_code == 0, result.stderr
    dates = sorted(str(event["date"]) for event in _events(out).values())
    assert dates == ["2024~", "2025-01-20", "2025-12-25"]
    assert _validate_codes(run_cli, out) == {"no-citations"}
    assert "desk.csv:4:1: warning[import-qualified-date]" in result.stderr


@pytest.mark.parametrize("flag, expected", [("--day-first", "2025-06-05"), ("--month-first", "2025-05-06")])
def test_ambiguous_slash_dates_need_an_order(run_cli, tmp_path, flag, expected):
    sheet = tmp_path / "desk.csv"
    sheet.write_text("date,title\n05/06/2025,Something\n", encoding="utf-8")
    refused = run_cli("import", "csv", sheet)
    assert refused.exit_code == 1
    assert "desk.csv:2:1: error[import-ambiguous-date]" in refused.stderr and "--day-first" in refused.stderr
    assert f"date: {expected}" in run_cli("import", "csv", sheet, flag).stdout


def test_generic_csv_names_a_missing_column(run_cli, tmp_path):
    sheet = tmp_path / "desk.csv"
    sheet.write_text("when,title\n2025,x\n", encoding="utf-8")
    result = run_cli("import", "csv", sheet)
    assert result.exit_code == 1 and "error[import-missing-column]" in result.stderr and "--map date=" in result.stderr


def test_not_utf8_is_named_by_line(run_cli, tmp_path):
    sheet = tmp_path / "latin1.csv"
    sheet.write_bytes("date,title\n2025,caf\xe9\n".encode("latin-1"))
    result = run_cli("import", "csv", sheet)
    assert result.exit_code == 1 and "latin1.csv:2:9: error[encoding]" in result.stderr


# -- TimelineJS JSON and the round trip ------------------------------------------------------------------------------

def test_timelinejs_json_built_from_the_spec(run_cli, tmp_path):
    document = {"title": {"text": {"headline": "T &amp; U"}},
                "events": [{"start_date": {"year": "2025", "month": 3}, "text": {"headline": "A", "text": "<p>x</p>"},
                            "group": "Markets", "unique_id": "a-event", "media": {"url": "https://m.example/p.png"}},
                           {"start_date": {"year": 2025}, "end_date": {"year": 2026, "month": 2},
                            "display_date": "c. 2025", "text": {"headline": "B"}}],
                "eras": [{"start_date": {"year": 2024}, "end_date": {"year": 2025}}]}
    source = tmp_path / "timeline.json"
    source.write_text(json.dumps(document, indent=2), encoding="utf-8")
    out = tmp_path / "events.yaml"
    result = run_cli("import", "timelinejs", source, "-o", out)
    assert result.exit_code == 0, result.stderr
    events = _events(out)
    assert str(events["a-event"]["date"]) == "2025-03"
    assert [str(event["date"]) for event_id, event in events.items() if event_id != "a-event"] == ["2025~/2026-02~"]
    assert "1 era(s) left out" in result.stderr and "media left out" in result.stderr
    assert "warning[import-qualified-date]: events[1]: display_date 'c. 2025' read as 2025~/2026-02~" in result.stderr


def test_round_trip_through_timelinejs_keeps_events_dates_and_precisions(run_cli, tmp_path):
    """Bundled data -> `timeline export timelinejs` -> import: the same ids, dates (with their precision,
    seasons, qualifiers and open sides) and titles. Lost, as `timeline docs import` lists: topics after the first,
    actors, citations, sources, disputes, `after`, status and the second language."""
    exported = tmp_path / "timeline.json"
    assert run_cli("export", "timelinejs", "-f", REPO / "events.yaml", "-o", exported).exit_code == 0
    out = tmp_path / "events.yaml"
    result = run_cli("import", "timelinejs", exported, "-o", out)
    assert result.exit_code == 0, result.stderr
    original = yaml.safe_load((REPO / "events.yaml").read_text(encoding="utf-8"))["events"]
    imported = _events(out)
    assert set(imported) == {event["id"] for event in original}
    for event in original:
        assert str(imported[event["id"]]["date"]) == str(event["date"]), event["id"]
        # the export marks a scheduled event in its headline; the import keeps the headline as it is
        assert imported[event["id"]]["title"]["en"].removesuffix(" (scheduled)") == event["title"]["en"]
    assert _validate_codes(run_cli, out) == {"no-citations"}


def test_import_as_a_real_process_writes_stdout_and_reports_on_stderr(run_subprocess):
    result = run_subprocess("import", "timelinejs-csv", IMPORT / "knightlab-template.csv")
    assert result.returncode == 0
    assert result.stdout.startswith("version: 1\n")
    assert "warning[import-dropped]" in result.stderr and "warning" not in result.stdout


# -- hostile input: refused with a problem at file:line:col (exit 1) or a usage error (exit 2), nothing written ------

def _stdin_import(tmp_path, stdin_file, *args: str) -> subprocess.CompletedProcess:
    """`timeline import csv - ARGS < stdin_file` as a real process (the shell's redirection: fd 0 is the file)."""
    with open(stdin_file, "rb") as stdin:
        return subprocess.run([sys.executable, "-m", "timeline", "import", "csv", "-", *args], stdin=stdin,
                              capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=60,
                              env=subprocess_environment(), check=False)


@pytest.mark.parametrize("output", ["in.csv", "link.csv"])
def test_stdin_from_a_file_is_never_overwritten_by_its_own_import(tmp_path, output):
    sheet = tmp_path / "in.csv"
    sheet.write_text("date,title\n2025,Kept\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(sheet)
    result = _stdin_import(tmp_path, sheet, "-o", output, "--force")
    assert result.returncode == 2, result.stderr
    assert "is the same file as the input" in result.stderr and "nothing was written" in result.stderr
    assert sheet.read_text(encoding="utf-8") == "date,title\n2025,Kept\n"


def test_an_import_from_stdin_gets_a_neutral_title_and_says_so(tmp_path):
    sheet = tmp_path / "in.csv"
    sheet.write_text("date,title\n2025,Kept\n", encoding="utf-8")
    result = _stdin_import(tmp_path, sheet)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(result.stdout)["title"] == {"ja": "Imported timeline", "en": "Imported timeline"}
    assert "warning[import-filled]: no title row: the timeline is titled 'Imported timeline'" in result.stderr


@pytest.mark.parametrize("content, said", [
    ("[" * 100_000, "1:1: error[syntax]"),
    ('{"events": [{"start_date": {"year": ' + "9" * 5000 + "}}]}", "1:1: error[syntax]"),
    ('{"events": [{"start_date": {"year": NaN}, "text": {"headline": "x"}}]}', "1:1: error[syntax]"),
    ('{"events": [{"start_date": {"year": -Infinity}, "text": {"headline": "x"}}]}', "1:1: error[syntax]"),
    ('{"events": [{"start_date": {"year": 1e999}, "text": {"headline": "x"}}]}', "1:1: error[import-bad-date]"),
    ('{"events": [{"start_date": {"year": ' + "[" * 950 + "]" * 950 + '}, "text": {"headline": "x"}}]}',
     "1:1: error["),  # syntax or import-bad-date: whether json reaches that depth depends on the stack in use
    ('{"events": [\n{"start_date": {"year": 2025}, "text": {"headline": "' + "x" * 100_001 + '"}}]}',
     "2:1: error[too-large]"),
    # Half of how JSON writes 🗳 (\ud83d\uddf3): json reads it into a str no file can hold (a traceback, once).
    ('{"events": [\n {"start_date": {"year": 2025}, "text": {"headline": "cut \\ud83d"}}]}',
     "2:59: error[syntax]: `\\ud83d` is half of a surrogate pair"),
    ('{"events": [{"start_date": {"year": 2025}, "text": {"headline": "x \\udc00\\ud83d"}}]}',
     "1:68: error[syntax]: `\\udc00` is half"),
])
def test_hostile_timelinejs_json_is_a_problem_not_a_traceback(run_cli, tmp_path, content, said):
    source, out = tmp_path / "t.json", tmp_path / "out.yaml"
    source.write_text(content, encoding="utf-8")
    result = run_cli("import", "timelinejs", source, "-o", out)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"t.json:{said}" in result.stderr and not out.exists()


@pytest.mark.parametrize("part, value, said, hint", [
    ("year", '"twenty"', "events[0].start_date.year 'twenty' is not a whole number", "write the year in digits"),
    ("month", "true", "events[0].start_date.month 'true' is not a whole number", "write the month as 1-12"),
    ("day", "[5]", "events[0].start_date.day '[5]' is not a whole number", "write the day as 1-31"),
])
def test_a_date_part_that_is_no_number_is_quoted_as_json_writes_it_with_that_parts_fix(run_cli, tmp_path, part,
                                                                                       value, said, hint):
    date = {"year": "2025", "month": "1", "day": "2"} | {part: "@"}
    content = json.dumps({"events": [{"start_date": date, "text": {"headline": "x"}}]}).replace('"@"', value)
    source, out = tmp_path / "t.json", tmp_path / "out.yaml"
    source.write_text(content, encoding="utf-8")
    result = run_cli("import", "timelinejs", source, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    problem, hint_line = result.stderr.split("\n")[:2]
    assert said in problem and "True" not in problem
    assert hint in hint_line and (part == "month" or "month" not in hint_line)


def test_a_number_where_timelinejs_shows_text_is_that_text_and_anything_else_is_said(run_cli, tmp_path):
    # A browser shows `"group": 5` as the group 5 and deep-links `"unique_id": 12` as #event-12; a list there is
    # nothing TimelineJS shows: it was left out without a word.
    slides = [{"start_date": {"year": 2025, "month": 1}, "text": {"headline": "A", "text": "a"}, "group": 5,
               "unique_id": 12},
              {"start_date": {"year": 2025, "month": 2}, "text": {"headline": 2025, "text": ["b"]}, "group": ["x"],
               "display_date": True}]
    source, out = tmp_path / "t.json", tmp_path / "out.yaml"
    source.write_text(json.dumps({"events": slides}), encoding="utf-8")
    result = run_cli("import", "timelinejs", source, "-o", out)
    assert result.exit_code == 0, result.stderr
    events = _events(out)
    assert events["12"]["topics"] == ["5"] and events["12"]["title"]["en"] == "A"
    second = next(event for event in events.values() if event["date"] == "2025-02")
    assert second["title"]["en"] == "2025"
    for left_out in ('events[1].text.text ["b"] left out: it is not text', 'events[1].group ["x"] left out',
                     "events[1].display_date true left out"):
        assert f"warning[import-dropped]: {left_out}" in result.stderr


def test_a_character_json_writes_as_a_surrogate_pair_is_imported_as_that_character(run_cli, tmp_path):
    source, out = tmp_path / "t.json", tmp_path / "out.yaml"
    source.write_text('{"events": [{"start_date": {"year": 2025}, "text": {"headline": "Vote \\ud83d\\uddf3 \\\\ud83d"}}]}',
                      encoding="utf-8")
    result = run_cli("import", "timelinejs", source, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert _events(out).popitem()[1]["title"]["en"] == "Vote 🗳 \\ud83d"  # an escaped backslash stays text


def test_lone_surrogates_by_the_hundred_thousand_are_listed_a_thousand_then_counted(run_cli, tmp_path):
    """Each half was found from the start of the file again (300,000 took minutes) and all were listed."""
    source, head = tmp_path / "t.json", '{"events": [{"start_date": {"year": 2025}, "text": {"headline": "'
    source.write_text(head + "\\ud83d" * 100_000 + '"}}]}', encoding="utf-8")
    result = run_cli("import", "timelinejs", source)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("is half of a surrogate pair") == 1000
    assert "99000 more 'syntax' problem(s) not shown" in result.stderr
    assert f"t.json:1:{len(head) + 999 * 6 + 1}: error[syntax]" in result.stderr  # the thousandth, at its column


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_that_is_not_utf8_is_named_at_its_line_and_column(run_cli, tmp_path, bom):
    source = tmp_path / "t.json"
    source.write_bytes(bom + b'\n\n{"events": [],\n "x": "\xc3\xa9\xc3"}')
    result = run_cli("import", "timelinejs", source)
    assert result.exit_code == 1 and "t.json:4:9: error[encoding]: byte 0xc3 is not UTF-8" in result.stderr


def test_a_file_name_that_is_not_utf8_titles_the_import_without_a_traceback(run_subprocess, tmp_path):
    source = tmp_path / "caf\udce9 2025.json"  # a Latin-1 é in the name, as os.fsdecode reads it
    source.write_text('{"events": [{"start_date": {"year": 2025}, "text": {"headline": "H", "text": "x"}}]}',
                      encoding="utf-8")
    out = tmp_path / "out.yaml"
    done = run_subprocess("import", "timelinejs", source, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "titled 'caf\ufffd 2025' after the file" in done.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["title"] == {"ja": "caf\ufffd 2025", "en": "caf\ufffd 2025"}


@pytest.mark.parametrize("fmt, content", [
    ("timelinejs", json.dumps({"title": {"text": {"headline": "A\nB<br>C"}}, "events": [
        {"start_date": {"year": "2025"}, "text": {"headline": "Head<br>line <p>two</p>\n three", "text": "body"}}]})),
    ("timelinejs-csv", 'Year,Headline,Text,Type\n,"A\nB<br>C",,title\n2025,"Head<br>line <p>two</p>\n three",body,\n'),
])
def test_a_line_break_in_a_headline_is_a_space_in_the_title(run_cli, tmp_path, fmt, content):
    """HTML's <br> and <p> and a break typed in the cell made a title validate refuses (`control-character`), with
    no word at import: a title is one line."""
    source, out = tmp_path / f"t.{'json' if fmt == 'timelinejs' else 'csv'}", tmp_path / "out.yaml"
    source.write_text(content, encoding="utf-8")
    assert run_cli("import", fmt, source, "-o", out).exit_code == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["title"]["en"] == "A B C"
    assert [event["title"]["en"] for event in written["events"]] == ["Head line two three"]
    assert "control-character" not in _validate_codes(run_cli, out)


def test_the_title_slides_text_left_out_is_said_as_a_sheets_is(run_cli, tmp_path):
    source = tmp_path / "t.json"
    source.write_text(json.dumps({"title": {"text": {"headline": "Story", "text": "An introduction"}}, "events": [
        {"start_date": {"year": "2025"}, "text": {"headline": "H", "text": "x"}}]}), encoding="utf-8")
    result = run_cli("import", "timelinejs", source)
    assert result.exit_code == 0, result.stderr
    assert "warning[import-dropped]: the title row's text is left out" in result.stderr
    assert "`ja:` and `en:` hold the same words\n" in result.stderr  # one event: not 'in all 1 events'


def test_slides_are_reported_at_their_own_line(run_cli, tmp_path):
    slides = ",\n".join('{"start_date": {"year": 2025}, "text": {"headline": "ok"}}' for _ in range(40))
    source = tmp_path / "t.json"
    source.write_text('{"events": [\n' + slides + ',\n{"start_date": {"month": 1}}]}', encoding="utf-8")
    assert "t.json:42:1: error[import-bad-date]" in run_cli("import", "timelinejs", source).stderr


@pytest.mark.parametrize("content, env, said", [
    ("date,title\n2025," + "x" * 100_001 + "\n", {}, "big.csv:2:2: error[too-large]: a cell of 100001 characters"),
    ('date,title\n2025,"' + "x" * (16 * 1024 * 1024 + 1) + '"\n', {}, "big.csv:2:1: error[too-large]"),
    ("date,title\n" + "2025,x\n" * 200, {"TIMELINE_MAX_BYTES": "1000"}, "big.csv:1:1: error[too-large]"),
])
def test_oversized_csv_is_a_problem_at_its_row_and_column(run_cli, tmp_path, content, env, said):
    source, out = tmp_path / "big.csv", tmp_path / "out.yaml"
    source.write_text(content, encoding="utf-8")
    result = run_cli("import", "csv", source, "-o", out, env=env)
    assert result.exit_code == 1 and said in result.stderr and not out.exists()


def test_an_endless_input_ends(run_subprocess):
    result = run_subprocess("import", "csv", "/dev/zero", env={"TIMELINE_MAX_BYTES": "100000"}, timeout=30)
    assert result.returncode == 1 and "/dev/zero:1:1: error[too-large]" in result.stderr


@pytest.mark.parametrize("cell, text", [
    ("<b>Trump</b> &amp; Musk", "Trump & Musk"),
    ("a < b and c > d", "a < b and c > d"),
    ("one<br>two<p>three</p>", "one\ntwo\nthree"),
    ("<!-- hidden -->seen<!-- never closed", "seen<!-- never closed"),
    ("<script>alert(1)</script><style>b{}</style>shown", "shown"),
    ("<a <a <a >linked", "linked"),
    ("<!DOCTYPE html><?xml x?>text", "text"),
])
def test_html_cells_are_reduced_to_what_a_reader_sees(cell, text):
    assert reduce_html(cell).text == text


def test_links_in_html_keep_http_only():
    reduced = reduce_html('<a href="https://a.example/?x=1&amp;y=2">a</a> <a href=javascript:alert(1)>b</a>')
    assert reduced.links == ("https://a.example/?x=1&y=2",) and reduced.refused == ("javascript:alert(1)",)


@pytest.mark.parametrize("markup", ["<a " * 33_000, "<!--" * 25_000, "<!--" * 24_999 + "-->", "<a" * 49_999 + ">"])
def test_a_cell_of_unclosed_markup_is_read_in_one_pass(run_subprocess, tmp_path, markup):
    """html.parser rescanned an unclosed tag from every `<`: minutes for such a cell; the timeout is a hang guard."""
    sheet = tmp_path / "s.csv"
    sheet.write_text(f'Year,Headline,Text\n2025,Title,"{markup}"\n', encoding="utf-8")
    assert run_subprocess("import", "timelinejs-csv", sheet, timeout=30).returncode == 0


def test_what_a_csv_leaves_out_is_said(run_cli, tmp_path):
    sheet = tmp_path / "desk.csv"
    sheet.write_text("date,title,Title,summary\n2025,First,Second,S,extra\n2026,B,,T,,more\n"
                     "2027,C,,U\n", encoding="utf-8")
    result = run_cli("import", "csv", sheet, "--map", "url=summary")
    assert result.exit_code == 0, result.stderr
    assert "desk.csv:1:3: warning[import-dropped]: column 3 'Title' repeats the name of column 2: column 2 is read" \
        in result.stderr
    assert "desk.csv:2:5: warning[import-dropped]: cells past the header's last column (4) are left out (lines 2, 3)" \
        in result.stderr
    assert "desk.csv:2:4: warning[import-dropped]: a link that is not http(s) is left out: 'S'" in result.stderr
    assert {event["title"]["en"] for event in _events_of(result.stdout)} == {"First", "B", "C"}


def test_a_field_mapped_twice_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("import", "csv", IMPORT / "legacy-sheet.csv", "--map", "title=summary", "--map", "title=date")
    assert result.exit_code == 2 and "title is already mapped to 'summary'" in result.stderr


def _events_of(text: str) -> list[dict]:
    return yaml.safe_load(text)["events"]
