"""The closest-passage search of `timeline verify`: the trigram index against the whole-article alignment it replaced.

    python benchmarks/bench_verify.py [--kb 600] [--rounds 5] [--old-full]

A quote that is not in its archived article is reported with the passage most like it. The search used to be one
difflib `find_longest_match` of the quote against the whole article, then a ratio on the passage found: for each
character of the quote, every place of that character in the article, so quote length x article length (issue
#15: 37 s for a 2,000-character quote in a 600 KB article). Now: a trigram index of the article, built once per
archive on its first miss, votes for where the quote could start, and only a few passages are aligned.

Measured in-process, on two generated articles of KB kilobytes (deterministic from their seed): Japanese-ish
(UTF-8, ~3 bytes a character) and English-ish ASCII (a small vocabulary: the old search's worst case, since its
cost grows with how often the quote's characters occur). For each, a 2,000-character quote made of the same words
but not in the article, and 10 quotes of 40-100 characters (five passages of the article with one character
changed, as a "corrected" typo is; five made up). Each row is the median of ROUNDS runs (wall and CPU), with the
ratio of its CPU time to the floor measured in the same run: reading the archive (decoding and normalising it),
which every `verify` pays for every archive, miss or not. The old method on the 2,000-character quote is timed at
1/16 and 1/8 of the article and extrapolated on the line through the two (a constant part, the final alignment,
and a part linear in the article); --old-full also times it on the whole article (about 40 s for the English one).
Then the new search on quotes that make difflib's own alignment slow (--old-full adds difflib's ratio alone on
one of them: about 70 s). Then `timeline verify` as a real process on an event file citing the article with those
11 quotes, interleaved with `timeline validate` on the same file (the floor).

Measures only; it never passes or fails anything. tests/test_verify.py imports `japaneseish` and `OldArchive`.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

from timeline.verify import decode_archive, normalize_quote_text
from timeline.verify.passage import Article as _Archive

KANJI = ["政府", "大統領令", "暗号資産", "規制", "発表", "署名", "米国", "人工知能", "委員会", "法案", "市場", "投資",
         "戦略的備蓄", "方針", "会見", "証券取引", "委員長", "議会", "財務省", "連邦", "関税", "企業", "半導体", "輸出",
         "安全保障", "技術", "開発", "支援", "批判", "合意", "交渉", "経済", "金融", "銀行", "通貨", "記者"]
PARTICLES = ["は", "が", "を", "に", "で", "と", "の", "も", "から", "まで", "について", "として", "による", "へ"]
KANA = ["している", "された", "こと", "ため", "という", "など", "ない", "ある", "れる", "して", "その", "これ", "また",
        "ように", "について", "ておく", "られた", "ことに", "なった", "できる"]
ENDINGS = ["。", "、", "と述べた。", "としている。", "した。", "する方針だ。", "と語った。\n", "。\n"]
ENGLISH = ("the of and to in a is that for it as was with be by on not he this are or his from at which but have an "
           "had they you were their one all we can her has there been if more when will would who so no commission "
           "crypto regulation president order market securities exchange administration tariffs chips").split()


def japaneseish(size_bytes: int, seed: int) -> str:
    """About `size_bytes` of article-like Japanese text in UTF-8 (kanji words, katakana names and loanwords,
    hiragana particles, figures, punctuation and line breaks), the same text for the same seed."""
    rng = random.Random(seed)
    katakana = ["".join(chr(rng.randint(0x30A1, 0x30F3)) for _ in range(rng.randint(2, 6))) for _ in range(400)]
    hiragana = KANA + ["".join(chr(rng.randint(0x3041, 0x3093)) for _ in range(rng.randint(1, 4))) for _ in range(40)]
    parts: list[str] = []
    size = 0
    while size < size_bytes:
        words = []
        for _ in range(rng.randint(4, 12)):
            pick = rng.random()
            word = (rng.choice(KANJI) if pick < 0.4 else rng.choice(katakana) if pick < 0.6 else
                    rng.choice(hiragana) if pick < 0.85 else f"{rng.randint(1, 2025)}年" if pick < 0.93 else
                    f"{rng.randint(1, 99)}%")
            words.append(word + rng.choice(PARTICLES))
        sentence = "".join(words) + rng.choice(ENDINGS)
        parts.append(sentence)
        size += len(sentence.encode("utf-8"))
    return "".join(parts)


def englishish(size_bytes: int, seed: int) -> str:
    """About `size_bytes` of English-like ASCII text (frequent words more often, figures, sentences and line
    breaks), the same text for the same seed: the worst case for the old search, whose cost grows with how
    often the quote's characters occur in the article."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(ENGLISH))]
    parts: list[str] = []
    size = 0
    while size < size_bytes:
        words = rng.choices(ENGLISH, weights, k=rng.randint(6, 20))
        if rng.random() < 0.2:
            words.append(str(rng.randint(1, 2025)))
        sentence = " ".join(words).capitalize() + rng.choice([". ", ", ", ".\n"])
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)


def typical_quotes(text: str, seed: int, generate=None) -> list[tuple[str, int | None]]:
    """Ten quotes of 40-100 characters and where each came from in `text` (None: made up): five passages with
    one character changed, five made of the same words from another seed."""
    rng = random.Random(seed)
    quotes: list[tuple[str, int | None]] = []
    for _ in range(5):
        length = rng.randint(40, 100)
        start = rng.randrange(len(text) - length)
        passage = list(text[start:start + length])
        passage[length // 2] = "X"
        quotes.append(("".join(passage), start))
    made_up = normalize_quote_text((generate or japaneseish)(2000, seed + 1))
    for _ in range(5):
        length = rng.randint(40, 100)
        start = rng.randrange(len(made_up) - length)
        quotes.append((made_up[start:start + length], None))
    return quotes


class OldArchive:
    """The closest-passage search as it was before issue #15 (src/timeline/verify.py at 4c940c9), kept as the
    reference the new one is measured and tested against: one matcher over the whole article, indexed once."""

    def __init__(self, text: str):
        self.text = text
        self.matcher = SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(text)

    def closest(self, quote: str) -> tuple[str, float]:
        self.matcher.set_seq1(quote)
        match = self.matcher.find_longest_match(0, len(quote), 0, len(self.text))
        start = max(0, match.b - match.a)
        passage = self.text[start:start + len(quote)]
        return passage, SequenceMatcher(None, quote, passage, autojunk=False).ratio()


def timed(action, rounds: int) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `rounds` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


class Rows:
    """Rows printed as they come, with the ratio of their CPU time to the floor's."""

    def __init__(self) -> None:
        self.floor = 0.0
        print(f"| {'what':<62} | wall s  | cpu s   | x floor |\n|{'-' * 64}|---------|---------|---------|")

    def add(self, label: str, wall: float, cpu: float, note: str = "") -> None:
        ratio = f"{cpu / self.floor:6.1f}x" if self.floor > 0 else "      -"
        print(f"| {label:<62} | {wall:7.3f} | {cpu:7.3f} | {ratio} |{' ' + note if note else ''}", flush=True)


def in_process(generate, kb: int, rounds: int, old_full: bool) -> tuple[str, list[str]]:
    """The rows for one generated article; its text and quotes."""
    data = generate(kb * 1000, seed=15).encode("utf-8")
    print(f"\n{generate.__name__}:\n")
    rows = Rows()
    wall, cpu, text = timed(lambda: normalize_quote_text(decode_archive(data)), rounds)
    rows.floor = cpu
    rows.add(f"floor: read the archive ({len(data) / 1000:.0f} KB, {len(text):,} characters)", wall, cpu)
    long = normalize_quote_text(generate(7000, seed=99))[:2000]
    assert long not in text
    typical = typical_quotes(text, 7, generate)
    wall, cpu, _ = timed(lambda: [quote in text for quote in [long] + [q for q, _ in typical]], rounds)
    rows.add("floor: `quote in text` for the 11 quotes", wall, cpu)
    new_wall, new_cpu = new_search(rows, text, long, typical, rounds)
    old_wall, old_cpu = old_search(rows, text, long, typical, rounds, old_full)
    print(f"\nold / new, all of it: {old_cpu / new_cpu:.0f}x CPU, {old_wall / new_wall:.0f}x wall")
    return text, [long] + [quote for quote, _ in typical]


def new_search(rows: Rows, text: str, long: str, typical: list[tuple[str, int | None]], rounds: int):
    """The rows of the trigram search; the wall and CPU seconds of all of it (index and 11 quotes)."""

    def everything():
        archive = _Archive("article.txt", text)
        return archive.closest(long), [archive.closest(quote) for quote, _ in typical]

    wall, cpu, _ = timed(lambda: _Archive("article.txt", text).index(), rounds)
    rows.add("new: trigram index (once per archive, on its first miss)", wall, cpu)
    archive = _Archive("article.txt", text)
    archive.index()
    wall, cpu, found = timed(lambda: archive.closest(long), rounds)
    rows.add("new: closest passage, 2,000-character quote", wall, cpu, f"{found.likeness:.0%} alike")
    wall, cpu, founds = timed(lambda: [archive.closest(quote) for quote, _ in typical], rounds)
    hits = sum(f.start == start for f, (_, start) in zip(founds, typical) if start is not None)
    rows.add("new: closest passage, 10 quotes of 40-100 characters", wall, cpu,
             f"{hits}/5 changed passages found where they are; " + likeness(f.likeness for f in founds))
    wall, cpu, _ = timed(everything, rounds)
    rows.add("new: all of it (index, 11 quotes)", wall, cpu)
    return wall, cpu


def old_search(rows: Rows, text: str, long: str, typical: list[tuple[str, int | None]], rounds: int,
               old_full: bool):
    """The rows of the whole-article search; the wall and CPU seconds of all of it (the 2,000-character quote
    extrapolated, or measured with --old-full)."""
    setup_wall, setup_cpu, old = timed(lambda: OldArchive(text), max(1, rounds // 2))
    rows.add("old: matcher over the article (once per archive)", setup_wall, setup_cpu)
    typical_wall, typical_cpu, olds = timed(lambda: [old.closest(quote) for quote, _ in typical], max(1, rounds // 2))
    rows.add("old: closest passage, 10 quotes of 40-100 characters", typical_wall, typical_cpu,
             likeness(ratio for _, ratio in olds))
    measured = []
    for part in (16, 8):
        cut = text[:len(text) // part]
        small = OldArchive(cut)
        wall, cpu, (_, ratio) = timed(lambda: small.closest(long), 1)
        rows.add(f"old: closest passage, 2,000-character quote, 1/{part} of the article", wall, cpu,
                 f"{ratio:.0%} alike (new: {_Archive('cut', cut).closest(long).likeness:.0%})")
        measured.append((len(cut), wall, cpu))
    (n1, w1, c1), (n2, w2, c2) = measured
    long_wall, long_cpu = affine(n1, w1, n2, w2, len(text)), affine(n1, c1, n2, c2, len(text))
    rows.add("old: closest passage, 2,000-character quote (extrapolated)", long_wall, long_cpu,
             f"a + b x size through 1/16 and 1/8; exponent between them {math.log(c2 / c1) / math.log(n2 / n1):.2f}")
    if old_full:
        long_wall, long_cpu, (_, ratio) = timed(lambda: old.closest(long), 1)
        rows.add("old: closest passage, 2,000-character quote (measured)", long_wall, long_cpu, f"{ratio:.0%} alike")
    wall, cpu = setup_wall + typical_wall + long_wall, setup_cpu + typical_cpu + long_cpu
    rows.add("old: all of it (matcher, 11 quotes)", wall, cpu)
    return wall, cpu


def affine(size1: int, time1: float, size2: int, time2: float, size: int) -> float:
    """The time at `size` on the line through two measures: a part that does not grow with the article (the
    final alignment on the quote's own length) and one that grows linearly (the search over the article)."""
    return time1 + (time2 - time1) * (size - size1) / (size2 - size1)


ADVERSARIAL = [  # (label, article, quote): where difflib's own alignment is slow
    ("あ x 50,000; quote あ x 19,999 + い", "あ" * 50_000, "あ" * 19_999 + "い"),
    ("acb x 30,000; quote abc x 667", "acb" * 30_000, "abc" * 667),
    ("ESC[31m x 20,000; quote [31m x 300 + x", "\x1b[31m" * 20_000, "[31m" * 300 + "x"),
]


def adversarial(rounds: int, old_full: bool) -> None:
    """The new search where difflib's alignment is quadratic or worse (its worst case is cubic)."""
    print("\ndifflib's worst cases:\n")
    rows = Rows()
    for label, article, quote in ADVERSARIAL:
        archive = _Archive("a", article)
        archive.index()
        wall, cpu, found = timed(lambda: archive.closest(quote), rounds)
        rows.add(f"new: {label}", wall, cpu, f"{found.likeness:.0%} alike, {found.aligned} pieces aligned")
    if old_full:
        wall, cpu, ratio = timed(lambda: SequenceMatcher(None, "abc" * 667, "acb" * 667, autojunk=False).ratio(), 1)
        rows.add("old: difflib's ratio alone, abc x 667 against acb x 667", wall, cpu, f"{ratio:.0%} alike")


def likeness(ratios) -> str:
    return "likeness " + " ".join(f"{ratio:.2f}" for ratio in ratios)


DOCUMENT = """\
version: 1
title: {{ja: 計測, en: Benchmark}}
topics:
  ai-policy: {{ja: AI政策, en: AI policy}}
actors: {{}}
sources:
  art:
    publisher: Example
    title: 見出し
    published: 2025-01-27
    language: ja
    archive: article.txt
events:
  - id: order
    date: 2025-01-23
    title: {{ja: 大統領令, en: Order signed}}
    summary: {{ja: 署名した。, en: Signed.}}
    topics: [ai-policy]
    citations:
{citations}
"""


def as_processes(name: str, text: str, quotes: list[str], rounds: int) -> None:
    """`timeline verify` on a file citing the article with `quotes`, against `timeline validate` on it."""
    from run import DATA, compile_bytecode, machine, run_once, timeline_command

    DATA.mkdir(exist_ok=True)  # run_once runs commands there
    compile_bytecode()
    print(f"\n{name}, as processes ({machine()}):\n")
    with tempfile.TemporaryDirectory(prefix="timeline-bench-verify-") as folder:
        events = Path(folder) / "events.yaml"
        events.write_text(DOCUMENT.format(citations="".join(f'      - source: art\n        quote: "{quote}"\n'
                                                            for quote in quotes)), encoding="utf-8")
        (Path(folder) / "archive").mkdir()
        (Path(folder) / "archive" / "article.txt").write_text(text, encoding="utf-8")
        commands = {"timeline validate (floor)": ["validate", str(events)],
                    "timeline verify": ["verify", "--archive", str(Path(folder) / "archive"), str(events)]}
        env = {**os.environ, "TIMELINE_NO_CACHE": "1"}
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for _ in range(rounds):  # interleaved, so that a slow stretch of a shared machine touches both alike
            for label, args in commands.items():
                wall, cpu, _, _ = run_once(timeline_command() + args, env, (0, 1))
                times[label].append((wall, cpu))
        floor = statistics.median(cpu for _, cpu in times["timeline validate (floor)"])
        for label, runs in times.items():
            wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
            print(f"| {label:<26} | {wall:.3f} s wall | {cpu:.3f} s cpu | {cpu / floor:.2f}x validate |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=600, help="size of the generated article (default 600)")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each in-process measure (default 5)")
    parser.add_argument("--old-full", action="store_true", help="time the old method on the 2,000-character "
                        "quote at the full size instead of extrapolating (about 40 s at 600 KB)")
    args = parser.parse_args()
    articles = [in_process(generate, args.kb, args.rounds, args.old_full) for generate in (japaneseish, englishish)]
    adversarial(args.rounds, args.old_full)
    for (text, quotes), generate in zip(articles, (japaneseish, englishish)):
        as_processes(generate.__name__, text, quotes, args.rounds)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
