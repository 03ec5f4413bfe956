"""Bytes -> YAML values with positions, the parts that timeline.load puts together (see its docstring).

    nodes       YMap, YSeq and the packed positions every reader builds; the limits they keep
    decode      files -> bytes -> text: the size cap, the encodings refused, one read of each file
    conflicts   merge-conflict markers, found in the text before any YAML is read
    compiled    the block reader (_block.c, compiled at install): plainly valid block-style files, fast
    libyaml     PyYAML's libyaml parser for everything else
    recover     after a syntax error, every other one too, and the values of the rest (issue 17)
    units       the units a syntax error is cut out with: top-level blocks, events, registry entries
    hints       what the reporter did at a syntax error, in plain words, and the fix (with shape: the lines there)
    stops       where and why a reading stopped, and what it gave
"""
