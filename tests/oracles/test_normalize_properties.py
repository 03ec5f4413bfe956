"""Properties of `normalize` over generated valid documents (hypothesis).

Documents are built as Python structures and written by yaml.safe_dump in varied styles (block, flow,
folded lines, ASCII-only escapes), with text full of what YAML treats specially. For every one:
normalize(normalize(x)) == normalize(x), load(normalize(x)) == load(x) up to NFC (values are trimmed by the
validator already), and every comment survives.
"""

from __future__ import annotations

import unicodedata

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from timeline.errors import InvalidDataError, Severity
from timeline.load import load_text
from timeline.normalize import canonical_timeline, format_scalar, normalize_text
from timeline.validate import validate

from test_normalize import assert_comments_kept

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = ["#", ":", ": ", " #", "|", ">", "[", "]", "{", "}", ",", "'", '"', "\\", "&", "*", "!", "%", "@", "`",
             "- ", "? ", "😀", "🇯🇵", "日本語", "漢字かな", "「引用」", "\x85", "\u2028", " ", "  ", "\u3000", "\t",
             "no", "on", "y", "1.10", "0755", "2025", "12:30", "null", "~", "---", "...", "e\u0301", "\n"]
_CHARACTERS = st.characters(categories=["L", "N", "P", "S", "Zs"])  # nothing invisible: validate refuses those


def text(newlines: bool = True) -> st.SearchStrategy[str]:
    fragments = FRAGMENTS if newlines else [f for f in FRAGMENTS if f not in ("\n", "\x85", "\u2028")]
    piece = st.one_of(st.sampled_from(fragments), st.text(_CHARACTERS, min_size=1, max_size=6))
    return st.lists(piece, min_size=1, max_size=6).map("".join).filter(lambda value: value.strip())


SLUGS = st.one_of(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,3}){0,2}", fullmatch=True),
                  st.sampled_from(["no", "on", "y", "null", "true", "2025", "0755", "1-2"]))


@st.composite
def points(draw) -> str:
    year = draw(st.integers(1990, 2100))
    form = draw(st.sampled_from(["year", "season", "month", "day"]))
    qualifier = draw(st.sampled_from(["", "", "?", "~", "%"]))
    if form == "year":
        return f"{year}{qualifier}"
    if form == "season":
        return f"{year}-{draw(st.integers(21, 24))}{qualifier}"
    month = draw(st.integers(1, 12))
    if form == "month":
        return f"{year}-{month:02d}{qualifier}"
    return f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}{qualifier}"


@st.composite
def dates(draw) -> str:
    kind = draw(st.sampled_from(["point", "point", "interval", "open-end", "open-start", "unknown-end"]))
    first = draw(points())
    if kind == "point":
        return first
    if kind == "interval":
        year = int(first[:4])
        return f"{first}/{draw(st.integers(year + 1, 2200))}"
    return {"open-end": f"{first}/..", "open-start": f"../{first}", "unknown-end": f"{first}/"}[kind]


def bilingual(newlines: bool) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"ja": text(newlines), "en": text(newlines)})


def shuffled(draw, mapping: dict) -> dict:
    """The same mapping with its keys in a drawn order (editors write keys in any order)."""
    keys = draw(st.permutations(list(mapping)))
    return {key: mapping[key] for key in keys}


def optional(draw, mapping: dict, key: str, strategy) -> None:
    if draw(st.booleans()):
        mapping[key] = draw(strategy)


@st.composite
def documents(draw, newlines: bool = True, private: bool = True) -> dict:
    """A valid document; `private`: its sources may be `private: true` (every output then withholds them)."""
    topic_ids = draw(st.lists(SLUGS, min_size=1, max_size=3, unique=True))
    actor_ids = draw(st.lists(SLUGS, max_size=3, unique=True))
    source_ids = draw(st.lists(SLUGS, min_size=1, max_size=3, unique=True))
    actors = {}
    for actor_id in actor_ids:
        actor = draw(bilingual(newlines))
        optional(draw, actor, "kind", st.sampled_from(["person", "company", "agency"]))
        optional(draw, actor, "aliases", st.lists(text(newlines), max_size=3))
        actors[actor_id] = shuffled(draw, actor)
    sources = {}
    for source_id in source_ids:
        source = {"publisher": draw(text(newlines)), "title": draw(text(newlines)), "published": draw(points()),
                  "language": draw(st.sampled_from(["ja", "en"]))}
        optional(draw, source, "url", SLUGS.map(lambda slug: f"https://example.com/{slug}#part"))
        optional(draw, source, "author", text(newlines))
        if private:
            optional(draw, source, "private", st.just(True))
        optional(draw, source, "internal", text(newlines))
        sources[source_id] = shuffled(draw, source)
    events = [draw(events_of(i, topic_ids, actor_ids, source_ids, newlines))
              for i in range(draw(st.integers(1, 4)))]
    document = {"version": 1, "title": draw(bilingual(newlines)), "topics": {t: draw(bilingual(newlines)) for t in topic_ids},
                "actors": actors, "sources": sources, "events": events}
    return shuffled(draw, document)


def citation(source_ids: list[str], newlines: bool) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"source": st.sampled_from(source_ids), "quote": text(newlines)})


@st.composite
def events_of(draw, index: int, topic_ids, actor_ids, source_ids, newlines: bool) -> dict:
    item = {"id": f"event-{index}", "date": draw(dates()), "title": draw(bilingual(newlines)),
            "summary": draw(bilingual(newlines)),
            "topics": draw(st.lists(st.sampled_from(topic_ids), min_size=1, max_size=2, unique=True)),
            "citations": draw(st.lists(citation(source_ids, newlines), min_size=1, max_size=3))}
    if actor_ids:
        optional(draw, item, "actors", st.lists(st.sampled_from(actor_ids), max_size=2, unique=True))
    optional(draw, item, "status", st.sampled_from(["happened", "scheduled"]))
    optional(draw, item, "notes", bilingual(newlines))
    if draw(st.integers(0, 4)) == 0:
        claim = st.builds(lambda c, says: {"says": says, **c}, citation(source_ids, newlines), bilingual(newlines))
        item["disputes"] = [{"about": draw(SLUGS), "claims": draw(st.lists(claim, min_size=2, max_size=3))}]
    optional(draw, item, "corrections", st.lists(corrections(source_ids, newlines), min_size=1, max_size=2))
    optional(draw, item, "internal", text(newlines))
    return shuffled(draw, item)


@st.composite
def corrections(draw, source_ids: list[str], newlines: bool) -> dict:
    entry = {"date": draw(points()), "kind": draw(st.sampled_from(["correction", "clarification", "update"])),
             "text": draw(bilingual(newlines))}
    optional(draw, entry, "source", st.sampled_from(source_ids))
    return shuffled(draw, entry)


DUMP_STYLES = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([False, None, True]),
    "width": st.sampled_from([20, 80, 10**6]),
    "allow_unicode": st.booleans(),
    "indent": st.sampled_from([2, 4]),
})


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def check(source: str) -> str | None:
    """The properties for one input text; None when it is invalid (then normalize refuses like validate)."""
    before, problems = validate([load_text(source, "gen.yaml")])
    if before is None:
        event("invalid (a raw line break inside a value, ...)")
        errors = [p for p in problems if p.severity is Severity.ERROR]
        try:
            normalize_text(source, "gen.yaml")
        except InvalidDataError as error:
            assert error.problems == errors
            return None
        raise AssertionError("normalize accepted an invalid document")
    after = normalize_text(source, "gen.yaml")
    assert normalize_text(after, "gen.yaml") == after
    reread, _ = validate([load_text(after, "gen.yaml")])
    assert reread == canonical_timeline(before)
    return after


@SETTINGS
@given(documents(), DUMP_STYLES)
def test_normalize_is_idempotent_and_keeps_the_data(document, style):
    source = yaml.safe_dump(document, sort_keys=False, **style)
    after = check(source)
    if after is None:
        return
    # An independent reader of the source agrees (not `document` itself: PyYAML's emitter can garble a
    # folded escape at small widths, which is the generator's problem, not normalize's).
    source_events = yaml.load(source, Loader=yaml.CSafeLoader)["events"]
    timeline, _ = validate([load_text(after, "gen.yaml")])
    for written, read in zip(source_events, sorted(timeline.events, key=lambda e: int(e.id.split("-")[1]))):
        assert read.title.en == nfc(written["title"]["en"].strip())
        assert [c.quote for c in read.citations] == [nfc(c["quote"].strip()) for c in written["citations"]]


COMMENT_TEXT = st.text(st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\x85"), max_size=12)


@SETTINGS
@given(documents(newlines=False), st.data())
def test_every_comment_survives_wherever_it_is(document, data):
    # No folding and no multi-line text: every line of the dump is whole, so a comment fits before or after it.
    flow = data.draw(st.sampled_from([False, None]))  # None: innermost lists and mappings in flow style
    lines = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10**6,
                           default_flow_style=flow).splitlines()
    out = []
    for number, line in enumerate(lines):
        if data.draw(st.integers(0, 4)) == 0:
            out.append(" " * data.draw(st.integers(0, 6)) + "#" + data.draw(COMMENT_TEXT) + f" c{number}a")
        out.append(line)
        if data.draw(st.integers(0, 4)) == 0:
            out[-1] += " " * data.draw(st.integers(1, 3)) + "#" + data.draw(COMMENT_TEXT) + f" c{number}b"
    if data.draw(st.booleans()):
        out.append("# the end")
    source = "\n".join(out) + "\n"
    after = check(source)
    if after is not None:
        assert_comments_kept(source, after)


@SETTINGS
@given(st.text(), st.booleans())
def test_written_scalars_read_back_as_the_same_string_everywhere(value, flow):
    written = format_scalar(value, flow=flow)
    document = f"key: [{written}]\n" if flow else f"key: {written}\n"
    expected = [value] if flow else value
    assert yaml.safe_load(document) == {"key": expected}  # a YAML 1.1 reader with its implicit types
    assert load_text(document, "t").root == {"key": expected}  # our loader


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6)), max_size=40),
       st.lists(st.integers(0, 60), min_size=1, max_size=8, unique=True))
def test_nearest_marks_are_those_a_full_sort_finds(marks, starts):
    """normalize's one-pass search for the marks around each comment (no sort of millions of marks) against
    the sort it replaced: marks ordered by (offset, depth), equal ones in the order they were made."""
    import importlib
    from array import array

    comments = importlib.import_module("timeline.normalize.comments")
    starts = sorted(start * 2 + 1 for start in starts)  # a comment never starts where a mark is
    marks = [(offset * 2, depth) for offset, depth in marks]

    class Marks:
        offsets = array("q", [offset for offset, _ in marks])
        depths = bytearray(depth for _, depth in marks)

    before, below = comments.nearest_marks(Marks, starts)
    ordered = sorted(range(len(marks)), key=lambda index: marks[index])  # stable: ties in the order made
    for number, start in enumerate(starts):
        earlier = [index for index in ordered if marks[index][0] < start]
        later = [index for index in ordered if marks[index][0] > start]
        assert before[number] == (earlier[-1] if earlier else -1)
        assert below[number] == (later[0] if later else -1)
