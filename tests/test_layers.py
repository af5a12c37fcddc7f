"""Imports run one way (shared/DESIGN.md): cli → clerk/batch → store/readers/extractors.

Every import statement of every module is read with ``ast``, those inside functions included, so
a lazy import cannot slip past.
"""
import ast
from pathlib import Path

import pytest

from conftest import ROOT

# room (a module or package) → what no module in it may import
FORBIDDEN = {
    "extractors": ["pipeline"],
    "pipeline.clerk": ["pipeline.batch", "pipeline.readers", "pipeline.cluster"],
    "pipeline.store": ["pipeline.clerk", "pipeline.batch", "pipeline.readers", "pipeline.cluster"],
    "pipeline.readers": ["pipeline.store", "pipeline.clerk", "pipeline.batch", "pipeline.cluster"],
    "pipeline.batch": ["pipeline.clerk"],
}
# the command line sits on top: only it and ``python -m pipeline`` import it
TOP = "pipeline.cli"
TOP_IMPORTERS = {"pipeline.cli", "pipeline.__main__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> set[str]:
    """The dotted name of everything ``path`` imports, relative imports resolved: ``from a import
    b`` gives ``a.b`` (``b`` a submodule of ``a`` or a name defined in it)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def within(module: str, room: str) -> bool:
    return module == room or module.startswith(room + ".")


MODULES = sorted(path for package in ("pipeline", "extractors")
                 for path in (ROOT / package).rglob("*.py"))


def test_relative_imports_are_resolved():
    imports = imported_names(ROOT / "pipeline" / "clerk" / "web" / "app.py")
    assert {"pipeline.store", "pipeline.clerk.actions", "pipeline.clerk.web.page.layout",
            "extractors.text.fold"} <= imports


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_run_one_way(path):
    name = module_name(path)
    imports = sorted(imported_names(path))
    violations = [f"{name} imports {imported} (forbidden in {room})"
                  for room, forbidden in FORBIDDEN.items() if within(name, room)
                  for imported in imports if any(within(imported, f) for f in forbidden)]
    if name not in TOP_IMPORTERS:
        violations += [f"{name} imports {imported}: only the command line may"
                       for imported in imports if within(imported, TOP)]
    assert not violations, "\n".join(violations)
