"""normalize's fast paths write what its general path writes, byte for byte (issue 22, item 3).

The writer takes three shortcuts, each checked here against the path it shortens:
- positions and marks are taken only in the events that have a comment (build.Builder.marking), and elsewhere an
  entry is built as its text rather than as units for the writer; the general path marks everything and builds
  units everywhere, as comments.py's survey does;
- each distinct value is formatted once per file (scalars.format_value's cache);
- is_plain_safe runs its two regexes only where they can find something (str.isprintable, a word's length or
  a number's first character); the rule as first written is the oracle.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, GOLDEN, REPO, _load_script, generate
from test_normalize_properties import SETTINGS
from timeline.errors import TimelineError
from timeline.normalize import normalize_files

build = importlib.import_module("timeline.normalize.build")
scalars = importlib.import_module("timeline.normalize.scalars")


def plain_safe_as_first_written(text: str, *, flow: bool = False) -> bool:
    """is_plain_safe before its shortcuts (commit c032f65): every check on every text."""
    if not text or text[0] in scalars._INDICATORS or text[0].isspace() or text[-1].isspace() or text[-1] == ":":
        return False
    if ": " in text or " #" in text or text.startswith(("---", "...")) or scalars._NOT_RAW.search(text):
        return False
    return not (scalars._NOT_TEXT.fullmatch(text) or (flow and scalars._NOT_PLAIN_IN_FLOW.search(text)))


def outcome(path: Path) -> bytes | str:
    """The file's canonical bytes, or the error normalize gives (an invalid file: the same on both paths)."""
    try:
        return normalize_files([path])[0].after
    except TimelineError as error:
        return f"{type(error).__name__}: {error}"


def general_outcome(path: Path) -> bytes | str:
    """`outcome` on the general path: every mark taken, no cache, the plain-safety rule as first written."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build.Builder, "every_mark", True)
        patch.setattr(build, "format_value", lambda value, kind, flow=False: scalars._format_value(value, kind, flow))
        patch.setattr(scalars, "is_plain_safe", plain_safe_as_first_written)
        return outcome(path)


def written(tmp_path: Path, text: str, name: str = "events.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def realistic(count: int, seed: int, kind: str) -> str:
    return _load_script("timeline_benchmark_realistic", REPO / "benchmarks" / "realistic.py").realistic(count, seed, kind)


FIXTURES = sorted({*DATA.rglob("*.yaml"), *GOLDEN.rglob("*.yaml"), REPO / "events.yaml"})


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: str(path.relative_to(REPO)))
def test_every_fixture_normalizes_the_same_on_the_fast_and_the_general_path(path: Path):
    assert outcome(path) == general_outcome(path)


BENCHMARK_FILES = [pytest.param(lambda: generate(300, seed), id=f"generated-{seed}") for seed in (1, 7)] + [
    pytest.param(lambda kind=kind: realistic(300, 3, kind), id=f"realistic-{kind}")
    for kind in ("plain", "near-duplicates", "warnings")]


@pytest.mark.parametrize("make", BENCHMARK_FILES)
def test_benchmark_files_normalize_the_same_on_both_paths_as_written_and_canonical(make, tmp_path):
    path = written(tmp_path, make())
    canonical = outcome(path)
    assert canonical == general_outcome(path)
    assert canonical != path.read_bytes()  # as written, not canonical: the rewrite itself is compared
    path = written(tmp_path, canonical.decode("utf-8"), "canonical.yaml")
    assert outcome(path) == general_outcome(path) == canonical


def test_events_with_and_without_comments_are_written_as_on_the_general_path(tmp_path):
    canonical = outcome(written(tmp_path, realistic(60, 5, "plain"))).decode("utf-8")
    events = canonical.split("\n  - id: ")
    events[3] = events[3].replace("\n", "  # checked with the desk\n", 1)
    events[7] = events[7] + "  # the next one is disputed"
    path = written(tmp_path, "\n  - id: ".join(events), "commented.yaml")
    after = outcome(path)
    assert after == general_outcome(path)
    assert b"# checked with the desk" in after and b"# the next one is disputed" in after


# -- is_plain_safe's shortcuts -------------------------------------------------------------------------------

def test_isprintable_is_false_for_every_character_never_written_raw():
    printable = [f"U+{code:04X}" for code in range(0x110000)
                 if scalars._NOT_RAW.match(chr(code)) and chr(code).isprintable()]
    assert printable == []


@SETTINGS
@given(st.from_regex(scalars._NOT_TEXT, fullmatch=True))
def test_what_yaml_reads_as_no_text_is_a_short_word_or_starts_like_a_number(text):
    assert len(text) <= scalars._NOT_TEXT_WORD or text[0] in scalars._NUMBER_START


SCALAR_TEXT = st.one_of(st.text(), st.text(alphabet=" -+.:#0123456789eEx_oOnNyYtTfFlL~<=\t\u3000\u200b"),
                        st.from_regex(scalars._NOT_TEXT, fullmatch=True))


@SETTINGS
@given(SCALAR_TEXT, st.booleans())
def test_is_plain_safe_agrees_with_the_rule_as_first_written(text, flow):
    assert scalars.is_plain_safe(text, flow=flow) == plain_safe_as_first_written(text, flow=flow)


# -- format_value's cache ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, kind, flow, written", [
    ("2025-01-02", scalars.TEXT, False, '"2025-01-02"'),
    ("2025-01-02", scalars.DATE, False, "2025-01-02"),
    ("2025-01-02", scalars.POINT, False, "2025-01-02"),
    ("a, b", scalars.TEXT, False, "a, b"),
    ("a, b", scalars.TEXT, True, '"a, b"'),
    (" yes ", scalars.TEXT, False, '"yes"'),
    (" yes ", scalars.VERSION, False, "yes"),
    ("True", scalars.FLAG, False, "true"),
])
def test_a_cached_value_is_written_for_its_own_kind_and_place(value, kind, flow, written):
    for other in ((scalars.TEXT, False), (scalars.TEXT, True), (scalars.SLUG, False)):  # the same text cached first
        scalars.format_value(value, *other)
    assert scalars.format_value(value, kind, flow) == written
