"""timeline.validate over the fixture corpus: every bad file reports exactly the problems its header names.

Each `tests/data/bad/NAME.yaml` holds one defect and starts with `# expect: LINE:COL CODE ...`, listing every
error and warning it must produce (notices are not compared). Files that cannot carry a comment line (an
empty file, bytes that are not UTF-8, UTF-16) keep that line in a sidecar `NAME.expect`. Positions in the
headers were worked out from the files, not copied from the tool; where the tool disagrees and the tool is
wrong, the fixture is listed in KNOWN_BUGS and runs as a strict xfail until the bug is fixed.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from timeline.dates import EventDate, Point, Precision
from timeline.errors import PROBLEM_CODES, InvalidDataError, Problem, Severity
from timeline.load import MAX_SCALAR, load_bytes
from timeline.model import Text, Timeline
from timeline.pipeline import load_files, load_timeline
from timeline.validate import validate
from conftest import TESTS

DATA = TESTS / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"
MINIMAL = GOOD / "minimal.yaml"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")

FAILING = (Severity.ERROR, Severity.WARNING)  # what the headers list; notices are ignored
HEADER = re.compile(r"# expect:((?:\s+\d+:\d+\s+[a-z][a-z0-9-]*)*)\s*\Z")
ENTRY = re.compile(r"(\d+):(\d+)\s+([a-z][a-z0-9-]*)")

# Fixtures whose header is right and the tool is wrong; each reason names the bug (see the report on issue #2).
KNOWN_BUGS: dict[str, str] = {}  # every bug reported on issue #2 is fixed; add new ones here with a reason

# For errors about a value the editor typed, the message must name that value (code, text).
NAMED_IN_MESSAGE = {
    "unknown-key-sumary": ("unknown-key", "sumary"),
    "unknown-top-key": ("unknown-key", "titel"),
    "bad-id": ("bad-id", "AI_Policy"),
    "bad-registry-id": ("bad-id", "AI_Policy"),
    "unknown-topic": ("unknown-topic", "ai-policies"),
    "unknown-actor": ("unknown-actor", "donald-trumpp"),
    "unknown-source": ("unknown-source", "example-2025-01-72"),
    "date-impossible-day": ("bad-date", "2025-02-30"),
    "date-month-13": ("bad-date", "2025-13"),
    "date-free-text": ("bad-date", "summer 2025"),
    "date-interval-reversed": ("bad-date", "2025-03/2025-01"),
    "published-bad": ("bad-date", "27 January 2025"),
    "url-ftp": ("bad-url", "ftp://example.com/article"),
    "archive-dotdot": ("bad-archive", "../secret/example.txt"),
    "archive-absolute": ("bad-archive", "/etc/passwd"),
    "status-bad": ("bad-value", "happend"),
    "actor-kind-bad": ("bad-value", "human"),
    "language-bad": ("bad-value", "Japanese"),
    "version-2": ("bad-version", "2"),
    "title-string": ("wrong-type", "Trump sworn in as 47th president"),
    "topics-string": ("wrong-type", "ai-policy"),
    "event-not-mapping": ("wrong-type", "just a line of text"),
    "duplicate-key-top": ("duplicate-key", "version"),
    "duplicate-key-event": ("duplicate-key", "date"),
    "duplicate-key-actor": ("duplicate-key", "ja"),
    "duplicate-key-registry-id": ("duplicate-key", "ai-policy"),
    "duplicate-event-id": ("duplicate-id", "trump-inauguration"),
    "anchor": ("anchor", "policy"),
    "alias": ("alias", "byline"),
    "tag-str": ("tag", "tag:yaml.org,2002:str"),
    "tag-custom": ("tag", "!date"),
    "invalid-utf8": ("encoding", "e9"),
    "utf16": ("encoding", "UTF-16"),
    "control-escape": ("control-character", "U+0007"),
    "control-raw": ("control-character", "U+0007"),
    "bidi-override": ("bidi-control", "U+202E"),
    "zero-width-title": ("invisible-character", "U+200B"),
    "source-untitled-false": ("bad-value", "false"),
}

# Codes the corpus must exercise (the list); a fixture removed by mistake fails test_corpus_coverage.
REQUIRED_CODES = {
    "encoding", "syntax", "control-character", "duplicate-key", "anchor", "alias", "merge-key", "tag",
    "multiple-documents", "too-deep", "empty-file", "not-a-mapping", "bad-version", "missing-key", "unknown-key",
    "wrong-type", "empty-text", "bad-id", "duplicate-id", "unknown-topic", "unknown-actor", "unknown-source",
    "bad-date", "bad-value", "bad-url", "bad-archive", "no-citations", "too-few-claims", "bidi-control",
    "invisible-character", "invisible-in-quote", "unused-topic", "mixed-script", "after-publication",
    "conflicting-keys",
}


# -- the corpus -----------------------------------------------------------------------------------------------

def header_of(path: Path) -> str:
    """The `# expect:` line: from NAME.expect when it exists, else the file's first line."""
    sidecar = path.with_suffix(".expect")
    if sidecar.exists():
        return sidecar.read_text(encoding="utf-8").strip()
    return path.read_bytes().split(b"\n", 1)[0].decode("utf-8").rstrip("\r")


def expected_problems(path: Path) -> set[tuple[int, int, str]]:
    header = header_of(path)
    assert HEADER.match(header), f"{path.name}: first line must be '# expect: LINE:COL CODE ...', got {header!r}"
    return {(int(line), int(col), code) for line, col, code in ENTRY.findall(header)}


def problems_of(path: Path) -> list[Problem]:
    _, problems = validate(load_files([str(path)]))
    return problems


def failing(problems: list[Problem]) -> set[tuple[int, int, str]]:
    return {(p.line, p.column, p.code) for p in problems if p.severity in FAILING}


CORPUS = sorted(BAD.glob("*.yaml"))
CORPUS_IDS = [p.stem for p in CORPUS]


def _with_known_bugs(paths):
    for path in paths:
        reason = KNOWN_BUGS.get(path.stem)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(path, marks=marks, id=path.stem)


def test_corpus_size_and_headers():
    assert len(CORPUS) >= 30
    for path in CORPUS:
        expected_problems(path)  # every file has a well-formed header (or sidecar)
    assert set(KNOWN_BUGS) <= set(CORPUS_IDS), "KNOWN_BUGS names a fixture that does not exist"
    assert set(NAMED_IN_MESSAGE) <= set(CORPUS_IDS)


def test_corpus_coverage():
    used = {code for path in CORPUS for _, _, code in expected_problems(path)}
    assert REQUIRED_CODES <= used, f"no fixture for: {sorted(REQUIRED_CODES - used)}"


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_header_codes_exist(path):
    for _, _, code in expected_problems(path):
        assert code in PROBLEM_CODES, f"{path.name}: unknown code {code!r} in the header"
        assert PROBLEM_CODES[code][0] is not Severity.NOTICE, f"{path.name}: headers list errors and warnings only"


@pytest.mark.parametrize("path", list(_with_known_bugs(CORPUS)))
def test_corpus_reports_exactly_the_expected_problems(path):
    expected = expected_problems(path)
    assert expected, f"{path.name} expects no problem; it belongs in tests/data/good"
    assert failing(problems_of(path)) == expected


@pytest.mark.parametrize("path", CORPUS, ids=CORPUS_IDS)
def test_corpus_problems_are_well_formed(path):
    problems = problems_of(path)
    for problem in problems:
        assert problem.file == str(path)
        assert problem.code in PROBLEM_CODES
        assert problem.severity is PROBLEM_CODES[problem.code][0]
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message.strip()
        if problem.severity is Severity.ERROR:
            assert problem.hint.strip(), f"error without a hint: {problem}"
    assert problems == sorted(problems, key=Problem.sort_key)


@pytest.mark.parametrize("name", sorted(NAMED_IN_MESSAGE))
def test_messages_name_the_offending_value(name):
    code, value = NAMED_IN_MESSAGE[name]
    messages = [p.message for p in problems_of(BAD / f"{name}.yaml") if p.code == code]
    assert messages, f"no {code} problem in {name}"
    assert any(value in message for message in messages), messages


def test_problem_file_is_the_path_as_given(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "events.yaml").write_text(MINIMAL_TEXT.replace("version: 1", "version: 2"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for given in ("sub/events.yaml", "./sub/events.yaml", str(tmp_path / "sub" / "events.yaml")):
        _, problems = validate(load_files([given]))
        assert {p.file for p in problems} == {given}


def test_unknown_key_hint_suggests_the_key_meant():
    [problem] = [p for p in problems_of(BAD / "unknown-key-sumary.yaml") if p.code == "unknown-key"]
    assert "summary" in problem.hint


def test_free_text_date_hint_gives_the_edtf_form():
    [problem] = [p for p in problems_of(BAD / "date-free-text.yaml") if p.code == "bad-date"]
    assert "2025-22" in problem.hint


# -- generated inputs (too large to commit, or parameterised by a limit) ----------------------------------------

def _validate_text(text: str, tmp_path: Path) -> list[Problem]:
    path = tmp_path / "generated.yaml"
    path.write_text(text, encoding="utf-8")
    return problems_of(path)


def test_deep_nesting_is_one_problem_and_stops_the_parse(tmp_path):
    # root mapping, events list and event mapping are three levels; the 30th bracket is the 33rd container.
    text = MINIMAL_TEXT.replace("    actors: [donald-trump]\n", "    actors: " + "[" * 5000 + "]" * 5000 + "\n")
    problems = _validate_text(text, tmp_path)
    assert failing(problems) == {(33, 12 + 30, "too-deep")}


def test_a_value_over_the_size_limit(tmp_path):
    quote = "あ" * (MAX_SCALAR + 1)
    lines = MINIMAL_TEXT.splitlines(keepends=True)
    lines[-1] = f"        quote: {quote}\n"
    problems = _validate_text("".join(lines), tmp_path)
    assert failing(problems) == {(36, 16, "too-large")}
    [problem] = [p for p in problems if p.code == "too-large"]
    assert str(MAX_SCALAR) in problem.message


def test_a_value_at_the_size_limit_is_fine(tmp_path):
    lines = MINIMAL_TEXT.splitlines(keepends=True)
    lines[-1] = "        quote: " + "あ" * MAX_SCALAR + "\n"
    assert failing(_validate_text("".join(lines), tmp_path)) == set()


def test_nel_inside_a_quoted_title_is_reported_not_folded_away(tmp_path):
    # U+0085 is what a cp1252 '…' becomes when the article was decoded as Latin-1: a realistic copy-paste.
    text = MINIMAL_TEXT.replace("  en: US AI and crypto policy in 2025", '  en: "US AI\x85and crypto policy in 2025"')
    # Reported at the character itself (line 4, column 13), where the editor has to delete it.
    assert failing(_validate_text(text, tmp_path)) == {(4, 13, "control-character")}


# -- good files -------------------------------------------------------------------------------------------------

GOOD_FILES = sorted(GOOD.glob("*.yaml"))
OURS = {"minimal", "full", "scheduled"}  # the good fixtures written with this suite: no warnings either


@pytest.mark.parametrize("path", GOOD_FILES, ids=[p.stem for p in GOOD_FILES])
def test_good_files_have_no_errors(path):
    timeline, problems = validate(load_files([path]))
    assert [str(p) for p in problems if p.severity is Severity.ERROR] == []
    assert isinstance(timeline, Timeline)
    if path.stem in OURS:
        assert [str(p) for p in problems if p.severity is Severity.WARNING] == []


def test_scheduled_event_after_its_sources_is_not_a_warning():
    problems = problems_of(GOOD / "scheduled.yaml")
    assert "after-publication" not in {p.code for p in problems}
    after = BAD / "after-publication.yaml"
    assert "after-publication" in {p.code for p in problems_of(after)}


def test_yaml_1_1_surprises_stay_text():
    timeline = load_timeline([DATA / "yaml11.yaml"])
    assert timeline.title == Text("no", "yes")
    titles = {event.id: event.title for event in timeline.events}
    assert titles == {
        "yaml11-booleans": Text("no", "yes"),
        "yaml11-octal": Text("on", "0755"),
        "yaml11-sexagesimal": Text("12:30", "1.10"),
    }
    summaries = {event.id: event.summary for event in timeline.events}
    assert summaries["yaml11-booleans"] == Text("on", "off")
    assert summaries["yaml11-octal"] == Text("0o17", "0x1F")
    assert summaries["yaml11-sexagesimal"] == Text("1_000", ".inf")
    quotes = [citation.quote for event in timeline.events for citation in event.citations]
    assert sorted(quotes) == sorted(["yes", "0755", "12:30:00"])
    assert all(type(q) is str for q in quotes)


# -- several files ------------------------------------------------------------------------------------------------

REGISTRIES, EVENTS = MINIMAL_TEXT.split("events:\n")
EVENTS = "version: 1\nevents:\n" + EVENTS


def _files(tmp_path: Path, **texts: str) -> list[Path]:
    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_references_resolve_across_files(tmp_path):
    paths = _files(tmp_path, registries=REGISTRIES, events=EVENTS)
    timeline, problems = validate(load_files(paths))
    assert failing(problems) == set()
    [event] = timeline.events
    assert event.topics == ("ai-policy",) and event.actors == ("donald-trump",)
    assert event.where.file == str(paths[1])
    assert timeline.topics["ai-policy"].where.file == str(paths[0])
    assert timeline.files == tuple(str(p) for p in paths)


def test_file_order_does_not_matter_for_references(tmp_path):
    registries, events = _files(tmp_path, registries=REGISTRIES, events=EVENTS)
    assert failing(validate(load_files([events, registries]))[1]) == set()


def test_a_registry_id_defined_in_two_files(tmp_path):
    second = "version: 1\ntopics:\n  ai-policy:\n    ja: AI政策\n    en: AI policy\n"
    first, other = _files(tmp_path, first=MINIMAL_TEXT, other=second)
    problems = validate(load_files([first, other]))[1]
    [duplicate] = [p for p in problems if p.code == "duplicate-id"]
    assert (duplicate.file, duplicate.line, duplicate.column) == (str(other), 3, 3)
    assert "ai-policy" in duplicate.message and f"{first}:6" in duplicate.message
    assert failing(problems) == {(3, 3, "duplicate-id")}


def test_an_event_id_used_in_two_files(tmp_path):
    first, second = _files(tmp_path, first=MINIMAL_TEXT, second=EVENTS)
    problems = validate(load_files([first, second]))[1]
    [duplicate] = [p for p in problems if p.code == "duplicate-id"]
    assert (duplicate.file, duplicate.line, duplicate.column) == (str(second), 3, 9)
    assert f"{first}:24" in duplicate.message


def test_a_broken_file_does_not_hide_the_problems_of_another(tmp_path):
    broken, bad_date = _files(tmp_path, broken="version: 1\ntitle: [\n",
                              bad_date=MINIMAL_TEXT.replace("date: 2025-01-20", "date: 2025-02-30"))
    problems = validate(load_files([broken, bad_date]))[1]
    assert {(p.file, p.code) for p in problems if p.severity is Severity.ERROR} == {
        (str(broken), "syntax"), (str(bad_date), "bad-date")}


# -- the library entry point and the model ------------------------------------------------------------------------

def test_load_timeline_raises_invalid_data_error_with_every_error():
    with pytest.raises(InvalidDataError) as caught:
        load_timeline([BAD / "unknown-topic.yaml"])
    problems = caught.value.problems
    assert [(p.line, p.column, p.code) for p in problems] == [(33, 14, "unknown-topic")]  # errors only
    assert all(p.severity is Severity.ERROR for p in problems)
    assert "1 error" in str(caught.value)


def test_load_timeline_collects_errors_from_every_file(tmp_path):
    one, two = _files(tmp_path, one=MINIMAL_TEXT.replace("version: 1", "version: 2"),
                      two=MINIMAL_TEXT.replace("trump-inauguration", "other-event").replace("date: 2025-01-20", "date: x"))
    with pytest.raises(InvalidDataError) as caught:
        load_timeline([one, two])
    assert {(p.file, p.code) for p in caught.value.problems} >= {(str(one), "bad-version"), (str(two), "bad-date")}


def test_dates_keep_their_precision():
    timeline = load_timeline([GOOD / "full.yaml"])
    year = timeline.event("year-of-ai").date
    assert type(year) is EventDate and year.precision is Precision.YEAR and year.text == "2025"
    assert (year.earliest, year.latest) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    day = timeline.event("trump-inauguration").date
    assert type(day) is EventDate and not isinstance(day, datetime.date)
    assert day.precision is Precision.DAY and day.earliest == day.latest == datetime.date(2025, 1, 20)
    assert timeline.event("summer-of-crypto").date.precision is Precision.SEASON
    term = timeline.event("trump-term").date
    assert term.is_interval and term.latest == datetime.date(2029, 1, 31)
    assert timeline.event("sec-review-ongoing").date.open_end
    assert timeline.event("stargate-announced").date.approximate
    published = timeline.sources["article-b"].published
    assert type(published) is Point and published.precision is Precision.MONTH


def test_unquoted_year_and_day_are_dates_not_int_or_datetime(tmp_path):
    text = MINIMAL_TEXT.replace("date: 2025-01-20", "date: 2025").replace("published: 2025-01-27", "published: 2025-01")
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    timeline = load_timeline([path])
    [event] = timeline.events
    assert type(event.date) is EventDate and event.date.precision is Precision.YEAR
    assert timeline.sources["example-2025-01-27"].published.precision is Precision.MONTH


def test_the_model_keeps_the_text_of_the_file():
    timeline = load_timeline([MINIMAL])
    [event] = timeline.events
    assert event.title == Text("トランプ氏が第47代大統領に就任", "Trump sworn in as 47th president")
    assert event.citations[0].quote == "2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し"
    assert (event.where.line, event.where.column) == (24, 5)
    assert timeline.actors["donald-trump"].aliases == ("Trump", "トランプ")
    assert timeline.sources["example-2025-01-27"].url == "https://example.com/article"


def test_validate_accepts_bytes_loaded_in_memory():
    loaded = load_bytes(MINIMAL.read_bytes(), "<stdin>")
    timeline, problems = validate([loaded])
    assert timeline is not None and {p.file for p in problems} <= {"<stdin>"}


# -- a name where an id belongs (names.py: the one way a name is matched to an id) ---------------------------------

def _errors_with_actors(written: str) -> list[Problem]:
    text = MINIMAL_TEXT.replace("actors: [donald-trump]", f"actors: [{written}]")
    _, problems = validate([load_bytes(text.encode("utf-8"), "t.yaml")])
    return [p for p in problems if p.severity is Severity.ERROR]


@pytest.mark.parametrize("written", ["Trump", "TRUMP", "Ｔｒｕｍｐ", "トランプ", "ﾄﾗﾝﾌﾟ", "Donald Trump"])
def test_a_name_listed_for_an_id_is_pointed_at_the_real_id(written):
    """Names match as `--actor` matches them, case- and width-insensitively: a full-width Ｔｒｕｍｐ is the alias
    Trump, so the hint names the actor's id, not an id made of its letters ('trump', which does not exist)."""
    [problem] = _errors_with_actors(written)
    assert problem.code == "bad-id"
    assert problem.hint == f"'{written}' is a name of actor 'donald-trump': list it by its id, e.g. [donald-trump]"


def test_an_id_typed_in_capitals_gets_the_slug_hint_with_that_id():
    [problem] = _errors_with_actors("Donald-Trump")
    assert problem.hint == "use lowercase letters, digits and single hyphens, e.g. 'donald-trump'"


def test_unknown_key_and_unknown_id_suggest_the_closest():
    [unknown] = _errors_with_actors("donald-trum")
    assert unknown.hint == "did you mean 'donald-trump'? known actors: donald-trump"
    text = MINIMAL_TEXT.replace("    title:\n      ja: トランプ", "    ＴＩＴＬＥ:\n      ja: トランプ")
    _, problems = validate([load_bytes(text.encode("utf-8"), "t.yaml")])
    [key] = [p for p in problems if p.code == "unknown-key"]
    assert key.hint == "did you mean 'title'?"


def test_two_actors_answering_to_one_name_whatever_its_width_are_ambiguous():
    text = MINIMAL_TEXT.replace("sources:", "  sec:\n    ja: 米証券取引委員会\n    en: SEC\n"
                                           "    aliases: [ＴＲＵＭＰ]\nsources:")
    _, problems = validate([load_bytes(text.encode("utf-8"), "t.yaml")])
    [ambiguous] = [p for p in problems if p.code == "ambiguous-alias"]
    assert ambiguous.message == "the name 'ＴＲＵＭＰ' belongs to actors donald-trump, sec"
