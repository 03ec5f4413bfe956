"""How fast the web page (`timeline html`) is in a real browser: Debian's Chromium, driven by Playwright.

    python benchmarks/bench_browser.py [--events 1000 10000] [--seed 1] [--repeat 3]

For each generated file: the page's size, then, best of --repeat fresh loads from disk,
- interactive: from the start of navigation until the page's script has run (the controls shown, the live count
  written), as the browser's clock (performance.now()) tells it;
- a filter: one topic checkbox clicked, the page's handler run and the layout brought up to date;
- a search: a term submitted and the same, right after the page is ready (the page builds its search index when
  it is idle after loading: a search before that builds it), and again once the page has been idle for a second.
Issue 19's goals: 10,000 events interactive in under 2 s on this machine, filters answering in under 100 ms. The
figures are printed, never asserted (a busy machine would fail them); benchmarks/results.md keeps them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

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


def write_page(events: int, seed: int, folder: Path) -> Path:
    data = folder / f"events-{events}.yaml"
    data.write_text(generate(events, seed), encoding="utf-8")
    page = folder / f"page-{events}.html"
    done = subprocess.run([sys.executable, "-m", "timeline", "html", "-f", str(data), "-o", str(page), "--force"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"timeline html: exit {done.returncode}\n{done.stderr[-2000:]}")
    return page


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
            page = write_page(events, options.seed, Path(temporary))
            runs = [measure(browser, page) for _ in range(options.repeat)]
            size = page.stat().st_size
            print(f"{events} events: page {size / 1e6:.1f} MB ({size / events / 1000:.1f} kB per event); "
                  f"best of {options.repeat}")
            for label, index in (("interactive", 0), ("filter (one topic)", 1), ("search", 2), ("search, idle", 3)):
                print(f"  {label:20} {min(run[index] for run in runs):8.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
