"""`timeline export`: the other tools' formats (`timeline docs export`). Pure functions, data -> bytes.

They live under render/ because they are renderers like the others (no I/O, no printing: even the SQLite
database is built in memory and returned as bytes, so the CLI writes it through fileio's one policy), in a
package of their own because each target has its own rules and several need a library imported only there
(icalendar by ics.py). Every renderer returns an `Exported`: the bytes and the `Loss`es, what the target format
could not hold, event by event, so the CLI can say it on stderr (never silent loss).

Layout: losses.py (Loss, Exported, the summary lines), words.py (the few phrases exports write in either
language), timelinejs.py (JSON and the 18-column sheet), ics.py, sqlite.py (+ the Datasette metadata),
mermaid.py.
"""

from __future__ import annotations

from .losses import Exported, Loss, count_events, describe_losses

__all__ = ["Exported", "Loss", "count_events", "describe_losses"]
