"""How every output names a dispute: 'Sources differ on the date' / '出典により日付が異なる'.

One wording for the Markdown chronology, the web page and the exports, so a reader sees the same words whichever
they are given. Plain text: each renderer escapes it for its own format.
"""

from __future__ import annotations

__all__ = ["ABOUT_JA", "differ_on"]

# What a dispute is `about`, as a reader would name it; unknown slugs read as words in English and as
# a neutral 記述 ("account") in Japanese rather than as an English slug in Japanese copy.
ABOUT_JA = {"date": "日付", "amount": "金額", "duration": "期間", "count": "数", "number": "数", "place": "場所",
            "location": "場所", "name": "名称", "time": "時刻", "title": "肩書き", "reason": "理由", "content": "内容",
            "scope": "範囲", "period": "期間", "figure": "数字", "cause": "原因"}  # fmt: skip


def differ_on(about: str, lang: str) -> str:
    """The dispute's heading in `lang`, unescaped."""
    if lang == "ja":
        return f"出典により{ABOUT_JA.get(about, '記述')}が異なる"
    return f"Sources differ on the {about.replace('-', ' ')}"
