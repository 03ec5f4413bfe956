"""`timeline diff`: a semantic comparison by id, over a fixture pair holding one of every kind of change
(tests/data/diff/old.yaml -> new.yaml), a reformatted copy that says the same thing, and real git history in a
temporary repository. stdout and stderr apart; exit 0 equal, 1 different, 2 error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from timeline.checkout import checkout_top
from timeline.diff import TimelineDiff, compare
from timeline.pipeline import load_timeline
from timeline.render.diff_formats import code_span
from conftest import DATA, MINIMAL
from test_gfm_autolinks import cmark_gfm, links
from test_injection import ESC, FORGERIES, forged_lines
from test_render_markdown import as_html, gfm_parser, markdown_parser

HERE = DATA / "diff"
OLD, NEW, REFORMATTED = HERE / "old.yaml", HERE / "new.yaml", HERE / "reformatted.yaml"
HOSTILE_TITLE = "*Tariffs* [bold]announced[/bold] | <script>alert(1)</script> ::warning::x"


def as_json(result) -> dict:
    return json.loads(result.stdout)


# -- every kind of change ---------------------------------------------------------------------------------------

def test_every_kind_of_change_is_found_by_id_and_value(run_cli):
    result = run_cli("diff", OLD, NEW, "--format", "json")
    assert result.exit_code == 1, result.stderr
    document = as_json(result)
    assert [event["id"] for event in document["added"]] == ["tariffs-announced"]
    assert [event["id"] for event in document["removed"]] == ["year-of-ai"]
    assert document["renamed"] == [{"from": "summer-of-crypto", "to": "crypto-summer"}]
    changed = {entry["id"]: entry["changes"] for entry in document["changed"]}
    assert changed["trump-inauguration"] == {
        "date": ["2025-01-22", "2025-01-20"],
        "title.en": ["Trump sworn in as 47th president", "Trump sworn in as *47th* president <b>"],
        "citations[0].quote": ["sworn in on Monday", "sworn in on Monday, Jan. 20"],
        "citations[1]": [{"source": "article-b", "quote": "1月20日に就任した"}, None],
    }
    assert changed["stargate-announced"]["date"] == ["2025-01", "2025-01-21"]
    assert changed["stargate-announced"]["notes"][0] is None
    assert changed["stargate-announced"]["disputes[duration]"][1] is None  # settled
    assert changed["sec-review-ongoing"]["topics"] == [["crypto-policy"], ["crypto-policy", "ai-policy"]]
    assert changed["sec-review-ongoing"]["disputes[start]"][0] is None  # opened
    assert document["title"] == {"title.en": ["US AI and crypto policy in 2025", "US AI and crypto policy, 2025"]}
    registries = document["registries"]
    assert [topic["id"] for topic in registries["topics"]["added"]] == ["trade"]
    assert [topic["id"] for topic in registries["topics"]["removed"]] == ["markets"]
    assert registries["topics"]["changed"] == [{"id": "crypto-policy",
                                                "changes": {"name.en": ["Crypto policy", "Crypto-asset policy"]}}]
    assert registries["actors"]["changed"] == [{"id": "donald-trump",
                                                "changes": {"aliases": [["Trump"], ["Trump", "トランプ"]]}}]
    assert registries["sources"]["changed"][0]["changes"] == {"published": ["2025-09", "2025-09-03"]}
    assert [source["id"] for source in registries["sources"]["added"]] == ["article-c"]
    assert "1 added, 1 removed, 1 renamed, 3 changed" in result.stderr


EXPECTED_LINES = {
    "en": [
        "+ events[tariffs-announced]  2025-04-02 (April 2, 2025) *Tariffs* [bold]announced[/bold]",
        "- events[year-of-ai]  2025 (2025) A year of AI",
        "> events[summer-of-crypto] → events[crypto-summer]  2025-22 (Summer 2025) A summer of crypto",
        "    .date: date moved from 2025-01-22 (Jan. 22, 2025) to 2025-01-20 (Jan. 20, 2025)",
        "    .date: date changed from 2025-01 (Jan. 2025) to 2025-01-21 (Jan. 21, 2025); precision raised from "
        "month to day",
        "    .citations[0].quote: “sworn in on Monday” → “sworn in on Monday, Jan. 20”",
        "    .citations[1]: citation removed: article-b: “1月20日に就任した”",
        "    .disputes[duration]: dispute settled: duration",
        "    .disputes[start]: dispute opened: start",
        "    .topics: added ai-policy",
        "+ topics[trade]  Trade",
        "    .aliases: added トランプ",
        "    .published: date changed from 2025-09 (Sept. 2025) to 2025-09-03 (Sept. 3, 2025); precision raised "
        "from month to day",
    ],
    "ja": [
        "+ events[tariffs-announced]  2025-04-02（2025年4月2日） 関税＊発表 <i>",
        "    .date: 日付を2025-01-22（2025年1月22日）から2025-01-20（2025年1月20日）に変更",
        "    .date: 日付を2025-01（2025年1月）から2025-01-21（2025年1月21日）に変更、精度を「月」から「日」に上げた",
        "    .citations[1]: 引用を削除：article-b: 「1月20日に就任した」",
        "    .disputes[duration]: 食い違いが解消した：duration",
        "    .disputes[start]: 食い違いが生じた：start",
        "    .topics: ai-policyを追加",
        "+ topics[trade]  通商",
    ],
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_text_says_each_change_in_words_in_either_language(run_cli, lang):
    result = run_cli("diff", OLD, NEW, "--lang", lang)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for expected in EXPECTED_LINES[lang]:
        assert any(line.startswith(expected) for line in lines), expected
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert result.stderr.startswith(f"diff: {OLD} → {NEW}: ")


@pytest.mark.parametrize("lang, headings", [("en", ["## Added", "## Removed", "## Renamed", "## Changed"]),
                                            ("ja", ["## 追加", "## 削除", "## ID変更", "## 変更"])])
def test_markdown_has_a_section_for_each_kind_of_change(run_cli, lang, headings):
    result = run_cli("diff", OLD, NEW, "--format", "markdown", "--lang", lang)
    assert result.exit_code == 1
    assert result.stdout.startswith("# ")
    assert [line for line in result.stdout.splitlines() if line.startswith("## ")] == headings
    assert "  - `.citations[0].quote`: " in result.stdout


def test_the_counts_on_stderr_are_in_the_output_language(run_cli):
    japanese = run_cli("diff", OLD, NEW, "--lang", "ja").stderr
    assert "出来事：追加 1件、削除 1件、ID変更 1件、変更 3件。タイトルを変更。" in japanese
    assert "出典：追加 1件、変更 1件" in japanese and "added" not in japanese
    assert run_cli("diff", OLD, REFORMATTED, "--lang", "ja").stderr.endswith("違いはありません\n")
    assert "1 added, 1 removed, 1 renamed, 3 changed event(s); title changed" in run_cli("diff", OLD, NEW).stderr


# -- Markdown: names as code spans, data escaped ------------------------------------------------------------------

@pytest.mark.parametrize("text, span", [
    ("a.yaml", "`a.yaml`"),
    ("HEAD~1:events.yaml", "`HEAD~1:events.yaml`"),
    ("events[tariffs-announced]", "`events[tariffs-announced]`"),
    ("a`b.yaml", "`` a`b.yaml ``"),
    ("``x``", "``` ``x`` ```"),
    (" a ", "`  a  `"),
    ("  ", "`  `"),
    ("a\x1bb\nc", "`a\\x1bb\\nc`"),
])
def test_a_code_span_holds_any_name_as_typed(text, span):
    assert code_span(text) == span
    shown = text.replace("\x1b", "\\x1b").replace("\n", "\\n")
    assert markdown_parser().renderInline(span) == f"<code>{as_html(shown)}</code>"


HOSTILE_NAMES = ["a`b [x](mailto:desk@evil.example) <i>www.evil.example.yaml", "evil.com ``x`` *y*.yaml"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_markdown_names_paths_ids_and_files_in_code_spans_and_makes_no_link_or_html(run_cli, tmp_path, name):
    old = tmp_path / name
    shutil.copyfile(OLD, old)
    markdown = run_cli("diff", old, NEW, "--format", "markdown").stdout
    assert "- `events[tariffs-announced]` 2025-04-02" in markdown
    assert "- `events[summer-of-crypto]` → `events[crypto-summer]` " in markdown
    assert "\\[" not in markdown.replace("\\[bold\\]", "").replace("\\[/bold\\]", "")  # only data is escaped
    for html in (markdown_parser().render(markdown), gfm_parser().render(markdown), cmark_gfm(markdown)):
        assert links(html) == [] and "<script" not in html and "<i>" not in html and "<b>" not in html
        assert f"<code>{as_html(str(old))}</code>" in html
        assert "<code>events[tariffs-announced]</code>" in html and "<code>.citations[0].quote</code>" in html


def test_colour_only_when_asked_for_or_on_a_terminal(run_cli):
    coloured = run_cli("diff", OLD, NEW, env={"FORCE_COLOR": "1"})
    assert "\x1b[32m+ events[tariffs-announced]" in coloured.stdout
    assert "\x1b[" not in run_cli("diff", OLD, NEW, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


# -- what is not a change -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_comments_quoting_key_order_and_layout_are_not_changes(run_cli, fmt):
    result = run_cli("diff", OLD, REFORMATTED, "--format", fmt)
    assert result.exit_code == 0, result.stdout
    assert "no differences" in result.stderr
    if fmt == "text":
        assert result.stdout == ""
    elif fmt == "markdown":
        assert result.stdout.rstrip().endswith("No changes.")
    else:
        assert as_json(result)["equal"] is True


def test_the_library_compares_two_timelines_into_frozen_records():
    diff = compare(load_timeline([OLD]), load_timeline([REFORMATTED]))
    assert isinstance(diff, TimelineDiff) and diff.equal
    changed = compare(load_timeline([OLD]), load_timeline([NEW]), hidden={"notes"})
    assert not any(change.path == "notes" for record in changed.changed for change in record.changes)


# -- hostile text -------------------------------------------------------------------------------------------------

def test_hostile_text_is_escaped_in_each_format(run_cli):
    text = run_cli("diff", OLD, NEW).stdout
    assert "[bold]announced[/bold] | <script>" in text  # as typed: text output is not markup
    assert " \\x3a:warning::x" in text  # a CI log must not read a workflow command in it
    markdown = run_cli("diff", OLD, NEW, "--format", "markdown").stdout
    assert "\\*Tariffs\\* \\[bold\\]announced\\[/bold\\] \\| &lt;script\\>" in markdown
    assert "<script>" not in markdown and "<b>" not in markdown and "<i>" not in markdown
    assert "Wire &lt;Service\\>" in markdown
    document = as_json(run_cli("diff", OLD, NEW, "--format", "json"))
    assert document["added"][0]["title"]["en"] == HOSTILE_TITLE


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_data_cannot_forge_a_workflow_command_or_a_terminal_escape(run_cli, tmp_path, forgery, fmt):
    changed = tmp_path / f"{ESC}[2J::error::new.yaml"  # a hostile file name too: it is named on stderr
    changed.write_text(FORGERIES[forgery], encoding="utf-8")
    result = run_cli("diff", MINIMAL, changed, "--format", fmt)
    assert result.exit_code in (1, 2), result.stderr  # 2: a line break in a title is refused, on stderr
    assert forged_lines(result.stdout) == [] and forged_lines(result.stderr) == []
    assert ESC not in result.stdout + result.stderr and "\\x1b[2J" in result.stderr


# -- errors --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, said", [
    ((), "nothing to compare"),
    ((OLD,), "is a file: name the file to compare it with"),
    ((OLD, NEW, NEW), "at most two arguments"),
    (("missing.yaml", NEW), "missing.yaml: no such file"),
    (("--since", "2025-12-01", OLD, NEW), "--since DATE takes one FILE"),
    (("--since", "someday", OLD), "invalid value for --since"),
])
def test_usage_mistakes_are_exit_2(run_cli, args, said):
    result = run_cli("diff", *args)
    assert result.exit_code == 2
    assert said in result.stderr and result.stdout == ""


@pytest.mark.parametrize("side", ["old", "new"])
def test_an_invalid_side_is_exit_2_naming_the_side_not_a_difference(run_cli, tmp_path, side):
    broken = tmp_path / "broken.yaml"
    broken.write_text(NEW.read_text(encoding="utf-8").replace("date: 2025-04-02", "date: 2025-13-45"),
                      encoding="utf-8")
    result = run_cli("diff", *((broken, NEW) if side == "old" else (OLD, broken)))
    assert result.exit_code == 2
    assert f"the {side} side, {broken}, is invalid (1 error(s)): nothing was compared" in result.stderr
    assert "broken.yaml:" in result.stderr and result.stdout == ""


# -- git history ---------------------------------------------------------------------------------------------------

def git(repo, *args: str, date: str = "2025-11-01T12:00:00+00:00") -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.com", "-c",
                    "commit.gpgsign=false", *args], cwd=repo, env=environment, check=True, capture_output=True)


@pytest.fixture
def history(tmp_path):
    """A git repository whose story/events.yaml was old.yaml (committed 2025-11-01), then new.yaml (2025-12-15)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "story").mkdir(parents=True)
    git(repo, "init", "-q")
    shutil.copy(OLD, repo / "story" / "events.yaml")
    git(repo, "add", "story/events.yaml")
    git(repo, "commit", "-q", "-m", "first")
    shutil.copy(NEW, repo / "story" / "events.yaml")
    git(repo, "commit", "-q", "-am", "second", date="2025-12-15T12:00:00+00:00")
    return repo


def test_a_revision_is_compared_with_the_file_as_it_is_now(run_cli, history):
    result = run_cli("diff", "HEAD~1", "story/events.yaml", "--format", "json", cwd=history)
    assert result.exit_code == 1, result.stderr
    document = as_json(result)
    assert (document["old"], document["new"]) == ("HEAD~1:story/events.yaml", "story/events.yaml")
    assert document["renamed"] == [{"from": "summer-of-crypto", "to": "crypto-summer"}]
    assert run_cli("diff", "HEAD", "story/events.yaml", cwd=history).exit_code == 0


def test_the_default_file_is_found_from_inside_the_checkout(run_cli, history):
    result = run_cli("diff", "HEAD~1", "--format", "json", cwd=history / "story")
    assert result.exit_code == 1, result.stderr
    assert as_json(result)["old"] == "HEAD~1:story/events.yaml"  # named from the checkout's top, as git does


def test_since_takes_the_last_commit_before_the_date(run_cli, history):
    result = run_cli("diff", "--since", "2025-12-01", "story/events.yaml", "--format", "json", cwd=history)
    assert result.exit_code == 1, result.stderr
    assert as_json(result)["old"] == "story/events.yaml@2025-12-01"
    assert [event["id"] for event in as_json(result)["added"]] == ["tariffs-announced"]
    assert run_cli("diff", "--since", "2025-12-31", "story/events.yaml", cwd=history).exit_code == 0
    early = run_cli("diff", "--since", "2025-10-01", "story/events.yaml", cwd=history)
    assert early.exit_code == 2 and "has no commit before 2025-10-01" in early.stderr


def test_a_word_that_is_both_a_file_and_a_revision_is_refused_not_guessed(run_cli, history):
    shutil.copy(OLD, history / "HEAD")  # a file named like the revision, beside the event file
    result = run_cli("diff", "HEAD", "story/events.yaml", cwd=history)
    assert result.exit_code == 2, result.stderr
    assert "'HEAD' is both a file here and a revision of story/events.yaml" in result.stderr
    assert "timeline diff ./HEAD story/events.yaml" in result.stderr
    as_file = run_cli("diff", "./HEAD", "story/events.yaml", "--format", "json", cwd=history)
    as_revision = run_cli("diff", "HEAD^{commit}", "story/events.yaml", "--format", "json", cwd=history)
    assert (as_file.exit_code, as_revision.exit_code) == (1, 0)  # the file is old.yaml; HEAD is the file as it is


@pytest.mark.parametrize("revision, said", [("no-such-branch", "unknown revision 'no-such-branch'"),
                                            ("-p", "'-p' is not a revision")])
def test_an_unknown_revision_is_exit_2(run_cli, history, revision, said):
    result = run_cli("diff", "--", revision, "story/events.yaml", cwd=history)  # never an option of git's
    assert result.exit_code == 2 and said in result.stderr


def test_a_file_the_revision_did_not_have_is_exit_2(run_cli, history):
    shutil.copy(OLD, history / "later.yaml")
    git(history, "add", "later.yaml")
    git(history, "commit", "-q", "-m", "third", date="2025-12-20T12:00:00+00:00")
    result = run_cli("diff", "HEAD~1", "later.yaml", cwd=history)
    assert result.exit_code == 2 and "the file is not in that revision" in result.stderr


def test_a_file_outside_any_checkout_has_no_revisions(run_cli, tmp_path):
    shutil.copy(OLD, tmp_path / "events.yaml")
    if checkout_top(tmp_path / "events.yaml") is not None:
        pytest.skip("the temporary folder is inside a git checkout")
    result = run_cli("diff", "HEAD~1", cwd=tmp_path)
    assert result.exit_code == 2 and "is not in a git checkout" in result.stderr


def test_a_real_process_reads_git_history_and_exits_1_when_different(run_subprocess, history):
    done = run_subprocess("diff", "HEAD~1", env={"TIMELINE_FILE": "story/events.yaml", "NO_COLOR": "1"},
                          cwd=history)
    assert done.returncode == 1, done.stderr
    assert "> events[summer-of-crypto] → events[crypto-summer]" in done.stdout
    assert done.stderr.startswith("diff: HEAD~1:story/events.yaml → story/events.yaml: ")
