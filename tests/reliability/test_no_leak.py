"""Notes for the newsroom never leak: every command, every format, without --internal (`timeline docs internal`).

The fixture puts a distinct canary word in every internal field: an event's and a source's `internal:` note, and
every field of a `private: true` source (its id, publisher, headline, address, byline, archive file, note, and the
quotes cited from it, in a citation, a dispute claim and a correction). The commands and their formats are read
from the command-line definition itself (timeline.cli.app, each command's `fmt` choices), so that a command or a
format added later is run here, or the test fails naming it; a command that writes nothing publishable is in
EXEMPT with the reason. No canary may appear on stdout, stderr or in any file written; with --internal the output
says so at its top and shows them where it has room (SHOWN).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import typer.main

from timeline.cli import app
from timeline.internal import BANNER

CANARIES = {
    "event-note": "canaryeventnote",
    "source-note": "canarysourcenote",
    "private-id": "canaryprivid",
    "publisher": "canarypublisher",
    "headline": "canaryheadline",
    "url": "canaryurl",
    "author": "canaryauthor",
    "archive": "canaryarchive",
    "private-note": "canaryprivnote",
    "quote": "canaryquote",
}

EVENTS = textwrap.dedent("""\
    version: 1
    title: {ja: 漏れない年表, en: A chronology that keeps its secrets}
    topics:
      policy: {ja: 政策, en: Policy}
    actors:
      ministry: {ja: 省, en: The ministry, kind: agency}
    sources:
      wire-2025-01-20:
        publisher: Wire
        title: Ministry delays tariff
        published: 2025-01-20
        language: en
        url: https://example.com/tariff
        archive: wire.txt
        internal: canarysourcenote
      canaryprivid:
        publisher: canarypublisher
        title: canaryheadline
        published: 2025-01-21
        language: en
        url: https://canaryurl.example/canaryurl
        archive: canaryarchive.txt
        author: canaryauthor
        private: true
        internal: canaryprivnote
    events:
      - id: tariff-delayed
        date: 2025-01-20
        title: {ja: 関税の延期, en: Tariff delayed}
        summary: {ja: 省は関税を延期した。, en: The ministry delayed the tariff.}
        topics: [policy]
        actors: [ministry]
        citations:
          - source: wire-2025-01-20
            quote: delays the tariff
          - source: canaryprivid
            quote: canaryquote
        corrections:
          - date: 2025-01-25
            kind: correction
            text: {ja: 日付を訂正した。, en: An earlier version gave the wrong day.}
            source: canaryprivid
        internal: canaryeventnote
      - id: amount-disputed
        date: 2025-01
        title: {ja: 額に食い違い, en: Amount disputed}
        summary: {ja: 額は記事により異なる。, en: Articles differ on the amount.}
        topics: [policy]
        citations:
          - source: wire-2025-01-20
            quote: five billion
        disputes:
          - about: amount
            claims:
              - says: {ja: 50億, en: five billion}
                source: wire-2025-01-20
                quote: five billion
              - says: {ja: 60億, en: six billion}
                source: canaryprivid
                quote: canaryquote six
    """)

# The newer side for `diff`: the private quote, the event's note and a new event citing the private source.
NEWER = EVENTS.replace("quote: canaryquote\n", "quote: canaryquote changed\n").replace(
    "internal: canaryeventnote", "internal: canaryeventnote, updated") + textwrap.indent(textwrap.dedent("""\
    - id: tariff-lifted
      date: 2025-02-01
      title: {ja: 関税の撤回, en: Tariff lifted}
      summary: {ja: 省は関税を撤回した。, en: The ministry lifted the tariff.}
      topics: [policy]
      citations:
        - source: canaryprivid
          quote: canaryquote lifted
    """), "  ")

# Commands that write nothing a reader could see, and why; every other command is run below.
EXEMPT = {
    "schema": "prints the JSON Schema, which holds no events",
    "init": "writes starter files from the package's templates, reading no events",
    "docs": "prints the reference docs shipped with the package",
    "date": "reads a date typed on the command line, no event file",
    "normalize": "rewrites the newsroom's own event file in place (internal notes must survive it)",
    "import": "writes an event file for the newsroom from another tool's data",
    "add": "writes an event into the newsroom's own event file",
}

# Extra option sets per command beyond the default run: variants that change what is written.
VARIANTS = {
    "html": [[], ["--fragment"]],
    "diff": [[], ["--draft-corrections", "--as-of", "2025-12-01"]],
    "validate": [["--show-notices"]],
    "verify": [["--show-notices"]],
    "chronology": [[], ["--no-summaries"]],
}

# What each output shows with --internal (beyond its INTERNAL mark), by (command, format); a format not named
# must still carry the mark and leak nothing without --internal.
_IDENTITY = {"private-id", "publisher", "headline"}
SHOWN = {
    ("list", "json"): {"event-note", "private-id", "quote"},
    ("list", "jsonl"): {"event-note", "private-id", "quote"},
    ("list", "csv"): {"private-id"},
    ("show", "text"): {"event-note", "publisher", "headline", "quote"},
    ("show", "json"): {"event-note", "private-id", "quote"},
    ("sources", "table"): {"private-id", "publisher", "headline", "archive"},
    ("sources", "json"): set(CANARIES) - {"event-note", "quote"},
    ("sources", "csv"): {"private-id", "publisher", "headline", "url", "archive", "author"},
    ("chronology", None): {"event-note", "publisher", "headline"},
    ("html", None): {"event-note", "publisher", "headline", "quote"},
    ("export", "timelinejs"): {"publisher", "headline"},
    ("export", "timelinejs-csv"): {"publisher", "headline"},
    ("export", "ics"): {"publisher", "headline"},
    ("export", "sqlite"): _IDENTITY | {"url", "author", "archive", "quote"},
    ("diff", "text"): {"event-note", "quote"},
    ("diff", "markdown"): {"event-note", "quote"},
    ("diff", "json"): {"event-note", "quote"},
    ("verify", "text"): {"archive"},
    ("verify", "json"): {"archive"},
    ("verify", "sarif"): {"archive"},
    ("verify", "github"): {"archive"},
}
DRAFTS = ("--draft-corrections", "--as-of", "2025-12-01")  # drafts name events, dates and titles: nothing internal
SHOWN |= {("diff", fmt, DRAFTS): set() for fmt in ("text", "markdown", "json")}
MARKS = ('"internal": true',)  # JSON's mark; every other output says BANNER in words


def _commands() -> dict:
    return typer.main.get_command(app).commands


def _formats(command) -> list[str | None]:
    """The command's output formats: the choices of its `fmt` parameter (option or argument), else one run."""
    for param in command.params:
        if param.name == "fmt" and getattr(param.type, "choices", None):
            return list(param.type.choices)
    return [None]


def _runs() -> list[tuple[str, str | None, tuple[str, ...], str]]:
    """(command, format, variant options, lang) for every command that is not exempt."""
    runs = []
    for name, command in _commands().items():
        if name in EXEMPT:
            continue
        langs = ["en", "ja"] if any(p.name == "lang" for p in command.params) else ["en"]
        for fmt in _formats(command):
            for variant in VARIANTS.get(name, [[]]):
                runs += [(name, fmt, tuple(variant), lang) for lang in langs]
    return runs


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A folder with the events, a newer version of them and the archive (the private article's copy holds its
    quote, so that verify has something to say about both sources)."""
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "newer.yaml").write_text(NEWER, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "wire.txt").write_text("The ministry delays the tariff by five billion.", encoding="utf-8")
    (archive / "canaryarchive.txt").write_text("Nothing quoted here.", encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


def _argv(name: str, fmt: str | None, variant: tuple[str, ...], lang: str, folder: Path) -> list[str]:
    """The command line for one run; -o into `out/` wherever the command writes files."""
    command = _commands()[name]
    events = str(folder / "events.yaml")
    if name == "show":
        head = ["show", "tariff-delayed", "-f", events]
    elif name == "diff":
        head = ["diff", events, str(folder / "newer.yaml")]
    elif name == "verify":
        head = ["verify", "--archive", str(folder / "archive"), events]
    elif name == "export":
        head = ["export", fmt, "-f", events]
    else:
        head = [name, "-f", events]
    options = list(variant)
    if fmt is not None and name != "export":
        options += ["--format", fmt]
    if any(p.name == "lang" for p in command.params):
        options += ["--lang", lang]
    if any(p.name == "output" for p in command.params):
        options += ["-o", str(folder / "out" / f"{name}.{fmt or 'out'}")]
    return head + options


def _written(folder: Path) -> bytes:
    """Everything the run wrote into out/ (a database and its metadata file included), byte for byte."""
    return b"\n".join(path.read_bytes() for path in sorted((folder / "out").iterdir()))


def _readable(data: bytes) -> str:
    """The output as text to search: lowercased, iCalendar's folded lines unfolded."""
    return re.sub(r"\r\n[ \t]", "", data.decode("utf-8", errors="replace")).lower()


def _no_crash(result) -> bool:
    """Exit 1 is also "different" (diff) or "a quote not found" (verify); never an exception."""
    return result.exception is None or isinstance(result.exception, SystemExit)


def _found(text: str) -> set[str]:
    return {field for field, canary in CANARIES.items() if canary in text}


def test_every_command_is_run_or_exempt():
    commands = set(_commands())
    assert set(EXEMPT) <= commands, f"exempt commands that no longer exist: {set(EXEMPT) - commands}"
    run = {name for name, *_ in _runs()}
    assert run | set(EXEMPT) == commands
    unmarked = [name for name in run if not any(p.name == "internal" for p in _commands()[name].params)]
    assert unmarked == [], f"commands without --internal (add it, or exempt them with the reason): {unmarked}"


def test_the_fixture_holds_every_canary(newsroom, run_cli):
    result = run_cli("validate", newsroom / "events.yaml")
    assert result.exit_code == 0, result.output
    assert all(canary in EVENTS for canary in CANARIES.values())


@pytest.mark.parametrize(("name", "fmt", "variant", "lang"), _runs(),
                         ids=lambda value: "-".join(value) if isinstance(value, tuple) else str(value))
def test_nothing_internal_leaks_without_internal(newsroom, run_cli, name, fmt, variant, lang):
    result = run_cli(*_argv(name, fmt, variant, lang, newsroom), cwd=newsroom)
    assert result.exit_code in (0, 1) and _no_crash(result), result.output
    for stream, data in (("stdout", result.stdout_bytes), ("stderr", result.stderr_bytes),
                         ("files", _written(newsroom))):
        assert _found(_readable(data)) == set(), f"{name} {fmt} {variant}: {stream} leaks"
    everything = _readable(result.stdout_bytes + _written(newsroom))
    assert BANNER[lang].lower() not in everything


@pytest.mark.parametrize(("name", "fmt", "variant", "lang"), _runs(),
                         ids=lambda value: "-".join(value) if isinstance(value, tuple) else str(value))
def test_internal_shows_them_and_says_so_at_the_top(newsroom, run_cli, name, fmt, variant, lang):
    result = run_cli(*_argv(name, fmt, variant, lang, newsroom), "--internal", cwd=newsroom)
    assert result.exit_code in (0, 1) and _no_crash(result), result.output
    output = _readable(result.stdout_bytes + _written(newsroom))
    assert BANNER[lang].lower() in _readable(result.stderr_bytes)
    if name not in ("validate", "verify"):  # a report to the editor, not an output to publish: stderr says it
        assert any(mark in output for mark in (BANNER[lang].lower(), *MARKS)), f"{name} {fmt}: no INTERNAL mark"
    shown = SHOWN.get((name, fmt, variant), SHOWN.get((name, fmt), set()))
    assert shown <= _found(output), f"{name} {fmt} {variant}"


@pytest.mark.parametrize("args", [
    ("chronology",), ("list", "--format", "json"), ("export", "sqlite", "-o", "out/db.sqlite"),
    ("html",), ("verify", "--archive", "archive", "--format", "sarif"),
])
def test_nothing_leaks_from_a_real_process(newsroom, run_subprocess, args):
    result = run_subprocess(*args, "-f", newsroom / "events.yaml", cwd=newsroom)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert _found((result.stdout + result.stderr).lower() + _readable(_written(newsroom))) == set()
    for written in (newsroom / "out").iterdir():
        written.unlink()
    marked = run_subprocess(*args, "-f", newsroom / "events.yaml", "--internal", cwd=newsroom)
    assert marked.returncode == result.returncode, marked.stderr
    assert BANNER["en"] in marked.stderr
    assert _found(marked.stdout.lower() + _readable(_written(newsroom)))


def test_a_search_never_matches_a_withheld_note(newsroom, run_cli):
    hidden = run_cli("list", "-f", newsroom / "events.yaml", "--search", "canaryeventnote")
    assert hidden.exit_code == 0 and "tariff-delayed" not in hidden.stdout
    shown = run_cli("list", "-f", newsroom / "events.yaml", "--search", "canaryquote", "--internal")
    assert "tariff-delayed" in shown.stdout


def test_a_broken_file_still_withholds_a_private_source(tmp_path, run_cli):
    broken = EVENTS.replace("url: https://canaryurl.example/canaryurl", "url: ftp://canaryurl")
    broken = broken.replace("title: {ja: 関税の延期", "title: {ja: 関税の延期\n")  # and a syntax error
    (tmp_path / "events.yaml").write_text(broken, encoding="utf-8")
    for fmt in ("text", "json", "sarif", "github"):
        result = run_cli("validate", tmp_path / "events.yaml", "--format", fmt)
        assert result.exit_code == 1
        assert _found(_readable(result.stdout_bytes + result.stderr_bytes)) == set(), fmt
        assert "bad-url" in result.stdout  # the position and code stay
    shown = run_cli("validate", tmp_path / "events.yaml", "--internal")
    assert "url" in _found(shown.stdout.lower())


# A syntax error inside each secret, with a hint that quotes the value it is in (a Windows path in double quotes,
# typographic quotes): the unit holding it is cut out before its values are read, so neither the values nor their
# positions could tell that it was secret. Plus one outside every secret, in the event with the note.
SYNTAX_IN_SECRETS = EVENTS.replace("title: canaryheadline", 'title: "canaryheadline saved in C:\\drafts"').replace(
    "internal: canaryeventnote", 'internal: "canaryeventnote at C:\\garage"').replace(
    "quote: canaryquote six", "quote: \u201ccanaryquote: six\u201d").replace(
    "title: {ja: 関税の延期, en: Tariff delayed}", 'title: {ja: 関税の延期, en: "Tariff \\q delayed"}')


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_syntax_error_inside_a_secret_is_withheld(tmp_path, run_cli, fmt):
    (tmp_path / "events.yaml").write_text(SYNTAX_IN_SECRETS, encoding="utf-8")
    result = run_cli("validate", tmp_path / "events.yaml", "--format", fmt)
    assert result.exit_code == 1 and result.stdout.count("syntax") >= 4, result.output
    assert _found(_readable(result.stdout_bytes + result.stderr_bytes)) == set()
    assert "an escape YAML does not know" in result.stdout  # the title's escape is no secret: it is said
    shown = run_cli("validate", tmp_path / "events.yaml", "--format", fmt, "--internal")
    assert {"event-note", "headline", "quote"} <= _found(shown.stdout.lower())


# The same, where the text around the secret is written in other ways (found by the second hostile review): each
# once leaked a canary through a syntax error's hint or a data error of the entry it was cut from.
SECRET_SPELLINGS = {  # each replacement must apply: the test checks that the file is broken
    "old Mac line ends": SYNTAX_IN_SECRETS.replace("\n", "\r"),
    "a private source in flow style": EVENTS.replace(
        "  canaryprivid:\n    publisher: canarypublisher\n    title: canaryheadline\n",
        '  canaryprivid: {private: true, publisher: canarypublisher, title: "canaryheadline \\q"}\n  wire-2:\n'
        "    publisher: W\n    title: T\n"),
    "a tab before private": EVENTS.replace("title: canaryheadline", 'title: "canaryheadline \\q"').replace(
        "    private: true\n", "\tprivate: true\n"),
    "a stray line in the entry": EVENTS.replace("    url: https://canaryurl.example/canaryurl\n",
                                                '    url: "canaryurl example"\nx: y\n'),
    "a comment inside the citation": EVENTS.replace(
        "      - source: canaryprivid\n        quote: canaryquote\n",
        "      - quote: \u201ccanaryquote: x\u201d\n  # moved\n        source: &s canaryprivid\n"),
}


@pytest.mark.parametrize("spelling", list(SECRET_SPELLINGS))
def test_a_secret_written_any_way_is_withheld_from_problems(tmp_path, run_cli, spelling):
    path = tmp_path / "events.yaml"
    path.write_bytes(SECRET_SPELLINGS[spelling].encode("utf-8"))
    for fmt in ("text", "json", "github", "sarif"):
        result = run_cli("validate", path, "--format", fmt)
        assert result.exit_code == 1, result.output
        assert _found(_readable(result.stdout_bytes + result.stderr_bytes)) == set(), (spelling, fmt)


# -- an invalid file, a comment inside a secret, completion, the placeholders' place --------------------------

# The private id made invalid (not a lowercase slug): every command refuses the file and names the problems.
BROKEN = EVENTS.replace("canaryprivid", "CanaryPrivId_Jane")


def _broken_runs() -> list[tuple[str, str | None]]:
    """(command, format) once each, as _runs enumerates them."""
    return sorted({(name, fmt) for name, fmt, _, _ in _runs()}, key=str)


@pytest.mark.parametrize(("name", "fmt"), _broken_runs(), ids=str)
def test_an_invalid_file_leaks_nothing_through_any_command(newsroom, run_cli, name, fmt):
    for file in ("events.yaml", "newer.yaml"):  # diff's two sides
        (newsroom / file).write_text(BROKEN, encoding="utf-8")
    argv = _argv(name, fmt, (), "en", newsroom)
    result = run_cli(*argv, cwd=newsroom)
    assert result.exit_code in (1, 2) and _no_crash(result), result.output
    said = _readable(result.stdout_bytes + result.stderr_bytes + _written(newsroom))
    assert _found(said) == set(), f"{name} {fmt}"
    assert "bad-id" in said  # the position and code stay, so the editor can find it
    shown = run_cli(*argv, "--internal", cwd=newsroom)
    assert "private-id" in _found(_readable(shown.stdout_bytes + shown.stderr_bytes)), f"{name} {fmt} --internal"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_diff_of_an_invalid_git_revision_leaks_nothing(newsroom, run_cli, fmt):
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=newsroom,
                       check=True, capture_output=True)

    (newsroom / "events.yaml").write_text(BROKEN, encoding="utf-8")
    git("init", "-q")
    git("add", "events.yaml")
    git("commit", "-q", "-m", "broken")
    (newsroom / "events.yaml").write_text(EVENTS, encoding="utf-8")
    result = run_cli("diff", "HEAD", "events.yaml", "--format", fmt, cwd=newsroom)
    assert result.exit_code == 2 and "bad-id" in result.stderr, result.output
    assert _found(_readable(result.stdout_bytes + result.stderr_bytes)) == set()


# A comment (` #`) inside an internal note and inside a private source's headline: the warning quotes the words
# after it, which are part of no value, so only the problem's position can tell that they are secret.
COMMENTED = EVENTS.replace("internal: canaryeventnote", "internal: hold # canaryeventnote").replace(
    "title: canaryheadline", "title: Memo # canaryheadline")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_problem_inside_a_secret_is_withheld_by_its_position(tmp_path, run_cli, fmt):
    (tmp_path / "events.yaml").write_text(COMMENTED, encoding="utf-8")
    result = run_cli("validate", tmp_path / "events.yaml", "--format", fmt, "--show-notices")
    assert "comment-in-text" in result.stdout, result.output
    assert _found(_readable(result.stdout_bytes + result.stderr_bytes)) == set()
    shown = run_cli("validate", tmp_path / "events.yaml", "--format", fmt, "--internal")
    assert {"event-note", "headline"} <= _found(shown.stdout.lower())


def test_a_broken_file_withholds_no_problem_outside_its_secrets(tmp_path, run_cli):
    # Too broken for a timeline; the private source says `language: en`, in every "event" of every message.
    broken = BROKEN.replace("date: 2025-01\n", "date: 2025-13\n")
    (tmp_path / "events.yaml").write_text(broken, encoding="utf-8")
    result = run_cli("validate", tmp_path / "events.yaml")
    line = next(line for line in result.stdout.splitlines() if "error[bad-date]" in line)
    assert "amount-disputed" in line and "withheld" not in line


def _completion(run_subprocess, newsroom: Path, line: str) -> str:
    env = {"_TIMELINE_COMPLETE": "complete_zsh",
           "_TYPER_COMPLETE_ARGS": f"timeline list -f {newsroom / 'events.yaml'} {line}"}
    return run_subprocess(env=env, cwd=newsroom).stdout.lower()


def test_completion_offers_no_private_source(newsroom, run_subprocess):
    offered = _completion(run_subprocess, newsroom, "--source ")
    assert _found(offered) == set() and "withheld-1" in offered and "wire-2025-01-20" in offered
    assert "private-id" in _found(_completion(run_subprocess, newsroom, "--internal --source "))


# A public source after the private one in the file: a placeholder in the private source's place would tell
# where its id stood among the others.
ORDERED = EVENTS.replace("    internal: canaryprivnote\n", "    internal: canaryprivnote\n  zz-2025-01-22:\n"
                         "    publisher: Zed\n    title: Last word\n    published: 2025-01-22\n    language: en\n")


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_withheld_sources_come_after_the_public_ones(tmp_path, run_cli, fmt):
    (tmp_path / "events.yaml").write_text(ORDERED, encoding="utf-8")
    result = run_cli("sources", "-f", tmp_path / "events.yaml", "--format", fmt)
    assert result.exit_code == 0, result.output
    order = [result.stdout.index(word) for word in ("wire-2025-01-20", "zz-2025-01-22", "withheld-1")]
    assert order == sorted(order)


def test_withheld_sources_come_last_in_sqlite(tmp_path, run_cli):
    import sqlite3

    (tmp_path / "events.yaml").write_text(ORDERED, encoding="utf-8")
    result = run_cli("export", "sqlite", "-f", tmp_path / "events.yaml", "-o", tmp_path / "t.db")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "t.db") as db:
        ids = [row[0] for row in db.execute("SELECT id FROM sources ORDER BY rowid")]
    assert ids == ["wire-2025-01-20", "zz-2025-01-22", "withheld-1"]


def test_the_internal_line_is_in_the_outputs_language(newsroom, run_cli):
    from timeline.internal import NOTICE

    result = run_cli("list", "-f", newsroom / "events.yaml", "--lang", "ja", "--internal")
    assert f"{BANNER['ja']}: {NOTICE['ja']}" in result.stderr and "this output" not in result.stderr


@pytest.mark.parametrize(("args", "lang"), [
    (("chronology",), "en"), (("chronology",), "ja"), (("show", "tariff-delayed"), "en"),
    (("sources",), "en"), (("html",), "en"),
])
def test_internal_marks_a_private_source_where_it_is_named(newsroom, run_cli, args, lang):
    from timeline.internal import PRIVATE_MARK

    result = run_cli(*args, "-f", newsroom / "events.yaml", "--lang", lang, "--internal")
    assert result.exit_code == 0, result.output
    assert PRIVATE_MARK[lang] in result.stdout.replace("\\[", "[").replace("\\]", "]").replace("\n", " ") or \
        PRIVATE_MARK[lang] in " ".join(result.stdout.split()), args
    assert "canaryprivnote" in result.stdout or "canaryprivnote" in " ".join(result.stdout.split())


@pytest.mark.parametrize("command", ["validate", "list"])
def test_a_private_source_in_another_file_hides_a_problem_about_it(tmp_path, run_cli, command):
    """Sources in one file, events in another (`-f events -f sources`): a typo for the private id in the events'
    file must not be answered with "did you mean" naming it, nor a comment cut from its quote be quoted."""
    text = EVENTS.replace("- source: canaryprivid\n", "- source: canaryprivi\n", 1)
    head, events = text.split("events:\n", 1)
    sources = "version: 1\nsources:\n" + head.split("sources:\n", 1)[1]
    rest = head.split("sources:\n", 1)[0] + "events:\n" + events
    (tmp_path / "sources.yaml").write_text(sources, encoding="utf-8")
    (tmp_path / "events.yaml").write_text(rest, encoding="utf-8")
    result = run_cli(command, "-f", tmp_path / "events.yaml", "-f", tmp_path / "sources.yaml")
    assert result.exit_code == 1, result.output
    assert "unknown-source" in result.output and "canaryprivid" not in result.output
    assert not _found(result.output)


@pytest.mark.parametrize("command", [("validate",), ("list",), ("chronology",), ("html",)], ids=str)
def test_a_file_read_from_a_pipe_withholds_as_a_file_on_disk_does(run_cli, command):
    """`-f <(git show REV:events.yaml)`: a pipe can be read only once, so what is withheld in its problems must come
    from the bytes validation read, not from reading it again (which once found nothing and withheld nothing). A
    real process, reading a pipe it inherits as /dev/fd/N."""
    import os
    import subprocess
    import sys

    from conftest import subprocess_environment

    broken = EVENTS.replace("published: 2025-01-21", "published: 2025-13-21")  # an error inside the private source
    data = broken.encode("utf-8")
    assert len(data) < 60_000  # fits a pipe's buffer: written whole before the child starts
    reading, writing = os.pipe()
    try:
        os.write(writing, data)
        os.close(writing)
        done = subprocess.run([sys.executable, "-m", "timeline", *command, "-f", f"/dev/fd/{reading}"],
                              pass_fds=(reading,), capture_output=True, env=subprocess_environment(), timeout=60)
    finally:
        os.close(reading)
    said = _readable(done.stdout + done.stderr)
    assert done.returncode == 1 and "bad-date" in said and "withheld" in said, said
    assert _found(said) == set(), said
