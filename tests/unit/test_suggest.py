"""names.suggest: the near misses a person makes, offered as "did you mean" by every command (validate, list,
show, add)."""

from __future__ import annotations

import pytest

from timeline.names import suggest

IDS = ["administration", "ai-infrastructure", "ai-policy", "crypto-policy", "export-controls", "markets",
       "trump-inauguration", "exchange-outage"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("ai-polcy", "ai-policy"),  # a letter left out
    ("crpto", "crypto-policy"),  # a letter left out of one word of the id
    ("cyrpto", "crypto-policy"),  # two letters swapped in one word
    ("exchnage-outage", "exchange-outage"),  # two letters swapped
    ("exchange-outge", "exchange-outage"),
    ("trump-inaguration", "trump-inauguration"),
    ("Markets", "markets"),  # case
    ("ｍａｒｋｅｔｓ", "markets"),  # width
    ("infrastructure", "ai-infrastructure"),  # one whole word of a longer id
])
def test_a_near_miss_is_offered(typed, expected):
    assert suggest(typed, IDS) == [expected]


@pytest.mark.parametrize("typed", ["zzz", "policy-of-nothing-at-all", "ai", "x"])
def test_nothing_close_offers_nothing(typed):
    assert suggest(typed, IDS) == []


def test_the_closest_comes_first_and_limit_is_kept():
    assert suggest("ai-policy-x", IDS, limit=2)[0] == "ai-policy"
    assert len(suggest("ai-policy-x", IDS, limit=2)) <= 2
