"""The published JSON Schema (src/timeline/schema.json) against documents, and against the hand-written validator.

The schema is what editors (yaml-language-server) and `check-jsonschema` see; `timeline.validate` is what the
tool enforces. Both come from one description of the format (timeline.format): the committed file must be what
timeline.schema makes of it, and the two must give the same verdict on the same documents (apart from what a
schema cannot express: impossible dates, unknown ids).
"""

from __future__ import annotations

import copy
import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator  # a test dependency (pyproject.toml [test]): missing is an error

from timeline.dates import DateError, parse_edtf, parse_point
from timeline.load import load_text
from timeline.format import (
    ACTOR_KEYS,
    BILINGUAL,
    CITATION_KEYS,
    CLAIM_KEYS,
    CLAIM_REQUIRED,
    DISPUTE_KEYS,
    DISPUTE_REQUIRED,
    EVENT_KEYS,
    EVENT_REQUIRED,
    LANGUAGE_TAG,
    SLUG,
    SOURCE_KEYS,
    SOURCE_REQUIRED,
    TOP_KEYS,
)
from timeline.model import ACTOR_KINDS, STATUSES
from timeline.schema import json_schema, schema_text
from timeline.validate import validate
from conftest import REPO

ROOT = REPO
SCHEMA = json.loads((files("timeline") / "schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
DEFS = SCHEMA["$defs"]


# A complete small chronology, following `timeline docs format`, using every key the format has.
GOOD = {
    "version": 1,
    "title": {"ja": "2025年 米国のAI・暗号資産政策", "en": "US AI and crypto policy in 2025"},
    "topics": {
        "ai-policy": {"ja": "AI政策", "en": "AI policy"},
        "crypto-policy": {"ja": "暗号資産政策", "en": "Crypto policy"},
    },
    "actors": {
        "donald-trump": {
            "ja": "ドナルド・トランプ",
            "en": "Donald Trump",
            "kind": "person",
            "aliases": ["Trump", "トランプ"],
        },
        "openai": {"ja": "オープンAI", "en": "OpenAI", "kind": "company"},
        "sec": {"ja": "米証券取引委員会", "en": "Securities and Exchange Commission"},
    },
    "sources": {
        "example-2025-01-27": {
            "publisher": "Example News",
            "title": "見出しは原文のまま",
            "published": "2025-01-27",
            "language": "ja",
            "url": "https://example.com/article",
            "archive": "example.txt",
            "author": "山田太郎",
        },
        "article-a": {
            "publisher": "Example Wire",
            "title": "Stargate to invest $500bn over four years",
            "published": "2025-01",
            "language": "en",
            "url": "http://example.org/a",
            "archive": "wire/article-a.txt",
        },
        "article-b": {
            "publisher": "経済新聞",
            "title": "5年間で5000億ドル",
            "published": 2025,
            "language": "ja",
        },
        "article-c": {"publisher": "Example Daily", "title": "Summer plans", "published": "2025-22~", "language": "en"},
    },
    "events": [
        {
            "id": "trump-inauguration",
            "date": "2025-01-20",
            "title": {"ja": "トランプ氏が第47代大統領に就任", "en": "Trump sworn in as 47th president"},
            "summary": {
                "ja": "ドナルド・トランプ氏が第47代米大統領に就任した。",
                "en": "Donald Trump was sworn in as the 47th president of the United States.",
            },
            "topics": ["ai-policy"],
            "actors": ["donald-trump"],
            "citations": [
                {
                    "source": "example-2025-01-27",
                    "quote": "2025年1月20日、ドナルド・トランプ氏が第47代アメリカ合衆国大統領に就任し",
                },
            ],
        },
        {
            "id": "stargate-announced",
            "date": "2025-01-21/2029-01",
            "status": "happened",
            "title": {"ja": "スターゲート計画を発表", "en": "Stargate project announced"},
            "summary": {
                "ja": "AI基盤への投資計画が発表された。",
                "en": "An investment plan for AI infrastructure was announced.",
            },
            "topics": ["ai-policy"],
            "actors": ["donald-trump", "openai"],
            "citations": [
                {"source": "article-a", "quote": "$500bn over four years"},
                {"source": "article-b", "quote": "5年間で5000億ドル"},
            ],
            "notes": {
                "ja": "期間の終わりは記事により異なる。",
                "en": "The end of the period differs between articles.",
            },
            "disputes": [
                {
                    "about": "duration",
                    "note": {"ja": "期間は記事により異なる。", "en": "Articles differ on the period."},
                    "claims": [
                        {"says": {"ja": "4年間", "en": "over four years"}, "source": "article-a",
                         "quote": "$500bn over four years", "date": "2025-01/2029-01"},
                        {"says": {"ja": "5年間", "en": "over five years"}, "source": "article-b",
                         "quote": "5年間で5000億ドル"},
                    ],
                },
            ],
        },
        {
            "id": "crypto-rules-summer",
            "date": "2025-22",
            "status": "scheduled",
            "title": {"ja": "暗号資産規則を公表予定", "en": "Crypto rules due"},
            "summary": {"ja": "規則は夏に公表される予定だ。", "en": "The rules are due in the summer."},
            "topics": ["crypto-policy"],
            "actors": ["sec"],
            "citations": [{"source": "article-c", "quote": "this summer"}],
        },
        {
            "id": "crypto-review-open",
            "date": "2025-07/..",
            "title": {"ja": "暗号資産の見直しが始まる", "en": "Crypto review begins"},
            "summary": {"ja": "7月から見直しが続いている。", "en": "A review has run since July."},
            "topics": ["crypto-policy", "ai-policy"],
            "actors": [],
            "citations": [{"source": "article-c", "quote": "Summer plans"}],
        },
        {
            "id": "ai-order-before",
            "date": "../2025-07?",
            "title": {"ja": "AI大統領令", "en": "AI executive order"},
            "summary": {"ja": "7月までに署名された。", "en": "Signed by July."},
            "topics": ["ai-policy"],
            "citations": [{"source": "example-2025-01-27", "quote": "ドナルド・トランプ氏"}],
        },
    ],
}


def errors(document) -> list:
    return list(VALIDATOR.iter_errors(document))


def where(found: list) -> set[str]:
    return {error.json_path for error in found}


def validator_errors(document) -> list:
    """Run timeline's own validator on the document written out as YAML; return its error problems."""
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    timeline, problems = validate([load_text(text, "doc.yaml")])
    found = [p for p in problems if p.severity.name == "ERROR"]
    assert (timeline is None) == bool(found), f"validator verdict and problems disagree: {problems}"
    return found


def changed(change):
    document = copy.deepcopy(GOOD)
    change(document)
    return document


def event(document, index=0):
    return document["events"][index]


# -- the schema itself -----------------------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in SCHEMA


def test_schema_file_is_the_one_in_the_source_tree():
    assert json.loads((ROOT / "src" / "timeline" / "schema.json").read_text(encoding="utf-8")) == SCHEMA


def test_schema_file_is_generated_from_the_format():
    """schema.json is made by `python -m timeline.schema`, byte for byte: edit format.py, then regenerate."""
    assert (ROOT / "src" / "timeline" / "schema.json").read_text(encoding="utf-8") == schema_text()
    assert json_schema() == SCHEMA


def _subschemas(node, path="#"):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key not in ("enum", "examples", "required"):
                yield from _subschemas(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _subschemas(value, f"{path}/{i}")


def test_every_object_is_closed_and_every_property_described():
    objects = 0
    for path, node in _subschemas(SCHEMA):
        if "properties" in node and "/oneOf/" not in path:  # a oneOf branch only says a key is given
            objects += 1
            assert node.get("additionalProperties") is False, f"{path} allows unknown keys"
            for name, prop in node["properties"].items():
                assert prop.get("description", "").strip(), f"{path}/properties/{name} has no description"
    assert objects == 10  # top level, bilingual, topic, actor, source, citation, claim, dispute, correction, event
    for name, definition in DEFS.items():
        assert definition.get("description", "").strip(), f"$defs/{name} has no description"


def test_schema_keys_match_the_validator():
    """The key tables the validator and normalize use are the schema's properties, in order."""
    top = SCHEMA
    assert tuple(top["properties"]) == TOP_KEYS
    assert tuple(DEFS["event"]["properties"]) == EVENT_KEYS
    assert tuple(DEFS["event"]["required"]) == EVENT_REQUIRED
    assert tuple(DEFS["source"]["properties"]) == SOURCE_KEYS
    assert tuple(DEFS["source"]["required"]) == SOURCE_REQUIRED
    assert tuple(DEFS["actor"]["properties"]) == ACTOR_KEYS
    assert tuple(DEFS["actor"]["required"]) == BILINGUAL
    for name in ("bilingual", "topic"):
        assert tuple(DEFS[name]["properties"]) == tuple(DEFS[name]["required"]) == BILINGUAL
    assert tuple(DEFS["citation"]["properties"]) == tuple(DEFS["citation"]["required"]) == CITATION_KEYS
    assert tuple(DEFS["dispute"]["properties"]) == DISPUTE_KEYS
    assert tuple(DEFS["dispute"]["required"]) == DISPUTE_REQUIRED == ("about", "claims")
    assert tuple(DEFS["claim"]["properties"]) == CLAIM_KEYS
    assert tuple(DEFS["claim"]["required"]) == CLAIM_REQUIRED == ("says", "source", "quote")
    # Per file only `version` is required: registries, title and events may come from another file (-f).
    assert top["required"] == ["version"]


def test_schema_choices_and_patterns_match_the_validator():
    assert [s for s in DEFS["event"]["properties"]["status"]["enum"] if s is not None] == list(STATUSES)
    assert [k for k in DEFS["actor"]["properties"]["kind"]["enum"] if k is not None] == list(ACTOR_KINDS)
    assert DEFS["slug"]["pattern"] == "^" + SLUG.pattern.removesuffix(r"\Z") + "$"
    assert DEFS["source"]["properties"]["language"]["pattern"] == "^" + LANGUAGE_TAG.pattern.removesuffix(r"\Z") + "$"


# -- good documents --------------------------------------------------------------------------------------


def test_complete_good_document_validates():
    assert errors(GOOD) == []


def test_complete_good_document_passes_the_validator_too():
    assert validator_errors(GOOD) == []


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d.update(version="1"), id="version-as-string"),
        pytest.param(lambda d: event(d).update(date=2025), id="date-integer-year"),
        pytest.param(lambda d: event(d).update(date="2025-01-20%"), id="date-qualifier-percent"),
        pytest.param(lambda d: event(d).update(date="2025/"), id="date-unknown-end"),
        pytest.param(lambda d: event(d).update(date="/2025-03"), id="date-unknown-start"),
        pytest.param(lambda d: event(d).update(date="2025-24~/2026-21?"), id="date-season-interval"),
        pytest.param(lambda d: d["sources"]["article-a"].update(published=1999), id="published-integer-year"),
        pytest.param(lambda d: event(d).update(actors=None, notes=None, status=None, disputes=None),
                     id="optional-keys-left-empty"),
        pytest.param(lambda d: d["sources"]["article-a"].update(url=None, archive=None, author=None),
                     id="optional-source-keys-left-empty"),
        pytest.param(lambda d: [d.pop(k) for k in ("title", "topics", "actors", "sources")], id="events-only-file"),
        pytest.param(lambda d: d.pop("events"), id="registries-only-file"),
        pytest.param(lambda d: event(d)["title"].update(ja="  前後に空白  "), id="text-with-surrounding-spaces"),
        pytest.param(lambda d: d["sources"]["article-a"].update(language="zh-Hant"), id="language-with-script"),
        pytest.param(lambda d: event(d).update(id="a" * 64), id="id-64-characters"),
        pytest.param(lambda d: _untitled(d, untitled=True), id="source-untitled"),
        pytest.param(lambda d: _untitled(d, title=None, untitled=True), id="source-untitled-title-left-empty"),
        pytest.param(lambda d: d["sources"]["article-c"].update(untitled=None), id="source-titled-untitled-left-empty"),
    ],
)
def test_variants_the_format_allows_validate(change):
    document = changed(change)
    assert errors(document) == []


def _untitled(d, **keys):
    """article-c without its `title`, and then `keys`."""
    d["sources"]["article-c"].pop("title")
    d["sources"]["article-c"].update(keys)


@pytest.mark.parametrize("keys", [{"untitled": True}, {"title": None, "untitled": True}])
def test_an_untitled_source_passes_the_validator_too(keys):
    assert validator_errors(changed(lambda d: _untitled(d, **keys))) == []


def test_an_impossible_date_passes_the_schema_but_not_the_validator():
    """The schema checks a date's shape only; `timeline validate` checks the calendar."""
    document = changed(lambda d: event(d).update(date="2025-02-30"))
    assert errors(document) == []
    assert [p.code for p in validator_errors(document)] == ["bad-date"]


# -- bad documents ---------------------------------------------------------------------------------------


def _rename_summary(d):
    event(d)["sumary"] = event(d).pop("summary")


def _ftp(d):
    d["sources"]["example-2025-01-27"]["url"] = "ftp://x"


def _bad_topic_key(d):
    d["topics"]["AI_Policy"] = d["topics"].pop("ai-policy")


BAD = [
    # (id, change, JSON path of every error, schema keywords that fail)
    ("unknown-key-sumary", _rename_summary, "$.events[0]", {"additionalProperties", "required"}),
    ("missing-citations", lambda d: event(d).pop("citations"), "$.events[0]", {"required"}),
    ("empty-citations", lambda d: event(d).update(citations=[]), "$.events[0].citations", {"minItems"}),
    ("null-citations", lambda d: event(d).update(citations=None), "$.events[0].citations", {"type"}),
    ("bad-slug-event-id", lambda d: event(d).update(id="AI_Policy"), "$.events[0].id", {"pattern"}),
    ("bad-slug-registry-key", _bad_topic_key, "$.topics", {"pattern"}),
    ("bad-slug-topic-reference", lambda d: event(d).update(topics=["AI_Policy"]), "$.events[0].topics[0]", {"pattern"}),
    ("slug-too-long", lambda d: event(d).update(id="a" * 65), "$.events[0].id", {"maxLength"}),
    ("date-free-text", lambda d: event(d).update(date="summer 2025"), "$.events[0].date", {"pattern"}),
    ("date-season-with-day", lambda d: event(d).update(date="2025-22-01"), "$.events[0].date", {"pattern"}),
    ("date-month-13", lambda d: event(d).update(date="2025-13"), "$.events[0].date", {"pattern"}),
    ("date-qualifier-first", lambda d: event(d).update(date="~2025-01"), "$.events[0].date", {"pattern"}),
    ("date-two-open-ends", lambda d: event(d).update(date="../.."), "$.events[0].date", {"pattern"}),
    ("date-slashes-as-day", lambda d: event(d).update(date="2025/01/20"), "$.events[0].date", {"pattern"}),
    ("date-integer-out-of-range", lambda d: event(d).update(date=12345), "$.events[0].date", {"maximum"}),
    ("published-interval", lambda d: d["sources"]["article-a"].update(published="2025-01/2025-03"),
     "$.sources['article-a'].published", {"pattern"}),
    ("url-ftp", _ftp, "$.sources['example-2025-01-27'].url", {"pattern"}),
    # Browsers read `\` as `/`: the link would name good.example and lead to evil.example (a hostile review).
    ("url-backslash", lambda d: d["sources"]["example-2025-01-27"].update(url="https://evil.example\\@good.example/a"),
     "$.sources['example-2025-01-27'].url", {"pattern"}),
    ("archive-leaves-folder", lambda d: d["sources"]["article-a"].update(archive="../secret.txt"),
     "$.sources['article-a'].archive", {"pattern"}),
    ("status-maybe", lambda d: event(d).update(status="maybe"), "$.events[0].status", {"enum"}),
    ("actor-kind", lambda d: d["actors"]["sec"].update(kind="regulator"), "$.actors.sec.kind", {"enum"}),
    ("dispute-one-claim", lambda d: event(d, 1)["disputes"][0]["claims"].pop(), "$.events[1].disputes[0].claims",
     {"minItems"}),
    ("whitespace-only-title", lambda d: event(d)["title"].update(ja="   "), "$.events[0].title.ja", {"pattern"}),
    ("ideographic-space-title", lambda d: event(d)["title"].update(en="\u3000"), "$.events[0].title.en", {"pattern"}),
    ("empty-summary", lambda d: event(d)["summary"].update(en=""), "$.events[0].summary.en", {"minLength", "pattern"}),
    ("bidi-control-in-title", lambda d: d["title"].update(en="US \u202eAI"), "$.title.en", {"pattern"}),
    ("missing-english", lambda d: d["topics"]["ai-policy"].pop("en"), "$.topics['ai-policy']", {"required"}),
    ("version-2", lambda d: d.update(version=2), "$.version", {"enum"}),
    ("missing-version", lambda d: d.pop("version"), "$", {"required"}),
    ("unknown-top-level-key", lambda d: d.update(tags=[]), "$", {"additionalProperties"}),
    ("source-missing-language", lambda d: d["sources"]["article-a"].pop("language"), "$.sources['article-a']",
     {"required"}),
    ("source-title-and-untitled", lambda d: d["sources"]["article-c"].update(untitled=True), "$.sources['article-c']",
     {"oneOf"}),
    ("source-no-title-nor-untitled", lambda d: _untitled(d), "$.sources['article-c']", {"oneOf"}),
    ("source-untitled-left-empty", lambda d: _untitled(d, untitled=None), "$.sources['article-c']", {"oneOf"}),
    ("source-untitled-false", lambda d: _untitled(d, untitled=False), "$.sources['article-c'].untitled", {"enum"}),
]


@pytest.mark.parametrize(("change", "path", "keywords"), [pytest.param(*case[1:], id=case[0]) for case in BAD])
def test_bad_document_fails_at_the_expected_path(change, path, keywords):
    found = errors(changed(change))
    assert found, "the schema accepted it"
    assert where(found) == {path}, [e.message for e in found]
    assert {e.validator for e in found} == keywords, [e.message for e in found]


@pytest.mark.parametrize("change", [pytest.param(case[1], id=case[0]) for case in BAD])
def test_bad_document_fails_the_validator_too(change):
    assert validator_errors(changed(change))


# -- the date patterns agree with the date parser --------------------------------------------------------

EVENT_DATES = [
    "2025", "2025-01", "2025-01-20", "2025-21", "2025-24", "2025?", "2025-01~", "2025-01-20%", "2025-22?",
    "2025-01-21/2029-01", "2025-07/..", "../2025-07", "2025-07/", "/2025-07", "2025-21/2025-23~", "0001",
    "2025-1", "2025-01-2", "25-01-20", "2025-13", "2025-00", "2025-20", "2025-25", "2025-01-00", "2025-01-32",
    "2025-22-01", "2025-01-20?~", "2025~-01", "~2025", "summer 2025", "2025年1月", "2025/01/20", "../..", "/",
    "2025-07/../2026", "2025-01-20T10:00", "", " ", "0000", "12025",
]
IMPOSSIBLE = {"2025-02-30", "2025-04-31", "2026-01/2025-01", "2025-02-29"}


def _parses(parse, text: str) -> bool:
    try:
        parse(text)
    except DateError:
        return False
    return True


@pytest.mark.parametrize("text", EVENT_DATES)
def test_event_date_pattern_agrees_with_the_parser(text):
    assert bool(re.search(DEFS["date"]["pattern"], text)) == _parses(parse_edtf, text)


@pytest.mark.parametrize("text", EVENT_DATES)
def test_published_pattern_agrees_with_the_parser(text):
    assert bool(re.search(DEFS["publishedDate"]["pattern"], text)) == _parses(parse_point, text)


@pytest.mark.parametrize("text", sorted(IMPOSSIBLE))
def test_date_pattern_cannot_check_the_calendar(text):
    assert re.search(DEFS["date"]["pattern"], text)
    assert not _parses(parse_edtf, text)


# -- the project's own event file ------------------------------------------------------------------------


class _TextDates(yaml.SafeLoader):
    """PyYAML's safe loader, but dates stay text (as check-jsonschema and yaml-language-server read them)."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _string_keys(value):
    if isinstance(value, dict):
        return {str(k): _string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def _check_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text) is not None  # a plain safe load works (dates there may become datetime.date)
    document = _string_keys(yaml.load(text, Loader=_TextDates))  # noqa: S506 - a SafeLoader subclass
    found = errors(document)
    assert not found, "\n".join(f"{e.json_path}: {e.message}" for e in found)


def test_events_yaml_matches_the_schema():
    path = ROOT / "events.yaml"
    assert path.is_file(), "events.yaml is missing from the repository root: the bundled data belongs there"
    _check_file(path)


# Example files that must be valid; a link to the root events.yaml (tested above) or a dangling one is left out.
GOOD_FILES = [
    path
    for path in sorted((ROOT / "tests" / "data" / "good").glob("*.yaml"))
    + sorted((ROOT / "src" / "timeline" / "data").glob("*.yaml"))
    if path.is_file() and path.resolve() != (ROOT / "events.yaml").resolve()
]


@pytest.mark.parametrize("path", GOOD_FILES, ids=[str(p.relative_to(ROOT)) for p in GOOD_FILES])
def test_shipped_and_good_example_files_match_the_schema(path):
    _check_file(path)
