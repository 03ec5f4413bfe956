"""Time each `timeline export` format on generated files, as a ratio to `timeline list --format json`.

    python benchmarks/bench_export.py [--events 10000 100000] [--seed 1] [--repeat 3]

The base is `list --format json` on the same file: both read and validate the file the same way, so the ratio
is what each export's mapping costs on top (issue 20's goal: at most 2x). Each figure is the best of --repeat
runs of a real process (interpreter start included), writing to a file in a temporary folder; the cache is
warmed once first, as it is on a newsroom's machine after the first command.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402  (a sibling script, not a package)
from run import compile_bytecode  # noqa: E402

FORMATS = ("timelinejs", "timelinejs-csv", "ics", "sqlite", "mermaid")


def run(*args: str | Path) -> float:
    """Seconds one `timeline ARGS` takes; exits with its stderr if it fails."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "timeline", *map(str, args)], capture_output=True, text=True,
                            check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"timeline {' '.join(map(str, args))}: exit {result.returncode}\n{result.stderr[-2000:]}")
    return seconds


def best_of(repeat: int, *args: str | Path) -> float:
    return min(run(*args) for _ in range(repeat))


def bench(events: int, seed: int, repeat: int, folder: Path) -> None:
    data = folder / f"events-{events}.yaml"
    data.write_text(generate(events, seed), encoding="utf-8")
    out = folder / "out"
    run("list", "-f", data, "--format", "json")  # warm the cache: every run below reads the same way
    base = best_of(repeat, "list", "-f", data, "--format", "json", "-o", out) if _list_has_output() else \
        best_of(repeat, "list", "-f", data, "--format", "json")
    print(f"{events} events, {data.stat().st_size / 1e6:.1f} MB; best of {repeat}")
    print(f"  {'list --format json (base)':32} {base:6.2f} s  1.0x")
    for fmt in FORMATS:
        seconds = best_of(repeat, "export", fmt, "-f", data, "-o", folder / f"out.{fmt}", "--force")
        print(f"  {'export ' + fmt:32} {seconds:6.2f} s  {seconds / base:.1f}x")


def _list_has_output() -> bool:
    """Whether `list` takes -o (it may not): then the base writes a file too, like the exports."""
    result = subprocess.run([sys.executable, "-m", "timeline", "list", "--help"], capture_output=True, text=True,
                            check=False)
    return "--output" in result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compile_bytecode()  # as an installed timeline runs: not compiling its sources each run
    with tempfile.TemporaryDirectory() as directory:
        for events in args.events:
            bench(events, args.seed, args.repeat, Path(directory))


if __name__ == "__main__":
    main()
