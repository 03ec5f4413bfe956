"""The data model: frozen dataclasses, stdlib only, no I/O.

Positions (`where`) are kept for messages but excluded from equality, so two timelines that say the same
thing compare equal however they are laid out in their files (normalize relies on that).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import EventDate, Point

LANGUAGES = ("ja", "en")
ACTOR_KINDS = ("person", "company", "agency", "government", "organization")
STATUSES = ("happened", "scheduled")
CORRECTION_KINDS = ("correction", "clarification", "update")


@dataclass(frozen=True, slots=True)
class Where:
    """A 1-based position in a file."""

    file: str
    line: int
    column: int


NOWHERE = Where("", 0, 0)


def _where() -> Where:
    return field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both languages."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: Text
    where: Where = _where()


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: Text
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    where: Where = _where()


@dataclass(frozen=True, slots=True)
class Source:
    """One published article. `published` is the article's date, never an event's. `title` is the headline as
    published, or None for an article without one (`untitled: true`): outputs then say so in their own language,
    never show a made-up headline."""

    id: str
    publisher: str
    title: str | None
    published: Point
    language: str
    url: str | None = None
    archive: str | None = None
    author: str | None = None
    where: Where = _where()
    internal: str | None = None  # a newsroom-only note: never published unless asked (internal.py)
    private: bool = False  # an unnamed or confidential source: its identity is withheld unless asked (internal.py)

    @property
    def untitled(self) -> bool:
        """Whether the article has no headline."""
        return self.title is None


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim quote from a source that supports an event or a claim."""

    source: str
    quote: str
    where: Where = _where()  # position of the quote text, for verify


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a disagreement between sources."""

    says: Text
    citation: Citation
    date: EventDate | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    about: str
    claims: tuple[Claim, ...]
    note: Text | None = None
    where: Where = _where()


@dataclass(frozen=True, slots=True)
class Correction:
    """A published correction, clarification or update to an event, shown to readers after the entry."""

    date: Point  # when the correction was made (a day, usually)
    kind: str  # one of CORRECTION_KINDS
    text: Text  # what was wrong and what is right, in both languages
    source: str | None = None  # optional: the article that prompted it (a source id)
    where: Where = _where()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: EventDate
    title: Text
    summary: Text
    topics: tuple[str, ...]
    actors: tuple[str, ...]
    citations: tuple[Citation, ...]
    status: str = "happened"
    notes: Text | None = None
    disputes: tuple[Dispute, ...] = ()
    where: Where = _where()
    order: int = field(default=0, compare=False, repr=False)  # position in the input, breaks date ties
    after: tuple[str, ...] = ()  # ids of the events this one comes after (`after:`; order.py)
    corrections: tuple[Correction, ...] = ()  # published corrections, oldest first as written
    internal: str | None = None  # a newsroom-only note: never published unless asked (internal.py)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source the event rests on (citations and dispute claims), first use first."""
        seen = dict.fromkeys(c.source for c in self.citations)
        for dispute in self.disputes:
            seen.update(dict.fromkeys(claim.citation.source for claim in dispute.claims))
        return tuple(seen)

    def all_citations(self) -> tuple[Citation, ...]:
        """The event's citations followed by those of its dispute claims."""
        claims = tuple(claim.citation for d in self.disputes for claim in d.claims)
        return self.citations + claims


@dataclass(frozen=True, slots=True)
class Timeline:
    """A validated chronology: registries by id and events in the one order (order.py)."""

    title: Text
    topics: dict[str, Topic]
    actors: dict[str, Actor]
    sources: dict[str, Source]
    events: tuple[Event, ...]
    files: tuple[str, ...] = field(default=(), compare=False)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)
