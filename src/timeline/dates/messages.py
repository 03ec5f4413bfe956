"""Why a typed date is refused, in English and Japanese (`timeline date --lang ja`, --from/--to under --lang ja).

Each refusal of a typed date (human.py, ranges.py, japanese.py) is a `Refusal`: a DateError whose message and
hint are English, as every DateError's are, and which can say the same in Japanese. The words of both languages
are written once, here, side by side. A DateError from the strict parser (edtf.py, diagnosis.py) has English
words only; `in_language` frames it in Japanese and keeps its English detail.
"""

from __future__ import annotations

from ..errors import DateError

# The accepted forms, one group a line: a hint is printed a line at a time under the `Error:` line.
FORMS = {
    "en": ("accepted forms: 2025-05-13, 2025-05, 2025, 2025-22 (summer), 2025-05/2025-07, May 13, 2025, 13 May 2025, "
           "May 2025, summer 2025, Q3 2025, 2025/05/13\n"
           "2025年5月13日, 2025年5月, 2025年夏, 2025年第3四半期, 令和7年5月; ranges: Jan. 20-21, 2025, July–Sept. 2025, "
           "until Jan. 19, 2025, from July 2025\n"
           "c. 2025 or 2025年頃 is 2025~ (approximate), 2025? or 推定2025年 is 2025? (uncertain)\n"
           "`timeline date TEXT` shows how a date is read"),
    "ja": ("使える書き方：2025-05-13、2025-05、2025、2025-22（夏）、2025-05/2025-07、May 13, 2025、2025/05/13、"
           "2025年5月13日、2025年5月、2025年夏、2025年第3四半期、令和7年5月\n"
           "期間：2025年1月20日～21日、2025年7月～9月、2025年7月以降、2025年1月19日まで\n"
           "2025年頃・c. 2025 は 2025~（おおよそ）、推定2025年・2025? は 2025?（不確か）\n"
           "`timeline date TEXT` で日付の読み方を確かめられます"),
}  # fmt: skip

_TIME_FORMS_EN = ("a time with its zone: 2025-10-10T15:05:00-04:00, 2025-10-10T15:05Z, 'Oct. 10, 2025 3:05pm ET', "
                  "'3:05 p.m. UTC-4, Oct. 10, 2025', 'noon GMT, Oct. 10, 2025'; zones: ET CT MT PT GMT BST JST UTC+9")
_TIME_FORMS_JA = ("時刻は時間帯と一緒に：2025-10-10T15:05:00-04:00、2025年10月10日午後3時5分（米東部時間）、"
                  "2025年10月10日正午（日本時間）；時間帯：米東部時間、日本時間、協定世界時、UTC+9、ET、JST")
# key: ((English message, hint), (Japanese message, hint)); "{forms}" is the accepted forms in that language.
_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "unreadable": (("cannot read {typed!r} as a date", "{forms}"),
                   ("「{typed}」を日付として読めません", "{forms}")),
    "ambiguous": (("{typed!r} is ambiguous: day and month could be either way round",
                   "write {one} or {other}, or the month in words: {one_words} or {other_words}"),
                  ("「{typed}」は日と月のどちらが先か決められません",
                   "{one} か {other} と書くか、月を月名で書いてください：{one_words} または {other_words}")),
    "no-year": (("{typed!r} has no year", "{forms}"), ("「{typed}」には年がありません", "{forms}")),
    "short-year": (("{typed!r}: write the year with four digits", "{forms}"),
                   ("「{typed}」：年は4桁で書いてください", "{forms}")),
    "day-without-month": (("{typed!r}: a day needs a month", "{forms}"),
                          ("「{typed}」：日には月が要ります", "{forms}")),
    "time": (("{typed!r}: cannot read the time of day and its zone", _TIME_FORMS_EN + "{write}"),
             ("「{typed}」：時刻とその時間帯を読めません", _TIME_FORMS_JA + "{write}")),
    # times of day (typed_times.py; the times helper of issue 23)
    "time-no-zone": (("{typed!r}: a time of day needs its zone (a time without one names no moment)",
                      _TIME_FORMS_EN + "{write}"),
                     ("「{typed}」：時刻には時間帯が要ります（時間帯のない時刻は時点を示しません）", _TIME_FORMS_JA + "{write}")),
    "time-not-day": (("{typed!r}: a time of day goes with one whole day, without c. or ?, and {why}", _TIME_FORMS_EN),
                     ("「{typed}」：時刻は一日の日付にだけ付けられます（頃・推定は付けられません）。{why}",
                      _TIME_FORMS_JA)),
    "bad-time": (("{typed!r}: {time!r} is not a time of day", _TIME_FORMS_EN),
                 ("「{typed}」：「{time}」は時刻ではありません", _TIME_FORMS_JA)),
    # issue 23 review: daylight saving and seasonal zone names
    "time-skipped": (("{typed!r}: that time never happened in {zone}: the clocks skipped it",
                      "the times around it are {before} and {after}"),
                     ("「{typed}」：その時刻は{zone}にはありません（時計が飛ばしました）",
                      "前後の時刻は {before} と {after} です")),
    "time-twice": (("{typed!r}: that time happened twice in {zone}, at {first} and at {second}",
                    "write the offset: {when}{first} (the first) or {when}{second} (the second)"),
                   ("「{typed}」：その時刻は{zone}で二度ありました（{first} と {second}）",
                    "時差を書いてください：{when}{first}（一度目）または {when}{second}（二度目）")),
    "too-long": (("{typed!r}: a date is at most {longest} characters", "{forms}"),
                 ("「{typed}」：日付は{longest}文字までです", "{forms}")),
    "zone-unknown": (("{typed!r}: {zone!r} is not a zone name this knows",
                      _TIME_FORMS_EN + "\nwrite its offset (UTC+1, +09:00) or one of these names"),
                     ("「{typed}」：「{zone}」は知らない時間帯の名前です",
                      _TIME_FORMS_JA + "\n時差（UTC+1、+09:00）か上の名前で書いてください")),
    "time-fraction": (("{typed!r}: EDTF writes whole seconds (a fraction is never rounded here)", "write {whole}"),
                      ("「{typed}」：EDTFの秒は整数です（端数を丸めることはしません）", "{whole} と書いてください")),
    "zone-disagree": (("{typed!r}: {offset} is not the offset of {zone} on that day ({theirs})",
                       "write the offset or the zone's name, not two that disagree"),
                      ("「{typed}」：{offset}は、その日の{zone}の時差（{theirs}）と違います",
                       "時差か時間帯の名前のどちらか一方を書いてください")),
    "zone-season": (("{typed!r}: {why}", "{write}"),
                    ("「{typed}」：{why}", "{write}")),
    "unused-digits": (("{typed!r}: {part!r} would be left out of the date it reads as ({edtf})",
                       "when unsure, write the date unambiguously, e.g. 2025-12-11 or Dec 11 2025\n{forms}"),
                      ("「{typed}」：「{part}」が読み取った日付（{edtf}）に入りません",
                       "2025-12-11 や Dec 11 2025 のように紛れなく書いてください\n{forms}")),
    "numeric-month": (("{typed!r}: a month written as a number is read only in the shapes 05/2025, 2025/05, "
                       "13.05.2025 and 2025/05/13", "write the month in words (May 2025, May 13, 2025) or as EDTF "
                       "(2025-05, 2025-05-13)"),
                      ("「{typed}」：数字の月は 05/2025、2025/05、13.05.2025、2025/05/13 の形でだけ読みます",
                       "月を月名（May 2025）か年月日（2025年5月、2025-05）で書いてください")),
    "ordinal": (("{typed!r}: {ordinal!r} is read as a day only next to a month name",
                 "write the month: May 3, 2025, 3rd May 2025 or 2025-05-03"),
                ("「{typed}」：「{ordinal}」を日と読むのは月名と並べたときだけです",
                 "月を書いてください：May 3, 2025、3rd May 2025 または 2025-05-03")),
    "twice": (("{typed!r} says {kind} twice ({first!r} and {second!r})", "say it once: {once}"),
              ("「{typed}」は{kind_ja}を二度書いています（「{first}」と「{second}」）", "一度だけ書いてください：{once}")),
    "negative-year": (("{typed!r}: a year typed with a minus sign is more often a slip than a year B.C.",
                       "for the year {bc} B.C. type {bc} B.C. (in an event file, EDTF {edtf}); for the year {digits}, "
                       "leave out the '-'"),
                      ("「{typed}」：マイナス記号の付いた年は紀元前の年より打ち間違いのことが多いので読みません",
                       "紀元前{bc}年なら「紀元前{bc}年」と書いてください（イベントファイルではEDTFの {edtf}）。"
                       "{digits}年なら「-」を取ってください")),
    "signed-year": (("{typed!r}: a year is written without a '+'", "write {unsigned}"),
                    ("「{typed}」：年には「+」を付けません", "{unsigned} と書いてください")),
    "year-end": (("{typed!r}: the months run across a year end, and the text gives only the year {year}",
                  "if it runs from {start} into {next_year}, write {guess}"),
                 ("「{typed}」：月が年をまたいでいますが、年は{year}年しか書かれていません",
                  "{start}から{next_year}年にかけてなら {guess} と書いてください")),
    "ends-years": (("{typed!r}: write the year of each end of the interval", "{interval}"),
                   ("「{typed}」：期間の両端に年を書いてください", "{interval}")),
    "era-outside": (("{typed!r}: {era} {bound}, so the date is not in it",
                     "check the era year; if {edtf} is the date meant, write {edtf}"),
                    ("「{typed}」：{era}は{bound_ja}ので、この日付はその元号にありません",
                     "元号の年を確かめてください。{edtf} のことなら {edtf} と書いてください")),
    "fiscal-year": (("{typed!r}: a fiscal year (年度) is not a calendar year, and where it starts depends on who "
                     "counts it", "write the months as EDTF, e.g. 2025-10/2025-12"),
                    ("「{typed}」：年度は暦年ではなく、いつ始まるかは数える人によって違います",
                     "月をEDTFで書いてください（例：2025-10/2025-12）")),
    "reads-as": (("{typed!r} reads as {detail}", "{detail_hint}"),
                 ("「{typed}」は {edtf} と読めますが、日付として正しくありません：{detail}", "{detail_hint}")),
}  # fmt: skip
_KINDS_JA = {"approximate": "「おおよそ」", "uncertain": "「不確か」"}
_INTERVAL_JA = "期間は 始め/終わり と書きます（例：2025-07/2025-09）。片側が開いた期間は 2025-07/..（以降）、../2025-07（まで）"
_STRICT_JA = "「{typed}」は日付として読めません：{detail}"
# The strict parser's refusals (edtf.py, clock.py, unspecified.py) said in Japanese: (its English detail after the
# quoted text, the hint's English), as patterns -> (Japanese detail, Japanese hint). One whose words are not here
# keeps its English detail inside the Japanese frame, so nothing it says is lost.
_STRICT_DETAILS_JA = (
    (r"month (\d+) is out of range", "{0}月という月はありません", "月は01～12、季節は21（春）～24（冬）です"),
    (r"season (\d+) is out of range", "季節{0}はありません", "季節は21（春）、22（夏）、23（秋）、24（冬）です"),
    (r"day (\d+) is out of range for (\w+)\.? (-?\d+)", "{2}年{month}に{0}日はありません", "{2}年{month}は{days}日までです"),
    (r"a time of day is accepted on the years 0001 to 9999", "時刻を付けられるのは0001年～9999年の日付だけです",
     "日付だけを書いてください：{day}"),
    (r"(hour|minute|second) (\d+) is out of range", "{unit}{1}は範囲外です", "{unit}は00～{limit}です"),
    (r"the interval ends \((.+)\) before it starts \((.+)\)", "期間の終わり（{0}）が始め（{1}）より前です",
     "早い日付を先に書いてください：{0}/{1}"),
    (r"year 0 has no sign", "0年には符号を付けません", "{hint}"),
)
_UNITS_JA = {"hour": ("時", "23"), "minute": ("分", "59"), "second": ("秒", "59")}


class Refusal(DateError):
    """A typed date refused, with its words in both languages: `key` names them in `_WORDS`, `fields` fills them."""

    def __init__(self, key: str, *, column: int = 0, **fields: object):
        self.key, self.fields = key, fields
        message, hint = _say(key, "en", fields)
        super().__init__(message, column=column, hint=hint)


# Why the day a time of day was typed with is not one whole day ("time-not-day": `why` and the day as typed).
_NOT_A_DAY = {
    "en": {"none": "no day is given", "range": "{day!r} is a range", "approximate": "{day!r} is approximate",
           "uncertain": "{day!r} is uncertain", "timed": "{day!r} has a time already", "month": "{day!r} is a month",
           "season": "{day!r} is a season", "year": "{day!r} is a year", "decade": "{day!r} is a decade",
           "century": "{day!r} is a century", "millennium": "{day!r} is a millennium"},
    "ja": {"none": "日付がありません", "range": "「{day}」は期間です", "approximate": "「{day}」には頃が付いています",
           "uncertain": "「{day}」には推定が付いています", "timed": "「{day}」にはもう時刻があります",
           "month": "「{day}」は月です", "season": "「{day}」は季節です", "year": "「{day}」は年です",
           "decade": "「{day}」は年代です", "century": "「{day}」は世紀です", "millennium": "「{day}」は千年紀です"},
}  # fmt: skip


def _say(key: str, lang: str, fields: dict) -> tuple[str, str]:
    """The (message, hint) of `key` in `lang`, filled from `fields`."""
    english, japanese = _WORDS[key]
    message, hint = japanese if lang == "ja" else english
    filled = {"forms": FORMS[lang], "kind_ja": _KINDS_JA.get(str(fields.get("kind")), ""),
              "interval": _INTERVAL_JA if lang == "ja" else fields.get("interval", ""), **fields}
    if key == "time-not-day":
        filled["why"] = _NOT_A_DAY[lang][str(fields["why"])].format(day=fields.get("day", ""))
    return message.format(**filled), hint.format(**filled)


def in_language(error: DateError, lang: str, typed: str = "") -> tuple[str, str]:
    """The (message, hint) of a refused date in `lang` ('en' or 'ja'). A strict-parser error has English words
    only: under ja it is framed in Japanese, its English detail kept, so nothing it says is lost."""
    if isinstance(error, Refusal):
        return _say(error.key, lang, error.fields)
    if lang != "ja":
        return error.message, error.hint
    said = _strict_in_japanese(error)
    if said is not None:
        return _STRICT_JA.format(typed=typed, detail=said[0]), said[1]
    return _STRICT_JA.format(typed=typed, detail=error.message), error.hint


def _strict_in_japanese(error: DateError) -> tuple[str, str] | None:
    """(detail, hint) in Japanese of a strict-parser refusal whose words `_STRICT_DETAILS_JA` has, else None."""
    import re

    detail = error.message.split(": ", 1)[-1]
    for pattern, message, hint in _STRICT_DETAILS_JA:
        found = re.fullmatch(pattern, detail)
        if found is None:
            continue
        groups = found.groups()
        fields: dict[str, object] = {"hint": error.hint}
        if pattern.startswith("day"):
            month = _MONTHS_EN.index(groups[1][:3]) + 1
            fields.update(month=f"{month}月", days=(error.hint or "").split(" has ")[-1].split(" ")[0])
        if pattern.startswith("(hour"):
            fields.update(unit=_UNITS_JA[groups[0]][0], limit=_UNITS_JA[groups[0]][1])
        if "9999" in pattern:
            fields.update(day=(error.hint or "").rsplit(": ", 1)[-1])
        return message.format(*groups, **fields), hint.format(*groups, **fields)
    return None


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
