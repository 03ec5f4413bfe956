"""The public view of a timeline: the one place that strips what is for the newsroom only.

A file may hold notes that must never reach print: `internal:` on events and sources, and sources marked
`private: true` (an unnamed or confidential source, whose identity is the secret). Every output command shows
`public(timeline)` unless run with `--internal`; renderers then never meet an internal field at all.

A private source is replaced by a withheld placeholder: an opaque id (`withheld-1`, numbered in the registry's
order, so the id cannot name the person; placeholders come after every public source in the registry), "Unnamed source" / 「匿名の情報源」 for a publisher, no headline,
address, archive file or byline, and the words quoted from it replaced by "quote withheld" / 「引用は非公開」.
Its date and language stay: "an unnamed source, Jan. 27" is how a newsroom cites one.

`redact(problems, timeline)` does the same for validate's and verify's problems: a message or hint that quotes
an internal note or anything that identifies a private source is replaced by one that says so (position and
code are kept, so the editor can find it). `withhold(problems, ...)` is what every command's problems go through
(cli/app.py's error contract, validate, verify, diff's sides): it also withholds a problem located inside an
internal note, a private source's entry or a citation of it (`withheld_spans`, from the file's values), whatever
it quotes. `marked(timeline)` is the --internal view: each private source and source note marked beside its
publisher. `timeline docs internal` is the reader's description.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import sys
from collections.abc import Iterable, Sequence

from .errors import Problem
from .format import SOURCE, TOP
from .model import Citation, Claim, Correction, Dispute, Event, Source, Timeline
from .reader.nodes import YMap, YSeq, pack_position

__all__ = ["BANNER", "NOTE_MARK", "NOTICE", "PRIVATE_MARK", "QUOTE_WITHHELD", "UNNAMED_SOURCE", "WITHHELD_PREFIX", "Withheld", "has_internal", "marked", "public",
           "RawSecrets", "redact", "secrets", "secrets_in_values", "withhold", "withheld_spans"]

WITHHELD_PREFIX = "withheld"
UNNAMED_SOURCE = {"en": "Unnamed source", "ja": "匿名の情報源"}
QUOTE_WITHHELD = {"en": "quote withheld", "ja": "引用は非公開"}
BANNER = {"en": "INTERNAL — not for publication", "ja": "社内用・公開不可"}
# The --internal line on stderr, after BANNER, in the output's language.
NOTICE = {"en": "this output includes any internal notes and private sources",  # "any": a file may have none
          "ja": "この出力には社内メモと非公表の情報源があればすべて含まれる"}
# Beside a private source wherever an --internal output names it: a draft pasted into a CMS must not name it.
PRIVATE_MARK = {"en": "[private source: do not name]", "ja": "［非公表の情報源：名前を出さない］"}
NOTE_MARK = {"en": "[internal note: {}]", "ja": "［社内メモ：{}］"}
# Not "run with --internal": normalize, add and import have no such option; validate has it for every file.
_REDACTED = ("details withheld: this is inside an internal note or a private source "
             "(`timeline validate --internal` shows them)")


class Withheld:
    """Private source id -> its placeholder id, numbered in the order asked. One numbering may be shared by two
    timelines (`diff`), so that the same source has the same placeholder on both sides."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()  # ids of public sources, which a placeholder must not take

    def __call__(self, source_id: str) -> str:
        placeholder = self.ids.get(source_id)
        if placeholder is None:
            used, number = self.taken | set(self.ids.values()), len(self.ids) + 1
            while f"{WITHHELD_PREFIX}-{number}" in used:
                number += 1
            placeholder = self.ids[source_id] = f"{WITHHELD_PREFIX}-{number}"
        return placeholder


def public(timeline: Timeline, *, lang: str = "en", withheld: Withheld | None = None) -> Timeline:
    """`timeline` as it may be published: every `internal` note dropped, every private source withheld (see the
    module's docstring). `lang` is the language of the placeholder words; `withheld` a numbering to share."""
    withheld = withheld or Withheld()
    withheld.taken |= {source_id for source_id, source in timeline.sources.items() if not source.private}
    private = {source_id: withheld(source_id) for source_id, source in timeline.sources.items() if source.private}
    # The placeholders come after every public source: in the registry's order, a placeholder's place among the
    # ids (asahi-..., withheld-1, wire-...) would tell the hidden id's alphabetical place.
    sources = {source_id: _without_note(source) for source_id, source in timeline.sources.items()
               if not source.private}
    sources |= {private[source_id]: _placeholder(source, private[source_id], lang)
                for source_id, source in timeline.sources.items() if source.private}
    events = tuple(_event(event, private, lang) for event in timeline.events)
    return dataclasses.replace(timeline, sources=sources, events=events)


def marked(timeline: Timeline, *, lang: str = "en") -> Timeline:
    """`timeline` for an --internal output: each private source's publisher followed by PRIVATE_MARK, and each
    source's `internal:` note by NOTE_MARK, so that every output naming a source (a footnote, `show`, the sources
    table, HTML) says it must not be named and why, and a draft pasted into a CMS carries the warning with it."""
    if not any(source.private or source.internal for source in timeline.sources.values()):
        return timeline
    sources = {source_id: _marked(source, lang) for source_id, source in timeline.sources.items()}
    return dataclasses.replace(timeline, sources=sources)


def _marked(source: Source, lang: str) -> Source:
    words = [source.publisher]
    if source.private:
        words.append(PRIVATE_MARK.get(lang, PRIVATE_MARK["en"]))
    if source.internal:
        words.append(NOTE_MARK.get(lang, NOTE_MARK["en"]).format(source.internal))
    space = "" if lang == "ja" else " "  # full-width brackets stand without a space in Japanese
    return dataclasses.replace(source, publisher=space.join(words)) if len(words) > 1 else source


def _without_note(source: Source) -> Source:
    return source if source.internal is None else dataclasses.replace(source, internal=None)


def _placeholder(source: Source, placeholder: str, lang: str) -> Source:
    return Source(placeholder, UNNAMED_SOURCE.get(lang, UNNAMED_SOURCE["en"]), None, source.published,
                  source.language, private=True)


def _event(event: Event, private: dict[str, str], lang: str) -> Event:
    if event.internal is None and not private:
        return event
    citations = tuple(_citation(citation, private, lang) for citation in event.citations)
    disputes = tuple(_dispute(dispute, private, lang) for dispute in event.disputes)
    corrections = tuple(_correction(correction, private) for correction in event.corrections)
    return dataclasses.replace(event, citations=citations, disputes=disputes, corrections=corrections,
                               internal=None)


def _citation(citation: Citation, private: dict[str, str], lang: str) -> Citation:
    if citation.source not in private:
        return citation
    return Citation(private[citation.source], QUOTE_WITHHELD.get(lang, QUOTE_WITHHELD["en"]), citation.where)


def _dispute(dispute: Dispute, private: dict[str, str], lang: str) -> Dispute:
    claims = tuple(Claim(claim.says, _citation(claim.citation, private, lang), claim.date) for claim in dispute.claims)
    return dataclasses.replace(dispute, claims=claims)


def _correction(correction: Correction, private: dict[str, str]) -> Correction:
    if correction.source not in private:
        return correction
    return dataclasses.replace(correction, source=private[correction.source])


def has_internal(timeline: Timeline) -> bool:
    """Whether the timeline holds anything `public` would strip (an internal note or a private source)."""
    return any(source.internal is not None or source.private for source in timeline.sources.values()) or \
        any(event.internal is not None for event in timeline.events)


def secrets(timeline: Timeline) -> set[str]:
    """Every text that `public` withholds: internal notes, and each private source's id, publisher, headline,
    address, archive file, byline and the quotes cited from it."""
    found = {source.internal for source in timeline.sources.values()}
    found |= {event.internal for event in timeline.events}
    private = {source_id for source_id, source in timeline.sources.items() if source.private}
    for source_id in private:
        source = timeline.sources[source_id]
        found |= {source.id, source.publisher, source.title, source.url, source.archive, source.author}
    for event in timeline.events:
        found |= {citation.quote for citation in event.all_citations() if citation.source in private}
    return {text for text in found if text}


_IDENTIFYING = ("id", "publisher", "title", "url", "archive", "author", "internal")  # what names a private source


def secrets_in_values(roots: Iterable[object], private: Iterable[str] = ()) -> set[str]:
    """`secrets` from a file's raw values, for a file too broken to make a Timeline: every `internal:` text, the
    identifying fields of a mapping that says `private:` (and the key naming it), and each `quote` beside a
    `source` naming one (or one of the `private` ids known otherwise). Not its date or language: they are shown,
    and "en" would match half of every message."""
    found: set[str] = set()
    private = set(private)
    quoting: list[dict] = []
    for root in roots:
        _walk(root, None, found, private, quoting)
    found |= {str(node["quote"]) for node in quoting if str(node.get("source")) in private and node.get("quote")}
    return {text for text in found if text}


def _is_private(node: object) -> bool:
    # Errs towards withholding: a `private:` with any value but false counts.
    return isinstance(node, dict) and node.get("private") not in (None, False, "false")


def _walk(node: object, key: object, found: set[str], private: set[str], quoting: list[dict]) -> None:
    if isinstance(node, dict):
        if node.get("internal") is not None:
            found.add(str(node["internal"]))
        if _is_private(node):
            found |= {str(node[name]) for name in _IDENTIFYING if isinstance(node.get(name), str)}
            found |= {str(key)} if key is not None else set()
            private.add(str(key) if key is not None else str(node.get("id")))
        if "source" in node and "quote" in node:
            quoting.append(node)
        for child_key, child in node.items():
            _walk(child, child_key, found, private, quoting)
    elif isinstance(node, list):
        for child in node:
            _walk(child, None, found, private, quoting)


# -- withholding by position: a problem inside an internal note or a private source says nothing of it ----------

def withheld_spans(root: object) -> list[tuple[int, int]]:
    """The packed (reader/nodes.py) [start, end) ranges of a file's values that are secret: each `internal:` key
    and its value, each mapping that says `private:` (from the key or item naming it), and each citation of a
    private source. A range ends where the next value of the file begins."""
    private: set[str] = set()
    quoting: list[dict] = []
    _walk(root, None, set(), private, quoting)
    starts: list[tuple[int, int, object]] = []
    _secret_nodes(root, private, starts)
    if not starts:
        return []
    everywhere = sorted(_positions(root))
    spans = []
    for start, value_at, value in starts:  # value_at: where a scalar value begins (it has no positions inside)
        last = max([start, value_at, *_positions(value)])
        end = bisect.bisect_right(everywhere, last)
        spans.append((start, everywhere[end] if end < len(everywhere) else sys.maxsize))
    return spans


def _secret_nodes(node: object, private: set[str], found: list[tuple[int, int, object]]) -> None:
    if isinstance(node, YMap):
        for key, value in node.items():
            packed = node.packed(key)
            if packed is not None and _secret(key, value, private):
                found.append((packed[0], packed[1], value))
            else:
                _secret_nodes(value, private, found)
    elif isinstance(node, YSeq):
        for packed, value in zip(node.packed, node):
            if _secret(None, value, private):
                found.append((packed, packed, value))
            else:
                _secret_nodes(value, private, found)


def _secret(key: object, value: object, private: set[str]) -> bool:
    if key == "internal":
        return value is not None
    return _is_private(value) or (isinstance(value, dict) and "source" in value and str(value["source"]) in private)


def _positions(node: object) -> Iterable[int]:
    if isinstance(node, (YMap, YSeq)):
        yield from (item for item in node._at if item.__class__ is int)
        for child in (node.values() if isinstance(node, YMap) else node):
            yield from _positions(child)


def withhold(problems: Sequence[Problem], timeline: Timeline | None = None,
             datas: dict[str, bytes] | None = None, files: Iterable[str] = ()) -> list[Problem]:
    """The problems as an output without --internal may show them, whatever command found them: each one located
    inside a secret value of its file (withheld_spans) or quoting a secret (redact) says only that details were
    withheld. The files are read again, every one read together (`files`: a source made private in one file hides
    a problem about it in another), `datas` holding bytes that are no file on disk (a git revision)."""
    if not problems or (timeline is not None and not has_internal(timeline)):
        return list(problems)
    unread = {problem.file for problem in problems if problem.code == "too-large"}  # never parsed: nothing to quote
    roots, texts = _roots(dict.fromkeys([*files, *(problem.file for problem in problems)]).keys() - unread,
                          datas or {})
    spans = {name: withheld_spans(root) for name, root in roots.items()}
    # A syntax error's unit was cut out before its values were read: where it stands, only the text can tell, and a
    # private source's entry cut out in one file still makes its quotes secret in another.
    broken = {problem.file for problem in problems if problem.code == "syntax"} & texts.keys()
    written = {name: RawSecrets.of(texts[name]) for name in broken}
    private = {str(key) for root in roots.values() for key in _private_ids(root)}
    private |= {entry for raw in written.values() for entry in raw.private}
    lines = {name: raw.lines(private) for name, raw in written.items()}
    known = secrets_in_values(roots.values(), private) | {text for raw in written.values() for text in raw.texts}
    # By the values' positions too, but not for a syntax error: there the values around a cut reach over it.
    kept = [_redacted(problem) if problem.line in lines.get(problem.file, ()) or (
        problem.code != "syntax" and _inside(problem, spans.get(problem.file, ()))) else problem for problem in problems]
    return redact(kept, timeline, known)


def _private_ids(root: object) -> set[str]:
    private: set[str] = set()
    _walk(root, None, set(), private, [])
    return private


def _roots(names: Iterable[str], datas: dict[str, bytes]) -> tuple[dict[str, object], dict[str, str]]:
    """Each file's values (as far as they can be read) and its text."""
    from .errors import TimelineError
    from .load import load_bytes
    from .reader.decode import read_again

    roots, texts = {}, {}
    for name in names:
        try:
            data = datas.get(name)
            if data is None:  # a pipe gives what it gave the first time (read_again)
                data = read_again(name)
            if data is not None:
                texts[name] = data.decode("utf-8", "replace")
                roots[name] = load_bytes(data, name).root
        except (TimelineError, OSError, ValueError):
            continue  # not readable now: the text match of redact still applies
    return roots, texts


# Where a key stands on a line as written: at its start (after any white space, a tab too, and a list's dash) or
# inside a flow mapping (`{private: true, ...}`, `- {source: x, quote: ...}`).
_KEY_AT = r"""(?:^[ \t\u3000]*(?:-[ \t]+)?|[{,][ \t]*)["']?"""
_PRIVATE_KEY = re.compile(_KEY_AT + r"""private["']?[ \t]*:(?![ \t]*["']?(?:false|False|FALSE)["']?[ \t]*(?:[,}#]|$))""")
_INTERNAL_KEY = re.compile(_KEY_AT + r"""internal["']?[ \t]*:""")
_SOURCE_KEY = re.compile(_KEY_AT + r"""source["']?[ \t]*:[ \t]*(?:&\S+[ \t]+)?["']?([^"'\s#,}]*)""")
_VALUE = re.compile(r"""[ \t]*(?:-[ \t]+)?["']?([^"':#]+?)["']?[ \t]*:[ \t]*(.*)$""")  # key: value, on one line
_ENTRY_FIELDS = frozenset(SOURCE.names)  # the keys of a source's entry, which no entry's id line is


@dataclasses.dataclass(frozen=True)
class RawSecrets:
    """What a file's text, as written, tells of its secrets where YAML could not read it (a syntax error's unit is
    cut out before its values are read): the lines of each entry that says `private:` (with its id, and the words
    of its lines, which a problem elsewhere may quote), and those of each `internal:` note, with the lines that go
    on with it. Errs towards withholding: a `private:` with any value but false counts."""

    text_lines: tuple[str, ...]
    private_lines: frozenset[int]
    private: frozenset[str]
    texts: frozenset[str]

    @classmethod
    def of(cls, text: str) -> RawSecrets:
        from .reader.stops import yaml_lines
        from .reader.units import Layout, indentation

        lines = yaml_lines(text)
        found: set[int] = set()
        ids: set[str] = set()
        words: set[str] = set()
        layout = None
        for number, line in enumerate(lines, 1):
            if not _PRIVATE_KEY.search(line):
                continue
            layout = layout or Layout(lines)
            unit = layout.unit_of(number)
            first = _entry_start(lines, number, indentation)
            span = range(min(unit.start, first), max(unit.end, number + 1))
            found.update(span)
            for index in span:  # what identifies the source, as secrets_in_values takes it (not its date, language)
                value = _VALUE.match(lines[index - 1])
                if value and value.group(1).strip() in _IDENTIFYING:
                    words.add(value.group(2).split(" #")[0].strip(" \t\"'"))
            if unit.entry:
                ids.add(unit.entry)
            value = _VALUE.match(lines[first - 1])
            if value and not value.group(2):
                ids.add(value.group(1).strip())
        words |= ids
        return cls(tuple(lines), frozenset(found), frozenset(ids), frozenset(word for word in words if len(word) > 2))

    def lines(self, private: set[str]) -> set[int]:
        """The 1-based numbers of the secret lines: the private entries', each internal note's, and each citation
        of a private source (`private`: every id known to be private, in any file read with this one)."""
        from .reader.units import indentation

        lines, found = self.text_lines, set(self.private_lines)
        for number, line in enumerate(lines, 1):
            source = _SOURCE_KEY.search(line)
            named = source.group(1) if source else ""
            if source and not named:  # `source:` with its id on the next line
                named = next((text.strip().strip("\"'") for text in lines[number:] if text.strip()), "")
            if not (_INTERNAL_KEY.search(line) or (source and named in private)):
                continue
            first = number
            while source and not lines[first - 1].lstrip().startswith("-") and first > 1 and (
                    _blank(lines[first - 2]) or indentation(lines[first - 2]) >= indentation(line) - 2):
                first -= 1  # a citation's lines above its `source:` (its `- quote:`, a blank line), to its dash
            level = indentation(lines[first - 1])
            last = number
            while last < len(lines) and (not lines[last].strip() or indentation(lines[last]) > level):
                last += 1  # the lines that go on with it, or with the citation
            found.update(range(first, last + 1))
        return found


def _entry_start(lines: list[str], number: int, indentation) -> int:
    """The line of the id of the entry holding the `private:` on line `number`, as written: up past the lines less
    indented that are keys of an entry (`published:` written two spaces short stood between them once)."""
    level, at = indentation(lines[number - 1]), number
    for index in range(number - 1, 0, -1):
        line = lines[index - 1]
        if _blank(line) or indentation(line) >= level:
            continue
        value = _VALUE.match(line)
        key = value.group(1).strip() if value else ""
        if indentation(line) == 0 and key not in TOP.names:
            continue  # a stray line in column 1 (`x: y`): the entry goes on above it
        at = index
        if indentation(line) == 0 or key not in _ENTRY_FIELDS:
            break
        level = indentation(line) + 1
    return at


def _blank(line: str) -> bool:
    """An empty line, or a comment alone."""
    return not line.strip() or line.lstrip().startswith("#")


def _inside(problem: Problem, spans: Iterable[tuple[int, int]]) -> bool:
    at = pack_position(max(problem.line, 1), max(problem.column, 1))
    return any(start <= at < end for start, end in spans)


def redact(problems: Sequence[Problem], timeline: Timeline | None, known: Iterable[str] = ()) -> list[Problem]:
    """The problems with every message or hint that quotes a secret of `timeline` (or one of `known`) replaced by
    words that say details were withheld; position, code and severity are kept."""
    hidden = (secrets(timeline) if timeline is not None else set()) | set(known)
    if not hidden:
        return list(problems)
    return [_redacted(problem) if _quotes(problem, hidden) else problem for problem in problems]


def _quotes(problem: Problem, hidden: set[str]) -> bool:
    # Whole words only, and never a text of one or two characters: "en" is in half of every message.
    return any(_quoted(text, problem.message) or _quoted(text, problem.hint) for text in hidden if len(text) > 2)


def _quoted(text: str, said: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", said) is not None


def _redacted(problem: Problem) -> Problem:
    return dataclasses.replace(problem, message=_REDACTED, hint="")
