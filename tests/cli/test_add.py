"""`timeline add` through CliRunner: flags alone, prompts answered from stdin (`--interactive`), refusals without a
terminal, `--edit`, the chronological place, and that only the event's own lines change."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.errors import ExitCode
from conftest import MINIMAL, _cli_env

MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
SOURCE = "example-2025-01-27"
# Three events around the minimal fixture's 2025-01-20, with comments of every kind: at the top, above an event,
# after a value, inside an event, and at the end of the file. The layout of the old events is not canonical.
EARLY = """\
  # the first event of the year
  - id: early
    date: 2025-01-05
    title: {ja: 早い, en: Early}
    summary:
      ja: 早い出来事。   # a trailing comment
      en: An early thing.
    topics: [ai-policy]
    citations:
      - source: example-2025-01-27
        quote: 2025年1月20日
"""
LATE = """\
  - id: late
    date: 2025-06
    title:
      ja: 遅い
      en: Late
    summary:
      ja: 遅い出来事。
      # a comment inside the event
      en: A late thing.
    topics: [ai-policy]
    citations:
      - source: example-2025-01-27
        quote: ドナルド・トランプ氏
"""
COMMENTED = ("# Our chronology: keep this line\n" + MINIMAL_TEXT.replace("events:\n", "events:\n" + EARLY)
             + LATE + "# end of the file\n")
FLAGS = ("--title-ja", "新しい", "--title-en", "A new thing", "--summary-ja", "新しい出来事。",
         "--summary-en", "Something new happened.", "--topic", "AI policy", "--source", SOURCE,
         "--quote", "第47代アメリカ合衆国大統領")


def invoke(*args, input: str | None = None, cwd: Path | None = None):
    """The app in-process, with `input` as stdin (CliRunner's stdin is never a terminal)."""
    from timeline.cli import app

    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, ["add", *(str(arg) for arg in args)], input=input, env=_cli_env(None))
    finally:
        os.chdir(old)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def event_ids(path: Path) -> list[str]:
    return [line.split("id: ", 1)[1] for line in path.read_text(encoding="utf-8").splitlines()
            if line.lstrip().startswith("- id: ")]


def only_inserted(before: str, after: str) -> str:
    """The lines `after` adds to `before`; fails if any other line differs (difflib's opcodes)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    inserted = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag == "insert", (tag, old[i1:i2], new[j1:j2])
        inserted += new[j1:j2]
    return "".join(inserted)


# -- flags only ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("date", "ids"), [
    ("2025-01-01", ["new", "early", "trump-inauguration", "late"]),
    ("Jan 10 2025", ["early", "new", "trump-inauguration", "late"]),
    ("2025-01", ["early", "trump-inauguration", "new", "late"]),  # a month follows the days it holds
    ("Q3 2025", ["early", "trump-inauguration", "late", "new"]),
    ("2025-06-30", ["early", "trump-inauguration", "new", "late"]),
])
def test_the_event_lands_in_its_chronological_place(tmp_path, date, ids):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--id", "new", "--date", date, *FLAGS)
    assert result.exit_code == ExitCode.OK, result.output
    assert event_ids(path) == ids


def test_only_the_new_events_lines_are_added_to_a_commented_file(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--date", "2025-01-10", *FLAGS)
    assert result.exit_code == ExitCode.OK, result.output
    after = path.read_text(encoding="utf-8")
    added = only_inserted(COMMENTED, after)
    assert added == result.stdout  # stdout is the event's lines, exactly as written into the file
    assert added.startswith("  - id: a-new-thing\n    date: 2025-01-10\n")
    assert after.count("#") == COMMENTED.count("#")
    assert f"added event 'a-new-thing' in {path}" in result.stderr


def test_the_new_event_goes_above_the_comment_of_the_event_after_it(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    assert invoke("-f", path, "--date", "2025-01-01", "--id", "new", *FLAGS).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.index("- id: new") < text.index("# the first event of the year") < text.index("- id: early")


def test_a_canonical_file_stays_canonical(tmp_path, run_cli):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    for date in ("2025-03", "2025-01-02", "2025"):
        result = invoke("-f", path, "--date", date, *FLAGS)
        assert result.exit_code == 0, result.output
    assert run_cli("normalize", "--check", path).exit_code == 0
    assert event_ids(path) == ["a-new-thing-2", "trump-inauguration", "a-new-thing", "a-new-thing-3"]


@pytest.mark.parametrize("layout", ["lf", "crlf", "bom", "no-final-newline"])
def test_line_breaks_and_the_byte_order_mark_are_kept(tmp_path, layout):
    text = {"lf": MINIMAL_TEXT, "crlf": MINIMAL_TEXT.replace("\n", "\r\n"), "bom": "\ufeff" + MINIMAL_TEXT,
            "no-final-newline": MINIMAL_TEXT.rstrip("\n")}[layout]
    path = write(tmp_path / "events.yaml", text)
    assert invoke("-f", path, "--date", "2026", *FLAGS).exit_code == 0
    after = path.read_bytes().decode("utf-8")
    assert after.startswith(text.rstrip("\n").rstrip("\r"))
    assert after.startswith("\ufeff") == (layout == "bom")
    assert ("\r\n" in after) == (layout == "crlf") and after.count("\r") == after.count("\r\n")


@pytest.mark.parametrize(("events", "expected_tail"), [
    ("events: []\n", "events:\n  - id: a-new-thing\n"),
    ("events:  # none yet\n", "events:  # none yet\n  - id: a-new-thing\n"),
    ("", "events:\n  - id: a-new-thing\n"),
])
def test_a_file_without_events_gets_its_first(tmp_path, events, expected_tail, run_cli):
    head = MINIMAL_TEXT[:MINIMAL_TEXT.index("events:")]
    path = write(tmp_path / "events.yaml", head + events)
    result = invoke("-f", path, "--date", "2026", *FLAGS)
    assert result.exit_code == 0, result.output
    assert expected_tail in path.read_text(encoding="utf-8")
    assert run_cli("validate", path).exit_code == 0


# -- refusals --------------------------------------------------------------------------------------------------------

def test_without_a_terminal_missing_fields_are_a_usage_error_naming_the_flags(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--date", "2025-02-01", "--title-en", "x", input="")
    assert result.exit_code == ExitCode.USAGE
    assert "missing --title-ja, --summary-ja, --summary-en, --topic, --source, --quote" in result.stderr
    assert "?" not in result.stderr.split("Error:")[0]  # nothing was asked
    assert path.read_text(encoding="utf-8") == COMMENTED


@pytest.mark.parametrize(("flag", "value", "said"), [
    ("--topic", "ai polcy", "did you mean 'AI policy' (topic ai-policy)?"),
    ("--actor", "Trumpp", "did you mean 'Trump' (actor donald-trump)?"),
    ("--source", "example-2025-01-28", "did you mean 'example-2025-01-27'?"),
    ("--date", "2025-13-01", "2025-13-01"),
    ("--status", "rumoured", "use one of happened, scheduled"),
    ("--id", "Not A Slug", "lowercase slug"),
    ("--id", "trump-inauguration", "another event has that id"),
])
def test_a_bad_flag_is_a_usage_error_and_nothing_is_written(tmp_path, flag, value, said):
    path = write(tmp_path / "events.yaml", COMMENTED)
    args = [*FLAGS, "--date", "2025-02-01"]
    index = args.index(flag) if flag in args else None
    if index is not None:
        args[index + 1] = value
    else:
        args += [flag, value]
    result = invoke("-f", path, *args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert said in result.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_an_invalid_result_is_never_written(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--date", "2025-02-01", *FLAGS, "--note-ja", "片方だけ")
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "notes" in result.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_an_invalid_file_is_refused_before_anything(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED.replace("[ai-policy]", "[ai-policies]", 1))
    before = path.read_bytes()
    result = invoke("-f", path, "--date", "2025-02-01", *FLAGS)
    assert result.exit_code == ExitCode.INVALID
    assert path.read_bytes() == before


def test_a_read_only_file_is_refused_before_any_question(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    result = invoke("-f", path, "--interactive", input="2025-02-01\n")
    assert result.exit_code == ExitCode.USAGE
    assert "Date" not in result.stderr and "read-only" in result.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_the_bundled_dataset_is_never_written(tmp_path):
    result = invoke("--date", "2025-02-01", *FLAGS, cwd=tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert "no event file to add to here" in result.stderr


# -- prompts ---------------------------------------------------------------------------------------------------------

ANSWERS = ["Jan 10 2025", "新しい", "A new thing", "新しい出来事。", "Something new happened.", "AI policy", "Trump",
           SOURCE, "第47代アメリカ合衆国大統領"]


def test_prompts_ask_for_every_missing_field(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--interactive", input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "2025-01-10" in result.stderr  # the date shown back in EDTF, and in words
    assert "Jan. 10, 2025" in result.stderr
    assert "    actors: [donald-trump]\n" in result.stdout
    assert event_ids(path) == ["early", "a-new-thing", "trump-inauguration", "late"]
    assert only_inserted(COMMENTED, path.read_text(encoding="utf-8")) == result.stdout


def test_an_invalid_answer_is_asked_again(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    answers = ["next tuesday-ish", *ANSWERS[:5], "ai polcy", "AI policy", "Trumpp", "Trump", "nobody",
               *ANSWERS[7:]]
    result = invoke("-f", path, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Date") == 2 and result.stderr.count("Topics") == 2
    assert "did you mean 'AI policy'" in result.stderr and "did you mean 'Trump'" in result.stderr
    assert result.stderr.count("Actors") == 2 and result.stderr.count("Source") == 2
    assert "id: a-new-thing" in path.read_text(encoding="utf-8")


def test_flags_are_not_asked_again(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--interactive", "--date", "2025-01-10", *FLAGS, input="Trump\n")
    assert result.exit_code == 0, result.output
    assert "Date" not in result.stderr and "Actors" in result.stderr


@pytest.mark.parametrize("answered", range(len(ANSWERS)))
def test_end_of_input_at_each_prompt_leaves_the_file_unchanged(tmp_path, answered):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--interactive", input="".join(answer + "\n" for answer in ANSWERS[:answered]))
    assert result.exit_code == ExitCode.INTERRUPTED, result.output
    assert "Interrupted." in result.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert sorted(os.listdir(tmp_path)) == ["events.yaml"]


# -- the archive -----------------------------------------------------------------------------------------------------

ARTICLE = "2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任した。\n"


@pytest.fixture
def archived(tmp_path) -> Path:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "example.txt").write_text(ARTICLE, encoding="utf-8")
    return write(tmp_path / "events.yaml", COMMENTED)


def test_a_quote_not_in_the_archive_is_refused_without_a_terminal(archived):
    args = [*FLAGS[:-1], "第48代アメリカ合衆国大統領", "--date", "2025-02-01"]
    result = invoke("-f", archived, *args)
    assert result.exit_code == ExitCode.USAGE
    assert "closest passage" in result.stderr and "--keep-quote" in result.stderr
    assert archived.read_text(encoding="utf-8") == COMMENTED
    assert invoke("-f", archived, *args, "--keep-quote").exit_code == 0
    assert "第48代" in archived.read_text(encoding="utf-8")


def test_a_quote_found_in_the_archive_is_said_so(archived):
    result = invoke("-f", archived, *FLAGS, "--date", "2025-02-01")
    assert result.exit_code == 0, result.output
    assert "quote found in the archive" in result.stderr


def test_at_a_prompt_a_missed_quote_is_typed_again_or_kept_only_when_confirmed(archived):
    wrong, right = "第48代アメリカ合衆国大統領", "第47代アメリカ合衆国大統領"
    answers = [*ANSWERS[:-1], wrong, "n", right]
    result = invoke("-f", archived, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "closest passage" in result.stderr and "Keep the quote as typed anyway?" in result.stderr
    assert right in result.stdout and wrong not in result.stdout


# -- several files -----------------------------------------------------------------------------------------------

def test_the_event_goes_into_the_file_that_holds_events(tmp_path):
    head = MINIMAL_TEXT[:MINIMAL_TEXT.index("events:")]
    registries = write(tmp_path / "registries.yaml", head)
    events = write(tmp_path / "events.yaml", "version: 1\n" + MINIMAL_TEXT[MINIMAL_TEXT.index("events:"):])
    result = invoke("-f", registries, "-f", events, "--date", "2025-02-01", *FLAGS)
    assert result.exit_code == 0, result.output
    assert registries.read_text(encoding="utf-8") == head
    assert "a-new-thing" in events.read_text(encoding="utf-8")


def test_several_files_with_events_need_into_without_a_terminal(tmp_path):
    first = write(tmp_path / "a.yaml", MINIMAL_TEXT)
    second = write(tmp_path / "b.yaml", "version: 1\nevents: []\n")
    result = invoke("-f", first, "-f", second, "--date", "2025-02-01", *FLAGS)
    assert result.exit_code == ExitCode.USAGE and "--into" in result.stderr
    result = invoke("-f", first, "-f", second, "--into", second, "--date", "2025-02-01", *FLAGS)
    assert result.exit_code == 0, result.output
    assert "a-new-thing" in second.read_text(encoding="utf-8") and first.read_text(encoding="utf-8") == MINIMAL_TEXT


# -- --edit ----------------------------------------------------------------------------------------------------------

DISPUTED = MINIMAL_TEXT.replace("events:\n", "events:\n" + EARLY.replace("  # the first event of the year\n", "")).replace(
    "    actors: [donald-trump]\n", "    actors: [donald-trump]\n    after: early\n") + """\
    notes:
      ja: 注記
      en: A note
    disputes:
      - about: date
        claims:
          - says: {ja: 20日, en: the 20th}
            source: example-2025-01-27
            quote: 2025年1月20日
          - says: {ja: 21日, en: the 21st}
            source: example-2025-01-27
            quote: ドナルド・トランプ氏
"""


def test_edit_changes_only_the_flags_and_keeps_every_other_field(tmp_path):
    path = write(tmp_path / "events.yaml", DISPUTED)
    result = invoke("-f", path, "--edit", "trump-inauguration", "--title-en", "Trump takes office")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after == DISPUTED.replace("Trump sworn in as 47th president", "Trump takes office")


def test_edit_keeps_corrections_and_internal_notes(tmp_path):
    text = (MINIMAL.parent / "corrections.yaml").read_text(encoding="utf-8").replace(
        "  - id: order-signed\n", "    internal: call the press office first\n  - id: order-signed\n", 1)
    path = write(tmp_path / "events.yaml", text)
    result = invoke("-f", path, "--edit", "trump-inauguration", "--date", "2025-01-21")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text.replace("    date: 2025-01-20\n", "    date: 2025-01-21\n", 1)


def test_edit_moves_the_event_with_the_comment_above_it_when_its_date_moves(tmp_path, run_cli):
    text = COMMENTED.replace("  - id: trump-inauguration\n", "  # about the inauguration\n  - id: trump-inauguration\n")
    path = write(tmp_path / "events.yaml", text)
    result = invoke("-f", path, "--edit", "trump-inauguration", "--date", "2025-07")
    assert result.exit_code == 0, result.output
    assert event_ids(path) == ["early", "late", "trump-inauguration"]
    start = text.index("  # about the inauguration")
    end = text.index("  - id: late")
    block = text[start:end].replace("2025-01-20", "2025-07")
    expected = text[:start] + text[end:].replace("# end of the file\n", block + "# end of the file\n")
    assert path.read_text(encoding="utf-8") == expected
    assert result.stdout == block.replace("  # about the inauguration\n", "")


def test_edit_refuses_an_event_with_a_comment_inside_it(tmp_path):
    path = write(tmp_path / "events.yaml", COMMENTED)
    result = invoke("-f", path, "--edit", "late", "--date", "2025-07")
    assert result.exit_code == ExitCode.USAGE
    assert "comment inside it" in result.stderr
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_edit_prompts_start_from_the_current_values(tmp_path):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    answers = ["", "", "Trump takes office", "", "", "", "", "", ""]
    result = invoke("-f", path, "--interactive", "--edit", "trump-inauguration", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "[2025-01-20]" in result.stderr and "[ai-policy]" in result.stderr
    assert path.read_text(encoding="utf-8") == MINIMAL_TEXT.replace("Trump sworn in as 47th president",
                                                                    "Trump takes office")


def test_edit_of_an_unknown_id_is_a_usage_error(tmp_path):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    result = invoke("-f", path, "--edit", "nope", "--date", "2025")
    assert result.exit_code == ExitCode.USAGE and "no event has that id" in result.stderr


# -- other layouts -----------------------------------------------------------------------------------------------

def _events_first(text: str) -> str:
    """The events list before the registries, its dashes at column 1, as a hand-written file may have it."""
    head, events = text.split("events:\n")
    lines = [line[2:] for line in events.splitlines(keepends=True)]
    sources = head.index("sources:")
    return head[:sources] + "events:\n" + "".join(lines) + head[sources:]


@pytest.mark.parametrize("date", ["2024-12-31", "2025-01-10", "2025-12"])
def test_a_hand_written_layout_is_kept_and_the_event_follows_it(tmp_path, date, run_cli):
    text = _events_first(COMMENTED.replace("# end of the file\n", ""))
    path = write(tmp_path / "events.yaml", text)
    result = invoke("-f", path, "--date", date, *FLAGS)
    assert result.exit_code == 0, result.output
    added = only_inserted(text, path.read_text(encoding="utf-8"))
    assert added.startswith("- id: a-new-thing\n  date: ")  # at the list's own indentation
    assert run_cli("validate", path).exit_code == 0


def test_an_edited_quote_already_there_is_not_checked_again(archived):
    text = COMMENTED.replace("大統領に就任し\n", "大統領に就任しなかった\n")  # not what the article says
    write(archived, text)
    result = invoke("-f", archived, "--edit", "trump-inauguration", "--title-en", "Sworn in")
    assert result.exit_code == 0, result.output
    assert "closest passage" not in result.stderr and "就任しなかった" in archived.read_text(encoding="utf-8")
    changed = invoke("-f", archived, "--edit", "trump-inauguration", "--quote", "就任しなかった")
    assert changed.exit_code == ExitCode.USAGE and "closest passage" in changed.stderr


def test_a_symlinked_file_stays_a_link_and_its_target_gets_the_event(tmp_path):
    target = write(tmp_path / "real.yaml", MINIMAL_TEXT)
    link = tmp_path / "events.yaml"
    link.symlink_to(target.name)
    result = invoke("-f", link, "--date", "2025-02-01", *FLAGS)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "a-new-thing" in target.read_text(encoding="utf-8")


def test_with_several_files_holding_events_the_prompt_asks_which(tmp_path):
    first = write(tmp_path / "a.yaml", MINIMAL_TEXT)
    second = write(tmp_path / "b.yaml", "version: 1\nevents: []\n")
    answers = ["3", "2", *ANSWERS]  # 3 is not offered: asked again
    result = invoke("-f", first, "-f", second, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert f"1. {first}" in result.stderr and f"2. {second}" in result.stderr
    assert result.stderr.count("Which file") == 2
    assert "a-new-thing" in second.read_text(encoding="utf-8") and first.read_text(encoding="utf-8") == MINIMAL_TEXT


def test_the_date_is_shown_back_in_the_language_asked_for(tmp_path):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    result = invoke("-f", path, "--lang", "ja", "--date", "令和7年5月", *FLAGS)
    assert result.exit_code == 0, result.output
    assert "2025年5月" in result.stderr and "    date: 2025-05\n" in result.stdout


def test_an_edit_that_changes_nothing_writes_nothing(tmp_path):
    path = write(tmp_path / "events.yaml", MINIMAL_TEXT)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = invoke("-f", path, "--edit", "trump-inauguration", "--date", "Jan 20, 2025")
    assert result.exit_code == 0, result.output
    assert "left unchanged" in result.stderr and path.stat().st_mtime_ns == 1_000_000_000

