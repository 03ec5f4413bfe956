"""The optional compiled parts; everything else is in pyproject.toml.

- the block reader (src/timeline/reader/_block.c);
- the near-duplicate check's bound (src/timeline/_similar.c).

`optional=True`: without a C compiler the install still succeeds, and timeline reads every file with libyaml and
bounds title similarity in Python (slower, same results; `timeline --version` names the reader in use).
"""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension("timeline.reader._block", ["src/timeline/reader/_block.c"], optional=True),
    Extension("timeline._similar", ["src/timeline/_similar.c"], optional=True),
])
