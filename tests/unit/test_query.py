"""Filter semantics (query.py), table-driven over tests/data/good/listing.yaml.

The fixture's events, in the one order (order.py):
    trump-inauguration     2025-01-20          ai-policy        trump
    stargate-announcement  2025-01-21          ai-policy        trump, softbank, openai
    stargate-investment    2025-01-21/2029-01  ai-policy        softbank, openai   (dispute cites reuters)
    crypto-order           2025-01-23~         crypto-policy    trump              (dispute cites reuters)
    markup-title           2025-01-25          trade            -
    ai-rules-review        2025-01             ai-policy        trump
    tariff-review          2025-03?            trade            trump
    tariff-talks           ../2025-04          trade            trump
    stablecoin-regime      2025-07/..          crypto, ai       sec
    crypto-rules-draft     2025-22~            crypto-policy    sec
    tariff-deadline        2025-12-01          trade            trump              (scheduled)
    ai-action-plan         2025                ai-policy        trump

For the date window an open or unknown side reads as the known one: tariff-talks is April 2025, stablecoin-regime
July 2025.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from timeline.dates import parse_edtf, parse_human
from timeline.errors import ExitCode, UsageError
from timeline.query import Filter, find_event, fold, query, registry_entries, resolve_filter
from timeline.pipeline import load_timeline
from conftest import TESTS

FIXTURE = TESTS / "data" / "good" / "listing.yaml"

ALL = [
    "trump-inauguration", "stargate-announcement", "stargate-investment", "crypto-order", "markup-title",
    "ai-rules-review", "tariff-review", "tariff-talks", "stablecoin-regime", "crypto-rules-draft", "tariff-deadline",
    "ai-action-plan",
]  # fmt: skip
TRUMP = ["trump-inauguration", "stargate-announcement", "crypto-order", "ai-rules-review", "tariff-review",
         "tariff-talks", "tariff-deadline", "ai-action-plan"]  # fmt: skip
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
        pytest.param(Filter(topics=("crypto-policy",)), ["crypto-order", "stablecoin-regime", "crypto-rules-draft"],
                     id="one topic"),
        pytest.param(Filter(topics=("crypto-policy", "trade")),
                     ["crypto-order", "markup-title", "tariff-review", "tariff-talks", "stablecoin-regime",
                      "crypto-rules-draft", "tariff-deadline"], id="any of two topics"),
        pytest.param(Filter(topics=("crypto-policy", "ai-policy"), all_topics=True), ["stablecoin-regime"],
                     id="all of two topics"),
        pytest.param(Filter(topics=("crypto-policy", "trade"), all_topics=True), [], id="all: none has both"),
        pytest.param(Filter(topics=("trade", "trade")), ["markup-title", "tariff-review", "tariff-talks",
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
        ("ＳＥＣ", ["stablecoin-regime", "crypto-rules-draft"]),  # full-width Latin
        ("証券取引委員会", ["stablecoin-regime", "crypto-rules-draft"]),
    ],
)
def test_actor_by_id_name_or_alias(timeline, name, expected):
    assert ids(timeline, Filter(actors=(name,))) == expected


def test_several_actors_match_any(timeline):
    assert ids(timeline, Filter(actors=("sec", "openai"))) == [*STARGATE, "stablecoin-regime", "crypto-rules-draft"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # citations and the claims of disputes both count
        ("reuters-2025-01-22", ["stargate-announcement", "stargate-investment", "crypto-order", "ai-rules-review"]),
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
                     ["stargate-investment", "tariff-review", "tariff-talks", "stablecoin-regime", "crypto-rules-draft",
                      "tariff-deadline", "ai-action-plan"], id="from a month: overlapping, an open start read as its end"),
        pytest.param(None, "2025-01", False,
                     ["trump-inauguration", "stargate-announcement", "stargate-investment", "crypto-order",
                      "markup-title", "ai-rules-review", "ai-action-plan"],
                     id="to a month includes all of it, not an open start ending later"),
        pytest.param("2025-01", "2025-01", True,
                     ["trump-inauguration", "stargate-announcement", "crypto-order", "markup-title", "ai-rules-review"],
                     id="strict: certainly inside January"),
        pytest.param("2025-22", "2025-22", False,
                     ["stargate-investment", "stablecoin-regime", "crypto-rules-draft", "ai-action-plan"],
                     id="season window: June to August"),
        pytest.param("summer 2025", "summer 2025", True, ["stablecoin-regime", "crypto-rules-draft"],
                     id="strict season, written out: an open end read as its start"),
        pytest.param("2025-06", "2025-06", False, ["stargate-investment", "crypto-rules-draft", "ai-action-plan"],
                     id="a summer event overlaps June"),
        pytest.param("2025-06", "2025-06", True, [], id="but is not certainly in June"),
        pytest.param("2025-01-23", "2025-01-23", True, ["crypto-order"], id="approximate day: exactly its day"),
        pytest.param("2025-01-24", "2025-01-24", False, ["stargate-investment", "ai-rules-review", "ai-action-plan"],
                     id="approximate does not widen the bounds"),
        pytest.param("2025-03", "2025-03", True, ["tariff-review"], id="uncertain month keeps its bounds"),
        pytest.param("2025-07/..", None, False,
                     ["stargate-investment", "stablecoin-regime", "crypto-rules-draft", "tariff-deadline",
                      "ai-action-plan"], id="an open interval as the start"),
        pytest.param("2025-08", None, True, ["tariff-deadline"], id="strict: an open end is read as its start"),
        pytest.param(None, "2025-04", True,
                     ["trump-inauguration", "stargate-announcement", "crypto-order", "markup-title", "ai-rules-review",
                      "tariff-review", "tariff-talks"], id="strict, window open at the start: an open start fits"),
        pytest.param("2025年12月", "2025年12月", False, ["stargate-investment", "tariff-deadline", "ai-action-plan"],
                     id="Japanese month"),
        pytest.param("Jan. 20, 2025", "Jan 20, 2025", False,
                     ["trump-inauguration", "ai-rules-review", "ai-action-plan"], id="written day"),
        pytest.param("2026", "2026", False, ["stargate-investment"], id="later year"),
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
        (Filter(reverse=True, limit=2), ["ai-action-plan", "tariff-deadline"]),  # newest two
        (Filter(topics=("crypto-policy",), reverse=True, limit=1), ["crypto-rules-draft"]),
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
        (Filter(topics=("ai-polcy",)), "unknown topic 'ai-polcy'\n  hint: did you mean 'ai-policy'? "
                                       "known topics: ai-policy, crypto-policy, trade"),
        (Filter(topics=("sports",)), "unknown topic 'sports'\n  hint: known topics: ai-policy, crypto-policy, trade"),
        (Filter(actors=("Trmp",)), "did you mean 'Trump' (actor donald-trump)?"),
        (Filter(actors=("soft-bank",)), "did you mean 'softbank'?"),
        (Filter(sources=("reuters-2025-01-23",)), "did you mean 'reuters-2025-01-22'?"),
    ],
)
def test_unknown_names_are_usage_errors_with_suggestions(timeline, selection, message):
    with pytest.raises(UsageError) as raised:
        resolve_filter(timeline, selection)
    assert message in f"{raised.value}\n  hint: {raised.value.hint}"
    assert raised.value.exit_code is ExitCode.USAGE


def test_resolve_filter_maps_names_to_ids(timeline):
    resolved = resolve_filter(timeline, Filter(actors=("Trump", "トランプ", "SBG")))
    assert resolved.actors == ("donald-trump", "softbank")


def test_window_bounds_come_from_the_precision_of_the_dates():
    # `--to 2025-05` reaches the last day of May; `--from summer 2025` starts on June 1.
    assert parse_human("2025-05").latest.isoformat() == "2025-05-31"
    assert parse_human("summer 2025").earliest.isoformat() == "2025-06-01"
    assert parse_human("summer 2025") == parse_edtf("2025-22")


# -- one event, and the registry entries a listing shows -----------------------------------------------------------


def test_find_event_returns_the_event(timeline):
    assert find_event(timeline, "crypto-order") is timeline.event("crypto-order")


@pytest.mark.parametrize(("typed", "message"), [
    ("stargate-invest", "unknown event 'stargate-invest'\n  hint: did you mean 'stargate-investment' (Stargate "
                        "investment period), 'stargate-announcement' ("),
    ("ＣＲＹＰＴＯ-ＯＲＤＲ", "did you mean 'crypto-order'"),  # the suggestion folds case and width
    ("zzz", "unknown event 'zzz'\n  hint: `timeline list` shows the ids"),
])
def test_find_event_names_the_closest_ids(timeline, typed, message):
    with pytest.raises(UsageError) as raised:
        find_event(timeline, typed)
    assert message in f"{raised.value}\n  hint: {raised.value.hint}"


def test_registry_entries_are_all_without_a_filter_and_the_used_ones_with(timeline):
    assert registry_entries(timeline, "topics", Filter(), set()) == list(timeline.topics.values())
    used = {"trade"}
    assert [topic.id for topic in registry_entries(timeline, "topics", Filter(search="tariff"), used)] == ["trade"]
    with pytest.raises(ValueError, match="unknown registry"):
        registry_entries(timeline, "events", Filter(), set())


# -- the package's own names: `timeline.query(...)` and `timeline.validate(...)` ------------------------------------

API_SCRIPT = """
import sys
from pathlib import Path
{first}
import timeline
from timeline.load import load_file

fixture = Path(sys.argv[1])
tl = timeline.load_timeline([fixture])
print(len(timeline.query(tl, timeline.Filter(topics=("ai-policy",)))))
print(len(timeline.validate([load_file(fixture)])[1]))
import timeline.query as q
print(q.Filter is timeline.Filter, "selection" in str(__import__("inspect").signature(timeline.query)))
"""


@pytest.mark.parametrize("first", [
    "", "from timeline.query import Filter", "import timeline.render.html", "import timeline.validate.fastpath as f",
    "from timeline.validate import validate", "import timeline\ntimeline.query, timeline.validate",
])
def test_the_packages_query_and_validate_can_be_called_whatever_was_imported_first(first, tmp_path):
    """The README's `timeline.query(tl, ...)`: a hostile review found that once anything had imported the submodule
    (`from timeline.query import Filter`, or the html page, which does), `timeline.query` was the module, and calling
    it raised TypeError. Each import order, in a fresh interpreter."""
    import subprocess
    import sys

    from conftest import subprocess_environment

    script = tmp_path / "api.py"
    script.write_text(API_SCRIPT.format(first=first), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(FIXTURE)], capture_output=True, text=True,
                          env=subprocess_environment(), timeout=60)
    assert done.returncode == 0, done.stderr
    from timeline.load import load_file
    from timeline.validate import validate

    selected = len(query(load_timeline([FIXTURE]), Filter(topics=("ai-policy",))))
    problems = len(validate([load_file(FIXTURE)])[1])
    assert done.stdout.split() == [str(selected), str(problems), "True", "True"]
