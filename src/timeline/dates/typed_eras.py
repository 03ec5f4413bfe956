"""Years B.C., decades and centuries as the tool writes them (render/eras.py), read back when typed: what
`timeline date` and --from/--to print must be typeable back.

- `500 B.C.`, `500 BC`, `500 BCE`, `紀元前500年` are the year 500 B.C., EDTF `-0499` (EDTF counts 0000 as 1 B.C.).
- `the 1990s`, `1990s`, `1990年代` are the decade `199X`; `the 1600s`, `1600年代` the century `16XX` (a year ending
  in 00 names its century, as render/eras.py writes `16XX`; `190X` is written "1900–1909", never "the 1900s").

Qualifiers around them (c., 頃, ?) are read by human.py as around any date.
"""

from __future__ import annotations

import re

from .eventdate import year_text

__all__ = ["typed_era"]

_BC = re.compile(r"(\d{1,9})\s*(?:B\.?\s?C\.?(?:\s?E\.?)?)|紀元前\s*(\d{1,9})\s*年", re.IGNORECASE)
_DECADE = re.compile(r"(?:the\s+)?(\d{2,3}0)(?:s|'s|年代)", re.IGNORECASE)


def typed_era(text: str) -> str | None:
    """The EDTF of a year B.C. or a decade or century typed as the tool writes it, else None."""
    bc = _BC.fullmatch(text.strip())
    if bc is not None:
        year = int(bc[1] or bc[2])
        return None if year < 1 else year_text(1 - year, True)
    decade = _DECADE.fullmatch(text.strip())
    if decade is not None:
        digits = decade[1].zfill(4)
        return digits[:2] + "XX" if digits.endswith("00") else digits[:3] + "X"
    return None
