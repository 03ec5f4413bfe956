"""The fast path: a plainly valid event built without preparing a single message.

Nearly every event of a real file is valid, and `Checker.event` spends most of its time preparing messages it
will not need. `plain_event` accepts only what `event` accepts without a single problem (error, warning or
notice), builds the same Event and records the same ids and references; anything unusual (a correction, a
suspicious character, a duplicate reference, a key out of place) makes it give up before changing any state.
tests/test_fastpath.py checks the two paths agree (it turns FAST_PATH off to compare them).
"""

from __future__ import annotations

from itertools import repeat
from typing import TYPE_CHECKING

from ..dates import DateError, EventDate, parse_edtf
from ..format import (BILINGUAL, CITATION_KEYS, CLAIM_KEYS, DISPUTE_KEYS, EVENT_KEYS, MIN_CLAIMS, STATUSES, SUSPICIOUS,
                      is_id)
from ..load import YMap, YSeq, unpack_position
from ..model import Citation, Claim, Dispute, Event, Text, Where
from .values import ESCAPED

if TYPE_CHECKING:
    from .checker import Checker

FAST_PATH = True  # tests turn it off to compare both paths
# An event placed with `after:`, corrected, or carrying a newsroom note is rare: `event` checks it.
_EVENT_KEYS = frozenset(EVENT_KEYS) - {"after", "corrections", "internal"}
_PAIR_KEYS = frozenset(BILINGUAL)
_CITATION_KEYS = frozenset(CITATION_KEYS)
_DISPUTE_KEYS = frozenset(DISPUTE_KEYS)
_CLAIM_KEYS = frozenset(CLAIM_KEYS)


def plain_event(checker: Checker, node: YMap, order: int) -> Event | None:
    """The event, built with no check reported, when it is plainly valid; else None, and `checker.event` then
    checks it from scratch and says what is wrong."""
    get, clean = node.get, checker.clean
    if not _EVENT_KEYS.issuperset(node):  # a loaded mapping's keys are those of keys_at
        return None
    event_id, date_text = get("id"), get("date")
    if not is_id(event_id):
        return None
    date = _plain_date(date_text, clean)
    if date is None:
        return None
    status = get("status")
    if status is not None:
        status = _plain_text(status, clean)
        if status not in STATUSES:
            return None
    title, summary, notes = _plain_pair(get("title"), clean), _plain_pair(get("summary"), clean), get("notes")
    if title is None or summary is None or (notes is not None and (notes := _plain_pair(notes, clean)) is None):
        return None
    topics_node, actors_node = get("topics"), get("actors")
    topics = _plain_ids(topics_node)
    if not topics or (actors_node is not None and (actors := _plain_ids(actors_node)) is None):
        return None
    disputes = get("disputes")
    if disputes is not None and (disputes.__class__ is not YSeq or (disputes := _plain_disputes(disputes, clean)) is None):
        return None
    built = _plain_citations(get("citations"), clean)
    if built is None:
        return None
    # Valid: record what `event` would have recorded, in the same order (positions packed: see references).
    file, references = checker.file, checker.references
    checker.event_ids.append((event_id, _where(file, node, "id")))
    references.extend([("source", source, cited.packed("source")[1]) for source, _, cited in built])
    if disputes:
        references.extend([("source", source, claim.packed("source")[1])
                           for _, _, claims, _ in disputes for _, source, _, _, claim in claims])
    references.extend(zip(repeat("topic"), topics, topics_node.packed))
    if actors_node:
        references.extend(zip(repeat("actor"), actors, actors_node.packed))
    cited = tuple([Citation(source, quote, _where(file, node, "quote")) for source, quote, node in built])
    return Event(event_id, date, title, summary, topics, tuple(actors_node) if actors_node else (), cited,
                 status or "happened", notes, _disputes(file, disputes) if disputes else (),
                 Where(file, node.line, node.column), order)


def _plain_disputes(disputes: YSeq, clean: bool) -> list | None:
    """(about, note, claims, packed position) of each dispute, each claim (says, source, quote, date, mapping),
    when `disputes` would accept them all without a word, else None."""
    built = []
    for dispute, packed in zip(disputes, disputes.packed):
        if dispute.__class__ is not YMap or not _DISPUTE_KEYS.issuperset(dispute):
            return None
        about, note, claims = dispute.get("about"), dispute.get("note"), dispute.get("claims")
        if not is_id(about) or (note is not None and (note := _plain_pair(note, clean)) is None):
            return None
        if claims.__class__ is not YSeq or len(claims) < MIN_CLAIMS:
            return None
        plain_claims = []
        for claim in claims:
            if claim.__class__ is not YMap or not _CLAIM_KEYS.issuperset(claim) or len(claim) < 3:
                return None
            says, source, quote = _plain_pair(claim.get("says"), clean), claim.get("source"), claim.get("quote")
            if says is None or "\n" in says.ja or "\n" in says.en or not is_id(source):
                return None
            quote, date = _plain_text(quote, clean), claim.get("date")
            if quote is None or (date is None and "date" in claim) or (date is not None and (date := _plain_date(date, clean)) is None):
                return None
            plain_claims.append((says, source, quote, date, claim))
        built.append((about, note, plain_claims, packed))
    return built


def _disputes(file: str, disputes: list) -> tuple[Dispute, ...]:
    """The Disputes of what _plain_disputes accepted."""
    return tuple([Dispute(about, tuple([Claim(says, Citation(source, quote, _where(file, claim, "quote")), date)
                                        for says, source, quote, date, claim in claims]),
                          note, Where(file, *unpack_position(packed)))
                  for about, note, claims, packed in disputes])


def _plain_date(value: object, clean: bool) -> EventDate | None:
    """The date when `date` would accept it without a word, else None."""
    text = _plain_text(value, clean)
    if text is None:
        return None
    try:
        date = parse_edtf(text)
    except DateError:
        return None
    if date.start is not None and date.start.time is not None and date.start.zone is None:
        return None  # a time without a zone: the file's `timezone` gives it one, or `checker.event` refuses it
    return date


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
    if not stripped or "\n" in value or (not clean and (SUSPICIOUS.search(value) or ESCAPED.search(value))):
        return None  # a line break, even one stripped at an end, is `text`'s to judge (it may be a `\n` typed)
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
