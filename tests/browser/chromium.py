"""What browser tests share besides fixtures (tests/browser/conftest.py has those): the record of one page visit,
and the checks made on it (screenshots, PDF text, axe-core). Import as `from browser.chromium import ...`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_SCHEMES = ("file:", "data:", "about:")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # WCAG 2.2 AA: axe tags each rule by the level
saved: list[Path] = []  # artifacts written this run, named at the end of the run (conftest.pytest_terminal_summary)


def unavailable(what: str) -> None:
    """Skip a browser test with the reason, or fail it under CI=true, where .ci/run installs everything it needs."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true, and the browser tests cannot run: {what}", pytrace=False)
    pytest.skip(f"browser test skipped: {what}")


@dataclass
class Visit:
    """One page opened in its own browser context, and what it did."""

    page: object  # playwright.sync_api.Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL asked for, refused or not, blocked by CSP or not

    def foreign_requests(self) -> list[str]:
        """Requests for anything but the file itself: the page must work on a plane."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and foreign requests, one line each: [] for a clean page."""
        return ([f"console error: {text}" for text in self.console_errors]
                + [f"uncaught exception: {text}" for text in self.page_errors]
                + [f"request attempted: {url}" for url in self.foreign_requests()])


def save_screenshot(seen: Visit, path: Path, width: int, height: int = 1600, full_page: bool = False) -> Path:
    """The page at `width` CSS pixels, as a PNG at `path`: its first `height` pixels, or all of it with `full_page`
    (slow: the bundled chronology is some 40,000 pixels tall at 375, half a minute to draw on a busy machine)."""
    seen.page.set_viewport_size({"width": width, "height": height})
    seen.page.screenshot(path=str(path), full_page=full_page, animations="disabled", timeout=120_000)
    saved.append(path)
    return path


def print_pdf(seen: Visit, path: Path | None = None) -> bytes:
    """The page printed (its print stylesheet) to an A4 PDF; kept at `path` when one is given."""
    data = seen.page.pdf(format="A4", print_background=True)
    if path is not None:
        path.write_bytes(data)
        saved.append(path)
    return data


def pdf_text(data: bytes) -> str:
    """The text of a PDF, page after page (pypdf)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def axe_violations(seen: Visit, within: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now (axe injected through DevTools, which the page's
    Content-Security-Policy does not govern); only in the element `within` selects, if given (a long page)."""
    if not AXE.exists():
        unavailable(f"axe-core is not installed: run `npm ci` in tests/browser ({AXE.name} is missing)")
    seen.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result = seen.page.evaluate("([within, options]) => axe.run(within ? document.querySelector(within) : document, options)",
                                [within, options])
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    """axe's violations for a person: the rule, its impact and help, and each offending element with axe's reason."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:10]:
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"        {summary[:400]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)
