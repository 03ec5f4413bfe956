"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning, problem for problem what `--format json` reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from test_cli_validate import BAD, FORGED, MINIMAL

from timeline import __version__
from timeline.errors import PROBLEM_CODES

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


def test_sarif_gives_an_absolute_path_as_a_file_uri(run_cli):
    _, sarif, _ = reports(run_cli, BAD / "unknown-topic.yaml")
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert urlsplit(uri).scheme == "file" and Path(unquote(urlsplit(uri).path)) == BAD / "unknown-topic.yaml"


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
