"""Pure renderers: each takes model objects and options and returns a string or a rich renderable.

They never print, never read files and never look at the clock, so output is reproducible.
"""
