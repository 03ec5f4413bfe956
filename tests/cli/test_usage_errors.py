"""Usage errors: exit 2, one `Error:` line saying in plain words what is wrong, then `hint:` lines saying what to give
and whose --help to read; never click's usage screen, typer's panel or click's jargon.

The table holds the cases people meet; the sweeps try every option of every command the app has (also commands
added later), so a new command gets the same words or fails here."""

from __future__ import annotations

import re

import pytest

from conftest import MINIMAL

# args -> the Error line, and words each of the hint lines holds (in order).
CASES = [
    (["list", "-t"], "--topic needs a value: a topic id or name", ["`timeline list --help`"]),
    (["chronology", "--topic"], "--topic needs a value: a topic id or name", ["`timeline chronology --help`"]),
    (["list", "--from"], "--from needs a value: a date, such as 2025", ["`timeline list --help`"]),
    # the value is itself an option: click would take `--lang` as the topic and call `ja` an extra argument
    (["list", "-t", "--lang", "ja"], "--topic needs a value: a topic id or name", ["`timeline list --help`"]),
    (["list", "--from", "--to", "2025"], "--from needs a value: a date", ["`timeline list --help`"]),
    (["chronology", "--topic", "--lang=ja"], "--topic needs a value: a topic id or name",
     ["`timeline chronology --help`"]),
    (["verify", "--archive"], "--archive needs a value: the folder of archived articles", ["`timeline verify --help`"]),
    (["validate", "--strict=yes"], "--strict is a switch and takes no value: write --strict",
     ["`timeline validate --help`"]),
    (["chronology", "--summaries=1"], "--summaries is a switch and takes no value: write --summaries or --no-summaries",
     ["`timeline chronology --help`"]),
    (["--version=3"], "--version is a switch and takes no value: write --version", ["`timeline --help`"]),
    (["show"], "missing EVENT: an event id or words of its title", ["`timeline show --help`"]),
    (["date"], "missing TEXT: a date as typed", ["`timeline date --help`"]),
    (["list", "--limit", "abc"], "invalid value for --limit: 'abc' is not a whole number",
     ["--limit takes a whole number, 0 or more", "`timeline list --help`"]),
    (["list", "-n", "1.5"], "invalid value for --limit: '1.5' is not a whole number", ["0 or more", "--help"]),
    (["list", "-n", "-1"], "invalid value for --limit: -1 is less than 0", ["0 or more", "`timeline list --help`"]),
    (["list", "--format", "jsno"], "invalid value for --format: 'jsno' is not one of table, json, jsonl, csv",
     ["did you mean 'json'?", "`timeline list --help`"]),
    (["list", "--topci", "markets"], "no such option: --topci", ["did you mean '--topic'?", "`timeline list --help`"]),
    (["--versoin"], "no such option: --versoin", ["did you mean '--version'?", "`timeline --help` lists the commands"]),
    (["lst"], "no such command 'lst'", ["did you mean 'list'?", "`timeline --help` lists the commands"]),
    (["list", "markets"], "unexpected argument 'markets'",
     ["`timeline list` takes no arguments: a value goes right after its option", "`timeline list --help`"]),
    (["docs", "nonsense"], "unknown docs topic 'nonsense'", ["topics: format, mistakes, dates"]),
    (["docs", "formt"], "unknown docs topic 'formt'", ["did you mean 'format'? topics: format, mistakes"]),
]

# click's and typer's own wording, none of which may reach the user.
JARGON = re.compile(r"requires an argument|does not take a value|not a valid|Possible options|not in the range|"
                    r"Got unexpected|Missing argument|event_id|Usage:|Try '|[╭╰│─]")


def assert_usage_error(stderr: str, error: str | None = None, hints: list[str] | None = None) -> None:
    """One `Error:` line (starting with `error` when given), then hint lines, the last naming a --help."""
    lines = stderr.splitlines()
    assert lines and lines[0].startswith("Error: "), stderr
    if error is not None:
        assert lines[0].startswith(f"Error: {error}"), stderr
    assert len(lines) >= 2 and lines[1].startswith("  hint: "), stderr
    assert all(line.startswith("        ") for line in lines[2:]), stderr
    assert not JARGON.search(stderr), stderr
    for hint, line in zip(hints or [], lines[1:], strict=False):
        assert hint in line, stderr


@pytest.mark.parametrize(("args", "error", "hints"), CASES, ids=[" ".join(case[0]) for case in CASES])
def test_a_usage_error_says_what_is_wrong_and_what_to_give(run_cli, args, error, hints):
    result = run_cli(*args, env={"TIMELINE_FILE": str(MINIMAL)})
    assert (result.exit_code, result.stdout) == (2, ""), result.stderr
    assert_usage_error(result.stderr, error, hints)
    assert len(result.stderr.splitlines()) == 1 + len(hints), result.stderr


def test_a_value_that_looks_like_an_option_is_given_with_equals(run_cli):
    result = run_cli("list", "--topic=--lang", "--lang", "ja", env={"TIMELINE_FILE": str(MINIMAL)})
    assert result.exit_code == 2 and "'--lang'" in result.stderr and "needs a value" not in result.stderr


def test_subprocess_a_usage_error_says_what_is_wrong_and_what_to_give(run_subprocess):
    result = run_subprocess("list", "-t", env={"TIMELINE_FILE": str(MINIMAL), "COLUMNS": "200"})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("Error: --topic needs a value: a topic id or name\n"
                             "  hint: `timeline list --help` lists its options and arguments\n")


# -- every option of every command ------------------------------------------------------------------------------


def _commands():
    """(name, click command) for every command of the app, as --help lists them."""
    import typer
    import typer.main

    from timeline.cli import app

    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    return [(name, group.get_command(ctx, name)) for name in group.list_commands(ctx)]


def _options(command):
    return [param for param in command.params if param.param_type_name == "option" and not param.hidden]


def _long(option) -> str:
    return next((name for name in option.opts if name.startswith("--")), option.opts[0])


def _sweep():
    """(args, what the Error line must say) for a mistake with every option of every command."""
    cases = []
    for name, command in _commands():
        for option in _options(command):
            long = _long(option)
            if option.is_flag:
                cases.append(([name, f"{long}=yes"], f"{long} is a switch and takes no value: write {long}"))
            else:
                cases.append(([name, option.opts[-1]], f"{long} needs a value"))
            if getattr(option.type, "name", "") in ("integer", "int range"):
                cases.append(([name, long, "abc"], f"invalid value for {long}: 'abc' is not a whole number"))
            if hasattr(option.type, "choices"):
                cases.append(([name, long, "no-such-choice"], f"invalid value for {long}: 'no-such-choice' is not one of"))
        longs = [_long(option) for option in _options(command) if _long(option).startswith("--") and len(_long(option)) > 5]
        if longs and not command.context_settings.get("ignore_unknown_options"):  # `date -2025` is a date typed
            typo = longs[0][:3] + longs[0][4] + longs[0][3] + longs[0][5:]  # two letters swapped: --topci
            cases.append(([name, typo], f"no such option: {typo}"))
    return cases


SWEEP = _sweep()


@pytest.mark.parametrize(("args", "error"), SWEEP, ids=[" ".join(case[0]) for case in SWEEP])
def test_every_option_of_every_command_gets_the_same_plain_words(run_cli, args, error):
    result = run_cli(*args, env={"TIMELINE_FILE": str(MINIMAL)})
    assert (result.exit_code, result.stdout) == (2, ""), result.stderr
    assert_usage_error(result.stderr)
    first, *hints = result.stderr.splitlines()
    assert first.startswith(f"Error: {error}"), result.stderr
    assert f"`timeline {args[0]} --help`" in hints[-1]  # the command's own help, never only the top-level one
    if error.startswith("no such option"):
        assert hints[0].startswith("  hint: did you mean '--"), result.stderr


def _required_arguments():
    """(command name, its first required argument) for every command that has one."""
    found = [(name, [p for p in command.params if p.param_type_name == "argument" and p.required])
             for name, command in _commands()]
    return [(name, required[0]) for name, required in found if required]


@pytest.mark.parametrize(("name", "argument"), _required_arguments(), ids=[name for name, _ in _required_arguments()])
def test_every_required_argument_is_named_by_its_metavar_with_what_to_give(run_cli, name, argument):
    result = run_cli(name, env={"TIMELINE_FILE": str(MINIMAL)})
    assert result.exit_code == 2
    assert_usage_error(result.stderr)
    shown = argument.metavar or argument.name  # as --help shows it
    assert re.match(rf"Error: missing {re.escape(shown)}: \w", result.stderr), result.stderr


def test_every_command_explains_its_usage_errors():
    """A command registered some other way than app.command (cli/app.py) would fall back to click's words."""
    from timeline.cli.usage_errors import UsageCommand, UsageGroup

    assert all(isinstance(command, UsageCommand | UsageGroup) for _, command in _commands())


@pytest.mark.parametrize(("args", "flag"), [
    (["html", "--title", b"bad \xff title"], "--title"), (["chronology", "--title", b"\xff"], "--title"),
    (["html", "--search", b"T\xff"], "--search"), (["html", "--fragment", "--internal", "--search", b"\xfe"], "--search"),
    (["list", "--search", b"\xff"], "--search"), (["export", "ics", "--search", b"\xff"], "--search"),
])
def test_a_text_flag_that_is_not_utf8_is_a_usage_error_and_the_output_file_is_kept(tmp_path, args, flag):
    """Bytes that are not UTF-8 reach Python as lone surrogates; `html` put them in its page and failed to encode it
    (a traceback, exit 1; found by the hostile review). Now exit 2, one line naming the flag and the byte."""
    import os
    import subprocess
    import sys

    from conftest import subprocess_environment

    out = tmp_path / "out"
    out.write_bytes(b"kept")
    command = [os.fsencode(sys.executable), b"-m", b"timeline", *(a if isinstance(a, bytes) else a.encode()
                                                                  for a in args), b"-f", os.fsencode(MINIMAL)]
    done = subprocess.run([*command, b"-o", os.fsencode(out)] if args[0] != "list" else command,
                          capture_output=True, env=subprocess_environment(), timeout=60, check=False)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert stderr.startswith(f"Error: {flag}: the text is not UTF-8 (byte 0x") and "Traceback" not in stderr
    assert out.read_bytes() == b"kept"
