"""The benchmark's synthetic data (benchmarks/generate.py): valid, deterministic from its seed, and shaped as
issue #8 asks (mixed date precisions, Japanese and English text, several citations an event)."""

from __future__ import annotations

from collections import Counter

from timeline.dates import Precision
from timeline.load import load_text
from timeline.validate import validate

from conftest import generate


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_ones():
    assert generate(120, seed=3) == generate(120, seed=3)
    assert generate(120, seed=3) != generate(120, seed=4)


def test_generated_events_are_valid_and_varied():
    timeline, problems = validate([load_text(generate(400, seed=5), "generated.yaml")])
    assert timeline is not None, [str(p) for p in problems if p.severity.value == "error"][:5]
    assert len(timeline.events) == 400
    precisions = Counter(event.date.precision for event in timeline.events)
    assert {Precision.DAY, Precision.MONTH, Precision.SEASON} <= set(precisions)
    assert any(event.date.is_interval for event in timeline.events)
    citations = Counter(len(event.citations) for event in timeline.events)
    assert set(citations) == {1, 2, 3}
    for event in timeline.events:  # each text in its language: kana or kanji in ja, Latin letters in en
        assert any("\u3040" <= c <= "\u9fff" for c in event.title.ja), event.title.ja
        assert any("a" <= c.lower() <= "z" for c in event.title.en), event.title.en


def test_a_generated_file_passes_validate_as_a_real_process(generated_file, run_subprocess):
    result = run_subprocess("validate", "-f", generated_file(200, seed=9))
    assert result.returncode == 0, result.stderr
    assert ": ok (0 error(s)" in result.stderr
