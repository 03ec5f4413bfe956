"""Our EDTF parser against python-edtf (the `edtf` package, test-only) as a differential oracle, levels 0 and 1.

For every level 0 and 1 example of python-edtf's own tests (edtf_examples.py) and for generated dates of every form,
both parsers agree on whether the text is a date and on its strict lower and upper bounds, but for the deliberate
differences below, each stated with its reason and tested on its own. python-edtf also takes level 2, which the
format does not: only its level 0 and 1 readings count as accepting.
"""

from __future__ import annotations

import calendar
import re

import pytest
from edtf.parser import parser_classes as edtf_classes
from edtf.parser.edtf_exceptions import EDTFParseException
from edtf.parser.grammar import parse_edtf as oracle_parse
from edtf_examples import BAD, LEVEL_0, LEVEL_1
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateError, parse_edtf

_LEVEL_0_1 = (edtf_classes.Date, edtf_classes.DateAndTime, edtf_classes.Interval, edtf_classes.UncertainOrApproximate,
              edtf_classes.Unspecified, edtf_classes.Level1Interval, edtf_classes.LongYear, edtf_classes.Season)


def oracle(text: str):
    """python-edtf's level 0 or 1 reading of `text`, or None where it refuses it (or reads it as level 2 only)."""
    try:
        parsed = oracle_parse(text)
    except EDTFParseException:
        return None
    except Exception:  # python-edtf 5.0.2 crashes on a few texts (AttributeError on 0000/0000-XX): no reading either
        return None
    return parsed if type(parsed) in _LEVEL_0_1 else None


def ours(text: str):
    try:
        return parse_edtf(text)
    except DateError:
        return None


def _day(value) -> tuple[int, int, int] | None:
    """A struct_time bound as (year, month, day); None for an infinite (open) one."""
    return None if isinstance(value, float) else (value.tm_year, value.tm_mon, value.tm_mday)


def _iso(text: str) -> tuple[int, int, int] | None:
    if text in ("inf", "-inf"):
        return None
    sign, year, month, day = re.fullmatch(r"(-?)(\d+)-(\d\d)-(\d\d)", text).groups()  # type: ignore[union-attr]
    return (int(sign + year), int(month), int(day))


def _bounds(date) -> tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]:
    return tuple(None if day is None else (day.year, day.month, day.day) for day in (date.earliest, date.latest))


# -- the deliberate differences -----------------------------------------------------------------------------------

def stricter(text: str) -> str | None:
    """Why we refuse a text python-edtf accepts at level 0/1, or None. Each is a rule a newsroom should keep."""
    if re.fullmatch(r"(?:\.\.)?/(?:\.\.)?", text):
        return "an interval with no date on either side says nothing about when"
    left, slash, right = text.partition("/")
    first, last = (ours(side) if side not in ("", "..") else None for side in (left, right))
    if slash and first is not None and last is not None and last.latest < first.earliest:
        return "an interval that ends before it starts is a typing error (python-edtf takes 2008/2004)"
    if re.search(r"T24:00:00", text):
        return "midnight is 00:00:00 of the next day: one moment has one text"
    if re.search(r"T\d\d:\d\d:\d\d[+-]\d\d$", text):
        return "an offset is written +hh:mm, so that the text is canonical"
    if "T" in text and not re.match(r"(?!0000)\d{4}-\d\d-\d\dT", text):
        return "a time of day needs a whole day, of the years 0001-9999 (python-edtf takes 2004T10:10:10)"
    leap = re.search(r"(-?\d{4})-02-29", text)
    if leap and not calendar.isleap(int(leap[1])):
        return "29 February of a common year is no day (python-edtf's grammar takes 02-29 in every year)"
    if re.match(r"-?\d?X+\d", text):
        return "level 1 leaves only the last digits of a year unspecified (python-edtf takes 1X9X)"
    return None


def looser(text: str) -> str | None:
    """Why we accept a text python-edtf refuses, or None."""
    if re.fullmatch(r"-?\d{4}-2[1-4][?~%]", text):
        return "a season takes a qualifier as any date does (python-edtf takes one only at an interval's end)"
    return None


def bounds_differ(text: str) -> str | None:
    """Why our strict bounds differ from python-edtf's for a text both accept, or None."""
    if re.search(r"-24(?:[?~%])?(?:/|$)", text):
        return "winter runs December to February (python-edtf ends it on December 31 of its year)"
    if re.match(r"-\d{4}-[0-9X-]*XX", text):
        return "python-edtf 5.0.2 gets a negative year's unspecified month or day wrong (-0999-01-XX: bounds reversed)"
    return None


# -- python-edtf's own examples -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), LEVEL_0 + LEVEL_1, ids=[t for t, _ in LEVEL_0 + LEVEL_1])
def test_every_level_0_and_1_example_of_python_edtf_is_a_date_with_its_bounds(text, expected):
    parsed = ours(text)
    if stricter(text):
        assert parsed is None
        return
    assert parsed is not None and str(parsed) == text  # the canonical text round-trips
    lower, upper = (_iso(expected[0]), _iso(expected[-1]))
    earliest, latest = _bounds(parsed)
    # An open side (..) is unbounded in both; an unknown side (2004/) is unknown to us, ten years off to python-edtf.
    if parsed.start is not None:
        assert earliest == lower
    if parsed.end is not None:
        assert latest == upper or bounds_differ(text)


def test_winter_runs_into_the_next_year_where_python_edtf_stops_at_december():
    """The deliberate difference: EDTF's season 24 is winter, which in the northern hemisphere ends in February."""
    assert _bounds(parse_edtf("2010-24")) == ((2010, 12, 1), (2011, 2, 28))
    assert _day(oracle("2010-24").upper_strict()) == (2010, 12, 31)


def test_an_unknown_end_stays_unknown_where_python_edtf_puts_it_ten_years_off():
    assert parse_edtf("/2006").earliest is None and parse_edtf("2004-06-01/").latest is None
    assert _day(oracle("/2006").lower_strict()) == (1996, 12, 31)


# The column of the first character that is wrong, for each of python-edtf's bad examples.
_BAD_COLUMNS = {"": 0, "not a edtf string": 0, "Y17E7-12-26": 5, "2016-13-08": 5, "2016-02-39": 8, "-0000-01-01": 0,
                "2004-(06)?-11": 5, "2004-06-(11)~": 8, "2004-(06)%": 5, "2004-(06-11)?": 5, "2004?-06-(11)~": 4,
                "(2004-(06)~)?": 0, "(2004)?-06-04~": 0, "(2011)-06-04~": 0, "2011-(06-04)~": 5,
                "2004-06-(01)~/2004-06-(20)~": 8}


@pytest.mark.parametrize("text", BAD)
def test_every_bad_example_of_python_edtf_is_refused_at_the_right_column_with_a_hint(text):
    assert oracle(text) is None
    with pytest.raises(DateError) as refused:
        parse_edtf(text)
    assert refused.value.column == _BAD_COLUMNS[text] and refused.value.hint


@pytest.mark.parametrize(("text", "reason"), [
    ("2004-01T10:10:10", "a time of day needs a whole day"),
    ("2004-01-01T24:00:00", "midnight"),
    ("2004-01-01T10:10:10+05", "+hh:mm"),
    ("1900-02-29", "29 February"),
    ("1X9X", "last digits"),
])
def test_each_text_we_refuse_on_purpose_is_one_python_edtf_takes(text, reason):
    assert oracle(text) is not None and ours(text) is None and reason in stricter(text)


def test_a_qualified_season_is_a_date_we_take_on_purpose():
    assert oracle("2001-21~") is None and str(parse_edtf("2001-21~")) == "2001-21~" and looser("2001-21~")


# -- generated dates of every form ----------------------------------------------------------------------------------

_YEAR = st.integers(-9999, 9999).map(lambda y: f"{y:04d}" if y >= 0 else f"-{-y:04d}") | st.just("-0000")
_TWO = st.integers(0, 32).map(lambda n: f"{n:02d}")
_MONTH = st.integers(0, 13).map(lambda n: f"{n:02d}") | st.sampled_from(["21", "22", "23", "24", "25"])
_QUALIFIER = st.sampled_from(["", "", "?", "~", "%"])
_ZONE = st.sampled_from(["", "Z", "+05:00", "-04:00", "+00:00", "+14:00", "-00:30", "+05", "+15:00", "+05:30"])
_TIME = st.tuples(st.integers(0, 24), st.integers(0, 60), st.integers(0, 60), _ZONE).map(
    lambda t: f"T{t[0]:02d}:{t[1]:02d}:{t[2]:02d}{t[3]}")


@st.composite
def _plain(draw) -> str:
    """A year, month or day, or a season, perhaps qualified: the forms an interval's end may take."""
    text = draw(_YEAR)
    if draw(st.booleans()):
        text += "-" + draw(_MONTH)
        if draw(st.booleans()):
            text += "-" + draw(_TWO)
    return text + draw(_QUALIFIER)


@st.composite
def _single(draw) -> str:
    kind = draw(st.sampled_from(["plain", "time", "unspecified", "long"]))
    if kind == "plain":
        return draw(_plain())
    if kind == "time":
        day = draw(_YEAR) + "-" + draw(st.integers(1, 12).map(lambda n: f"{n:02d}")) + "-" + draw(_TWO)
        return (day if draw(st.integers(0, 9)) else day[:-3]) + draw(_TIME)
    if kind == "unspecified":
        masked = draw(st.sampled_from(["199X", "19XX", "1XXX", "-19XX", "1X9X", "0XXX", "XXXX"]))
        if draw(st.booleans()):
            masked = draw(_YEAR) + draw(st.sampled_from(["-XX", "-XX-XX", "-01-XX", "-02-XX", "-13-XX", "-X1"]))
        return masked + draw(_QUALIFIER)
    digits = draw(st.integers(1000, 10**10))
    return "Y" + draw(st.sampled_from(["", "-"])) + str(digits) + draw(st.sampled_from(["", "", "~"]))


@st.composite
def _any_form(draw) -> str:
    if draw(st.integers(0, 2)):
        return draw(_single())
    ends = _plain() | st.sampled_from(["", ".."]) | _single()
    return draw(ends) + "/" + draw(ends)


@settings(max_examples=400, deadline=None)
@given(_any_form())
def test_generated_dates_of_every_form_agree_with_python_edtf(text):
    theirs, mine = oracle(text), ours(text)
    if theirs is not None and mine is None:
        assert stricter(text), f"{text!r}: python-edtf takes it, we refuse it"
        return
    if theirs is None and mine is not None:
        assert looser(text), f"{text!r}: we take it, python-edtf refuses it"
        return
    if mine is None:
        return
    assert str(mine) == text  # what we accept is canonical, and writes itself back
    earliest, latest = _bounds(mine)
    if earliest is not None:
        assert earliest == _day(theirs.lower_strict()) or bounds_differ(text), text
    if latest is not None:
        assert latest == _day(theirs.upper_strict()) or bounds_differ(text), text
