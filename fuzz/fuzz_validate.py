"""Coverage-guided fuzzing of the loader, validator, renderers and normalize with atheris (libFuzzer).

    make fuzz                       # FUZZ_SECONDS=600 by default; findings go to fuzz/findings/
    python fuzz/fuzz_validate.py fuzz/corpus -max_total_time=60 -dict=fuzz/yaml.dict

The corpus directory is seeded from the real events.yaml and every good, bad and hostile fixture (see
target.seeds) on first use. A crash or a broken promise is written by libFuzzer as crash-<sha1> in the working
directory (the Makefile runs in fuzz/findings/); replay one with `python fuzz/target.py fuzz/findings/crash-...`.
Needs `pip install atheris` (Linux, CPython 3.8-3.11 wheels); fuzz/harness.py does the same without it.
"""

from __future__ import annotations

import atexit
import shutil
import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

with atheris.instrument_imports(include=["timeline"]):
    import target


def seed_corpus(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        return
    for path in target.seeds():
        shutil.copy(path, directory / f"seed-{path.parent.name}-{path.name}")


KNOWN_SEEN: dict[str, int] = {}


def test_one_input(data: bytes) -> None:
    try:
        target.check(data)
    except target.TimelineError:
        return  # an answer with a message, not a crash
    except Exception as error:
        description = target.known(error)
        if description is None:
            raise  # a new finding: libFuzzer saves the input as crash-<sha1> and stops
        if description not in KNOWN_SEEN:
            print(f"\nKNOWN (reported, xfail): {description}", file=sys.stderr)
        KNOWN_SEEN[description] = KNOWN_SEEN.get(description, 0) + 1


def report_known() -> None:
    for description, count in KNOWN_SEEN.items():
        print(f"KNOWN crash reached {count} time(s): {description}", file=sys.stderr)


def main() -> None:
    corpora = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    for corpus in corpora[:1]:
        seed_corpus(Path(corpus))
    atheris.Setup(sys.argv, test_one_input)
    atexit.register(report_known)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
