"""The near-duplicate check against its oracle: the plain difflib version it replaced (kept here, unchanged).

editorial._near_duplicates decides most title pairs with exact bounds before difflib (issue 22); the warnings
must be the very ones difflib's ratio gives, on every fixture, on the benchmarks' newsroom-like files (same-day
clusters of near-identical titles) and on title pairs made to sit near the threshold.
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import sysconfig
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from conftest import DATA, REPO

from timeline import editorial
from timeline.pipeline import validate_paths


# Both ways of bounding: the compiled candidates (_similar.c) and the Python bounds used where it is not built.
PATHS = pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])


@pytest.fixture
def compiled_bounds() -> None:
    """The compiled bounds must be there to be compared: a skip with its reason where they cannot be built, a
    failure in CI (CI=true), where they always are."""
    if editorial._compiled_candidates is not None:
        return
    missing = "the compiled bounds (timeline._similar, src/timeline/_similar.c) are not built here"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {missing}")
    pytest.skip(f"{missing}: `pip install -e .` with a C compiler builds them")


def use(compiled: bool, request) -> bool:
    if compiled:
        request.getfixturevalue("compiled_bounds")
    return compiled


def similar(one: str, other: str, compiled: bool) -> bool:
    """editorial's decision for one pair: a candidate, then decided."""
    return bool(editorial.candidates([one, other], 1, compiled)) and editorial.near_duplicate(one, other, compiled)


def test_the_compiled_matches_are_difflibs(request):
    """_similar.matches against SequenceMatcher's matching blocks, on strings of small alphabets (ties between
    equally long blocks everywhere, where the order of difflib's search decides which block is kept)."""
    use(True, request)
    from timeline._similar import matches

    rng = random.Random(11)
    for number in range(4000):
        alphabet = ("ab", "abc", "abcあい ", "aé😀 x", "abcdefghij")[number % 5]
        one = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 260)))
        other = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 199)))
        expected = sum(block.size for block in SequenceMatcher(None, one, other).get_matching_blocks())
        assert matches(one, other) == expected, (one, other)
    with pytest.raises(ValueError):
        matches("a", "b" * 200)  # from 200 characters on difflib's autojunk decides: editorial asks difflib


def test_the_compiled_bound_is_built_where_it_can_be():
    """setup.py builds it as optional: a failed build must not pass unnoticed on a machine that can build it."""
    if not ((shutil.which("cc") or shutil.which("gcc")) and Path(sysconfig.get_paths()["include"], "Python.h").exists()):
        pytest.skip("no C compiler or Python headers here: titles are bounded in Python")
    assert editorial._compiled_candidates is not None, "timeline._similar was not built (reinstall)"


def test_version_says_whether_the_check_is_compiled(run_cli):
    expected = "compiled" if editorial._compiled_candidates is not None else "in Python (no C compiler at install)"
    assert f"; near-duplicate check: {expected}; " in run_cli("--version").stdout


def oracle_near_duplicates(events) -> list:
    """editorial._near_duplicates as it was before issue 22: every neighbour pair through difflib's ratio."""
    by_date = defaultdict(list)
    for event in events:
        by_date[event.date.text].append(event)
    pairs = {}
    for same_day in by_date.values():
        if len(same_day) < 2:
            continue
        for lang in ("en", "ja"):
            ranked = sorted(((e.title.get(lang).casefold(), e.order, e) for e in same_day), key=lambda t: t[:2])
            for i, (title, _, first) in enumerate(ranked):
                for other, _, second in ranked[i + 1:i + 1 + editorial.NEIGHBOURS]:
                    if SequenceMatcher(None, title, other).ratio() >= editorial.NEAR_DUPLICATE:
                        one, two = sorted((first, second), key=lambda e: e.order)
                        pairs[(one.id, two.id)] = (one, two)
    return [editorial.problem(two.where, "near-duplicate", f"events '{one.id}' and '{two.id}' share the date "
                              f"{one.date.text} and nearly the same title", "merge them if they report one event")
            for one, two in pairs.values()]


def realistic(count: int, kind: str) -> str:
    """benchmarks/realistic.py's newsroom-like file (the bundled events, copied onto busy days)."""
    spec = importlib.util.spec_from_file_location("timeline_benchmark_realistic", REPO / "benchmarks" / "realistic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.realistic(count, seed=3, kind=kind)


def test_every_fixture_warns_of_the_same_pairs():
    checked = 0
    for path in sorted(DATA.rglob("*.yaml")):
        timeline, _ = validate_paths([path], editorial=False)
        if timeline is not None:  # an invalid file gets no editorial checks
            checked += 1
            assert editorial._near_duplicates(timeline.events) == oracle_near_duplicates(timeline.events), path
    assert checked > 20


@pytest.mark.parametrize("kind", ["plain", "near-duplicates", "warnings"])
@PATHS
def test_newsroom_like_files_warn_of_the_same_pairs(tmp_path, kind, compiled, request, monkeypatch):
    if not use(compiled, request):
        monkeypatch.setattr(editorial, "_compiled_candidates", None)
        monkeypatch.setattr(editorial, "_compiled_matches", None)
    path = tmp_path / f"{kind}.yaml"
    path.write_text(realistic(800, kind), encoding="utf-8")
    timeline, _ = validate_paths([path], editorial=False)
    expected = oracle_near_duplicates(timeline.events)
    assert expected, "the file should hold near-duplicates for the comparison to mean something"
    assert editorial._near_duplicates(timeline.events) == expected


def edited(rng: random.Random, title: str, edits: int) -> str:
    """`title` with `edits` random insertions, deletions or substitutions."""
    chars = list(title)
    for _ in range(edits):
        position = rng.randrange(len(chars) + 1)
        action = rng.choice("ids")
        if action == "i" or not chars or position == len(chars):
            chars.insert(position, rng.choice("abcde あいう、。 "))
        elif action == "d":
            del chars[position]
        else:
            chars[position] = rng.choice("abcde あいう")
    return "".join(chars)


def title_pairs():
    """Pairs on both sides of the threshold: edits, one title inside the other, repeats, 200+ characters
    (where difflib starts treating frequent characters as junk), empty and one-character titles."""
    rng = random.Random(22)
    bases = ["trump signed an executive order on ai", "sec chair atkins spoke at the roundtable",
             "トランプ氏、サックス氏をai・暗号資産担当に起用", "aaaa bbbb aaaa bbbb", "", "x",
             "abc" * 70, "the senate passed the genius act " * 7]
    pairs = [(base, base) for base in bases]
    for base in bases:
        for edits in (1, 2, 3, 5, 8):
            for _ in range(6):
                pairs.append((base, edited(rng, base, edits)))
                pairs.append((edited(rng, base, edits), base))
        pairs += [(base, base + "。"), (base + "!", base), ("【速報】" + base, base), (base, base[: len(base) // 2])]
    return pairs


@PATHS
def test_each_decision_is_difflibs(compiled, request):
    compiled = use(compiled, request)
    for one, other in title_pairs():
        expected = SequenceMatcher(None, one, other).ratio() >= editorial.NEAR_DUPLICATE
        assert similar(one, other, compiled) is expected, (one, other)


def test_both_bounds_keep_the_same_pairs(request):
    """The compiled and the Python candidates over whole sorted days of titles, neighbours as validate uses them."""
    use(True, request)
    pairs = title_pairs()
    rng = random.Random(5)
    for _ in range(40):
        titles = sorted(rng.choice(pairs)[rng.randrange(2)] for _ in range(rng.randint(0, 60)))
        assert editorial.candidates(titles, 4) == editorial.candidates(titles, 4, compiled=False)


@PATHS
def test_the_subsequence_bound_is_the_longest_common_subsequence(compiled, request):
    """The bit-parallel LCS against the textbook table, so the bound it gives is a true one: short titles, and long
    ones whose rows span several machine words (the compiled carry from word to word), in every string width."""
    rng = random.Random(7)

    def table(one: str, other: str) -> int:
        row = [0] * (len(other) + 1)
        for char in one:
            previous = 0
            for j, theirs in enumerate(other, 1):
                previous, row[j] = row[j], previous + 1 if char == theirs else max(row[j], row[j - 1])
        return row[-1]

    if use(compiled, request):
        from timeline._similar import lcs_length as lcs
    else:
        lcs = editorial._Bounds().subsequence
    for number in range(400):
        alphabet = ("abc", "abcé ", "abcあい ", "aあ😀 ")[number % 4]
        longest = 300 if number % 5 == 0 else 30
        one = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
        other = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
        assert lcs(one, other) == table(one, other), (one, other)
    for one, other in [("a" * 64, "a" * 64), ("a" * 65, "a" * 200), ("ab" * 100, "ba" * 100), ("", "x"), ("x", "")]:
        assert lcs(one, other) == table(one, other), (one, other)
