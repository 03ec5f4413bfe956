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
    "time": (("{typed!r}: a time of day is not accepted", "event dates have day precision at most{write}"),
             ("「{typed}」：時刻は書けません", "イベントの日付の精度は日までです{write}")),
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
    "negative-year": (("{typed!r}: negative years (before year 1) are not supported yet",
                       "years run from 0001 to 9999"),
                      ("「{typed}」：負の年（紀元前）にはまだ対応していません", "年は0001から9999までです")),
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


class Refusal(DateError):
    """A typed date refused, with its words in both languages: `key` names them in `_WORDS`, `fields` fills them."""

    def __init__(self, key: str, *, column: int = 0, **fields: object):
        self.key, self.fields = key, fields
        message, hint = _say(key, "en", fields)
        super().__init__(message, column=column, hint=hint)


def _say(key: str, lang: str, fields: dict) -> tuple[str, str]:
    """The (message, hint) of `key` in `lang`, filled from `fields`."""
    english, japanese = _WORDS[key]
    message, hint = japanese if lang == "ja" else english
    filled = {"forms": FORMS[lang], "kind_ja": _KINDS_JA.get(str(fields.get("kind")), ""),
              "interval": _INTERVAL_JA if lang == "ja" else fields.get("interval", ""), **fields}
    return message.format(**filled), hint.format(**filled)


def in_language(error: DateError, lang: str, typed: str = "") -> tuple[str, str]:
    """The (message, hint) of a refused date in `lang` ('en' or 'ja'). A strict-parser error has English words
    only: under ja it is framed in Japanese, its English detail kept, so nothing it says is lost."""
    if isinstance(error, Refusal):
        return _say(error.key, lang, error.fields)
    if lang != "ja":
        return error.message, error.hint
    return _STRICT_JA.format(typed=typed, detail=error.message), error.hint
