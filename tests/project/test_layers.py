"""The import layering README.md states is the code's: every module is in one layer, none imports a layer above.

The layers are read from the README's `<!-- layers -->` block, so the tour a newcomer reads and this check are
one description: moving a module without updating the README, or importing upwards, fails here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
PACKAGE = ROOT / "src" / "timeline"
README = ROOT / "README.md"


def stated_layers() -> dict[str, int]:
    """Module name (top level under timeline: `cli`, `dates`, `model`) -> layer number, 1 = top."""
    block = re.search(r"<!-- layers -->\n```\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "README.md has no <!-- layers --> block"
    layers: dict[str, int] = {}
    for line in block.group(1).splitlines():
        match = re.match(r"\s*(\d+)\s+\S+\s+(.*)", line)
        if match:
            for name in re.split(r"[,\s]+", match.group(2).strip()):
                layers[name.rstrip("/").removesuffix(".py")] = int(match.group(1))
    return layers


def modules() -> list[str]:
    """Every top-level module or package of timeline, as the README names them."""
    names = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"}
    names |= {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    return sorted(names)


def _imports(path: Path, module: str) -> set[str]:
    """The top-level timeline modules `path` (part of `module`) imports, itself excluded."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {name.split(".")[1] for name in names if name.startswith("timeline.") and name.count(".") >= 1}
    return found - {module.split(".")[1]}


def import_edges() -> list[tuple[str, str, str]]:
    """(importing module, imported module, file) for every import between top-level timeline modules."""
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = [part for part in relative.parts if part != "__init__"]
        if len(parts) < 2:
            continue  # timeline/__init__.py: the package's front door re-exports from every layer, lazily
        module = ".".join(parts)
        for target in sorted(_imports(path, module)):  # one order in every process: xdist's workers must agree
            edges.append((parts[1], target, str(path.relative_to(ROOT))))
    return edges


def test_every_module_is_in_exactly_one_stated_layer():
    layers = stated_layers()
    assert sorted(set(modules()) - set(layers)) == [], "modules missing from README's layers block"
    assert sorted(set(layers) - set(modules()) - {"__main__"}) == [], "README names modules that do not exist"


@pytest.mark.parametrize("importer, imported, file", import_edges())
def test_no_module_imports_a_layer_above_it(importer, imported, file):
    layers = stated_layers()
    if imported not in layers:  # a name from the package root (__version__, DISTRIBUTION): the bottom
        return
    assert layers[imported] >= layers[importer], (
        f"{file} ({importer}, layer {layers[importer]}) imports {imported} (layer {layers[imported]}, above it)"
    )
