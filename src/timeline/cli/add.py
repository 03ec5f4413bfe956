"""`timeline add` and `timeline add --edit ID`: a guided entry (`timeline docs add`).

Flags give fields (for scripts); on a terminal the missing ones are asked for, each re-asked until it is valid.
The prompts and the answers' checks live here; the event's text and its place in the file are the library's
(normalize/entry.py), and the file is written by the one in-place path `timeline normalize` uses (write_changes).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .add_words import words
from .app import command, say
from .options import FilesOption, LangOption, bundled_events, completer, resolve_files

def _text(flag: str, about: str):
    return Annotated[str | None, typer.Option(flag, help=about, show_default=False)]


@dataclass(frozen=True, slots=True)
class Field:
    """A prompted field: its flag, whether an event must have it (its prompt is add_words' `key`)."""

    key: str
    flag: str
    required: bool = True


FIELDS = (
    Field("date", "--date"),
    Field("title_ja", "--title-ja"),
    Field("title_en", "--title-en"),
    Field("summary_ja", "--summary-ja"),
    Field("summary_en", "--summary-en"),
    Field("topics", "--topic"),
    Field("actors", "--actor", required=False),
    Field("source", "--source"),
    Field("quote", "--quote"),
)


@command("add")
def add_command(
    file: FilesOption = None,
    edit: Annotated[str | None, typer.Option("--edit", metavar="ID", help="Change an existing event: the prompts "
                                             "start from its values (Enter keeps one), flags replace them.",
                                             show_default=False, autocompletion=completer("event"))] = None,
    event_id: _text("--id", "The event's id. Default: a slug of the English title, made unique.") = None,
    date: _text("--date", "When, as people type it (`timeline date` reads the same); written in EDTF.") = None,
    status: _text("--status", "happened (the default) or scheduled.") = None,
    title_ja: _text("--title-ja", "The title in Japanese.") = None,
    title_en: _text("--title-en", "The title in English.") = None,
    summary_ja: _text("--summary-ja", "The summary in Japanese.") = None,
    summary_en: _text("--summary-en", "The summary in English.") = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="A topic, by id or name; repeat for several.",
                                                    show_default=False, autocompletion=completer("topic"))] = None,
    actor: Annotated[list[str] | None, typer.Option("--actor", help="An actor, by id, name or alias; repeat for "
                                                    "several.", show_default=False,
                                                    autocompletion=completer("actor"))] = None,
    source: Annotated[str | None, typer.Option("--source", help="The cited source, by id (or publisher, when only "
                                               "one source has it).", show_default=False,
                                               autocompletion=completer("source"))] = None,
    quote: _text("--quote", "The words from the source that support the event, copied exactly.") = None,
    note_ja: _text("--note-ja", "An editor's note in Japanese (with --note-en: notes are bilingual).") = None,
    note_en: _text("--note-en", "An editor's note in English (with --note-ja).") = None,
    into: Annotated[Path | None, typer.Option("--into", help="With several -f files, the one to write the event "
                                              "into.", show_default=False, dir_okay=False)] = None,
    archive: Annotated[Path | None, typer.Option("--archive", help="Check the quote against the archived article "
                                                 "in this folder. Default: an archive/ folder beside the file.",
                                                 show_default=False, file_okay=False)] = None,
    keep_quote: Annotated[bool, typer.Option("--keep-quote", help="Keep a quote the archive check did not find "
                                             "(on a terminal you are asked instead).")] = False,
    interactive: Annotated[bool | None, typer.Option("--interactive/--no-interactive", help="Ask for missing "
                                                     "fields. Default: when stdin is a terminal; --interactive "
                                                     "reads answers from stdin even when it is not.",
                                                     show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Rewrite even a read-only or hard-linked file, as "
                                        "`timeline normalize --force` does.")] = False,
    lang: LangOption = ...,  # type: ignore[assignment]  # the default comes from LangOption's factory
) -> None:
    """Add an event to the event file, asking for what the flags do not give.

    The event is written in its place in the chronological order; nothing else in the file changes.
    Comments, layout and the other events stay as they are.
    The file must validate afterwards, or nothing is written.
    It is replaced atomically, by the rules `timeline normalize` follows.
    The event's lines are printed on stdout.

    Without a terminal, every required field must come from a flag (exit 2 names those missing).
    Ctrl-C or end of input at a prompt leaves the file as it was (exit 130).
    `timeline docs add` has examples.

    Exit 0: the event was written. 1: invalid data (in the file, or with the event). 2: a usage or file error.
    """
    from .add_flow import Flags, run

    flags = Flags(date=date, title_ja=title_ja, title_en=title_en, summary_ja=summary_ja, summary_en=summary_en,
                  topics=tuple(topic or ()) or None, actors=tuple(actor or ()) or None, source=source, quote=quote)
    asking = _stdin_is_a_terminal() if interactive is None else interactive
    paths = resolve_files(file)
    if paths == [bundled_events()] and not file:
        raise UsageError(words("no-file", lang.value))
    if not asking:
        missing = [f.flag for f in FIELDS if f.required and getattr(flags, f.key) is None]
        if missing and edit is None:
            raise UsageError(words("missing", lang.value, flags=", ".join(missing)))
    run(paths, flags, edit=edit, event_id=event_id, status=status, notes=(note_ja, note_en), into=into,
        archive=archive, keep_quote=keep_quote, ask=_Prompter(lang.value) if asking else None, force=force, lang=lang.value)


def _stdin_is_a_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class _Prompter:
    """Prompts on stderr (stdout is the event's lines); Ctrl-C or end of input at any of them ends the command
    with nothing written (130, as every command's Ctrl-C: app.interrupted); in the language of --lang."""

    SHOWN = 60  # characters of a current value shown as the default: a long one is shortened (and kept whole)

    def __init__(self, lang: str = "en"):
        self.lang = lang

    def text(self, prompt: str, default: str | None = None) -> str:
        """One answer, trimmed; Enter gives `default` (shown in brackets), or asks again when there is none.

        Our own rather than click's prompt, which echoes a character of each prompt to stdout (the event's lines
        go there) and turns Ctrl-C into its Abort."""
        from ..render.text import terminal_safe

        safe = terminal_safe(default or "", one_line=True)  # the file's text: data, not controls
        shown = f" [{safe if len(safe) <= self.SHOWN else safe[:self.SHOWN - 1] + '…'}]" if default else ""
        while True:
            sys.stderr.write(f"{prompt}{shown}: ")
            sys.stderr.flush()
            try:
                answer = input().strip()  # a Ctrl-C here is the command's (exit 130, nothing written)
            except EOFError:  # Ctrl-D, or the end of piped answers: the same as a Ctrl-C
                sys.stderr.write("\n")
                raise KeyboardInterrupt from None
            except KeyboardInterrupt:
                sys.stderr.write("\n")  # "Interrupted." on a line of its own, not after the prompt
                raise
            except UnicodeDecodeError as error:  # a strict stdin: bytes that are no UTF-8, asked again
                say("  " + words("not-utf8", self.lang, byte=f"{error.object[error.start]:02X}"))
                continue
            if answer or default is not None:
                return answer or default
            sys.stderr.write(words("answer-needed", self.lang) + "\n")  # re-asked: say why

    def confirm(self, prompt: str) -> bool:
        """Yes only for y or yes: keeping something the check refused needs an explicit answer."""
        return self.text(f"{prompt} {words('yes-no', self.lang)}", "").lower() in ("y", "yes", "はい")

    def until_valid(self, prompt: str, default: str | None, check: Callable[[str], object]) -> object:
        """Ask until `check` accepts the answer (it raises UsageError, said here, for one it does not)."""
        while True:
            answer = self.text(prompt, default)
            try:
                return check(answer)
            except UsageError as error:
                say(f"  {error}")
                for number, line in enumerate(error.hint.splitlines()):
                    say(("  hint: " if number == 0 else "        ") + line)


__all__ = ["FIELDS", "Field", "add_command"]
