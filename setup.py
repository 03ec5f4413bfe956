"""The optional C reader (src/timeline/_scan.c); everything else is in pyproject.toml.

`optional=True`: without a C compiler the install still succeeds and timeline reads files with scan.py's
Python reader (slower, same results).
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("timeline._scan", ["src/timeline/_scan.c"], optional=True)])
