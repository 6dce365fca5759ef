"""Dependencies point down: core knows no phase app, an earlier phase no later one, and views do not
import the Dokumentationsark column declarations (`<app>/sheet`)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["exitstrategi", "screening", "workshops", "prioritering"]  # core first, then the phases


def imports_of(path):
    """The top-level packages and module paths a Python file imports, relative imports resolved."""
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def sources(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_only_core_and_earlier_phases(app):
    later = ORDER[ORDER.index(app) + 1 :]
    wrong = [
        (str(path.relative_to(ROOT)), name)
        for path in sources(app)
        for name in imports_of(path)
        if name.split(".")[0] in later
    ]
    assert wrong == []


def test_views_do_not_import_the_column_declarations():
    wrong = [
        (str(path.relative_to(ROOT)), name)
        for app in ORDER
        for path in sources(app)
        if "views" in path.parts or path.name == "views.py"
        for name in imports_of(path)
        if ".sheet" in f".{name}" and name.split(".")[1:2] == ["sheet"]
    ]
    assert wrong == []
