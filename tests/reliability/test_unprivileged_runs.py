"""conftest.run_unprivileged really holds its processes to permission bits, as root too: the tests of unreadable
inputs and read-only directories prove something only if the process they start is refused what root is not."""

from __future__ import annotations

import sys

import pytest
from conftest import check_permission_bits_apply, without_root_powers

import timeline


@pytest.mark.parametrize("setpriv", [True, False], ids=["setpriv-if-installed", "preexec_fn"])
def test_a_mode_000_file_and_a_read_only_directory_are_refused(tmp_path, setpriv):
    prefix, preexec_fn = without_root_powers(setpriv=setpriv)
    assert check_permission_bits_apply(prefix, preexec_fn, tmp_path) is None


def test_the_interpreter_under_test_is_the_one_that_runs(run_unprivileged):
    """Not another Python found when this one's files are out of reach (as they would be for uid 65534 here)."""
    script = "import sys, timeline; print(sys.version, sys.prefix, timeline.__file__)"
    done = run_unprivileged(python_args=("-c", script))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{sys.version} {sys.prefix} {timeline.__file__}\n"
