"""Time `timeline normalize --check` on a 10 000-event file against a floor measured in the same run.

    python benchmarks/bench_normalize.py [--events 10000] [--seed 1] [--repeat 3]

The floor is the fastest sensible thing one can do with the same file: `yaml.load(text, CSafeLoader)`, libyaml
building plain Python values and nothing else. normalize does much more (positions, validation, the editorial
checks, writing, reading its output back to verify it), so the ratio says what that costs, not a pass mark.
Each figure is the best of --repeat runs; the command runs as a real process, interpreter start included.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402  (a sibling script, not a package)


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(path: Path) -> None:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        messy = Path(directory) / "events.yaml"
        messy.write_text(generate(args.events, args.seed), encoding="utf-8")
        canonical = Path(directory) / "canonical.yaml"
        shutil.copyfile(messy, canonical)
        timeline(canonical, expect=0)  # rewrite it once: the canonical copy
        size = messy.stat().st_size / 1e6
        print(f"{args.events} events, {size:.1f} MB; best of {args.repeat}")
        base = best_of(args.repeat, lambda: floor(messy))
        print(f"  {'floor: yaml.load(text, CSafeLoader)':52} {base:6.2f} s  1.0x")
        for label, path, expect in (("file needs normalizing", messy, 1), ("file already canonical", canonical, 0)):
            seconds = best_of(args.repeat, lambda: timeline("--check", path, expect=expect))
            print(f"  {'timeline normalize --check, ' + label:52} {seconds:6.2f} s  {seconds / base:.1f}x")


if __name__ == "__main__":
    main()
