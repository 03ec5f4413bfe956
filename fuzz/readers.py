"""The reader differential (issue #15): the block reader (reader/_block.c, compiled) against libyaml, for longer runs
than the test suite's (tests/oracles/test_reader_differential.py) and on more inputs.

    make fuzz-readers                         # hypothesis, FUZZ_SECONDS; no extra install
    python fuzz/harness.py --target readers --seconds 600
    python fuzz/fuzz_readers.py fuzz/corpus-readers -max_total_time=600     # atheris (coverage-guided)
    python fuzz/readers.py FILE...            # replay saved inputs

`check(data)` decodes the bytes as timeline.load does and asserts, for the block reader alone and as timeline.load
runs it: the reader declines (libyaml reads the file and reports what is wrong) or gives exactly libyaml's values
and positions, never accepting what libyaml refuses. The comparisons are the test suite's own:
tests/unit/test_block_reader.check (the reader alone, and whether it says rightly that no escape made a character) and
fuzz/target's check of timeline.load with and without the block reader (problems included). Without the compiled
reader there is nothing to compare: running it then is an error.

Inputs (`inputs`): event-file-like documents generated as tests/unit/test_block_reader.py writes them (400, generated up
front), or a seed file (the bundled data, every good, bad and hostile fixture), with characters YAML does not count
as white space (NBSP, U+3000, U+2000-U+200A, zero-width ones, a BOM mid-file, NEL/LS/PS, VT/FF, and tab and CR) put
where the block reader skips or accepts white space (tests/oracles/test_reader_differential.places), and sometimes
the generic mutations of fuzz/harness.py on top.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the test helpers it reuses sit in the tests' layer folders (tests/unit, tests/oracles), as tests/conftest.py has them
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests/unit"), str(ROOT / "tests/oracles"),
                str(HERE)]

from hypothesis import strategies as st  # noqa: E402  (after the path is set)

import target  # noqa: E402
from test_reader_differential import CHARACTERS, PLACES, places, put_in_place  # noqa: E402
from test_block_reader import BLOCK_READER_MISSING, documents  # noqa: E402
from test_block_reader import check as compare_readers  # noqa: E402
from timeline.load import load_bytes, max_bytes  # noqa: E402
from timeline.reader import compiled  # noqa: E402

if not compiled.COMPILED:
    raise SystemExit(f"fuzz/readers.py: {BLOCK_READER_MISSING}")


def check(data: bytes) -> None:
    """One input through the block reader and libyaml; AssertionError when they disagree."""
    if len(data) > max_bytes():
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # refused before any reader sees it
    text = text.removeprefix("\ufeff")  # as reader.decode.decoded does
    if "\x00" in text:
        return  # likewise (refused as UTF-16 or binary)
    compare_readers(text)
    target._check_readers_agree(data, load_bytes(data, "fuzz.yaml"))


def seed_texts() -> list[str]:
    texts = []
    for path in target.seeds():
        try:
            texts.append(path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError:
            continue
    return texts


def texts(generated_count: int = 400) -> list[str]:
    """What the inputs start from: the seed files, and documents generated as tests/unit/test_block_reader.py writes them
    (generated once, up front: drawing a fresh document for every input costs more than checking it)."""
    return seed_texts() + generated(generated_count)


@st.composite
def inputs(draw, starts: list[str]) -> bytes:
    """One of `starts` (texts()) with up to 6 characters of the class put in place; a quarter of them also
    mutated as fuzz/harness.py mutates (spans deleted or duplicated, tokens inserted, lines re-indented)."""
    import harness

    data = draw(put_in_place(draw(st.sampled_from(starts)), CHARACTERS, max_changes=6)).encode("utf-8")
    if draw(st.integers(0, 3)) == 0:
        data = draw(harness.mutated([data]))
    return data


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One mutation for atheris's custom mutator (no hypothesis there): one character of the class (sometimes two
    or three) put in a place, each inserted or replacing a space, as put_in_place does."""
    text = data.decode("utf-8", "replace")
    for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 3)):
        spots = places(text)
        kinds = [place for place in PLACES if spots[place]]
        at = rng.choice(spots[rng.choice(kinds)]) if kinds else len(text)
        character = rng.choice(CHARACTERS)
        replace = at < len(text) and text[at] == " " and rng.random() < 0.5
        text = text[:at] + character + text[at + replace:]
    return text.encode("utf-8")


def generated(count: int) -> list[str]:
    """`count` documents as tests/unit/test_block_reader.py generates them (for a seed corpus)."""
    from hypothesis import HealthCheck, given, settings

    found: list[str] = []

    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(documents())
    def collect(text: str) -> None:
        found.append(text)

    collect()
    return found


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        check(Path(argument).read_bytes())
        print(f"{argument}: the readers agree")
    if len(sys.argv) == 1:
        print("usage: python fuzz/readers.py FILE...", file=sys.stderr)
