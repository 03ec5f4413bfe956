"""Time `timeline normalize --check` on a 10 000-event file against floors measured in the same run.

    python benchmarks/bench_normalize.py [--events 10000] [--seed 1] [--repeat 3] [--corpus generated|realistic]

The floors are the fastest sensible things one can do with the same file: libyaml's event stream consumed and
dropped (issue 22's floor: `normalize --check` on a canonical file should cost at most 2x it), and
`yaml.load(text, CSafeLoader)`, libyaml building plain Python values. normalize does much more (positions,
validation, writing the canonical text and comparing it), so the ratios say what that costs, not a pass mark.
`--corpus realistic` uses benchmarks/realistic.py (the bundled events on busy days) instead of generate.py.
Each figure is the best of --repeat runs; the command runs as a real process, interpreter start included.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402  (a sibling script, not a package)
from realistic import realistic  # noqa: E402
from run import compile_bytecode  # noqa: E402


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(path: Path) -> None:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def event_stream(path: Path) -> None:
    collections.deque(yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), maxlen=0)


def timeline(*args: str | Path, expect: int) -> None:
    result = subprocess.run([sys.executable, "-m", "timeline", "normalize", *map(str, args)],
                            capture_output=True, text=True, check=False)
    if result.returncode != expect:
        raise SystemExit(f"timeline normalize {' '.join(map(str, args))}: exit {result.returncode}, expected {expect}\n"
                         f"{result.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", choices=("generated", "realistic"), default="generated")
    args = parser.parse_args()
    compile_bytecode()  # as an installed timeline runs: not compiling its sources each run
    make = generate if args.corpus == "generated" else realistic
    with tempfile.TemporaryDirectory() as directory:
        messy = Path(directory) / "events.yaml"
        messy.write_text(make(args.events, args.seed), encoding="utf-8")
        canonical = Path(directory) / "canonical.yaml"
        shutil.copyfile(messy, canonical)
        timeline(canonical, expect=0)  # rewrite it once: the canonical copy
        size = messy.stat().st_size / 1e6
        print(f"{args.events} {args.corpus} events, {size:.1f} MB; best of {args.repeat}")
        base = best_of(args.repeat, lambda: event_stream(canonical))
        print(f"  {'floor: yaml.parse(text, CSafeLoader), events dropped':52} {base:6.2f} s  1.0x")
        loading = best_of(args.repeat, lambda: floor(canonical))
        print(f"  {'yaml.load(text, CSafeLoader)':52} {loading:6.2f} s  {loading / base:.1f}x")
        for label, path, expect in (("file needs normalizing", messy, 1), ("file already canonical", canonical, 0)):
            seconds = best_of(args.repeat, lambda: timeline("--check", path, expect=expect))
            print(f"  {'timeline normalize --check, ' + label:52} {seconds:6.2f} s  {seconds / base:.1f}x")


if __name__ == "__main__":
    main()
