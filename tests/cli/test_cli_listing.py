"""`timeline list`, `show`, `topics`, `actors`, `sources` through the CLI: stdout and stderr apart, exit codes.

CliRunner's stdout is not a terminal, so by default the commands take the plain path; FORCE_COLOR=1 (which
rich reads) makes them draw rich tables as on a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from timeline.cli import app
from conftest import TESTS

HERE = TESTS
FIXTURE = str(HERE / "data" / "good" / "listing.yaml")
REAL = HERE.parent / "events.yaml"
ANSI = re.compile(r"\x1b\[")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-79]|9[0-7]|38;[25];[0-9;]+)m")  # foreground colour SGR
# The environment the user could have set; tests start from none of it.
CLEAN = {"TIMELINE_LANG": None, "TIMELINE_FILE": None, "NO_COLOR": None, "FORCE_COLOR": None,
         "TTY_COMPATIBLE": None, "COLUMNS": None, "TERM": "xterm-256color"}  # fmt: skip
N = 12  # events in the fixture


def run(*args: str, **env: str):
    """Invoke `timeline ARGS -f FIXTURE` (unless a file is given) with a clean environment plus `env`."""
    argv = list(args)
    if not {"-f", "--file"} & set(argv) and "TIMELINE_FILE" not in env:
        argv += ["-f", FIXTURE]
    return CliRunner().invoke(app, argv, env={**CLEAN, **env})


def rows(stdout: str) -> list[str]:
    """The data lines of a plain table (without the header)."""
    return stdout.splitlines()[1:]


def first_column(stdout: str) -> list[str]:
    return [line.split()[0] for line in rows(stdout)]


# --- list: the table, counts and exit codes -----------------------------------------------------------------


def test_list_prints_a_plain_table_when_piped_and_the_count_on_stderr():
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["ID", "Date", "Title", "Topics", "Actors", "Src"]
    assert len(rows(result.stdout)) == N
    assert first_column(result.stdout)[:2] == ["trump-inauguration", "stargate-announcement"]
    assert result.stderr == f"{N} of {N} events\n"
    assert not ANSI.search(result.stdout) and "─" not in result.stdout


def test_no_match_is_not_an_error():
    result = run("list", "--search", "no such words")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no events match\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--topic", "crypto-policy"], ["crypto-order", "stablecoin-regime", "crypto-rules-draft"]),
        (["-t", "crypto-policy", "-t", "ai-policy", "--all-topics"], ["stablecoin-regime"]),
        (["--actor", "ソフトバンク"], ["stargate-announcement", "stargate-investment"]),
        (["-a", "SEC", "-a", "openai"], ["stargate-announcement", "stargate-investment", "stablecoin-regime",
                                         "crypto-rules-draft"]),
        (["--source", "nikkei-2025-01-22"], ["stargate-announcement", "stargate-investment"]),
        (["--from", "2025-06", "--to", "2025-06"], ["stargate-investment", "crypto-rules-draft", "ai-action-plan"]),
        (["--from", "2025-06", "--to", "2025-06", "--strict-dates"], []),
        (["--from", "summer 2025", "--to", "2025年夏", "--strict-dates"], ["stablecoin-regime", "crypto-rules-draft"]),
        (["--search", "ＳＴＡＲＧＡＴＥ"], ["stargate-announcement", "stargate-investment"]),
        (["-s", "ｽﾀｰｹﾞｰﾄ"], ["stargate-announcement", "stargate-investment"]),
        (["--limit", "2"], ["trump-inauguration", "stargate-announcement"]),
        (["-n", "2", "--reverse"], ["ai-action-plan", "tariff-deadline"]),
        (["-r", "-t", "trade", "-n", "1"], ["tariff-deadline"]),
    ],
)  # fmt: skip
def test_list_filters(args, expected):
    result = run("list", *args)
    assert result.exit_code == 0, result.stderr
    assert (first_column(result.stdout) if expected else []) == expected
    assert result.stderr == (f"{len(expected)} of {N} events\n" if expected else "no events match\n")


def test_language_from_option_and_environment():
    april = ("--from", "2025-04", "--to", "2025-04", "--strict-dates")  # the open start `../2025-04` only
    english = run("list", *april).stdout
    japanese = run("list", *april, "--lang", "ja").stdout
    assert "Tariff talks until April" in english and "until April 2025" in english
    assert "関税協議（4月まで）" in japanese and "2025年4月まで" in japanese and "通商" in japanese
    assert run("list", *april, TIMELINE_LANG="ja").stdout == japanese
    assert run("list", *april, "-l", "en", TIMELINE_LANG="ja").stdout == english


def test_file_from_environment():
    result = run("list", TIMELINE_FILE=FIXTURE)
    assert result.exit_code == 0 and len(rows(result.stdout)) == N


# --- output formats ----------------------------------------------------------------------------------------


def test_json_is_the_documented_document():
    result = run("list", "--format", "json", "-t", "crypto-policy", "--lang", "ja")
    document = json.loads(result.stdout)
    assert list(document) == ["version", "lang", "count", "events"]
    assert (document["version"], document["lang"], document["count"]) == (1, "ja", 3)
    event = document["events"][0]
    assert list(event) == ["id", "date", "status", "title", "summary", "topics", "actors", "after", "citations",
                           "notes", "disputes", "corrections"]  # fmt: skip
    assert set(event["date"]) >= {"text", "precision", "earliest", "latest", "uncertain", "approximate"}
    assert event["date"]["display"] == "2025年1月23日頃"
    assert set(event["disputes"][0]["claims"][0]) == {"says", "date", "source", "quote"}
    assert result.stderr == f"出来事{N}件中3件を表示\n"  # the count in the output language


def test_json_when_nothing_matches_is_still_a_document():
    result = run("list", "--format", "json", "-s", "no such words")
    assert json.loads(result.stdout) == {"version": 1, "lang": "en", "count": 0, "events": []}
    assert result.stderr == "no events match\n"


def test_jsonl_is_one_event_per_line():
    result = run("list", "--format", "jsonl")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) == N and events[0]["id"] == "trump-inauguration"
    assert events == json.loads(run("list", "--format", "json").stdout)["events"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_csv_parses_with_the_csv_module(lang):
    result = run("list", "--format", "csv", "--lang", lang)
    table = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert table[0] == ["id", "date", "precision", "earliest", "latest", "title", "summary", "topics", "actors",
                        "sources", "after", "corrections"]  # fmt: skip
    assert len(table) == N + 1
    by_id = {row[0]: row for row in table[1:]}
    stargate = by_id["stargate-investment"]
    assert stargate[2:5] == ["day", "2025-01-21", "2029-01-31"]
    assert stargate[9:] == ["nikkei-2025-01-22;reuters-2025-01-22", "", ""]  # no after:, no corrections
    assert by_id["stablecoin-regime"][4] == ""  # open end
    if lang == "ja":
        assert by_id["stablecoin-regime"][7] == "暗号資産政策;AI政策"
    else:
        assert by_id["markup-title"][5] == "[bold red]x[/] | :fire: \\x1b[31m not red [/]"
    assert result.stdout_bytes.endswith(b"\r\n")  # RFC 4180 (Result.stdout turns CRLF into LF)


# --- the terminal path: colour, NO_COLOR, width ------------------------------------------------------------


def test_terminal_gets_a_rich_table_with_colour():
    result = run("list", FORCE_COLOR="1", COLUMNS="100")
    assert result.exit_code == 0
    assert "─" in result.stdout and COLOUR.search(result.stdout)


def test_no_color_is_respected():
    result = run("list", FORCE_COLOR="1", NO_COLOR="1", COLUMNS="100")
    assert "─" in result.stdout  # still the terminal table
    assert not COLOUR.search(result.stdout)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_40_column_terminal_still_reads(lang):
    result = run("list", "--lang", lang, FORCE_COLOR="1", NO_COLOR="1", COLUMNS="40")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert max(cell_len(line) for line in plain.splitlines()) <= 40
    assert "crypto-rules-draft" in plain  # ids move under the titles


def test_a_long_listing_takes_the_fast_plain_path_even_on_a_terminal(tmp_path):
    from timeline.cli.listing import RICH_MAX_ROWS

    head = Path(FIXTURE).read_text(encoding="utf-8").split("events:\n")[0]
    # spread over many days: the editorial near-duplicate check compares the events of one date pairwise
    event = ("  - id: event-{n}\n    date: {year}-{month:02d}-{day:02d}\n    title: {{ja: 出来事{n}, en: Event {n}}}\n"
             "    summary: {{ja: 要約。, en: Summary.}}\n    topics: [trade]\n"
             "    citations: [{{source: example-2025-01-27, quote: 引用{n}}}]\n")  # fmt: skip
    path = tmp_path / "long.yaml"
    events = "".join(event.format(n=n, year=1900 + n // 336, month=n // 28 % 12 + 1, day=n % 28 + 1)
                     for n in range(RICH_MAX_ROWS + 1))  # fmt: skip
    path.write_text(head + "events:\n" + events, "utf-8")
    result = run("list", "-f", str(path), FORCE_COLOR="1", COLUMNS="100")
    assert result.exit_code == 0, result.stderr
    assert len(rows(result.stdout)) == RICH_MAX_ROWS + 1 and "─" not in result.stdout
    few = run("list", "-f", str(path), "-n", "3", FORCE_COLOR="1", COLUMNS="100")
    assert "─" in few.stdout  # a short listing still gets the terminal table


# --- data is never interpreted ---------------------------------------------------------------------------

MARKUP_EN = "[bold red]x[/] | :fire: \\x1b[31m not red [/]"


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1", "COLUMNS": "200"}], ids=["piped", "terminal"])
def test_markup_in_titles_prints_literally(env):
    result = run("list", "-t", "trade", **env)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert MARKUP_EN in plain
    assert "\x1b[31m" not in result.stdout and "🔥" not in result.stdout
    shown = run("show", "markup-title", **env).stdout
    assert MARKUP_EN in re.sub(r"\x1b\[[0-9;]*m", "", shown) and "🔥" not in shown


def test_a_control_character_in_the_data_is_an_error_not_output(tmp_path):
    text = Path(FIXTURE).read_text(encoding="utf-8").replace("Tariff deadline", 'Tariff \\e[31mdeadline')
    text = text.replace("en: Tariff \\e[31mdeadline", 'en: "Tariff \\e[31mdeadline"')
    path = tmp_path / "escape.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("list", "-f", str(path))
    assert result.exit_code == 1
    assert "control-character" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr


# --- exit codes --------------------------------------------------------------------------------------------


def test_invalid_data_exits_1(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(Path(FIXTURE).read_text(encoding="utf-8").replace("topics: [trade]", "topics: [tarde]", 1),
                    encoding="utf-8")  # fmt: skip
    result = run("list", "-f", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert "unknown-topic" in result.stderr and "Error:" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--topic", "ai-polcy"], "did you mean 'ai-policy'?"),
        (["list", "--actor", "Trmp"], "did you mean 'Trump' (actor donald-trump)?"),
        (["list", "--source", "nikei-2025-01-22"], "did you mean 'nikkei-2025-01-22'?"),
        (["list", "--from", "someday"], "cannot read 'someday' as a date"),
        (["list", "--to", "2025-13"], "month 13 is out of range"),
        (["list", "--limit", "-1"], "-1"),
        (["list", "--format", "xml"], "xml"),
        (["show", "stargate-invest"], "did you mean 'stargate-investment'"),
        (["show", "ＳＴＡＲＧＡＴＥ-invest"], "did you mean 'stargate-investment'"),  # names.suggest folds width
        (["list", "--topic", "ＡＩ-polcy"], "did you mean 'ai-policy'?"),
        (["show", "zzz"], "unknown event 'zzz'"),
        (["topics", "--topic", "nope"], "unknown topic 'nope'"),
        (["list", "-f", "/nonexistent/events.yaml"], "/nonexistent/events.yaml"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert message in result.stderr


# --- show ----------------------------------------------------------------------------------------------------


def test_show_text_has_everything(tmp_path):
    result = run("show", "stargate-investment", COLUMNS="200")
    out = result.stdout
    assert result.exit_code == 0 and result.stderr == ""
    for expected in [
        "Stargate investment period", "スターゲートの投資期間",  # both languages
        "Jan. 21, 2025 – Jan. 2029 (interval, day to month precision)", "EDTF 2025-01-21/2029-01",
        "happened", "AI policy (ai-policy)", "SoftBank Group (softbank), OpenAI (openai)",
        "日本経済新聞", "ソフトバンクG、米AIインフラに5000億ドル", "Jan. 22, 2025", "“5000億ドル”",  # citation
        "The end date follows the four-year account.", "終期は4年説に合わせた。",  # notes
        "duration: Articles differ on the period.", "over four years", "“over the next four years”",
        "over five years", "“5年間で5000億ドル”",  # dispute claims with their sources and quotes
    ]:
        assert expected in out, expected
    assert all(line == line.rstrip() for line in out.splitlines())


def test_show_qualifiers_in_both_languages():
    assert "c. summer 2025 (season precision, approximate)" in run("show", "crypto-rules-draft").stdout
    japanese = run("show", "crypto-rules-draft", "--lang", "ja", COLUMNS="120").stdout
    assert "2025年夏頃（精度：季節、おおよそ）" in japanese and "行政機関" not in japanese
    assert "予定" in run("show", "tariff-deadline", "-l", "ja").stdout


@pytest.mark.parametrize(("lang", "row"), [("en", "After      liquidations (liquidations)"),
                                          ("ja", "前の出来事  liquidations（日本語） (liquidations)")])
def test_show_names_the_events_it_is_declared_after(lang, row):
    """`after:` orders an event behind others; show says which, by title and by the id to `show` next."""
    order = str(TESTS / "data" / "good" / "order.yaml")
    shown = run("show", "outage", "-f", order, "--lang", lang, COLUMNS="100").stdout
    assert row in shown.splitlines(), shown
    assert "After" not in run("show", "crash", "-f", order).stdout  # no `after:`, no row
    document = json.loads(run("show", "outage", "-f", order, "--format", "json").stdout)
    assert document["event"]["after"] == ["liquidations"]


def test_show_json():
    result = run("show", "crypto-order", "--format", "json")
    document = json.loads(result.stdout)
    assert list(document) == ["version", "lang", "event", "topics", "actors", "sources"]
    assert document["event"]["id"] == "crypto-order"
    assert [s["id"] for s in document["sources"]] == ["example-2025-01-27", "reuters-2025-01-22"]


# --- registries ----------------------------------------------------------------------------------------------


def test_topics_table():
    result = run("topics")
    assert result.stdout.splitlines() == [
        "ID             Name           Events  First             Last",
        "ai-policy      AI policy           6  Jan. 20, 2025     2025",
        "crypto-policy  Crypto policy       3  c. Jan. 23, 2025  c. summer 2025",
        "trade          Trade               4  Jan. 25, 2025     Dec. 1, 2025",
    ]
    assert result.stderr == "3 topics\n"


def test_actors_in_japanese_with_kind_and_aliases():
    result = run("actors", "--lang", "ja")
    assert "ドナルド・トランプ" in result.stdout and "人物" in result.stdout
    assert "Trump, トランプ, トランプ大統領" in result.stdout


def test_sources_columns():
    out = run("sources").stdout
    assert out.splitlines()[0].split() == ["ID", "Publisher", "Headline", "Published", "Lang", "Archive", "Events",
                                           "First", "Last"]  # fmt: skip
    assert "Reuters" in out and "Sept. 2025" in out and "reuters-2025-01-22.txt" in out


def test_registry_counts_follow_the_filters():
    result = run("actors", "--topic", "crypto-policy", "--format", "json")
    document = json.loads(result.stdout)
    assert {a["id"]: a["events"] for a in document["actors"]} == {"donald-trump": 1, "sec": 2}
    assert result.stderr == f"2 actors in 3 of {N} events\n"


@pytest.mark.parametrize("registry", ["topics", "actors", "sources"])
def test_registry_formats(registry):
    document = json.loads(run(registry, "--format", "json").stdout)
    assert (document["version"], document["count"]) == (1, len(document[registry]))
    assert all({"id", "events", "first", "last"} <= set(entry) for entry in document[registry])
    table = list(csv.reader(io.StringIO(run(registry, "--format", "csv", "-l", "ja").stdout, newline="")))
    assert table[0][0] == "id" and len(table) == document["count"] + 1


def test_registry_table_on_a_terminal():
    result = run("sources", "--lang", "ja", FORCE_COLOR="1", NO_COLOR="1", COLUMNS="40")
    assert "記事見出し" in result.stdout and not COLOUR.search(result.stdout)


# --- a real process, piped ------------------------------------------------------------------------------------


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN}
    return {**env, **extra}


def test_python_m_timeline_list_piped_has_no_escape_codes():
    done = subprocess.run([sys.executable, "-m", "timeline", "list", "-f", FIXTURE, "--lang", "ja"],
                          capture_output=True, env=subprocess_env(), timeout=60)  # fmt: skip
    assert done.returncode == 0
    stdout = done.stdout.decode("utf-8")
    assert b"\x1b" not in done.stdout and len(rows(stdout)) == N
    assert "[bold]太字[/]｜:fire:｜\\x1b[31m赤" in stdout
    assert done.stderr.decode("utf-8") == f"出来事{N}件中{N}件を表示\n"


def test_python_m_timeline_with_no_color_and_a_closed_pipe():
    # `timeline list | head -1`: the reader leaves early, which is no error and no traceback
    done = subprocess.run(
        f"'{sys.executable}' -m timeline list -f '{FIXTURE}' | head -1", shell=True, capture_output=True,
        env=subprocess_env(NO_COLOR="1"), timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.decode("utf-8").split() == ["ID", "Date", "Title", "Topics", "Actors", "Src"]
    assert b"Traceback" not in done.stderr


# --- smoke tests over the real dataset (bundled, so absent or invalid is a failure) ----------------------------


@pytest.fixture(scope="module")
def real_file() -> str:
    from timeline.errors import TimelineError
    from timeline.pipeline import load_timeline

    if not REAL.is_file():
        pytest.fail(f"{REAL} is missing: the bundled data belongs in the repository", pytrace=False)
    try:
        load_timeline([REAL])
    except TimelineError as error:
        pytest.fail(f"events.yaml does not load: {error}", pytrace=False)
    return str(REAL)


def test_real_data_lists_in_every_format(real_file):
    document = json.loads(run("list", "-f", real_file, "--format", "json").stdout)
    assert document["count"] == len(document["events"]) > 0
    table = run("list", "-f", real_file, "--lang", "ja")
    assert table.exit_code == 0 and len(rows(table.stdout)) == document["count"]
    assert run("list", "-f", real_file, "--format", "csv").exit_code == 0


def test_real_data_shows_every_event(real_file):
    document = json.loads(run("list", "-f", real_file, "--format", "json").stdout)
    for event in document["events"][:20]:
        result = run("show", event["id"], "-f", real_file)
        assert result.exit_code == 0 and event["title"]["en"][:20] in result.stdout.replace("\n", " ")


@pytest.mark.parametrize("registry", ["topics", "actors", "sources"])
def test_real_data_registries(real_file, registry):
    result = run(registry, "-f", real_file, "--lang", "ja", FORCE_COLOR="1", COLUMNS="80")
    assert result.exit_code == 0 and result.stdout
