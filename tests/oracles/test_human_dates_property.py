"""Dates as people type them, over generated text: a typed date is refused, or the date it reads as says what
the text says and nothing else (dates/human.py, dates/written.py).

The oracle is the text itself: every number of the EDTF read is in the text (a digit group, or a month or a
season named in words), and every digit group of the text is a number of the EDTF. dateutil, which human.py asks
about written dates, skips what it does not understand (`2025,05` -> 2025) and fills a day into an ordinal
(`3rd 2025` -> March): a reading that drops or invents a number breaks the property.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.dates import DateError
from timeline.dates.edtf import MONTH_NAMES
from timeline.dates.human import read_date

EXAMPLES = int(os.environ.get("TIMELINE_EXAMPLES", "300"))
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
NUMBERS = st.one_of(st.integers(1, 31).map(str), st.integers(1, 12).map(lambda n: f"{n:02d}"),
                    st.integers(1990, 2030).map(str), st.sampled_from(["-2025", "+2025", "25", "0", "3rd", "21st",
                                                                       "12th", "10:30", "20250513", "13"]))
WORDS = st.sampled_from([*MONTH_NAMES, "Jan.", "Sept", "Dec", "of", "the", "c.", "approx.", "about", "summer", "fall",
                         "until", "from", "to", "Monday", "?", "~", "(approx)", "(uncertain)"])
SEPARATORS = st.sampled_from([" ", " ", ", ", ",", ".", "/", "-", " – ", "~"])

def _joined(parts: list[tuple[str, str]]) -> str:
    return "".join(token + separator for token, separator in parts[:-1]) + parts[-1][0]


FREE = st.lists(st.tuples(st.one_of(NUMBERS, NUMBERS, WORDS), SEPARATORS), min_size=1, max_size=5).map(_joined)
# A day, a month and a year in some order, with something extra now and then: close to what is accepted.
SHAPED = st.tuples(st.integers(1, 31).map(str), st.one_of(st.integers(1, 12).map(str), WORDS),
                   st.integers(1990, 2030).map(str), st.lists(st.one_of(NUMBERS, WORDS), max_size=1)).flatmap(
    lambda tokens: st.permutations([*tokens[:3], *tokens[3]])).flatmap(
    lambda tokens: st.lists(SEPARATORS, min_size=len(tokens), max_size=len(tokens)).map(
        lambda separators: _joined(list(zip(tokens, separators)))))
TYPED = st.one_of(FREE, SHAPED)
# A sign before a number at the start, or after a space or '/', makes it another number ('-2025' is not 2025).
_NUMBER = re.compile(r"(?:(?<![^\s/])[-+])?\d+")


def _said_in_words(number: int, text: str) -> bool:
    """Whether the text names `number` as a month or a season (its EDTF code 21-24)."""
    words = [word.lower() for word in re.findall(r"[A-Za-z]+", text)]
    months = [n for n, name in enumerate(MONTH_NAMES, 1) for word in words
              if len(word) >= 3 and name.lower().startswith(word)]
    return number in months or number in [SEASONS[word] for word in words if word in SEASONS]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(TYPED)
@example("-2025")
@example("c. -2025")
@example("3rd March -2025")
@example("2025,05")
@example("3rd 2025")
@example("11 12 2025")
@example("May 3rd, 2025")
@example("Jan. 20-21, 2025")
def test_a_typed_date_is_refused_or_says_only_what_was_typed(typed):
    try:
        edtf = read_date(typed).edtf
    except DateError:
        return
    in_edtf = [int(number) for number in re.findall(r"(?<!\d)-?\d+", edtf)]  # -2025 is a year before year 1
    in_text = [int(group) for group in _NUMBER.findall(typed)]
    for number in in_edtf:
        assert number in in_text or _said_in_words(number, typed), (typed, edtf, number)
    for group in in_text:
        assert group in in_edtf, (typed, edtf, group)
