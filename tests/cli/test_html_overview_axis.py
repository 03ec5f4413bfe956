"""The overview's axis when a few events are far from the rest (render/html/overview.py): one event in 500 B.C.
among sixty in 2023-2025 must not squeeze the sixty into a few pixels. The axis is broken where a long stretch has
no event, each piece labelled with its years as the text writes them (B.C.), every mark still a link."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import GOOD
from test_html import html, parse
from timeline.render.html.overview import LONG


def far_file(tmp_path, far: str = "'-0499'", count: int = 60):
    """One event at `far` and `count` events every 17 days from Jan. 5, 2023, in two topics."""
    lines = ["version: 1", "title: {ja: 遠い出来事, en: Far events}", "topics: {t: {ja: 政治, en: Politics}, "
             "u: {ja: 市場, en: Markets}}", "sources:", "  src: {publisher: P, title: H, published: 2026-03-01, "
             "language: en}", "events:"]
    def event(event_id: str, date: str, topic: str) -> list[str]:
        return [f"  - id: {event_id}", f"    date: {date}",
                f"    title: {{ja: {event_id}（日本語）, en: {event_id}}}", "    summary: {ja: 要約。, en: Summary.}",
                f"    topics: [{topic}]", "    citations: [{source: src, quote: q}]"]
    lines += event("ancient", far, "t")
    for index in range(count):
        day = datetime.date(2023, 1, 5) + datetime.timedelta(days=17 * index)
        lines += event(f"e{index}", day.isoformat(), "tu"[index % 2])
    path = tmp_path / "far.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def svg_of(page: str) -> str:
    return page[page.index("<svg"):page.index("</svg>")]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_far_event_does_not_squeeze_the_rest(run_cli, tmp_path, lang):
    svg = svg_of(html(run_cli, "-f", far_file(tmp_path), "--lang", lang))
    days = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(days) == 60
    assert max(days) - min(days) > 400  # of 720: the dense part has the room (it had ~5 px on one linear axis)
    [cut] = re.findall(r'<g class="tl-break"[^>]*><title>([^<]*)</title>', svg)
    assert cut == ("499 B.C. – A.D. 2022: no events, left out of the axis" if lang == "en"
                   else "紀元前499年～2022年：出来事なし（軸から省略）")


@pytest.mark.parametrize(("lang", "labels"), [("en", ["500 B.C.", "2023", "2024", "2025"]),
                                              ("ja", ["紀元前500年", "2023年", "2024年", "2025年"])])
def test_ticks_say_bc_years_as_the_text_does(run_cli, tmp_path, lang, labels):
    svg = svg_of(html(run_cli, "-f", far_file(tmp_path), "--lang", lang))
    assert re.findall(r'class="tl-tick-label"[^>]*>([^<]*)<', svg) == labels
    # the language toggle relabels from these, never by appending 年 to an astronomical year (-499年)
    assert 'data-en="500 B.C." data-ja="紀元前500年"' in svg


@pytest.mark.parametrize("far", ["'-0499'", "Y170000002", "Y-99999999999", "'0000'"])
def test_every_mark_stays_a_link_to_its_entry(run_cli, tmp_path, far):
    page = html(run_cli, "-f", far_file(tmp_path, far, 30))
    links = re.findall(r'<a href="#event-([\w-]+)" class="tl-mark', svg_of(page))
    assert sorted(links) == sorted(["ancient", *(f"e{i}" for i in range(30))])
    assert all(f'id="event-{event_id}"' in page for event_id in links)
    xs = [float(x) for x in re.findall(r'<(?:circle cx|rect x)="([\d.]+)"', svg_of(page).split("</g>")[-1])]
    assert all(0 <= x <= 720 for x in xs)


def test_an_axis_with_no_far_event_is_not_broken(run_cli):
    svg = svg_of(html(run_cli, "-f", GOOD / "chronology.yaml"))
    assert "tl-break" not in svg


def test_the_overview_title_says_the_years_as_the_text_does(run_cli, tmp_path):
    root = parse(html(run_cli, "-f", far_file(tmp_path)))
    assert root.one("title", id="tl-axis-title").text() == "Overview: 61 events by topic, 500 B.C. – A.D. 2025"


# -- a long overview (over overview.LONG marks): a histogram ---------------------------------------------------------

def marks_of(svg: str) -> list[str]:
    return re.findall(r'<a href="#event-[^"]*" class="tl-mark[^>]*>.*?</a>', svg, flags=re.S)


def bars_of(page: str) -> list:
    return parse(page).all("a", cls="tl-bar")


def test_up_to_long_marks_each_event_is_its_own_titled_mark(run_cli, tmp_path):
    page = html(run_cli, "-f", far_file(tmp_path, count=LONG - 1))  # one mark per event, one topic each
    svg = svg_of(page)
    found = marks_of(svg)
    assert len(found) == LONG and all("<title>" in mark for mark in found)
    assert "tl-bar" not in svg and "data-long" not in svg and 'aria-hidden="true">' not in svg.split("</title>", 1)[1]


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_above_long_marks_each_lane_is_a_histogram_of_titled_bars_linking_to_their_first_event(
        run_cli, tmp_path, fragment):
    """10 000 events drew 15 000 marks on top of each other in 700 pixels. Above LONG, a lane is bars: each counts
    the lane's events starting in its stretch of the axis (every event counted once per topic), is taller for
    more, says in its title how many and the dates of its first and last as their entries write them, and links
    to the first, which the list shows first. The same in a fragment, which has no script."""
    page = html(run_cli, "-f", far_file(tmp_path, count=LONG), *(["--fragment"] if fragment else []))
    svg = svg_of(page)
    root = parse(page)
    bars = bars_of(page)
    assert marks_of(svg) and all("tl-bar" in mark for mark in marks_of(svg))  # bars only, no mark per event
    assert len(bars) < LONG / 5
    assert 'data-long=""' in svg.split(">", 1)[0]  # the script leaves its bars as they are when filtering
    hidden = svg.split('<g class="tl-marks" aria-hidden="true">', 1)[1].split("</g>", 1)[0]
    assert len(marks_of(hidden)) == len(bars)  # all inside the group hidden from assistive technology
    counts = [int(bar.attrs["data-count"]) for bar in bars]
    assert sum(counts) == LONG + 1  # the ancient event and the 2,000 others, each once (one topic each)
    order = [article.attrs["id"][len("event-"):] for article in root.all("article", cls="tl-event")]
    linked = [bar.attrs["href"][len("#event-"):] for bar in bars]
    assert len(set(linked)) == len(linked) and all(event_id in order for event_id in linked)
    # Politics holds "ancient" and the even-numbered events, Markets the odd: the first bar of each lane opens the
    # first of its events in the list
    assert linked[0] == "ancient" and "e1" in linked
    for bar, count in zip(bars, counts):
        title = bar.one("title").text()
        assert title == bar.attrs["data-en"]  # the page's language (en), and both for the toggle
        first = root.one("article", id=bar.attrs["href"][1:]).one("p", cls="tl-date").text()
        if count == 1:
            assert title.startswith(("Politics: ", "Markets: ")) and f"{first} — " in title
        else:
            assert re.fullmatch(rf"(Politics|Markets): {count} events \({re.escape(first)} … [^)]+\)", title), title
            assert bar.attrs["data-ja"].startswith(("政治：", "市場：")) and f"{count}件（" in bar.attrs["data-ja"]
    heights = sorted((count, float(bar.one("rect").attrs["height"])) for bar, count in zip(bars, counts))
    assert [h for _, h in heights] == sorted(h for _, h in heights) and heights[0][1] < heights[-1][1]


def test_a_bar_says_how_many_of_its_events_have_an_approximate_or_uncertain_date_and_greys_their_share(
        run_cli, tmp_path):
    path = far_file(tmp_path, count=LONG)
    text = path.read_text(encoding="utf-8")
    approximate = [f"e{index}" for index in range(0, LONG, 3)]
    for event_id in approximate:  # e0, e3, ...: their day made approximate (2023-01-05~)
        text = re.sub(rf"(- id: {event_id}\n    date: )([\d-]+)", r"\1\2~", text)
    path.write_text(text, encoding="utf-8")
    bars = bars_of(html(run_cli, "-f", path))
    said = 0
    for bar in bars:
        count, title = int(bar.attrs["data-count"]), bar.one("title").text()
        grey = re.search(r", (\d+) of them with an approximate or uncertain date$", title)
        greys = bar.all("rect", cls="tl-bar-grey")
        if count > 1 and grey:
            said += int(grey.group(1))
            assert "日付がおおよそか不確か" in bar.attrs["data-ja"] and len(greys) == 1
            share = float(greys[0].attrs["height"]) / sum(float(rect.attrs["height"]) for rect in bar.all("rect"))
            assert abs(share - int(grey.group(1)) / count) < 0.1
        elif count == 1:
            said += "~" in title or "c." in title
        else:
            assert not greys
    assert said == len(approximate)


def test_the_docs_say_where_an_overview_becomes_long(run_cli):
    result = run_cli("docs", "html")
    assert result.exit_code == 0 and f"Above {LONG:,} marks" in " ".join(result.stdout.split())


@pytest.mark.parametrize(("lang", "labels"), [("en", ["2025", "April", "July", "Oct."]),
                                              ("ja", ["2025年", "4月", "7月", "10月"])])
def test_an_axis_of_one_year_names_its_quarters_as_the_dates_write_months(run_cli, lang, labels):
    """A year alone was one label and three unnamed lines; the months are written as the text writes them and
    carry both languages for the toggle."""
    svg = svg_of(html(run_cli, "-f", GOOD / "minimal.yaml", "--lang", lang))
    assert re.findall(r'class="tl-tick-label[^"]*"[^>]*>([^<]*)<', svg) == labels
    assert 'data-en="Oct." data-ja="10月"' in svg
