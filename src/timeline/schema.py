"""The published JSON Schema (schema.json), made from the one description of the format (format.py).

`python -m timeline.schema > src/timeline/schema.json` writes it; tests/test_schema.py checks the committed file
is exactly what this makes, so the schema editors see cannot drift from what `timeline validate` enforces.
What a schema cannot check (impossible dates, unknown or duplicate ids, quotes not in the article) stays the
validator's alone; the date patterns below only check a date's shape (tests/test_schema.py holds them to the
date parser).
"""

from __future__ import annotations

import json

from .format import (ACTOR, BIDI_CONTROLS, BILINGUAL_TEXT, CITATION, CLAIM, CONTROL_CHARACTERS, CORRECTION, DISPUTE,
                     EVENT, INVISIBLE_CHARACTERS, LANGUAGE_TAG, MAX_ID_LENGTH, NEXT_LINE, SLUG, SOURCE, TOP, TOPIC,
                     VERSION, Key, Mapping, character_class)

__all__ = ["json_schema", "schema_text"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_COMMENT = ("Generated from src/timeline/format.py by `python -m timeline.schema`; tests/test_schema.py checks it. "
            "Several files can be given together (`-f a.yaml -f b.yaml`), so per file only `version` is required. The "
            "validator reads an optional key left empty (`notes:`) as absent, so optional keys also accept null; for "
            "that reason the text, bilingual and date definitions carry no `type` and each use states it.")
_ABOUT_CHECKS = (" See `timeline docs format`. `timeline validate` checks more than this schema can: impossible "
                 "dates, ids used but never defined, ids defined twice, quotes that are not in the archived article.")

# A year (0000, -0999), month or day, or a season (21-24), then an optional qualifier; an interval joins two with `/`.
# A single date may also be a day with a time (`2025-10-10T15:05:00-04:00`), a `Y` year of five digits or more
# (`Y170000002`) or have unspecified digits (`199X`, `1999-XX`): EDTF level 1 keeps those out of intervals.
_PLAIN = r"(?!-0000)-?[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|-2[1-4])?[?~%]?"
_TIMED = (r"(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
          r"(?:Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])?")
_LONG_YEAR = r"Y-?[1-9][0-9]{4,}"
_UNSPECIFIED = r"-?(?:[0-9](?:[0-9]{2}X|[0-9]XX|XXX)|[0-9]{4}-(?:XX(?:-XX)?|(?:0[1-9]|1[0-2])-XX))[?~%]?"
_POINT = rf"(?:{_PLAIN}|{_TIMED}|{_LONG_YEAR}|{_UNSPECIFIED})"
_DATE = rf"^(?:{_POINT}|{_PLAIN}/(?:{_PLAIN}|\.\.)?|(?:\.\.)?/{_PLAIN})$"
_URL = r"^https?://[^\s/?#\\]+[^\s\\]*$"  # no backslash: browsers read it as "/" (validate.checker)
_ARCHIVE = r"^(?!/)(?![\s\S]*(?:^|/)\.\.(?:/|$))[^\\]*$"  # no leading `/`, no `..` part, no backslash
# A bare year written as a number, B.C. (`-0499`) and year 0 (`0000`) included: YAML reads `0999` and `999` as the
# same number, so the schema lets both by and `timeline validate` (which reads the text as written) tells them apart.
_YEARS = {"minimum": -9999, "maximum": 9999}


def _text_pattern(forbidden: str) -> str:
    """Text with none of the `forbidden` characters and at least one that is not white space."""
    return f"^[^{forbidden}]*[^{forbidden}\\s][^{forbidden}]*$"


def _definitions() -> dict:
    """The $defs: the kinds of text, id and date, then every mapping of the format but the file itself."""
    controls = character_class(CONTROL_CHARACTERS | {NEXT_LINE}, json=True) + character_class(BIDI_CONTROLS, json=True)
    hidden = controls + character_class(INVISIBLE_CHARACTERS, json=True)
    point = f"^{_POINT}$"
    return {
        "text": {"description": "Text: not empty and not only spaces; no control characters, no invisible characters "
                 "(zero-width spaces, soft hyphens, byte order marks) and no bidirectional controls, which can hide or "
                 "disguise text.", "minLength": 1, "pattern": _text_pattern(hidden)},
        "quote": {"description": "Words copied character for character from the article (checked against the archived "
                  "copy by `timeline verify`). Not empty; no control characters or bidirectional controls. Invisible "
                  "characters the article really has may stay (`timeline validate` warns).",
                  "type": "string", "minLength": 1, "pattern": _text_pattern(controls)},
        "bilingual": _mapping(BILINGUAL_TEXT, typed=False),  # each use says whether it may be null
        "slug": {"description": "An id: lowercase letters a-z, digits and single hyphens between them, at most "
                 f"{MAX_ID_LENGTH} characters, e.g. `ai-policy`, `trump-inauguration`, `nikkei-2025-01-24`. No "
                 "capitals, spaces or underscores.", "type": "string", "minLength": 1, "maxLength": MAX_ID_LENGTH,
                 "pattern": _anchored(SLUG.pattern)},
        "date": {"description": _DATE_ABOUT, "examples": ["2025-01-20", "2025-01", "2025", "2025-22", "2025-03~",
                                                          "2025-01-21/2029-01", "2025-07/.."],
                 "pattern": _DATE, **_YEARS},
        "publishedDate": {"description": _PUBLISHED_ABOUT, "examples": ["2025-01-27", "2025-09"],
                          "type": ["string", "integer"], "pattern": point, **_YEARS},
        **{mapping.name: _mapping(mapping) for mapping in (TOPIC, ACTOR, SOURCE, CITATION, CLAIM, DISPUTE, CORRECTION,
                                                                  EVENT)},
    }


_DATE_ABOUT = (
    "A date in EDTF, at the precision the source gives: `2025` (a year), `2025-01` (a month), `2025-01-20` (a day), "
    "`2025-21` .. `2025-24` (spring, summer, autumn, winter), with `?` (uncertain), `~` (approximate) or `%` (both) at "
    "the end; or an interval of two such dates `2025-01-21/2029-01`, open `2025-07/..` or `../2025-07`, or with an "
    "unknown end `2025-07/`. Never write a day the source does not give. This pattern only checks the shape: "
    "impossible dates such as `2025-02-30` and intervals that end before they start are caught by `timeline "
    "validate`. A bare year may be written as a number.")
_PUBLISHED_ABOUT = (
    "The publication date of the article (not of the events it reports), in EDTF at the precision known: "
    "`2025-01-27`, `2025-09`, `2025`, a season `2025-21` .. `2025-24`, optionally with `?`, `~` or `%` at the end. "
    "A single date, never an interval. This pattern only checks the shape: impossible dates such as `2025-02-30` "
    "are caught by `timeline validate`. A bare year may be written as a number.")


def _anchored(pattern: str) -> str:
    """A Python pattern ending in \\Z as a JSON Schema pattern (which is searched, not matched)."""
    return "^" + pattern.removesuffix(r"\Z") + "$"


def _mapping(mapping: Mapping, typed: bool = True) -> dict:
    """A closed object: only its keys, the required ones required, exactly one of each `one_of` group."""
    schema = {"description": mapping.about, **({"type": "object"} if typed else {}), "additionalProperties": False,
              "required": list(mapping.required), "properties": {key.name: _value(key) for key in mapping.keys}}
    groups = [{"oneOf": [_given(key) for key in group.keys]} for group in mapping.one_of]
    if len(groups) == 1:
        schema.update(groups[0])
    elif groups:  # an object has one `oneOf`: several groups go under `allOf`
        schema["allOf"] = groups
    return schema


def _given(name: str) -> dict:
    """The key is given: present and not left empty (the validator reads an empty key as absent)."""
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def _typed(key: Key, kind: str | list[str]) -> list[str] | str:
    """The JSON type(s) of the value: an optional key may be left empty (null), read as absent."""
    kinds = [kind] if isinstance(kind, str) else kind
    return kinds[0] if key.required and len(kinds) == 1 else kinds + ([] if key.required else ["null"])


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _value(key: Key) -> dict:
    """The schema of one key's value."""
    about, kind = {"description": key.about}, key.value
    if kind == "version":
        return {**about, "enum": [int(VERSION), VERSION]}
    if kind in ("text", "url", "archive"):
        pattern = {"url": {"pattern": _URL}, "archive": {"pattern": _ARCHIVE}}.get(kind, {})
        return {**about, "type": _typed(key, "string"), **_ref("text"), **pattern}
    if kind == "language":
        return {**about, "type": "string", "pattern": _anchored(LANGUAGE_TAG.pattern)}
    if kind == "bilingual":
        return {**about, "type": _typed(key, "object"), **_ref("bilingual")}
    if kind in ("slug", "quote"):
        return {**about, **_ref(kind)}
    if kind == "date":  # the type first: it says a bare year may be a number
        return {"type": _typed(key, ["string", "integer"]), **about, **_ref("date")}
    if kind == "point":
        return {**about, **_ref("publishedDate")}
    if kind == "choice":
        return {**about, "enum": [*key.choices, None]}
    if kind == "flag":
        return {**about, "enum": [True, None]}
    return _collection(key, about)


def _collection(key: Key, about: dict) -> dict:
    """The schema of a list (of ids, texts or mappings) or a registry (id -> mapping)."""
    if key.value == "registry":
        return {**about, "type": _typed(key, "object"), "propertyNames": _ref("slug"),
                "additionalProperties": _ref(key.of)}
    least = {"minItems": key.least} if key.required else {}
    if key.value == "ids":
        return {**about, "type": _typed(key, "array"), "items": {"description": key.item, **_ref("slug")}, **least}
    if key.value == "event-ids":  # one id, or a list of them
        one = {"description": key.item, **_ref("slug")}
        return {**about, "anyOf": [one, {"type": "array", "items": one}, {"type": "null"}]}
    if key.value == "texts":
        item = {"description": key.item, "type": "string", **_ref("text")}
        return {**about, "type": _typed(key, "array"), "items": item}
    return {**about, "type": _typed(key, "array"), **least, "items": _ref(key.of)}


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one event file."""
    return {
        "$schema": _DIALECT,
        "title": f"timeline event file (format version {VERSION})",
        "description": TOP.about + _ABOUT_CHECKS,
        "$comment": _COMMENT,
        "type": "object",
        "additionalProperties": False,
        "required": list(TOP.required),
        "properties": {key.name: _value(key) for key in TOP.keys},
        "$defs": _definitions(),
    }


def schema_text() -> str:
    """The schema as schema.json holds it: two-space indents, characters as themselves, a final newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
