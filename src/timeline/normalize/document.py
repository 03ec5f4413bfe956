"""An event file given as plain values (what `timeline import` builds) -> its canonical text.

The values travel as JSON, which is YAML's flow form: the loader reads it with positions like any file, and the
one writer (write.py) writes the canonical text from those values. So an imported file is laid out exactly as
`timeline normalize` would lay it out, and no YAML is formatted by hand anywhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from ..errors import InvalidDataError
from ..format import CONTROL_CHARACTERS, LINE_SEPARATORS, character_class
from ..load import load_text
from .write import rewrite

__all__ = ["canonical_document"]

# Characters YAML reads as line breaks or refuses raw (json.dumps leaves them as they are): written as escapes,
# so that the value read back is the value given; validate then says what it thinks of them.
_UNSAFE = re.compile(f"[{character_class(CONTROL_CHARACTERS | LINE_SEPARATORS | {0xFEFF})}]")


def _escaped(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def canonical_document(values: Mapping, file: str = "<document>") -> str:
    """The canonical text of an event file holding `values` (dicts, lists and strings; keys in any order).

    The file need not validate (an import leaves `citations` empty for an editor to fill); it must only be the
    shape of an event file. Raises InvalidDataError if the values cannot be read back (a bug in the caller).
    """
    text = _UNSAFE.sub(_escaped, json.dumps(values, ensure_ascii=False, indent=1))
    loaded = load_text(text, file)
    if loaded.problems or not loaded.complete:
        raise InvalidDataError(list(loaded.problems))
    pieces: list[str] = []
    rewrite(text, loaded.root, pieces.append)
    return "".join(pieces)
