"""Every skip and xfail in the tests says why, in its own words: read from the source (ast), not run.

A skip without a reason is a test nobody can judge from the summary conftest prints at the end of every run
("skips and xfails"). Checked here: `pytest.skip(...)`, `pytest.xfail(...)`, `pytest.importorskip(...)` and the
`skip`, `skipif` and `xfail` marks, called or bare. A reason must be a string with some text in it; a name is
accepted only where the code tests it first (`[xfail(reason=reason)] if reason else []`). For `importorskip` the
module's name is one: pytest's reason is then "could not import 'pty': ...".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import TESTS

MARKS = {"skip", "skipif", "xfail"}


def literal_text(node: ast.AST) -> str | None:
    """The text a string expression holds whatever it interpolates, or None when it is not a string literal."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal_text(node.left), literal_text(node.right)
        return None if left is None or right is None else left + right
    return None


def is_mark(node: ast.AST) -> bool:
    """`pytest.mark.X` or `mark.X`."""
    return isinstance(node, ast.Attribute) and node.attr in MARKS and (
        (isinstance(node.value, ast.Attribute) and node.value.attr == "mark")
        or (isinstance(node.value, ast.Name) and node.value.id == "mark"))


def called(func: ast.AST) -> str:
    """The name of what is called: skip for `pytest.skip`, `pytest.mark.skip`, `mark.skip` or `skip`; "" for
    another object's method (`reader.skip`)."""
    if isinstance(func, ast.Name):
        return func.id
    if is_mark(func) or (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                         and func.value.id == "pytest"):
        return func.attr
    return ""


def reason_of(call: ast.Call) -> ast.AST | None:
    """The reason argument of a skip or xfail call, or None when it has none."""
    name = called(call.func)
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    if "reason" in keywords:
        return keywords["reason"]
    if name == "importorskip":
        return call.args[0] if call.args else keywords.get("modname")
    positional = (name == "skip") or (name == "xfail" and not is_mark(call.func))  # the marks' are conditions
    if positional and call.args:
        return call.args[0]
    return keywords.get("msg") if name == "skip" else None


def guarded_by(name: str, node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """True when `node` runs only where `name` is true: inside `... if name else ...` or `if name:`."""
    while node in parents:
        node, child = parents[node], node
        if isinstance(node, (ast.IfExp, ast.If)) and child is not node.test:
            in_body = child is node.body or (isinstance(node.body, list) and child in node.body)
            if in_body and isinstance(node.test, ast.Name) and node.test.id == name:
                return True
    return False


def problems_in(source: str, filename: str) -> tuple[int, list[str]]:
    """(how many skips and xfails `source` has, one line for each that gives no reason)."""
    tree = ast.parse(source, filename)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    call_targets = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    found, problems = 0, []
    for node in ast.walk(tree):
        if is_mark(node) and id(node) not in call_targets:
            found += 1
            problems.append(f"{filename}:{node.lineno}: pytest.mark.{node.attr} without a reason")
            continue
        if not isinstance(node, ast.Call) or called(node.func) not in MARKS | {"importorskip"}:
            continue
        found += 1
        reason = reason_of(node)
        text = None if reason is None else literal_text(reason)
        where = f"{filename}:{node.lineno}: {ast.unparse(node.func)}(...)"
        if reason is None:
            problems.append(f"{where} gives no reason")
        elif text is None and not (isinstance(reason, ast.Name) and guarded_by(reason.id, node, parents)):
            problems.append(f"{where}: its reason, {ast.unparse(reason)}, may be empty")
        elif text is not None and not text.strip():
            problems.append(f"{where}: its reason is empty")
    return found, problems


def test_every_skip_and_xfail_in_the_tests_gives_a_reason():
    found, problems = 0, []
    for path in sorted(TESTS.rglob("*.py")):
        count, in_file = problems_in(path.read_text(encoding="utf-8"), path.name)
        found, problems = found + count, problems + in_file
    assert found > 0, "no skip or xfail found at all: is the search still looking at the right calls?"
    assert problems == []


@pytest.mark.parametrize("source", [
    'pytest.skip("patch(1) is not installed")',
    'pytest.skip(reason="needs a POSIX shell")',
    'pytest.skip(f"cannot mount a tmpfs here: {error}")',
    'pytest.xfail("known bug")',
    '@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")\ndef test(): pass',
    '@pytest.mark.skip("not yet")\ndef test(): pass',
    'marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []',
    'if reason:\n    marks = [pytest.mark.xfail(reason=reason)]',
    'jsonschema = pytest.importorskip("jsonschema", reason="a test dependency")',
    'pty = pytest.importorskip("pty")',
    'pytest.mark.xfail(strict=True, reason="render/table.py: "\n                  "escape it")',
    'reader.skip(3)\npytest.skip.Exception\npytest.skip("no tmpfs")',
])
def test_a_reason_in_words_is_accepted(source):
    assert problems_in(source, "t.py") == (1, [])


@pytest.mark.parametrize("source", [
    "pytest.skip()",
    'pytest.skip("")',
    'pytest.skip(" ")',
    'pytest.skip(f"{reason}")',
    "pytest.skip(reason)",
    "@pytest.mark.skipif(True)\ndef test(): pass",
    "@pytest.mark.skip\ndef test(): pass",
    "@pytest.mark.xfail\ndef test(): pass",
    '@pytest.mark.xfail("sys.platform == \'win32\'")\ndef test(): pass',
    "marks = [pytest.mark.xfail(strict=True, reason=reason)]",
    "marks = [] if reason else [pytest.mark.xfail(reason=reason)]",
    "module = pytest.importorskip(name)",
    "from pytest import skip\nskip()",
])
def test_no_reason_an_empty_one_or_one_that_may_be_empty_is_found(source):
    found, problems = problems_in(source, "t.py")
    assert found == 1 and len(problems) == 1, problems
