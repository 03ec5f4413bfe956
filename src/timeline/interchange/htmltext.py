"""TimelineJS headline and text cells hold HTML: reduced here to the text a reader sees, and the links in it.

With the standard library's html.parser: tags are dropped and their text kept, entities decoded (`&amp;` is
`&`), block ends and `<br>` become line breaks, and what a browser never shows (`<script>`, `<style>`) is left
out. A link's address is kept only when it is http(s): the links become candidate sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

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


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.refused: list[str] = []
        self.hidden = 0
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self.parts.append("\n")
        if tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            if _WEB.match(href):
                self.links.append(href)
            elif href:
                self.refused.append(href)

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def reduce_html(cell: str) -> Reduced:
    """The text of an HTML cell (`<b>Trump</b> &amp; Musk` -> `Trump & Musk`), its http(s) links, and what
    was refused. Plain text passes through with its spacing tidied."""
    if "<" not in cell and "&" not in cell:
        return Reduced(_tidy(cell))
    reader = _Reader()
    reader.feed(cell)
    reader.close()
    text = _tidy("".join(reader.parts))
    had_markup = reader.tags > 0 or text != _tidy(cell)
    return Reduced(text, tuple(dict.fromkeys(reader.links)), had_markup, tuple(reader.refused))


def _tidy(text: str) -> str:
    """Runs of spaces as one space, line breaks kept (no blank lines), no spaces at either end."""
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()
