"""What `timeline verify` counts as the same, and how it says what differs (`timeline docs verify`)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from timeline.pipeline import load_timeline
from timeline.verify import fold, verify_quotes
from timeline.verify import alignment as aligning

DOCUMENT = """\
version: 1
title: {{ja: テスト, en: Test}}
topics:
  t: {{ja: 話題, en: Topic}}
actors: {{}}
sources:
  kiji:
    publisher: Example
    title: 見出し
    published: 2025-01-27
    language: ja
    archive: kiji.txt
events:
  - id: e
    date: 2025-01-23
    title: {{ja: 見出し, en: Title}}
    summary: {{ja: 概要。, en: Summary.}}
    topics: [t]
    citations:
{citations}
"""

JAPANESE = ("東日本大震災から12年。被災地の人口は27年ぶりに増えた。\n"
            "山田太郎市長は「復興は道半ばだ」と語った。市は来年度、新たな\n支援策を打ち出す。\n\n"
            "ＡＩ（人工知能）を使った見守りも始める。ｶﾀｶﾅの看板も残る。\n")
ENGLISH = ("The mayor said the recovery was far\nfrom over. He announced a new plan.\n\n"
           "The city will spend 300 million yen next year on the caf\u0065\u0301 district.\n")


def write(tmp_path: Path, article: str, *quotes: str) -> Path:
    """An event file citing `kiji.txt` (holding `article`) once for each quote; the file's path."""
    citations = "".join(f"      - source: kiji\n        quote: {json.dumps(quote, ensure_ascii=False)}\n"
                        for quote in quotes)
    events = tmp_path / "events.yaml"
    events.write_text(DOCUMENT.format(citations=citations), encoding="utf-8")
    (tmp_path / "archive").mkdir(exist_ok=True)
    (tmp_path / "archive" / "kiji.txt").write_text(article, encoding="utf-8")
    return events


def problems(tmp_path: Path, article: str, *quotes: str):
    return verify_quotes(load_timeline([write(tmp_path, article, *quotes)]), tmp_path / "archive")


# -- what is not a difference in wording ------------------------------------------------------------------------

@pytest.mark.parametrize(("article", "quote"), [
    (JAPANESE, "27年ぶりに増えた。山田太郎市長は"),  # a paragraph break between sentences, no space typed
    (JAPANESE, "市は来年度、新たな支援策を打ち出す。"),  # a line wrap inside a sentence
    (JAPANESE, "打ち出す。ＡＩ（人工知能）"),  # a blank line between paragraphs
    (JAPANESE, "27年ぶりに増えた。 山田太郎市長は"),  # a space typed where the article breaks the line
    (JAPANESE, "27年ぶりに増えた。\u3000山田太郎市長は"),  # an ideographic space
    (JAPANESE, "AI(人工知能)を使った見守り"),  # full-width forms in the article, ASCII in the quote
    (JAPANESE, "カタカナの看板"),  # half-width katakana in the article
    ("ＡＩ規制の方針", "ＡＩ 規制の方針"),
    (ENGLISH, "the recovery was far from over."),  # an English line break is one space
    (ENGLISH, "far  from\tover."),  # runs of white space
    (ENGLISH, "on the café district."),  # NFD in the article, NFC in the quote
    ("the commis\u00adsion and the\u200bboard", "the commission and theboard"),  # soft hyphen, zero-width space
])
def test_layout_and_character_forms_are_not_differences(tmp_path, article, quote):
    assert problems(tmp_path, article, quote) == []


BIDI_MARKS = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
              "\u2069", "\u061c"]


@pytest.mark.parametrize("mark", BIDI_MARKS, ids=lambda mark: f"U+{ord(mark):04X}")
def test_a_bidi_control_in_the_article_is_not_a_difference(tmp_path, mark):
    """A page with right-to-left text (or a CMS) leaves direction marks in a copied article, invisible to whoever
    copies the quote from it: they are format characters, ignored like the zero-width space."""
    article = f"市長は「復興は{mark}道半ばだ」と語った。The office in Tel Aviv{mark} opened{mark} on Monday.\n"
    assert problems(tmp_path, article, "市長は「復興は道半ばだ」と語った。", "Tel Aviv opened on Monday") == []


@pytest.mark.parametrize("mark", BIDI_MARKS, ids=lambda mark: f"U+{ord(mark):04X}")
def test_a_bidi_control_in_the_quote_is_not_a_difference(mark):
    """The quote is folded as the article is (the validator still reports the mark in the data: bidi-control)."""
    article = fold("市長は「復興は道半ばだ」と語った。The office in Tel Aviv opened on Monday.")
    for quote in (f"復興は{mark}道半ば", f"{mark}Tel Aviv opened{mark}", f"Tel Aviv{mark} opened"):
        assert fold(quote).text in article.text


@pytest.mark.parametrize(("raw", "compared"), [
    ("a\n\n b", "a b"),
    ("\u3000x\u3000y ", "x y"),
    ("e\u0301", "\u00e9"),  # NFC
    ("ＡＩ２０２５", "AI2025"),  # width forms, as NFKC folds them
    ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width katakana, voiced marks composed
    ("ぶり。\n\n山田", "ぶり。山田"),  # no space where Japanese meets a break
    ("AI\n規制", "AI規制"),
    ("①㈱…", "①㈱…"),  # other compatibility characters are not folded
    ("「」“”", "「」“”"),  # nor are quotation marks
    ("Case", "Case"),  # nor case
])
def test_the_compared_form(raw, compared):
    assert fold(raw).text == compared


# -- what is, and how it is said ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("article", "quote", "reason", "marked"), [
    (JAPANESE, "山田太郎市長は“復興は道半ばだ”と語った",
     "the quotation marks differ: the article has 「」, the quote “”",
     "山田太郎市長は[-「-]{+“+}復興は道半ばだ[-」-]{+”+}と語った"),
    (JAPANESE, "被災地の人口は28年ぶりに増えた", "a number differs: the article has 27, the quote 28",
     "人口は2[-7-]{+8+}年ぶり"),
    (JAPANESE, "被災地の人口は27年ぶりに増えた。市は来年度、", "the quote leaves out a sentence the article has there",
     "増えた。[-山田太郎市長は「復興は道半ばだ」と語った。-]市は来年度"),
    (JAPANESE, "と語った。市長は涙を見せた。市は来年度", "the quote has a sentence the article does not have there",
     "と語った。{+市長は涙を見せた。+}市は来年度"),
    (JAPANESE, "山田花子市長は「復興は道半ばだ」", "the wording differs in one place", "山田[-太郎-]{+花子+}市長は"),
    (ENGLISH, "The Mayor said the recovery", "capital and small letters differ", "The [-m-]{+M+}ayor said"),
    (ENGLISH, "far from over. The city will spend", "the quote leaves out a sentence the article has there",
     "over.[- He announced a new plan.-] The city"),
    (ENGLISH, 'The mayor said "the recovery was far from over."',
     'the quotation marks differ: the article has none, the quote "', 'said {+"+}the recovery'),
])
def test_a_miss_names_what_differs_and_marks_it_in_the_archive_s_own_text(tmp_path, article, quote, reason, marked):
    [problem] = problems(tmp_path, article, quote)
    assert problem.code == "quote-not-found"
    assert f"; {reason}; closest passage: " in problem.message
    assert marked in problem.message
    assert "[-…-] is the article's text, {+…+} the quote's" in problem.hint


def test_the_passage_shown_is_the_archive_s_own_characters(tmp_path):
    """Compared folded, shown as archived: full-width letters and half-width katakana stay as the article has them."""
    [problem] = problems(tmp_path, JAPANESE, "AI(人工知能)を使った見守りも始めた。カタカナの看板")
    assert "ＡＩ（人工知能）を使った見守りも始め[-る-]{+た+}。ｶﾀｶﾅの看板" in problem.message


def test_a_quote_far_from_every_passage_gets_the_closest_unmarked(tmp_path):
    [problem] = problems(tmp_path, JAPANESE, "全く関係のない文章です")
    assert "closest passage (" in problem.message and "% alike)" in problem.message
    assert "[-" not in problem.message and "{+" not in problem.message


def test_many_differences_are_bounded_and_counted(tmp_path):
    article = "".join(f"第{n}段落の文章はここで終わる。" for n in range(400))
    quote = "".join(f"第{n}段落の文章はここで終った。" for n in range(100, 160))
    [problem] = problems(tmp_path, article, quote)
    assert len(problem.message) < 600
    assert "the wording differs in at least 16 places" in problem.message
    assert problem.message.endswith(" (more differences further on)")


def test_the_documented_example_is_what_verify_prints(tmp_path, run_cli):
    """The example in `timeline docs verify` is the real output, byte for byte but for the file's path."""
    from timeline.reference import read

    page = read("verify")
    example = page.split("```text\n", 1)[1].split("```", 1)[0]
    quote = re.search(r'quote not found in kiji\.txt: "([^"]+)"', example)[1]
    events = write(tmp_path, JAPANESE, quote)
    result = run_cli("verify", "--archive", tmp_path / "archive", events)
    assert result.exit_code == 1
    assert result.stdout.replace(str(events), "events.yaml") == example


def test_the_marks_survive_json_and_a_pipe(tmp_path, run_subprocess):
    events = write(tmp_path, JAPANESE, "被災地の人口は28年ぶりに増えた")
    done = run_subprocess("verify", "--archive", tmp_path / "archive", "--format", "json", events)
    [problem] = json.loads(done.stdout)["problems"]
    assert "人口は2[-7-]{+8+}年ぶり" in problem["message"] and "\x1b" not in done.stdout
    piped = run_subprocess("verify", "--archive", tmp_path / "archive", events, env={"FORCE_COLOR": ""})
    assert "人口は2[-7-]{+8+}年ぶり" in piped.stdout and "\x1b[" not in piped.stdout


# -- the way back from the compared form to the archive's text --------------------------------------------------

PIECES = ["a", "b", " ", "あ", "い", "。", "「", "」", "Ａ", "Ｂ", "ｶﾞ", "ﾞ", "ｶ", "\n", "\u3000", "e\u0301",
          "\u200b", ",", "\t\t", "  ", "\u00ad"]


def test_every_stretch_of_the_compared_form_maps_back_to_text_that_compares_the_same():
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 10)))
        folded = fold(text)
        assert fold(folded.text).text == folded.text  # folding twice is folding once
        for start in range(len(folded.text) + 1):
            for end in range(start, len(folded.text) + 1):
                low, high = folded.source_span(start, end)
                assert 0 <= low <= high <= len(text)
                assert fold(text[low:high]).text == fold(folded.text[start:end]).text, (text, start, end)


def test_alignment_work_is_bounded_for_a_quote_unlike_its_passage():
    """Each difference costs a difflib window and a few str.find calls; after MAX_CHANGES it stops."""
    rng = random.Random(3)
    text = "".join(rng.choice("あいうえお。") for _ in range(50_000))
    quote = "".join(character if at % 5 else "X" for at, character in enumerate(text[20_000:22_000]))
    found = aligning.Closest(20_000, 22_000, 0.8, 20_000)
    alignment = aligning.align(quote, text, found)
    assert len(alignment.changes) <= aligning.MAX_CHANGES and not alignment.complete



@pytest.mark.parametrize("quote", ["\u00ad", "\u2060", "\ufeff\u200b", "\u00ad\u00ad \u3000"])
def test_a_quote_of_only_ignored_characters_is_never_found(tmp_path, quote):
    """An empty string is in every article: a quote that folds to nothing fails, never passes as found."""
    found = problems(tmp_path, JAPANESE, quote)
    assert [problem.code for problem in found] == ["quote-not-found"]
    assert "nothing to look for" in found[0].message
