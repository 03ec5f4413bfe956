"""Export then import gives every date back, or says what it could not: every EDTF form the format accepts
(tests/data/good/every_date_form.yaml), through `timeline export timelinejs` / `timelinejs-csv` and `timeline
import` of the same format. A date that comes back different must be named in a warning of the export or the
import; a silent change fails."""

from __future__ import annotations

import re

import pytest

from conftest import GOOD

EVERY_FORM = GOOD / "every_date_form.yaml"


def dates_by_title(text: str) -> dict[str, str]:
    """The date of each event of an event file, by its title's number ('form 13' / '形式13'), as written."""
    found = {}
    for block in text.split("\n  - id: ")[1:]:
        date = re.search(r"^    date: (.+)$", block, re.M).group(1).strip("'\"")
        number = re.search(r"^      en: (?:form |形式)(\d+)", block, re.M).group(1)  # the import copies one language
        found[f"form {number}"] = date
    return found


def ids_in_warnings(stderr: str, words: tuple[str, ...]) -> set[str]:
    """The ids named by warnings that mention any of `words`."""
    named = set()
    for line in stderr.splitlines():
        if line.startswith("warning") and any(word in line for word in words):
            named |= set(re.findall(r"form-\d+", line))
    return named


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("fmt", ["timelinejs", "timelinejs-csv"])
def test_every_date_form_comes_back_or_is_reported(run_cli, tmp_path, fmt, lang):
    exported, imported = tmp_path / f"out.{fmt}", tmp_path / "back.yaml"
    export = run_cli("export", fmt, "-f", EVERY_FORM, "-o", exported, "--lang", lang)
    assert export.exit_code == 0, export.stderr
    back = run_cli("import", fmt, exported, "-o", imported)
    assert back.exit_code == 0, back.stderr
    before = dates_by_title(EVERY_FORM.read_text(encoding="utf-8"))
    after = dates_by_title(imported.read_text(encoding="utf-8"))
    assert set(after) == set(before)  # no event refused: the years the tool writes (0, Y170000002) are read back
    lossy = ids_in_warnings(export.stderr, ("digits", "uncertain", "approximate", "season", "zone", "open", "unknown"))
    changed = {title: (before[title], after[title]) for title in before if before[title] != after[title]}
    silent = {title: dates for title, dates in changed.items() if f"form-{int(title.split()[1]):02d}" not in lossy}
    assert not silent, f"dates changed with no warning: {silent}"
    assert not changed, f"a date the display text states exactly did not come back: {changed}"


@pytest.mark.parametrize(("date", "display"), [("'0000'", None), ("Y170000002", None), ("Y-99999999999", None),
                                               ("199X", "The 1990s"), ("-0001-24", "Winter 2 B.C.")])
@pytest.mark.parametrize("fmt", ["timelinejs", "timelinejs-csv"])
def test_the_examples_of_the_review_come_back(run_cli, tmp_path, fmt, date, display):
    source = EVERY_FORM.read_text(encoding="utf-8")
    head, events = source.split("events:\n")
    block = next(b for b in events.split("  - id: ")[1:] if f'date: "{date.strip(chr(39))}"' in b)
    path = tmp_path / "one.yaml"
    path.write_text(f"{head}events:\n  - id: {block}", encoding="utf-8")
    exported = tmp_path / "out"
    assert run_cli("export", fmt, "-f", path, "-o", exported).exit_code == 0
    if display:
        assert display in exported.read_text(encoding="utf-8")
    back = run_cli("import", fmt, exported)
    assert back.exit_code == 0, back.stderr
    assert list(dates_by_title(back.stdout).values()) == [date.strip("'")]


def test_the_c_of_bc_is_no_circa(run_cli, tmp_path):
    """A sheet's own display text '500 B.C., by Herodotus' account' adds no `~`: the C. of B.C. is not c."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Year,Month,Day,Display Date,Headline,Text\n-499,,,\"500 B.C., by Herodotus' account\",Battle,"
                     "Summary.\n", encoding="utf-8")
    result = run_cli("import", "timelinejs-csv", sheet)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"^    date: '?-0499'?$", result.stdout, re.M), result.stdout
