"""Terminal tables for both scripts: ids never broken, Japanese line-breaking rules, counts in the output language."""

from __future__ import annotations

import random
import re

import pytest
from rich.cells import cell_len

from timeline.render.wrap import NO_END, NO_START, column_widths, narrowest, wrap

LONG_ID = "crypto-futures-positions-top-200-billion"  # 40 characters: as wide as the narrowest table

EVENTS = """\
version: 1
title: {{ja: テスト, en: Test}}
topics:
  markets: {{ja: 市場動向, en: Markets}}
  leverage-and-lending: {{ja: レバレッジ・貸付, en: Leverage and lending}}
actors: {{}}
sources:
  s:
    publisher: Example
    title: Headline
    published: 2025-12-01
    language: en
events:
  - id: {long_id}
    date: 2025-23
    title: {{ja: 暗号資産先物のポジション、2000億ドル超に, en: Crypto futures positions exceeded $200 billion}}
    summary: {{ja: 投資家による暗号資産先物契約のポジション規模は、2000億ドルを超えていた。, en: Positions grew.}}
    topics: [leverage-and-lending, markets]
    citations:
      - source: s
        quote: "q"
  - id: quote-marks
    date: 2025-01-20
    title: {{ja: 市長は「復興は道半ばだ」と語り、「支援を続ける」と述べた, en: The mayor spoke}}
    summary: {{ja: 概要。, en: Summary.}}
    topics: [markets]
    citations:
      - source: s
        quote: "q"
"""


@pytest.mark.parametrize(("text", "width", "lines"), [
    # a closing mark comes down with the character before it: no line starts with 、。」
    ("トランプ氏、AI政策", 10, ["トランプ", "氏、AI政策"]),
    ("市長は「復興だ」と", 12, ["市長は「復興", "だ」と"]),
    ("述べた。」次に", 12, ["述べた。」次", "に"]),
    # an opening mark goes down with the character after it: no line ends with 「
    ("市長は「復興", 8, ["市長は", "「復興"]),
    # words of letters and digits stay whole; a number keeps its unit
    ("ソフトバンクとオープンAIが", 12, ["ソフトバンク", "とオープンAI", "が"]),
    ("時価総額100億ドル", 10, ["時価総額", "100億ドル"]),
    ("$TRUMPが急騰", 8, ["$TRUMPが", "急騰"]),
    # English breaks at spaces; a word longer than the line is cut by cells, an id never
    ("Crypto futures positions exceeded", 16, ["Crypto futures", "positions", "exceeded"]),
    ("a verylongword b", 6, ["a", "verylo", "ngword", "b"]),
    # names in a list go whole to the next line when they fit there
    ("Trump, トランプ, トランプ大統領", 24, ["Trump, トランプ,", "トランプ大統領"]),
])
def test_lines_break_where_a_reader_expects(text, width, lines):
    assert wrap(text, width) == lines


def test_an_id_is_never_cut_even_when_longer_than_the_line():
    assert wrap(LONG_ID, 20, whole=True) == [LONG_ID]
    assert narrowest(LONG_ID, whole=True) == 40 and narrowest("政権・人事") == 4


JAPANESE = "あいうえおかきくけこ政府規制市場投資委員会、。「」『』（）ー々ッャAI2025年 $"


def test_no_line_starts_with_closing_punctuation_or_ends_with_opening():
    """Random Japanese at random widths: every break keeps JIS X 4051's line-start and line-end rules, unless a
    single piece is wider than the line and had to be cut."""
    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choice(JAPANESE) for _ in range(rng.randint(1, 60))).strip() or "あ"
        text = re.sub(r"(?<=[「『（]) | (?=[、。」』）ーャッ々])", "", text)  # no space inside brackets: not Japanese
        width = rng.randint(4, 30)
        lines = wrap(text, width)
        assert all(cell_len(line) <= width for line in lines), (text, width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        if narrowest(text) <= width:
            assert not any(line[0] in NO_START and not line[0].isascii() for line in lines[1:]), (text, lines)
            assert not any(line[-1] in NO_END and not line[-1].isascii() for line in lines[:-1]), (text, lines)


@pytest.mark.parametrize(("least", "most", "grows", "room", "widths"), [
    ([6, 21], [18, 49], [False, True], 38, [17, 21]),  # the title keeps room for its longest id
    ([6, 10], [18, 30], [False, True], 60, [18, 42]),  # spare room goes to the title
    ([6, 40], [18, 49], [False, True], 38, None),  # the id does not fit beside the date
    ([4, 4, 3], [16, 18, 3], [False, False, False], 30, [13, 14, 3]),  # short of room: the widest give first
])
def test_column_widths(least, most, grows, room, widths):
    assert column_widths(least, most, grows, room) == widths


@pytest.fixture
def events(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(EVENTS.format(long_id=LONG_ID), encoding="utf-8")
    return path


TERMINAL = {"FORCE_COLOR": "1", "NO_COLOR": "1"}  # a terminal without colour: bold and dim only
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("columns", ["40", "60", "80", "100", "200"])
def test_every_id_in_a_terminal_table_is_on_one_line_and_opens_in_show(run_cli, events, lang, columns):
    result = run_cli("list", "-f", events, "--lang", lang, env={**TERMINAL, "COLUMNS": columns})
    assert result.exit_code == 0
    lines = ANSI.sub("", result.stdout).splitlines()
    assert max(cell_len(line.rstrip()) for line in lines) <= int(columns)
    for event_id in (LONG_ID, "quote-marks"):
        [line] = [line for line in lines if event_id in line]  # whole, on one line
        copied = re.search(rf"\b{event_id}\b", line)[0]
        assert run_cli("show", copied, "-f", events).exit_code == 0


def test_a_japanese_table_starts_no_line_with_closing_punctuation(run_cli, events):
    for columns in ("40", "60", "80"):
        result = run_cli("list", "-f", events, "--lang", "ja", env={**TERMINAL, "COLUMNS": columns})
        cells = [cell for line in ANSI.sub("", result.stdout).splitlines() for cell in re.split(r"\s{2,}", line.strip()) if cell]
        assert not [cell for cell in cells if cell[0] in "、。」』）・ー"], result.stdout


def test_show_keeps_the_id_whole_at_forty_columns(run_cli, events):
    result = run_cli("show", LONG_ID, "-f", events, "--lang", "ja", env={"COLUMNS": "40"})
    lines = result.stdout.splitlines()
    assert lines[1] == LONG_ID and "2000億ドル" in result.stdout.replace("\n", "")
    assert not any(line.lstrip()[:1] in ("、", "。", "」") for line in lines if line.strip())


@pytest.mark.parametrize(("args", "en", "ja"), [
    (["list"], "2 of 2 events", "出来事2件中2件を表示"),
    (["list", "--topic", "leverage-and-lending"], "1 of 2 events", "出来事2件中1件を表示"),
    (["list", "--from", "2030"], "no events match", "該当する出来事はありません"),
    (["topics"], "2 topics", "トピック2件"),
    (["topics", "--from", "2025-06"], "2 topics in 1 of 2 events", "トピック2件（出来事2件中1件から）"),
    (["sources"], "1 source", "出典1件"),
])
def test_counts_are_said_in_the_output_language(run_cli, events, args, en, ja):
    assert run_cli(*args, "-f", events).stderr == en + "\n"
    assert run_cli(*args, "-f", events, "--lang", "ja").stderr == ja + "\n"
