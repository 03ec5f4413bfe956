"""normalize's safety net and the shortcuts it takes on large files.

The net: a writer bug (a changed meaning, a lost comment, an output that is not its own canonical form) must
stop normalize with nothing written. The bugs are simulated by patching the writer, since a real one is not
known. The shortcuts: the input's model is kept as a fingerprint only, events are walked for comments only
where their text holds a '#', and a file is compared with its canonical text as it is written.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from test_normalize import COMMENTS_BEFORE, MINIMAL_TEXT, ORDER_AFTER, ORDER_BEFORE, timeline_of
from test_normalize_properties import COMMENT_TEXT, SETTINGS, documents
from timeline.load import load_text
from timeline.normalize import normalize_files, normalize_text

build = importlib.import_module("timeline.normalize.build")
comments = importlib.import_module("timeline.normalize.comments")
check = importlib.import_module("timeline.normalize.check")
write = importlib.import_module("timeline.normalize.write")

from conftest import generate  # the benchmark's generator: realistic comments and '#' in quotes


# -- the safety net ------------------------------------------------------------------------------------------

def refused(run_cli, tmp_path, text: str, message: str) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("normalize", path)
    assert result.exit_code == 1, result.output
    assert message in result.stderr and "please report it" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]  # no temporary file left


def test_a_writer_that_changes_a_text_is_caught(run_cli, tmp_path, monkeypatch):
    original = build.format_value
    monkeypatch.setattr(build, "format_value",
                        lambda value, kind, flow=False: original(value + (" x" if value == "T" else ""), kind, flow))
    refused(run_cli, tmp_path, COMMENTS_BEFORE, "would not mean the same")


def test_a_writer_that_loses_a_comment_is_caught(run_cli, tmp_path, monkeypatch):
    def comment_lines(self, pad, found):  # counts every comment, writes none
        self.comments += len(found)

    monkeypatch.setattr(write._Writer, "comment_lines", comment_lines)
    refused(run_cli, tmp_path, COMMENTS_BEFORE, "comment(s) instead of")


def test_a_writer_whose_output_is_not_its_own_canonical_form_is_caught(run_cli, tmp_path, monkeypatch):
    original, passes = write.rewrite, []

    def rewrite(text, root, sink):  # the first pass writes `en: "T"` for `en: T`: valid, same meaning
        passes.append(1)
        if len(passes) == 1:
            return original(text, root, lambda piece: sink(piece.replace("  en: T\n", '  en: "T"\n')))
        return original(text, root, sink)

    monkeypatch.setattr(sys.modules["timeline.normalize"], "rewrite", rewrite)
    refused(run_cli, tmp_path, ORDER_BEFORE, "normalizing twice would not give the same text")


def test_a_writer_whose_output_does_not_validate_is_caught(run_cli, tmp_path, monkeypatch):
    original = write.rewrite
    monkeypatch.setattr(sys.modules["timeline.normalize"], "rewrite",
                        lambda text, root, sink: original(text, root, lambda p: sink(p.replace("date: ", "date: x"))))
    refused(run_cli, tmp_path, ORDER_BEFORE, "the normalized text would not validate")


# -- the fingerprint -----------------------------------------------------------------------------------------

def test_the_fingerprint_sees_what_equality_sees():
    timeline = timeline_of(ORDER_BEFORE)
    same = timeline_of(ORDER_AFTER)  # laid out differently: other positions, other order in the file
    assert same == timeline
    assert check.fingerprint(same, nfc=False) == check.fingerprint(timeline, nfc=False)
    event = timeline.events[0]
    for changed in (dataclasses.replace(event, title=dataclasses.replace(event.title, en=event.title.en + ".")),
                    dataclasses.replace(event, topics=event.topics[::-1] + ("extra",)),
                    dataclasses.replace(event, status="scheduled")):
        other = dataclasses.replace(timeline, events=(changed, *timeline.events[1:]))
        assert other != timeline
        assert check.fingerprint(other, nfc=False) != check.fingerprint(timeline, nfc=False)
    reordered = dataclasses.replace(timeline, topics=dict(reversed(list(timeline.topics.items()))))
    assert reordered == timeline and check.fingerprint(reordered, nfc=False) == check.fingerprint(timeline, nfc=False)


def test_the_fingerprint_takes_texts_in_nfc_when_asked():
    composed = timeline_of(MINIMAL_TEXT.replace("47th president", "47th président"))
    decomposed = timeline_of(MINIMAL_TEXT.replace("47th president", "47th pre\u0301sident"))
    assert check.fingerprint(composed, nfc=True) == check.fingerprint(decomposed, nfc=True)
    assert check.fingerprint(composed, nfc=False) != check.fingerprint(decomposed, nfc=False)


# -- comments: only the events holding a '#' are walked ------------------------------------------------------

def notes_both_ways(text: str) -> tuple[build.Notes, build.Notes]:
    root = load_text(text, "t.yaml").root
    shortcut = comments.notes_for(text, root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(comments, "_holding", lambda starts, hashes: set(range(len(starts))))
        every = comments.notes_for(text, root)
    return shortcut, every


def test_walking_only_the_events_with_a_hash_finds_what_walking_all_finds():
    text = generate(300, seed=7)
    shortcut, every = notes_both_ways(text)
    assert shortcut.found >= 5 and shortcut == every
    assert normalize_text(normalize_text(text, "t.yaml"), "t.yaml") == normalize_text(text, "t.yaml")


@SETTINGS
@given(documents(newlines=False), st.data())
def test_walking_only_the_events_with_a_hash_is_exact_wherever_comments_are(document, data):
    lines = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10**6).splitlines()
    out = []
    for line in lines:
        if data.draw(st.integers(0, 6)) == 0:
            out.append(" " * data.draw(st.integers(0, 6)) + "#" + data.draw(COMMENT_TEXT))
        out.append(line + (" #" + data.draw(COMMENT_TEXT) if data.draw(st.integers(0, 6)) == 0 else ""))
    text = "\n".join(out) + "\n"
    if timeline_or_none(text) is None:
        return
    shortcut, every = notes_both_ways(text)
    assert shortcut == every


def timeline_or_none(text: str):
    from timeline.validate import validate

    return validate([load_text(text, "t.yaml")])[0]


# -- comparing as it writes ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("breaks", "changed"), [
    ("\n", False), ("\r\n", False),
    ("mixed", True),  # \r\n first, then \n: written all \r\n
    ("\r", True),  # old Mac line breaks: written \n
])
def test_a_canonical_file_is_unchanged_whatever_its_line_breaks(tmp_path, breaks, changed):
    canonical = normalize_text(ORDER_BEFORE, "t.yaml")
    if breaks == "mixed":
        text = canonical.replace("\n", "\r\n", 3)
    else:
        text = canonical.replace("\n", breaks)
    path = tmp_path / "events.yaml"
    path.write_bytes(text.encode("utf-8"))
    [change] = normalize_files([path])
    assert change.changed is changed
    assert change.before == text.encode("utf-8")
    expected = canonical.replace("\n", "\r\n") if breaks in ("\r\n", "mixed") else canonical
    assert change.after == expected.encode("utf-8")


def test_a_file_that_is_a_canonical_text_and_more_is_changed(tmp_path):
    canonical = normalize_text(ORDER_BEFORE, "t.yaml")
    path = tmp_path / "events.yaml"
    path.write_text(canonical + "# a last comment\n", encoding="utf-8")  # the canonical text is a prefix of it
    [change] = normalize_files([path])
    assert not change.changed  # a final comment stays where it is
    path.write_text(canonical + "\n\n", encoding="utf-8")
    [change] = normalize_files([path])
    assert change.changed and change.after == canonical.encode("utf-8")


def test_several_files_one_canonical_one_not(tmp_path):
    registry, events = MINIMAL_TEXT.split("events:\n")
    one, two = tmp_path / "registry.yaml", tmp_path / "events.yaml"
    one.write_text(normalize_text(MINIMAL_TEXT, "t.yaml").split("events:\n")[0], encoding="utf-8")
    two.write_text("version: 1\nevents:\n" + events.replace("  - id:", "  - id:  "), encoding="utf-8")
    changes = normalize_files([one, two])
    assert [change.changed for change in changes] == [False, True]
    assert changes[0].after == one.read_bytes()
    assert changes[1].after.decode("utf-8") == "version: 1\nevents:\n" + events
