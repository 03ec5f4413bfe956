"""Shell completion: what typer's bash, zsh and fish scripts get back when Tab is pressed.

Each shell's script runs `timeline` with `_TIMELINE_COMPLETE=complete_<shell>` and the command line in the
environment (bash: COMP_WORDS joined with newlines and COMP_CWORD, as its script's `IFS=$'\\n'` does; zsh and
fish: `_TYPER_COMPLETE_ARGS`, the line up to the cursor). These tests do the same to a real `python -m timeline`
process, then read the answer the way each script does. Candidates come from the files the command would read,
through the parsed cache (the session's private $XDG_CACHE_HOME, see conftest.py).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from timeline.complete import HELP_WIDTH, Candidate, candidates, describe
from timeline.query import actor_names, fold
from timeline.pipeline import load_timeline

from conftest import BAD, GOOD, subprocess_environment

LISTING = GOOD / "listing.yaml"  # 12 events, 3 topics, 4 actors with English and Japanese aliases, 4 sources


def bash(run_subprocess, *words: str, env: dict[str, str] | None = None, cwd=None) -> list[str]:
    """The candidates bash gets for the last of `words` ("" completes an empty word, after a space)."""
    result = run_subprocess(env={"_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": "\n".join(("timeline", *words)),
                                 "COMP_CWORD": str(len(words)), **(env or {})}, cwd=cwd)
    assert (result.returncode, result.stderr) == (0, "")
    return [line for line in result.stdout.splitlines() if line]


def zsh(run_subprocess, line: str, env: dict[str, str] | None = None) -> str:
    """What zsh evaluates for `timeline LINE` (the cursor at its end)."""
    result = run_subprocess(env={"_TIMELINE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": f"timeline {line}",
                                 **(env or {})})
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout.strip()


def fish(run_subprocess, line: str, action: str = "get-args", env: dict[str, str] | None = None):
    """fish's two questions: `get-args` (the candidates, `value<TAB>description`) and `is-args` (exit 0 when
    there are some; 1 lets fish complete file names)."""
    return run_subprocess(env={"_TIMELINE_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": action,
                               "_TYPER_COMPLETE_ARGS": f"timeline {line}", **(env or {})})


# --- commands and options --------------------------------------------------------------------------------------


def test_command_names_complete(run_subprocess):
    from typer.main import get_command

    from timeline.cli import app

    names = sorted(name for name in get_command(app).commands if name.startswith("s"))  # type: ignore[attr-defined]
    assert {"show", "sources"} <= set(names)
    assert sorted(bash(run_subprocess, "s")) == names
    assert "validate" in bash(run_subprocess, "")


def test_options_and_enum_values_complete(run_subprocess):
    assert sorted(bash(run_subprocess, "list", "--a")) == ["--actor", "--all-topics"]
    assert bash(run_subprocess, "list", "--lang", "") == ["ja", "en"]


# --- the values: events, topics, actors, sources ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["show", "-f", str(LISTING), "tariff"], {"tariff-talks", "tariff-review", "tariff-deadline"}),
        (["show", "-f", str(LISTING), "stargate-i"], {"stargate-investment"}),
        (["show", "-f", str(LISTING), "TARIFF-T"], {"tariff-talks"}),  # ids are lower case: the shell replaces it
        (["list", "-f", str(LISTING), "--topic", ""], {"ai-policy", "crypto-policy", "trade"}),
        (["chronology", "--file", str(LISTING), "-t", "cr"], {"crypto-policy"}),
        (["list", "-f", str(LISTING), "--actor", "トラ"], {"トランプ", "トランプ大統領"}),
        (["list", "-f", str(LISTING), "--actor", "tr"], {"Trump"}),  # case-insensitive, as --actor matches
        (["list", "-f", str(LISTING), "-a", "SE"], {"SEC"}),  # the alias typed so, not the id `sec` it folds to
        (["list", "-f", str(LISTING), "-a", "so"], {"softbank"}),  # the id; its alias SoftBank is the same choice
        (["list", "-f", str(LISTING), "-a", "オープン"], {"オープンAI"}),  # names are accepted too ...
        (["list", "-f", str(LISTING), "-a", "don"], {"donald-trump"}),  # ... but never one needing quotes
        (["list", "-f", str(LISTING), "--source", "re"], {"reuters-2025-01-22"}),
        (["sources", "-f", str(LISTING), "--source", "example"], {"example-2025-01-27", "example-2025-09"}),
        (["list", "-f", str(LISTING), "--source", "nope"], set()),
    ],
)
def test_values_from_the_file_given_with_f(run_subprocess, words, expected):
    assert set(bash(run_subprocess, *words)) == expected


def test_values_from_timeline_file(run_subprocess):
    env = {"TIMELINE_FILE": str(LISTING)}
    assert set(bash(run_subprocess, "show", "stargate", env=env)) == {"stargate-announcement", "stargate-investment"}
    assert bash(run_subprocess, "list", "--actor", "SBG", env=env) == ["SBG"]


def test_values_from_events_yaml_in_the_current_directory(run_subprocess, tmp_path):
    (tmp_path / "events.yaml").write_bytes(LISTING.read_bytes())
    assert bash(run_subprocess, "show", "crypto", cwd=tmp_path) == ["crypto-order", "crypto-rules-draft"]


def test_the_bundled_dataset_by_default(run_subprocess, tmp_path):
    from timeline.cli.options import bundled_events

    ids = {event.id for event in load_timeline([bundled_events()]).events}
    assert set(bash(run_subprocess, "show", "", cwd=tmp_path)) == ids


def test_repeated_completion_reads_the_cache(run_subprocess, tmp_path):
    """The third Tab on an unchanged file is served from the parsed cache, as the commands are."""
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    answers = [bash(run_subprocess, "show", "-f", str(LISTING), "tariff-d", env=env) for _ in range(3)]
    assert answers == [["tariff-deadline"]] * 3
    assert list((cache / "timeline").glob("*.json")), "no cache entry was written"


# --- descriptions: zsh and fish show them ------------------------------------------------------------------------


def test_zsh_gets_values_with_their_english_titles(run_subprocess):
    assert zsh(run_subprocess, f"show -f {LISTING} tariff-t") == (
        """_arguments '*: :(("tariff-talks":"Tariff talks until April"))'""")
    assert zsh(run_subprocess, f"list -f {LISTING} --actor トランプ大") == (
        """_arguments '*: :(("トランプ大統領":"Donald Trump"))'""")


def test_fish_gets_values_with_their_english_titles(run_subprocess):
    result = fish(run_subprocess, f"list -f {LISTING} --topic ")
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["ai-policy\tAI policy", "crypto-policy\tCrypto policy", "trade\tTrade"]
    source = fish(run_subprocess, f"list -f {LISTING} --source reu").stdout.splitlines()
    assert source == ["reuters-2025-01-22\tReuters: Trump announces private-sector $500 billion…"]
    assert fish(run_subprocess, f"show -f {LISTING} tariff", action="is-args").returncode == 0


def test_a_title_full_of_markup_is_described_as_typed(run_subprocess):
    """typer renders descriptions as rich markup; `[bold red]x[/]` must not become bold, nor vanish."""
    [line] = fish(run_subprocess, f"show -f {LISTING} markup").stdout.splitlines()
    assert line.startswith("markup-title\t[bold red]x[/] | ")
    assert "[31m not red [/]" in line
    assert "[bold red]x[/]" in zsh(run_subprocess, f"show -f {LISTING} markup")


# --- a file that cannot be read or is invalid: nothing, silently -------------------------------------------------


@pytest.mark.parametrize(
    "name", ["unknown-topic.yaml", "invalid-utf8.yaml", "syntax-unclosed-quote.yaml", "missing.yaml", "a-directory"])
def test_a_bad_file_offers_nothing_and_no_traceback(run_subprocess, tmp_path, name):
    path = tmp_path / name if name in ("missing.yaml", "a-directory") else BAD / name
    if name == "a-directory":
        path.mkdir()
    assert bash(run_subprocess, "show", "-f", str(path), "") == []
    assert bash(run_subprocess, "list", "--topic", "", env={"TIMELINE_FILE": str(path)}) == []
    assert zsh(run_subprocess, f"list -f {path} --actor ") == "_files"  # zsh then completes file names
    refused = fish(run_subprocess, f"list -f {path} --source ", action="is-args")
    assert (refused.returncode, refused.stdout, refused.stderr) == (1, "", "")  # fish then completes file names


def test_a_bad_size_cap_offers_nothing(run_subprocess):
    assert bash(run_subprocess, "show", "", env={"TIMELINE_MAX_BYTES": "lots"}) == []


def test_completing_after_the_version_flag_does_not_print_the_version(run_subprocess):
    assert "validate" in bash(run_subprocess, "-V", "")


# --- installing: the scripts ----------------------------------------------------------------------------------

# typer detects the user's shell (shellingham); this typer switch makes the options take the shell by name.
BY_NAME = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script(run_subprocess, shell):
    result = run_subprocess("--show-completion", shell, env=BY_NAME)
    assert (result.returncode, result.stderr) == (0, "")
    assert f"_TIMELINE_COMPLETE=complete_{shell}" in result.stdout
    assert "timeline" in result.stdout


def test_install_completion_writes_the_bash_script_and_sources_it(run_subprocess, tmp_path):
    result = run_subprocess("--install-completion", "bash", env={**BY_NAME, "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "timeline.sh"
    assert "_TIMELINE_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()


def test_help_lists_the_completion_options(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_a_normal_start_loads_no_completion_code():
    """Candidates are found only when a shell asks: `--help` imports neither the candidates nor the data."""
    probe = ("import sys\nfrom timeline.cli import app\ntry:\n    app(['--help'], prog_name='timeline')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in ('timeline.complete', 'timeline.cache', 'timeline.query') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False,
                            env=subprocess_environment())
    assert result.stdout.splitlines()[-1] == "[]", result.stderr


def test_long_lists_come_without_descriptions(run_cli, monkeypatch):
    """Past DESCRIBED_MAX candidates, values only: typer renders each description through rich (~0.35 ms)."""
    from timeline.cli import options

    monkeypatch.setattr(options, "DESCRIBED_MAX", 2)
    env = {"_TIMELINE_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    many = run_cli(env={**env, "_TYPER_COMPLETE_ARGS": f"timeline show -f {LISTING} tariff"})
    assert sorted(many.stdout.splitlines()) == ["tariff-deadline", "tariff-review", "tariff-talks"]
    few = run_cli(env={**env, "_TYPER_COMPLETE_ARGS": f"timeline show -f {LISTING} crypto"})
    assert few.stdout.splitlines() == ["crypto-order\tOrder on digital assets signed",
                                       "crypto-rules-draft\tSEC drafts crypto rules"]


# --- the library: timeline.complete ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def listing():
    return load_timeline([LISTING])


def values(found: list[Candidate]) -> list[str]:
    return [candidate.value for candidate in found]


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        ("event", "ai-", ["ai-rules-review", "ai-action-plan"]),  # the one order, as `timeline list`
        ("topic", "ＡＩ", ["ai-policy"]),  # width-insensitive, as the filters
        ("actor", "ＳＥＣ", ["sec"]),
        ("actor", "sec", ["sec"]),
        ("actor", "Sec", ["sec"]),  # neither `sec` nor `SEC` starts with `Sec`: the first
        ("actor", "証券", ["証券取引委員会"]),
        ("source", "", ["nikkei-2025-01-22", "reuters-2025-01-22", "example-2025-01-27", "example-2025-09"]),
    ],
)
def test_candidates(listing, kind, typed, expected):
    assert values(candidates(listing, kind, typed)) == expected


def test_every_actor_candidate_is_a_name_the_filter_accepts_and_every_such_name_is_offered(listing):
    """One description of the names `--actor` takes (query.actor_names): completion offers exactly those that
    a shell can insert without quotes, one per folded form."""
    names = actor_names(listing)
    offered = candidates(listing, "actor")
    assert {fold(candidate.value) for candidate in offered} == {name for name in names if " " not in name}
    for candidate in offered:
        actor = listing.actors[names[fold(candidate.value)]]
        assert candidate.help == actor.name.en


def test_descriptions_are_one_short_line():
    assert describe("a\nb\x1b[31m  c") == "a b [31m c"
    assert describe("word " * 40) == "word " * 11 + "word…"  # cut after a word, within HELP_WIDTH
    assert describe("語" * 100) == "語" * (HELP_WIDTH - 1) + "…"


def test_an_unknown_kind_is_a_bug(listing):
    with pytest.raises(ValueError, match="unknown kind"):
        candidates(listing, "colour")


def test_a_file_given_with_a_tilde_is_read_from_home(run_subprocess, tmp_path):
    """Bash hands `-f ~/story.yaml` to completion unexpanded (it expands `~` only when the command runs)."""
    (tmp_path / "story.yaml").write_bytes(LISTING.read_bytes())
    found = bash(run_subprocess, "show", "-f", "~/story.yaml", "tariff-t", env={"HOME": str(tmp_path)})
    assert found == ["tariff-talks"]


def test_docs_topics_complete(run_subprocess):
    from timeline.reference import TOPICS

    assert bash(run_subprocess, "docs", "") == list(TOPICS)
    assert bash(run_subprocess, "docs", "c") == [name for name in TOPICS if name.startswith("c")]


# zsh runs typer's answer through `eval`, and `_arguments` evaluates the `((value:description ...))` list once
# more: this stand-in for `_arguments` does that second evaluation the same way, in a real zsh.
ZSH_DOUBLE_EVAL = r"""
_arguments() {
  local spec=${1#*: :}
  spec=${spec#\(\(}
  spec=${spec%\)\)}
  eval "local -a items=( $spec )"
  print -rl -- $items
}
eval "$(cat "$1")"
"""


def test_a_title_cannot_run_code_in_zsh(run_subprocess, tmp_path):
    """A backslash before a quote in a title once closed typer's quoting in zsh: `\\" <(cmd) \\"` ran cmd."""
    import shutil

    zsh_path = shutil.which("zsh")
    if zsh_path is None:
        pytest.skip("zsh is not installed (.ci/run installs it)")
    marker = tmp_path / "ran"
    hostile = tmp_path / "events.yaml"
    title = f'Council\\" <(touch {marker}) \\" `touch {marker}` $(touch {marker})'
    hostile.write_text(LISTING.read_text(encoding="utf-8").replace("en: Tariff talks until April\n", f"en: '{title}'\n", 1),
                       encoding="utf-8")
    assert f"'{title}'" in hostile.read_text(encoding="utf-8")
    answer = tmp_path / "answer"
    answer.write_text(zsh(run_subprocess, f"show -f {hostile} tariff-t"), encoding="utf-8")
    script = tmp_path / "double-eval.zsh"
    script.write_text(ZSH_DOUBLE_EVAL, encoding="utf-8")
    shown = subprocess.run([zsh_path, "-f", str(script), str(answer)], capture_output=True, text=True, timeout=60)
    assert not marker.exists(), answer.read_text(encoding="utf-8")
    assert shown.stdout.startswith("tariff-talks:Council"), shown.stdout + shown.stderr


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_file_that_is_not_regular_offers_nothing_at_once(run_subprocess, tmp_path, kind):
    """A FIFO given with -f would block the shell on Tab until Ctrl-C; /dev/zero would be read to the size cap."""
    import os

    path = tmp_path / "events.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = "/dev/zero"
    assert bash(run_subprocess, "show", "-f", str(path), "") == []
    assert bash(run_subprocess, "show", "", env={"TIMELINE_FILE": str(path)}) == []


@pytest.mark.parametrize("env", [
    {"_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": "timeline show ", "COMP_CWORD": "x"},
    {"_TIMELINE_COMPLETE": "complete_bash"},  # a stray exported variable: no COMP_WORDS at all
])
def test_broken_completion_variables_are_one_line_not_a_traceback(run_subprocess, env):
    result = run_subprocess("list", env=env)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: _TIMELINE_COMPLETE is set") and len(result.stderr.splitlines()) == 1


def test_install_completion_into_an_unwritable_place_is_exit_2_and_one_line(run_subprocess, tmp_path):
    (tmp_path / ".bashrc").mkdir()  # where the line would be added is a directory
    result = run_subprocess("--install-completion", "bash",
                            env={"HOME": str(tmp_path), "SHELL": "/bin/bash",
                                 "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"Error: {tmp_path / '.bashrc'}: cannot write: Is a directory"
