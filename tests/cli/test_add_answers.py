"""`timeline add`'s answers as a reviewer tried them: text that is no UTF-8 or holds a character validate refuses,
messages naming the flag (never a line of a file not written), the file's `timezone`, an unchecked quote, "did you
mean", --lang ja, clearing actors on --edit, and a `|+` block before the insertion point."""

from __future__ import annotations

import pytest

from timeline.errors import ExitCode
from test_add import ANSWERS, ARTICLE, COMMENTED, FLAGS, MINIMAL_TEXT, invoke, only_inserted, write

DATE = ("--date", "2025-02-01")


def _with(flag: str, value: str) -> list[str]:
    args = [*FLAGS, *DATE]
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    return args


# -- 1, 2: every typed text checked once, refused naming its flag ------------------------------------------------

@pytest.mark.parametrize(("flag", "value", "said"), [
    ("--title-ja", "\udcff\udcfe", "not UTF-8 (byte 0xFF"),  # what `$'\xff\xfe'` becomes in Python's argv
    ("--title-en", "\udcff", "not UTF-8"),
    ("--summary-en", "ok\udcfe", "not UTF-8"),
    ("--quote", "\udcff", "not UTF-8"),
    ("--date", "2025\udcff", "not UTF-8"),
    ("--topic", "ai\udcff", "not UTF-8"),
    ("--actor", "\udcff", "not UTF-8"),
    ("--source", "\udcff", "not UTF-8"),
    ("--note-en", "\udcff", "not UTF-8"),
    ("--id", "\udcff", "not UTF-8"),
    ("--status", "\udcff", "not UTF-8"),
    ("--title-en", "two\nlines", "line break"),
    ("--title-en", "", "the text is empty"),
    ("--summary-ja", "   ", "the text is empty"),
    ("--summary-en", "a\x01b", "U+0001"),
    ("--title-en", "a\u202eb", "U+202E"),
    ("--quote", "a\x07b", "U+0007"),
])
def test_a_bad_text_in_any_flag_is_refused_naming_the_flag(tmp_path, flag, value, said):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, *_with(flag, value))
    assert result.exit_code == ExitCode.USAGE, result.output
    error = result.stderr.split("Error: ", 1)[1]
    assert error.startswith(f"{flag}: ") and said in error, error
    assert "events.yaml:" not in result.stderr and "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_bytes_that_are_no_utf8_in_a_real_argv_are_refused_without_a_traceback(tmp_path):
    import subprocess
    import sys

    from conftest import subprocess_environment

    path = write(tmp_path / "events.yaml", COMMENTED)
    args = [sys.executable.encode(), b"-m", b"timeline", b"add", b"-f", str(path).encode(),
            *(arg.encode() for arg in _with("--title-ja", "x"))]
    args[args.index(b"--title-ja") + 1] = b"\xff\xfe"
    done = subprocess.run(args, capture_output=True, env=subprocess_environment({"LC_ALL": "C.UTF-8"}), timeout=60)
    assert done.returncode == ExitCode.USAGE, done.stderr
    assert b"--title-ja: the text is not UTF-8" in done.stderr and b"Traceback" not in done.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_a_refused_answer_at_a_prompt_and_an_empty_one_are_asked_again_saying_why(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    answers = [ANSWERS[0], "", "a\u202eb", *ANSWERS[1:]]
    result = invoke("-f", path, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Title in Japanese") == 3
    assert "an answer is needed here" in result.stderr and "U+202E" in result.stderr


# -- 3: the file's timezone --------------------------------------------------------------------------------------

ZONED = MINIMAL_TEXT.replace("version: 1\n", "version: 1\ntimezone: America/New_York\n", 1)


@pytest.mark.parametrize("typed", ["2025-10-10T21:30:00", "2025-10-10 21:30", "Oct 10, 2025 9:30pm"])
def test_a_time_without_a_zone_takes_the_files_timezone(tmp_path, typed, run_cli):
    path = write(tmp_path / "events.yaml", ZONED)
    result = invoke("-f", path, *FLAGS, "--date", typed)
    assert result.exit_code == 0, result.output
    assert "    date: 2025-10-10T21:30:00-04:00\n" in result.stdout
    assert "America/New_York" in result.stderr
    assert run_cli("validate", path).exit_code == 0


def test_without_a_timezone_a_time_without_a_zone_is_still_refused(tmp_path):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    result = invoke("-f", path, *FLAGS, "--date", "2025-10-10 21:30")
    assert result.exit_code == ExitCode.USAGE and "--date: " in result.stderr and "needs its zone" in result.stderr


# -- 4, 5: an unchecked quote; did you mean ----------------------------------------------------------------------

def test_a_quote_not_checked_for_want_of_an_archive_is_said(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, *FLAGS, *DATE)
    assert result.exit_code == 0, result.output
    assert "the quote was not checked" in result.stderr
    assert "--archive DIR" in result.stderr and "timeline verify" in result.stderr


@pytest.mark.parametrize(("args", "said"), [
    (("--edit", "trump-inaguration", "--title-en", "x"), "did you mean 'trump-inauguration'?"),
    ((*FLAGS, *DATE, "--topic", "ai-polcy"), "did you mean 'ai-policy'?"),
])
def test_a_misspelt_id_gets_a_did_you_mean(tmp_path, args, said):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    result = invoke("-f", path, *args)
    assert result.exit_code == ExitCode.USAGE and said in result.stderr, result.output


# -- 6: --lang ja --------------------------------------------------------------------------------------------------

def test_under_lang_ja_prompts_and_messages_are_japanese(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--lang", "ja", "--interactive", "--topic", "存在しない",
                    input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "--topic：ID か名前が「存在しない」のトピックはありません" in result.stderr
    ok = invoke("-f", path, "--lang", "ja", "--interactive", input="\n".join(ANSWERS) + "\n")
    assert ok.exit_code == 0, ok.output
    for words in ("日付", "見出し（日本語）", "関係者", "引用は確認していません", "に加えました"):
        assert words in ok.stderr
    for english in ("Title in", "Summary in", "Actors", "quote was not", "added event"):
        assert english not in ok.stderr


def test_under_lang_ja_the_quote_check_and_its_question_are_japanese(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "example.txt").write_text(ARTICLE, encoding="utf-8")
    path = write(tmp_path / "events.yaml", COMMENTED)
    wrong, right = "第48代アメリカ合衆国大統領", "第47代アメリカ合衆国大統領"
    answers = [*ANSWERS[:-1], wrong, "n", right]
    result = invoke("-f", path, "--lang", "ja", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "引用がアーカイブの記事に見つかりません" in result.stderr
    assert "入力した引用をそのまま残しますか？" in result.stderr and "引用は出典" in result.stderr
    assert "Keep the quote" not in result.stderr


# -- 7: --edit clears actors; a long default is shortened ---------------------------------------------------------

def test_edit_clears_the_actors_with_a_dash_and_shortens_a_long_default(tmp_path, run_cli):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    keep_all = [""] * 9
    keep_all[6] = "-"  # the actors' prompt
    result = invoke("-f", path, "--edit", "trump-inauguration", "--interactive", input="\n".join(keep_all) + "\n")
    assert result.exit_code == 0, result.output
    assert "- for none" in result.stderr
    assert "[Donald Trump was sworn in as the 47th president of the Unit…]" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "actors:" not in text.split("events:")[1]
    assert "Donald Trump was sworn in as the 47th president of the United States." in text  # kept whole
    assert run_cli("validate", path).exit_code == 0


# -- 8: a `|+` block's kept line breaks -----------------------------------------------------------------------------

KEPT = MINIMAL_TEXT + "    notes:\n      ja: 注\n      en: |+\n        keep these lines\n\n\n"


@pytest.mark.parametrize("tail", ["", "# the end\n"])
def test_adding_after_a_keep_block_keeps_its_line_breaks(tmp_path, tail):
    import yaml

    path = write(tmp_path / "events.yaml", KEPT + tail)
    result = invoke("-f", path, *FLAGS, *DATE)
    assert result.exit_code == 0, result.output
    notes = [event.get("notes") for event in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]]
    assert notes[0] == {"ja": "注", "en": "keep these lines\n\n\n"}
    assert only_inserted(KEPT + tail, path.read_text(encoding="utf-8")).startswith("  - id: a-new-thing\n")
