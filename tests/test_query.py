"""Filter semantics (query.py), table-driven over tests/data/good/listing.yaml.

The fixture's events, in chronological order:
    tariff-talks           ../2025-04          trade            trump
    ai-action-plan         2025                ai-policy        trump
    ai-rules-review        2025-01             ai-policy        trump
    trump-inauguration     2025-01-20          ai-policy        trump
    stargate-announcement  2025-01-21          ai-policy        trump, softbank, openai
    stargate-investment    2025-01-21/2029-01  ai-policy        softbank, openai   (dispute cites reuters)
    crypto-order           2025-01-23~         crypto-policy    trump              (dispute cites reuters)
    markup-title           2025-01-25          trade            -
    tariff-review          2025-03?            trade            trump
    crypto-rules-draft     2025-22~            crypto-policy    sec
    stablecoin-regime      2025-07/..          crypto, ai       sec
    tariff-deadline        2025-12-01          trade            trump              (scheduled)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from timeline.dates import parse_edtf, parse_human
from timeline.errors import ExitCode, UsageError
from timeline.query import Filter, fold, query, resolve_filter
from timeline.validate import load_timeline

FIXTURE = Path(__file__).parent / "data" / "good" / "listing.yaml"

ALL = [
    "tariff-talks", "ai-action-plan", "ai-rules-review", "trump-inauguration", "stargate-announcement",
    "stargate-investment", "crypto-order", "markup-title", "tariff-review", "crypto-rules-draft",
    "stablecoin-regime", "tariff-deadline",
]  # fmt: skip
TRUMP = ["tariff-talks", "ai-action-plan", "ai-rules-review", "trump-inauguration", "stargate-announcement",
         "crypto-order", "tariff-review", "tariff-deadline"]  # fmt: skip
STARGATE = ["stargate-announcement", "stargate-investment"]


@pytest.fixture(scope="module")
def timeline():
    return load_timeline([FIXTURE])


def ids(timeline, selection: Filter) -> list[str]:
    """Resolve names as the CLI does, then query."""
    return [event.id for event in query(timeline, resolve_filter(timeline, selection))]


def window(start: str | None, end: str | None, *, strict: bool = False) -> Filter:
    """A date window as the CLI builds it from --from/--to (lenient parsing)."""
    return Filter(
        date_from=parse_human(start) if start else None,
        date_to=parse_human(end) if end else None,
        strict_dates=strict,
    )


def test_no_filter_keeps_everything_in_chronological_order(timeline):
    assert ids(timeline, Filter()) == ALL


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        pytest.param(Filter(topics=("crypto-policy",)), ["crypto-order", "crypto-rules-draft", "stablecoin-regime"],
                     id="one topic"),
        pytest.param(Filter(topics=("crypto-policy", "trade")),
                     ["tariff-talks", "crypto-order", "markup-title", "tariff-review", "crypto-rules-draft",
                      "stablecoin-regime", "tariff-deadline"], id="any of two topics"),
        pytest.param(Filter(topics=("crypto-policy", "ai-policy"), all_topics=True), ["stablecoin-regime"],
                     id="all of two topics"),
        pytest.param(Filter(topics=("crypto-policy", "trade"), all_topics=True), [], id="all: none has both"),
        pytest.param(Filter(topics=("trade", "trade")), ["tariff-talks", "markup-title", "tariff-review",
                                                         "tariff-deadline"], id="repeated topic"),
    ],
)  # fmt: skip
def test_topics(timeline, selection, expected):
    assert ids(timeline, selection) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("softbank", STARGATE),  # id
        ("SoftBank", STARGATE),  # alias
        ("sbg", STARGATE),  # alias, other case
        ("ソフトバンク", STARGATE),  # Japanese alias
        ("ソフトバンクグループ", STARGATE),  # Japanese name
        ("SoftBank Group", STARGATE),  # English name
        ("donald-trump", TRUMP),
        ("Trump", TRUMP),
        ("TRUMP", TRUMP),
        ("トランプ", TRUMP),
        ("ﾄﾗﾝﾌﾟ", TRUMP),  # half-width katakana folds to トランプ
        ("ＳＥＣ", ["crypto-rules-draft", "stablecoin-regime"]),  # full-width Latin
        ("証券取引委員会", ["crypto-rules-draft", "stablecoin-regime"]),
    ],
)
def test_actor_by_id_name_or_alias(timeline, name, expected):
    assert ids(timeline, Filter(actors=(name,))) == expected


def test_several_actors_match_any(timeline):
    assert ids(timeline, Filter(actors=("sec", "openai"))) == [*STARGATE, "crypto-rules-draft", "stablecoin-regime"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # citations and the claims of disputes both count
        ("reuters-2025-01-22", ["ai-rules-review", "stargate-announcement", "stargate-investment", "crypto-order"]),
        ("nikkei-2025-01-22", STARGATE),
        ("example-2025-01-27", ["trump-inauguration", "crypto-order", "markup-title"]),
    ],
)
def test_source(timeline, source, expected):
    assert ids(timeline, Filter(sources=(source,))) == expected


@pytest.mark.parametrize(
    ("start", "end", "strict", "expected"),
    [
        pytest.param("2025-02", None, False,
                     ["tariff-talks", "ai-action-plan", "stargate-investment", "tariff-review", "crypto-rules-draft",
                      "stablecoin-regime", "tariff-deadline"], id="from a month: overlapping, open start included"),
        pytest.param(None, "2025-01", False,
                     ["tariff-talks", "ai-action-plan", "ai-rules-review", "trump-inauguration",
                      "stargate-announcement", "stargate-investment", "crypto-order", "markup-title"],
                     id="to a month includes all of it"),
        pytest.param("2025-01", "2025-01", True,
                     ["ai-rules-review", "trump-inauguration", "stargate-announcement", "crypto-order", "markup-title"],
                     id="strict: certainly inside January"),
        pytest.param("2025-22", "2025-22", False,
                     ["ai-action-plan", "stargate-investment", "crypto-rules-draft", "stablecoin-regime"],
                     id="season window: June to August"),
        pytest.param("summer 2025", "summer 2025", True, ["crypto-rules-draft"], id="strict season, written out"),
        pytest.param("2025-06", "2025-06", False, ["ai-action-plan", "stargate-investment", "crypto-rules-draft"],
                     id="a summer event overlaps June"),
        pytest.param("2025-06", "2025-06", True, [], id="but is not certainly in June"),
        pytest.param("2025-01-23", "2025-01-23", True, ["crypto-order"], id="approximate day: exactly its day"),
        pytest.param("2025-01-24", "2025-01-24", False,
                     ["tariff-talks", "ai-action-plan", "ai-rules-review", "stargate-investment"],
                     id="approximate does not widen the bounds"),
        pytest.param("2025-03", "2025-03", True, ["tariff-review"], id="uncertain month keeps its bounds"),
        pytest.param("2025-07/..", None, False,
                     ["ai-action-plan", "stargate-investment", "crypto-rules-draft", "stablecoin-regime",
                      "tariff-deadline"], id="an open interval as the start"),
        pytest.param("2025-08", None, True, ["tariff-deadline"], id="strict: open ends are never certainly inside"),
        pytest.param(None, "2025-04", True,
                     ["tariff-talks", "ai-rules-review", "trump-inauguration", "stargate-announcement", "crypto-order",
                      "markup-title", "tariff-review"], id="strict, window open at the start: an open start fits"),
        pytest.param("2025年12月", "2025年12月", False, ["ai-action-plan", "stargate-investment", "stablecoin-regime",
                                                       "tariff-deadline"], id="Japanese month"),
        pytest.param("Jan. 20, 2025", "Jan 20, 2025", False,
                     ["tariff-talks", "ai-action-plan", "ai-rules-review", "trump-inauguration"], id="written day"),
        pytest.param("2026", "2026", False, ["stargate-investment", "stablecoin-regime"], id="later year"),
    ],
)  # fmt: skip
def test_date_window(timeline, start, end, strict, expected):
    assert ids(timeline, window(start, end, strict=strict)) == expected


def test_strict_without_a_window_changes_nothing(timeline):
    assert ids(timeline, Filter(strict_dates=True)) == ALL


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("stargate", STARGATE),
        ("STARGATE", STARGATE),
        ("ＳＴＡＲＧＡＴＥ", STARGATE),  # full-width Latin
        ("スターゲート", STARGATE),
        ("ｽﾀｰｹﾞｰﾄ", STARGATE),  # half-width katakana
        ("predecessor", ["ai-rules-review"]),  # English summary only
        ("前政権", ["ai-rules-review"]),  # Japanese summary only
        ("  stargate  ", STARGATE),  # surrounding spaces are not part of the search
        ("[bold red]", ["markup-title"]),  # brackets are text, not a pattern
        ("no such words", []),
    ],
)
def test_search(timeline, needle, expected):
    assert ids(timeline, Filter(search=needle)) == expected


def test_full_width_ai_finds_ascii_ai(timeline):
    found = ids(timeline, Filter(search="ＡＩ"))
    assert found == ids(timeline, Filter(search="ai")) == ids(timeline, Filter(search="AI"))
    assert {"ai-action-plan", "ai-rules-review", "stargate-announcement"} <= set(found)


def test_fold():
    assert fold("ＡＩ") == fold("AI") == "ai"
    assert fold("ｿﾌﾄﾊﾞﾝｸ") == "ソフトバンク"


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Filter(limit=2), ALL[:2]),
        (Filter(limit=0), []),
        (Filter(limit=100), ALL),
        (Filter(reverse=True), ALL[::-1]),
        (Filter(reverse=True, limit=2), ["tariff-deadline", "stablecoin-regime"]),  # newest two
        (Filter(topics=("crypto-policy",), reverse=True, limit=1), ["stablecoin-regime"]),
    ],
)
def test_limit_and_reverse(timeline, selection, expected):
    assert ids(timeline, selection) == expected


def test_filters_combine_with_and(timeline):
    selection = replace(window("2025-01", "2025-01"), topics=("ai-policy",), actors=("openai",), search="project")
    assert ids(timeline, selection) == ["stargate-announcement"]


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Filter(topics=("ai-polcy",)), "unknown topic 'ai-polcy'. Did you mean 'ai-policy'? "
                                       "Known topics: ai-policy, crypto-policy, trade"),
        (Filter(topics=("sports",)), "unknown topic 'sports'. Known topics: ai-policy, crypto-policy, trade"),
        (Filter(actors=("Trmp",)), "Did you mean 'donald-trump'?"),
        (Filter(actors=("soft-bank",)), "Did you mean 'softbank'?"),
        (Filter(sources=("reuters-2025-01-23",)), "Did you mean 'reuters-2025-01-22'?"),
    ],
)
def test_unknown_names_are_usage_errors_with_suggestions(timeline, selection, message):
    with pytest.raises(UsageError) as raised:
        resolve_filter(timeline, selection)
    assert message in str(raised.value)
    assert raised.value.exit_code is ExitCode.USAGE


def test_resolve_filter_maps_names_to_ids(timeline):
    resolved = resolve_filter(timeline, Filter(actors=("Trump", "トランプ", "SBG")))
    assert resolved.actors == ("donald-trump", "softbank")


def test_window_bounds_come_from_the_precision_of_the_dates():
    # `--to 2025-05` reaches the last day of May; `--from summer 2025` starts on June 1.
    assert parse_human("2025-05").latest.isoformat() == "2025-05-31"
    assert parse_human("summer 2025").earliest.isoformat() == "2025-06-01"
    assert parse_human("summer 2025") == parse_edtf("2025-22")
