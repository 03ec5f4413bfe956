"""`timeline html`: the chronology as one self-contained web page (or a fragment to paste into a CMS)."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import command
from .chronology import ForceOption, OutputOption, TitleOption, check_title, publish
from .options import (FilesOption, InternalOption, LangOption, TzOption, internal_notice, load_selected, resolve_files,
                      with_filters)

FragmentOption = Annotated[bool, typer.Option("--fragment", help="Write only the chronology's markup (a <div> with "
                                              "its scoped stylesheet, no script) to paste into a CMS page.")]


@command("html")
@with_filters()
def html_command(
    lang: LangOption,
    tz: TzOption = None,  # set by its callback for the renderers (render/times.py)
    file: FilesOption = None,
    title: TitleOption = None,
    fragment: FragmentOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
    internal: InternalOption = False,
    selection=None,
) -> None:
    """Write the chronology as one HTML page: works offline and without JavaScript, prints well.

    The page holds its stylesheet and script inline (no web fonts, no network), both languages (--lang is the
    one shown first; a button switches), an overview of the dates by topic, and footnoted sources. With
    JavaScript a reader can filter by topic and actor and search both languages. See `timeline docs html`.
    """
    from dataclasses import replace

    from ..fileio import STDOUT, output_destination
    from ..query import resolve_filter
    from ..render.html import HtmlOptions, html_pieces

    options = HtmlOptions(lang=lang.value, title=check_title(title, lang.value), fragment=fragment)
    inputs = resolve_files(file)
    destination = STDOUT if output is None else output
    output_destination(destination, inputs=inputs, force=force)  # refused before the work, not after it
    timeline, events = load_selected(inputs, selection, internal=internal, lang=lang.value)
    internal_notice(internal, lang.value)
    pieces = html_pieces(timeline, events, replace(options, selection=resolve_filter(timeline, selection)))
    publish("html", pieces, events, destination, inputs=inputs, force=force, internal=internal, lang=lang.value)
