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


# -- a long overview (overview.LONG marks and more) ------------------------------------------------------------------

def marks_of(svg: str) -> list[str]:
    return re.findall(r'<a href="#event-[^"]*" class="tl-mark[^>]*>.*?</a>', svg, flags=re.S)


@pytest.mark.parametrize(("marks", "long"), [(LONG, False), (LONG + 1, True)])
def test_a_long_overview_is_untitled_and_hidden_from_assistive_technology_yet_every_mark_links(
        run_cli, tmp_path, marks, long):
    """Up to LONG marks, each says in its <title> what it is; above, 15 000 titles were a seventh of a 10 000-event
    page, so none is written (the script titles the mark pointed at) and the marks, a cloud of links that repeat
    the list, are hidden from assistive technology. Either way each mark is a link to its entry."""
    page = html(run_cli, "-f", far_file(tmp_path, count=marks - 1))  # one mark per event, one topic each
    found = marks_of(svg_of(page))
    assert len(found) == marks
    assert all(re.search(r'href="#event-([\w-]+)"', mark).group(1) in page for mark in found)
    assert all(("<title>" in mark) is not long for mark in found)
    svg = svg_of(page)
    assert ('data-long=""' in svg.split(">", 1)[0]) is long
    assert ('<g class="tl-marks" aria-hidden="true">' in svg) is long
    if long:  # every mark is inside the hidden group, none outside it
        assert len(marks_of(svg.split('<g class="tl-marks" aria-hidden="true">', 1)[1].split("</g>", 1)[0])) == marks


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


def test_a_long_overview_in_a_fragment_keeps_every_tooltip(run_cli, tmp_path):
    """A fragment has no script to title the mark pointed at: its marks keep their titles, however many."""
    svg = svg_of(html(run_cli, "-f", far_file(tmp_path, count=LONG), "--fragment"))
    found = marks_of(svg)
    assert len(found) == LONG + 1 and all("<title>" in mark for mark in found)
    assert '<g class="tl-marks" aria-hidden="true">' in svg
