"""Descriptions of other tools' data shapes that `timeline export` and `timeline import` both use.

Pure data and pure functions only (no I/O): the export renderers and the import readers read the same
description, so a column name or a date rule is written once. Layout: timelinejs.py (Knight Lab's
TimelineJS: the sheet template's columns, the JSON slide keys, EDTF <-> date parts).
"""
