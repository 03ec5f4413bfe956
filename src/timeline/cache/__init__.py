"""The parsed cache: validation results kept on disk for unchanged files (store.py), as JSON (codec.py), signed
with a key of this user's (secret.py).

A store that the pipeline may be handed, never the thing that drives reading: pipeline.validate_paths asks it
for the result of a set of files and offers it what validation found. Only the CLI hands one over.
"""
