"""`timeline verify`: quotes checked against archived articles in a real folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from timeline.cli import app
from timeline.validate import load_timeline
from timeline.verify import normalize_quote_text, verify_quotes

ARTICLE = (
    "米証券取引委員会のポール・アткиンズ委員長は\n先月、マイアミで語った。\n"
    "トランプ大統領は2025年1月23日、\u3000人工知能(AI)に関する新たな大統領令に署名した。\n"
)

DOCUMENT = """\
version: 1
title: {{ja: テスト, en: Test}}
topics:
  ai-policy: {{ja: AI政策, en: AI policy}}
actors: {{}}
sources:
  art:
    publisher: Example
    title: 見出し
    published: 2025-01-27
    language: ja
    archive: article.txt
events:
  - id: order
    date: 2025-01-23
    title: {{ja: 大統領令, en: Order signed}}
    summary: {{ja: 署名した。, en: Signed.}}
    topics: [ai-policy]
    citations:
{citations}
"""


def write_case(tmp_path: Path, *quotes: str, archive: str | None = ARTICLE) -> Path:
    citations = "".join(f"      - source: art\n        quote: \"{q}\"\n" for q in quotes)
    events = tmp_path / "events.yaml"
    events.write_text(DOCUMENT.format(citations=citations), encoding="utf-8")
    (tmp_path / "archive").mkdir()
    if archive is not None:
        (tmp_path / "archive" / "article.txt").write_text(archive, encoding="utf-8")
    return events


def test_verbatim_quotes_pass_across_line_breaks_and_ideographic_spaces(tmp_path):
    events = write_case(tmp_path, "ポール・アткиンズ委員長は 先月、マイアミで語った。",
                        "2025年1月23日、 人工知能(AI)に関する新たな大統領令")
    assert verify_quotes(load_timeline([events]), tmp_path / "archive") == []


def test_a_quote_with_a_corrected_typo_is_a_miss_with_the_closest_passage(tmp_path):
    # The article spells Atkins with Cyrillic letters; a quote "fixed" to katakana is no longer verbatim.
    events = write_case(tmp_path, "ポール・アトキンズ委員長は")
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert problem.code == "quote-not-found"
    assert (problem.line, problem.column) == (21, 16)
    assert "ポール・アткиンズ委員長は" in problem.message
    assert problem.hint


def test_missing_archive_file_is_reported_at_the_source(tmp_path):
    events = write_case(tmp_path, "先月", archive=None)
    [problem] = verify_quotes(load_timeline([events]), tmp_path / "archive")
    assert (problem.code, problem.line) == ("archive-missing", 7)


@pytest.mark.parametrize(("raw", "normal"), [
    ("a\n\n b", "a b"),
    ("\u3000x\u3000y ", "x y"),
    ("e\u0301", "\u00e9"),  # NFC
    ("ＡＩ", "ＡＩ"),  # no width folding: a verbatim quote keeps the article's characters
])
def test_normalisation_is_nfc_and_whitespace_only(raw, normal):
    assert normalize_quote_text(raw) == normal


def test_cli_exit_codes_and_channels(tmp_path):
    events = write_case(tmp_path, "先月、マイアミで語った。", "存在しない引用")
    runner = CliRunner()
    result = runner.invoke(app, ["verify", "--archive", str(tmp_path / "archive"), str(events)])
    assert result.exit_code == 1
    assert "error[quote-not-found]" in result.stdout and "存在しない引用" in result.stdout
    assert "FAILED" in result.stderr and "FAILED" not in result.stdout
    missing = runner.invoke(app, ["verify", "--archive", str(tmp_path / "nowhere"), str(events)])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr


def test_cli_passes_on_good_quotes_as_a_subprocess(tmp_path):
    events = write_case(tmp_path, "先月、マイアミで語った。")
    done = subprocess.run([sys.executable, "-m", "timeline", "verify", "--archive", str(tmp_path / "archive"),
                           str(events)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REPO_EVENTS = Path(__file__).resolve().parents[1] / "events.yaml"


@pytest.mark.skipif(not SEEDS.is_dir() or not REPO_EVENTS.is_file(), reason="needs ../shared/seeds and events.yaml")
def test_every_quote_in_the_bundled_data_is_in_its_article():
    assert verify_quotes(load_timeline([REPO_EVENTS]), SEEDS) == []


# -- the archive boundary: verify prints passages of what it reads, and runs on pull requests -------------------

SECRET = "AWS_SECRET_ACCESS_KEY=do-not-print-me-3141592653"


def _verify_cli(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run([sys.executable, "-m", "timeline", "verify", *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={**__import__("os").environ, **(env or {})})


def test_an_archive_file_linking_outside_the_folder_is_refused_and_never_shown(tmp_path):
    events = write_case(tmp_path, "トランプ大統領は" + SECRET[:10], archive=None)
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("トランプ大統領は " + SECRET + "\n", encoding="utf-8")
    (tmp_path / "archive" / "article.txt").symlink_to(secret)
    done = _verify_cli(tmp_path, str(events))
    assert done.returncode == 1 and "error[bad-archive]" in done.stdout and "leads outside" in done.stdout
    assert "do-not-print-me" not in done.stdout + done.stderr


def test_a_link_inside_the_archive_folder_is_followed(tmp_path):
    events = write_case(tmp_path, "ポール・アткиンズ委員長は", archive=None)
    (tmp_path / "archive" / "kept").mkdir()
    (tmp_path / "archive" / "kept" / "real.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "archive" / "article.txt").symlink_to("kept/real.txt")
    assert verify_quotes(load_timeline([events]), tmp_path / "archive") == []


def test_an_archive_folder_that_is_a_link_is_a_usage_error(tmp_path):
    events = write_case(tmp_path, "ポール", archive=None)
    (tmp_path / "archive").rmdir()
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "archive").symlink_to(tmp_path / "real")
    done = _verify_cli(tmp_path, str(events))  # ./archive, the default
    assert (done.returncode, done.stdout) == (2, "")
    assert "is a symbolic link" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert _verify_cli(tmp_path, "--archive", "real", str(events)).returncode == 0  # the real folder, named


@pytest.mark.parametrize("kind", ["fifo", "directory", "too-large"])
def test_an_archive_that_is_not_a_plain_file_is_reported_without_blocking(tmp_path, kind):
    """A FIFO would block a plain open() forever; /dev/zero-like endless input is bounded by the size cap."""
    import os

    events = write_case(tmp_path, "ポール", archive=None)
    target = tmp_path / "archive" / "article.txt"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
    else:
        target.write_text(ARTICLE * 100, encoding="utf-8")
    done = _verify_cli(tmp_path, str(events), env={"TIMELINE_MAX_BYTES": "2000"} if kind == "too-large" else None)
    assert done.returncode == 1 and "error[archive-missing]" in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
