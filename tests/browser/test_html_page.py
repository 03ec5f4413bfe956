"""`timeline html` in a real Chromium: the page as a reader gets it, opened from disk, with and without JavaScript.

The pages are the command's real output for the bundled data (ja and en) and for tests/browser/hostile.yaml (markup,
script and attribute break-outs in every value the page shows). What the page should do is read from the data
(timeline.pipeline.load_timeline), not written here: which events a topic, an actor or a search term selects.
Screenshots and PDFs are kept in the `artifacts` folder the run names at its end.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from browser.chromium import Visit, axe_violations, describe_violations, pdf_text, print_pdf, save_screenshot
from conftest import REPO, subprocess_environment
from timeline.names import fold
from timeline.render.html.words import WORDS
from timeline.pipeline import load_timeline

pytestmark = pytest.mark.browser

BUNDLED = REPO / "events.yaml"
HOSTILE = Path(__file__).parent / "hostile.yaml"
FAR = Path(__file__).parent / "far.yaml"  # one event in 500 B.C. among thirty in 2023-2024: a broken axis
PAGES = {"ja": (BUNDLED, "ja"), "en": (BUNDLED, "en"), "hostile": (HOSTILE, "en"), "hostile-ja": (HOSTILE, "ja"),
         "far": (FAR, "en")}
COUNT = {"en": "{shown} of {total} events", "ja": "{total}件中{shown}件"}


def write_page(source: Path, lang: str, path: Path) -> Path:
    """`timeline html -f SOURCE --lang LANG -o PATH`, as a reporter runs it."""
    command = [sys.executable, "-m", "timeline", "html", "-f", str(source), "--lang", lang, "-o", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=subprocess_environment(), timeout=120)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html-pages")
    return {name: write_page(source, lang, folder / f"{name}.html") for name, (source, lang) in PAGES.items()}


@pytest.fixture(scope="module")
def bundled():
    return load_timeline([BUNDLED])


def visible_events(seen: Visit) -> list[str]:
    """The ids of the events a reader sees, in page order."""
    return seen.page.eval_on_selector_all(
        "article.tl-event", "all => all.filter(a => a.checkVisibility()).map(a => a.id.slice(6))")


def count_text(seen: Visit) -> str:
    return seen.page.text_content("#tl-count").strip()


def wait_for_count(seen: Visit, lang: str, shown: int, total: int) -> None:
    """Wait until the live count says `shown` of `total` (the search answers after a short pause in typing)."""
    expected = COUNT[lang].format(shown=shown, total=total)
    seen.page.wait_for_function("text => document.getElementById('tl-count').textContent.trim() === text", arg=expected)


def check_topic(seen: Visit, topic: str) -> None:
    seen.page.check(f"#tl-topics input[value='{topic}']")


# -- from disk, offline, clean --------------------------------------------------------------------------------------

@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_opens_from_disk_with_no_console_error_and_no_request(visit, pages, name, js):
    seen = visit(pages[name], js=js)
    assert seen.problems() == []
    articles = seen.page.locator("article.tl-event").count()
    assert articles > 0 and len(visible_events(seen)) == articles  # every event shown, with or without script
    assert seen.page.locator("form.tl-controls").is_visible() is js  # no dead controls without script
    if js:
        lang = PAGES[name][1]
        assert count_text(seen) == COUNT[lang].format(shown=articles, total=articles)


@pytest.mark.parametrize("name", ["ja", "hostile"])
def test_every_link_within_the_page_leads_somewhere(visit, pages, name):
    """Permalinks, overview marks, footnote references and back-links, the skip link: each names an element."""
    seen = visit(pages[name], js=False)
    broken = seen.page.evaluate("""() => [...document.querySelectorAll('a[href^="#"]')]
        .map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(decodeURIComponent(id)))""")
    assert broken == []
    assert seen.page.locator("a.tl-mark").count() > 0 and seen.page.locator("a.tl-backref").count() > 0


def test_without_javascript_the_page_is_the_dom_axe_checks(visit, pages):
    """axe needs script to run; its no-JavaScript check sees the page with the page's own scripts stopped by a
    Content-Security-Policy. That is the page a reader without JavaScript gets, element for element."""
    off = visit(pages["ja"], js=False).page.evaluate("document.body.outerHTML")
    stopped = visit(pages["ja"], own_scripts=False).page.evaluate("document.body.outerHTML")
    assert off == stopped


@pytest.mark.parametrize("name", ["hostile", "hostile-ja"])
def test_no_script_from_the_data_runs_and_no_element_is_made_from_it(visit, pages, name):
    seen = visit(pages[name])
    page = seen.page
    for control in ["#tl-q", "#tl-lang", "#tl-actor"]:  # move about: a handler from data would fire now
        page.focus(control)
    page.hover("h1")
    page.click("#tl-lang")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert seen.problems() == []
    census = page.evaluate("""() => ({
        made: [...document.querySelectorAll('img, iframe, object, embed, base, link, marquee, details, template,'
              + ' math, noscript, body meta, body style, body title:not(svg title), form form, button button')]
              .map(e => e.outerHTML.slice(0, 120)),
        scripts: [...document.scripts].map(s => s.type || 'classic'),
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
              .filter(n => n.startsWith('on')),
        links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
              .filter(h => !h.startsWith('#') && !/^https?:/.test(h)),
    })""")
    assert census == {"made": [], "scripts": ["application/json", "classic"], "handlers": [], "links": []}
    timeline = load_timeline([HOSTILE])
    for event in timeline.events:  # each title shown as typed, in both languages
        for lang in ("ja", "en"):
            shown = page.text_content(f"#event-{event.id} .tl-title-text .tl-l-{lang}")
            assert shown == getattr(event.title, lang)
    assert page.title() == (timeline.title.ja if name == "hostile" else timeline.title.en)  # switched once


# -- filters, search, language, the URL ------------------------------------------------------------------------------

def test_a_topic_and_an_actor_filter_show_exactly_their_events(visit, pages, bundled):
    seen = visit(pages["en"])
    total = len(bundled.events)
    topic = min(bundled.topics, key=lambda t: (sum(t in e.topics for e in bundled.events) or total, t))
    wanted = [e.id for e in bundled.events if topic in e.topics]
    check_topic(seen, topic)
    wait_for_count(seen, "en", len(wanted), total)
    assert sorted(visible_events(seen)) == sorted(wanted)
    actor = next(a for e in bundled.events if topic in e.topics for a in e.actors)
    seen.page.select_option("#tl-actor", actor)
    both = [e.id for e in bundled.events if topic in e.topics and actor in e.actors]
    wait_for_count(seen, "en", len(both), total)
    assert sorted(visible_events(seen)) == sorted(both)
    assert f"topic={topic}" in seen.page.url and f"actor={actor}" in seen.page.url
    seen.page.click("#tl-clear")
    wait_for_count(seen, "en", total, total)
    assert len(visible_events(seen)) == total


@pytest.mark.parametrize("term", ["スターゲート", "Stargate", "ステーブルコイン", "stablecoin"])
def test_search_finds_typed_japanese_and_english_on_either_page(visit, pages, bundled, term):
    wanted = {e.id for e in bundled.events
              if any(fold(term) in fold(text) for text in (e.title.ja, e.title.en, e.summary.ja, e.summary.en))}
    assert wanted, f"the bundled data no longer mentions {term!r}: pick another term"
    for lang in ("ja", "en"):  # English typed on the Japanese page finds the English text too, and the reverse
        seen = visit(pages[lang])
        seen.page.locator("#tl-q").press_sequentially(term, delay=20)
        seen.page.wait_for_function("term => new URLSearchParams(location.hash.slice(1)).get('q') === term", arg=term)
        shown = set(visible_events(seen))
        assert wanted <= shown and len(shown) < len(bundled.events)
        assert count_text(seen) == COUNT[lang].format(shown=len(shown), total=len(bundled.events))


def test_the_language_toggle_switches_the_text_and_html_lang(visit, pages, bundled):
    seen = visit(pages["ja"])
    page, first = seen.page, bundled.events[0]
    assert page.inner_text("h1") == bundled.title.ja
    page.click("#tl-lang")
    languages = page.evaluate("[document.documentElement.lang, document.documentElement.dataset.timelineLang]")
    assert languages == ["en", "en"]
    assert page.inner_text("h1") == bundled.title.en
    assert page.inner_text(f"#event-{first.id} .tl-title-text") == first.title.en
    assert count_text(seen) == COUNT["en"].format(shown=len(bundled.events), total=len(bundled.events))
    assert "lang=en" in page.url
    # What a screen reader says of a permalink and a back-link follows too (a new-user review: it stayed Japanese).
    labels = page.evaluate("""() => [...document.querySelectorAll('.tl-permalink, .tl-backref')]
        .map(a => a.getAttribute('aria-label'))""")
    assert labels and all(label == WORDS["en"]["permalink"] or re.fullmatch(re.escape(WORDS["en"]["back"])
                                                                          + r" \(\d+-\d+\)", label) for label in labels)
    page.click("#tl-lang")
    assert page.evaluate("document.documentElement.lang") == "ja" and page.inner_text("h1") == bundled.title.ja


def test_the_internal_banner_follows_the_language_toggle(visit, tmp_path):
    """`--internal` marks the page at its top and in its title; the toggle switches the banner with the rest of the
    page's text (it stayed in the language the page was written in), the skip link too (found by a review)."""
    from timeline.internal import BANNER

    path = tmp_path / "internal.html"
    command = [sys.executable, "-m", "timeline", "html", "-f", str(BUNDLED), "--lang", "ja", "--internal", "-o", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=subprocess_environment(),
                          timeout=120)
    assert done.returncode == 0, done.stderr
    for js in (False, True):
        seen = visit(path, own_scripts=js)
        assert seen.page.inner_text(".tl-internal") == BANNER["ja"]
        assert seen.page.title().startswith(BANNER["ja"])  # a browser tab, a bookmark
    skip = seen.page.inner_text(".tl-skip")
    seen.page.click("#tl-lang")
    seen.page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert seen.page.inner_text(".tl-internal") == BANNER["en"]
    assert seen.page.title().startswith(BANNER["en"] + " · ")  # a new-user review: the toggle dropped it
    assert seen.page.inner_text(".tl-skip") not in ("", skip)  # the skip link follows the toggle too
    seen.page.click("#tl-lang")
    seen.page.wait_for_function("() => document.documentElement.lang === 'ja'")
    assert seen.page.inner_text(".tl-internal") == BANNER["ja"]
    assert seen.page.title().startswith(BANNER["ja"] + " · ")
    assert seen.problems() == []


def test_a_marks_tooltip_keeps_a_title_written_once_for_both_languages(visit, tmp_path):
    """A scheduled event named alike in both languages (a proper noun): the title is written once, "(scheduled)"
    in each language. Found by a hostile review: after the toggle the mark's tooltip kept only "（予定）"."""
    source = tmp_path / "scheduled.yaml"
    source.write_text((REPO / "tests/data/good/scheduled.yaml").read_text(encoding="utf-8").replace(
        "ja: AI行動計画の提出期限", "ja: Stargate plan").replace("en: AI action plan due", "en: Stargate plan"),
        encoding="utf-8")
    seen = visit(write_page(source, "en", tmp_path / "scheduled.html"))
    page = seen.page
    written = page.evaluate("""() => document.querySelector('.tl-mark[data-event="ai-plan-due"] title').textContent""")
    for lang in ("ja", "en"):
        page.click("#tl-lang")
        page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
        page.hover('.tl-mark[data-event="ai-plan-due"]')
        tooltip = page.evaluate("""() => document.querySelector('.tl-mark[data-event="ai-plan-due"] title')
            .textContent""")
        assert "Stargate plan" in tooltip and ("予定" if lang == "ja" else "scheduled") in tooltip, tooltip
    assert tooltip == written  # the words the page wrote are the script's: a tooltip never changes its wording
    assert seen.problems() == []


def test_a_shared_url_restores_the_filtered_view(visit, pages, bundled):
    first = visit(pages["ja"])
    topic = bundled.events[0].topics[0]
    check_topic(first, topic)
    first.page.locator("#tl-q").press_sequentially("AI", delay=20)
    first.page.click("#tl-lang")
    first.page.wait_for_function("() => new URLSearchParams(location.hash.slice(1)).get('q') === 'AI'")
    shown, count, url = visible_events(first), count_text(first), first.page.url
    assert 0 < len(shown) < len(bundled.events)
    again = visit(url)
    assert visible_events(again) == shown and count_text(again) == count
    assert again.page.input_value("#tl-q") == "AI" and again.page.is_checked(f"#tl-topics input[value='{topic}']")
    assert again.page.evaluate("document.documentElement.lang") == "en"
    assert again.problems() == []


def in_view(seen: Visit, event_id: str) -> bool:
    return seen.page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
        return r.top >= 0 && r.top < innerHeight && r.height > 0; }""", f"event-{event_id}")


def test_a_permalink_opens_its_event_even_when_a_filter_hides_it(visit, pages, bundled):
    seen = visit(pages["en"])
    topic = bundled.events[0].topics[0]
    target = next(e for e in reversed(bundled.events) if topic not in e.topics)
    check_topic(seen, topic)
    seen.page.wait_for_function("() => location.hash.includes('topic=')")
    assert target.id not in visible_events(seen)
    seen.page.evaluate("id => { location.hash = 'event-' + id; }", target.id)
    seen.page.wait_for_function("id => document.getElementById('event-' + id).checkVisibility()", arg=target.id)
    assert in_view(seen, target.id)
    assert seen.page.evaluate("document.activeElement.id") == f"event-{target.id}"
    opened = visit(pages["en"], fragment=f"event-{target.id}")  # the link pasted into a new tab
    assert target.id in visible_events(opened) and in_view(opened, target.id)


@pytest.mark.parametrize("fragment", ["event-%E0%A4%A", "event-%", "event-%FF"])
def test_a_malformed_event_link_opens_the_page_with_its_script_working(visit, pages, fragment):
    """A link cut short or mistyped (`#event-%E0%A4%A`) made decodeURIComponent throw, the page's script stopped
    before its search index was scheduled, and the console showed the error (found by the hostile review)."""
    seen = visit(pages["en"], fragment=fragment)
    assert seen.problems() == []
    articles = seen.page.locator("article.tl-event").count()
    assert count_text(seen) == COUNT["en"].format(shown=articles, total=articles)
    seen.page.evaluate("() => { location.hash = 'event-%E0%A4%A'; }")  # and after the page is ready
    seen.page.fill("#tl-q", "Stargate")
    seen.page.press("#tl-q", "Enter")
    seen.page.wait_for_function("() => !document.getElementById('tl-count').textContent.startsWith('%d ')" % articles)
    assert seen.problems() == [] and 0 < len(visible_events(seen)) < articles


# -- keyboard ---------------------------------------------------------------------------------------------------------

FOCUS_STYLE = """e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor]
        .join('|'); }"""


@pytest.mark.parametrize("name", ["ja", "en"])
def test_tab_reaches_every_control_and_shows_where_focus_is(visit, pages, name):
    seen = visit(pages[name])
    page = seen.page
    controls = page.eval_on_selector_all(".tl-controls input, .tl-controls select, .tl-controls button",
                                         "all => all.map(e => e.id)")
    reached, unseen = [], []
    for _ in range(len(controls) + 60):
        page.keyboard.press("Tab")
        current = page.evaluate("document.activeElement.id")
        if current in controls and current not in reached:
            reached.append(current)
            element = page.locator(f"#{current}")
            focused = element.evaluate(FOCUS_STYLE)
            element.evaluate("e => e.blur()")
            if element.evaluate(FOCUS_STYLE) == focused:
                unseen.append(current)
            element.focus()
            page.keyboard.press("Shift+Tab")  # back, so the next Tab is a keyboard move again
            page.keyboard.press("Tab")
        if len(reached) == len(controls):
            break
    assert sorted(reached) == sorted(controls), "not reached by Tab: " + str(set(controls) - set(reached))
    assert unseen == [], f"no visible focus on {unseen}"


@pytest.mark.parametrize("name", ["ja", "en"])
def test_tab_stops_once_on_the_overview_its_scrolling_frame(visit, pages, name):
    """From the skip link, Tab reaches the overview's frame (to scroll it sideways), then the search field: no stop
    where nothing happens (Chromium made the svg itself a second stop)."""
    page = visit(pages[name]).page
    stops = []
    for _ in range(3):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
    assert stops == ["tl-skip", "tl-overview-scroll", "tl-q"]


# -- screenshots, small screens, print --------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", ["ja", "en", "hostile"])
def test_screenshots_and_no_sideways_scrolling_on_a_phone(visit, pages, artifacts, name, width):
    seen = visit(pages[name], width=width)
    shot = save_screenshot(seen, artifacts / f"page-{name}-{width}.png", width)
    assert shot.stat().st_size > 10_000
    overflow = seen.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"


# The marks the overview's frame shows, and how many there are: a mark is shown when its middle is in the frame.
MARKS_IN_VIEW = """() => {
  const frame = document.querySelector('.tl-overview-scroll').getBoundingClientRect();
  const marks = [...document.querySelectorAll('#tl-axis .tl-mark')].map(m => m.getBoundingClientRect());
  const shown = marks.filter(b => b.left + b.width / 2 >= frame.left && b.left + b.width / 2 <= frame.right);
  const names = [...document.querySelectorAll('#tl-axis .tl-lane-label')].map(l => l.getBoundingClientRect())
    .filter(b => b.left < frame.left || b.left > frame.left + 40);
  const scroller = document.querySelector('.tl-overview-scroll');
  const years = [...document.querySelectorAll('#tl-axis .tl-tick-top')].map(t => t.getBoundingClientRect())
    .filter(b => b.left >= frame.left && b.right <= frame.right && b.top >= frame.top && b.bottom <= innerHeight);
  return [shown.length, marks.length, scroller.scrollLeft, names.length, years.length,
          scroller.scrollHeight - scroller.clientHeight];
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_overview_opens_where_its_marks_are(visit, pages, width):
    """On a phone the overview scrolls sideways in its frame: it opens centred on its middle mark, so the reader
    first sees the story's busy months (the bundled story's 2025), not its first year (2023, one event). The lanes'
    names stay at the frame's left edge however far it is scrolled, and go back to their place in print. On a wide
    screen all of it is in view and nothing is scrolled. Either way the years are written above the lanes too (a
    review: on a phone they were only at the foot of a frame that scrolled down inside the page)."""
    seen = visit(pages["en"], width=width)
    seen.page.evaluate("document.querySelector('.tl-overview').scrollIntoView()")
    shown, total, scrolled, names_astray, years, scrolls_down = seen.page.evaluate(MARKS_IN_VIEW)
    # the years above the lanes are in view with them, and the frame scrolls only sideways (the page scrolls down)
    assert years >= 1 and scrolls_down == 0, (years, scrolls_down)
    if width == 1280:
        assert (shown, scrolled, names_astray) == (total, 0, 0)
        return
    assert scrolled > 0 and shown > total / 2 and names_astray == 0, (shown, total, scrolled, names_astray)
    seen.page.evaluate("document.querySelector('.tl-overview-scroll').scrollLeft = 1e6")
    seen.page.wait_for_function("document.querySelector('#tl-axis .tl-lane-label').style.transform !== ''")
    seen.page.wait_for_timeout(100)  # the scroll event, then the labels follow
    assert seen.page.evaluate(MARKS_IN_VIEW)[3] == 0
    seen.page.emulate_media(media="print")
    assert seen.page.evaluate("getComputedStyle(document.querySelector('#tl-axis .tl-lane-label')).transform") == "none"


# Where each entry's ring (on the list's line) and a targeted entry's outline stand, against the box of the section
# that holds it: a section with content-visibility: auto paints nothing outside that box.
OUTSIDE_THEIR_SECTION = """() => [].flatMap.call(document.querySelectorAll('.tl-events > li'), li => {
  const section = li.closest('.tl-section').getBoundingClientRect(), box = li.getBoundingClientRect();
  const ring = getComputedStyle(li, '::before'), own = getComputedStyle(li);
  const left = box.left + parseFloat(own.borderLeftWidth) + parseFloat(ring.left);
  const article = li.firstElementChild.getBoundingClientRect(), target = getComputedStyle(li.firstElementChild);
  const reach = parseFloat(target.outlineOffset) + parseFloat(target.outlineWidth);
  const out = [];
  if (left < section.left || left + parseFloat(ring.width) > section.right) { out.push('ring ' + li.firstElementChild.id); }
  if (article.left - reach < section.left || article.right + reach > section.right) { out.push('outline ' + li.firstElementChild.id); }
  return out;
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_rings_and_a_targeted_entrys_outline_are_drawn_whole(visit, pages, width):
    seen = visit(pages["en"], width=width)
    seen.page.evaluate("document.querySelectorAll('.tl-event').forEach(e => e.classList.add('tl-target'))")
    # Each section as drawn once it is in view: one off the screen (content-visibility: auto) is not laid out, and
    # its entries' boxes say nothing of where they will be drawn.
    seen.page.evaluate("document.querySelectorAll('.tl-section').forEach(s => s.style.contentVisibility = 'visible')")
    assert seen.page.evaluate("getComputedStyle(document.querySelector('.tl-event')).outlineStyle") == "solid"
    assert seen.page.evaluate(OUTSIDE_THEIR_SECTION) == []


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_two_footnote_marks_side_by_side_read_1_2_not_12(visit, pages, tmp_path, fragment):
    """A comma between two marks side by side, and only there: in a fragment a dispute's marks stand after its words
    with no element between (a review found "January 22,¹": CSS's `sup + sup` does not see text)."""
    seen = visit(in_a_host_page(BUNDLED, tmp_path) if fragment else pages["en"])
    marks = seen.page.eval_on_selector_all(".tl-chronology sup", """all => all.map(s => [
        s.previousSibling !== null && s.previousSibling.nodeName === 'SUP', getComputedStyle(s, '::before').content,
        s.textContent])""")
    assert any(adjacent for adjacent, _, _ in marks), "the bundled data has events citing two sources"
    assert all(content == ('","' if adjacent else "none") for adjacent, content, _ in marks), marks
    assert all(text.isdigit() for _, _, text in marks)  # the marks' text stays numbers


def small_file(path: Path, events: list[tuple[str, str]]) -> Path:
    """A valid file of `events` (id, English summary), each in topic `t` or `u` by turns, each citing two sources."""
    lines = ["version: 1", "title: {ja: 年表, en: Chronology}", "topics: {t: {ja: 政治, en: Politics}, u: {ja: 市場, en: Markets}}",
             "sources:", "  s1: {publisher: P1, title: H1, published: 2025-03-01, language: en}",
             "  s2: {publisher: P2, title: H2, published: 2025-03-02, language: en}", "events:"]
    for index, (ident, summary) in enumerate(events):
        lines += [f"  - id: {ident}", f"    date: 2025-01-{index + 10}", f"    title: {{ja: 出来事{index}, en: Event {index}}}",
                  f"    summary: {{ja: 要約{index}。, en: {summary!r}}}", f"    topics: [{'tu'[index % 2]}]",
                  "    citations: [{source: s1, quote: first quote}, {source: s2, quote: second quote}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_event_called_constructor_keeps_the_filters_and_the_search_working(visit, tmp_path):
    """A hostile review: `constructor` is a valid id, and the script kept its marks and quotes in plain objects, whose
    prototype already has one: the script stopped (no controls), and a search for "native code" found that event."""
    source = small_file(tmp_path / "constructor.yaml", [("constructor", "First."), ("other", "Second.")])
    seen = visit(write_page(source, "en", tmp_path / "constructor.html"))
    assert seen.problems() == []
    assert seen.page.locator("form.tl-controls").is_visible()
    check_topic(seen, "u")
    wait_for_count(seen, "en", 1, 2)
    assert visible_events(seen) == ["other"]
    seen.page.uncheck("#tl-topics input[value='u']")
    seen.page.fill("#tl-q", "native code")
    wait_for_count(seen, "en", 0, 2)
    seen.page.fill("#tl-q", "first quote")
    wait_for_count(seen, "en", 2, 2)  # both cite it
    assert seen.problems() == []


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_footnote_marks_after_right_to_left_words_stay_at_the_end(visit, tmp_path, fragment):
    """A hostile review: after Arabic words the marks "1,2" were drawn between "said" and the Arabic, as if the
    citation belonged there. Each mark is isolated, so it stays at the end of the summary."""
    source = small_file(tmp_path / "rtl.yaml", [("rtl", "The ministry said نص عربي")])
    seen = visit(in_a_host_page(source, tmp_path) if fragment else write_page(source, "en", tmp_path / "rtl.html"))
    words_right, marks_left = seen.page.evaluate("""() => {
        const summary = document.querySelector('#event-rtl .tl-summary'), first = summary.querySelector('sup');
        const words = document.createRange();
        words.setStart(summary, 0);
        words.setEndBefore(first);
        const marks = [...summary.querySelectorAll('sup')].map(s => s.getBoundingClientRect().left);
        return [words.getBoundingClientRect().right, Math.min(...marks)];
    }""")
    assert marks_left >= words_right - 1, (words_right, marks_left)
    assert seen.problems() == []


@pytest.mark.parametrize("width", [375, 1280])
def test_quotes_stand_one_under_another_full_width_in_the_sources(visit, pages, width):
    seen = visit(pages["ja"], width=width)
    boxes = seen.page.eval_on_selector_all(
        ".tl-sources li", "all => all.map(li => [li.getBoundingClientRect().width, [].map.call("
        "li.querySelectorAll('blockquote'), q => [q.getBoundingClientRect().left, q.getBoundingClientRect().width])])")
    quoted = [(item, quotes) for item, quotes in boxes if len(quotes) > 1]
    assert quoted, "the bundled data has a source quoted more than once"
    for item, quotes in quoted:
        assert len({round(left) for left, _ in quotes}) == 1  # one under another, not side by side
        assert all(quote_width > item * 0.8 for _, quote_width in quotes)  # the list's width, not a narrow column


def in_a_host_page(source: Path, folder: Path, style: str = "") -> Path:
    """`timeline html -f SOURCE --fragment` pasted into a CMS's page whose stylesheet is `style`."""
    command = [sys.executable, "-m", "timeline", "html", "-f", str(source), "--fragment"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=subprocess_environment(), timeout=120)
    assert done.returncode == 0, done.stderr
    host = folder / "cms.html"
    host.write_text(f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>CMS</title><style>{style}</style>"
                    f"</head><body><h1>News</h1>{done.stdout}</body></html>", encoding="utf-8")
    return host


def test_a_host_pages_heading_style_does_not_reach_into_the_fragment(visit, tmp_path):
    seen = visit(in_a_host_page(BUNDLED, tmp_path, "h2, h3, h4 { color: red; font-family: serif; margin: 5em; } "
                                                   "p { margin: 4em; }"), js=False)
    assert seen.page.locator(".tl-chronology h1").count() == 0
    styles = seen.page.eval_on_selector_all(
        ".tl-chronology h2, .tl-chronology h3, .tl-chronology h4, .tl-chronology .tl-summary",
        "all => all.map(e => [getComputedStyle(e).color, getComputedStyle(e).fontFamily, getComputedStyle(e).marginLeft])")
    assert styles and all(color != "rgb(255, 0, 0)" and family != "serif" and margin not in ("80px", "64px")
                          for color, family, margin in styles), styles


def test_a_host_pages_list_reset_leaves_the_sources_numbered(visit, tmp_path):
    """A new-user review: a CMS's reset (`ol { list-style: none }`) took the numbers off the sources, so the marks
    1, 2, 3 pointed at an unnumbered list."""
    seen = visit(in_a_host_page(BUNDLED, tmp_path, "ol, ul { list-style: none; padding: 0 } "
                                                   "li { display: block; margin: 3em } li::marker { content: none }"),
                 js=False)
    styles = seen.page.eval_on_selector_all(".tl-sources > ol > li", "all => all.map(e => [getComputedStyle(e).display,"
                                            " getComputedStyle(e).listStyleType, getComputedStyle(e).marginLeft,"
                                            " getComputedStyle(e, '::marker').content])")
    assert styles and all(style[:3] == ["list-item", "decimal", "0px"] and style[3] != "none" for style in styles), \
        styles[:3]


def test_a_japanese_headline_is_upright_and_an_english_one_italic(visit, tmp_path):
    """A new-user review: every headline is in a <cite>, which browsers draw in italics: a slanted Japanese one."""
    source = small_file(tmp_path / "headlines.yaml", [("one", "First.")])
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: H2, published: 2025-03-02, language: en", "title: 見出し, published: 2025-03-02, language: ja"),
        encoding="utf-8")
    styles = visit(write_page(source, "en", tmp_path / "headlines.html"), js=False).page.eval_on_selector_all(
        ".tl-source cite", "all => all.map(c => [c.lang, getComputedStyle(c).fontStyle])")
    assert sorted({tuple(style) for style in styles}) == [("en", "italic"), ("ja", "normal")], styles


@pytest.mark.parametrize("width, height", [(1280, 800), (375, 667)])
def test_a_back_link_brings_its_entrys_date_and_title_into_view(visit, pages, width, height):
    """Reviews: a back-link left its mark at the very top of the screen, the entry's date and title above it out of
    view (and the stylesheet's margin alone is not enough on a phone). Every back-link of the bundled page: the
    entry's date line is in view with the mark, or, for an entry taller than the screen, the mark is."""
    seen = visit(pages["en"], width=width, height=height)
    page = seen.page
    for target in page.eval_on_selector_all(".tl-backref", "all => all.map(a => a.getAttribute('href'))"):
        page.evaluate("href => { location.hash = href; }", target)
        page.wait_for_function("href => location.hash === href", arg=target)
        date, mark, article = page.evaluate("""id => {
            const mark = document.getElementById(id), article = mark.closest('article');
            const rect = e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; };
            return [rect(article.querySelector('.tl-date')), rect(mark), rect(article)];
        }""", target[1:])
        assert 0 <= mark[0] and mark[1] <= height, (target, mark)
        assert date[0] >= -1 or article[1] - article[0] > height, (target, date, article)
    assert seen.problems() == []


def test_a_back_link_to_an_entry_a_filter_hides_shows_it(visit, pages, bundled):
    """The re-check review: with a search on, a back-link to a hidden entry only changed the address."""
    seen = visit(pages["en"])
    page = seen.page
    page.fill("#tl-q", "zzzz-no-such-word")
    wait_for_count(seen, "en", 0, len(bundled.events))
    target = page.eval_on_selector_all(".tl-backref", "all => all.map(a => a.getAttribute('href'))")[0]
    page.click(f".tl-backref[href='{target}']")
    wait_for_count(seen, "en", len(bundled.events), len(bundled.events))
    assert page.evaluate("id => document.getElementById(id).checkVisibility()", target[1:])
    assert seen.problems() == []


RADICALS = range(0x2E80, 0x2F00)  # CJK Radicals Supplement: look-alikes of ideographs that NFKC leaves as they are


def comparable(text: str) -> str:
    """Text as a PDF's text layer gives it back, for comparing: NFKC undoes the ligatures (ﬃ) and the Kangxi radicals
    (⼤ for 大) that the fonts' character maps produce; spaces and punctuation (・ comes back as ‧) are left out,
    and a supplementary radical (⺠ for 民) becomes "?"."""
    text = unicodedata.normalize("NFKC", text)
    return "".join("?" if ord(c) in RADICALS else c for c in text if c.isalnum() or ord(c) in RADICALS)


def printed(text: str, pdf: str) -> bool:
    """Whether `text` is in the comparable text of a PDF, an ideograph there matching its radical look-alike."""
    pattern = "".join(f"[{c}?]" if unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH") else re.escape(c)
                      for c in comparable(text))
    return re.search(pattern, pdf) is not None


@pytest.mark.parametrize("name", ["ja", "en"])
def test_the_printed_page_holds_every_event(visit, pages, bundled, artifacts, name):
    seen = visit(pages[name])
    check_topic(seen, bundled.events[0].topics[0])  # a filtered view prints every event all the same
    text = comparable(pdf_text(print_pdf(seen, artifacts / f"page-{name}.pdf")))
    missing = [e.id for e in bundled.events if not printed(getattr(e.title, name), text)]
    assert missing == []
    assert printed(getattr(bundled.title, name), text)
    urls = [source.url for source in bundled.sources.values() if source.url]
    assert urls and [url for url in urls if comparable(url) not in text] == []  # link addresses printed
    seen.page.emulate_media(media="print")
    assert not seen.page.locator("form.tl-controls").is_visible()
    assert len(visible_events(seen)) == len(bundled.events)


def test_the_overview_prints_whole_on_the_first_page_under_the_title(visit, pages, bundled):
    """A new-user review: the overview (1,088 px tall on the bundled page) went to page 2 and ran on to page 3, its
    years printed only there, and page 1 held the title alone. Printed, it is scaled to fit under the title."""
    from io import BytesIO

    from pypdf import PdfReader

    first = comparable(PdfReader(BytesIO(print_pdf(visit(pages["en"])))).pages[0].extract_text())
    lanes = [bundled.topics[topic].name.en for topic in bundled.topics]
    assert printed(bundled.title.en, first)
    assert [lane for lane in lanes if comparable(lane) not in first] == []
    assert "2023" in first and "2026" in first


# -- accessibility: axe-core, WCAG 2.2 AA ------------------------------------------------------------------------------

@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("name", ["ja", "en", "hostile", "far"])
def test_axe_finds_no_wcag_22_aa_violation(visit, pages, name, js):
    seen = visit(pages[name], own_scripts=js)
    violations = axe_violations(seen)
    assert violations == [], "axe-core, WCAG 2.2 AA:\n" + describe_violations(violations)


def test_a_broken_axis_relabels_bc_years_and_every_mark_leads_to_its_entry(visit, pages):
    """The overview of a far event: the toggle says 紀元前500年 (not -499年), and each mark's link opens its entry."""
    seen = visit(pages["far"])
    page = seen.page
    labels = "[...document.querySelectorAll('.tl-tick-label')].map(t => t.textContent)"
    assert page.evaluate(labels)[0] == "500 B.C."
    page.click("#tl-lang")
    assert page.evaluate(labels)[:2] == ["紀元前500年", "2023年"]
    assert page.evaluate("document.querySelector('.tl-break title').textContent").startswith("紀元前499年～2022年")
    targets = page.evaluate("[...document.querySelectorAll('a.tl-mark')].map(a => a.getAttribute('href'))")
    assert len(targets) == 31 and all(page.query_selector(target) for target in targets)


# -- a long overview: a histogram (over overview.LONG marks) --------------------------------------------------------

def long_file(path: Path, events: int) -> Path:
    """`events` events a week apart, each in two topics: twice as many marks."""
    import datetime

    lines = ["version: 1", "title: {ja: 長い年表, en: A long chronology}",
             "topics: {t: {ja: 政治, en: Politics}, u: {ja: 市場, en: Markets}}",
             "sources:", "  src: {publisher: P, title: H, published: 2026-03-01, language: en}", "events:"]
    for index in range(events):
        day = datetime.date(2000, 1, 3) + datetime.timedelta(days=7 * index)
        lines += [f"  - id: e{index}", f"    date: {day.isoformat()}", f"    title: {{ja: 出来事{index}, en: Event {index}}}",
                  "    summary: {ja: 要約。, en: Summary.}", "    topics: [t, u]", "    citations: [{source: src, quote: q}]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def long_page(tmp_path_factory) -> Path:
    from timeline.render.html.overview import LONG

    folder = tmp_path_factory.mktemp("long-page")
    return write_page(long_file(folder / "long.yaml", LONG // 2 + 1), "en", folder / "long.html")


def test_a_long_overviews_bar_is_titled_in_the_language_shown_and_opens_its_first_event(visit, long_page):
    """Weekly events over nineteen years: a bar a year. Its tooltip and the overview's name follow the toggle."""
    seen = visit(long_page)
    page = seen.page
    first = page.evaluate("document.querySelector('.tl-bar').getAttribute('href')")
    assert first == "#event-e0"
    bar = f'.tl-bar[href="{first}"]'
    count = int(page.get_attribute(bar, "data-count"))
    assert count == 52  # Jan. 3 to Dec. 25, 2000
    for lang, words, name in (("en", "Politics, 2000: 52 events", "Overview: 1,001 events by topic, 2000–2019"),
                              ("ja", "政治（2000年）：52件", "概観：トピック別の出来事1,001件（2000～2019年）")):
        if lang == "ja":
            page.click("#tl-lang")
        assert page.evaluate(f"document.querySelector('{bar} title').textContent") == words
        assert page.evaluate("document.getElementById('tl-axis-title').textContent") == name
    page.click("#tl-lang")  # back to English, and the tooltip with it
    assert page.evaluate(f"document.querySelector('{bar} title').textContent") == "Politics, 2000: 52 events"
    page.dispatch_event(bar, "click")
    page.wait_for_function("location.hash === '#event-e0'")
    assert page.evaluate("document.getElementById('event-e0').getBoundingClientRect().top") < 900
    assert seen.problems() == []


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_long_overview_has_no_wcag_22_aa_violation(visit, long_page, js):
    seen = visit(long_page, own_scripts=js)
    violations = axe_violations(seen, within=".tl-overview")
    assert violations == [], "axe-core, WCAG 2.2 AA:\n" + describe_violations(violations)
