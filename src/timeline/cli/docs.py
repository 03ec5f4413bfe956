"""`timeline docs`: the reference docs shipped in the package, paged on a terminal."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from typing import Annotated

import typer

from ..reference import TOPICS
from .app import command, say
from .chronology import write_stdout



def _complete_topic(incomplete):  # unannotated: typer finds `incomplete` by name (see options.completer)
    return [name for name in TOPICS if name.startswith(incomplete.strip().lower())]


TopicArgument = Annotated[str | None, typer.Argument(
    help=f"One of: {', '.join(TOPICS)}. Leave out to list them.", metavar="TOPIC", show_default=False,
    autocompletion=_complete_topic)]
NoPagerOption = Annotated[bool, typer.Option("--no-pager", help="Print to stdout even on a terminal.")]


@command("docs")
def docs_command(topic: TopicArgument = None, no_pager: NoPagerOption = False) -> None:
    """Print the reference docs that come with timeline: the file format, dates, output shapes, CI, codes.

    With no TOPIC, list the topics. A topic is Markdown, UTF-8, on stdout; on a terminal it is shown through
    $PAGER (else less), unless --no-pager. Exit 2 for an unknown topic.
    """
    from ..reference import read

    if topic is None:
        write_stdout("".join(f"{name:12} {summary}\n" for name, summary in TOPICS.items()))
        say("Read one with `timeline docs TOPIC`.")
        return
    text = read(topic)
    if no_pager or not _is_terminal(sys.stdout):
        write_stdout(text)
    else:
        page(text)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def page(text: str) -> None:
    """Show text through the pager; straight to stdout when there is none to run.

    LESS defaults to FRX, as git sets it: quit at once when the text fits on one screen, leave it on screen
    after. Ctrl-C belongs to the pager while it runs (less uses it to stop a search), so this waits for the
    pager to end; the reader quitting before the end is no error.
    """
    pager = _pager_command()
    process = None
    if pager is not None:
        try:
            process = subprocess.Popen(pager, stdin=subprocess.PIPE, env={"LESS": "FRX", **os.environ})
        except OSError:
            pass
    if process is None:
        write_stdout(text)
        return
    try:
        try:
            with process.stdin as pipe:  # type: ignore[union-attr]  # stdin=PIPE
                pipe.write(text.encode("utf-8"))
        except (OSError, KeyboardInterrupt):
            pass
        while process.poll() is None:
            try:
                process.wait()
            except KeyboardInterrupt:
                pass
    finally:
        _end(process)


def _end(pager: subprocess.Popen) -> None:
    """Terminated (SIGTERM and the like) while the pager runs: end it too, or it would go on reading the
    terminal after timeline has gone, eating the next thing the user types."""
    if pager.poll() is None:
        pager.terminate()
        try:
            pager.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pager.kill()


def _pager_command() -> list[str] | None:
    """$PAGER as words (git's rule: empty or `cat` means none), else less, else more; None when none is found."""
    chosen = os.environ.get("PAGER")
    if os.environ.get("TERM") == "dumb" or (chosen is not None and chosen.strip() in ("", "cat")):
        return None
    try:
        candidates = [shlex.split(chosen)] if chosen is not None else [["less"], ["more"]]
    except ValueError:  # unbalanced quotes in $PAGER
        return None
    for words in candidates:
        found = shutil.which(words[0])
        if found is not None:
            return [found, *words[1:]]
    return None
