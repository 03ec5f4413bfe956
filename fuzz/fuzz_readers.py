"""Coverage-guided fuzzing of the reader differential (fuzz/readers.py) with atheris (libFuzzer).

    make fuzz-readers-atheris           # FUZZ_SECONDS=600 by default; findings go to fuzz/findings/
    python fuzz/fuzz_readers.py fuzz/corpus-readers -max_total_time=60 -dict=fuzz/yaml.dict

Each input is a file's bytes; readers.check asserts that the block reader either declines it or reads exactly
what libyaml reads. The corpus is seeded like fuzz_validate.py's (the bundled data and every fixture) and
with 300 generated documents. Most mutations put characters YAML does not count as white space (NBSP, U+3000,
...) where the block reader skips white space (readers.mutate); the rest are libFuzzer's own. A disagreement is
written by libFuzzer as crash-<sha1> in the working directory (the Makefile runs in fuzz/findings/); replay one
with `python fuzz/readers.py fuzz/findings/crash-...`. Needs `pip install atheris`; `make fuzz-readers` runs the same
check under hypothesis with no extra install.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

with atheris.instrument_imports(include=["timeline"]):
    import readers


def seed_corpus(directory: Path) -> None:
    """The seeds of fuzz_validate.py, and 300 small documents generated as tests/unit/test_block_reader.py writes them: short
    valid files are where a character put in the wrong place is most often read rather than declined."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        return
    for path in readers.target.seeds():
        shutil.copy(path, directory / f"seed-{path.parent.name}-{path.name}")
    for number, text in enumerate(readers.generated(300)):
        (directory / f"generated-{number:03}.yaml").write_text(text, encoding="utf-8")


def test_one_input(data: bytes) -> None:
    readers.check(data)  # an AssertionError is a finding: libFuzzer saves the input and stops


def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    if rng.random() < 0.3:
        return atheris.Mutate(data, max_size)
    mutated = readers.mutate(data, rng)
    return mutated if len(mutated) <= max_size else atheris.Mutate(data, max_size)


def main() -> None:
    corpora = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    for corpus in corpora[:1]:
        seed_corpus(Path(corpus))
    atheris.Setup(sys.argv, test_one_input, custom_mutator=custom_mutator)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
