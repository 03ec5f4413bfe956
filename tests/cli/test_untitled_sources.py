"""A source without a headline (`untitled: true`): read, kept through the cache and normalize, and named in every
output as "untitled article" / 「見出しなし」 in the output language, never in quotes as if it were a headline.

The fixture is tests/data/good/untitled.yaml; the errors (both keys, neither, `untitled: false`) are in the
validate corpus, tests/data/bad/source-*.yaml, with their positions.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from timeline.cache import codec
from timeline.complete import candidates
from timeline.pipeline import load_timeline
from timeline.render.headline import UNTITLED
from conftest import TESTS

DATA = TESTS / "data"
FIXTURE = DATA / "good" / "untitled.yaml"
UNTITLED_ID, TITLED_ID, EVENT_ID = "gigxit-2025-01-21", "wire-2025-01-22", "inauguration-days"
HEADLINE = "Untitled? No: a *real* headline"
LANGS = ["en", "ja"]


def never_quoted(text: str, lang: str) -> None:
    """The phrase is in the output, and never between the marks that quote a headline."""
    phrase = UNTITLED[lang]
    assert phrase in text
    for opening, closing in (("“", "”"), ("「", "」"), ('"', '"'), ("'", "'")):
        assert f"{opening}{phrase}{closing}" not in text


# -- the model, the cache, normalize -------------------------------------------------------------------------


def test_an_untitled_source_has_no_title():
    timeline = load_timeline([FIXTURE])
    untitled, titled = timeline.sources[UNTITLED_ID], timeline.sources[TITLED_ID]
    assert (untitled.title, untitled.untitled) == (None, True)
    assert (titled.title, titled.untitled) == (HEADLINE, False)


def test_the_cache_keeps_an_untitled_source():
    timeline = load_timeline([FIXTURE])
    decoded, problems = codec.decode("".join(codec.encode(timeline, [])).encode()).result()
    assert decoded == timeline and problems == []
    assert decoded.sources[UNTITLED_ID].title is None


@pytest.mark.parametrize("written", ["true", "True", "TRUE"])
def test_normalize_writes_the_flag_as_true(run_cli, tmp_path, written):
    path = tmp_path / "events.yaml"
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace("untitled: true", f"untitled: {written}"),
                    encoding="utf-8")
    assert run_cli("normalize", path).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "    publisher: GIGXIT\n    untitled: true\n    published: 2025-01-21\n" in text
    assert "title: 見出し" not in text
    assert run_cli("validate", path).exit_code == 0


def test_an_empty_title_beside_untitled_is_read_as_absent(run_cli, tmp_path):
    """`title:` left empty is no title, as for every key left empty: the source is simply untitled."""
    path = tmp_path / "events.yaml"
    path.write_text(FIXTURE.read_text(encoding="utf-8").replace("    untitled: true\n", "    title:\n    untitled: true\n"),
                    encoding="utf-8")
    assert run_cli("validate", path).exit_code == 0


@pytest.mark.parametrize(
    ("fixture", "message", "hint"),
    [
        ("source-title-and-untitled", "has both 'title' and 'untitled'",
         "keep `title` for the headline, or `untitled: true` if the article has none, not both"),
        ("source-untitled-and-title", "has both 'untitled' and 'title'",
         "keep `title` for the headline, or `untitled: true` if the article has none, not both"),
        ("source-no-title", "has no 'title'",
         "add `title:` (see `timeline docs format`); if the article has no headline, write `untitled: true`"),
        ("source-untitled-false", "untitled must be `true`, found 'false'",
         "write `untitled: true`, or leave the key out"),
    ],
)
def test_validate_says_how_to_write_a_missing_headline(run_cli, tmp_path, fixture, message, hint):
    path = tmp_path / "events.yaml"
    shutil.copy(DATA / "bad" / f"{fixture}.yaml", path)
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert f"source 'example-2025-01-27' {message}\n  hint: {hint}\n" in result.stdout


# -- every output ---------------------------------------------------------------------------------------------

FOOTNOTES = {
    "en": ("GIGXIT: untitled article (Jan. 21, 2025) <https://example.com/gigxit>",
           "Example Wire: “Untitled? No: a \\*real\\* headline” (Jan. 22, 2025)"),
    "ja": ("GIGXIT、見出しなし（2025年1月21日） <https://example.com/gigxit>",
           "Example Wire「Untitled? No: a \\*real\\* headline」（2025年1月22日）"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_footnotes(run_cli, lang):
    result = run_cli("chronology", "-f", FIXTURE, "--lang", lang)
    assert result.exit_code == 0
    untitled, titled = FOOTNOTES[lang]
    assert f"\n[^1]: {untitled}\n" in result.stdout and f"\n[^2]: {titled}\n" in result.stdout
    never_quoted(result.stdout, lang)


SHOW = {
    "en": ("GIGXIT, untitled article, Jan. 21, 2025 [gigxit-2025-01-21]",
           f"Example Wire, “{HEADLINE}”, Jan. 22, 2025 [wire-2025-01-22]"),
    "ja": ("GIGXIT、見出しなし、2025年1月21日 [gigxit-2025-01-21]",
           f"Example Wire、「{HEADLINE}」、2025年1月22日 [wire-2025-01-22]"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_show_text(run_cli, lang):
    result = run_cli("show", EVENT_ID, "-f", FIXTURE, "--lang", lang, env={"COLUMNS": "160"})
    assert result.exit_code == 0
    untitled, titled = SHOW[lang]
    assert untitled in result.stdout and titled in result.stdout
    never_quoted(result.stdout, lang)


def _sources_data(sources: list[dict]) -> dict[str, tuple]:
    return {source["id"]: (source["title"], source["untitled"]) for source in sources}


@pytest.mark.parametrize("lang", LANGS)
def test_show_json(run_cli, lang):
    result = run_cli("show", EVENT_ID, "-f", FIXTURE, "--lang", lang, "--format", "json")
    sources = json.loads(result.stdout)["sources"]
    assert _sources_data(sources) == {UNTITLED_ID: (None, True), TITLED_ID: (HEADLINE, False)}
    assert UNTITLED[lang] not in result.stdout  # data, not words: null and a flag


@pytest.mark.parametrize("lang", LANGS)
def test_sources_table(run_cli, lang):
    result = run_cli("sources", "-f", FIXTURE, "--lang", lang, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    (row,) = [line for line in result.stdout.splitlines() if line.startswith(UNTITLED_ID)]
    assert re.split(r"\s{2,}", row)[:3] == [UNTITLED_ID, "GIGXIT", UNTITLED[lang]]  # id, publisher, headline
    never_quoted(result.stdout, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_sources_json(run_cli, lang):
    result = run_cli("sources", "-f", FIXTURE, "--lang", lang, "--format", "json")
    sources = json.loads(result.stdout)["sources"]
    assert _sources_data(sources) == {UNTITLED_ID: (None, True), TITLED_ID: (HEADLINE, False)}


@pytest.mark.parametrize("lang", LANGS)
def test_sources_csv(run_cli, lang):
    result = run_cli("sources", "-f", FIXTURE, "--lang", lang, "--format", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows[UNTITLED_ID]["title"], rows[TITLED_ID]["title"]) == (UNTITLED[lang], HEADLINE)
    never_quoted(result.stdout, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_list_json_carries_source_ids_only(run_cli, lang):
    """`list --format json` names a citation's source by id: no headline, so nothing to stand in for one."""
    result = run_cli("list", "-f", FIXTURE, "--lang", lang, "--format", "json")
    (event,) = json.loads(result.stdout)["events"]
    assert [citation["source"] for citation in event["citations"]] == [UNTITLED_ID, TITLED_ID]
    assert UNTITLED[lang] not in result.stdout and HEADLINE not in result.stdout


def test_shell_completion_describes_an_untitled_source_by_its_publisher():
    found = {candidate.value: candidate.help for candidate in candidates(load_timeline([FIXTURE]), "source")}
    assert found == {UNTITLED_ID: "GIGXIT", TITLED_ID: f"Example Wire: {HEADLINE}"}
