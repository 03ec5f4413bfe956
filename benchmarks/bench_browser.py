"""How fast the web page (`timeline html`) is in a real browser: Debian's Chromium, driven by Playwright.

    python benchmarks/bench_browser.py [--events 1000 10000] [--seed 1] [--repeat 3]

For each generated file: the page's size, then, best and median of --repeat fresh loads from disk,
- interactive: from the start of navigation until the page's script has run (the controls shown, the live count
  written), as the browser's clock (performance.now()) tells it;
- a filter: one topic checkbox clicked, the page's handler run and the layout brought up to date;
- a search: a term submitted and the same, right after the page is ready (the page builds its search index when
  it is idle after loading: a search before that builds it), and again once the page has been idle for a second.
- the floor: the same events' Markdown chronology as the plainest HTML (a <p> per line, no script, no style),
  loaded the same way, until the browser has laid it out: what showing that much text costs this browser on this
  machine now. The interactive time is also given as a ratio to it, which a busy or slow machine changes less
  than the time itself (the same page took 2.3 s and 3.4 s an hour apart here).
Issue 19's goals: 10,000 events interactive in under 2 s on this machine, filters answering in under 100 ms. The
figures are printed, never asserted (a busy machine would fail them); benchmarks/results.md keeps them.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402  (a sibling script, not a package)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY = """() => { const form = document.querySelector('.tl-controls'), count = document.getElementById('tl-count');
    return form && !form.hidden && count && count.textContent; }"""  # polled from the first byte: parts may be missing
# Both in the page's own clock: a click and a submit run the page's handlers at once; reading offsetHeight then makes
# the browser lay the page out again, which is what a reader waits for.
FILTER = """() => { const box = document.querySelector('#tl-topics input'); const start = performance.now();
    box.click(); document.body.offsetHeight; const took = performance.now() - start;
    box.click(); return took; }"""
SEARCH = """term => { const field = document.getElementById('tl-q'); field.value = term;
    const start = performance.now(); document.querySelector('.tl-controls').requestSubmit();
    document.body.offsetHeight; const took = performance.now() - start;
    field.value = ''; document.querySelector('.tl-controls').requestSubmit(); return took; }"""


def write_page(events: int, seed: int, folder: Path) -> tuple[Path, Path]:
    """The page of a generated file, and the floor: its Markdown chronology as the plainest HTML."""
    data = folder / f"events-{events}.yaml"
    data.write_text(generate(events, seed), encoding="utf-8")
    page, markdown = folder / f"page-{events}.html", folder / f"chronology-{events}.md"
    for command, out in (("html", page), ("chronology", markdown)):
        done = subprocess.run([sys.executable, "-m", "timeline", command, "-f", str(data), "-o", str(out), "--force"],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"timeline {command}: exit {done.returncode}\n{done.stderr[-2000:]}")
    floor = folder / f"floor-{events}.html"
    lines = markdown.read_text(encoding="utf-8").splitlines()
    floor.write_text("<!DOCTYPE html><html lang=en><meta charset=utf-8><title>floor</title><body>\n" +
                     "".join(f"<p>{html.escape(line)}</p>\n" for line in lines if line), encoding="utf-8")
    return page, floor


def measure_floor(browser, floor_path: Path) -> float:
    """ms from navigation until the plain page is loaded and laid out."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(floor_path.as_uri(), wait_until="load")
    page.wait_for_function("document.body.offsetHeight > 0")
    loaded = page.evaluate("performance.now()")
    context.close()
    return loaded


def measure(browser, page_path: Path) -> tuple[float, float, float, float]:
    """(interactive ms, filter ms, search ms, search ms once idle) for one fresh load of the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.goto(page_path.as_uri(), wait_until="commit")
    page.wait_for_function(READY, timeout=120_000)
    interactive = page.evaluate("performance.now()")  # ms since navigation started
    filtering = page.evaluate(FILTER)
    searching = page.evaluate(SEARCH, "ai")
    page.wait_for_timeout(1000)
    again = page.evaluate(SEARCH, "ai")
    context.close()
    return interactive, filtering, searching, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for events in options.events:
            page, floor = write_page(events, options.seed, Path(temporary))
            runs, floors = [], []
            for _ in range(options.repeat):  # alternated, so that both see the machine as it is
                runs.append(measure(browser, page))
                floors.append(measure_floor(browser, floor))
            size = page.stat().st_size
            print(f"{events} events: page {size / 1e6:.1f} MB ({size / events / 1000:.1f} kB per event); "
                  f"best and median of {options.repeat}")
            for label, index in (("interactive", 0), ("filter (one topic)", 1), ("search", 2), ("search, idle", 3)):
                times = [run[index] for run in runs]
                print(f"  {label:20} {min(times):8.0f} ms {median(times):8.0f} ms")
            interactive = [run[0] for run in runs]
            print(f"  {'floor (plain text)':20} {min(floors):8.0f} ms {median(floors):8.0f} ms; interactive / floor "
                  f"{min(interactive) / min(floors):.2f}x (best), {median(interactive) / median(floors):.2f}x (median)")
        browser.close()


if __name__ == "__main__":
    main()
