"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, problem for problem what `--format json` reports."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from test_cli_validate import BAD, FORGED, MINIMAL

from timeline import __version__
from timeline.checkout import checkout_top, in_checkout, repository_path
from timeline.errors import PROBLEM_CODES, Problem

LEVELS = {"error": "error", "warning": "warning", "notice": "note"}


def reports(run_cli, *args, cwd=None, env=None):
    """(exit code, SARIF document, JSON report) of one `validate` run in each format."""
    sarif = run_cli("validate", "--format", "sarif", *args, cwd=cwd, env=env)
    plain = run_cli("validate", "--format", "json", *args, cwd=cwd, env=env)
    assert sarif.exit_code == plain.exit_code
    assert "{" not in sarif.stderr  # the summary line only
    return sarif.exit_code, json.loads(sarif.stdout), json.loads(plain.stdout)


def test_sarif_has_one_result_per_problem_with_its_rule_level_and_place(run_cli, tmp_path):
    folder = tmp_path / "data dir"
    folder.mkdir()
    shutil.copy(BAD / "unknown-topic.yaml", folder / "出来事 events.yaml")
    name = "data dir/出来事 events.yaml"
    code, sarif, plain = reports(run_cli, name, cwd=tmp_path)
    assert code == 1
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    [run] = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "timeline" and driver["version"] == __version__
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == list(PROBLEM_CODES)  # every code, in a fixed order: stable indexes
    for rule in rules:
        severity, meaning = PROBLEM_CODES[rule["id"]]
        assert rule["defaultConfiguration"]["level"] == LEVELS[severity.value]
        assert rule["shortDescription"]["text"] == meaning
    assert len(run["results"]) == len(plain["problems"]) == 3
    for result, problem in zip(run["results"], plain["problems"]):
        assert result["ruleId"] == problem["code"] and rules[result["ruleIndex"]]["id"] == problem["code"]
        assert result["level"] == LEVELS[problem["severity"]]
        assert result["message"]["text"] == f"{problem['message']} (hint: {problem['hint']})"
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["region"] == {"startLine": problem["line"], "startColumn": problem["column"]}
        artifact = physical["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"  # relative to the checkout: what code scanning matches
        assert artifact["uri"] == "data%20dir/%E5%87%BA%E6%9D%A5%E4%BA%8B%20events.yaml"
        assert unquote(artifact["uri"]) == name
    assert run["artifacts"] == [{"location": {"uri": artifact["uri"], "uriBaseId": "%SRCROOT%"}}]
    # Columns count characters, as every report does: SARIF's own default would read them as UTF-16 units, two
    # for an emoji before the mistake.
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_gives_an_absolute_path_outside_a_checkout_as_a_file_uri(run_cli, tmp_path):
    outside(tmp_path)
    path = tmp_path / "unknown-topic.yaml"
    shutil.copy(BAD / "unknown-topic.yaml", path)
    _, sarif, _ = reports(run_cli, path)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert urlsplit(uri).scheme == "file" and Path(unquote(urlsplit(uri).path)) == path


def test_sarif_of_a_valid_file_exits_0_with_its_notices_as_notes(run_cli):
    code, sarif, plain = reports(run_cli, MINIMAL)
    assert code == 0 and plain["valid"] is True
    [run] = sarif["runs"]
    assert [result["level"] for result in run["results"]] == ["note"]  # the one-source notice, which never fails
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_keeps_forged_text_as_data(run_cli, tmp_path):
    path = tmp_path / "forged.yaml"
    path.write_text(FORGED, encoding="utf-8")
    code, sarif, plain = reports(run_cli, path)
    assert code == 1
    texts = [result["message"]["text"] for result in sarif["runs"][0]["results"]]
    assert texts == [p["message"] + (f" (hint: {p['hint']})" if p["hint"] else "") for p in plain["problems"]]
    assert any("::error" in text or "add-mask" in text for text in texts)  # reported as the text it is


def test_explicit_sarif_wins_over_github_actions(run_cli):
    result = run_cli("validate", "--format", "sarif", MINIMAL, env={"GITHUB_ACTIONS": "true"})
    assert json.loads(result.stdout)["version"] == "2.1.0"


def test_verify_reports_sarif_too(run_subprocess):
    result = run_subprocess("verify", "--format", "sarif", "--archive", MINIMAL.parent, MINIMAL)
    [run] = json.loads(result.stdout)["runs"]
    assert result.returncode in (0, 1) and run["tool"]["driver"]["name"] == "timeline"
    assert all(result["ruleId"] in PROBLEM_CODES for result in run["results"])


# -- paths from the top level of the checkout ----------------------------------------------------------------------
#
# GitHub reads an annotation's `file=` and a SARIF `uri` (base %SRCROOT%) from the top of the repository, whatever
# directory the step ran in (actions/runner makes only absolute paths relative to the workspace).

CHECKOUTS = ["git init", ".git file"]  # a clone, and a worktree or submodule (whose .git is a file)


def make_checkout(root: Path, kind: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    if kind == "git init":
        git = shutil.which("git")
        if git is None:
            pytest.skip("git is not installed (CI has it); the '.git file' case runs without it")
        subprocess.run([git, "init", "-q", str(root)], check=True, capture_output=True)
    else:
        (root / ".git").write_text("gitdir: /elsewhere/.git/worktrees/story\n", encoding="utf-8")


def outside(folder: Path) -> None:
    """The test's folder must be in no checkout, or it would test the wrong thing."""
    if checkout_top(folder / "x") is not None:
        pytest.fail(f"{folder} is inside a git checkout ({checkout_top(folder / 'x')}): run the tests from a "
                    "temporary directory that is not", pytrace=False)


def annotated_files(run_cli, fmt: str, args: list, cwd: Path) -> list[str]:
    """Every file name `validate --format FMT` reports, as GitHub reads it."""
    result = run_cli("validate", "--format", fmt, *args, cwd=cwd)
    assert result.exit_code == 1, result.output
    if fmt == "github":
        names = re.findall(r"^::error file=([^,]*),", result.stdout, flags=re.MULTILINE)
        return [unquote(name) for name in names]  # %3A, %2C and %25 are GitHub's escapes; unquote undoes them
    [run] = json.loads(result.stdout)["runs"]
    locations = [found["locations"][0]["physicalLocation"]["artifactLocation"] for found in run["results"]]
    locations += [artifact["location"] for artifact in run["artifacts"]]
    assert {location.get("uriBaseId") for location in locations} == {"%SRCROOT%"}
    return [unquote(location["uri"]) for location in locations]


@pytest.mark.parametrize("kind", CHECKOUTS)
@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_annotations_name_the_file_from_the_top_of_the_checkout(run_cli, tmp_path, fmt, kind):
    outside(tmp_path)
    top = tmp_path / "newsroom"
    make_checkout(top, kind)
    story = top / "desk 2025" / "story"
    story.mkdir(parents=True)
    shutil.copy(BAD / "unknown-topic.yaml", story / "events.yaml")
    (top / "archive").mkdir()
    runs = {
        "from the top": annotated_files(run_cli, fmt, ["desk 2025/story/events.yaml"], top),
        "from the folder": annotated_files(run_cli, fmt, ["events.yaml"], story),
        "from the folder, by default": annotated_files(run_cli, fmt, [], story),
        "from a sibling folder": annotated_files(run_cli, fmt, ["../desk 2025/story/events.yaml"], top / "archive"),
        "by an absolute path": annotated_files(run_cli, fmt, [story / "events.yaml"], story),
        "from outside the checkout": annotated_files(run_cli, fmt, ["newsroom/desk 2025/story/events.yaml"], tmp_path),
    }
    for how, files in runs.items():
        assert files and set(files) == {"desk 2025/story/events.yaml"}, how


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_outside_a_checkout_annotations_keep_the_path_as_given(run_cli, tmp_path, fmt):
    outside(tmp_path)
    story = tmp_path / "story"
    story.mkdir()
    shutil.copy(BAD / "unknown-topic.yaml", story / "events.yaml")
    assert set(annotated_files(run_cli, fmt, ["story/events.yaml"], tmp_path)) == {"story/events.yaml"}
    assert set(annotated_files(run_cli, fmt, ["events.yaml"], story)) == {"events.yaml"}
    if fmt == "github":
        assert set(annotated_files(run_cli, fmt, [story / "events.yaml"], story)) == {str(story / "events.yaml")}


def test_text_and_json_reports_keep_the_path_as_given(run_cli, tmp_path):
    """For a person at a terminal the path is the one typed, relative to where they are."""
    make_checkout(tmp_path / "newsroom", ".git file")
    story = tmp_path / "newsroom" / "story"
    story.mkdir()
    shutil.copy(BAD / "unknown-topic.yaml", story / "events.yaml")
    text = run_cli("validate", "--format", "text", "events.yaml", cwd=story)
    assert text.stdout.startswith("events.yaml:")
    report = json.loads(run_cli("validate", "--format", "json", "events.yaml", cwd=story).stdout)
    assert report["files"] == ["events.yaml"] and {p["file"] for p in report["problems"]} == {"events.yaml"}


def test_the_innermost_checkout_is_the_top(tmp_path, monkeypatch):
    """A submodule (its .git a file) inside a clone is a checkout of its own, as git sees it."""
    outside(tmp_path)
    make_checkout(tmp_path / "outer", ".git file")
    make_checkout(tmp_path / "outer" / "inner", ".git file")
    (tmp_path / "outer" / "inner" / "story").mkdir()
    monkeypatch.chdir(tmp_path / "outer" / "inner" / "story")
    assert checkout_top("events.yaml") == tmp_path / "outer" / "inner"
    assert repository_path("events.yaml") == "story/events.yaml"
    assert repository_path("../../x.yaml") == "x.yaml"  # in outer, beside inner
    assert repository_path("../../../elsewhere.yaml") == "../../../elsewhere.yaml"  # in no checkout: as given
    assert repository_path(str(tmp_path / "outer" / "a" / ".." / "b.yaml")) == "b.yaml"


def test_in_checkout_names_problems_and_files_alike(tmp_path, monkeypatch):
    make_checkout(tmp_path / "newsroom", ".git file")
    (tmp_path / "newsroom" / "story").mkdir()
    monkeypatch.chdir(tmp_path / "newsroom" / "story")
    problems = [Problem("events.yaml", 3, 1, "unknown-topic", "m"), Problem("/nowhere/x.yaml", 1, 1, "bad-id", "m")]
    located, files = in_checkout(problems, ["events.yaml", "/nowhere/x.yaml"])
    assert [p.file for p in located] == files == ["story/events.yaml", "/nowhere/x.yaml"]
    assert located[1] is problems[1] and located[0].line == 3  # only the name changes


def test_the_top_is_where_git_says(tmp_path):
    """Differential: checkout_top against `git rev-parse --show-toplevel`, for a clone and a clone inside it."""
    outside(tmp_path)
    make_checkout(tmp_path / "outer", "git init")
    make_checkout(tmp_path / "outer" / "inner", "git init")
    for folder in (tmp_path / "outer", tmp_path / "outer" / "a" / "b", tmp_path / "outer" / "inner" / "c"):
        folder.mkdir(parents=True, exist_ok=True)
        git = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True,
                             check=True)
        assert Path(checkout_top(folder / "events.yaml")).resolve() == Path(git.stdout.strip()).resolve(), folder


def test_a_file_named_through_a_linked_folder_is_placed_where_git_sees_it(tmp_path):
    """`lnk -> repo/story`: `-f lnk/events.yaml` is `story/events.yaml` in the checkout, as git places it."""
    from timeline.checkout import repository_path

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "story").mkdir()
    (tmp_path / "repo" / "story" / "events.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "lnk").symlink_to(tmp_path / "repo" / "story")
    assert repository_path(str(tmp_path / "lnk" / "events.yaml")) == "story/events.yaml"


# -- GitHub's workflow-command escaping ----------------------------------------------------------------------------

def runner_reads(line: str) -> tuple[str, dict[str, str], str]:
    """(command, properties, message) of one annotation line as GitHub's runner reads it (actions/runner
    ActionCommand.TryParseV2): the command and properties up to the first `::` after the leading one, properties
    split at `,` and at their first `=`, then each value and the message unescaped, `%25` last."""
    assert line.startswith("::") and "\n" not in line and "\r" not in line
    head, message = line[2:].split("::", 1)
    command, _, rest = head.partition(" ")
    properties = dict(pair.split("=", 1) for pair in rest.split(","))
    unescape = lambda value, more=(): functools.reduce(  # noqa: E731
        lambda text, pair: text.replace(*pair), [("%0D", "\r"), ("%0A", "\n"), *more, ("%25", "%")], value)
    return command, {key: unescape(value, [("%3A", ":"), ("%2C", ",")]) for key, value in properties.items()}, \
        unescape(message)


ODD_NAMES = ["a:b.yaml", "a,b.yaml", "100%.yaml", "%3A.yaml", "a::b.yaml", "a\n::error::forged.yaml", "a\rb.yaml",
             "dir, with: all%0A.yaml", "x=y.yaml"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_github_annotation_names_the_file_exactly_and_its_message_as_written(name):
    from timeline.render.problems import render_github

    message = "title has `::` and 100%: a\nnew line, and a comma"
    problem = Problem(name, 3, 5, "bad-date", message, "use `:: x`")
    [line] = render_github([problem]).splitlines()
    command, properties, said = runner_reads(line)
    assert command == "error"
    assert properties == {"file": name, "line": "3", "col": "5", "title": "error[bad-date]"}
    assert said == message + " (hint: use `:: x`)"  # nothing defused: past the command's `::` no `::` is one
