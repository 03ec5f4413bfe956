"""TimelineJS headline and text cells hold HTML: reduced here to the text a reader sees, and the links in it.

Tags are dropped and their text kept, entities decoded (`&amp;` is `&`, with html.unescape), block ends and
`<br>` become line breaks, and what a browser never shows (`<script>`, `<style>`, comments) is left out. A link's
address is kept only when it is http(s): the links become candidate sources.

The cell is read in one pass, each `<` looked at once against the next `>` (found once for all the `<` before
it): html.parser rescans an unclosed tag or comment from every later `<`, which made a 25 KB cell of `<a ` take
seconds. A `<` that starts no tag (`a < b`, an unclosed `<!--`) is text, as html.parser leaves it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["Reduced", "reduce_html"]

_BREAKS = frozenset(("br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"))
_HIDDEN = frozenset(("script", "style", "template", "noscript"))
_WEB = re.compile(r"https?://\S+\Z", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


@dataclass(frozen=True, slots=True)
class Reduced:
    """A cell's text without its markup, its http(s) links in order (no repeats), and whether it had tags or
    entities at all (`had_markup`) and links that are not http(s) (`refused`)."""

    text: str
    links: tuple[str, ...] = ()
    had_markup: bool = False
    refused: tuple[str, ...] = ()

    @property
    def line(self) -> str:
        """The text on one line, as a title must be (validate refuses a break in one): each run of whitespace,
        line breaks from `<br>` and `<p>` or typed in the cell included, one space."""
        return " ".join(self.text.split())


_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>\Z")
_DECLARATION = re.compile(r"<[!?][^>]*>\Z")
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def reduce_html(cell: str) -> Reduced:
    """The text of an HTML cell (`<b>Trump</b> &amp; Musk` -> `Trump & Musk`), its http(s) links, and what
    was refused. Plain text passes through with its spacing tidied."""
    if "<" not in cell and "&" not in cell:
        return Reduced(_tidy(cell))
    parts, links, refused = [], [], []
    tags = hidden = 0
    at, gt, close = 0, -1, -1  # the next `>` and `-->`, each found once for all the `<` before it
    while (lt := cell.find("<", at)) >= 0:
        if not hidden:
            parts.append(html.unescape(cell[at:lt]))
        if cell.startswith("<!--", lt) and close != len(cell):
            if close < lt + 4:
                close = cell.find("-->", lt + 4) % (len(cell) + 1)  # not found: len(cell), never looked for again
            if close < len(cell):
                tags, at = tags + 1, close + 3
                continue
        if gt < lt:
            gt = cell.find(">", lt)
            if gt < 0:  # no `>` after this `<`: no tag is left in the cell
                at = lt
                break
        tag = _TAG.match(cell, lt, gt + 1)
        if tag is None and _DECLARATION.match(cell, lt, gt + 1) is None:
            if not hidden:
                parts.append("<")
            at = lt + 1
            continue
        tags, at = tags + 1, gt + 1
        if tag is not None:
            hidden = _tag(tag, hidden, parts, links, refused)
    if not hidden:
        parts.append(html.unescape(cell[at:]))
    text = _tidy("".join(parts))
    had_markup = tags > 0 or text != _tidy(cell)
    return Reduced(text, tuple(dict.fromkeys(links)), had_markup, tuple(refused))


def _tag(tag: re.Match, hidden: int, parts: list[str], links: list[str], refused: list[str]) -> int:
    """Take one tag into account: a line break, a link, the start or end of what is hidden; the new hidden depth."""
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    if name in _HIDDEN:
        return max(0, hidden - 1) if closing else hidden + 1
    if name in _BREAKS and not hidden:
        parts.append("\n")
    if name == "a" and not closing and (href := _HREF.search(tag.group(3))):
        address = html.unescape(next(group for group in href.groups() if group is not None)).strip()
        if _WEB.match(address):
            links.append(address)
        elif address:
            refused.append(address)
    return hidden


def _tidy(text: str) -> str:
    """Runs of spaces as one space, line breaks kept (no blank lines), no spaces at either end."""
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()
