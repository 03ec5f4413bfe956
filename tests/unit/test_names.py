"""names.py: how a typed name is matched to a registry id, and the "did you mean" for one that matches nothing."""

from __future__ import annotations

import pytest

from timeline.model import Actor, Text, Topic
from timeline.names import fold, name_index, names_of, suggest

TRUMP = Actor("donald-trump", Text("ドナルド・トランプ", "Donald Trump"), "person", ("Trump", "トランプ"))
SEC = Actor("sec", Text("米証券取引委員会", "Securities and Exchange Commission"), None, ("SEC",))
AI = Topic("ai-policy", Text("AI政策", "AI policy"))


@pytest.mark.parametrize(("typed", "folded"), [
    ("Trump", "trump"), ("ＴＲＵＭＰ", "trump"), ("Ｔｒｕｍｐ", "trump"), ("ｿﾌﾄﾊﾞﾝｸ", "ソフトバンク"), ("ＡＩ政策", "ai政策"),
    ("Straße", "strasse"), ("sec", "sec"),
])
def test_fold_is_case_and_width_insensitive(typed, folded):
    assert fold(typed) == folded


def test_names_of_an_actor_and_of_a_topic():
    assert names_of(TRUMP) == ("ドナルド・トランプ", "Donald Trump", "Trump", "トランプ")
    assert names_of(AI) == ("AI政策", "AI policy")


def test_name_index_maps_ids_names_and_aliases_to_the_id():
    index = name_index([TRUMP, SEC])
    for name in ("donald-trump", "Donald Trump", "Ｔｒｕｍｐ", "トランプ", "ﾄﾗﾝﾌﾟ", "ドナルド・トランプ"):
        assert index[fold(name)] == "donald-trump", name
    for name in ("sec", "SEC", "ｓｅｃ", "Securities and Exchange Commission"):
        assert index[fold(name)] == "sec", name
    assert fold("Trmp") not in index


def test_a_name_two_entries_share_goes_to_the_first():
    other = Actor("trump-org", Text("トランプ・オーガニゼーション", "Trump Organization"), "company", ("TRUMP",))
    assert name_index([TRUMP, other])["trump"] == "donald-trump"
    assert name_index([other, TRUMP])["trump"] == "trump-org"


@pytest.mark.parametrize(("typed", "candidates", "limit", "expected"), [
    ("ai-polcy", ["ai-policy", "crypto-policy", "trade"], 1, ["ai-policy"]),
    ("  AI-POLCY ", ["ai-policy", "crypto-policy"], 1, ["ai-policy"]),  # folded and stripped first
    ("ａｉ－ｐｏｌｃｙ", ["ai-policy"], 1, ["ai-policy"]),
    ("sports", ["ai-policy", "crypto-policy", "trade"], 1, []),  # nothing close enough
    ("stargate-invest", ["stargate-investment", "stargate-announcement", "crypto-order"], 3,
     ["stargate-investment", "stargate-announcement"]),
    ("x", [], 1, []),
])
def test_suggest_offers_the_closest_candidates(typed, candidates, limit, expected):
    assert suggest(typed, candidates, limit) == expected
