"""Every prompt and message of `timeline add`, in English and Japanese (`--lang ja`), side by side in one table,
as dates/messages.py holds a typed date's refusals. `words(key, lang, **fields)` fills one in."""

from __future__ import annotations

__all__ = ["words"]

_KINDS_JA = {"topic": "トピック", "actor": "関係者", "source": "出典"}

# key: (English, Japanese); {fields} are filled by `words`.
_WORDS: dict[str, tuple[str, str]] = {
    # the prompts, by field (cli/add.py FIELDS)
    "date": ("Date (as you would write it: 2025-01-20, May 2025, Q3 2025, 令和7年5月)",
             "日付（普段の書き方で：2025-01-20、2025年5月、2025年第3四半期、令和7年5月）"),
    "title_ja": ("Title in Japanese", "見出し（日本語）"),
    "title_en": ("Title in English", "見出し（英語）"),
    "summary_ja": ("Summary in Japanese", "概要（日本語）"),
    "summary_en": ("Summary in English", "概要（英語）"),
    "topics": ("Topics (names or ids, separated by commas)", "トピック（名前かID、読点かコンマで区切る）"),
    "actors": ("Actors (names, aliases or ids, separated by commas; Enter keeps what is shown, - for none)",
               "関係者（名前・別名・ID、読点かコンマで区切る。Enterで表示の値のまま、- でなし）"),
    "source": ("Source (its id, or its publisher)", "出典（IDか発行元）"),
    "quote": ("Quote (copied exactly from the source)", "引用（出典から正確にコピー）"),
    "which-file": ("Which file (number)", "どのファイルに書きますか（番号）"),
    "keep-quote": ("Keep the quote as typed anyway?", "入力した引用をそのまま残しますか？"),
    "yes-no": ("[y/N]", "[y/N]"),
    # the prompter
    "answer-needed": ("  an answer is needed here (Ctrl-C stops, nothing written)",
                      "  ここは入力が必要です（Ctrl-C で中止。何も書き込みません）"),
    "choice": ("type a number from 1 to {count}", "1 から {count} までの番号を入力してください"),
    # the answers' checks
    "flag": ("{flag}: {message} (nothing was written)", "{flag}：{message}（何も書き込んでいません）"),
    "empty": ("the text is empty", "空です"),
    "the-text": ("the text", "テキスト"),
    "not-utf8": ("the text is not UTF-8 (byte 0x{byte} is no character); type it again in UTF-8",
                 "UTF-8 のテキストではありません（バイト 0x{byte} は文字になりません）。UTF-8 で入力し直してください"),
    "one-line": ("the text has a line break; write it on one line", "改行が含まれています。一行で書いてください"),
    "unknown-name": ("no {kind} has the id or name '{name}'{guess}", "ID か名前が「{name}」の{kind_ja}はありません{guess}"),
    "names-listed": ("the {kind}s are listed by `timeline {kind}s`", "{kind_ja}の一覧：`timeline {kind}s`"),
    "several": ("'{name}' names several {kind}s ({ids}): give the id",
                "「{name}」は複数の{kind_ja}（{ids}）を指します。ID で指定してください"),
    "at-least": ("give at least {least} {kind}", "{kind_ja}を少なくとも {least} つ指定してください"),
    "zone-taken": ("{date}: the time is in the file's timezone ({zone})",
                   "{date}：時刻はファイルの timezone（{zone}）で読みました"),
    # the files and the flags
    "into": ("--into {into}: not one of the files read (give it with -f too)",
             "--into {into}：読み込んだファイルではありません（-f でも指定してください）"),
    "no-event": ("--edit {edit}: no event has that id in {files}", "--edit {edit}：{files} にその ID の出来事はありません"),
    "did-you-mean": ("; did you mean '{name}'?", "。「{name}」のことですか？"),
    "several-files": ("several files could hold the event ({files}): name one with --into FILE",
                      "出来事を書けるファイルが複数あります（{files}）：--into FILE で指定してください"),
    "archive-folder": ("--archive {folder}: no such folder", "--archive {folder}：そのフォルダーはありません"),
    "status": ("--status {status}: use one of {statuses}", "--status {status}：{statuses} のどれかを指定してください"),
    "id-slug": ("--id {id}: an id is a lowercase slug such as trump-inauguration",
                "--id {id}：ID は trump-inauguration のような小文字のスラッグです"),
    "id-taken": ("--id {id}: another event has that id", "--id {id}：その ID は別の出来事が使っています"),
    "missing": ("missing {flags}: without a terminal every required field must be given as a flag (or answer "
                "prompts with --interactive)", "{flags} がありません：端末がないときは必須の項目をすべてフラグで"
                "指定してください（--interactive で標準入力から答えることもできます）"),
    "no-file": ("no event file to add to here: name one (timeline add -f events.yaml), or start one with "
                "`timeline init`", "ここには追加先のイベントファイルがありません：指定するか（timeline add -f "
                "events.yaml）、`timeline init` で作ってください"),
    # the quote
    "quote-not-found": ("the quote is not in the archived article", "引用がアーカイブの記事に見つかりません（詳細は英語）："),
    "no-archive-file": ("the source has no archive", "出典のアーカイブがありません（詳細は英語）："),
    "quote-problem": ("the quote could not be checked", "引用を確認できませんでした（詳細は英語）："),
    "quote-found": ("quote found in the archive of '{source}'", "引用は出典「{source}」のアーカイブにありました"),
    "quote-unchecked": ("  the quote was not checked: no archive folder ({folder}); give --archive DIR, or run "
                        "`timeline verify` once the article is archived",
                        "  引用は確認していません：アーカイブのフォルダー（{folder}）がありません。--archive DIR を"
                        "指定するか、記事を保存してから `timeline verify` を実行してください"),
    "quote-missing": ("the quote is not in the archived article: copy it again, or give --keep-quote (nothing was "
                      "written)", "引用がアーカイブの記事にありません。コピーし直すか --keep-quote を指定してください"
                      "（何も書き込んでいません）"),
    # the event
    "added": ("added event '{id}' in {file}, line {line}", "出来事「{id}」を {file} の {line} 行目に加えました"),
    "rewrote": ("rewrote event '{id}' in {file}, line {line}", "出来事「{id}」を {file} の {line} 行目に書き直しました"),
    "unchanged": ("left unchanged event '{id}' in {file}, line {line}",
                  "出来事「{id}」（{file} の {line} 行目）は変わっていません"),
    "event-refused": ("the new event is refused: {problems} (nothing was written)",
                      "新しい出来事は書き込めません：{problems}（何も書き込んでいません）"),
}  # fmt: skip


def words(key: str, lang: str, **fields: object) -> str:
    """The text of `key` in `lang` ("ja", else English), filled from `fields`."""
    english, japanese = _WORDS[key]
    kind = fields.get("kind")
    if key == "unknown-name" and fields.get("guess"):
        fields["guess"] = ("; " if lang != "ja" else "。") + str(fields["guess"])
    return (japanese if lang == "ja" else english).format(kind_ja=_KINDS_JA.get(str(kind), ""), **fields)
