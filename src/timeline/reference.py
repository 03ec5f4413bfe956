"""The reference docs that travel with the install, by topic: what `timeline docs TOPIC` prints.

The Markdown files are package data (the package's `docs` folder), so a pip install has them. `codes` is made
when it is read, from the problem-code catalogue in errors.py, through the same table (`codes_table`) as `timeline validate
--codes`, so the page cannot drift from the codes the program reports. Like the renderers, this module returns
text and never prints.
"""

from __future__ import annotations

from .errors import FileAccessError, UsageError, codes_table, shown

__all__ = ["TOPICS", "read"]

# topic -> what it covers, in the order `timeline docs` lists them.
TOPICS: dict[str, str] = {
    "format": "the event file: every key of the registries, events, citations and disputes",
    "mistakes": "YAML syntax mistakes (indentation, colons, quotes): what each message means, and the fix",
    "dates": "EDTF dates: every form accepted, how each reads in en and ja, what is refused",
    "order": "the one order of events in every output, `after:`, and how --from/--to read open dates",
    "times": "times of day: how each language shows them, --tz, typing them in --from/--to, every output",
    "normalize": "the canonical form `timeline normalize` writes, and its safety checks",
    "chronology": "Markdown chronologies: sections, footnoted sources, where coarse dates go",
    "html": "the web chronology: the page, the fragment for a CMS, and how to restyle it",
    "json": "JSON, JSON Lines and CSV output of `list`, `show` and the registries",
    "export": "`timeline export`: TimelineJS, iCalendar, SQLite for Datasette, Mermaid; each mapping and what it loses",
    "import": "`timeline import`: TimelineJS sheets and JSON, and any CSV; the mapping, what is flagged and lost",
    "diff": "`timeline diff`: what changed between two files or git revisions, by id; paths, words and exit codes",
    "corrections": "corrections, clarifications and updates: the format, how every output shows them, drafts, checks",
    "add": "`timeline add`: an event from flags or answers, written in its place with nothing else changed",
    "internal": "notes for the newsroom only and private sources: withheld from every output unless --internal",
    "ci": "checking event data in CI: pre-commit, GitHub Actions, SARIF, a shell script",
    "verify": "how `verify` matches a quote to its article, and how it says what differs",
    "codes": "every problem code `validate` and `verify` report, with its severity",
}


def read(topic: str) -> str:
    """The Markdown of one topic. UsageError for an unknown topic, naming the closest and all of them."""
    name = topic.strip().lower().removesuffix(".md")
    if name not in TOPICS:
        message, hint = _unknown(topic)
        raise UsageError(message, hint=hint)
    if name == "codes":
        return _codes()
    from importlib.resources import files

    try:
        text = (files("timeline") / "docs" / f"{name}.md").read_text(encoding="utf-8")
    except OSError as error:  # a damaged install; the topic itself exists
        raise FileAccessError(f"cannot read the '{name}' docs: {error.strerror or error}; reinstall timeline") from None
    return _without_comments(text)


def _without_comments(markdown: str) -> str:
    """The page as a reader sees it: HTML comments are notes for this repository's tests (`<!-- ci-shell: ... -->`
    marks the block a test runs), which mean nothing after a pip install."""
    import re

    return re.sub(r"<!--.*?-->\n?", "", markdown, flags=re.S)


def _unknown(topic: str) -> tuple[str, str]:
    """The message and hint for a topic that is not one: the closest (names.suggest, the one matcher), then all."""
    from .names import suggest

    close = suggest(topic.lower().removesuffix(".md"), TOPICS)
    guess = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown docs topic '{shown(topic)}'", f"{guess}topics: {', '.join(TOPICS)}"


def _codes() -> str:
    return (
        "# Problem codes\n\n"
        "`timeline validate` and `timeline verify` report each problem as\n"
        "`FILE:LINE:COL: SEVERITY[CODE]: message`, with a hint on the next line. Errors always fail; warnings fail\n"
        "under `--strict`; notices never fail. Codes are stable: they are only ever added, never renamed, so CI\n"
        "scripts and editors can match on them. `timeline validate --codes` prints the same list.\n\n"
        "```text\n" + codes_table() + "```\n"
    )
