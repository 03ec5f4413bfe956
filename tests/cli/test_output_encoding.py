"""Output in any locale: data formats are UTF-8 bytes whatever the locale; tables, `show` and messages are in the
console's own encoding, with look-alikes and escapes for what it cannot show; never a traceback.

Every command and format runs as a real process (the real entry point, `timeline.cli.main`, on real descriptors,
forked from one driver per locale so that each run costs its command only) under cp932, Shift_JIS, EUC-JP, ASCII,
Latin-1 (PYTHONIOENCODING) and the C locale without UTF-8 mode or locale coercion, and once under UTF-8, the
reference. Plus the renderers' floor under a terminal's width: COLUMNS=0, 1 or 2 drops no data.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import MINIMAL, REPO, subprocess_environment
from rich.cells import cell_len
from typer.testing import CliRunner

from timeline.cli import app
from conftest import TESTS

DATA = str(REPO / "events.yaml")  # Japanese throughout, and date ranges with an en dash
SHOW_ID = "uyeda-acting-sec-chair"  # "Jan. 20–21, 2025"
TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "100"}  # rich draws as on a terminal
REGISTRIES = ("topics", "actors", "sources")

# How a locale is set, and the encoding the console then has.
LOCALES = {
    "cp932": ({"PYTHONIOENCODING": "cp932"}, "cp932"),
    "shift_jis": ({"PYTHONIOENCODING": "shift_jis"}, "shift_jis"),
    "euc_jp": ({"PYTHONIOENCODING": "euc_jp"}, "euc_jp"),
    "ascii": ({"PYTHONIOENCODING": "ascii"}, "ascii"),
    "latin-1": ({"PYTHONIOENCODING": "latin-1"}, "latin-1"),
    "C": ({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, "ascii"),
}
JAPANESE = ("cp932", "shift_jis", "euc_jp")
REFERENCE = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
# What decides a child's encodings, cleared so that only the case's own settings count.
LOCALE_VARIABLES = ("PYTHONIOENCODING", "PYTHONUTF8", "PYTHONCOERCECLOCALE", "LC_ALL", "LC_CTYPE", "LANG", "LANGUAGE")


def data_runs(bad: str, unnormalized: str) -> dict[str, tuple[list[str], dict]]:
    """Every command and format that writes data: UTF-8 whatever the locale."""
    runs = {"schema": (["schema"], {}), "docs format": (["docs", "format"], {}), "version": (["--version"], {}),
            "codes": (["validate", "--codes"], {}), "normalize --diff": (["normalize", "--diff", unnormalized], {})}
    for fmt in ("text", "json", "github", "sarif"):  # validate's reports are for editors and CI: data too
        runs[f"validate {fmt}"] = (["validate", "--format", fmt, bad], {})
    for lang in ("en", "ja"):
        for fmt in ("json", "jsonl", "csv"):
            runs[f"list {fmt} {lang}"] = (["list", "-f", DATA, "--format", fmt, "--lang", lang], {})
        runs[f"show json {lang}"] = (["show", SHOW_ID, "-f", DATA, "--format", "json", "--lang", lang], {})
        runs[f"chronology {lang}"] = (["chronology", "-f", DATA, "--lang", lang], {})
        for registry in REGISTRIES:
            for fmt in ("json", "csv"):
                runs[f"{registry} {fmt} {lang}"] = ([registry, "-f", DATA, "--format", fmt, "--lang", lang], {})
    return runs


def console_runs() -> dict[str, tuple[list[str], dict]]:
    """Everything drawn for a person: in the console's encoding."""
    runs = {"help": (["--help"], {}), "help terminal": (["--help"], TERMINAL),
            "unknown id": (["show", "存在しない出来事", "-f", DATA], {}), "usage error": (["list", "--bögus"], {})}
    for lang in ("en", "ja"):
        for command in ("list", *REGISTRIES):
            runs[f"{command} {lang}"] = ([command, "-f", DATA, "--lang", lang], {})
            runs[f"{command} terminal {lang}"] = ([command, "-f", DATA, "--lang", lang], TERMINAL)
        runs[f"show {lang}"] = (["show", SHOW_ID, "-f", DATA, "--lang", lang], {})
        runs[f"show terminal {lang}"] = (["show", SHOW_ID, "-f", DATA, "--lang", lang], TERMINAL)
    return runs


# One process per locale imports timeline once, then forks a child per run: each child runs the real entry point
# on its own descriptors (files), with the streams Python set up for that locale.
DRIVER = textwrap.dedent("""
    import base64, json, os, sys, tempfile
    from timeline.cli import main

    def child(args, env, out, err):
        os.dup2(out.fileno(), 1); os.dup2(err.fileno(), 2)
        os.environ.update(env)
        sys.argv = ["timeline", *args]
        code = 70
        try:
            main()  # ends the process itself (os._exit), whatever happens
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        finally:
            os._exit(code)

    results = []
    for args, env in json.loads(sys.stdin.read()):
        out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        sys.stdout.flush(); sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            child(args, env, out, err)
        _, status = os.waitpid(pid, 0)
        out.seek(0); err.seek(0)
        results.append([os.waitstatus_to_exitcode(status), base64.b64encode(out.read()).decode(),
                        base64.b64encode(err.read()).decode()])
    sys.stdout.write(json.dumps(results))
""")


def run_all(runs: dict[str, tuple[list[str], dict]], locale: dict[str, str], cwd: Path) -> dict:
    """name -> (exit status, stdout bytes, stderr bytes), every run under `locale`."""
    environment = {k: v for k, v in subprocess_environment().items() if k not in LOCALE_VARIABLES + tuple(TERMINAL)}
    environment.update(locale)
    names = sorted(runs)
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps([runs[n] for n in names]), text=True,
                          capture_output=True, env=environment, cwd=cwd, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return {name: (code, base64.b64decode(out), base64.b64decode(err))
            for name, (code, out, err) in zip(names, json.loads(done.stdout))}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict]:
    """Every run under every locale and the UTF-8 reference (two drivers at a time)."""
    place = tmp_path_factory.mktemp("encodings")
    bad = place / "bad.yaml"  # an error whose message quotes Japanese
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("topics: [ai-policy]", "topics: [存在しないトピック]"),
                   encoding="utf-8")
    unnormalized = place / "unnormalized.yaml"
    unnormalized.write_text(MINIMAL.read_text(encoding="utf-8").replace("aliases: [Trump, トランプ]",
                                                                        "aliases:\n      - Trump\n      - トランプ"),
                            encoding="utf-8")
    runs = {**data_runs(str(bad), str(unnormalized)), **console_runs()}
    cases = {"utf-8": REFERENCE, **{name: settings for name, (settings, _) in LOCALES.items()}}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda name: (name, run_all(runs, cases[name], place)), cases)
        return dict(results)


def no_traceback(name: str, result: tuple[int, bytes, bytes]) -> None:
    stderr = result[2].decode("utf-8", "replace")
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, (name, stderr[-1500:])


def test_the_reference_run_is_clean(outputs):
    """The UTF-8 run every other locale is compared with: the exit statuses expected, no traceback."""
    for name, result in outputs["utf-8"].items():
        no_traceback(name, result)
        expected = 1 if name.startswith("validate ") else 2 if name in ("unknown id", "usage error") else 0
        assert result[0] == expected, (name, result[2][-500:])
    assert "–".encode() in outputs["utf-8"]["list en"][1]  # the en dash that broke cp932
    assert "存在しないトピック".encode() in outputs["utf-8"]["validate json"][1]


@pytest.mark.slow
@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_data_formats_are_utf8_whatever_the_locale(outputs, locale):
    reference = outputs["utf-8"]
    for name in data_runs("", ""):
        result = outputs[locale][name]
        no_traceback(name, result)
        assert result[0] == reference[name][0], (name, result[2][-500:])
        result[1].decode("utf-8")  # valid UTF-8 ...
        assert result[1] == reference[name][1], name  # ... and the very bytes of the UTF-8 run


def japanese(text: str) -> set[str]:
    return {c for c in text if unicodedata.name(c, "").startswith(("CJK UNIFIED", "HIRAGANA", "KATAKANA"))}


def encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_tables_show_and_messages_are_in_the_console_encoding(outputs, locale):
    encoding = LOCALES[locale][1]
    reference = outputs["utf-8"]
    for name in console_runs():
        code, stdout, stderr = outputs[locale][name]
        no_traceback(name, outputs[locale][name])
        assert code == reference[name][0], (name, stderr[-500:])
        shown, said = stdout.decode(encoding), stderr.decode(encoding)  # strict: what the console can show
        expected = reference[name][1].decode("utf-8") + reference[name][2].decode("utf-8")
        if locale in JAPANESE:  # Japanese survives, wherever the encoding has the character
            missing = {c for c in japanese(expected) if encodable(c, encoding)} - japanese(shown + said)
            assert not missing, (name, sorted(missing)[:20])
        elif japanese(expected):
            assert re.search(r"\\u[0-9a-f]{4}", shown + said), name  # shown as escapes, not lost
    ids = [event["id"] for event in json.loads(reference["list json en"][1])["events"]]
    for name in ("list en", "list ja", "list terminal en", "list terminal ja"):  # no row is dropped
        shown = outputs[locale][name][1].decode(encoding)
        assert [i for i in ids if i not in shown] == [], name


@pytest.mark.slow
def test_the_en_dash_and_the_tildes_become_look_alikes(outputs):
    """Punctuation a console encoding lacks reads as its nearest look-alike, not as an escape."""
    assert re.search(rb"Jan\. 20-21, 2025", outputs["cp932"]["list en"][1])
    assert re.search(rb"Jan\. 20-21, 2025", outputs["ascii"]["show en"][1])
    japanese_range = outputs["utf-8"]["list ja"][1].decode("utf-8")
    assert "～" in japanese_range  # cp932 has the fullwidth tilde, Shift_JIS and EUC-JP the wave dash
    assert "～" in outputs["cp932"]["list ja"][1].decode("cp932")
    assert "〜" in outputs["shift_jis"]["list ja"][1].decode("shift_jis")
    assert "〜" in outputs["euc_jp"]["list ja"][1].decode("euc_jp")


@pytest.mark.slow
def test_the_plain_table_keeps_its_alignment_in_a_japanese_console(outputs):
    """Look-alikes take the cells of the character they stand for, so the columns still line up."""
    reference = outputs["utf-8"]["list ja"][1].decode("utf-8").splitlines()
    for locale in JAPANESE:
        lines = outputs[locale]["list ja"][1].decode(LOCALES[locale][1]).splitlines()
        assert [cell_len(line) for line in lines] == [cell_len(line) for line in reference], locale


@pytest.mark.parametrize("name", ["事件.yaml", b"m\xff.yaml"], ids=["utf-8", "not-utf-8"])
def test_a_file_name_the_locale_cannot_decode_stays_valid_utf8_in_data(tmp_path, name):
    """Under the C locale Python decodes the bytes of `事件.yaml` to surrogates: data gets the name's own bytes back,
    and a name that is not UTF-8 at all is escaped (`\\udcff`, the same string again in JSON), never invalid UTF-8."""
    path = tmp_path / os.fsdecode(name)
    path.write_bytes(MINIMAL.read_bytes())
    environment = {k: v for k, v in subprocess_environment().items() if k not in LOCALE_VARIABLES}
    for locale in (LOCALES["C"][0], REFERENCE):
        done = subprocess.run([sys.executable, "-m", "timeline", "validate", "--format", "json", os.fsencode(path)],
                              capture_output=True, env={**environment, **locale}, timeout=60, check=False)
        assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
        assert json.loads(done.stdout.decode("utf-8"))["files"] == [str(path)]
        done.stderr.decode(LOCALES["C"][1] if locale is not REFERENCE else "utf-8")


# -- a terminal too narrow to lay anything out --------------------------------------------------------------------

NARROW_CLEAN = {"TIMELINE_LANG": None, "TIMELINE_FILE": None, "NO_COLOR": "1", "FORCE_COLOR": None,
                "TTY_COMPATIBLE": "1", "TERM": "xterm-256color"}
LISTING = str(TESTS / "data" / "good" / "listing.yaml")


def invoke(*args: str, columns: str):
    return CliRunner().invoke(app, list(args), env={**NARROW_CLEAN, "COLUMNS": columns})


@pytest.mark.parametrize("columns", ["0", "1", "2", "7"])
@pytest.mark.parametrize("command", ["list", *REGISTRIES])
def test_a_terminal_too_narrow_still_gets_every_row(command, columns):
    rows = json.loads(invoke(command, "-f", LISTING, "--format", "json", columns="200").stdout)
    narrow = invoke(command, "-f", LISTING, columns=columns)
    assert narrow.exit_code == 0, narrow.stderr
    text = re.sub(r"\s+|\x1b\[[0-9;]*m", "", narrow.stdout)  # ids fold over lines: read them back whole
    ids = [row["id"] for row in rows["events" if command == "list" else command]]
    assert ids and [i for i in ids if i not in text] == []


@pytest.mark.parametrize("columns", ["0", "1", "2"])
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_show_on_a_terminal_too_narrow_still_shows_the_event(columns, terminal):
    env = {**NARROW_CLEAN, "COLUMNS": columns} if terminal else {**NARROW_CLEAN, "TTY_COMPATIBLE": None,
                                                                 "COLUMNS": columns}
    result = CliRunner().invoke(app, ["show", "stargate-investment", "-f", LISTING, "--lang", "en"], env=env)
    assert result.exit_code == 0
    text = re.sub(r"\s+|\x1b\[[0-9;]*m", "", result.stdout)
    assert "stargate-investment" in text and "Citations" in text and len(result.stdout.splitlines()) > 10


@pytest.mark.parametrize("columns", ["0", "1", "2"])
def test_help_and_usage_errors_on_a_terminal_too_narrow_still_say_something(run_subprocess, columns):
    helped = run_subprocess("--help", env={"COLUMNS": columns})
    assert helped.returncode == 0 and "Usage:" in helped.stdout and "chronology" in helped.stdout
    wrong = run_subprocess("list", "--bogus", env={"COLUMNS": columns})
    assert wrong.returncode == 2 and wrong.stderr.startswith("Error: no such option: --bogus")


@pytest.mark.parametrize("width", [0, 1, 2, 39])
def test_the_renderers_never_draw_narrower_than_the_floor(width):
    from timeline import load_timeline
    from timeline.render.grid import event_grid, registry_grid
    from timeline.render.table import event_detail, plain_text, rich_table
    from timeline.render.text import NARROWEST

    timeline = load_timeline([LISTING])
    grid = event_grid(timeline.events, timeline, "en")
    drawn = plain_text(rich_table(grid, width), width)
    assert max(cell_len(line) for line in drawn.splitlines()) == NARROWEST
    assert [e.id for e in timeline.events if e.id not in re.sub(r"\s+", "", drawn)] == []
    detail = plain_text(event_detail(timeline.events[0], timeline, "ja"), width)
    assert timeline.events[0].id in re.sub(r"\s+", "", detail)
    from timeline.render.usage import usage_by

    usage = usage_by(timeline.events, "topics")
    topics = plain_text(rich_table(registry_grid("topics", list(timeline.topics.values()), usage, "en"), width), width)
    assert all(topic.id in re.sub(r"\s+", "", topics) for topic in timeline.topics.values())
