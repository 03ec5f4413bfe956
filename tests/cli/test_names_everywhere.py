"""Names where ids are asked for: `--topic`, `--actor`, `--source` and `show` take ids, names and aliases in both
languages, case- and width-insensitive, with a "did you mean" for a near miss, matched by the one function that
validate's hints use too (names.py); and `-s/--search` looks in every text of an event, quotes included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.model import Actor, Text, Topic
from timeline.names import Names
from timeline.pipeline import load_timeline
from timeline.query import Filter, find_event, resolve_filter
from conftest import TESTS

LISTING = TESTS / "data" / "good" / "listing.yaml"
MINIMAL = TESTS / "data" / "good" / "minimal.yaml"


def ids_listed(run_cli, *args: str) -> list[str]:
    result = run_cli("list", "-f", LISTING, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


# -- the filters --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("option", "by_id", "typed"), [
    ("--topic", "ai-policy", ["AI policy", "ai POLICY", "AI政策", "ＡＩ政策", "ａｉ-ｐｏｌｉｃｙ", " AI policy "]),
    ("--topic", "crypto-policy", ["Crypto policy", "暗号資産政策"]),
    ("--actor", "softbank", ["SoftBank Group", "ソフトバンクグループ", "SBG", "ｿﾌﾄﾊﾞﾝｸ", "softbank"]),
    ("--actor", "sec", ["SEC", "Securities and Exchange Commission", "証券取引委員会"]),
    ("--source", "reuters-2025-01-22", ["Reuters", "REUTERS", "ｒｅｕｔｅｒｓ"]),
    ("--source", "nikkei-2025-01-22", ["日本経済新聞"]),
])
def test_every_filter_takes_ids_names_and_aliases(run_cli, option, by_id, typed):
    expected = ids_listed(run_cli, option, by_id)
    assert expected
    for name in typed:
        assert ids_listed(run_cli, option, name) == expected, name


def test_a_publisher_names_every_one_of_its_articles(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace("events:\n", """\
  example-2025-02-01:
    publisher: Example News
    title: 二本目の記事
    published: 2025-02-01
    language: ja
events:
""")
    path = tmp_path / "two.yaml"
    path.write_text(text, encoding="utf-8")
    timeline = load_timeline([path])
    assert resolve_filter(timeline, Filter(sources=("example news",))).sources == ("example-2025-01-27",
                                                                                    "example-2025-02-01")


def test_an_id_names_its_own_entry_whatever_names_other_entries_have():
    # A topic whose English name is another topic's id: the id wins; the name still reaches its own topic.
    trade = Topic("trade", Text("通商", "Trade"))
    tariffs = Topic("tariffs", Text("関税", "trade"))
    names = Names.of([trade, tariffs])
    assert names.ids("trade") == ("trade",) and names.ids("TRADE") == ("trade",) and names.ids("関税") == ("tariffs",)
    # A name two entries give goes to both, first defined first (a filter keeps either).
    one = Actor("a", Text("甲", "A"), None, ("Shared",))
    two = Actor("b", Text("乙", "B"), None, ("shared",))
    assert Names.of([one, two]).ids("SHARED") == ("a", "b")


@pytest.mark.parametrize(("args", "message", "hint"), [
    (["--topic", "AI polcy"], "unknown topic 'AI polcy'", "did you mean 'AI policy' (topic ai-policy)?"),
    (["--topic", "暗号資産政"], "unknown topic '暗号資産政'", "did you mean '暗号資産政策' (topic crypto-policy)?"),
    (["--topic", "ai-polcy"], "unknown topic 'ai-polcy'", "did you mean 'ai-policy'? known topics: ai-policy, "),
    (["--actor", "Soft Bank Grp"], "unknown actor 'Soft Bank Grp'", "did you mean 'SoftBank Group' (actor softbank)?"),
    (["--source", "Reuter"], "unknown source 'Reuter'", "did you mean 'Reuters' (source reuters-2025-01-22)?"),
    (["--source", "nikei-2025-01-22"], "unknown source 'nikei-2025-01-22'", "did you mean 'nikkei-2025-01-22'?"),
    (["--topic", "sports"], "unknown topic 'sports'", "known topics: ai-policy, crypto-policy, trade"),
])
def test_a_near_miss_is_a_usage_error_with_the_closest_id_or_name(run_cli, args, message, hint):
    result = run_cli("list", "-f", LISTING, *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0] == f"Error: {message}"
    assert result.stderr.splitlines()[1].startswith(f"  hint: {hint}")


def test_validate_and_the_filters_give_the_same_suggestion(run_cli, tmp_path):
    """One matching function: the hint of an unknown actor in the data is the hint of `--actor` on the command line."""
    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("actors: [donald-trump]", "actors: [trmp]"),
                    encoding="utf-8")
    validated = run_cli("validate", path)
    assert "  hint: did you mean 'Trump' (actor donald-trump)? known actors: donald-trump" in validated.stdout
    filtered = run_cli("list", "-f", MINIMAL, "--actor", "trmp")
    assert filtered.stderr.splitlines()[1] == "  hint: did you mean 'Trump' (actor donald-trump)? known actors: " \
                                              "donald-trump"


def test_help_says_what_the_filters_take(run_cli):
    text = " ".join(run_cli("list", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "Topic id or name in either language" in text
    assert "Actor id, name or alias in either language" in text
    assert "Source id, or a publisher for all its articles" in text
    assert "Text in titles, summaries, notes, quotes or disputes" in text


# -- show ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["stargate-investment", "ＳＴＡＲＧＡＴＥ-ＩＮＶＥＳＴＭＥＮＴ", "Stargate investment",
                                   "investment period", "スターゲートの投資", "ｽﾀｰｹﾞｰﾄの投資"])
def test_show_takes_an_id_or_words_of_one_title_in_either_language(run_cli, typed):
    result = run_cli("show", typed, "-f", LISTING, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["event"]["id"] == "stargate-investment"


@pytest.mark.parametrize(("lang", "titles"), [
    ("en", ["stargate-announcement: SoftBank and OpenAI announce the Stargate project",
            "stargate-investment: Stargate investment period"]),
    ("ja", ["stargate-announcement: ", "stargate-investment: スターゲートの投資期間"]),
])
def test_show_with_words_of_several_titles_lists_them(run_cli, lang, titles):
    result = run_cli("show", "stargate", "-f", LISTING, "--lang", lang)
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 'stargate' is in the titles of 2 events: name one by its id"
    assert lines[1].startswith("  hint: " + titles[0]) and lines[2].startswith("        " + titles[1])


def test_show_of_nothing_close_says_where_the_ids_are(run_cli):
    result = run_cli("show", "qqqq", "-f", LISTING)
    assert result.exit_code == 2
    assert result.stderr == ("Error: unknown event 'qqqq'\n  hint: `timeline list` shows the ids, `timeline list -s "
                             "TEXT` the events whose text holds TEXT\n")


def test_the_library_finds_events_as_show_does():
    timeline = load_timeline([LISTING])
    assert find_event(timeline, "Order on digital").id == "crypto-order"
    assert find_event(timeline, "ＣＲＹＰＴＯ-ＯＲＤＥＲ").id == "crypto-order"


# -- search -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "where", "expected"), [
    ("Stargate investment", "title", ["stargate-investment"]),
    ("signed on Wednesday", "a dispute claim's quote", ["crypto-order"]),
    ("ＳＩＧＮＥＤ ON WEDNESDAY", "the same, full-width capitals", ["crypto-order"]),
    ("talks that ran until April", "a citation's quote", ["tariff-talks"]),
    ("デジタル資産に関する大統領令に署名した", "a quote in Japanese", ["crypto-order"]),
    ("four-year account", "notes, English", ["stargate-investment"]),
    ("4年説", "notes, Japanese", ["stargate-investment"]),
    ("Articles differ", "a dispute's note", ["stargate-investment"]),
    ("over five years", "what a claim says", ["stargate-investment"]),
    ("1月22日", "what a claim says, Japanese", ["crypto-order"]),
    ("duration", "what a dispute is about", ["stargate-investment"]),
])
def test_search_looks_in_every_text_of_an_event(run_cli, text, where, expected):
    assert ids_listed(run_cli, "-s", text) == expected, where


def test_search_does_not_look_in_ids_dates_or_sources_names(run_cli):
    for text in ("tariff-talks", "2025-01-23", "Reuters"):
        assert ids_listed(run_cli, "-s", text) == [], text
