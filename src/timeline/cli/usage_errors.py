"""click's usage errors in plain words: what is wrong, what to give instead, and whose --help to read.

Every command registered through `app.command` (cli/app.py) is a `UsageCommand` and the app a `UsageGroup`, so a
mistake on any command line, also of a command added later, is explained here by its kind, never by its example:
an option given without its value, a switch given a value, a value of the wrong type or outside its range, a
missing argument, an unknown option or command (with the "did you mean" of names.suggest, the one matcher), an
extra argument. `explain` returns the `Error:` message and the hint lines; app.report_error prints them.
"""

from __future__ import annotations

import ast
import re

from typer._click.exceptions import BadOptionUsage, BadParameter, MissingParameter, NoSuchOption, UsageError
from typer.core import TyperCommand, TyperGroup

from ..names import suggest

# What to give, in plain words, for an option (by its long name, else its metavar) or an argument (by its metavar)
# whose type does not say it (a string). Others are described by their type (`_type_words`); an argument by the
# first words of its help ("A date as typed: ..." -> "a date as typed").
VALUE_WORDS = {
    "--topic": "a topic id or name",
    "--actor": "an actor id, name or alias",
    "--source": "a source id or a publisher",
    "--from": "a date, such as 2025, 2025-05, 'May 2025' or 'Q3 2025'",
    "--to": "a date, such as 2025, 2025-05, 'May 2025' or 'Q3 2025'",
    "--search": "the words to look for",
    "--file": "the path of an event file",
    "--output": "the file to write, or - for stdout",
    "--archive": "the folder of archived articles",
    "--title": "the heading to print",
    "EVENT": "an event id or words of its title",
    "FILE": "a file name",
    "FOLDER": "a folder",
    "DIR": "a folder",
}


class _ContextOfErrors:
    """Gives the parser's errors the context they were raised in (click raises "requires an argument" and "does
    not take a value" without one), so that the hint names this command's --help; and remembers the word that
    named no command."""

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as error:
            if error.ctx is None:
                error.ctx, error.cmd = ctx, ctx.command
            raise


class UsageCommand(_ContextOfErrors, TyperCommand):
    """A command whose usage errors carry their context."""

    def parse_args(self, ctx, args):
        _refuse_option_as_value(ctx, args)
        return super().parse_args(ctx, args)


def _refuse_option_as_value(ctx, args: list[str]) -> None:
    """click takes the word after an option as its value even when it is another option (`-t --lang ja` gives
    --topic the value `--lang`, then calls `ja` an unexpected argument): say the option needs a value instead.
    `--topic=--lang` still gives that value on purpose."""
    options = {name: param for param in ctx.command.params if param.param_type_name == "option"
               for name in (*param.opts, *param.secondary_opts)}
    names = {*options, *ctx.help_option_names}
    for typed, following in zip(args, args[1:]):
        if typed == "--":
            return
        option = options.get(typed)
        if option is None or option.is_flag or option.count:
            continue
        if following.split("=", 1)[0] in names:
            raise BadOptionUsage(typed, f"Option '{typed}' requires an argument.", ctx=ctx)


class UsageGroup(_ContextOfErrors, TyperGroup):
    """The group of commands: its usage errors carry their context, and an unknown command its typed name."""

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            if type(error) is UsageError and args:  # "No such command", not an option's error
                error.unknown_command = args[0]  # type: ignore[attr-defined]
            raise


def explain(error: UsageError) -> tuple[str, str]:
    """The message and the hint (lines) for a click usage error."""
    ctx = getattr(error, "ctx", None)
    where = _help_pointer(ctx)
    message, advice = _described(error, ctx)
    return message, "\n".join(line for line in (advice, where) if line)


def _described(error: UsageError, ctx) -> tuple[str, str]:
    typed_command = getattr(error, "unknown_command", None)
    if typed_command is not None:
        return f"no such command '{typed_command}'", _did_you_mean(typed_command, _command_names(ctx))
    if isinstance(error, NoSuchOption):
        return f"no such option: {error.option_name}", _did_you_mean(error.option_name, _option_names(ctx))
    if isinstance(error, BadOptionUsage):
        return _bad_option_usage(error, ctx), ""
    if isinstance(error, MissingParameter) and error.param is not None:
        return _missing(error.param), ""
    if isinstance(error, BadParameter):
        return _bad_value(error)
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", error.message, re.S)
    if extra:
        words = extra["args"]
        return ("unexpected arguments: " + words if " " in words else f"unexpected argument '{words}'"), \
            _extra_argument_advice(ctx)
    return _click_words(error.format_message()), ""


def _bad_option_usage(error: BadOptionUsage, ctx) -> str:
    option = _option(ctx, error.option_name)
    name = _long_name(option) if option is not None else error.option_name
    if "does not take a value" in error.message:
        spelled = " or ".join([name, *option.secondary_opts[-1:]]) if option is not None else name
        return f"{name} is a switch and takes no value: write {spelled}"
    if option is not None:
        return _missing(option)
    return _click_words(error.format_message())


def _missing(param) -> str:
    """'--topic needs a value: a topic id or name'; 'missing EVENT: an event id or words of its title'."""
    words = _value_words(param)
    if param.param_type_name == "option":
        return f"{_long_name(param)} needs a value" + (f": {words}" if words else "")
    words = words or _first_words(getattr(param, "help", None) or "")
    return f"missing {_metavar(param)}" + (f": {words}" if words else "")


def _first_words(help_text: str) -> str:
    """An argument's help up to its first pause, as what to give: "A date as typed: ..." -> "a date as typed"."""
    first = re.split(r"[:;,.(]", help_text, maxsplit=1)[0].strip()
    return first[:1].lower() + first[1:]


def _bad_value(error: BadParameter) -> tuple[str, str]:
    """'invalid value for --limit: 'abc' is not a whole number', with what the option takes in the hint."""
    param = error.param
    if error.param_hint is not None:  # raised by our code (TIMELINE_LANG, --from), in our words already
        hints = [error.param_hint] if isinstance(error.param_hint, str) else list(error.param_hint)
        named = " / ".join(hint.strip("'") for hint in hints)  # --from, as every other message names an option
        return f"invalid value for {named}: {error.message}", ""
    if param is None:
        return _click_words(error.format_message()), ""
    name = _long_name(param) if param.param_type_name == "option" else _metavar(param)
    reason, advice = _reason(error.message.strip().removesuffix("."), param)
    return f"invalid value for {name}: {reason}", advice


def _reason(message: str, param) -> tuple[str, str]:
    """click's reason in plain words, and the advice for the kinds of value it knows."""
    kind = getattr(param, "type", None)
    number = getattr(kind, "name", "") in ("integer", "int range")
    wrong_type = re.match(r"(?P<value>.+) is not a valid ", message)
    if number and wrong_type:
        return f"{wrong_type['value']} is not a whole number", _takes(param)
    out_of_range = re.match(r"(?P<value>.+) is not in the range", message)
    if number and out_of_range:
        return f"{out_of_range['value']} is {_outside(kind)}", _takes(param)
    not_one_of = re.match(r"(?P<value>'.*'|\".*\") is not one of", message)
    if not_one_of and hasattr(kind, "choices"):
        typed = ast.literal_eval(not_one_of["value"])
        return f"{not_one_of['value']} is not one of {_choices(kind)}", _did_you_mean(typed, _choice_names(kind))
    return _click_words(message), ""


def _outside(kind) -> str:
    low, high = kind.min, kind.max
    if low is not None and high is not None:
        return f"outside {low} to {high}"
    return f"less than {low}" if low is not None else f"more than {high}"


def _takes(param) -> str:
    return f"{_long_name(param)} takes {_value_words(param)}" if param.param_type_name == "option" else ""


def _value_words(param) -> str:
    """What a parameter takes, in words: VALUE_WORDS, else its type, else nothing."""
    key = _long_name(param) if param.param_type_name == "option" else _metavar(param)
    return VALUE_WORDS.get(key) or VALUE_WORDS.get(param.metavar or "") or _type_words(param.type)


def _type_words(kind) -> str:
    if hasattr(kind, "choices"):
        return f"one of {_choices(kind)}"
    if getattr(kind, "name", "") in ("integer", "int range"):
        low, high = getattr(kind, "min", None), getattr(kind, "max", None)
        bounds = (f", from {low} to {high}" if low is not None and high is not None else
                  f", {low} or more" if low is not None else f", at most {high}" if high is not None else "")
        return "a whole number" + bounds
    if getattr(kind, "name", "") == "float":
        return "a number"
    if getattr(kind, "name", "") == "path":
        return "a folder" if not getattr(kind, "file_okay", True) else "a path"
    return ""


def _choice_names(kind) -> list[str]:
    return [str(getattr(choice, "value", choice)) for choice in kind.choices]


def _choices(kind) -> str:
    return ", ".join(_choice_names(kind))


def _did_you_mean(typed: str, candidates: list[str]) -> str:
    close = suggest(typed, candidates)
    return f"did you mean '{close[0]}'?" if close else ""


def _extra_argument_advice(ctx) -> str:
    if ctx is None or any(param.param_type_name == "argument" for param in ctx.command.params):
        return ""
    return f"`{ctx.command_path}` takes no arguments: a value goes right after its option"


def _click_words(message: str) -> str:
    """click's own sentence as ours: lower case first, no full stop ("TIMELINE_LANG ..." stays as it is)."""
    message = message.strip().removesuffix(".")
    if message[:1].isupper() and not message[1:2].isupper():
        message = message[0].lower() + message[1:]
    return message


def _help_pointer(ctx) -> str:
    """Where to look: the --help of the command that was being read, or of `timeline` for a command's name."""
    if ctx is None:
        return "`timeline --help` lists the commands"
    if isinstance(ctx.command, TyperGroup):
        return f"`{ctx.command_path} --help` lists the commands"
    return f"`{ctx.command_path} --help` lists its options and arguments"


def _option(ctx, typed: str):
    """The option that `typed` (a long or short spelling) names in this context's command, or None."""
    if ctx is None:
        return None
    return next((param for param in ctx.command.params
                 if param.param_type_name == "option" and typed in (*param.opts, *param.secondary_opts)), None)


def _option_names(ctx) -> list[str]:
    if ctx is None:
        return []
    names = [name for param in ctx.command.params if param.param_type_name == "option"
             for name in (*param.opts, *param.secondary_opts) if name.startswith("--")]
    return names + list(ctx.help_option_names)


def _command_names(ctx) -> list[str]:
    return list(ctx.command.list_commands(ctx)) if ctx is not None else []


def _long_name(param) -> str:
    """--topic for the option -t/--topic: the name --help shows first among the long ones."""
    return next((name for name in param.opts if name.startswith("--")), param.opts[0])


def _metavar(param) -> str:
    """An argument as --help shows it: its metavar (EVENT), else its name."""
    return param.metavar or param.name
