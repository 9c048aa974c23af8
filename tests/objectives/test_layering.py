"""The layers of objectives/README.md, read from the source: `reports` reads `objectives`, never the reverse; and
nothing in `models`, `rules` or `files` imports a view, form, service or query."""

import ast
from pathlib import Path

import pytest

import objectives

PACKAGE = Path(objectives.__file__).parent
LOWER = ("models", "rules", "files")
UPPER = ("objectives.views", "objectives.forms", "objectives.services", "objectives.queries")
LOADERS = {"import_module", "import_string", "__import__"}


def imported(source, package):
    """Return the modules a module of `package` imports, at any depth (in a function too), as dotted names."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            names += [module, *(f"{module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in LOADERS:
            names += [
                arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
    return names


def modules(folder=""):
    """Return (path, its package's dotted name) for every module under objectives/`folder`."""
    return [
        (path, ".".join(("objectives", *path.relative_to(PACKAGE).parent.parts)))
        for path in sorted((PACKAGE / folder).rglob("*.py"))
    ]


def breaches(prefixes, found):
    return sorted(
        {
            f"{where}: {name}"
            for where, names in found
            for name in names
            if any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)
        }
    )


def imports_of(folder=""):
    return [
        (path.relative_to(PACKAGE.parent), imported(path.read_text(), package)) for path, package in modules(folder)
    ]


def test_nothing_under_objectives_imports_reports():
    assert breaches(["reports"], imports_of()) == []


@pytest.mark.parametrize("folder", LOWER)
def test_models_rules_and_files_import_no_view_form_service_or_query(folder):
    assert breaches(UPPER, imports_of(folder)) == []


def test_the_walk_reads_the_whole_package_and_every_kind_of_import():
    found = dict(imports_of())
    assert len(found) > 100 and Path("objectives/views/papers.py") in found
    assert "objectives.views.access.editable_review_or_404" in found[Path("objectives/views/papers.py")]
    assert "django.contrib.auth.models.Group" in found[Path("objectives/roles.py")]  # inside a function
    probe = (
        "import reports.views\n"
        "from reports.pack import review_pack\n"
        "from ..queries import figures\n"
        "def later():\n"
        "    from reports import docx\n"
        "    importlib.import_module('reports.pdf')\n"
    )
    names = imported(probe, "objectives.rules")
    assert breaches(["reports"], [("probe", names)]) == [
        "probe: reports",
        "probe: reports.docx",
        "probe: reports.pack",
        "probe: reports.pack.review_pack",
        "probe: reports.pdf",
        "probe: reports.views",
    ]
    assert breaches(UPPER, [("probe", names)]) == ["probe: objectives.queries", "probe: objectives.queries.figures"]
