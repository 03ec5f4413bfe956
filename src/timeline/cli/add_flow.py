"""The answers of `timeline add` (cli/add.py): each read, resolved and checked, asked again on a terminal until
valid; then the library places the event (normalize/entry.py) and the file is written as `normalize` writes."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidDataError, Severity, TimelineError, UsageError
from .add_text import file_zone, in_zone, nonempty, typed_text
from .add_words import words
from .app import say

_SEPARATORS = re.compile(r"\s*[,、，]\s*")


@dataclass(frozen=True, slots=True)
class Flags:
    """The fields given as flags (None: not given)."""

    date: str | None = None
    title_ja: str | None = None
    title_en: str | None = None
    summary_ja: str | None = None
    summary_en: str | None = None
    topics: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None
    source: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class _Files:
    """The files read together, as bytes and loaded, and which one the event goes into."""

    paths: list[Path]
    before: bytes
    loaded: list
    target: int


def run(paths: list[Path], flags: Flags, *, edit: str | None, event_id: str | None, status: str | None,
        notes: tuple[str | None, str | None], into: Path | None, archive: Path | None, keep_quote: bool, ask,
        force: bool, lang: str) -> None:
    """Read the files, gather the answers (asking with `ask`, a cli.add._Prompter, or never when None), place the
    event, write the file, print the event's lines."""
    from ..fileio import output_destination
    from ..normalize import Change, write_changes
    from ..normalize.entry import place_event, plain

    files = _read(paths, into, edit, ask, lang)
    target = files.paths[files.target]
    output_destination(target, force=force, in_place=True)  # refused before any question, not after the answers
    timeline = _timeline(files)
    current = plain(_raw_event(files, edit)) if edit is not None else {}
    answers = _Answers(timeline, ask, flags, current, lang=lang, zone=file_zone(files.loaded[files.target].root))
    values = answers.values(event_id, status, notes, edit)
    folder = _archive_folder(archive, target, lang)
    if values["citations"][0] != (current.get("citations") or [None])[0]:  # a new or changed quote
        if folder is None:  # an unchecked quote is said, never silently taken as checked
            say(words("quote-unchecked", lang, folder=target.parent / "archive"))
        else:
            answers.check_quote(values, folder, keep_quote)  # one already there is verify's
    try:
        entry = place_event(files.loaded, files.target, values, replacing=edit)
    except InvalidDataError as error:  # the file validated before: these are the new event's (the answers'),
        errors = [p for p in error.problems if p.severity is Severity.ERROR]  # so no line of a file is named
        raise TimelineError(words("event-refused", lang, problems="; ".join(p.message for p in errors)),
                            hint=next((p.hint for p in errors if p.hint), "")) from None  # invalid data: exit 1
    written = write_changes([Change(target, files.before, entry.text.encode("utf-8"))], force=force)
    sys.stdout.write(entry.lines)
    done = "added" if edit is None else "rewrote" if written else "unchanged"
    say(words(done, lang, id=entry.event.id, file=target, line=entry.line))


# -- the files -------------------------------------------------------------------------------------------------

def _read(paths: list[Path], into: Path | None, edit: str | None, ask, lang: str) -> _Files:
    from ..load import load_bytes, read_bytes

    datas = [read_bytes(path) for path in paths]
    loaded = [load_bytes(data, str(path)) for data, path in zip(datas, paths)]
    target = _target(paths, loaded, into, edit, ask, lang)
    return _Files(paths, datas[target], loaded, target)


def _target(paths: list[Path], loaded: list, into: Path | None, edit: str | None, ask, lang: str) -> int:
    """The file the event goes into: --into; for --edit the one holding the event; the one file holding events."""
    if into is not None:
        for index, path in enumerate(paths):
            if os.path.exists(into) and os.path.samefile(path, into):
                return index
        raise UsageError(words("into", lang, into=into))
    if edit is not None:
        for index, file in enumerate(loaded):
            if any(_id_of(item) == edit for item in _events_of(file)):
                return index
        from ..names import suggest  # the one "did you mean" of every command (show's too)

        close = suggest(edit, [i for file in loaded for i in map(_id_of, _events_of(file)) if i])
        raise UsageError(words("no-event", lang, edit=edit, files=", ".join(map(str, paths)))
                         + (words("did-you-mean", lang, name=close[0]) if close else ""))
    holding = [index for index, file in enumerate(loaded) if isinstance(file.root, dict) and "events" in file.root]
    if len(holding) == 1 or len(paths) == 1:
        return holding[0] if holding else 0
    candidates = holding or list(range(len(paths)))
    if ask is None:
        raise UsageError(words("several-files", lang, files=", ".join(str(paths[i]) for i in candidates)))
    for number, index in enumerate(candidates, start=1):
        say(f"  {number}. {paths[index]}")
    return ask.until_valid(words("which-file", ask.lang), None, lambda answer: _choice(answer, candidates, ask.lang))


def _choice(answer: str, candidates: list[int], lang: str) -> int:
    if answer.strip().isdigit() and 1 <= int(answer) <= len(candidates):
        return candidates[int(answer) - 1]
    raise UsageError(words("choice", lang, count=len(candidates)))


def _events_of(file) -> list:
    root = file.root
    events = root.get("events") if isinstance(root, dict) else None
    return events if isinstance(events, list) else []


def _id_of(item: object) -> str | None:
    return item.get("id", "").strip() if isinstance(item, dict) and isinstance(item.get("id"), str) else None


def _raw_event(files: _Files, edit: str):
    return next(item for item in _events_of(files.loaded[files.target]) if _id_of(item) == edit)


def _timeline(files: _Files):
    """The timeline the answers are resolved against (every file must validate before anything is added)."""
    from ..errors import InvalidDataError, Severity
    from ..load import load_text
    from ..validate import validate

    reloaded = []
    for file in files.loaded:
        again = load_text(file.text, file.file)
        again.bom = file.bom
        reloaded.append(again if file.complete else file)
    timeline, problems = validate(reloaded, editorial=False)
    if timeline is None:
        raise InvalidDataError([p for p in problems if p.severity is Severity.ERROR])
    return timeline


def _archive_folder(given: Path | None, target: Path, lang: str) -> Path | None:
    if given is not None:
        if not given.is_dir():
            raise UsageError(words("archive-folder", lang, folder=given))
        return given
    beside = target.parent / "archive"
    return beside if beside.is_dir() and not beside.is_symlink() else None


# -- the answers -----------------------------------------------------------------------------------------------

class _Answers:
    """Each field from its flag, else asked (prefilled with the edited event's value), else kept."""

    def __init__(self, timeline, ask, flags: Flags, current: dict, lang: str, zone: str | None = None):
        from ..names import Names

        self.timeline, self.ask, self.flags, self.current, self.lang = timeline, ask, flags, current, lang
        self.zone = zone  # the target file's `timezone`: a time typed without a zone is in it, as validate reads it
        self.names = {"topic": Names.of(timeline.topics.values()), "actor": Names.of(timeline.actors.values()),
                      "source": Names.of(timeline.sources.values())}

    def values(self, event_id: str | None, status: str | None, notes: tuple, edit: str | None) -> dict:
        """The event's values (plain, for normalize.entry), fields not asked for kept from the edited event."""
        values = dict(self.current)
        values["date"] = self.field("date", self._date, values.get("date"))
        title = values.get("title") or {}
        summary = values.get("summary") or {}
        values["title"] = {"ja": self.field("title_ja", self._nonempty, title.get("ja")),
                           "en": self.field("title_en", self._nonempty, title.get("en"))}
        values["summary"] = {"ja": self.field("summary_ja", self._nonempty, summary.get("ja")),
                             "en": self.field("summary_en", self._nonempty, summary.get("en"))}
        values["topics"] = self.field("topics", lambda t: self._ids(t, "topic", least=1), values.get("topics"))
        actors = self.field("actors", lambda t: self._ids(t, "actor", least=0), values.get("actors"))
        if actors:
            values["actors"] = actors
        else:  # none given, or cleared with "-": no key (as an event without actors is written)
            values.pop("actors", None)
        citations = list(values.get("citations") or [{}])
        first = dict(citations[0])
        first["source"] = self.field("source", self._source, first.get("source"))
        first["quote"] = self.field("quote", self._nonempty, first.get("quote"))
        values["citations"] = [first, *citations[1:]]
        self._rest(values, event_id, status, notes, edit)
        return values

    def _rest(self, values: dict, event_id: str | None, status: str | None, notes: tuple, edit: str | None) -> None:
        from ..format import STATUSES

        if status is not None:
            status = typed_text(status, "--status", self.lang, one_line=True)
            if status not in STATUSES:
                raise UsageError(words("status", self.lang, status=status, statuses=", ".join(STATUSES)))
            values["status"] = status
        notes = tuple(None if note is None else typed_text(note, flag, self.lang)
                      for note, flag in zip(notes, ("--note-ja", "--note-en")))
        if any(note is not None for note in notes):  # one language given: the other stays as it was
            kept = values.get("notes") or {}
            values["notes"] = {"ja": notes[0] if notes[0] is not None else kept.get("ja"),
                               "en": notes[1] if notes[1] is not None else kept.get("en")}
        values["id"] = self._id(event_id, values, edit)

    def field(self, key: str, check, current: object):
        """A flag's value (checked: a usage error if invalid), else the answer to a prompt, else `current`."""
        from .add import FIELDS

        spec = next(f for f in FIELDS if f.key == key)
        one_line = key in ("date", "title_ja", "title_en", "topics", "actors", "source")

        def checked(text: str):  # every text, flag or answer, is checked once, by the file's character rules
            return check(typed_text(text, "", self.lang, one_line=one_line, quote=key == "quote"))

        given = getattr(self.flags, key)
        if given is not None:
            try:
                return checked(",".join(given) if isinstance(given, tuple) else given)
            except UsageError as error:  # named by its flag: no line of a file points at it
                raise UsageError(words("flag", self.lang, flag=spec.flag, message=str(error)),
                                 hint=error.hint) from None
        shown = ", ".join(current) if isinstance(current, list) else current
        if self.ask is None:
            return current
        if not spec.required and shown is None:
            shown = ""
        return self.ask.until_valid(words(key, self.lang), shown, checked)

    def _date(self, typed: str) -> str:
        from ..dates import DateError
        from ..dates.human import read_date
        from ..dates.messages import in_language
        from ..render.reading import explain_reading

        try:
            reading = read_date(typed)
        except DateError as error:
            zoned = in_zone(typed, self.zone) if getattr(error, "key", "") == "time-no-zone" and self.zone else None
            if zoned is not None:
                say("  " + words("zone-taken", self.lang, date=zoned, zone=self.zone))
                return zoned
            message, hint = in_language(error, self.lang, typed)
            raise UsageError(message, hint=hint) from None
        for line in explain_reading(reading, self.lang):  # shown back, typed or given: a misread is seen
            say(f"  {line}")
        return reading.edtf

    def _ids(self, typed: str, kind: str, least: int) -> list[str]:
        from ..names import did_you_mean

        ids = []
        if typed.strip() == "-" and least == 0:  # "-" clears an optional list (Enter keeps it)
            return []
        for name in (part for part in _SEPARATORS.split(typed.strip()) if part):
            found = self.names[kind].ids(name)
            if not found:
                near = self.names[kind].near(name)
                guess = (f"「{near[0][0]}」（{near[0][1]}）のことですか？" if near else "") if self.lang == "ja" \
                    else did_you_mean(name, self.names[kind], kind).strip()
                raise UsageError(words("unknown-name", self.lang, kind=kind, name=name, guess=guess),
                                 hint=words("names-listed", self.lang, kind=kind))
            if len(found) > 1:
                raise UsageError(words("several", self.lang, kind=kind, name=name, ids=", ".join(found)))
            ids.append(found[0])
        if len(ids) < least:
            raise UsageError(words("at-least", self.lang, kind=kind, least=least))
        return list(dict.fromkeys(ids))

    def _nonempty(self, text: str) -> str:
        return nonempty(text, self.lang)

    def _source(self, typed: str) -> str:
        return self._ids(typed, "source", least=1)[0]

    def _id(self, given: str | None, values: dict, edit: str | None) -> str:
        from ..format import is_id, slug_of

        taken = {event.id for event in self.timeline.events} - {edit}
        if given is not None:
            given = typed_text(given, "--id", self.lang, one_line=True)
            if not is_id(given):
                raise UsageError(words("id-slug", self.lang, id=given))
            if given in taken:
                raise UsageError(words("id-taken", self.lang, id=given))
            return given
        if edit is not None:
            return edit
        base = slug_of(values["title"]["en"], 60) or "event"
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def check_quote(self, values: dict, folder: Path, keep: bool) -> None:
        """The first citation's quote against its archived article: a miss is shown with the closest passage,
        then typed again or kept only when confirmed (--keep-quote without a terminal)."""
        citation = values["citations"][0]
        while True:
            problems = _quote_problems(self.timeline, citation, folder)
            if not problems:
                say("  " + words("quote-found", self.lang, source=citation["source"]))
                return
            for problem in problems:  # verify's words (English) under a line in the language asked for
                if self.lang == "ja":
                    key = {"quote-not-found": "quote-not-found", "no-archive": "no-archive-file"}.get(problem.code)
                    say("  " + words(key or "quote-problem", "ja"))
                say(f"  {problem.message}")
                if problem.hint:
                    say(f"  hint: {problem.hint}")
            if not any(problem.code == "quote-not-found" for problem in problems):
                return  # no archive to check against: said above, and verify says it again
            if keep or (self.ask is not None and self.ask.confirm(words("keep-quote", self.lang))):
                return
            if self.ask is None:
                raise UsageError(words("quote-missing", self.lang))
            citation["quote"] = self.ask.until_valid(
                words("quote", self.lang), None,
                lambda text: nonempty(typed_text(text, "", self.lang, quote=True), self.lang))


def _quote_problems(timeline, citation: dict, folder: Path) -> list:
    from ..dates import parse_edtf
    from ..model import Citation, Event, Text, Timeline
    from ..verify import verify_quotes

    # verify reads only an event's citations: a one-citation event is how one quote is checked as verify checks all
    probe = Event("quote", parse_edtf("2025"), Text("", ""), Text("", ""), (), (),
                  (Citation(citation["source"], citation["quote"]),))
    return verify_quotes(Timeline(timeline.title, {}, {}, timeline.sources, (probe,)), folder)


__all__ = ["Flags", "run"]
