"""A comma or a `: ` inside an unquoted `{...}` or `[...]` value: the problem it causes says what the comma did and how
to fix it, wherever that problem is reported (an unknown key, an id that is no id, a reference to nothing, a syntax
error); a comma that separates entries as meant gets no such hint."""

from __future__ import annotations

import pytest

from timeline.load import load_text
from timeline.validate import validate
from conftest import MINIMAL

EVENT_TITLE = "    title:\n      ja: トランプ氏が第47代大統領に就任\n      en: Trump sworn in as 47th president\n"
CITATION = "      - source: example-2025-01-27\n        quote: 2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し\n"
ACTORS = "    actors: [donald-trump]\n"


def problems_of(old: str, new: str) -> list:
    """The problems of minimal.yaml with `old` replaced by `new`."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    _, problems = validate([load_text(text.replace(old, new), "events.yaml")])
    return problems


@pytest.mark.parametrize(("old", "new", "code", "at", "whole"), [
    (EVENT_TITLE, "    title: {ja: 約3万件, en: about 30,000}\n", "unknown-key", "000", "about 30,000"),
    (EVENT_TITLE, "    title: {ja: 約3万件, en: y, z}\n", "unknown-key", "z", "y, z"),
    (CITATION, "      - {source: example-2025-01-27, quote: 就任し, 宣誓した}\n", "unknown-key", "宣誓した", "就任し, 宣誓した"),
    (ACTORS, "    actors: [donald-trump, Trump, Jr.]\n", "bad-id", "Jr.", "Trump, Jr."),
    (ACTORS, "    actors: [donald-trump]\n    after: [trump-inauguration, 30,000]\n", "unknown-event", "000", "30,000"),
], ids=["number-in-title", "text-in-title", "quote-in-citation", "name-in-id-list", "number-in-after"])
def test_a_comma_that_cut_a_value_is_named_in_the_hint(old, new, code, at, whole):
    problems = problems_of(old, new)
    found = [p for p in problems if p.code == code and f"'{at}'" in p.message]
    assert len(found) == 1, [str(p) for p in problems]
    assert f"the comma in `{whole}` splits" in found[0].hint
    if code == "unknown-key":
        assert f'put the value in quotes ("{whole}")' in found[0].hint and "block form" in found[0].hint
    else:
        assert "an id has no comma" in found[0].hint


@pytest.mark.parametrize(("old", "new", "code", "at"), [
    (EVENT_TITLE, "    title: {ja: 題, eng: title}\n", "unknown-key", "eng"),  # a misspelt key, with its own value
    (EVENT_TITLE, '    title: {ja: "題, 副題", en: y, zz: w}\n', "unknown-key", "zz"),
    (ACTORS, "    actors: [donald-trump, elon-musk]\n", "unknown-actor", "elon-musk"),  # a comma between ids, as meant
    (ACTORS, "    actors: [donald-trump, Elon]\n", "bad-id", "Elon"),
], ids=["misspelt-key", "key-with-value", "two-ids", "a-name"])
def test_a_comma_between_entries_as_meant_gets_the_usual_hint(old, new, code, at):
    found = [p for p in problems_of(old, new) if p.code == code and f"'{at}'" in p.message]
    assert len(found) == 1
    assert "splits" not in found[0].hint


def test_a_colon_inside_a_flow_mapping_value_is_named_and_quoted_in_the_fix():
    problems = problems_of(EVENT_TITLE, "    title: {ja: 約3万件, en: Trump said: no}\n")
    syntax = [p for p in problems if p.code == "syntax"]
    assert len(syntax) == 1
    assert syntax[0].message == "a colon followed by a space inside the value of `en` in {...}"
    assert 'en: "Trump said: no"' in syntax[0].hint
    assert (syntax[0].line, syntax[0].column) == (26, len("    title: {ja: 約3万件, en: Trump said") + 1)


def test_the_hint_is_what_the_command_line_prints(run_cli, tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace(EVENT_TITLE, "    title: {ja: 約3万件, en: about 30,000}\n"),
                    encoding="utf-8")
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert "unknown key '000'" in result.stderr + result.stdout
    assert 'put the value in quotes ("about 30,000")' in result.stderr + result.stdout
