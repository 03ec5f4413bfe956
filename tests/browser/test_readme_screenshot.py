"""The README's picture of the web page, docs/images/chronology.png, is the real page: `timeline html` on the bundled
data, drawn by Chromium at 1280 px. `UPDATE_SCREENSHOT=1 pytest tests/browser/test_readme_screenshot.py` draws it
again (commit the new PNG); otherwise the test checks that the committed one is there at that width, without a
browser.
"""

from __future__ import annotations

import os
import struct

from browser.test_html_page import BUNDLED, write_page
from conftest import REPO

SCREENSHOT = REPO / "docs" / "images" / "chronology.png"
WIDTH, HEIGHT = 1280, 1400  # the header, the overview, the controls and the first events
LANG = "en"  # the README's language; the page switches to Japanese with one button


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header: the signature, then the IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_readme_screenshot_is_the_page_at_1280_px(request, tmp_path):
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        seen = request.getfixturevalue("visit")(write_page(BUNDLED, LANG, tmp_path / "chronology.html"),
                                                width=WIDTH, height=HEIGHT)
        assert seen.problems() == []
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        seen.page.screenshot(path=str(SCREENSHOT), animations="disabled")
    assert SCREENSHOT.exists(), "docs/images/chronology.png is missing: UPDATE_SCREENSHOT=1 pytest " \
                                "tests/browser/test_readme_screenshot.py draws it"
    assert png_size(SCREENSHOT.read_bytes())[0] == WIDTH
