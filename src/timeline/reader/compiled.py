"""The block reader (_block.c, compiled at install time when a C compiler is there), behind a first look at the text.

The block reader reads the plainly valid block-style YAML event files are written in, to exactly the values and
positions libyaml.py's builder would give, and gives up on anything else (see _block.c). Without a compiler at
install there is no block reader, and libyaml reads every file: slower, the same results.
"""

from __future__ import annotations

import re

try:
    from . import _block
except ImportError:  # pragma: no cover - depends on the install
    _block = None

COMPILED = _block is not None
READER_NAME = "block reader (compiled)" if COMPILED else "libyaml only (no C compiler at install)"

# Anything libyaml would refuse or read differently from how it looks: tabs, CR and other controls, Unicode line
# breaks, the BOM, surrogates and non-characters. A file holding one goes to libyaml, which reports it if it must.
# (Written as the characters refused rather than those allowed: that class compiles 20 times faster.)
_UNSURE_CHARACTER = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def read_block(text: str) -> tuple[object, bool] | None:
    """(the root YMap of `text` with every position, whether every value is the file's own text), or None when
    libyaml must read the file (no block reader here, or the file leaves the part of YAML it reads).

    "The file's own text": every character of every value is one of `text`'s, or a space or line break that folding
    made; False when a double-quoted value has an escape (validation then looks at each value for hidden characters,
    not only at the text).
    """
    if _block is None or not text or _UNSURE_CHARACTER.search(text):
        return None
    return _block.read(text)
