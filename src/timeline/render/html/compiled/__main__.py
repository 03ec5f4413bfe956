"""`python -m timeline.render.html.compiled`: compile the page's templates into this folder (see __init__.py)."""

from .. import _HERE, _environment
from . import write

write(_environment(compiled=False), _HERE)
