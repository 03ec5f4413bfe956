"""Run every benchmark scenario and print its time and peak memory against floors measured in the same run.

    python benchmarks/run.py [--quick] [--sizes 1k,10k,100k] [--corpus generated,realistic] [--markdown FILE]
                             [--against OTHER/bin/timeline]

Each command runs as a real process (interpreter start, imports and teardown included), several times; the
table shows the median wall time, the median CPU time (user + system: steadier than wall time on a shared
machine), the ratio of the wall time to the floors measured on the same file, and the peak resident memory.

Floors, the fastest sensible thing one can do with the same file:
  python -c pass            the interpreter alone
  import yaml               `python -c "import yaml"`; `validate` and `list` on the bundled data aim at 4x this
  typer --help              a minimal Typer app's --help
  yaml.parse                libyaml's event stream, consumed and dropped: the floor for any YAML tool
  yaml.load                 `yaml.load(text, CSafeLoader)`: what a naive tool does
  check-jsonschema          our published schema checked by the tool a newsroom would otherwise use (installed
                            into benchmarks/data/.venv-floors on first use; skipped with a message if that fails)

Two corpora at each size (same seed, same bytes; kept in benchmarks/data/, gitignored): `generated`
(generate.py: made-up events over a decade, random titles) and `realistic` (realistic.py: the bundled events
copied onto same-day clusters of 50-500, in canonical form, as a newsroom's file under pre-commit). At 10k two
more realistic cases, for `validate` and `normalize --check`: `near-dup` (nearly every same-day neighbour a
near-duplicate) and `warn1` (1% of the events with a warning: the careful validation path).

--against runs every uncached command of another timeline too (e.g. a worktree of HEAD with its own venv),
alternating with this one's runs, and adds its rows and the CPU ratio `x before`: a before/after in one run on
a shared machine. At the end, the cost per 1,000 events of each command at each size (linear growth).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
SCHEMA = ROOT / "src" / "timeline" / "schema.json"
FLOOR_VENV = DATA / ".venv-floors"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
CORPORA = ("generated", "realistic")
CASES = {"near-dup": "near-duplicates", "warn1": "warnings"}  # realistic.py kinds measured at 10k only

PARSE = ("import collections, sys, yaml; text = open(sys.argv[1], encoding='utf-8').read(); "
         "collections.deque(yaml.parse(text, Loader=yaml.CSafeLoader), maxlen=0)")
LOAD = ("import sys, yaml; text = open(sys.argv[1], encoding='utf-8').read(); "
        "yaml.load(text, Loader=yaml.CSafeLoader)")
TYPER_HELP = ("import typer; app = typer.Typer(add_completion=False)\n"
              "@app.command()\ndef hello(name: str = 'world') -> None:\n    print(name)\n"
              "@app.command()\ndef bye() -> None:\n    pass\n"
              "app(['--help'], prog_name='minimal')")


@dataclass
class Measure:
    """The runs of one command: wall and CPU seconds, peak RSS in kB, exit code."""

    label: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_kb: int = 0
    code: int = 0
    skipped: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")


def run_once(command: list[str], env: dict[str, str], codes: tuple[int, ...]) -> tuple[float, float, int, int]:
    """Run one process to the end: (wall s, cpu s, peak RSS kB, exit code). wait4 gives this child's rusage.

    An exit code outside `codes` stops the benchmark: a crash must not pass for a fast run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env, cwd=DATA)
    stderr = process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in codes or b"Traceback (most recent call last)" in stderr:  # a crash exits 1 too
        raise SystemExit(f"{' '.join(command)}: exit {process.returncode}\n{stderr.decode(errors='replace')[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode


def measure(label: str, command: list[str], repeat: int, env: dict[str, str] | None = None,
            codes: tuple[int, ...] = (0,), before=None) -> Measure:
    """Run `command` `repeat` times (calling `before` ahead of each); exit codes other than `codes` abort."""
    result = Measure(label)
    environment = {**os.environ, **(env or {})}
    for _ in range(repeat):
        if before is not None:
            before()
        wall, cpu, rss, code = run_once(command, environment, codes)
        result.walls.append(wall)
        result.cpus.append(cpu)
        result.rss_kb = max(result.rss_kb, rss)
        result.code = code
    return result


def measure_pair(label: str, command: list[str], other: list[str], repeat: int, env: dict[str, str],
                 codes: tuple[int, ...], before=None) -> tuple[Measure, Measure]:
    """`command` and `other` (the same arguments run by another timeline), alternating, `repeat` times each."""
    ours, theirs = Measure(label), Measure(f"{label} [before]")
    for _ in range(repeat):
        for result, argv in ((ours, command), (theirs, other)):
            fresh = measure(result.label, argv, 1, env=env, codes=codes, before=before)
            result.walls += fresh.walls
            result.cpus += fresh.cpus
            result.rss_kb, result.code = max(result.rss_kb, fresh.rss_kb), fresh.code
    return ours, theirs


def runs(command: list[str], env: dict[str, str]) -> bool:
    """Whether `command` runs to a verdict (exit 0 or 1): an older timeline may lack a command."""
    try:
        run_once(command, {**os.environ, **env}, (0, 1))
    except SystemExit:
        return False
    return True


def dataset(name: str, count: int) -> Path:
    """The generated file for `count` events, made once per seed (the generator is deterministic)."""
    path = DATA / f"events-{name}.yaml"
    DATA.mkdir(exist_ok=True)  # bench_html.py and the others call this on a fresh clone too
    if not path.is_file():
        print(f"generating {path.relative_to(ROOT)} ({count} events) ...", file=sys.stderr, flush=True)
        temporary = path.with_suffix(".tmp")
        # In a child process: a child's peak memory counts its parent's from before the exec, so this process
        # must stay small for the figures of every command it starts.
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(count), str(temporary)], check=True)
        temporary.replace(path)
    return path


def realistic_dataset(kind: str, count: int, label: str) -> Path:
    """realistic.py's file of `count` events of `kind`, put in canonical form by the timeline measured."""
    path = DATA / f"realistic-{label}.yaml"
    if not path.is_file():
        print(f"generating {path.relative_to(ROOT)} ({count} events, {kind}) ...", file=sys.stderr, flush=True)
        temporary = path.with_suffix(".tmp.yaml")
        subprocess.run([sys.executable, str(HERE / "realistic.py"), str(count), str(temporary), "--kind", kind],
                       check=True)  # in a child process, as in `dataset`
        run_once(timeline_command() + ["normalize", str(temporary)], {**os.environ, **NO_CACHE}, (0,))
        temporary.replace(path)
    return path


def bundled() -> Path:
    """The dataset shipped in the package (a link to the repository's events.yaml)."""
    return (ROOT / "src" / "timeline" / "data" / "events.yaml").resolve()


def first_topic(path: Path) -> str:
    """A topic id of the file for `list --topic`: the first key under `topics:` (a text scan; files are big)."""
    with open(path, encoding="utf-8") as handle:
        in_topics = False
        for line in handle:
            if line.startswith("topics:"):
                in_topics = True
            elif in_topics and line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
                return line.strip()[:-1]
    raise SystemExit(f"{path}: no topic found")


def check_jsonschema() -> str | None:
    """The check-jsonschema executable of the floors' own venv, installing it there on first use."""
    exe = FLOOR_VENV / "bin" / "check-jsonschema"
    if exe.exists():
        return str(exe)
    print("installing check-jsonschema into benchmarks/data/.venv-floors (floor only, not a dependency) ...",
          file=sys.stderr, flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(FLOOR_VENV)], check=True, capture_output=True)
        subprocess.run([str(FLOOR_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "check-jsonschema"],
                       check=True, capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as error:
        print(f"check-jsonschema floor skipped: could not install it ({error})", file=sys.stderr)
        return None
    return str(exe) if exe.exists() else None


def timeline_command() -> list[str]:
    script = Path(sys.executable).parent / "timeline"
    return [str(script)] if script.exists() else [sys.executable, "-m", "timeline"]


CACHE_HOME = DATA / "xdg-cache"  # the benchmark's own cache directory, never the user's
STATE_HOME = DATA / "xdg-state"  # and its own cache-signing key ($XDG_STATE_HOME/timeline/cache-key)
NO_CACHE = {"TIMELINE_NO_CACHE": "1"}
CACHED = {"XDG_CACHE_HOME": str(CACHE_HOME), "XDG_STATE_HOME": str(STATE_HOME)}


def clear_cache() -> None:
    shutil.rmtree(CACHE_HOME, ignore_errors=True)


def _after_one_run(args: list[str]):
    """An empty cache that has seen the file once (so the next run writes the entry)."""

    def prepare() -> None:
        clear_cache()
        run_once(timeline_command() + args, {**os.environ, **CACHED}, (0, 1))

    return prepare


def scenarios(path: Path, topic: str) -> list[tuple[str, list[str], dict[str, str], object]]:
    """(label, arguments, environment, action before each run). Each command runs without the parsed cache
    (TIMELINE_NO_CACHE=1), then from it (a third and later run on unchanged files). For validate, also the
    first run with the cache on (it only leaves a marker: what CI pays) and the second (it writes the entry)."""
    file = str(path)
    commands = [
        ("validate", ["validate", file]),
        ("validate --format json", ["validate", "--format", "json", file]),
        (f"list --topic {topic}", ["list", "-f", file, "--topic", topic]),
        ("list --format json", ["list", "-f", file, "--format", "json"]),
        ("chronology", ["chronology", "-f", file, "--lang", "en"]),
        ("html", ["html", "-f", file, "--lang", "en"]),  # bench_html.py: the ratio to chronology, page size
    ]
    rows: list[tuple[str, list[str], dict[str, str], object]] = []
    for label, args in commands:
        rows.append((label, args, NO_CACHE, None))
        if label == "validate":
            rows.append(("validate (first run)", args, CACHED, clear_cache))
            rows.append(("validate (second run, writes cache)", args, CACHED, _after_one_run(args)))
        rows.append((f"{label} (cached)", args, CACHED, None))
    rows.append(("normalize --check", ["normalize", "--check", file], NO_CACHE, None))
    return rows


def repeats(size: str, quick: bool) -> int:
    """Runs per command: fewer on big files (`size` is "bundled", "1k", "10k" or "100k")."""
    if size == "100k":
        return 1 if quick else 3
    if size == "10k":
        return 3 if quick else 5
    return 5 if quick else 11


def fmt_ratio(value: float, floor: Measure | None) -> str:
    if floor is None or floor.skipped or not floor.walls:
        return "-"
    return f"{value / floor.wall:.2f}x"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = f"{int(Path('/proc/meminfo').read_text().split()[1]) / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        memory = "?"
    import yaml

    libyaml = yaml._yaml.get_version_string() if getattr(yaml, "__with_libyaml__", False) else "none"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; PyYAML {yaml.__version__}, libyaml {libyaml}; "
            f"load average at start {load:.2f}")


class Table:
    """Rows printed as they come, and kept for the Markdown copy."""

    HEADER = ("data", "command", "wall s", "cpu s", "x parse", "x parse cpu", "x load", "x jsonschema", "x import yaml",
              "x before", "peak MB")

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        print(self.line(self.HEADER), flush=True)

    @staticmethod
    def line(cells: tuple[str, ...]) -> str:
        widths = (14, 36, 7, 7, 8, 11, 7, 12, 13, 8, 8)
        return "  ".join(f"{cell:<{w}}" if i < 2 else f"{cell:>{w}}" for i, (cell, w) in enumerate(zip(cells, widths)))

    def add(self, data: str, result: Measure, floors: dict[str, Measure], before: Measure | None = None) -> None:
        if result.skipped:
            cells = (data, result.label, "-", "-", "-", "-", "-", "-", "-", "-", result.skipped)
        else:
            parse = floors.get("parse")
            on_cpu = "-" if parse is None or not parse.cpus else f"{result.cpu / parse.cpu:.2f}x"
            cells = (data, result.label, f"{result.wall:.3f}", f"{result.cpu:.3f}",
                     fmt_ratio(result.wall, parse), on_cpu, fmt_ratio(result.wall, floors.get("load")),
                     fmt_ratio(result.wall, floors.get("jsonschema")), fmt_ratio(result.wall, floors.get("import")),
                     "-" if before is None else f"{result.cpu / before.cpu:.2f}x", f"{result.rss_kb / 1024:.0f}")
        self.rows.append(cells)
        print(self.line(cells), flush=True)

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.HEADER) + " |", "|" + "---|" * len(self.HEADER)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in self.rows]
        return "\n".join(lines) + "\n"


def chosen(label: str, only: tuple[str, ...]) -> bool:
    """Whether `only` names the scenario: its label exactly, or a prefix of it written with a final `*`."""
    return any(label == item or item.endswith("*") and label.startswith(item[:-1]) for item in only)


def bench_file(name: str, path: Path, repeat: int, table: Table, common: dict[str, Measure], jsonschema: str | None,
               no_jsonschema: str = "not installed", against: str | None = None, only: tuple[str, ...] = (),
               growth: dict | None = None):
    """Every scenario on one file (those `only` names, if given: see `chosen`) against its floors."""
    py = sys.executable
    floors = dict(common)
    floors["parse"] = measure("floor: yaml.parse (libyaml events)", [py, "-c", PARSE, str(path)], repeat)
    floors["load"] = measure("floor: yaml.load(CSafeLoader)", [py, "-c", LOAD, str(path)], max(1, repeat // 2))
    if jsonschema is None:
        floors["jsonschema"] = Measure("floor: check-jsonschema", skipped=no_jsonschema)
    else:
        floors["jsonschema"] = measure("floor: check-jsonschema", [jsonschema, "--schemafile", str(SCHEMA), str(path)],
                                       1 if name in ("10k", "100k") else max(1, repeat // 3), codes=(0, 1))
    for key in ("parse", "load", "jsonschema"):
        table.add(name, floors[key], floors)
    command = timeline_command()
    for label, args, env, before in scenarios(path, first_topic(path)):
        if only and not chosen(label, only):
            continue
        if label.endswith("(cached)"):
            for _ in range(2):  # the second run on the same files writes the entry
                run_once(command + args, {**os.environ, **env}, (0, 1))
        # 1 is a verdict (invalid data, a file that needs normalizing), not a failure of the run
        if against and env is NO_CACHE and runs([against] + args, env):
            ours, theirs = measure_pair(label, command + args, [against] + args, repeat, env, (0, 1), before)
            table.add(name, ours, floors, theirs)
            table.add(name, theirs, floors)
        else:
            ours = measure(label, command + args, repeat, env=env, codes=(0, 1), before=before)
            table.add(name, ours, floors)
        if growth is not None:
            growth[(name.rsplit(" ", 1)[0], label, name.rsplit(" ", 1)[-1])] = ours.cpu
    if growth is not None:
        growth[(name.rsplit(" ", 1)[0], "floor: yaml.parse", name.rsplit(" ", 1)[-1])] = floors["parse"].cpu


def compile_bytecode() -> None:
    """Byte-compile timeline as an installed package is (pip compiles a wheel's modules at install time).

    An editable install has no .pyc until a first run writes them, and none at all where
    PYTHONDONTWRITEBYTECODE is set (as on the machine these figures come from): every run would then compile
    timeline's sources again, ~40 ms that no user of an installed timeline pays, while PyYAML, installed from
    a wheel, is measured with its bytecode.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("timeline")
    if spec and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def growth_table(growth: dict[tuple[str, str, str], float], sizes: list[str]) -> str:
    """CPU seconds per 1,000 events, start-up included, of each command at each size (Markdown)."""
    lines = ["| corpus | command | " + " | ".join(f"{size} cpu s / 1k events" for size in sizes) + " |",
             "|---|---|" + "---|" * len(sizes)]
    for corpus, label in dict.fromkeys((corpus, label) for corpus, label, _ in growth):
        cells = [f"{growth[(corpus, label, size)] / SIZES[size] * 1000:.3f}" if (corpus, label, size) in growth
                 else "-" for size in sizes]
        if any(cell != "-" for cell in cells) and corpus in ("gen", "real"):
            lines.append(f"| {corpus} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs; 100k only if asked for in --sizes")
    parser.add_argument("--sizes", default=None, help="comma-separated: 1k,10k,100k (default all; --quick: 1k,10k)")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled dataset")
    parser.add_argument("--no-jsonschema", action="store_true", help="skip the check-jsonschema floor")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--corpus", default="generated,realistic", help="comma-separated: generated,realistic")
    parser.add_argument("--against", help="another timeline executable: its uncached runs alternate with these")
    parser.add_argument("--only", help="comma-separated scenario labels (a final * matches a prefix), e.g. "
                        "'validate,validate (cached),list --topic*,normalize --check'")
    args = parser.parse_args()
    corpora = args.corpus.split(",")
    if set(corpora) - set(CORPORA):
        parser.error(f"unknown corpus in {args.corpus}; choose from {', '.join(CORPORA)}")
    sizes = (args.sizes or ("1k,10k" if args.quick else "1k,10k,100k")).split(",")
    unknown = [size for size in sizes if size not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    DATA.mkdir(exist_ok=True)
    compile_bytecode()
    only = tuple(args.only.split(",")) if args.only else ()
    files = {}  # table label -> (path, scenarios measured: all when empty)
    for size in sizes:
        if "generated" in corpora:
            files[f"gen {size}"] = (dataset(size, SIZES[size]), only)
        if "realistic" in corpora:
            files[f"real {size}"] = (realistic_dataset("plain", SIZES[size], size), only)
    if "realistic" in corpora and "10k" in sizes:
        for case, kind in CASES.items():
            files[f"{case} 10k"] = (realistic_dataset(kind, SIZES["10k"], f"{case}-10k"),
                                    ("validate", "normalize --check"))
    jsonschema = None if args.no_jsonschema else check_jsonschema()
    about = machine()
    print(about, flush=True)
    py = sys.executable
    table = Table()
    repeat = repeats("bundled", args.quick)
    common = {
        "pass": measure("floor: python -c pass", [py, "-c", "pass"], repeat),
        "import": measure("floor: python -c 'import yaml'", [py, "-c", "import yaml"], repeat),
        "typer": measure("floor: minimal typer --help", [py, "-c", TYPER_HELP], repeat),
    }
    for result in common.values():
        table.add("-", result, common)
    table.add("-", measure("timeline --help", timeline_command() + ["--help"], repeat), common)
    clear_cache()
    skipped = "skipped" if args.no_jsonschema else "not installed"
    if not args.no_bundled:
        bench_file("bundled", bundled(), repeat, table, common, jsonschema, skipped, against=args.against)
    growth: dict[tuple[str, str, str], float] = {}
    for name, (path, only) in files.items():
        bench_file(name, path, repeats(name.split()[-1], args.quick), table, common, jsonschema, skipped,
                   against=args.against, only=only, growth=growth)
    per_thousand = growth_table(growth, sizes)
    print(per_thousand, flush=True)
    if args.markdown:
        args.markdown.write_text(f"Machine: {about}\n\n{table.markdown()}\n{per_thousand}", encoding="utf-8")
        print(f"wrote {args.markdown}", file=sys.stderr)


if __name__ == "__main__":
    main()
