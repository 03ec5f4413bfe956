"""The fast path: a plainly valid event built without preparing a single message.

Nearly every event of a real file is valid, and `Checker.event` spends most of its time preparing messages it
will not need. `plain_event` accepts only what `event` accepts without a single problem (error, warning or
notice), builds the same Event and records the same ids and references; anything unusual (disputes, a
suspicious character, a duplicate reference, a key out of place) makes it give up before changing any state.
tests/test_fastpath.py checks the two paths agree (it turns FAST_PATH off to compare them).
"""

from __future__ import annotations

from itertools import repeat
from typing import TYPE_CHECKING

from ..dates import DateError, parse_edtf
from ..format import BILINGUAL, CITATION_KEYS, EVENT_KEYS, STATUSES, SUSPICIOUS, is_id
from ..load import YMap, YSeq, unpack_position
from ..model import Citation, Event, Text, Where

if TYPE_CHECKING:
    from .checker import Checker

FAST_PATH = True  # tests turn it off to compare both paths
# An event placed with `after:`, corrected, or carrying a newsroom note is rare: `event` checks it.
_EVENT_KEYS = frozenset(EVENT_KEYS) - {"after", "corrections", "internal"}
_PAIR_KEYS = frozenset(BILINGUAL)
_CITATION_KEYS = frozenset(CITATION_KEYS)


def plain_event(checker: Checker, node: YMap, order: int) -> Event | None:
    """The event, built with no check reported, when it is plainly valid; else None, and `checker.event` then
    checks it from scratch and says what is wrong."""
    get, clean = node.get, checker.clean
    if not _EVENT_KEYS.issuperset(node):  # a loaded mapping's keys are those of keys_at
        return None
    event_id, date_text = get("id"), get("date")
    if not is_id(event_id):
        return None
    date_text = _plain_text(date_text, clean)
    if date_text is None:
        return None
    try:
        date = parse_edtf(date_text)
    except DateError:
        return None
    if date.start is not None and date.start.time is not None and date.start.zone is None:
        return None  # a time without a zone: the file's `timezone` gives it one, or `checker.event` refuses it
    status = get("status")
    if status is not None:
        status = _plain_text(status, clean)
        if status not in STATUSES:
            return None
    title, summary, notes = _plain_pair(get("title"), clean), _plain_pair(get("summary"), clean), get("notes")
    if title is None or summary is None or (notes is not None and (notes := _plain_pair(notes, clean)) is None):
        return None
    if "\n" in title.ja or "\n" in title.en:  # `event` reports a line break in a title
        return None
    topics_node, actors_node = get("topics"), get("actors")
    topics = _plain_ids(topics_node)
    if not topics or (actors_node is not None and (actors := _plain_ids(actors_node)) is None):
        return None
    disputes = get("disputes")
    if disputes is not None and (disputes.__class__ is not YSeq or disputes):
        return None
    built = _plain_citations(get("citations"), clean)
    if built is None:
        return None
    # Valid: record what `event` would have recorded, in the same order (positions packed: see references).
    file, references = checker.file, checker.references
    checker.event_ids.append((event_id, _where(file, node, "id")))
    references.extend([("source", source, cited.packed("source")[1]) for source, _, cited in built])
    references.extend(zip(repeat("topic"), topics, topics_node.packed))
    if actors_node:
        references.extend(zip(repeat("actor"), actors, actors_node.packed))
    cited = tuple([Citation(source, quote, _where(file, node, "quote")) for source, quote, node in built])
    return Event(event_id, date, title, summary, topics, tuple(actors_node) if actors_node else (), cited,
                 status or "happened", notes, (), Where(file, node.line, node.column), order)


def _plain_citations(citations: object, clean: bool) -> list[tuple[str, str, YMap]] | None:
    """(source, quote, mapping) of each citation when `citations` would accept them all without a word."""
    if citations.__class__ is not YSeq or not citations:
        return None
    built = []
    for citation in citations:
        if citation.__class__ is not YMap or len(citation) != 2 or not _CITATION_KEYS.issuperset(citation):
            return None
        source, quote = citation["source"], _plain_text(citation["quote"], clean)
        if not is_id(source) or quote is None:
            return None
        built.append((source, quote, citation))
    return built


def _plain_text(value: object, clean: bool) -> str | None:
    """The stripped text when `text` would accept it without a word (in any of its modes), else None.
    `clean`: the file is known to hold no character the text checks look for (ValueChecks.clean)."""
    if value.__class__ is not str:
        return None
    stripped = value.strip()
    if not stripped or (not clean and SUSPICIOUS.search(value)):
        return None
    return stripped


def _plain_pair(value: object, clean: bool) -> Text | None:
    """The Text when `bilingual` would accept the mapping without a word, else None."""
    if value.__class__ is not YMap or len(value) != 2 or not _PAIR_KEYS.issuperset(value):
        return None
    ja, en = _plain_text(value["ja"], clean), _plain_text(value["en"], clean)
    return None if ja is None or en is None else Text(ja, en)


def _where(file: str, node: YMap, key: str) -> Where:
    """The Where of the value of `key` (without building the mapping's values_at)."""
    line, column = unpack_position(node.packed(key)[1])
    return Where(file, line, column)


def _plain_ids(value: object) -> tuple[str, ...] | None:
    """The ids when `id_list` would accept the list without a word, else None."""
    if value.__class__ is not YSeq:
        return None
    for item in value:
        if not is_id(item):
            return None
    ids = tuple(value)
    return ids if len(set(ids)) == len(ids) else None
