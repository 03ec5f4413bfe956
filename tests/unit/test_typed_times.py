"""Times of day as people type them (dates/typed_times.py through read_date, for --from/--to and `timeline date`):
ISO as typed, written times with a zone's name or offset, what render/times.py writes reading back, and the
refusals: a time without a zone, a time on more than one day, a time that is none."""

from __future__ import annotations

import pytest

from timeline.dates import DateError, parse_edtf
from timeline.dates.human import read_date
from timeline.dates.messages import in_language
from timeline.render.dates import format_date

READS_AS = [
    ("2025-10-10T15:00-04:00", "2025-10-10T15:00:00-04:00"),
    ("2025-10-10T15:00:00-04:00", "2025-10-10T15:00:00-04:00"),
    ("2025-10-10 15:05Z", "2025-10-10T15:05:00Z"),
    ("2025-10-10T15:05-0400", "2025-10-10T15:05:00-04:00"),
    ("2025-10-10T15:05+09", "2025-10-10T15:05:00+09:00"),
    ("2025-10-10T15:05:00+00:00", "2025-10-10T15:05:00Z"),
    ("2025-10-10 15:05 UTC+9", "2025-10-10T15:05:00+09:00"),
    ("2025-10-10 15:05 ET", "2025-10-10T15:05:00-04:00"),
    ("Oct. 10, 2025 3pm ET", "2025-10-10T15:00:00-04:00"),  # ET is UTC-4 on Oct. 10 (daylight time) ...
    ("Jan. 10, 2025 3pm ET", "2025-01-10T15:00:00-05:00"),  # ... and UTC-5 in January
    ("Oct. 10, 2025 3:05 p.m. PT", "2025-10-10T15:05:00-07:00"),
    ("3:05 p.m. ET, Oct. 10, 2025", "2025-10-10T15:05:00-04:00"),
    ("3:05 p.m. UTC-4, Oct. 10, 2025", "2025-10-10T15:05:00-04:00"),
    ("10 Oct 2025 09:30 JST", "2025-10-10T09:30:00+09:00"),
    ("noon GMT, Oct. 10, 2025", "2025-10-10T12:00:00Z"),
    ("Noon GMT, Oct. 10, 2025", "2025-10-10T12:00:00Z"),
    ("12:30 a.m. GMT, Oct. 10, 2025", "2025-10-10T00:30:00Z"),
    ("midnight ET, Oct. 9, 2025", "2025-10-10T00:00:00-04:00"),  # AP: the end of Oct. 9
    ("July 1, 2025 9am BST", "2025-07-01T09:00:00+01:00"),
    ("2025年10月10日午後3時5分（米東部時間）", "2025-10-10T15:05:00-04:00"),
    ("2025年10月10日正午（日本時間）", "2025-10-10T12:00:00+09:00"),
    ("2025年10月10日午前0時（協定世界時）", "2025-10-10T00:00:00Z"),
    ("2025年10月10日15時（UTC+9）", "2025-10-10T15:00:00+09:00"),
]


@pytest.mark.parametrize(("typed", "edtf"), READS_AS)
def test_a_typed_time_reads_as_an_edtf_date_time(typed, edtf):
    assert read_date(typed).edtf == edtf


@pytest.mark.parametrize("edtf", ["2025-10-10T15:05:00-04:00", "2025-10-10T12:00:00Z", "2025-10-10T00:00:00Z",
                                  "2025-10-10T09:00:30+09:00", "2025-01-01T00:00:00+05:30", "2025-10-10T23:59:00-12:00"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_what_the_display_writes_reads_back(edtf, lang):
    shown = format_date(parse_edtf(edtf), lang)
    assert read_date(shown).edtf == edtf, shown


def test_a_zone_named_by_its_region_says_the_offset_it_took():
    reading = read_date("Oct. 10, 2025 3pm ET")
    assert [(a.kind, a.typed, a.means) for a in reading.assumed] == [("zone", "ET", "-04:00 (America/New_York)")]


REFUSED = [
    ("Oct. 10, 2025 3pm", "time-no-zone"),  # no zone: no moment
    ("2025-10-10T15:00", "time-no-zone"),
    ("2025-10-10T15:05:00", "time-no-zone"),  # EDTF without a zone: only a file's `timezone` gives it one
    ("2025-10-10 15:05", "time-no-zone"),
    ("2025年10月10日午後3時", "time-no-zone"),
    ("Oct. 2025 3pm ET", "time-not-day"),  # a month has no time of day
    ("c. Oct. 10, 2025 3pm ET", "time-not-day"),
    ("13 p.m. ET, Oct. 10, 2025", "bad-time"),
    ("25:00 ET, Oct. 10, 2025", "bad-time"),
    ("2025-10-10T24:30Z", "bad-time"),
]


@pytest.mark.parametrize(("typed", "key"), REFUSED)
def test_a_time_that_names_no_moment_is_refused_in_both_languages(typed, key):
    with pytest.raises(DateError) as refused:
        read_date(typed)
    assert getattr(refused.value, "key", None) == key
    english, japanese = in_language(refused.value, "en", typed), in_language(refused.value, "ja", typed)
    assert "2025-10-10T15:05:00-04:00" in english[1] and "米東部時間" in japanese[1]


@pytest.mark.parametrize(("typed", "english", "japanese"), [
    ("3pm BST January 2025", "'January 2025' is a month", "「January 2025」は月です"),
    ("2025 noon GMT", "'2025' is a year", "「2025」は年です"),
    ("summer 2025 3pm GMT", "'summer 2025' is a season", "「summer 2025」は季節です"),
    ("Jan. 20-21, 2025 3pm GMT", "'Jan. 20-21, 2025' is a range", "「Jan. 20-21, 2025」は期間です"),
    ("c. Oct. 10, 2025 3pm ET", "'c. Oct. 10, 2025' is approximate", "頃が付いています"),
    ("3pm GMT", "no day is given", "日付がありません"),
])
def test_a_time_without_one_whole_day_says_what_the_day_typed_is(typed, english, japanese):
    with pytest.raises(DateError) as refused:
        read_date(typed)
    assert english in in_language(refused.value, "en", typed)[0]
    assert japanese in in_language(refused.value, "ja", typed)[0]


@pytest.mark.parametrize("typed", ["May 13, 2025", "2025-05-13", "Jan. 20-21, 2025", "2025年5月13日", "Q3 2025",
                                   "summer 2025", "c. 2025"])
def test_dates_without_times_read_as_before(typed):
    assert "T" not in read_date(typed).edtf


def refusal_in_both_languages(typed: str) -> str:
    """What refusing `typed` says, message and hint, in English then in Japanese."""
    with pytest.raises(DateError) as refused:
        read_date(typed)
    return " ".join([*in_language(refused.value, "en", typed), *in_language(refused.value, "ja", typed)])


@pytest.mark.parametrize(("typed", "english", "japanese"), [
    # a re-check review: the interval's end was dropped, and the moment read as if nothing followed it
    ("2025-07-15T10:00:00Z/..", "an interval's ends are days, without a time of day", "write 2025-07-15 for that end"),
    ("2025-07-15T10:00:00Z/2025-07-16", "an interval's ends are days", "write 2025-07-15 for that end"),
    ("2025-07-15T10:00:00Z junk", "'junk' would be left out of the date it reads as (2025-07-15T10:00:00Z)",
     "「junk」が読み取った日付（2025-07-15T10:00:00Z）に入りません"),
    ("2025-01-15T10:00:00-04:00 ET", "-04:00 is not the offset of ET on that day (-05:00)", "時差（-05:00）と違います"),
])
def test_nothing_typed_after_a_time_and_its_offset_is_dropped(typed, english, japanese):
    said = refusal_in_both_languages(typed)
    assert english in said and japanese in said, said


@pytest.mark.parametrize(("typed", "edtf"), [("2025-07-15T10:00:00+09:00 (JST)", "2025-07-15T10:00:00+09:00"),
                                             ("2025-07-15T10:00:00-04:00 ET", "2025-07-15T10:00:00-04:00"),
                                             ("2025-07-15T10:00:00Z UTC", "2025-07-15T10:00:00Z")])
def test_an_offset_followed_by_its_zones_name_reads_as_the_offset(typed, edtf):
    assert read_date(typed).edtf == edtf


@pytest.mark.parametrize(("typed", "english", "japanese"), [
    # a new-user review: "CET" was read as "ET" with a "C" left over ("cannot read 'Oct. 10, 2025 C'"), and a name
    # or a fraction this does not read was said to be "no zone"
    ("Oct. 10, 2025 15:00 CET", "'CET' is not a zone name this knows", "「CET」は知らない時間帯の名前です"),
    ("Oct. 10, 2025 3pm HKT", "'HKT' is not a zone name this knows", "「HKT」は知らない時間帯の名前です"),
    ("2025-10-10T15:00 Asia/Tokyo", "'Asia/Tokyo' is not a zone name this knows", "「Asia/Tokyo」"),
    ("2025-10-10T15:00:00+01:00 CET", "'CET' is not a zone name this knows", "「CET」は知らない時間帯の名前です"),
    ("2025-10-10T15:00:00.500Z", "write 2025-10-10T15:00:00Z", "2025-10-10T15:00:00Z と書いてください"),
])
def test_an_unknown_zone_or_a_fraction_of_a_second_is_named_in_both_languages(typed, english, japanese):
    said = refusal_in_both_languages(typed)
    assert english in said and japanese in said, said


@pytest.mark.parametrize("typed", ["2025-10-10T15:00:00−04:00", "Oct. 10, 2025 15:00 UTC−4"])
def test_an_offset_pasted_with_a_minus_sign_is_an_offset(typed):
    """U+2212, the minus sign of typeset text (NFKC keeps it)."""
    assert read_date(typed).edtf == "2025-10-10T15:00:00-04:00"


@pytest.mark.parametrize(("typed", "said"), [
    # a hostile review: +09:60 read as +10:00, +99:99 a traceback (a file's date refuses both)
    ("2025-07-15T10:00:00+09:60", "the offset +09:60 is out of range"),
    ("2025-07-15T10:00:00+99:99", "the offset +99:99 is out of range"),
    ("2025-07-15T10:00+15", "the offset +15:00 is out of range"),
])
def test_an_offset_out_of_range_is_refused_as_in_a_file(typed, said):
    with pytest.raises(DateError) as refused:
        read_date(typed)
    assert said in refused.value.message


@pytest.mark.parametrize("offset", ["-04:00", "-05:00"])
def test_the_offset_says_which_of_a_repeated_hour_its_zone_name_means(offset):
    """1:30 a.m. ET happened twice on Nov. 2, 2025: with its offset it is one moment (it was refused as twice)."""
    assert read_date(f"2025-11-02T01:30:00{offset} ET").edtf == f"2025-11-02T01:30:00{offset}"


@pytest.mark.parametrize("typed", ["1時" * 500, "noon " * 300, "3 p.m. " * 200, "2025-07-15T10:00" + " " * 2000 + "a\nb"])
def test_a_page_of_text_is_refused_as_too_long_not_read(typed):
    """A hostile review: each time in the text made the reader read the rest again (minutes of work for 5 kB,
    Python's recursion limit for 500 times)."""
    with pytest.raises(DateError) as refused:
        read_date(typed)
    assert getattr(refused.value, "key", None) == "too-long"
    assert "at most 120 characters" in in_language(refused.value, "en", typed)[0]
    assert "120文字まで" in in_language(refused.value, "ja", typed)[0]
