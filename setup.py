"""The optional compiled block reader (src/timeline/reader/_block.c); everything else is in pyproject.toml.

`optional=True`: without a C compiler the install still succeeds, and timeline reads every file with libyaml
(slower, same results; `timeline --version` says "libyaml only").
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("timeline.reader._block", ["src/timeline/reader/_block.c"], optional=True)])
