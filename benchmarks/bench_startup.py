"""Start-up of `timeline --help` (and friends) as real processes, rounds interleaved with the interpreter floor.

    python benchmarks/bench_startup.py [--rounds 41] [--against OTHER/src]

Each round runs every command once, in turn, so that a slow stretch of a shared machine touches them all
alike; with --against, each command also runs with PYTHONPATH=OTHER/src (another checkout's code, say the
commit before a change) in the same rounds. The table shows the median wall and CPU time (user + system,
from `wait4`) of each. Measures only; it never passes or fails anything.

The completion rows run what a shell's script runs when Tab is pressed (`_TIMELINE_COMPLETE=complete_bash`,
COMP_WORDS, COMP_CWORD) on the bundled data, from the cache; they are skipped where the installed timeline
has no completion.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import DATA, Measure, bundled, compile_bytecode, machine, run_once, timeline_command

# A normal command: the bundled data, the parsed cache off (every run reads the YAML).
NORMAL = {"TIMELINE_FILE": str(bundled()), "TIMELINE_NO_CACHE": "1"}


def completion_env(words: str, cache: str) -> dict[str, str]:
    """What typer's bash script sets when Tab is pressed after `words` (the last word is the one completed)."""
    return {"_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1),
            "XDG_CACHE_HOME": cache, "XDG_STATE_HOME": cache + "-state", "TIMELINE_FILE": ""}


def scenarios(cache: str, against: Path | None) -> list[tuple[str, list[str], dict[str, str]]]:
    py, command = sys.executable, timeline_command()
    rows = [("floor: python -c pass", [py, "-c", "pass"], {})]
    trees = [("", {})] + ([(f" [{against}]", {"PYTHONPATH": str(against)})] if against else [])
    for suffix, env in trees:
        rows += [
            ("timeline --help" + suffix, command + ["--help"], env),
            ("timeline list --help" + suffix, command + ["list", "--help"], env),
            ("timeline --version" + suffix, command + ["--version"], env),
            ("timeline topics --format json" + suffix, command + ["topics", "--format", "json"], {**env, **NORMAL}),
        ]
    probe = subprocess.run(command + ["--help"], capture_output=True, text=True, check=False)
    if "--show-completion" in probe.stdout:
        rows += [
            ("complete: timeline sh<Tab>", command, completion_env("timeline sh", cache)),
            ("complete: timeline show <Tab> (cached)", command, completion_env("timeline show ", cache)),
            ("complete: list --actor <Tab> (cached)", command, completion_env("timeline list --actor ", cache)),
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=41, help="runs of each command (default 41)")
    parser.add_argument("--against", type=Path, help="another tree's src/ directory, measured in the same rounds")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)  # run_once runs commands there
    compile_bytecode()
    if args.against:
        args.against = args.against.resolve()
        compileall.compile_dir(str(args.against / "timeline"), quiet=1)
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as cache:
        rows = scenarios(cache, args.against)
        results = {label: Measure(label) for label, _, _ in rows}
        for label, command, env in rows:  # warm up: disk cache, .pyc, and the timeline cache (read twice)
            for _ in range(2):
                run_once(command, {**os.environ, **env}, (0,))
        for _ in range(args.rounds):
            for label, command, env in rows:
                wall, cpu, rss, code = run_once(command, {**os.environ, **env}, (0,))
                result = results[label]
                result.walls.append(wall)
                result.cpus.append(cpu)
                result.rss_kb = max(result.rss_kb, rss)
    print(f"\n{args.rounds} rounds, medians\n")
    print("| command | wall s | cpu s | cpu min-max | peak MB |")
    print("| --- | --- | --- | --- | --- |")
    for result in results.values():
        spread = f"{min(result.cpus):.3f}-{max(result.cpus):.3f}"
        print(f"| {result.label} | {result.wall:.3f} | {result.cpu:.3f} | {spread} | {result.rss_kb / 1024:.0f} |")
    print(f"\nstdev of --help CPU: {statistics.stdev(results['timeline --help'].cpus):.4f} s")


if __name__ == "__main__":
    main()
