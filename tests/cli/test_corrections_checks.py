"""Corrections drafted and checked: `timeline diff --draft-corrections` drafts a notice in both languages when a date,
a figure or a title changes (ready-to-paste YAML that validates once pasted, never written by diff itself);
`timeline validate` refuses a correction dated before the article it corrects, and with `--since REV` warns for a
change since a git revision that no correction records. Real files in tmp_path and a real git repository.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conftest import GOOD, MINIMAL, REPO
from test_diff import git

CORRECTED = GOOD / "corrections.yaml"
TODAY = "2025-12-03"


def edited(tmp_path, name: str, *replacements: tuple[str, str], base=MINIMAL):
    text = base.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


OLD_DATE = ("date: 2025-01-20", "date: 2025-01-22")
OLD_FIGURE = ("en: Trump sworn in as 47th president", "en: Trump sworn in as 45th president")
OLD_TITLE = ("ja: トランプ氏が第47代大統領に就任", "ja: トランプ氏が第47代大統領に就任へ")
OLD_MONTH = ("date: 2025-01-20", "date: 2025-01")


def drafts(run_cli, old, new, *args):
    result = run_cli("diff", old, new, "--draft-corrections", "--as-of", TODAY, *args)
    assert result.exit_code == 1, result.stderr  # still diff's exit code: the sides differ
    return result.stdout


OLD_TIME = ("date: 2025-01-20", "date: 2025-01-20T12:00:00Z")
NEW_TIME = ("date: 2025-01-20", "date: 2025-01-20T17:00:00Z")
OLD_SUMMARY_FIGURE = ("en: Donald Trump was sworn in as the 47th", "en: Donald Trump was sworn in as the 45th")
DOCS = REPO / "src" / "timeline" / "docs" / "corrections.md"

# Each row of the drafting table in `timeline docs corrections`: its first cell -> (old side's edits, new side's).
DRAFTED = {
    "date `2025-01-22` → `2025-01-20`": ([OLD_DATE], []),
    "time `2025-01-20T12:00:00Z` → `2025-01-20T17:00:00Z`": ([OLD_TIME], [NEW_TIME]),
    "date made more precise `2025-01` → `2025-01-20`": ([OLD_MONTH], []),
    "a figure in the English headline, 45 → 47": ([OLD_FIGURE], []),
    "the same figure in the English headline and summary": ([OLD_FIGURE, OLD_SUMMARY_FIGURE], []),
    "the Japanese headline reworded": ([OLD_TITLE], []),
}


def documented_drafts() -> dict[str, tuple[str, str, str]]:
    """The drafting table of docs/corrections.md: change -> (kind, English, Japanese)."""
    section = DOCS.read_text(encoding="utf-8").split("## Drafting")[1].split("\n## ")[0]
    rows = [line.strip("|").split(" | ") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): (cells[1].strip("` "), cells[2].strip(), cells[3].strip()) for cells in rows[2:]}


def test_the_docs_show_every_kind_of_draft():
    assert set(documented_drafts()) == set(DRAFTED)


@pytest.mark.parametrize("change", list(DRAFTED))
def test_each_kind_of_draft_reads_as_the_docs_say_in_both_languages(run_cli, tmp_path, change):
    kind, en, ja = documented_drafts()[change]
    old_edits, new_edits = DRAFTED[change]
    old, new = edited(tmp_path, "old.yaml", *old_edits), edited(tmp_path, "new.yaml", *new_edits)
    document = json.loads(drafts(run_cli, old, new, "--format", "json"))
    assert [(d["id"], d["correction"]) for d in document] == [
        ("trump-inauguration", {"date": TODAY, "kind": kind, "text": {"ja": ja, "en": en}})]
    assert "“" not in ja and "「" not in en  # each language's own quotation marks


def test_both_languages_say_the_same_facts_when_the_texts_changed_differently(run_cli, tmp_path):
    """English headline and summary, Japanese headline only: one sentence each, naming both fields."""
    old = edited(tmp_path, "old.yaml", OLD_FIGURE, OLD_SUMMARY_FIGURE, ("ja: トランプ氏が第47代", "ja: トランプ氏が第45代"))
    text = json.loads(drafts(run_cli, old, MINIMAL, "--format", "json"))[0]["correction"]["text"]
    assert text == {"en": "An earlier version of this chronology misstated a figure in this entry's headline and "
                          "summary. It is 47, not 45.",
                    "ja": "この項目の見出しと英語の概要で45としていたのは、47の誤りでした。"}


def test_the_yaml_draft_pastes_under_its_event_and_then_validates_and_shows(run_cli, tmp_path):
    old = edited(tmp_path, "old.yaml", OLD_DATE, OLD_FIGURE)
    new = tmp_path / "new.yaml"
    shutil.copy(MINIMAL, new)
    before = new.read_bytes()
    text = drafts(run_cli, old, new)
    assert new.read_bytes() == before  # diff writes nothing
    block = text.split("\n\n")[1]
    assert block.startswith("# trump-inauguration: date moved from 2025-01-22")
    entry = yaml.safe_load(block)["corrections"][0]
    assert entry["kind"] == "correction" and str(entry["date"]) == TODAY
    assert "It was Jan. 20, 2025, not Jan. 22, 2025." in entry["text"]["en"]
    assert "47, not 45" in entry["text"]["en"] and "2025年1月20日の誤りでした" in entry["text"]["ja"]
    new.write_text(new.read_text(encoding="utf-8") + block + "\n", encoding="utf-8")  # the event is the last one
    assert run_cli("validate", new).exit_code == 0
    chronology = run_cli("chronology", "-f", new).stdout
    assert "**Correction** (Dec. 3, 2025): An earlier version" in chronology and "It is 47, not 45." in chronology
    assert run_cli("diff", old, new, "--draft-corrections", "--as-of", TODAY).stdout.startswith("# No date")


def test_the_markdown_draft_is_a_bullet_and_a_yaml_block(run_cli, tmp_path):
    old = edited(tmp_path, "old.yaml", OLD_DATE)
    text = drafts(run_cli, old, MINIMAL, "--format", "markdown", "--lang", "ja")
    assert text.startswith("# 訂正の下書き\n\n- `trump-inauguration`: 日付を")
    fenced = text.split("```yaml\n")[1].split("```")[0]
    assert yaml.safe_load(fenced.replace("\n  ", "\n").strip())[0]["kind"] == "correction"


def test_rewording_a_summary_or_an_unchanged_file_drafts_nothing(run_cli, tmp_path):
    old = edited(tmp_path, "old.yaml", ("en: Donald Trump was sworn in", "en: Donald Trump took the oath"))
    assert "nothing to draft" in drafts(run_cli, old, MINIMAL)
    same = run_cli("diff", MINIMAL, MINIMAL, "--draft-corrections", "--format", "json")
    assert (same.exit_code, json.loads(same.stdout)) == (0, [])


def test_as_of_must_be_one_day(run_cli, tmp_path):
    old = edited(tmp_path, "old.yaml", OLD_DATE)
    result = run_cli("diff", old, MINIMAL, "--draft-corrections", "--as-of", "2025-12")
    assert result.exit_code == 2 and "not one day" in result.stderr


# -- validate: a correction is not older than its article -----------------------------------------------------------

@pytest.mark.parametrize("replacements, position, article", [
    ([("      - date: 2025-02-03\n", "      - date: 2025-01-30\n")], "43:9",
     "'example-2025-02-03', published 2025-02-03"),
    ([("      - date: 2025-03-01\n", "      - date: 2025-01-26\n")], "63:9", "the earliest article the event cites, "
                                                                            "'example-2025-01-27'"),
])
def test_a_correction_dated_before_its_article_is_an_error_with_its_position(run_cli, tmp_path, replacements,
                                                                             position, article):
    path = edited(tmp_path, "events.yaml", *replacements, base=CORRECTED)
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert f"events.yaml:{position}: error[correction-too-early]" in result.stdout
    assert article in result.stdout and "hint: a correction is published after the article" in result.stdout


def test_a_correction_on_the_day_of_its_article_is_accepted(run_cli, tmp_path):
    path = edited(tmp_path, "events.yaml", ("      - date: 2025-02-03\n", "      - date: 2025-02-04\n"), base=CORRECTED)
    assert run_cli("validate", path, "--as-of", TODAY).exit_code == 0


# A notice tells readers the day it appeared ("Updated Dec. 3, 2025"): a year, a season, a month, a guess, an
# interval or a year past 9999 would read "Updated 170,000,002" or "Updated Spring 2025".
@pytest.mark.parametrize("date, why", [
    ("Y170000002", "outside 0001-9999"), ("2025-21", "not a whole day"), ("2025-02", "not a whole day"),
    ("2025", "not a whole day"), ("2025-02-XX", "not a whole day"), ("2025-02-03~", "uncertain or approximate"),
    ("2025-02-03?", "uncertain or approximate"), ("2025-02-03/2025-02-04", "interval"),
])
def test_a_correction_date_must_be_one_plain_day(run_cli, tmp_path, date, why):
    path = edited(tmp_path, "events.yaml", ("      - date: 2025-02-03\n", f"      - date: {date}\n"), base=CORRECTED)
    result = run_cli("validate", path, "--as-of", TODAY)
    assert result.exit_code == 1
    assert "events.yaml:43:15: error[bad-date]: event 'trump-inauguration' correction 1 date" in result.stdout
    assert why in result.stdout and "hint:" in result.stdout


@pytest.mark.parametrize("as_of, warned", [("2025-03-04", True), ("2025-03-05", False), (None, False)])
def test_a_correction_dated_after_today_is_a_warning(run_cli, tmp_path, as_of, warned):
    path = edited(tmp_path, "events.yaml", base=CORRECTED)  # its newest correction is dated 2025-03-05
    result = run_cli("validate", path, "--strict", *(("--as-of", as_of) if as_of else ()))
    assert ("events.yaml:68:9: warning[correction-in-future]" in result.stdout) is warned, result.stdout
    assert result.exit_code == (1 if warned else 0)
    future = edited(tmp_path, "future.yaml", ("      - date: 2025-02-03\n", "      - date: 9999-12-31\n"),
                    base=CORRECTED)
    assert "warning[correction-in-future]" in run_cli("validate", future).stdout  # today's clock


def test_every_problem_of_a_correction_is_reported_at_once(run_cli, tmp_path):
    path = edited(tmp_path, "events.yaml", ("      - date: 2025-02-03\n        kind: correction\n",
                                            "      - date: 2025-01-30\n        kind: corection\n"),
                  ("          en: An earlier version of this chronology misstated the date of the inauguration. "
                   "It was Jan. 20, not Jan. 22.\n", ""), base=CORRECTED)
    result = run_cli("validate", path, "--as-of", TODAY)
    assert result.exit_code == 1
    out = result.stdout
    assert "error[bad-value]: event 'trump-inauguration' correction 1 kind 'corection'" in out
    assert "hint: did you mean 'correction'?" in out
    assert "error[correction-too-early]" in out  # not hidden by the bad kind
    assert "correction 1 text has no 'en'" in out and "see `timeline docs corrections`" in out


# -- validate --since REV ---------------------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    """events.yaml committed on 2025-11-01 with the wrong date, then fixed on disk (not committed)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    edited(folder, "events.yaml", OLD_DATE, OLD_FIGURE)
    git(folder, "add", "events.yaml")
    git(folder, "commit", "-q", "-m", "first", date="2025-11-01T12:00:00+00:00")
    shutil.copy(MINIMAL, folder / "events.yaml")
    return folder


def test_since_warns_at_a_changed_event_with_no_correction(run_cli, repo):
    result = run_cli("validate", "--since", "HEAD", "events.yaml", cwd=repo)
    assert result.exit_code == 0, result.stderr  # a warning
    assert ("events.yaml:24:5: warning[uncorrected-change]: event 'trump-inauguration': its date and a figure changed "
            "since HEAD (2025-11-01) and no correction records it") in result.stdout
    assert "--draft-corrections" in result.stdout
    assert run_cli("validate", "--since", "HEAD", "--strict", "events.yaml", cwd=repo).exit_code == 1


def correction(date: str) -> str:
    return (f"    corrections:\n      - date: {date}\n        kind: correction\n        text:\n"
            "          ja: 日付と代を訂正しました。\n          en: We corrected the date and the number.\n")


@pytest.mark.parametrize("date, warned", [("2025-11-01", False), ("2025-12-03", False), ("2025-10-31", True)])
def test_since_is_satisfied_by_a_correction_dated_on_or_after_the_commit_day(run_cli, repo, date, warned):
    path = repo / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8") + correction(date), encoding="utf-8")
    result = run_cli("validate", "--since", "HEAD", "--strict", "events.yaml", cwd=repo)
    assert ("uncorrected-change" in result.stdout) is warned
    assert result.exit_code == (1 if warned else 0), result.stdout + result.stderr


def test_since_needs_one_file_in_a_checkout(run_cli, repo, tmp_path):
    shutil.copy(repo / "events.yaml", repo / "more.yaml")
    two = run_cli("validate", "--since", "HEAD", "events.yaml", "more.yaml", cwd=repo)
    assert two.exit_code == 2 and "name one file" in two.stderr
    unknown = run_cli("validate", "--since", "no-such-rev", "events.yaml", cwd=repo)
    assert unknown.exit_code == 2 and "unknown revision" in unknown.stderr


@pytest.mark.parametrize("lang, said", [
    ("en", "    .corrections[0]: notice added: Correction (Feb. 3, 2025): An earlier version of this chronology"),
    ("ja", "    .corrections[0]: 訂正・補足・更新を追加：訂正（2025年2月3日）：この年表の以前の版で"),
])
def test_diff_says_a_correction_added_as_readers_read_it(run_cli, lang, said):
    result = run_cli("diff", MINIMAL, CORRECTED, "--lang", lang)
    assert result.exit_code == 1 and said in result.stdout
