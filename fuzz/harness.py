"""Fuzzing without atheris: hypothesis mutates the seed corpus for a fixed time and reports what broke.

    python fuzz/harness.py --seconds 600          # or: make fuzz-hypothesis FUZZ_SECONDS=600
    python fuzz/harness.py --target readers       # the reader differential alone (fuzz/readers.py; make fuzz-readers)

Each example is a seed file (events.yaml and every fixture) with a few mutations drawn by hypothesis: YAML's
special characters and tokens inserted, spans deleted or duplicated, lines swapped or re-indented, bytes
flipped. Every example goes through fuzz/target.check. Failures are shrunk by hypothesis and written to
fuzz/findings/; the run ends with the number of examples tried and the distinct failures found.

`--target readers` runs fuzz/readers.py instead: its inputs (characters YAML does not count as white space, put
where the block reader skips white space, in generated documents and the seeds) through its check (the compiled
block reader against libyaml).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import target

TOKENS = [b": ", b" #", b"#", b"- ", b"? ", b"[", b"]", b"{", b"}", b",", b"'", b'"', b"\\", b"|", b">", b"&a ", b"*a",
          b"!!str ", b"!x ", b"<<: ", b"---\n", b"...\n", b"%YAML 1.1\n", b"\t", b"\r\n", b"\r", b"\n", b"\x00",
          b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xe2\x80\xae", b"\xe2\x80\x8b", b"\xc2\x85", b"\xe2\x80\xa8", b"\x1b[2J",
          b"::error::", b"##[error]", b"no", b"0755", b"12:30", b"1.10", b"1e999", b"~", b"null", b"2025-02-30",
          b"2025-22", b"../..", b"2025?~", b"[[[[[[[[", b"]]]]", b"\xe3\x80\x80", "「引用」".encode(), b"  ",
          b"    ",
          # white space to Python but not to YAML (issue #15): NBSP, U+2003, U+202F, U+205F, U+1680, U+200B, VT, FF
          b"\xc2\xa0", b"\xe2\x80\x83", b"\xe2\x80\xaf", b"\xe2\x81\x9f", b"\xe1\x9a\x80", b"\x0b", b"\x0c"]


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "swap-lines", "indent", "flip"]))
        if operation == "insert":
            data[position:position] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=4))
        elif operation == "delete":
            del data[position:position + draw(st.integers(1, 40))]
        elif operation == "duplicate":
            data[position:position] = data[position:position + draw(st.integers(1, 200))]
        elif operation == "flip" and data:
            data[min(position, len(data) - 1)] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if operation == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = b" " * draw(st.integers(0, 3)) + lines[i].lstrip(b" ")[: draw(st.integers(0, 200))]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def run(seconds: float, findings: Path, run_seed: int | None = None, target_name: str = "all") -> int:
    seeds = [path.read_bytes() for path in target.seeds()]
    if target_name == "readers":
        import readers

        strategy, check = readers.inputs(readers.texts()), readers.check
    else:
        strategy, check = mutated(seeds), target.check
    run_seed = random.getrandbits(64) if run_seed is None else run_seed
    print(f"harness: seed {run_seed} (--seed {run_seed} repeats this run)", file=sys.stderr)
    failures: dict[str, tuple[bytes, str]] = {}
    tried = 0
    deadline = time.monotonic() + seconds

    @seed(run_seed)
    @settings(max_examples=10**9, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(data: bytes) -> None:
        nonlocal tried
        tried += 1
        if time.monotonic() > deadline:
            raise _TimeUp
        try:
            check(data)
        except target.TimelineError:
            pass
        except Exception as error:  # noqa: BLE001 - every other exception is a finding
            frame = traceback.extract_tb(error.__traceback__)[-1]
            key = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            description = target.known(error)
            if description is not None:
                key = f"KNOWN {key} ({description})"
            if key not in failures or len(data) < len(failures[key][0]):
                failures[key] = (data, "".join(traceback.format_exception(error)))

    try:
        one()
    except _TimeUp:
        pass
    findings.mkdir(parents=True, exist_ok=True)
    for key, (data, trace) in sorted(failures.items()):
        name = hashlib.sha1(data).hexdigest()[:12]
        (findings / f"harness-{name}.yaml").write_bytes(data)
        (findings / f"harness-{name}.txt").write_text(trace, encoding="utf-8")
        print(f"FOUND {key}: fuzz/findings/harness-{name}.yaml", file=sys.stderr)
    new = [key for key in failures if not key.startswith("KNOWN ")]
    print(f"harness ({target_name}): {tried} inputs in {seconds:.0f} s, {len(failures)} distinct failure(s), "
          f"{len(new)} new", file=sys.stderr)
    return 1 if new else 0


class _TimeUp(BaseException):
    """Ends hypothesis's generation loop when the time budget is spent."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--findings", type=Path, default=HERE / "findings")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--target", choices=["all", "readers"], default="all",
                        help="all: fuzz/target.py (everything a command does); readers: fuzz/readers.py")
    arguments = parser.parse_args()
    sys.exit(run(arguments.seconds, arguments.findings, arguments.seed, arguments.target))


if __name__ == "__main__":
    main()
