# Developer tasks. The test suite itself is `python -m pytest -q` (see README; on every core, `-n0` for one
# process); these are the extras.
PYTHON ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)
FUZZ_SECONDS ?= 600

.PHONY: test reliability fuzz fuzz-hypothesis fuzz-replay fuzz-readers fuzz-readers-atheris lock

test:
	$(PYTHON) -m pytest -q

# Every test README.md's "What timeline promises" names (hostile inputs, limits, signals, writing, locales, the
# cache, the archive boundary, injection), read from the README by tests/promised.py.
reliability:
	$(PYTHON) -m pytest -q $$($(PYTHON) tests/promised.py)

# Coverage-guided fuzzing with atheris (pip install atheris) for FUZZ_SECONDS; crashes land in fuzz/findings/
# (crashes already reported are listed in fuzz/target.py KNOWN: counted, not stopped on).
fuzz:
	mkdir -p fuzz/findings fuzz/corpus
	cd fuzz/findings && $(abspath $(PYTHON)) ../fuzz_validate.py ../corpus -dict=../yaml.dict \
		-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 \
		-print_final_stats=1

# The same target driven by hypothesis mutations: no extra install.
fuzz-hypothesis:
	$(PYTHON) fuzz/harness.py --seconds $(FUZZ_SECONDS)

# The reader differential alone (fuzz/readers.py): the compiled block reader (reader/_block.c) against libyaml, on
# characters YAML does not count as white space put where it skips white space; hypothesis, no extra install.
fuzz-readers:
	$(PYTHON) fuzz/harness.py --target readers --seconds $(FUZZ_SECONDS)

# The same differential, coverage-guided with atheris (pip install atheris); disagreements land in fuzz/findings/.
fuzz-readers-atheris:
	mkdir -p fuzz/findings fuzz/corpus-readers
	cd fuzz/findings && $(abspath $(PYTHON)) ../fuzz_readers.py ../corpus-readers -dict=../yaml.dict \
		-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=20 -print_final_stats=1

# Re-run every saved finding through the target and show what each one does today.
fuzz-replay:
	for f in fuzz/findings/crash-* fuzz/findings/harness-*.yaml; do [ -e "$$f" ] && $(PYTHON) fuzz/target.py "$$f" && $(PYTHON) fuzz/readers.py "$$f"; done; true

# Refresh constraints.txt (the versions CI's first run installs) from a fresh resolve of pyproject.toml's ranges;
# commit it once `.ci/run` passes with it.
lock:
	rm -rf build/lock && python3 -m venv build/lock
	build/lock/bin/python -m pip install -q --upgrade pip && build/lock/bin/python -m pip install -q -e '.[test]'
	{ sed -n '/^#/p' constraints.txt; build/lock/bin/python -m pip freeze --all --exclude-editable \
		| grep -v '^pip==' | sort -f; } > constraints.txt.new && mv constraints.txt.new constraints.txt
