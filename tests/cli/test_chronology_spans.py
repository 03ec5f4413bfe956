"""A date coarser than a year (decade, century, millennium, an interval over years) is headed by its span, never
by one year it merely ends in: the Markdown chronology and the web page (render/sections.py), both languages."""

from __future__ import annotations

import re

import pytest

from conftest import GOOD
from test_html import html, html_outline, markdown_outline

EVERY_FORM = GOOD / "every_date_form.yaml"


def headings_over(markdown: str) -> dict[str, str]:
    """The nearest heading above each entry, by the entry's title."""
    above, current = {}, None
    for line in markdown.splitlines():
        if line.startswith("#"):
            current = line.lstrip("# ")
        elif match := re.match(r"- \*\*.+?\*\*(?:: |\u3000)([^\[\s]+(?: \d+)?)", line):
            above[match.group(1)] = current
    return above


# (title, English heading, Japanese heading): every precision, incl. unspecified digits and B.C.
EXPECTED = [
    ("form 13", "The 1990s", "1990年代"),  # 199X
    ("form 14", "The 1900s", "1900年代"),  # 19XX
    ("form 15", "1000–1999", "1000～1999年"),  # 1XXX
    ("form 16", "2000–1901 B.C.", "紀元前2000～1901年"),  # -19XX
    ("form 17", "1900–1909", "1900～1909年"),  # 190X reads as its years, not as the century
    ("form 21", "501 B.C. – A.D. 500", "紀元前501年～500年"),  # -0500/0500
    ("form 22", "2020–2023", "2020～2023年"),  # 2020/2023
    ("form 18", "During 1999", "1999年中"),  # 1999-XX: a year whose month was not given
    ("form 19", "During 1999", "1999年中"),  # 1999-XX-XX
    ("form 20", "January", "1月"),  # 1999-01-XX
    ("form 0", "During 2025", "2025年中"),
    ("form 9", "During 500 B.C.", "紀元前500年中"),
    ("form 10", "Winter 2 B.C.", "紀元前2年冬"),
    ("form 23", "November", "11月"),  # a month-anchored interval keeps its month
]

SPANS = {"form 13", "form 14", "form 15", "form 16", "form 17", "form 21", "form 22"}


@pytest.mark.parametrize("group_by", ["month", "year"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_date_spanning_years_is_headed_by_its_span(run_cli, lang, group_by):
    result = run_cli("chronology", "-f", EVERY_FORM, "--lang", lang, "--group-by", group_by, "--no-summaries")
    assert result.exit_code == 0, result.output
    above = headings_over(result.stdout)
    titles = {f"form {n}": f"形式{n}" for n in range(40)}
    for title, english, japanese in EXPECTED:
        heading = above[title if lang == "en" else titles[title]]
        if group_by == "month" or title in SPANS:  # grouped by year, only a span adds a heading
            assert heading == (english if lang == "en" else japanese), title


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_page_heads_spans_as_the_markdown_does(run_cli, lang):
    args = ["-f", str(EVERY_FORM), "--lang", lang]
    page = html_outline(html(run_cli, *args))
    text = markdown_outline(run_cli("chronology", *args).stdout)
    assert [x for x in page if x[0] in ("h2", "h3")] == [x for x in text if x[0] in ("h2", "h3")]
    assert ("h3", "The 1990s" if lang == "en" else "1990年代") in page
