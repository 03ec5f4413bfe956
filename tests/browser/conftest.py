"""A real browser for the pages timeline writes: Debian's Chromium (/usr/bin/chromium), driven by Playwright's Python
package.

Playwright is pointed at that Chromium (executable_path); `playwright install` is never run and no browser is ever
downloaded. Every test that needs the browser takes the `visit` fixture (or `chromium`): where Chromium is missing
it is skipped with the reason, and under CI=true, where .ci/run installs it, it fails instead, so a CI run never
passes by skipping the browser. Playwright is in the `test` extra: without it a test fails and says how to install
it. The npm packages (axe-core, TimelineJS, Mermaid: `npm ci` in tests/browser) are treated like Chromium: skipped
with the reason on a developer's machine without them, a failure under CI=true.

What the fixtures give other browser tests (the HTML page's, a TimelineJS export's):
- `visit(path, js=..., width=...)`: the file opened from disk in a fresh browser context, with every console error,
  uncaught exception and request attempted recorded; a request to anything but file:, data: or about: is refused
  before it leaves the machine, and fails the test.
- `artifacts`: the folder screenshots and PDFs are kept in ($TIMELINE_ARTIFACTS, else one under pytest's temporary
  directory). The checks made on a page (screenshots, PDF text, axe-core) are in browser/chromium.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser.chromium import CHROMIUM, LOCAL_SCHEMES, Visit, saved, unavailable
from conftest import ARTIFACT

# Headless, and quiet: no sandbox (CI runs as root), no GPU, and none of Chromium's own traffic (updates, sync,
# field trials, QUIC probes), so the only requests are the page's. Playwright gives each launch a fresh profile
# (a new --user-data-dir in a temporary folder), so nothing carries over from a previous run.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, for the whole session (Playwright's Browser)."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (Debian packages chromium and chromium-driver; .ci/run installs them)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright's Python package is not installed: pip install -e '.[test]'", pytrace=False)
    driver = sync_playwright().start()
    browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
    yield browser
    browser.close()
    driver.stop()


def _route(own_scripts: bool):
    """The handler every request goes through: local ones continue, others are refused (and recorded by the
    page's request event). Without `own_scripts` the document comes with a Content-Security-Policy header that
    forbids every script of the page's own (see `visit`)."""
    def handle(route) -> None:
        request = route.request
        if not request.url.startswith(LOCAL_SCHEMES):
            route.abort("blockedbyclient")
        elif not own_scripts and request.is_navigation_request() and request.url.startswith("file:"):
            body = Path(_file_path(request.url)).read_bytes()
            route.fulfill(body=body, content_type="text/html; charset=utf-8",
                          headers={"Content-Security-Policy": "script-src 'none'"})
        else:
            route.continue_()
    return handle


def _file_path(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path)


@pytest.fixture
def visit(chromium):
    """`visit(path, js=True, width=1280, height=900, fragment="", own_scripts=True) -> Visit`: open a file from disk.

    js=False is Chromium with JavaScript off, as a reader with it disabled sees the page; the test can still read
    the DOM (Playwright's evaluate), but a checker that needs timers or promises (axe) does not run there. For that,
    own_scripts=False keeps JavaScript on for the test while a Content-Security-Policy header stops every script of
    the page's own: the page as without JavaScript, checkable (test_html_page checks the two DOMs are the same).
    A request to anything but file:, data: or about: fails the test at its end, whatever the test asserted.
    """
    contexts, visits = [], []

    def open_page(path: Path | str, *, js: bool = True, width: int = 1280, height: int = 900, fragment: str = "",
                  own_scripts: bool = True) -> Visit:
        context = chromium.new_context(java_script_enabled=js, viewport={"width": width, "height": height},
                                       locale="ja-JP", timezone_id="Asia/Tokyo", service_workers="block")
        contexts.append(context)
        context.route("**/*", _route(own_scripts))
        page = context.new_page()
        page.set_default_timeout(15_000)
        seen = Visit(page)
        page.on("console", lambda message: seen.console_errors.append(message.text)
                if message.type == "error" else None)
        page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
        page.on("request", lambda request: seen.requests.append(request.url))
        visits.append(seen)
        url = Path(path).resolve().as_uri() if not str(path).startswith("file:") else str(path)
        page.goto(url + (f"#{fragment}" if fragment else ""), wait_until="load")
        return seen

    yield open_page
    for context in contexts:
        context.close()
    foreign = [url for seen in visits for url in seen.foreign_requests()]
    if foreign:
        pytest.fail(f"the page asked the network for {foreign}: it must work offline", pytrace=False)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where screenshots and PDFs are kept: $TIMELINE_ARTIFACTS (CI can upload it), else under pytest's temporary
    directory (the run's own, which pytest-xdist's workers have theirs inside: one folder for the whole run).
    Never in the repository."""
    base = tmp_path_factory.getbasetemp()
    folder = Path(os.environ["TIMELINE_ARTIFACTS"]) if os.environ.get("TIMELINE_ARTIFACTS") \
        else (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "browser-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(autouse=True)
def _artifacts_on_the_report(request):
    """What a test saved rides on its report (user_properties), which pytest-xdist sends from the worker that ran it:
    tests/conftest.py's end-of-run summary names the folders from there."""
    before = len(saved)
    yield
    request.node.user_properties.extend((ARTIFACT, str(path)) for path in saved[before:])
