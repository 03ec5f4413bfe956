"""`timeline import timelinejs-csv` of a generated 10,000-row sheet (issue 20's import benchmark), printed.

Run: python benchmarks/bench_import.py [ROWS]. The sheet has Knight Lab's 18 columns, a title row, HTML in
the text, a link per row, display-date qualifiers on one row in ten and media on one in five: the work of a
real import, through the real command in a subprocess (start-up included, as a newsroom runs it).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timeline.interchange.timelinejs import SHEET_COLUMNS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import compile_bytecode  # noqa: E402


def sheet(rows: int) -> bytes:
    """A TimelineJS sheet of `rows` events, deterministic."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)
    title = dict.fromkeys(SHEET_COLUMNS, "")
    writer.writerow({**title, "Headline": "Generated timeline", "Type": "title"}.values())
    for number in range(rows):
        row = dict.fromkeys(SHEET_COLUMNS, "")
        row.update({"Year": str(2000 + number % 25), "Month": str(1 + number % 12) if number % 3 else "",
                    "Day": str(1 + number % 28) if number % 3 == 1 else "", "Headline": f"Event <b>{number}</b>",
                    "Text": f"<p>What happened, with <a href='https://news.example/{number}'>a link</a>.</p>",
                    "Group": f"Topic {number % 7}", "Display Date": "c. then" if number % 10 == 0 else "",
                    "Media": "https://img.example/x.jpg" if number % 5 == 0 else ""})
        writer.writerow(row.values())
    return out.getvalue().encode("utf-8")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    compile_bytecode()  # as an installed timeline runs: not compiling its sources each run
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet.csv"
        source.write_bytes(sheet(rows))
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "timeline", "import", "timelinejs-csv", str(source), "-o",
                               str(Path(folder) / "events.yaml")], capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr[-300:]}"
    print(f"import timelinejs-csv, {rows:,} rows: {seconds:.2f} s ({status})")


if __name__ == "__main__":
    main()
