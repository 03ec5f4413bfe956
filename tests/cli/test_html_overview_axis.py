"""The overview's axis when a few events are far from the rest (render/html/overview.py): one event in 500 B.C.
among sixty in 2023-2025 must not squeeze the sixty into a few pixels. The axis is broken where a long stretch has
no event, each piece labelled with its years as the text writes them (B.C.), every mark still a link."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import GOOD, REPO
from test_html import html, parse
from timeline.render.html.overview import LONG, MAX_ROWS


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


# -- a long overview (over overview.LONG marks, or a lane needing over MAX_ROWS rows): a histogram ---------------------

def marks_of(svg: str) -> list[str]:
    return re.findall(r'<a href="#event-[^"]*" class="tl-mark[^>]*>.*?</a>', svg, flags=re.S)


def bars_of(page: str) -> list:
    return parse(page).all("a", cls="tl-bar")


def lanes_file(tmp_path, events: int, topics: int, dates=None):
    """`events` events a day apart from Jan. 1, 2023 (or on `dates(index)`), the topics taken in turn."""
    names = ", ".join(f"t{i}: {{ja: 話題{i}, en: Topic {i}}}" for i in range(topics))
    lines = ["version: 1", "title: {ja: 長い年表, en: A long chronology}", f"topics: {{{names}}}", "sources:",
             "  src: {publisher: P, title: H, published: 2026-03-01, language: en}", "events:"]
    for index in range(events):
        date = dates(index) if dates else (datetime.date(2023, 1, 1) + datetime.timedelta(days=index)).isoformat()
        lines += [f"  - id: e{index}", f"    date: '{date}'", f"    title: {{ja: 出来事{index}, en: Event {index}}}",
                  "    summary: {ja: 要約。, en: Summary.}", f"    topics: [t{index % topics}]",
                  "    citations: [{source: src, quote: q}]"]
    path = tmp_path / "lanes.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("events", "topics", "day", "long"), [
    (LONG, 8, False, False),  # 250 marks a lane: each event its own mark
    (LONG + 1, 8, False, True),  # too many for the page
    (MAX_ROWS + 1, 1, True, True),  # one day's pile taller than a lane draws: few for the page, too many for a lane
    (MAX_ROWS, 1, True, False)])
def test_an_overview_becomes_a_histogram_above_long_marks_or_a_crowded_lane(run_cli, tmp_path, events, topics, day,
                                                                            long):
    svg = svg_of(html(run_cli, "-f", lanes_file(tmp_path, events, topics, (lambda _: "2025-03-01") if day else None)))
    found = marks_of(svg)
    assert all(("tl-bar" in mark) is long and "<title>" in mark for mark in found)
    assert long or len(found) == events
    assert ('data-long=""' in svg.split(">", 1)[0]) is long  # the script leaves a histogram as it is
    assert ('<g class="tl-marks" aria-hidden="true">' in svg) is long


def drawn(svg: str) -> list[tuple[str, float, float, float]]:
    """Each mark of the overview: its event, its row (y) and the x it is drawn from and to, stubs included."""
    found = []
    for event_id, body in re.findall(r'<a href="#event-([^"]*)" class="tl-mark[^>]*>(.*?)</a>', svg, flags=re.S):
        if circle := re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)"', body):
            y, xs = float(circle[2]), [float(circle[1]) - 5, float(circle[1]) + 5]
        else:
            rect = re.search(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', body)
            y, xs = float(rect[2]) + 5, [float(rect[1]), float(rect[1]) + float(rect[3])]
        xs += [float(x) for x in re.findall(r'<line class="tl-stub" x1="([\d.]+)" x2="([\d.]+)"', body) for x in x]
        found.append((event_id, y, min(xs), max(xs)))
    return found


def busy_day(tmp_path, count: int):
    """The bundled story with `count` more Markets events on Oct. 10, 2025 (the crash: a newsroom's busiest day)."""
    lines = [REPO.joinpath("events.yaml").read_text(encoding="utf-8").rstrip("\n")]
    for index in range(count):
        lines += [f"  - id: crash-{index}", "    date: 2025-10-10", f"    title: {{ja: 急落{index}, en: Crash {index}}}",
                  "    summary: {ja: 要約。, en: Summary.}", "    topics: [markets]",
                  "    citations: [{source: techflow-2025-12, quote: q}]"]
    path = tmp_path / "busy.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("source", ["bundled", "busy day", "pile"])
def test_no_mark_is_drawn_over_another(run_cli, tmp_path, source):
    """Events of a topic on one day, or days the axis cannot part, stack in rows: each mark is one a reader can
    see and point at. The bundled story has 12 of its 58 events on Jan. 20-23, 2025; a busy day adds 25 to one
    lane, which grows while the others stay as they are (it once made every lane a histogram); the pile is
    MAX_ROWS events on one day in one lane, all drawn, one above the other."""
    path = {"bundled": lambda: REPO / "events.yaml", "busy day": lambda: busy_day(tmp_path, 25),
            "pile": lambda: lanes_file(tmp_path, MAX_ROWS, 1, lambda _: "2025-03-01")}[source]()
    marks = drawn(svg_of(html(run_cli, "-f", path)))
    assert len(marks) >= {"bundled": 80, "busy day": 105, "pile": MAX_ROWS}[source]
    clashes = [(a[0], b[0]) for i, a in enumerate(marks) for b in marks[i + 1:]
               if a[1] == b[1] and a[2] <= b[3] and b[2] <= a[3]]
    assert clashes == []
    if source == "pile":
        assert len({y for _, y, _, _ in marks}) == MAX_ROWS


@pytest.mark.parametrize(("late", "early"), [("2025-12/..", "../2025-01"), ("2025-12-28/", "/2025-01-03")])
def test_an_open_end_at_the_edge_of_the_axis_keeps_its_stub(run_cli, tmp_path, late, early):
    """A hostile review: an ongoing story's latest event (`2025-12/..`) ends on the axis's last day, and its stub
    was cut to nothing at the edge, so it looked closed. The axis leaves room for the stubs at either end."""
    dates = {0: late, 1: early}
    marks = drawn(svg_of(html(run_cli, "-f", lanes_file(tmp_path, 3, 1, lambda i: dates.get(i, "2025-06-15")))))
    stubs = re.findall(r'<line class="tl-stub" x1="([\d.]+)" x2="([\d.]+)"', svg_of(html(
        run_cli, "-f", tmp_path / "lanes.yaml")))
    assert len(stubs) == 2 and all(float(x2) - float(x1) >= 20 for x1, x2 in stubs), stubs
    assert all(0 <= left and right <= 720 for _, _, left, right in marks)


def month_of(date_text: str) -> str:
    """'Jan. 5, 2023' -> 'Jan. 2023'."""
    return re.sub(r" \d+,", "", date_text)


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_each_bar_counts_the_events_dated_in_its_period_names_it_and_links_to_the_first(run_cli, tmp_path, fragment):
    """A day apart over five and a half years: a bar a month (the finest period at least MIN_BAR wide), each event
    counted once in its lane, the period named as the dates write it, the link to the first of the month in the
    list. The same in a fragment, which has no script."""
    path = lanes_file(tmp_path, LONG + 1, 2)
    page = html(run_cli, "-f", path, *(["--fragment"] if fragment else []))
    root = parse(page)
    bars = bars_of(page)
    assert sum(int(bar.attrs["data-count"]) for bar in bars) == LONG + 1 and not any("data-more" in b.attrs for b in bars)
    assert len(bars) == 2 * 66  # Jan. 2023 to June 2028, in each of the two lanes
    hidden = svg_of(page).split('<g class="tl-marks" aria-hidden="true">', 1)[1].split("</g>", 1)[0]
    assert len(marks_of(hidden)) == len(bars)
    for bar in bars:
        count, title = int(bar.attrs["data-count"]), bar.one("title").text()
        date = root.one("article", id=bar.attrs["href"][1:]).one("p", cls="tl-date").text()
        period = month_of(date)
        assert re.fullmatch(rf"Topic [01], {re.escape(period)}: {count} events", title), (title, date)
        if fragment:  # no script, no toggle: one language
            assert "data-en" not in bar.attrs and "data-ja" not in bar.attrs
        else:  # the page's language (en), and both for the toggle
            assert title == bar.attrs["data-en"]
            assert re.fullmatch(rf"話題[01]（\d{{4}}年\d+月）：{count}件", bar.attrs["data-ja"])
        lane = f"t{title[6]}"
        first = next(a for a in root.all("article", cls="tl-event") if a.attrs["data-topics"] == lane
                     and month_of(a.one("p", cls="tl-date").text()) == period)
        assert first.attrs["id"] == bar.attrs["href"][1:]
    xs = [(float(bar.one("rect").attrs["x"]), float(bar.one("rect").attrs["width"])) for bar in bars[:46]]
    assert all(x + width <= following for (x, width), (following, _) in zip(xs, xs[1:]))  # side by side
    heights = sorted((int(bar.attrs["data-count"]), float(bar.one("rect").attrs["height"])) for bar in bars)
    assert [h for _, h in heights] == sorted(h for _, h in heights) and heights[0][1] < heights[-1][1]


def test_a_coarse_approximate_or_open_date_is_shared_in_grey_among_the_bars_it_may_fall_in(run_cli, tmp_path):
    """A year-only date on a monthly axis is a twelfth in each month of its year (never a spike on January 1);
    an approximate day, and a day that only ends an open interval, are grey in their own month."""
    special = {0: "2024", 1: "2024-06-01~", 2: "../2024-09-15"}

    def dates(index: int) -> str:
        return special.get(index) or (datetime.date(2023, 1, 1) + datetime.timedelta(days=index)).isoformat()

    bars = bars_of(html(run_cli, "-f", lanes_file(tmp_path, LONG + 1, 3, dates)))
    maybe = {bar.one("title").text().split(":")[0]: bar for bar in bars if "data-more" in bar.attrs}
    assert sorted(maybe) == sorted([f"Topic 0, {month} 2024" for month in
                                    ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                                     "Nov.", "Dec.")] + ["Topic 1, June 2024", "Topic 2, Sept. 2024"])
    greys = {name: float(bar.one("rect", cls="tl-bar-grey").attrs["height"]) for name, bar in maybe.items()}
    year = [height for name, height in greys.items() if name.startswith("Topic 0")]
    assert max(year) <= min(year) * 31 / 28 + 0.2  # shared by days: no month of 2024 takes the whole year
    assert all(height >= max(year) for name, height in greys.items() if not name.startswith("Topic 0"))
    june = maybe["Topic 1, June 2024"].one("title").text()
    assert june.endswith("(and 1 more whose date is approximate, coarser or open-ended and may fall in it)")
    assert "ほかに、日付がおおよそ・より粗い・端が不明で、この時期にかかり得る出来事1件" in maybe["Topic 1, June 2024"].attrs["data-ja"]


def test_one_uncertain_event_among_thousands_is_a_grey_part_one_can_see(run_cli, tmp_path):
    path = lanes_file(tmp_path, 1400, 1, lambda index: "2025-03-01?" if index == 0 else "2025-03-01")
    [bar] = bars_of(html(run_cli, "-f", path))
    assert (bar.attrs["data-count"], bar.attrs["data-more"]) == ("1399", "1")
    assert float(bar.one("rect", cls="tl-bar-grey").attrs["height"]) >= 1.5  # its share alone would be 0.03 px


@pytest.mark.parametrize(("dates", "period"), [
    (lambda index: f"2025-03-{index % 28 + 1:02d}T{index % 24:02d}:00:00Z", "March 5, 2025"),  # a busy month: days
    (lambda index: str(2000 + index % 26), "2004")])  # years only: a bar a year, never twelve grey shares
def test_bars_are_as_fine_as_the_axis_allows_and_no_finer_than_the_dates(run_cli, tmp_path, dates, period):
    bars = bars_of(html(run_cli, "-f", lanes_file(tmp_path, LONG + 1, 2, dates)))
    named = [bar.one("title").text() for bar in bars]
    assert f"Topic 0, {period}: " in " ".join(named)
    assert all("data-more" not in bar.attrs for bar in bars)  # every date known to fall in its bar


def test_a_bar_of_one_event_names_it_and_one_shared_event_says_its_own_date(run_cli, tmp_path):
    special = {0: "2024-02-10", 1: "2022"}

    def dates(index: int) -> str:
        return special.get(index) or (datetime.date(2023, 1, 1) + datetime.timedelta(days=index % 300)).isoformat()

    named = [bar.one("title").text() for bar in bars_of(html(run_cli, "-f", lanes_file(tmp_path, LONG + 1, 2, dates)))]
    assert "Topic 0, Feb. 2024: Event 0" in named
    assert "Topic 1, March 2022: Event 1 (2022), which may fall in it" in named
    assert not any(" 1 events" in title for title in named)


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
