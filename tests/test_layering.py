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


def test_core_templates_name_no_phase_page():
    """Navigation, breadcrumbs and empty states of core pages come from the phase registry."""
    core_templates = [
        *(ROOT / "templates").rglob("*.html"),
        *(ROOT / "exitstrategi" / "templates").rglob("*.html"),
    ]
    wrong = [
        (str(path.relative_to(ROOT)), phase_app)
        for path in core_templates
        for phase_app in ORDER[1:]
        if f"{{% url '{phase_app}:" in path.read_text() or f'{{% url "{phase_app}:' in path.read_text()
    ]
    assert wrong == []


def test_every_phase_registers_one_object_that_core_reads():
    from exitstrategi import dokumentationsark, faser

    registered = [(fase.nummer, fase.titel) for fase in faser.alle()]

    assert registered == [
        (0, "Grundoplysninger"),
        (1, "Fase 1: Screening"),
        (2, "Fase 2: As-is"),
        (3, "Fase 3: To-be"),
        (4, "Fase 4: Prioritering"),
    ]
    assert dokumentationsark.phases() == [titel for _nummer, titel in registered]
    bar, input_menu = faser.menu()
    assert [entry.label for entry in bar] == [
        "1. Screening",
        "2. Kortlægning",
        "3. Løsningsscenarier",
        "Workshops",
        "4. Prioritering",
        "Dokumentationsark",
    ]
    assert [entry.label for entry in input_menu] == [
        "IT-systemer",
        "Kontrakter",
        "Markedsløsninger",
        "Strategier og politikker",
        "KLE-opdatering",
        "Kommunens indstillinger",
    ]


def test_every_column_is_edited_by_its_phases_form_or_is_read_only():
    from exitstrategi import faser

    problems = []
    for fase in faser.alle():
        form_fields = set(fase.form().fields) if fase.form else set()
        for column in fase.columns:
            if column.read_only == bool(column.fields):
                problems.append((column.key, "either edited by form fields or read-only"))
            unknown = set(column.fields) - form_fields
            if unknown:
                problems.append((column.key, f"no such form fields: {sorted(unknown)}"))
    assert problems == []


PURE_RULES = [
    "exitstrategi/guiden.py",
    "exitstrategi/kontraktdatoer.py",
    "workshops/brugsmoenster.py",
    "workshops/komplethed.py",
    "workshops/loesningsscenarier.py",
    "workshops/planlaegning.py",
    "prioritering/brugerniveau.py",
    "prioritering/omfang.py",
    "prioritering/raekkefoelge.py",
    "prioritering/tidsplan.py",
    "prioritering/billeder.py",
]


@pytest.mark.parametrize("module", PURE_RULES)
def test_the_domain_rules_are_plain_python(module):
    """The rules (R2, completeness, scenarios, planning, omfang, order, timing) import no Django."""
    assert [name for name in imports_of(ROOT / module) if name.split(".")[0] == "django"] == []
